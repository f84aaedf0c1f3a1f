/* checkin.c - see checkin.h. */
#include "domain/checkin.h"
#include "domain/queue.h"
#include "domain/policy.h"
#include "core/conf.h"
#include "core/db.h"
#include "domain/audit.h"
#include "domain/facts.h"
#include "domain/notice.h"
#include "core/days.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const yes_no[] = { "1", "0", NULL };
const char *const report_quarantines[] = { "none", "school", "home", NULL };
const char *const report_diagnoses[] = { "none", "suspected", "confirmed", NULL };

static const struct form_field report_fields[] = {
	{ "temperature", FORM_DECIMAL, true, 34.0, 43.0, NULL },
	{ "sym_fever", FORM_BOOL, false, 0, 0, NULL },
	{ "sym_cough", FORM_BOOL, false, 0, 0, NULL },
	{ "sym_diarrhoea", FORM_BOOL, false, 0, 0, NULL },
	{ "city", FORM_TEXT, true, 1, 64, NULL },
	{ "in_city", FORM_CHOICE, true, 0, 0, yes_no },
	{ "on_campus", FORM_CHOICE, true, 0, 0, yes_no },
	{ "abroad", FORM_CHOICE, true, 0, 0, yes_no },
	{ "risk_area", FORM_CHOICE, true, 0, 0, yes_no },
	{ "cohabitant_returned", FORM_CHOICE, true, 0, 0, yes_no },
	{ "returned_to_city", FORM_CHOICE, true, 0, 0, yes_no },
	{ "quarantine", FORM_CHOICE, true, 0, 0, report_quarantines },
	{ "diagnosis", FORM_CHOICE, true, 0, 0, report_diagnoses },
	{ "other", FORM_TEXT, false, 0, 200, NULL },
	/* Filled by the page's script from the browser's geolocation, with
	 * the student's permission: report_position_check(). */
	{ "geo_lat", FORM_TEXT, false, 0, 32, NULL },
	{ "geo_lon", FORM_TEXT, false, 0, 32, NULL },
	{ "geo_accuracy", FORM_TEXT, false, 0, 32, NULL },
	{ 0 }
};
const struct form report_form = { "report", report_fields };

/* 校内打卡 (seed 003 一②: after the arrival, 健康打卡 turns into the
 * on-campus check-in): the temperature, the symptoms, on campus or not,
 * anything else; the travel questions are not asked (report_from_campus_form()). */
static const struct form_field campus_report_fields[] = {
	{ "temperature", FORM_DECIMAL, true, 34.0, 43.0, NULL },
	{ "sym_fever", FORM_BOOL, false, 0, 0, NULL },
	{ "sym_cough", FORM_BOOL, false, 0, 0, NULL },
	{ "sym_diarrhoea", FORM_BOOL, false, 0, 0, NULL },
	{ "on_campus", FORM_CHOICE, true, 0, 0, yes_no },
	{ "other", FORM_TEXT, false, 0, 200, NULL },
	{ "geo_lat", FORM_TEXT, false, 0, 32, NULL },
	{ "geo_lon", FORM_TEXT, false, 0, 32, NULL },
	{ "geo_accuracy", FORM_TEXT, false, 0, 32, NULL },
	{ 0 }
};
const struct form campus_report_form = { "report", campus_report_fields };

static const struct form_field basic_fields[] = {
	{ "phone", FORM_TEXT, true, 5, 32, NULL },
	{ "home_address", FORM_TEXT, true, 2, 200, NULL },
	{ "emergency_contact", FORM_TEXT, true, 1, 64, NULL },
	{ "emergency_phone", FORM_TEXT, true, 5, 32, NULL },
	{ "boarding", FORM_CHOICE, true, 0, 0, yes_no },
	{ "dorm", FORM_TEXT, false, 0, 64, NULL },
	{ 0 }
};
const struct form basic_form = { "basic", basic_fields };

bool report_mobile_ok(const char *s)
{
	char d[16];
	int n = 0;

	if (strncmp(s, "+86", 3) == 0)
		s += 3;
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9') {
			if (n == (int)sizeof d - 1)
				return false;
			d[n++] = *s;
		} else if (*s != ' ' && *s != '-') {
			return false;
		}
	}
	if (n == 13 && d[0] == '8' && d[1] == '6') {
		memmove(d, d + 2, 11);
		n = 11;
	}
	return n == 11 && d[0] == '1' && d[1] >= '3' && d[1] <= '9';
}

/* A form's value, "" when absent. */
static const char *value(form_get_fn get, void *ctx, const char *name)
{
	const char *v = get(ctx, name);
	return v ? v : "";
}

int report_basic_check(form_get_fn get, void *ctx, struct form_bad bad[REPORT_BASIC_RULES])
{
	int n = 0;

	if (!report_mobile_ok(value(get, ctx, "phone")))
		bad[n++] = (struct form_bad){ "phone", "form.err.mobile" };
	if (!strcmp(value(get, ctx, "boarding"), "1") && value(get, ctx, "dorm")[0] == '\0')
		bad[n++] = (struct form_bad){ "dorm", "form.err.dorm_needed" };
	return n;
}

/* A finite decimal number from the whole of s: digits, sign, point and
 * exponent only (strtod() would take "nan", "inf" and hex too). */
static bool finite_number(const char *s, double *out)
{
	char *end;

	if (*s == '\0' || s[strspn(s, "0123456789.+-eE")] != '\0')
		return false;
	*out = strtod(s, &end);
	return *end == '\0' && isfinite(*out);
}

int report_position_check(form_get_fn get, void *ctx, struct position *pos,
			  struct form_bad bad[REPORT_POSITION_RULES])
{
	const char *lat = value(get, ctx, "geo_lat"), *lon = value(get, ctx, "geo_lon");
	const char *acc = value(get, ctx, "geo_accuracy");
	int n = 0;

	memset(pos, 0, sizeof *pos);
	if (!lat[0] && !lon[0] && !acc[0])
		return 0;
	if (!finite_number(lat, &pos->lat) || pos->lat < -90 || pos->lat > 90)
		bad[n++] = (struct form_bad){ "geo_lat", "form.err.geo_lat" };
	if (!finite_number(lon, &pos->lon) || pos->lon < -180 || pos->lon > 180)
		bad[n++] = (struct form_bad){ "geo_lon", "form.err.geo_lon" };
	if (!finite_number(acc, &pos->accuracy) || pos->accuracy <= 0 ||
	    pos->accuracy > POSITION_MAX_ACCURACY)
		bad[n++] = (struct form_bad){ "geo_accuracy", "form.err.geo_accuracy" };
	pos->given = n == 0;
	return n;
}

unsigned report_anomalies(const struct report *r, int fever_tenths)
{
	unsigned f = 0;

	if (r->temp_tenths >= fever_tenths)
		f |= ANOM_FEVER;
	if (r->fever || r->cough || r->diarrhoea)
		f |= ANOM_SYMPTOM;
	if (r->risk_area)
		f |= ANOM_RISK_AREA;
	if (r->diagnosis != DX_NONE)
		f |= ANOM_DIAGNOSIS;
	if (r->quarantine != Q_NONE)
		f |= ANOM_QUARANTINE;
	if (r->other[0] != '\0')
		f |= ANOM_OTHER;
	return f;
}

void report_flags_text(unsigned flags, char out[80])
{
	static const char *const names[] = { "fever", "symptom", "risk_area",
		"diagnosis", "quarantine", "other" };
	size_t n = 0;

	out[0] = '\0';
	for (int i = 0; i < 6; i++)
		if (flags & (1u << i))
			n += (size_t)snprintf(out + n, 80 - n, "%s%s", n ? "," : "", names[i]);
}

bool report_differs(const struct report *a, const struct report *b)
{
	return a->fever != b->fever || a->cough != b->cough ||
	       a->diarrhoea != b->diarrhoea || strcmp(a->city, b->city) ||
	       a->in_city != b->in_city || a->on_campus != b->on_campus ||
	       a->abroad != b->abroad || a->risk_area != b->risk_area ||
	       a->cohabitant_returned != b->cohabitant_returned ||
	       a->returned_to_city != b->returned_to_city ||
	       a->quarantine != b->quarantine || a->diagnosis != b->diagnosis ||
	       strcmp(a->other, b->other);
}

static int choice_index(const char *v, const char *const *choices)
{
	for (int i = 0; v && choices[i]; i++)
		if (!strcmp(v, choices[i]))
			return i;
	return 0;
}

static bool yes(form_get_fn get, void *ctx, const char *name)
{
	return !strcmp(value(get, ctx, name), "1");
}

void report_from_form(form_get_fn get, void *ctx, struct report *rep)
{
	const char *t = get(ctx, "temperature");

	memset(rep, 0, sizeof *rep);
	rep->temp_tenths = (int)lround(strtod(t ? t : "0", NULL) * 10);
	rep->fever = yes(get, ctx, "sym_fever");
	rep->cough = yes(get, ctx, "sym_cough");
	rep->diarrhoea = yes(get, ctx, "sym_diarrhoea");
	snprintf(rep->city, sizeof rep->city, "%s", value(get, ctx, "city"));
	rep->in_city = yes(get, ctx, "in_city");
	rep->on_campus = yes(get, ctx, "on_campus");
	rep->abroad = yes(get, ctx, "abroad");
	rep->risk_area = yes(get, ctx, "risk_area");
	rep->cohabitant_returned = yes(get, ctx, "cohabitant_returned");
	rep->returned_to_city = yes(get, ctx, "returned_to_city");
	rep->quarantine = (enum quarantine)choice_index(get(ctx, "quarantine"),
							report_quarantines);
	rep->diagnosis = (enum diagnosis)choice_index(get(ctx, "diagnosis"),
						      report_diagnoses);
	snprintf(rep->other, sizeof rep->other, "%s", value(get, ctx, "other"));
}

void report_from_campus_form(form_get_fn get, void *ctx, const char *city, struct report *rep)
{
	report_from_form(get, ctx, rep);
	/* Not asked on campus: in the school's city, not abroad, no travel,
	 * no quarantine, no diagnosis (a change there is the counselor's). */
	snprintf(rep->city, sizeof rep->city, "%s", city && *city ? city : "-");
	rep->in_city = true;
	rep->abroad = false;
	rep->risk_area = false;
	rep->cohabitant_returned = false;
	rep->returned_to_city = false;
	rep->quarantine = Q_NONE;
	rep->diagnosis = DX_NONE;
}

void report_to_form(const struct report *rep, form_set_fn set_value, void *ctx)
{
	char t[16];

	snprintf(t, sizeof t, "%d.%d", rep->temp_tenths / 10, rep->temp_tenths % 10);
	set_value(ctx, "temperature", t);
	if (rep->fever) set_value(ctx, "sym_fever", "1");
	if (rep->cough) set_value(ctx, "sym_cough", "1");
	if (rep->diarrhoea) set_value(ctx, "sym_diarrhoea", "1");
	set_value(ctx, "city", rep->city);
	set_value(ctx, "in_city", rep->in_city ? "1" : "0");
	set_value(ctx, "on_campus", rep->on_campus ? "1" : "0");
	set_value(ctx, "abroad", rep->abroad ? "1" : "0");
	set_value(ctx, "risk_area", rep->risk_area ? "1" : "0");
	set_value(ctx, "cohabitant_returned", rep->cohabitant_returned ? "1" : "0");
	set_value(ctx, "returned_to_city", rep->returned_to_city ? "1" : "0");
	set_value(ctx, "quarantine", report_quarantines[rep->quarantine]);
	set_value(ctx, "diagnosis", report_diagnoses[rep->diagnosis]);
	set_value(ctx, "other", rep->other);
}

/* The columns a struct report is read from, in this order. */
#define REPORT_COLUMNS REPORT_FIELDS ", day, in_city_days "

void report_read_row(DB_CURSOR *c, void *out)
{
	struct report *rep = out;

	memset(rep, 0, sizeof *rep);
	DB_FILL(c, 0, rep->temp_tenths, rep->fever, rep->cough, rep->diarrhoea,
		rep->city, rep->in_city, rep->on_campus, rep->abroad, rep->risk_area,
		rep->cohabitant_returned, rep->returned_to_city);
	rep->quarantine = (enum quarantine)choice_index(db_str(c, 11), report_quarantines);
	rep->diagnosis = (enum diagnosis)choice_index(db_str(c, 12), report_diagnoses);
	snprintf(rep->other, sizeof rep->other, "%s", db_str(c, 13) ? db_str(c, 13) : "");
}

NEOERR *report_load_last(int person_id, int day, struct report *rep,
			 bool *found, char day_out[11])
{
	DB_CURSOR *c = NULL;
	char d[11];
	NEOERR *err;

	day_format(day, d);
	err = db_query(&c, "SELECT " REPORT_COLUMNS "FROM daily_reports "
		"WHERE person_id = ? AND day < ? ORDER BY day DESC LIMIT 1",
		"is", (long long)person_id, d);
	if (err)
		return nerr_pass(err);
	*found = db_next(c);
	if (*found) {
		report_read_row(c, rep);
		if (day_out)
			snprintf(day_out, 11, "%s", db_str(c, 14));
	}
	db_cursor_free(&c);
	return STATUS_OK;
}

static void symptoms_text(const struct report *r, char out[32])
{
	snprintf(out, 32, "%s%s%s%s%s", r->fever ? "fever" : "",
		 r->fever && (r->cough || r->diarrhoea) ? "," : "",
		 r->cough ? "cough" : "", r->cough && r->diarrhoea ? "," : "",
		 r->diarrhoea ? "diarrhoea" : "");
}

/* What the previous report tells about this one. */
struct report_context {
	bool location_changed, data_changed;
	int in_city_days;
};

/* The report before this one, as the locked read found it. */
struct previous {
	bool found;
	struct report rep;
	int day;
	long long in_city_days;
};

/* What the previous report tells about rep. */
static void compare_with_previous(const struct report_submission *s, const struct report *rep,
				  const struct previous *prev, struct report_context *ctx)
{
	memset(ctx, 0, sizeof *ctx);
	ctx->in_city_days = rep->in_city ? 1 : 0;
	if (!prev->found)
		return;
	ctx->location_changed = strcmp(prev->rep.city, rep->city) != 0;
	ctx->data_changed = report_differs(&prev->rep, rep);
	if (rep->in_city && prev->day == s->day - 1) {
		long long run = prev->in_city_days + 1;
		ctx->in_city_days = run > 255 ? 255 : (int)run;
	}
}

/* The locked read of submit_in_txn(), with REPORT_ON_CAMPUS after its
 * columns when the transaction decides the form (campus_rep). */
#define LOCKED_READ_COLUMNS "SELECT " REPORT_COLUMNS ", id, anomaly_state, submitted_at, " \
	"bulk_filled_by IS NOT NULL"
#define LOCKED_READ_FROM " FROM daily_reports WHERE person_id = ? AND day <= ? " \
	"ORDER BY day DESC LIMIT 2 FOR UPDATE"

NEOERR *report_on_campus(int person_id, int today, bool *yes)
{
	char td[11];

	day_format(today, td);
	long long v = 0;
	NEOERR *err = db_scalar(&v, NULL, "SELECT " REPORT_ON_CAMPUS, "issi",
		(long long)person_id, td, td, (long long)person_id);

	*yes = err == STATUS_OK && v != 0;
	return nerr_pass(err);
}

/* Keeps the sent-back report verbatim before it is replaced. */
static NEOERR *keep_history(long long report_id, const char *now, int by)
{
	return nerr_pass(db_exec(NULL, NULL,
		"INSERT INTO daily_report_history (report_id, person_id, day, replaced_at, "
		" replaced_by, snapshot) "
		"SELECT id, person_id, day, ?, ?, JSON_OBJECT('submitted_at', submitted_at, "
		" 'temperature', temperature, 'symptoms', symptoms, 'city', city, "
		" 'in_city', in_city, 'on_campus', on_campus, 'abroad', abroad, "
		" 'risk_area_14d', risk_area_14d, 'cohabitant_returned', cohabitant_returned, "
		" 'returned_to_city', returned_to_city, 'quarantine', quarantine, "
		" 'diagnosis', diagnosis, 'other_abnormal', other_abnormal, "
		" 'anomaly_flags', anomaly_flags, 'anomaly_state', anomaly_state, "
		" 'filled_by', filled_by, 'bulk_filled_by', bulk_filled_by, 'verified_by', verified_by, "
		" 'verify_reason', verify_reason, "
		" 'answers', (SELECT JSON_OBJECTAGG(a.question_id, a.answer) FROM report_answers a "
		"  WHERE a.report_id = daily_reports.id)) "
		"FROM daily_reports WHERE id = ?",
		"sii", now, by ? (long long)by : 0LL, report_id));
}

/* No answers given: a form_get_fn. */
static const char *no_answers(void *ctx, const char *name)
{
	(void)ctx;
	(void)name;
	return NULL;
}

static NEOERR *submit_in_txn(void *arg)
{
	struct report_submission *s = arg;
	const struct report *rep = s->rep;
	struct report campus;
	struct previous prev = { 0 };
	struct report_context ctx;
	char d[11], today[11], now[20], flags[80], sym[32], temp[8];
	struct policy pol;
	struct question q[QUESTION_MAX];
	int nq = 0;
	form_get_fn answers = s->answers ? s->answers : no_answers;
	DB_CURSOR *c = NULL;
	long long existing = 0;
	const char *state = NULL;
	bool row, campus_known = false;
	NEOERR *err;

	day_format(s->day, d);
	clock_now(now);
	snprintf(today, sizeof today, "%.10s", now);
	s->nbad = 0;
	s->replaced = false;
	s->replaced_bulk = false;
	s->on_campus = false;
	s->form_bad = false;
	/* The threshold in force, held until the report commits: a change of
	 * the rules judges today's reports again, this one included. */
	err = policy_load_locked(&pol);
	if (err)
		return nerr_pass(err);

	/* One read, locked: the day's own report if there is one (a second
	 * check-in of the same person waits here), and the one before it,
	 * which this one is compared with; for the check-in page's form,
	 * whether the person is on campus today (its subqueries lock nothing). */
	if (s->campus_rep)
		err = db_query(&c, LOCKED_READ_COLUMNS ", " REPORT_ON_CAMPUS LOCKED_READ_FROM,
			"issiis", (long long)s->person_id, today, today, (long long)s->person_id,
			(long long)s->person_id, d);
	else
		err = db_query(&c, LOCKED_READ_COLUMNS LOCKED_READ_FROM, "is",
			(long long)s->person_id, d);
	if (err)
		return nerr_pass(err);
	row = db_next(c);
	if (row && s->campus_rep) {
		s->on_campus = db_int(c, 20) != 0;
		campus_known = true;
	}
	if (row && day_parse(db_str(c, 14)) == s->day) {
		existing = db_int(c, 16);
		state = strcmp(db_str(c, 17), "sent_back") ? "kept" : "sent_back";
		/* A bulk-filled day is the person's to confirm: their own
		 * report replaces it; nobody else's does, and a bulk fill
		 * never lands on a report of any kind. */
		if (db_int(c, 19) && !s->bulk && !s->filled_by && !s->is_makeup) {
			state = "bulk";
			s->replaced_bulk = true;
		}
		snprintf(s->existing_at, sizeof s->existing_at, "%s", db_str(c, 18));
		row = db_next(c);
	}
	if (row) {
		prev.found = true;
		report_read_row(c, &prev.rep);
		prev.day = day_parse(db_str(c, 14));
		prev.in_city_days = db_int(c, 15);
	}
	db_cursor_free(&c);
	/* No report at all yet: the decision costs a statement of its own. */
	if (s->campus_rep && !campus_known) {
		err = report_on_campus(s->person_id, day_parse(today), &s->on_campus);
		if (err)
			return nerr_pass(err);
	}
	if (s->campus_rep && s->on_campus) {
		/* The city not asked on campus: the last report's, else the school's. */
		campus = *s->campus_rep;
		snprintf(campus.city, sizeof campus.city, "%s", prev.found && prev.rep.city[0] ?
			 prev.rep.city : conf_str("School.City", "-"));
		rep = &campus;
	}
	if (rep == NULL) {
		s->form_bad = true;
		return nerr_raise(HC_ERR_BADREQ, "person %d: the %s form not good", s->person_id,
				  s->on_campus ? "on-campus" : "daily");
	}

	/* The questions only when the row says some are active: a school
	 * that asks none spends no statement on them. A quick-fill copies the
	 * last report's fields only: its questions stay unanswered until the
	 * student's own check-in replaces it. */
	if (pol.questions_n > 0 && !s->bulk) {
		err = question_load_active(q, &nq);
		if (err)
			return nerr_pass(err);
		s->nbad = question_check(q, nq, answers, s->answers_ctx, s->bad);
		if (s->nbad)
			return nerr_raise(HC_ERR_BADREQ, "person %d: %d answers not good",
					  s->person_id, s->nbad);
	}
	s->flags = report_anomalies(rep, pol.fever_tenths);
	/* An abnormal answer is for a person to give, never a copy. */
	if (s->bulk && s->flags)
		return nerr_raise(HC_ERR_BADREQ, "person %d: the last report is abnormal, no bulk fill",
				  s->person_id);
	report_flags_text(s->flags, flags);
	symptoms_text(rep, sym);
	snprintf(temp, sizeof temp, "%d.%d", rep->temp_tenths / 10, rep->temp_tenths % 10);

	if (existing && (s->bulk || !strcmp(state, "kept")))
		return nerr_raise(HC_ERR_CONFLICT, "person %d already reported %s at %s",
				  s->person_id, d, s->existing_at);
	compare_with_previous(s, rep, &prev, &ctx);
	if (existing) {
		err = keep_history(existing, now, s->filled_by ? s->filled_by : s->person_id);
		if (err == STATUS_OK)
			err = db_exec(NULL, NULL,
				"UPDATE daily_reports SET submitted_at = ?, temperature = ?, "
				" symptoms = ?, city = ?, in_city = ?, in_city_days = ?, on_campus = ?, "
				" abroad = ?, location_changed = ?, risk_area_14d = ?, "
				" cohabitant_returned = ?, returned_to_city = ?, quarantine = ?, "
				" diagnosis = ?, other_abnormal = NULLIF(?, ''), anomaly = ?, "
				" anomaly_flags = ?, anomaly_state = ?, data_changed = ?, filled_by = NULLIF(?, 0), "
				" verified_by = NULL, verified_at = NULL, bulk_filled_by = NULL "
				"WHERE id = ?", "sssssiiiiiiisssssssii",
				now, temp, sym, rep->city, rep->in_city ? "1" : "0",
				(long long)ctx.in_city_days, (long long)rep->on_campus,
				(long long)rep->abroad, (long long)ctx.location_changed,
				(long long)rep->risk_area, (long long)rep->cohabitant_returned,
				(long long)rep->returned_to_city,
				rep->quarantine == Q_SCHOOL ? "school" : rep->quarantine == Q_HOME ? "home" : "none",
				rep->diagnosis == DX_SUSPECTED ? "suspected" :
				rep->diagnosis == DX_CONFIRMED ? "confirmed" : "none",
				rep->other, s->flags ? "1" : "0", flags,
				s->flags ? "open" : "none", ctx.data_changed ? "1" : "0",
				s->filled_by ? (long long)s->filled_by : 0LL, existing);
		s->report_id = existing;
		s->replaced = true;
	} else {
		err = db_exec(NULL, &s->report_id,
			"INSERT INTO daily_reports (person_id, day, submitted_at, temperature, "
			" symptoms, city, in_city, in_city_days, on_campus, abroad, "
			" location_changed, risk_area_14d, cohabitant_returned, returned_to_city, "
			" quarantine, diagnosis, other_abnormal, anomaly, anomaly_flags, "
			" anomaly_state, data_changed, is_makeup, filled_by, bulk_filled_by) "
			"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULLIF(?, ''), "
			" ?, ?, ?, ?, ?, NULLIF(?, 0), NULLIF(?, 0))",
			"isssssiiiiiiiisssisssiii",
			(long long)s->person_id, d, now, temp, sym, rep->city,
			(long long)rep->in_city, (long long)ctx.in_city_days,
			(long long)rep->on_campus, (long long)rep->abroad,
			(long long)ctx.location_changed, (long long)rep->risk_area,
			(long long)rep->cohabitant_returned, (long long)rep->returned_to_city,
			rep->quarantine == Q_SCHOOL ? "school" : rep->quarantine == Q_HOME ? "home" : "none",
			rep->diagnosis == DX_SUSPECTED ? "suspected" :
			rep->diagnosis == DX_CONFIRMED ? "confirmed" : "none",
			rep->other, (long long)(s->flags != 0), flags,
			s->flags ? "open" : "none", ctx.data_changed ? "1" : "0",
			(long long)s->is_makeup, (long long)s->filled_by,
			s->bulk ? (long long)s->filled_by : 0LL);
	}
	if (err == STATUS_OK)
		err = existing ? facts_checkin(s->person_id, s->day)
			       : facts_new_report(s->person_id, s->day, ctx.in_city_days,
						  s->flags != 0);
	/* The answers: the replaced report's go with it (kept in its history). */
	if (err == STATUS_OK && (nq || existing))
		err = question_store_answers(s->report_id, q, nq, answers, s->answers_ctx,
					     existing != 0);
	/* The position: the replaced report's goes with it. */
	if (err == STATUS_OK && existing)
		err = db_exec(NULL, NULL, "DELETE FROM report_positions WHERE report_id = ?", "i",
			      s->report_id);
	if (err == STATUS_OK && s->pos && s->pos->given)
		err = db_exec(NULL, NULL, "INSERT INTO report_positions (report_id, lat, lon, "
			      "accuracy_m) VALUES (?, ?, ?, ?)", "iddd", s->report_id, s->pos->lat,
			      s->pos->lon, s->pos->accuracy);
	if (err)
		return nerr_pass(err);
	if (s->flags) {
		long long item = 0;

		err = queue_open("anomaly", s->report_id, s->person_id, 0, now, &item);
		if (err == STATUS_OK)
			err = notice_item_opened(item, "anomaly", s->person_id, now);
		if (err)
			return nerr_pass(err);
	}
	if (s->also) {
		err = s->also(s->also_ctx, s);
		if (err)
			return nerr_pass(err);
	}
	if (s->filled_by || s->replaced)
		err = db_exec(NULL, NULL,
			"INSERT INTO audit_log (at, actor_id, action, subject_person_id, "
			" object_kind, object_id, detail, request_id, addr) "
			"VALUES (?, ?, ?, ?, 'daily_report', ?, ?, ?, ?)", "sisiisss",
			now, (long long)(s->filled_by ? s->filled_by : s->person_id),
			s->replaced_bulk ? "report.confirm_bulk" : s->replaced ? "report.resubmit" :
			s->bulk ? "report.bulk_fill" : "report.proxy_fill",
			(long long)s->person_id, s->report_id, d, s->request_id, s->addr);
	return nerr_pass(err);
}

NEOERR *report_submit(struct report_submission *s)
{
	return nerr_pass(db_txn(submit_in_txn, s));
}

NEOERR *basic_info_save(const struct actor *a, const struct basic_info *b)
{
	char now[20];

	clock_now(now);
	return nerr_pass(db_exec(NULL, NULL,
		"INSERT INTO basic_info (person_id, phone, home_address, emergency_contact, "
		" emergency_phone, boarding, dorm, filled_at) "
		"VALUES (?, ?, ?, ?, ?, ?, NULLIF(?, ''), ?)", "isssssss",
		(long long)a->person_id, b->phone, b->home_address, b->emergency_contact,
		b->emergency_phone, b->boarding, b->dorm, now));
}

struct basic_fix {
	const struct actor *a;
	int person;
	const struct basic_info *b;
};

static NEOERR *basic_fix_in_txn(void *arg)
{
	struct basic_fix *x = arg;
	const struct basic_info *b = x->b;
	char now[20], *old = NULL;
	DB_CURSOR *c = NULL;
	NEOERR *err;

	clock_now(now);
	/* The old values go into the audit row before they are replaced. */
	err = db_query(&c,
		"SELECT JSON_OBJECT('phone', phone, 'home_address', home_address, "
		"  'emergency_contact', emergency_contact, 'emergency_phone', emergency_phone, "
		"  'boarding', boarding, 'dorm', dorm) "
		"FROM basic_info WHERE person_id = ? FOR UPDATE", "i", (long long)x->person);
	if (err)
		return nerr_pass(err);
	if (db_next(c) && db_str(c, 0))
		old = strdup(db_str(c, 0));
	db_cursor_free(&c);
	/* None given yet: nothing to correct, but the boarding below still
	 * holds (a row only when there were old values). */
	if (old)
		err = audit_write(x->a, now, "basic_info.correct", x->person, "basic_info",
				  x->person, old);
	free(old);
	if (err == STATUS_OK)
		err = db_exec(NULL, NULL,
			"UPDATE basic_info SET phone = ?, home_address = ?, emergency_contact = ?, "
			" emergency_phone = ?, boarding = ?, dorm = NULLIF(?, ''), updated_by = ?, "
			" updated_at = ? WHERE person_id = ?", "ssssssisi",
			b->phone, b->home_address, b->emergency_contact, b->emergency_phone,
			b->boarding, b->dorm, (long long)x->a->person_id, now, (long long)x->person);
	/* The counselor's word is the dorm record the card and the gate go by:
	 * a returned day student made a boarder gets "may return (boarder)"
	 * and moves in through the dorm scan (seed 000, FAQ 6). */
	if (err == STATUS_OK)
		err = db_exec(NULL, NULL, "UPDATE people SET boarding = ? WHERE id = ?",
			"si", b->boarding, (long long)x->person);
	if (err == STATUS_OK)
		err = facts_boarding(x->person);
	return nerr_pass(err);
}

NEOERR *basic_info_correct(const struct actor *a, int person, const struct basic_info *b)
{
	struct basic_fix x = { a, person, b };
	return nerr_pass(db_txn(basic_fix_in_txn, &x));
}
