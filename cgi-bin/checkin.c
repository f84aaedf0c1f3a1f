/*
 * checkin.c - /checkin: the daily health check-in (每日打卡).
 *
 * The student gives basic info once, then one report a day: a blank form,
 * or "same as yesterday" (一键打卡), which pre-fills the last report for
 * the student to check and confirm. A counselor proxy-fills (代填) for a
 * student in scope. A report sent back (退回) by the counselor may be
 * submitted again for that day; nothing else can change a report.
 *
 *   GET  /checkin            200 basic-info form, report form (today's, or
 *                            ?day= a day sent back), "done today", or
 *                            ?day= a past day's report with what was
 *                            abnormal; 403 a past day without a report
 *   POST /checkin/basic      303 /checkin; 400 form with messages; 409 already given
 *   POST /checkin            303 /checkin?done=DAY; 400 form with messages;
 *                            409 "already checked in at HH:MM"; today's
 *                            report filled in bulk (快速填充) is replaced
 *   GET  /checkin/calendar   200 the term's days and their states
 *   GET  /checkin/proxy      200 proxy-fill form (?person=ID); 403 out of scope
 *   POST /checkin/proxy      303 /dashboard; 400 form; 403; 409
 *   GET  /checkin/basic_fix  200 a counselor's correction form for ?person=ID
 *   POST /checkin/basic_fix  303 the student's card; 400 form; 403; 404 none yet
 *   GET  /checkin/fillers    200 my 代填人 (students: name, revoke) and whom
 *                            I may fill for (anyone named)
 *   POST /checkin/fillers    303 /checkin/fillers?named=ID; 400 the form with
 *                            the number or relation named
 *   POST /checkin/unfiller   303 /checkin/fillers?revoked=ID; 404 not mine
 *   GET  /checkin/for        200 a named filler's form for ?person=ID; 403 not
 *                            (or no longer) named; 409 filled already
 *   POST /checkin/for        303 /checkin/fillers?filled=ID; 400; 403; 409
 *
 * After the arrival (the gate's scan: a blue card), and while not away on
 * leave, the form is the on-campus check-in (校内打卡, seed 003 一②):
 * fewer questions (campus_report_form), the same report row.
 */
#include "web/app.h"
#include "read/checkins.h"
#include "read/directory.h"
#include "read/questions.h"
#include "core/days.h"
#include "core/hdfput.h"
#include "web/form.h"
#include "domain/checkin.h"
#include "domain/proxyfill.h"
#include "domain/scope.h"
#include "read/collect.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The day asked for (?day=, else today) and whether its report was sent
 * back (退回): then the form is open again for it, today's as any other
 * day's (seed 000, FAQ 3). A past day that was not sent back is only
 * shown: the callers refuse to take a report for it. */
static NEOERR *form_day(struct req *r, int person, int *day, bool *resubmit)
{
	const char *p = app_param(r, "day", NULL);
	int today = app_today();

	*day = today;
	*resubmit = false;
	if (p != NULL && strcmp(p, "")) {
		*day = day_parse(p);
		if (*day < 0 || *day > today)
			return nerr_raise(HC_ERR_BADREQ, "bad day %s", p);
	}
	return nerr_pass(checkins_sent_back(person, *day, resubmit));
}

static NEOERR *refuse_past_day(int day)
{
	char d[11];

	day_format(day, d);
	return nerr_raise(HC_ERR_FORBIDDEN, "day %s is neither today nor sent back", d);
}

/* Checkin.SentBack.day / .verify_reason: another day sent back, the
 * oldest, so that every check-in page leads to its form. */
static NEOERR *load_other_sent_back(struct req *r, int person, int day)
{
	struct sent_back sb;
	bool found;
	NEOERR *err = checkins_other_sent_back(person, day, &sb, &found);

	if (err || !found)
		return nerr_pass(err);
	hdf_set_value(r->hdf, "Checkin.SentBack.day", sb.day);
	if (sb.reason[0])
		hdf_set_value(r->hdf, "Checkin.SentBack.verify_reason", sb.reason);
	return STATUS_OK;
}

static void set_day(struct req *r, const char *key, int day)
{
	char d[11];

	day_format(day, d);
	hdf_set_value(r->hdf, key, d);
}

/* Form.Value.<name>: a form_set_fn for report_to_form(). */
static void form_value(void *ctx, const char *name, const char *value)
{
	struct req *r = ctx;
	char key[96];

	snprintf(key, sizeof key, "Form.Value.%s", name);
	hdf_set_value(r->hdf, key, value);
}

/* basic_form's fields, then its rules across fields: a message on each
 * bad field not already marked. Returns the number of bad fields. */
static int basic_check(struct req *r)
{
	struct form_bad bad[REPORT_BASIC_RULES];
	char key[96];
	int n, errors, more = 0;

	form_check(r, &basic_form);
	errors = hdf_get_int_value(r->hdf, "Form.Errors", 0);
	n = report_basic_check(app_query, r, bad);
	for (int i = 0; i < n; i++) {
		snprintf(key, sizeof key, "Form.Error.%s", bad[i].field);
		if (hdf_get_value(r->hdf, key, NULL))
			continue;
		hdf_set_value(r->hdf, key, tr(r, bad[i].msg));
		more++;
	}
	if (more)
		hdf_set_int_value(r->hdf, "Form.Errors", errors + more);
	return errors + more;
}

/* The position the page's script filled in (the student's own report
 * only: a proxy's phone is not where the student is); the errors into
 * Form.Error.*, their number returned. */
static int position_check(struct req *r, struct position *pos)
{
	struct form_bad bad[REPORT_POSITION_RULES];
	int n = report_position_check(app_query, r, pos, bad);

	for (int i = 0; i < n; i++)
		form_error(r, bad[i].field, bad[i].msg);
	return n;
}

/* The answers not good, each a message on its field. */
static void answer_errors(struct req *r, const struct question_bad *bad, int n)
{
	for (int i = 0; i < n; i++)
		form_error(r, bad[i].field, bad[i].msg);
}

/* Checkin.Q: the daily form's active questions (domain/question.h), with
 * the answers given kept (Form.Value.q<id>) when keep. */
static NEOERR *questions_export(struct req *r, bool keep)
{
	char key[64];
	NEOERR *err = questions_form(r->hdf, "Checkin.Q", r->lang, NULL);

	if (err || !keep)
		return nerr_pass(err);
	for (HDF *q = hdf_get_obj(r->hdf, "Checkin.Q.0"); q; q = hdf_obj_next(q)) {
		const char *name = hdf_get_value(q, "Name", "");
		const char *v = app_param(r, name, NULL);

		snprintf(key, sizeof key, "Form.Value.%s", name);
		if (v)
			hdf_set_value(r->hdf, key, v);
	}
	return STATUS_OK;
}

/* A report form that is not good: its answers checked too, so that every
 * message shows at once, and kept. */
static NEOERR *questions_recheck(struct req *r)
{
	struct question q[QUESTION_MAX];
	struct question_bad bad[QUESTION_MAX];
	int n;
	NEOERR *err = question_load_active(q, &n);

	if (err)
		return nerr_pass(err);
	answer_errors(r, bad, question_check(q, n, app_query, r, bad));
	return nerr_pass(questions_export(r, true));
}

/* Fills Form.Value from the last report before `day` (quick fill). */
static NEOERR *quick_fill(struct req *r, int person, int day)
{
	struct report last;
	char from[11];
	bool found;
	NEOERR *err = report_load_last(person, day, &last, &found, from);

	if (err || !found)
		return nerr_pass(err);
	report_to_form(&last, form_value, r);
	hdf_set_value(r->hdf, "Checkin.QuickFrom", from);
	return STATUS_OK;
}

/* <prefix>.{phone, home_address, emergency_contact, emergency_phone,
 * boarding, dorm}: the person's basic info, if given (*found); dorm
 * absent when none, or "" with dorm_blank (a form's values). */
static NEOERR *basic_export(struct req *r, const char *prefix, int person, bool dorm_blank,
			    bool *found, int *questions_n)
{
	struct basic_row b;
	char key[64];
	NEOERR *err = checkins_basic(person, &b, found);
	const struct { const char *name, *value; } v[] = {
		{ "phone", b.phone }, { "home_address", b.home_address },
		{ "emergency_contact", b.emergency_contact }, { "emergency_phone", b.emergency_phone },
		{ "boarding", b.boarding ? "1" : "0" }, { "dorm", b.dorm },
	};

	if (questions_n)
		*questions_n = b.questions_n;
	if (err || !*found)
		return nerr_pass(err);
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		if (!v[i].value[0] && !dorm_blank && !strcmp(v[i].name, "dorm"))
			continue;
		snprintf(key, sizeof key, "%s.%s", prefix, v[i].name);
		hdf_set_value(r->hdf, key, v[i].value);
	}
	return STATUS_OK;
}

/* Checkin.Report.*: the day's report, if any (*done). */
static NEOERR *load_today(struct req *r, int person, int day, bool *done)
{
	struct day_report rep;
	NEOERR *err = checkins_day(person, day, &rep, done);

	if (err || !*done)
		return nerr_pass(err);
	return nerr_pass(HDF_PUT(r->hdf, "Checkin.Report", HDF_F(rep, id), HDF_F(rep, at),
		HDF_F(rep, temperature), HDF_F(rep, city), HDF_F(rep, anomaly),
		HDF_F(rep, anomaly_flags), HDF_F(rep, anomaly_state), HDF_F(rep, is_makeup),
		HDF_F(rep, filled_by), HDF_F(rep, filler), HDF_F(rep, verify_reason),
		HDF_F(rep, bulk_by)));
}

/* Whether person's report is the on-campus one (校内打卡): arrived
 * through the gate, and not out on leave; one read (report_on_campus()).
 * A check-in's POST has it decided in its transaction instead. */
static NEOERR *on_campus(struct req *r, int person, bool *yes)
{
	NEOERR *err = report_on_campus(person, app_today(), yes);

	if (err == STATUS_OK && *yes)
		hdf_set_int_value(r->hdf, "Checkin.OnCampus", 1);
	return nerr_pass(err);
}

static NEOERR *show_report_form(struct req *r, int person, int day, bool resubmit,
				 bool questions)
{
	bool campus;
	NEOERR *err = on_campus(r, person, &campus);

	if (err)
		return nerr_pass(err);
	form_describe(r, campus ? &campus_report_form : &report_form);
	if (questions) {
		err = questions_export(r, false);
		if (err)
			return nerr_pass(err);
	}
	hdf_set_value(r->hdf, "Page.Script.0", "geo.js");
	set_day(r, "Checkin.Day", day);
	if (resubmit) {
		hdf_set_int_value(r->hdf, "Checkin.Resubmit", 1);
		err = load_today(r, person, day, &(bool){ false });
		if (err)
			return nerr_pass(err);
	}
	if (!strcmp(app_param(r, "quick", "0"), "1") ||
	    hdf_get_value(r->hdf, "Checkin.Report.bulk_by", NULL)) {
		err = quick_fill(r, person, day);
		if (err)
			return nerr_pass(err);
	}
	return nerr_pass(app_render(r, "checkin.cs"));
}

static void export_flags(struct req *r, const char *flags)
{
	char key[64], text[64], buf[80];
	int n = 0;

	snprintf(buf, sizeof buf, "%s", flags ? flags : "");
	for (char *tok = strtok(buf, ","); tok; tok = strtok(NULL, ",")) {
		snprintf(key, sizeof key, "Checkin.Flag.%d", n++);
		snprintf(text, sizeof text, "checkin.flag.%s", tok);
		hdf_set_value(r->hdf, key, tr(r, text));
	}
}

static NEOERR *show(struct req *r)
{
	int person = r->who.person_id, day, questions_n = 0;
	bool has_basic, done, resubmit;
	NEOERR *err;

	err = basic_export(r, "Basic", person, false, &has_basic, &questions_n);
	if (err)
		return nerr_pass(err);
	if (!has_basic) {
		form_describe(r, &basic_form);
		return nerr_pass(app_render(r, "checkin_basic.cs"));
	}
	err = form_day(r, person, &day, &resubmit);
	if (err)
		return nerr_pass(err);
	err = load_today(r, person, day, &done);
	if (err)
		return nerr_pass(err);
	if (day != app_today() && !done)
		return nerr_pass(refuse_past_day(day));
	err = load_other_sent_back(r, person, day);
	if (err)
		return nerr_pass(err);
	if (done && !resubmit && day == app_today() &&
	    hdf_get_value(r->hdf, "Checkin.Report.bulk_by", NULL)) {
		/* 快速填充: the counselor copied the last report; the student
		 * confirms or corrects it with a check-in of their own, which
		 * replaces it. The form starts from the same answers. */
		hdf_set_int_value(r->hdf, "Checkin.Bulk", 1);
		return nerr_pass(show_report_form(r, person, day, false, questions_n > 0));
	}
	if (done && !resubmit) {
		/* A day's report, with what was abnormal in words: the card's
		 * 查看打卡详情 opens the flagged day here. */
		set_day(r, "Checkin.Day", day);
		if (day != app_today())
			hdf_set_int_value(r->hdf, "Checkin.PastDay", 1);
		export_flags(r, hdf_get_value(r->hdf, "Checkin.Report.anomaly_flags", ""));
		err = questions_report_answers(r->hdf, "Checkin.Answer", r->lang,
			hdf_get_int_value(r->hdf, "Checkin.Report.id", 0));
		if (err)
			return nerr_pass(err);
		return nerr_pass(app_render(r, "checkin_done.cs"));
	}
	return nerr_pass(show_report_form(r, person, day, resubmit, questions_n > 0));
}

/* basic_form's fields, as checked. */
static const struct basic_info *basic_from_query(struct req *r, struct basic_info *b)
{
	*b = (struct basic_info){ app_param(r, "phone", ""), app_param(r, "home_address", ""),
		app_param(r, "emergency_contact", ""), app_param(r, "emergency_phone", ""),
		app_param(r, "boarding", "1"), app_param(r, "dorm", "") };
	return b;
}

static NEOERR *save_basic(struct req *r)
{
	struct basic_info b;
	NEOERR *err;

	if (basic_check(r)) {
		r->status = 400;
		return nerr_pass(app_render(r, "checkin_basic.cs"));
	}
	err = basic_info_save(&r->who, basic_from_query(r, &b));
	if (nerr_match(err, HC_ERR_CONFLICT)) {
		/* Given already (another tab): it stays as it was. */
		nerr_ignore(&err);
		return nerr_pass(app_redirect(r, "/checkin"));
	}
	if (err)
		return nerr_pass(err);
	return nerr_pass(app_redirect(r, "/checkin?saved=basic"));
}

/* The report form again with 400: the form's values and messages (the
 * on-campus one or the daily one), the position's when it was checked, and
 * the answers': rechecked (answers_bad NULL) or as the transaction found them. */
static NEOERR *report_again(struct req *r, bool campus, int filled_by, bool resubmit,
			    const struct report_submission *answers_bad)
{
	struct position pos;
	NEOERR *err;

	r->status = 400;
	if (campus)
		hdf_set_int_value(r->hdf, "Checkin.OnCampus", 1);
	if (form_check(r, campus ? &campus_report_form : &report_form) == 0 && !filled_by)
		position_check(r, &pos);
	if (answers_bad) {
		answer_errors(r, answers_bad->bad, answers_bad->nbad);
		err = questions_export(r, true);
	} else {
		err = questions_recheck(r);
	}
	if (err)
		return nerr_pass(err);
	hdf_set_value(r->hdf, "Page.Script.0", "geo.js");
	if (resubmit)
		hdf_set_int_value(r->hdf, "Checkin.Resubmit", 1);
	return nerr_pass(app_render(r, filled_by ? "checkin_proxy.cs" : "checkin.cs"));
}

/* Validates and stores a report for `person`; renders the outcome. A
 * filler the student named (named) is checked again in the report's
 * transaction: a revocation that came first refuses it. Which form counts
 * (on campus or not) is decided in that transaction too, with its read
 * of the person's reports: a good check-in spends no statement on it. */
static NEOERR *submit(struct req *r, int person, int filled_by, bool named, const char *done_to)
{
	struct report rep, campus_rep;
	struct position pos = { 0 };
	struct form_bad pos_bad[REPORT_POSITION_RULES];
	struct report_submission s = { 0 };
	char path[128];
	bool resubmit, campus;
	int day;
	NEOERR *err;

	err = form_day(r, person, &day, &resubmit);
	if (err)
		return nerr_pass(err);
	if (day != app_today() && !resubmit)
		return nerr_pass(refuse_past_day(day));
	set_day(r, "Checkin.Day", day);
	/* The on-campus form's fields are the daily form's too: when they are
	 * not good (or the position is not), neither form is, and which one
	 * to show again is read here. */
	if (!form_ok(r, &campus_report_form) ||
	    (!filled_by && report_position_check(app_query, r, &pos, pos_bad))) {
		err = on_campus(r, person, &campus);
		if (err)
			return nerr_pass(err);
		return nerr_pass(report_again(r, campus, filled_by, resubmit, NULL));
	}
	report_from_campus_form(app_query, r, NULL, &campus_rep);
	if (form_ok(r, &report_form)) {
		report_from_form(app_query, r, &rep);
		s.rep = &rep;
	}
	s.campus_rep = &campus_rep;
	s.person_id = person;
	s.day = day;
	s.filled_by = filled_by;
	/* Where the phone is now says where the student was that day only
	 * for today's report. */
	s.pos = filled_by || day != app_today() ? NULL : &pos;
	s.request_id = r->id;
	s.addr = hdf_get_value(r->hdf, "CGI.RemoteAddress", "");
	s.answers = app_query;
	s.answers_ctx = r;
	if (named)
		s.also = proxy_fill_still_named;
	err = report_submit(&s);
	if (nerr_match(err, HC_ERR_BADREQ) && (s.form_bad || s.nbad)) {
		/* The daily form off campus, or an answer, not good: nothing
		 * was stored. */
		nerr_ignore(&err);
		return nerr_pass(report_again(r, s.on_campus, filled_by, resubmit,
					      s.form_bad ? NULL : &s));
	}
	if (nerr_match(err, HC_ERR_CONFLICT)) {
		nerr_ignore(&err);
		r->status = 409;
		hdf_set_value(r->hdf, "Checkin.ExistingAt", s.existing_at + 11);
		hdf_set_value(r->hdf, "Checkin.ExistingDay", s.existing_at);
		return nerr_pass(app_render(r, "checkin_already.cs"));
	}
	if (err)
		return nerr_pass(err);
	snprintf(path, sizeof path, "%s", done_to);
	return nerr_pass(app_redirect(r, path));
}

static NEOERR *do_submit(struct req *r)
{
	bool has_basic;
	NEOERR *err = checkins_has_basic(r->who.person_id, &has_basic);

	if (err)
		return nerr_pass(err);
	if (!has_basic)
		return nerr_pass(app_redirect(r, "/checkin"));
	return nerr_pass(submit(r, r->who.person_id, 0, false, "/checkin?done=1"));
}

/* The person a staff member acts for (declared: PERSON); 0 for none. */
static int person_param(struct req *r)
{
	return (int)app_num(r, "person", 0);
}

static NEOERR *load_subject(struct req *r, int person)
{
	char name[257], number[129];
	bool found;
	NEOERR *err;

	if (person == 0)
		return nerr_raise(HC_ERR_NOTFOUND, "no person given");
	err = scope_require_other(&r->who, person);
	if (err)
		return nerr_pass(err);
	hdf_set_int_value(r->hdf, "Proxy.Person", person);
	err = directory_person_name(person, name, number, &found);
	if (err || !found)
		return nerr_pass(err);
	hdf_set_value(r->hdf, "Proxy.name", name);
	hdf_set_value(r->hdf, "Proxy.number", number);
	return STATUS_OK;
}

/* Another's form of today, for a counselor's 代填 or a named filler's:
 * 409 once the day is reported; else the form the person would see
 * (on campus or not, with the active questions), from their last answers. */
static NEOERR *show_fill_for(struct req *r, int person)
{
	int today = app_today();
	bool done, campus;
	NEOERR *err;

	set_day(r, "Checkin.Day", today);
	err = load_today(r, person, today, &done);
	if (err)
		return nerr_pass(err);
	if (done) {
		r->status = 409;
		hdf_set_value(r->hdf, "Checkin.ExistingAt",
			      hdf_get_value(r->hdf, "Checkin.Report.at", ""));
		return nerr_pass(app_render(r, "checkin_already.cs"));
	}
	err = on_campus(r, person, &campus);
	if (err)
		return nerr_pass(err);
	form_describe(r, campus ? &campus_report_form : &report_form);
	err = questions_export(r, false);
	if (err == STATUS_OK)
		err = quick_fill(r, person, today);
	if (err)
		return nerr_pass(err);
	return nerr_pass(app_render(r, "checkin_proxy.cs"));
}

static NEOERR *show_proxy(struct req *r)
{
	int person = person_param(r);
	NEOERR *err = load_subject(r, person);

	return nerr_pass(err ? err : show_fill_for(r, person));
}

static NEOERR *do_proxy(struct req *r)
{
	int person = person_param(r);
	NEOERR *err = load_subject(r, person);

	if (err)
		return nerr_pass(err);
	if (strcmp(app_param(r, "day", ""), "")) {
		/* Proxy-fill is for today only. */
		return nerr_raise(HC_ERR_BADREQ, "proxy fill names a day");
	}
	return nerr_pass(submit(r, person, r->who.person_id, false, "/dashboard?proxied=1"));
}

static NEOERR *calendar(struct req *r)
{
	char today[11];
	NEOERR *err;

	day_format(app_today(), today);
	hdf_set_value(r->hdf, "Calendar.Today", today);
	err = checkins_calendar(r->hdf, "Calendar", r->who.person_id, today);
	if (err)
		return nerr_pass(err);
	return nerr_pass(app_render(r, "checkin_calendar.cs"));
}

/* A counselor corrects a student's basic info: the only way it changes. */
static NEOERR *show_basic_fix(struct req *r)
{
	int person = person_param(r);
	bool found;
	NEOERR *err = load_subject(r, person);

	if (err)
		return nerr_pass(err);
	form_describe(r, &basic_form);
	err = basic_export(r, "Form.Value", person, true, &found, NULL);
	if (err)
		return nerr_pass(err);
	if (!found)
		return nerr_raise(HC_ERR_NOTFOUND, "person %d has no basic info yet", person);
	return nerr_pass(app_render(r, "checkin_basic_fix.cs"));
}

static NEOERR *do_basic_fix(struct req *r)
{
	int person = person_param(r);
	struct basic_info b;
	char path[64];
	NEOERR *err = load_subject(r, person);

	if (err)
		return nerr_pass(err);
	if (basic_check(r)) {
		r->status = 400;
		return nerr_pass(app_render(r, "checkin_basic_fix.cs"));
	}
	err = basic_info_correct(&r->who, person, basic_from_query(r, &b));
	if (err)
		return nerr_pass(err);
	snprintf(path, sizeof path, "/card?person=%d", person);
	return nerr_pass(app_redirect(r, path));
}

/* ---- 代填人 named by the student (lib/domain/proxyfill.h) ---- */

static const struct form_field filler_fields[] = {
	{ "number", FORM_TEXT, true, 1, 32, NULL },
	{ "relation", FORM_CHOICE, true, 0, 0, proxy_relations },
	{ 0 }
};
static const struct form filler_form = { "filler", filler_fields };

static NEOERR *render_fillers(struct req *r)
{
	char today[11];
	NEOERR *err = STATUS_OK;

	day_format(app_today(), today);
	if (r->who.roles & R_STUDENT)
		err = proxy_list_named(r->hdf, "Fillers.Named", "Fillers.Past", r->who.person_id);
	if (err == STATUS_OK)
		err = proxy_list_for(r->hdf, "Fillers.For", r->who.person_id, today);
	if (err)
		return nerr_pass(err);
	hdf_set_int_value(r->hdf, "Fillers.Max", PROXY_MAX_FILLERS);
	form_describe_blank(r, &filler_form);
	return nerr_pass(app_render(r, "checkin_fillers.cs"));
}

static NEOERR *show_fillers(struct req *r)
{
	return nerr_pass(render_fillers(r));
}

static NEOERR *name_filler(struct req *r)
{
	struct outcome out;
	char path[64];
	NEOERR *err;

	if (form_check(r, &filler_form) == 0) {
		err = proxy_name(&r->who, app_param(r, "number", ""), app_param(r, "relation", ""),
				 &out);
		if (err)
			return nerr_pass(err);
		if (out.ok) {
			snprintf(path, sizeof path, "/checkin/fillers?named=%lld", out.id);
			return nerr_pass(app_redirect(r, path));
		}
		return nerr_pass(form_refused(r, &out, "filler", render_fillers));
	}
	r->status = 400;
	return nerr_pass(render_fillers(r));
}

static NEOERR *revoke_filler(struct req *r)
{
	struct outcome out;
	char path[64];
	long long id = app_num(r, "id", 0);
	NEOERR *err = proxy_revoke(&r->who, id, &out);

	if (err)
		return nerr_pass(err);
	if (out.not_found)
		return nerr_raise(HC_ERR_NOTFOUND, "no live naming %lld of %d", id, r->who.person_id);
	snprintf(path, sizeof path, "/checkin/fillers?revoked=%lld", id);
	return nerr_pass(app_redirect(r, path));
}

/* The student a named filler fills for: 403 unless named now. */
static NEOERR *load_named_subject(struct req *r, int person)
{
	char name[257], number[129];
	bool may, found;
	NEOERR *err;

	if (person == 0)
		return nerr_raise(HC_ERR_NOTFOUND, "no person given");
	err = proxy_may_fill(r->who.person_id, person, &may);
	if (err)
		return nerr_pass(err);
	if (!may)
		return nerr_raise(HC_ERR_FORBIDDEN, "%d is no filler of %d", r->who.person_id, person);
	err = directory_person_name(person, name, number, &found);
	if (err || !found)
		return nerr_pass(err);
	hdf_set_int_value(r->hdf, "Proxy.Person", person);
	hdf_set_value(r->hdf, "Proxy.name", name);
	hdf_set_value(r->hdf, "Proxy.number", number);
	hdf_set_value(r->hdf, "Proxy.Action", "for");
	return STATUS_OK;
}

static NEOERR *show_for(struct req *r)
{
	int person = person_param(r);
	NEOERR *err = load_named_subject(r, person);

	return nerr_pass(err ? err : show_fill_for(r, person));
}

static NEOERR *do_for(struct req *r)
{
	int person = person_param(r);
	char path[64];
	NEOERR *err = load_named_subject(r, person);

	if (err)
		return nerr_pass(err);
	if (strcmp(app_param(r, "day", ""), ""))
		return nerr_raise(HC_ERR_BADREQ, "a filler fills today only");
	snprintf(path, sizeof path, "/checkin/fillers?filled=%d", person);
	return nerr_pass(submit(r, person, r->who.person_id, true, path));
}

#define PERSON PARAMS({ "person", P_ID, .notfound = true })

static const struct action actions[] = {
	{ "", M_GET, R_STUDENT | R_STAFF, show },
	{ "", M_POST, R_STUDENT | R_STAFF, do_submit, .form = &report_form },
	{ "basic", M_POST, R_STUDENT | R_STAFF, save_basic, .form = &basic_form },
	{ "calendar", M_GET, R_STUDENT | R_STAFF, calendar },
	{ "proxy", M_GET, R_COUNSELOR | R_REVIEWER | R_ADMIN, show_proxy, .params = PERSON },
	{ "proxy", M_POST, R_COUNSELOR | R_REVIEWER | R_ADMIN, do_proxy, .params = PERSON,
	  .form = &report_form },
	{ "basic_fix", M_GET, R_COUNSELOR | R_ADMIN, show_basic_fix, .params = PERSON },
	{ "basic_fix", M_POST, R_COUNSELOR | R_ADMIN, do_basic_fix, .form = &basic_form,
	  .params = PERSON },
	{ "fillers", M_GET, R_STUDENT | R_STAFF, show_fillers },
	{ "fillers", M_POST, R_STUDENT, name_filler, .form = &filler_form },
	{ "unfiller", M_POST, R_STUDENT, revoke_filler, .params = PARAMS({ "id", P_ID, true, .notfound = true }) },
	{ "for", M_GET, R_STUDENT | R_STAFF, show_for, .params = PERSON },
	{ "for", M_POST, R_STUDENT | R_STAFF, do_for, .params = PERSON, .form = &report_form },
	{ 0 }
};

int main(void)
{
	static const struct page page = { "checkin", actions };
	return app_main(&page);
}
