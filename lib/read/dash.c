/*
 * dash.c - see dash.h.
 *
 * Every query exists in three static variants, one per scope, chosen by
 * index: no SQL is built at run time. The figures are declared once
 * (DASH_FIGURES) and expand both into the SUM()s of the figures query and
 * into the CASE of the list filter, so a figure and its list always agree.
 * 待核实异常 is not a fact of the day's report but of every open anomaly
 * whatever its day: its figure, its list, the by-class column and the
 * anomalies to verify are read from one FROM ... WHERE (OPEN_ANOMALIES).
 * Who must check in (打卡对象) is EXEMPT_ON() of lib/domain/exempt.h: an
 * exempt person without a report is "exempt", not "unreported", and is
 * not reminded. The day is bound once, as k.day, so that a condition may
 * name it as often as it needs.
 */
#include "read/dash.h"
#include "core/conf.h"
#include "domain/audit.h"
#include "domain/exempt.h"
#include "domain/remind.h"
#include "core/db.h"
#include "core/days.h"
#include "core/idlist.h"
#include "domain/scope.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The person p exempt from the day's check-in (k.day). */
#define EXEMPT_TODAY EXEMPT_ON("k.day")

/* name, condition over people p, the day k.day and its report d (NULL:
 * none). total = reported + unreported + exempt. */
#define DASH_FIGURES(X) \
	X(total, "1") \
	X(reported, "d.id IS NOT NULL") \
	X(unreported, "d.id IS NULL AND NOT " EXEMPT_TODAY) \
	X(exempt, "d.id IS NULL AND " EXEMPT_TODAY) \
	X(suspected, "d.diagnosis = 'suspected'") \
	X(confirmed, "d.diagnosis = 'confirmed'") \
	X(in_city, "d.in_city = 1") \
	X(on_campus, "d.on_campus = 1") \
	X(location_changed, "d.location_changed = 1") \
	X(city14, "d.in_city_days >= 14") \
	X(abroad, "d.abroad = 1") \
	X(symptoms, "d.symptoms <> ''") \
	X(risk_area, "d.risk_area_14d = 1") \
	X(returned, "d.returned_to_city = 1") \
	X(returned_fever, "d.returned_to_city = 1 AND (FIND_IN_SET('fever', d.symptoms) " \
		"OR FIND_IN_SET('fever', d.anomaly_flags))") \
	X(returned_campus, "d.returned_to_city = 1 AND d.on_campus = 1") \
	X(q_school, "d.quarantine = 'school'") \
	X(q_home, "d.quarantine = 'home'") \
	X(abnormal, "d.other_abnormal IS NOT NULL") \
	X(changed, "d.data_changed = 1")

#define AS_NAME(n, e) #n,
#define AS_SUM(n, e) ", COALESCE(SUM(" e "), 0) AS " #n
#define AS_CASE(n, e) " WHEN '" #n "' THEN (" e ")"

/* The open anomalies in scope (待核实异常), one row each, any day. */
#define ANOMALY_FIGURE "anomaly"
#define OPEN_ANOMALIES \
	"FROM people p JOIN daily_reports d ON d.person_id = p.id AND d.anomaly_state = 'open'"

const char *const dash_figures[] = { DASH_FIGURES(AS_NAME) ANOMALY_FIGURE, NULL };
_Static_assert(sizeof dash_figures / sizeof dash_figures[0] <= DASH_MAX_FIGURES + 1,
	       "more figures than DASH_MAX_FIGURES");

static const char *const anomaly_count_sql[] = SCOPE_VARIANTS(
	"SELECT COUNT(*) " OPEN_ANOMALIES, "");

#define THE_DAY "FROM (SELECT CAST(? AS DATE) AS day) k JOIN people p "
#define WITH_DAY THE_DAY "LEFT JOIN daily_reports d ON d.person_id = p.id AND d.day = k.day"

static const char *const figures_sql[] = SCOPE_VARIANTS(
	"SELECT 0" DASH_FIGURES(AS_SUM) " " WITH_DAY, "");

/* The school's figures read only the day's reports (through (day,
 * person_id)), with no person (p holds NULLs: no one is exempt); total,
 * "exempt" and "not reported" then come from the head count. */
static const char school_figures_sql[] =
	"SELECT 0" DASH_FIGURES(AS_SUM) " FROM (SELECT CAST(? AS DATE) AS day) k "
	"JOIN daily_reports d ON d.day = k.day "
	"JOIN (SELECT NULL AS id, NULL AS class_id, NULL AS status) p WHERE ? > 0";

/* The school's exempt people without a report: none to look for on a day
 * no exemption covers (the usual case), else everyone's rules. */
static const char school_exempt_sql[] =
	"SELECT IF(NOT EXISTS (SELECT 1 FROM checkin_exemptions e WHERE e.ended_at IS NULL "
	"  AND e.starts_on <= k.day AND (e.ends_on IS NULL OR e.ends_on >= k.day)), 0, "
	" (SELECT COUNT(*) FROM people p LEFT JOIN daily_reports d "
	"  ON d.person_id = p.id AND d.day = k.day WHERE d.id IS NULL AND " EXEMPT_TODAY ")) "
	"FROM (SELECT CAST(? AS DATE) AS day) k";

/* The list: the unreported first, then the reported, each in (class,
 * number) order. Each half is its own statement, so that the database
 * walks people by ix_people_class_number and stops at the page's end
 * instead of sorting everyone in scope; dash_list_load() asks for the
 * second half only when the first does not fill the page. */
#define LIST_COLUMNS \
	"SELECT p.id, p.name, p.number, p.identity, cls.name AS class, d.id AS report, " \
	" d.diagnosis, DATE_FORMAT(d.submitted_at, '%H:%i') AS at, d.data_changed, " \
	" d.anomaly_state, d.filled_by, d.is_makeup, d.day, d.bulk_filled_by AS bulk, " \
	" (SELECT f.name FROM people f WHERE f.id = d.filled_by) AS filler "

/* The list behind 待核实异常: the anomalies to verify, oldest first. */
static const char *const anomaly_list_sql[] = SCOPE_VARIANTS(
	LIST_COLUMNS OPEN_ANOMALIES " LEFT JOIN org_units cls ON cls.id = p.class_id",
	"ORDER BY d.submitted_at, d.id LIMIT ? OFFSET ?");

/* The people without a report: the list "unreported" without the
 * exempt, "exempt" only them, "total" both (marked). */
static const char *const unreported_sql[] = SCOPE_VARIANTS(
	LIST_COLUMNS ", " EXEMPT_TODAY " AS exempt " WITH_DAY
	" LEFT JOIN org_units cls ON cls.id = p.class_id",
	"AND d.id IS NULL AND (CASE ? WHEN 'unreported' THEN NOT " EXEMPT_TODAY
	" WHEN 'exempt' THEN " EXEMPT_TODAY " ELSE 1 END) "
	"ORDER BY p.class_id, p.number LIMIT ? OFFSET ?");

static const char *const unreported_count_sql[] = SCOPE_VARIANTS(
	"SELECT COUNT(*) " WITH_DAY, "AND d.id IS NULL");

static const char *const reported_sql[] = SCOPE_VARIANTS(
	LIST_COLUMNS THE_DAY "JOIN daily_reports d ON d.person_id = p.id AND d.day = k.day "
	"LEFT JOIN org_units cls ON cls.id = p.class_id",
	"AND (CASE ?" DASH_FIGURES(AS_CASE) " ELSE 0 END) "
	"ORDER BY p.class_id, p.number LIMIT ? OFFSET ?");

/* The anomaly column counts OPEN_ANOMALIES per person, any day. */
static const char *const classes_sql[] = SCOPE_VARIANTS(
	"SELECT COALESCE(cls.name, '-') AS class, COUNT(*) AS total, "
	" COUNT(d.id) AS reported, COALESCE(SUM(d.id IS NULL AND " EXEMPT_TODAY "), 0) AS exempt, "
	" COALESCE(SUM(oa.n), 0) AS anomaly "
	WITH_DAY " LEFT JOIN org_units cls ON cls.id = p.class_id "
	"LEFT JOIN (SELECT o.person_id, COUNT(*) AS n FROM daily_reports o "
	" WHERE o.anomaly_state = 'open' GROUP BY o.person_id) oa ON oa.person_id = p.id",
	"GROUP BY p.class_id, cls.name ORDER BY cls.name LIMIT 1000");

/* The trend reads the days' reports through (day, person_id): the school
 * needs no join at all; a counselor's and a college's start from their
 * people. */
static const char *const trend_sql[] = {
	"SELECT d.day, COUNT(*) AS n FROM counselor_assignments ca "
	"JOIN daily_reports d ON d.person_id = ca.student_id AND d.day BETWEEN ? AND ? "
	"WHERE ca.counselor_id = ? GROUP BY d.day",
	"SELECT d.day, COUNT(*) AS n FROM people p "
	"JOIN daily_reports d ON d.person_id = p.id AND d.day BETWEEN ? AND ? "
	"WHERE p.college_id = ? GROUP BY d.day",
	"SELECT d.day, COUNT(*) AS n FROM daily_reports d "
	"WHERE d.day BETWEEN ? AND ? AND ? > 0 GROUP BY d.day",
};

/* A handful of rows per group: read live, never in the snapshot, so a
 * declaration shows at once at every scope. */
static const char *const guests_sql[] = {
	"SELECT COUNT(*), COUNT(r.id), COALESCE(SUM(r.anomaly_flags <> ''), 0) FROM guests g "
	"LEFT JOIN guest_reports r ON r.guest_id = g.id AND r.day = ? WHERE g.counselor_id = ?",
	"SELECT COUNT(*), COUNT(r.id), COALESCE(SUM(r.anomaly_flags <> ''), 0) FROM guests g "
	"LEFT JOIN guest_reports r ON r.guest_id = g.id AND r.day = ? WHERE g.college_id = ?",
	"SELECT COUNT(*), COUNT(r.id), COALESCE(SUM(r.anomaly_flags <> ''), 0) FROM guests g "
	"LEFT JOIN guest_reports r ON r.guest_id = g.id AND r.day = ? WHERE ? > 0",
};

NEOERR *dash_guests_load(HDF *out, enum scope_kind s, long long bound, const char *day)
{
	DB_CURSOR *c = NULL;
	NEOERR *err = db_query(&c, guests_sql[s], "si", day, bound);

	if (err)
		return nerr_pass(err);
	if (db_next(c)) {
		hdf_set_int_value(out, "Dash.Guests.total", (int)db_int(c, 0));
		hdf_set_int_value(out, "Dash.Guests.declared", (int)db_int(c, 1));
		hdf_set_int_value(out, "Dash.Guests.abnormal", (int)db_int(c, 2));
	}
	db_cursor_free(&c);
	return STATUS_OK;
}

bool dash_figure_known(const char *name)
{
	for (int i = 0; name && dash_figures[i]; i++)
		if (!strcmp(dash_figures[i], name))
			return true;
	return false;
}

NEOERR *dash_figures_load(HDF *out, enum scope_kind s, long long bound,
			  const char *day)
{
	DB_CURSOR *c = NULL;
	char key[96];
	NEOERR *err;

	err = db_query(&c, s == SCOPE_SCHOOL ? school_figures_sql : figures_sql[s], "si",
		       day, bound);
	if (err)
		return nerr_pass(err);
	if (db_next(c)) {
		for (int i = 1; i < db_ncols(c); i++) {
			snprintf(key, sizeof key, "Dash.Figure.%s", db_colname(c, i));
			hdf_set_value(out, key, db_str(c, i) ? db_str(c, i) : "0");
		}
	}
	db_cursor_free(&c);
	{
		long long open = 0;

		err = db_scalar(&open, NULL, anomaly_count_sql[s], "i", bound);
		if (err)
			return nerr_pass(err);
		hdf_set_int_value(out, "Dash.Figure." ANOMALY_FIGURE, (int)open);
	}
	if (s == SCOPE_SCHOOL) {
		long long people = 0, exempt = 0;
		long long reported = hdf_get_int_value(out, "Dash.Figure.reported", 0);

		err = db_scalar(&people, NULL, "SELECT COUNT(*) FROM people", NULL);
		if (err == STATUS_OK)
			err = db_scalar(&exempt, NULL, school_exempt_sql, "s", day);
		if (err)
			return nerr_pass(err);
		hdf_set_int_value(out, "Dash.Figure.total", (int)people);
		hdf_set_int_value(out, "Dash.Figure.exempt", (int)exempt);
		hdf_set_int_value(out, "Dash.Figure.unreported", (int)(people - reported - exempt));
	}
	return STATUS_OK;
}

/* "unreported" and "exempt" hold only people without a report that day
 * and "total" everyone; every other figure holds only people with one. */
static bool figure_unreported(const char *filter)
{
	return !strcmp(filter, "unreported") || !strcmp(filter, "exempt");
}

static bool figure_any(const char *filter)
{
	return !strcmp(filter, "total");
}

NEOERR *dash_list_load(HDF *out, enum scope_kind s, long long bound,
		       const char *day, const char *filter, int page)
{
	/* One row past the page says there is a next page. */
	long long want = 101, offset = (long long)page * 100;
	int n = 0, more = 0;
	NEOERR *err;

	if (!strcmp(filter, ANOMALY_FIGURE)) {
		err = db_rows(out, "Dash.Row", &n, anomaly_list_sql[s], "iii", bound,
			      want, offset);
		if (err)
			return nerr_pass(err);
	} else if (figure_unreported(filter) || figure_any(filter)) {
		err = db_rows(out, "Dash.Row", &n, unreported_sql[s], "sisii", day, bound,
			      filter, want, offset);
		if (err)
			return nerr_pass(err);
	}
	if (n < want && !figure_unreported(filter) && strcmp(filter, ANOMALY_FIGURE)) {
		/* The reported half starts where the unreported ones end. */
		long long unreported = offset + n;
		if (figure_any(filter) && n == 0 && offset > 0) {
			/* A page past the unreported ones: how many were there? */
			err = db_scalar(&unreported, NULL, unreported_count_sql[s], "si", day, bound);
			if (err)
				return nerr_pass(err);
		} else if (!figure_any(filter)) {
			unreported = 0;
		}
		err = db_rows(out, "Dash.More", &more, reported_sql[s], "sisii", day, bound,
			      filter, want - n, offset > unreported ? offset - unreported : 0);
		if (err)
			return nerr_pass(err);
		for (int i = 0; i < more; i++) {
			char from[32], to[32];
			snprintf(from, sizeof from, "Dash.More.%d", i);
			snprintf(to, sizeof to, "Dash.Row.%d", n + i);
			err = hdf_copy(out, to, hdf_get_obj(out, from));
			if (err)
				return nerr_pass(err);
		}
		hdf_remove_tree(out, "Dash.More");
		n += more;
	}
	if (n > 100) {
		hdf_remove_tree(out, "Dash.Row.100");
		hdf_set_int_value(out, "Dash.NextPage", page + 1);
	}
	if (page > 0)
		hdf_set_int_value(out, "Dash.PrevPage", page - 1);
	hdf_set_int_value(out, "Dash.Page", page);
	return STATUS_OK;
}

NEOERR *dash_classes_load(HDF *out, enum scope_kind s, long long bound,
			  const char *day)
{
	return nerr_pass(db_rows(out, "Dash.Class", NULL, classes_sql[s], "si", day, bound));
}

#define TREND_DAYS 14

NEOERR *dash_trend_load(HDF *out, enum scope_kind s, long long bound, int day)
{
	int counts[TREND_DAYS] = { 0 };
	int first = day - TREND_DAYS + 1, total = hdf_get_int_value(out, "Dash.Figure.total", 0);
	char from[11], to[11], key[64], d[11];
	DB_CURSOR *c = NULL;
	NEOERR *err;

	day_format(first, from);
	day_format(day, to);
	err = db_query(&c, trend_sql[s], "ssi", from, to, bound);
	if (err)
		return nerr_pass(err);
	while (db_next(c)) {
		int i = day_parse(db_str(c, 0)) - first;
		if (i >= 0 && i < TREND_DAYS)
			counts[i] = (int)db_int(c, 1);
	}
	db_cursor_free(&c);
	for (int i = 0; i < TREND_DAYS; i++) {
		int pct = total ? (int)((100LL * counts[i] + total / 2) / total) : 0;
		day_format(first + i, d);
		snprintf(key, sizeof key, "Dash.Bar.%d.Day", i);
		hdf_set_value(out, key, d + 5);
		snprintf(key, sizeof key, "Dash.Bar.%d.Pct", i);
		hdf_set_int_value(out, key, pct);
		/* Geometry for the inline SVG: 20 units a bar, 100 tall. */
		snprintf(key, sizeof key, "Dash.Bar.%d.X", i);
		hdf_set_int_value(out, key, i * 20 + 2);
		snprintf(key, sizeof key, "Dash.Bar.%d.Y", i);
		hdf_set_int_value(out, key, 100 - pct);
	}
	return STATUS_OK;
}

bool dash_summary_open(int day, int today, int now_minutes, int deadline_minutes)
{
	if (day == today)
		return true;
	return day == today - 1 && now_minutes <= deadline_minutes;
}

static const char *const anomalies_sql[] = SCOPE_VARIANTS(
	"SELECT d.id, d.day, p.id AS person, p.name, p.number, d.temperature, d.anomaly_flags, "
	" DATE_FORMAT(d.submitted_at, '%m-%d %H:%i') AS at " OPEN_ANOMALIES,
	"ORDER BY d.submitted_at, d.id LIMIT 200");

NEOERR *dash_anomalies_load(HDF *out, enum scope_kind s, long long bound)
{
	return nerr_pass(db_rows(out, "Dash.Anomaly", NULL, anomalies_sql[s], "i", bound));
}

static const char *const remind_sql[] = SCOPE_VARIANTS(
	"INSERT IGNORE INTO reminders (person_id, day, sent_by, sent_at, batch) "
	"SELECT p.id, ?, ?, ?, ? " WITH_DAY, "AND d.id IS NULL AND NOT " EXEMPT_TODAY);

struct remind_ctx {
	const struct actor *a;
	enum scope_kind scope;
	long long bound;
	const char *day;
	char batch[17];
	unsigned long long sent;
};

static NEOERR *remind_in_txn(void *arg)
{
	struct remind_ctx *x = arg;
	char now[20], text[300];
	NEOERR *err;

	clock_now(now);
	err = db_exec(&x->sent, NULL, remind_sql[x->scope], "sisssi", x->day,
		      (long long)x->a->person_id, now, x->batch, x->day, x->bound);
	if (err || x->sent == 0)
		return nerr_pass(err);
	/* Sent as the scheduled reminders are (domain/remind.c). */
	err = remind_notify_batch(false, x->batch, x->day, now);
	if (err)
		return nerr_pass(err);
	snprintf(text, sizeof text, "%s x%llu", x->day, x->sent);
	return nerr_pass(audit_write(x->a, now, "remind", 0, "reminders", 0, text));
}

NEOERR *dash_remind(const struct actor *a, enum scope_kind s, long long bound,
		    const char *day, int *sent)
{
	struct remind_ctx x = { a, s, bound, day, "", 0 };
	NEOERR *err;

	/* The request's id names the batch: one per click. */
	snprintf(x.batch, sizeof x.batch, "%s", a->request_id ? a->request_id : "");
	err = db_txn(remind_in_txn, &x);
	*sent = (int)x.sent;
	return nerr_pass(err);
}

static const char *const reminded_sql[] = SCOPE_VARIANTS(
	"SELECT COUNT(*) FROM people p JOIN reminders rm ON rm.person_id = p.id AND rm.day = ?", "");

NEOERR *dash_reminded_count(enum scope_kind s, long long bound, const char *day,
			    long long *n)
{
	return nerr_pass(db_scalar(n, NULL, reminded_sql[s], "si", day, bound));
}

NEOERR *dash_rows_reports(HDF *out, const char *rows, const char *reports)
{
	HDF *list = hdf_get_obj(out, rows), *row, *a;
	DB_CURSOR *c = NULL;
	NEOERR *err = STATUS_OK;

	if (reports && reports[0] && strcmp(reports, "[]"))
		err = db_query(&c,
			"SELECT d.id, d.temperature, d.symptoms, d.city, d.in_city, d.on_campus, "
			" d.abroad, d.risk_area_14d, d.cohabitant_returned, d.returned_to_city, "
			" d.quarantine, d.other_abnormal FROM daily_reports d "
			"JOIN JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT PATH '$')) j ON j.id = d.id",
			"s", reports);
	while (err == STATUS_OK && c && db_next(c)) {
		if ((row = idlist_row(list, "report", db_int(c, 0))) == NULL)
			continue;
		err = hdf_get_node(row, "A", &a);
		for (int i = 1; err == STATUS_OK && i < 12; i++)
			if (db_str(c, i))
				err = hdf_set_value(a, db_colname(c, i), db_str(c, i));
	}
	db_cursor_free(&c);
	return nerr_pass(err);
}
