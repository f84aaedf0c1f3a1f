/*
 * dashboard.c - /dashboard: the counselor's view of the daily check-ins
 * (辅导员查看每日打卡情况), over their scope: a counselor's own students, a
 * college reviewer's college, the school admin's everyone.
 *
 *   GET  /dashboard            200 figures, the list behind one (?f=), by class,
 *                              the 14-day trend, anomalies to verify
 *   GET  /dashboard/export     200 the list as CSV (UTF-8 with BOM)
 *   POST /dashboard/remind     303 back, with how many were reminded
 *   POST /dashboard/verify     303 back; 409 decided meanwhile; 403 out of scope
 *   GET  /dashboard/summary    200 the day's summary form, or the frozen one
 *   POST /dashboard/summary    303; 400 a typed-in figure that is not a whole
 *                              number from 0 (the form again, each named);
 *                              403 past the deadline; 409 submitted already
 *   GET  /dashboard/summaries  200 (admin) who has submitted the day's summary
 *   GET  /dashboard/colleges   200 (admin) each college's reporting rate, the last
 *                              7 days and 4 weeks, a table and an SVG chart
 */
#include "web/app.h"
#include "read/campus.h"
#include "core/conf.h"
#include "read/completion.h"
#include "core/csv.h"
#include "core/idlist.h"
#include "read/questions.h"
#include "read/dash.h"
#include "domain/summary.h"
#include "domain/policy.h"
#include "domain/review.h"
#include "core/days.h"
#include "web/form.h"
#include "read/figures_cache.h"
#include "read/rounds.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The chosen day (?day=), never in the future; a bad one falls back to
 * today with a message: the nearest valid view, not an error. */
static int chosen_day(struct req *r, char out[11])
{
	const char *p = app_param(r, "day", NULL);
	int today = app_today(), day = p ? day_parse(p) : today;

	if (day < 0 || day > today) {
		if (p && *p)
			hdf_set_value(r->hdf, "Dash.Message", tr(r, "dashboard.bad_day"));
		day = today;
	}
	day_format(day, out);
	if (day == today)
		hdf_set_int_value(r->hdf, "Dash.IsToday", 1);
	hdf_set_value(r->hdf, "Dash.Day", out);
	return day;
}

static const char *chosen_filter(struct req *r)
{
	const char *f = app_param(r, "f", "total");

	if (dash_figure_known(f))
		return f;
	hdf_set_value(r->hdf, "Dash.Message", tr(r, "dashboard.bad_filter"));
	return "total";
}

static int chosen_page(struct req *r)
{
	return (int)app_num(r, "page", 0);
}

static void export_figure_labels(struct req *r)
{
	app_export_named_list(r, "Dash.Figures", dash_figures, "dashboard.figure");
}

struct aggregates {
	enum scope_kind s;
	long long bound;
	const char *day;
	int d;
};

static NEOERR *aggregates_fill(HDF *hdf, void *arg)
{
	struct aggregates *a = arg;
	NEOERR *err = dash_figures_load(hdf, a->s, a->bound, a->day);

	if (err == STATUS_OK)
		err = dash_classes_load(hdf, a->s, a->bound, a->day);
	if (err == STATUS_OK)
		err = dash_trend_load(hdf, a->s, a->bound, a->d);
	return nerr_pass(err);
}

/* The figures, the classes and the trend. A counselor's (a few hundred
 * students) are read live; a college's and the school's scan every
 * student's day, so they come from a snapshot at most
 * Dash.SnapshotSeconds old (lib/read/figures_cache.h), and the page says when it
 * was made. */
static NEOERR *aggregates_load(struct req *r, enum scope_kind s, long long bound,
			       const char *day, int d)
{
	static const char *const roots[] = { "Dash.Figure", "Dash.Class", "Dash.Bar", NULL };
	struct aggregates a = { s, bound, day, d };
	struct snap_key k = { s == SCOPE_SCHOOL ? "school" : "college",
		s == SCOPE_SCHOOL ? 0 : bound, day,
		conf_int("Dash.SnapshotSeconds", 30), "Dash.Snapshot", roots };

	if (s == SCOPE_COUNSELOR)
		return nerr_pass(aggregates_fill(r->hdf, &a));
	return nerr_pass(snap_load(&k, r->hdf, aggregates_fill, &a));
}

static NEOERR *show(struct req *r)
{
	char day[11];
	long long bound;
	enum scope_kind s = scope_kind_of(&r->who, &bound);
	int d = chosen_day(r, day);
	const char *f = chosen_filter(r);
	NEOERR *err;

	hdf_set_value(r->hdf, "Dash.Filter", f);
	hdf_set_int_value(r->hdf, "Dash.Scope", s);
	export_figure_labels(r);
	err = aggregates_load(r, s, bound, day, d);
	if (err == STATUS_OK)
		err = dash_list_load(r->hdf, s, bound, day, f, chosen_page(r));
	if (err == STATUS_OK)
		err = dash_anomalies_load(r->hdf, s, bound);
	if (err == STATUS_OK)
		err = dash_guests_load(r->hdf, s, bound, day);
	if (err == STATUS_OK) {
		/* 请销假: who is out past their leave (the list on /leave). */
		long long overdue = 0;
		char today[11];

		day_format(app_today(), today);
		err = campus_away_leaves(r->hdf, "Dash.Away", s, bound, today, &overdue);
		hdf_set_int_value(r->hdf, "Dash.LeavesOverdue", (int)overdue);
		hdf_remove_tree(r->hdf, "Dash.Away");
	}
	if (err == STATUS_OK && hdf_get_int_value(r->hdf, "Dash.IsToday", 0)) {
		long long n = 0;

		err = dash_reminded_count(s, bound, day, &n);
		hdf_set_int_value(r->hdf, "Dash.RemindedToday", (int)n);
	}
	if (err)
		return nerr_pass(err);
	return nerr_pass(app_render(r, "dashboard.cs"));
}

/* GET /dashboard/remind: how many would be reminded, and a button that
 * does it; the dashboard's own button only leads here. */
static NEOERR *remind_confirm(struct req *r)
{
	char day[11];
	long long bound, n = 0;
	enum scope_kind s = scope_kind_of(&r->who, &bound);
	NEOERR *err;

	day_format(app_today(), day);
	hdf_set_value(r->hdf, "Dash.Day", day);
	err = dash_figures_load(r->hdf, s, bound, day);
	if (err == STATUS_OK)
		err = dash_reminded_count(s, bound, day, &n);
	if (err)
		return nerr_pass(err);
	hdf_set_int_value(r->hdf, "Dash.RemindedToday", (int)n);
	return nerr_pass(app_render(r, "dashboard_remind.cs"));
}

/* The day's answers a CSV with ?answers=1 adds: the report's column,
 * its header's language key, and the key its value is put in words by
 * (<words>.<value>), NULL for a value as given. Symptoms: symptom_words(). */
static const struct {
	const char *col, *header, *words;
} answer_cols[] = {
	{ "temperature", "form.report.temperature", NULL },
	{ "symptoms", "person.symptoms", NULL },
	{ "city", "form.report.city", NULL },
	{ "in_city", "form.report.in_city", "form.report.in_city" },
	{ "on_campus", "form.report.on_campus", "form.report.on_campus" },
	{ "abroad", "form.report.abroad", "form.report.abroad" },
	{ "risk_area_14d", "form.report.risk_area", "form.report.risk_area" },
	{ "cohabitant_returned", "form.report.cohabitant_returned",
	  "form.report.cohabitant_returned" },
	{ "returned_to_city", "form.report.returned_to_city", "form.report.returned_to_city" },
	{ "quarantine", "form.report.quarantine", "form.report.quarantine" },
	{ "other_abnormal", "person.other", NULL },
};
#define NANSWER_COLS (sizeof answer_cols / sizeof answer_cols[0])

/* "fever,cough" in words, as /person says them. */
static void symptom_words(struct req *r, const char *list, char *out, size_t n)
{
	static const char *const known[] = { "fever", "cough", "diarrhoea" };
	char key[64];
	size_t len = 0;

	out[0] = '\0';
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
		if (strstr(list, known[i])) {
			snprintf(key, sizeof key, "form.report.sym_%s", known[i]);
			len += (size_t)snprintf(out + len, len < n ? n - len : 0, "%s%s",
						len ? " " : "", tr(r, key));
		}
	if (!out[0] && *list == '\0')
		snprintf(out, n, "%s", tr(r, "person.none"));
}

/* A row's answers cells: the report's, then the form's own questions'
 * (Dash.Question.<n>.id); empty for a row without a report. */
static void answer_cells(struct req *r, STRING *out, HDF *row, bool last)
{
	HDF *a = hdf_get_obj(row, "A"), *q = hdf_get_obj(r->hdf, "Dash.Question.0");
	char key[96], words[256];

	for (size_t i = 0; i < NANSWER_COLS; i++) {
		const char *v = a ? hdf_get_value(a, answer_cols[i].col, "") : "";

		if (a && !strcmp(answer_cols[i].col, "symptoms")) {
			symptom_words(r, v, words, sizeof words);
			v = words;
		} else if (a && answer_cols[i].words && *v) {
			snprintf(key, sizeof key, "%s.%s", answer_cols[i].words, v);
			v = tr(r, key);
		}
		csv_cell(out, v, last && i + 1 == NANSWER_COLS && q == NULL);
	}
	for (; q; q = hdf_obj_next(q)) {
		const char *v;

		snprintf(key, sizeof key, "Q.%s", hdf_get_value(q, "id", "0"));
		v = hdf_get_value(row, key, "");
		if (!strcmp(hdf_get_value(q, "kind", ""), "yesno") && *v)
			v = tr(r, !strcmp(v, "1") ? "question.yes" : "question.no");
		csv_cell(out, v, last && hdf_obj_next(q) == NULL);
	}
}

static NEOERR *export_csv(struct req *r)
{
	static const char *const cols[] = { "number", "name", "identity", "class",
		"at", "diagnosis", "data_changed", "anomaly_state", "day" };
	const size_t ncols = sizeof cols / sizeof cols[0];
	char day[11], key[64], disp[40];
	long long bound;
	enum scope_kind s = scope_kind_of(&r->who, &bound);
	bool answers = app_num(r, "answers", 0) == 1;
	const char *f;
	STRING out, ids;
	NEOERR *err = STATUS_OK;
	int page;

	string_init(&ids);
	chosen_day(r, day);
	f = chosen_filter(r);
	if (answers)
		err = questions_of_day(r->hdf, "Dash.Question", day, r->lang);
	string_init(&out);
	string_append(&out, "\xEF\xBB\xBF");
	for (size_t i = 0; err == STATUS_OK && i < ncols; i++) {
		snprintf(key, sizeof key, "dashboard.col.%s", cols[i]);
		csv_cell(&out, tr(r, key), !answers && i + 1 == ncols);
	}
	if (answers) {
		for (size_t i = 0; i < NANSWER_COLS; i++)
			csv_cell(&out, tr(r, answer_cols[i].header),
				 i + 1 == NANSWER_COLS && !hdf_get_obj(r->hdf, "Dash.Question.0"));
		for (HDF *q = hdf_get_obj(r->hdf, "Dash.Question.0"); q; q = hdf_obj_next(q))
			csv_cell(&out, hdf_get_value(q, "label", ""), hdf_obj_next(q) == NULL);
	}
	/* Page through the list: the same query as the screen, so they agree. */
	for (page = 0; err == STATUS_OK && page < 1000; page++) {
		hdf_remove_tree(r->hdf, "Dash.Row");
		hdf_remove_tree(r->hdf, "Dash.NextPage");
		err = dash_list_load(r->hdf, s, bound, day, f, page);
		if (err == STATUS_OK && answers) {
			/* The page's reports, for their answers. */
			string_clear(&ids);
			string_init(&ids);
			err = idlist_from_rows(&ids, hdf_get_obj(r->hdf, "Dash.Row"), "report");
		}
		if (err == STATUS_OK && answers)
			err = dash_rows_reports(r->hdf, "Dash.Row", ids.buf);
		if (err == STATUS_OK && answers && hdf_get_obj(r->hdf, "Dash.Question.0"))
			err = questions_rows_answers(r->hdf, "Dash.Row", ids.buf, r->lang);
		if (err)
			break;
		for (HDF *row = hdf_get_obj(r->hdf, "Dash.Row.0"); row; row = hdf_obj_next(row)) {
			for (size_t i = 0; i < ncols; i++) {
				const char *v = hdf_get_value(row, cols[i], "");
				if (!strcmp(cols[i], "at") && !*v)
					v = tr(r, hdf_get_int_value(row, "exempt", 0) ?
					       "dashboard.exempt_mark" : "dashboard.not_reported");
				snprintf(disp, sizeof disp, "identity.%s", v);
				if (!strcmp(cols[i], "identity"))
					v = tr(r, disp);
				csv_cell(&out, v, !answers && i + 1 == ncols);
			}
			if (answers)
				answer_cells(r, &out, row, true);
		}
		if (!hdf_get_value(r->hdf, "Dash.NextPage", NULL))
			break;
	}
	if (err == STATUS_OK) {
		app_header(r, "Content-Disposition: attachment; filename=\"checkin-%s-%s%s.csv\"", day,
			   f, answers ? "-answers" : "");
		err = app_send(r, "text/csv; charset=utf-8", out.buf, (size_t)out.len);
	}
	string_clear(&out);
	string_clear(&ids);
	return nerr_pass(err);
}

static NEOERR *remind(struct req *r)
{
	char day[11];
	long long bound;
	enum scope_kind s = scope_kind_of(&r->who, &bound);
	int sent = 0;
	NEOERR *err;

	day_format(app_today(), day);
	err = dash_remind(&r->who, s, bound, day, &sent);
	if (err)
		return nerr_pass(err);
	return nerr_pass(app_redirectf(r, "/dashboard?f=unreported&reminded=%d", sent));
}

static NEOERR *verify(struct req *r)
{
	long long report = app_num(r, "report", 0);
	bool send_back = !strcmp(app_param(r, "decision", ""), "send_back");
	const char *reason = app_param(r, "reason", "");
	struct review_result res;
	NEOERR *err;

	if (strlen(reason) > 500)
		return nerr_raise(HC_ERR_BADREQ, "reason too long");
	if (send_back && !*reason) {
		/* A send-back tells the student why. */
		hdf_set_value(r->hdf, "Dash.Message", tr(r, "dashboard.reason_needed"));
		r->status = 400;
		return nerr_pass(show(r));
	}
	err = review_decide_report(&r->who, report, send_back, reason, &res);
	if (err)
		return nerr_pass(err);
	switch (res.outcome) {
	case RO_DONE:
		return nerr_pass(app_redirect(r, "/dashboard?verified=1"));
	case RO_ALREADY:
		hdf_set_value(r->hdf, "Decided.By", res.by);
		hdf_set_value(r->hdf, "Decided.At", res.at);
		r->status = 409;
		return nerr_pass(app_render(r, "dashboard_decided.cs"));
	case RO_FORBIDDEN:
		return nerr_raise(HC_ERR_FORBIDDEN, "report %lld out of scope", report);
	default:
		return nerr_raise(HC_ERR_NOTFOUND, "report %lld: %s", report,
				  review_outcome_name(res.outcome));
	}
}

/* The summary deadline in force (domain/policy.h), "HH:MM" into out. */
static NEOERR *deadline_minutes(char out[6], int *minutes)
{
	struct policy pol;
	NEOERR *err = policy_load(&pol);

	if (err)
		return nerr_pass(err);
	memcpy(out, pol.summary_deadline, 6);
	*minutes = policy_minutes(pol.summary_deadline);
	return STATUS_OK;
}

static int now_minutes(void)
{
	time_t t = time(NULL);
	struct tm tm;

	localtime_r(&t, &tm);
	return tm.tm_hour * 60 + tm.tm_min;
}

#define AS_ONE(n) + 1
#define HAND_MAX (0 SUMMARY_HAND(AS_ONE))

/* Summary.Hand.<n>.{name, label, value, error}: the figures the
 * counselor types in (domain/summary.h), with what was sent (a form
 * re-rendered keeps it; a blank form starts at 0) and its message. */
static void export_hand_fields(struct req *r)
{
	char key[80], field[64];

	app_export_named_list(r, "Summary.Hand", summary_hand, "summary.hand");
	for (int i = 0; summary_hand[i]; i++) {
		snprintf(field, sizeof field, "hand_%s", summary_hand[i]);
		snprintf(key, sizeof key, "Summary.Hand.%d.value", i);
		hdf_set_value(r->hdf, key, app_param(r, field, "0"));
	}
}

/* The typed-in figures into hand[] (one left blank, or not sent by an
 * older form, is 0: none); each bad one gets its message
 * (Summary.Hand.<n>.error). Returns the number of bad ones. */
static int hand_check(struct req *r, long long hand[])
{
	static const struct form_field count = { "hand", FORM_INT, false, 0, SUMMARY_HAND_MAX, NULL };
	char key[80], field[64];
	int bad = 0;

	for (int i = 0; summary_hand[i]; i++) {
		const char *msg, *v;

		snprintf(field, sizeof field, "hand_%s", summary_hand[i]);
		v = app_param(r, field, "");
		msg = form_field_error(&count, v);
		if (msg) {
			snprintf(key, sizeof key, "Summary.Hand.%d.error", i);
			hdf_set_value(r->hdf, key, tr(r, "summary.hand_bad"));
			bad++;
			continue;
		}
		hand[i] = atoll(v);
	}
	return bad;
}

/* The counselor's own group, whatever wider role they also hold. */
static NEOERR *summary_page(struct req *r, const char *day, int d)
{
	bool submitted;
	char until[6];
	int deadline = 0;
	NEOERR *err;

	export_figure_labels(r);
	export_hand_fields(r);
	hdf_set_value(r->hdf, "Summary.Day", day);
	err = deadline_minutes(until, &deadline);
	if (err == STATUS_OK)
		err = summary_load(r->hdf, "Summary.Done", r->who.person_id, day, &submitted);
	if (err)
		return nerr_pass(err);
	if (!submitted && dash_summary_open(d, app_today(), now_minutes(), deadline))
		hdf_set_int_value(r->hdf, "Summary.Open", 1);
	hdf_set_value(r->hdf, "Summary.Deadline", until);
	err = dash_figures_load(r->hdf, SCOPE_COUNSELOR, r->who.person_id, day);
	if (err == STATUS_OK)
		err = dash_list_load(r->hdf, SCOPE_COUNSELOR, r->who.person_id, day, "unreported", 0);
	if (err)
		return nerr_pass(err);
	return nerr_pass(app_render(r, "dashboard_summary.cs"));
}

static NEOERR *summary_form(struct req *r)
{
	char day[11];
	int d = chosen_day(r, day);

	return nerr_pass(summary_page(r, day, d));
}

static NEOERR *summary_send(struct req *r)
{
	const char *notes = app_param(r, "notes", "");
	char day[11];
	long long values[DASH_MAX_FIGURES], hand[HAND_MAX] = { 0 };
	char until[6];
	int d = chosen_day(r, day), deadline = 0;
	NEOERR *err;

	err = deadline_minutes(until, &deadline);
	if (err)
		return nerr_pass(err);
	if (!dash_summary_open(d, app_today(), now_minutes(), deadline)) {
		r->status = 403;
		hdf_set_value(r->hdf, "Dash.Message", tr(r, "summary.closed"));
		return nerr_pass(summary_page(r, day, d));
	}
	if (strlen(notes) > 2000 || form_field_error(&(struct form_field){
			"notes", FORM_TEXT, false, 0, 2000, NULL }, notes)) {
		r->status = 400;
		hdf_set_value(r->hdf, "Dash.Message", tr(r, "form.err.toolong"));
		hdf_set_value(r->hdf, "Summary.Notes", notes);
		return nerr_pass(summary_page(r, day, d));
	}
	if (hand_check(r, hand)) {
		/* The page again with what was typed, each bad figure named. */
		r->status = 400;
		hdf_set_value(r->hdf, "Dash.Message", tr(r, "summary.hand_fix"));
		hdf_set_value(r->hdf, "Summary.Notes", notes);
		return nerr_pass(summary_page(r, day, d));
	}
	/* The figures as they stand now are what gets frozen. */
	err = dash_figures_load(r->hdf, SCOPE_COUNSELOR, r->who.person_id, day);
	if (err)
		return nerr_pass(err);
	for (int i = 0; dash_figures[i]; i++) {
		char key[80];
		snprintf(key, sizeof key, "Dash.Figure.%s", dash_figures[i]);
		values[i] = hdf_get_int_value(r->hdf, key, 0);
	}
	err = summary_submit(&r->who, day, dash_figures, values, hand, notes);
	if (nerr_match(err, HC_ERR_CONFLICT)) {
		nerr_ignore(&err);
		r->status = 409;
		hdf_set_value(r->hdf, "Dash.Message", tr(r, "summary.already"));
		return nerr_pass(summary_page(r, day, d));
	}
	if (err)
		return nerr_pass(err);
	return nerr_pass(app_redirectf(r, "/dashboard/summary?day=%s", day));
}

static NEOERR *summaries(struct req *r)
{
	char day[11];
	NEOERR *err;

	chosen_day(r, day);
	export_hand_fields(r);
	err = summary_list(r->hdf, "Summaries", day);
	if (err)
		return nerr_pass(err);
	return nerr_pass(app_render(r, "dashboard_summaries.cs"));
}

/* Each college's reporting rate, daily and weekly (read/completion.h). */
static NEOERR *colleges(struct req *r)
{
	NEOERR *err = completion_load(r->hdf, "Completion", app_today());

	if (err)
		return nerr_pass(err);
	return nerr_pass(app_render(r, "dashboard_colleges.cs"));
}

#define STAFF_SCOPES (R_COUNSELOR | R_REVIEWER | R_ADMIN)

#define PAGE { "page", P_INT, .min = 0, .max = 99999 }

static const struct action actions[] = {
	{ "", M_GET, STAFF_SCOPES, show, .params = PARAMS(PAGE) },
	{ "export", M_GET, STAFF_SCOPES, export_csv,
	  .params = PARAMS({ "answers", P_INT, .min = 0, .max = 1 }) },
	{ "remind", M_GET, STAFF_SCOPES, remind_confirm },
	{ "remind", M_POST, STAFF_SCOPES, remind },
	{ "verify", M_POST, STAFF_SCOPES, verify, .params = PARAMS(
	  { "report", P_ID, true }, { "decision", P_ENUM, true, .values = "clear send_back" }) },
	{ "summary", M_GET, R_COUNSELOR, summary_form },
	{ "summary", M_POST, R_COUNSELOR, summary_send, .lines = "notes" },
	{ "summaries", M_GET, R_ADMIN, summaries },
	{ "colleges", M_GET, R_ADMIN, colleges },
	{ 0 }
};

int main(void)
{
	static const struct page page = { "dashboard", actions };
	return app_main(&page);
}
