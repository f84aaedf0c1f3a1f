/*
 * makeup.c - /makeup: make-up requests (补卡申请), the student's side.
 *
 * One missed day per request, with a reason; the counselor decides in the
 * review queue. "My requests" (我的发起) shows each request's state, who
 * holds it now (当前环节) and its history (处理记录). An approved day is
 * filled here and stored as a make-up report.
 *
 *   GET  /makeup           200 the form (?day= pre-filled) and my requests
 *   POST /makeup           303 /makeup?applied=1; 400 form with the refusal
 *   POST /makeup/withdraw  303 /makeup; 404 not theirs; 409 decided meanwhile
 *   GET  /makeup/fill      200 the report form for an approved ?day=; 403 none
 *   POST /makeup/fill      303 /checkin/calendar; 400 form; 403 not approved;
 *                          409 the day has a report already
 */
#include "web/app.h"
#include "read/checkins.h"
#include "read/questions.h"
#include "core/days.h"
#include "web/form.h"
#include "domain/makeup.h"
#include "domain/checkin.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct form_field apply_fields[] = {
	{ "day", FORM_DATE, true, 0, 0, NULL },
	{ "reason", FORM_TEXT, true, 2, 500, NULL },
	{ 0 }
};
static const struct form apply_form = { "makeup", apply_fields };

static NEOERR *load_mine(struct req *r)
{
	return nerr_pass(checkins_makeups(r->hdf, "Mine", "History", r->who.person_id));
}

static NEOERR *render_page(struct req *r)
{
	NEOERR *err = load_mine(r);

	if (err)
		return nerr_pass(err);
	return nerr_pass(app_render(r, "makeup.cs"));
}

static NEOERR *show(struct req *r)
{
	const char *day = app_param(r, "day", NULL);

	form_describe(r, &apply_form);
	if (day && day_parse(day) >= 0)
		hdf_set_value(r->hdf, "Form.Value.day", day);
	return nerr_pass(render_page(r));
}

static NEOERR *apply(struct req *r)
{
	const char *refusal = NULL;
	NEOERR *err;

	if (form_check(r, &apply_form)) {
		r->status = 400;
		return nerr_pass(render_page(r));
	}
	err = makeup_apply(&r->who, day_parse(app_param(r, "day", "")),
			   app_param(r, "reason", ""), &refusal);
	if (err)
		return nerr_pass(err);
	if (refusal) {
		r->status = 400;
		form_error(r, "day", refusal);
		return nerr_pass(render_page(r));
	}
	return nerr_pass(app_redirect(r, "/makeup?applied=1"));
}

static NEOERR *withdraw(struct req *r)
{
	long long n = app_num(r, "id", 0);
	NEOERR *err;

	err = makeup_withdraw(&r->who, n);
	if (nerr_match(err, HC_ERR_CONFLICT)) {
		nerr_ignore(&err);
		r->status = 409;
		hdf_set_value(r->hdf, "Page.Message", tr(r, "makeup.already_decided"));
		form_describe(r, &apply_form);
		return nerr_pass(render_page(r));
	}
	if (err)
		return nerr_pass(err);
	return nerr_pass(app_redirect(r, "/makeup"));
}

/* The approved day asked for, or 403. */
static NEOERR *approved_day(struct req *r, int *day)
{
	const char *p = app_param(r, "day", "");
	bool approved = false;
	NEOERR *err;

	*day = day_parse(p);
	if (*day < 0)
		return nerr_raise(HC_ERR_BADREQ, "bad day");
	err = checkins_makeup_approved(r->who.person_id, p, &approved);
	if (err)
		return nerr_pass(err);
	if (!approved)
		return nerr_raise(HC_ERR_FORBIDDEN, "no approved make-up for %s", p);
	hdf_set_value(r->hdf, "Checkin.Day", p);
	hdf_set_int_value(r->hdf, "Checkin.Makeup", 1);
	return STATUS_OK;
}

/* Checkin.Q: the daily form's active questions, with the answers given
 * kept when keep; bad (n of them) as messages on their fields. As
 * /checkin shows them. */
static NEOERR *questions_export(struct req *r, bool keep, const struct question_bad *bad, int n)
{
	char key[64];
	NEOERR *err = questions_form(r->hdf, "Checkin.Q", r->lang, NULL);

	for (int i = 0; err == STATUS_OK && i < n; i++)
		form_error(r, bad[i].field, bad[i].msg);
	for (HDF *q = hdf_get_obj(r->hdf, "Checkin.Q.0"); err == STATUS_OK && keep && q;
	     q = hdf_obj_next(q)) {
		const char *name = hdf_get_value(q, "Name", ""), *v = app_param(r, name, NULL);
		snprintf(key, sizeof key, "Form.Value.%s", name);
		if (v)
			hdf_set_value(r->hdf, key, v);
	}
	return nerr_pass(err);
}

static NEOERR *fill_form(struct req *r)
{
	int day;
	NEOERR *err = approved_day(r, &day);

	if (err)
		return nerr_pass(err);
	form_describe(r, &report_form);
	err = questions_export(r, false, NULL, 0);
	if (err)
		return nerr_pass(err);
	return nerr_pass(app_render(r, "checkin.cs"));
}

static NEOERR *fill(struct req *r)
{
	struct report rep;
	struct report_submission s = { 0 };
	int day;
	NEOERR *err = approved_day(r, &day);

	if (err)
		return nerr_pass(err);
	if (form_check(r, &report_form)) {
		struct question q[QUESTION_MAX];
		struct question_bad bad[QUESTION_MAX];
		int n;

		r->status = 400;
		err = question_load_active(q, &n);
		if (err == STATUS_OK)
			err = questions_export(r, true, bad, question_check(q, n, app_query, r, bad));
		return nerr_pass(err ? err : app_render(r, "checkin.cs"));
	}
	report_from_form(app_query, r, &rep);
	s.person_id = r->who.person_id;
	s.day = day;
	s.rep = &rep;
	s.request_id = r->id;
	s.addr = hdf_get_value(r->hdf, "CGI.RemoteAddress", "");
	s.answers = app_query;
	s.answers_ctx = r;
	err = makeup_fill(&s);
	if (nerr_match(err, HC_ERR_BADREQ) && s.nbad) {
		/* An answer missing or not good: nothing was stored. */
		nerr_ignore(&err);
		r->status = 400;
		err = questions_export(r, true, s.bad, s.nbad);
		return nerr_pass(err ? err : app_render(r, "checkin.cs"));
	}
	if (nerr_match(err, HC_ERR_CONFLICT)) {
		nerr_ignore(&err);
		r->status = 409;
		hdf_set_value(r->hdf, "Checkin.ExistingAt", s.existing_at);
		return nerr_pass(app_render(r, "checkin_already.cs"));
	}
	if (err)
		return nerr_pass(err);
	return nerr_pass(app_redirect(r, "/checkin/calendar?filled=1"));
}

static const struct action actions[] = {
	{ "", M_GET, R_STUDENT | R_STAFF, show },
	{ "", M_POST, R_STUDENT | R_STAFF, apply, .form = &apply_form },
	{ "withdraw", M_POST, R_STUDENT | R_STAFF, withdraw, .params = PARAMS({ "id", P_ID, true, .notfound = true }) },
	{ "fill", M_GET, R_STUDENT | R_STAFF, fill_form },
	{ "fill", M_POST, R_STUDENT | R_STAFF, fill, .form = &report_form },
	{ 0 }
};

int main(void)
{
	static const struct page page = { "makeup", actions };
	return app_main(&page);
}
