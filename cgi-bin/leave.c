/*
 * leave.c - /leave: 请销假 (seed 000 FAQ 7). A student on campus applies to
 * leave for some days (destination, reason); the counselor approves in
 * /review (kind "leave"); the campus gate's scan of the card records the
 * way out and the way back, which closes the leave. Staff who review see
 * their students who are out, the overdue first (also counted on the
 * dashboard).
 *
 *   GET  /leave    200 the student's form and leaves; for counselors,
 *                  reviewers and the admin, who in their scope is out
 *   POST /leave    303 /leave?applied=ID; 400 the form with a message at
 *                  the field (days that end before they start, too many,
 *                  past, a leave already open)
 *   POST /leave/commute  走读报备 (a day student): address, valid_from,
 *                  valid_until, reason: 303 /leave?commuted=ID; 400 the
 *                  form with a message at the field (days, too many, over,
 *                  one waiting already); 403 a boarder
 */
#include "web/app.h"
#include "core/conf.h"
#include "core/days.h"
#include "domain/commute.h"
#include "domain/leave.h"
#include "domain/scope.h"
#include "read/campus.h"
#include "web/form.h"

#include <stdio.h>
#include <string.h>

static const struct form_field leave_fields[] = {
	{ "starts_on", FORM_DATE, true, 0, 0, NULL },
	{ "ends_on", FORM_DATE, true, 0, 0, NULL },
	{ "destination", FORM_TEXT, true, 1, 100, NULL },
	{ "reason", FORM_TEXT, true, 1, 200, NULL },
	{ 0 }
};
static const struct form leave_form = { "leave", leave_fields };

static NEOERR *render(struct req *r)
{
	char today[11];
	NEOERR *err = STATUS_OK;

	day_format(app_today(), today);
	hdf_set_value(r->hdf, "Leave.Today", today);
	hdf_set_int_value(r->hdf, "Leave.MaxDays", conf_int("Policy.LeaveMaxDays", LEAVE_MAX_DAYS));
	if (r->who.roles & R_STUDENT)
		err = campus_my_leaves(r->hdf, "Leave.Mine", r->who.person_id, today);
	if (err == STATUS_OK && (r->who.roles & R_STUDENT))
		err = campus_my_commutes(r->hdf, "Commute", r->who.person_id, today);
	hdf_set_int_value(r->hdf, "Commute.MaxDays", conf_int("Policy.CommuteMaxDays", COMMUTE_MAX_DAYS));
	if (err == STATUS_OK && (r->who.roles & (R_COUNSELOR | R_REVIEWER | R_ADMIN))) {
		long long bound, overdue;
		enum scope_kind s = scope_kind_of(&r->who, &bound);

		err = campus_away_leaves(r->hdf, "Leave.Away", s, bound, today, &overdue);
		hdf_set_int_value(r->hdf, "Leave.Overdue", (int)overdue);
		hdf_set_int_value(r->hdf, "Leave.Staff", 1);
	}
	if (err)
		return nerr_pass(err);
	return nerr_pass(app_render(r, "leave.cs"));
}

static NEOERR *show(struct req *r)
{
	if (!strcmp(r->method, "GET"))
		return nerr_pass(render(r));
	if (!(r->who.roles & R_STUDENT))
		return nerr_raise(HC_ERR_FORBIDDEN, "only students ask for leave");
	{
		static const char *const where[] = { [DATED_BAD_DAYS] = "ends_on",
			[DATED_TOO_LONG] = "ends_on", [DATED_PAST] = "starts_on",
			[DATED_OPEN_ALREADY] = "starts_on" };
		static const char *const why[] = { [DATED_BAD_DAYS] = "leave.err.days",
			[DATED_TOO_LONG] = "leave.err.too_long", [DATED_PAST] = "leave.err.past",
			[DATED_OPEN_ALREADY] = "leave.err.open" };
		enum dated_problem problem;
		char path[64];
		long long id;
		NEOERR *err;

		if (form_check(r, &leave_form)) {
			r->status = 400;
			return nerr_pass(render(r));
		}
		err = dated_apply(&r->who, &leave_kind, r->who.person_id,
				  app_param(r, "starts_on", ""), app_param(r, "ends_on", ""),
				  app_param(r, "destination", ""), app_param(r, "reason", ""), &id,
				  &problem);
		if (err)
			return nerr_pass(err);
		if (problem != DATED_OK) {
			form_error(r, where[problem], why[problem]);
			r->status = 400;
			return nerr_pass(render(r));
		}
		snprintf(path, sizeof path, "/leave?applied=%lld", id);
		return nerr_pass(app_redirect(r, path));
	}
}

static const struct form_field commute_fields[] = {
	{ "address", FORM_TEXT, true, 2, 200, NULL },
	{ "valid_from", FORM_DATE, true, 0, 0, NULL },
	{ "valid_until", FORM_DATE, true, 0, 0, NULL },
	{ "reason", FORM_TEXT, true, 1, 200, NULL },
	{ 0 }
};
static const struct form commute_form = { "commute", commute_fields };

/* 走读报备: a day student's standing report, for the counselor's queue. */
static NEOERR *commute(struct req *r)
{
	static const char *const where[] = { [DATED_NOT_DAY] = "address",
		[DATED_BAD_DAYS] = "valid_until", [DATED_TOO_LONG] = "valid_until",
		[DATED_PAST] = "valid_until", [DATED_OPEN_ALREADY] = "valid_from" };
	static const char *const why[] = { [DATED_NOT_DAY] = "commute.err.boarder",
		[DATED_BAD_DAYS] = "commute.err.days", [DATED_TOO_LONG] = "commute.err.too_long",
		[DATED_PAST] = "commute.err.past", [DATED_OPEN_ALREADY] = "commute.err.open" };
	enum dated_problem problem;
	char path[64];
	long long id;
	NEOERR *err;

	hdf_set_value(r->hdf, "Commute.Bad", "1");
	if (form_check(r, &commute_form)) {
		r->status = 400;
		return nerr_pass(render(r));
	}
	err = dated_apply(&r->who, &commute_kind, r->who.person_id, app_param(r, "valid_from", ""),
			  app_param(r, "valid_until", ""), app_param(r, "address", ""),
			  app_param(r, "reason", ""), &id, &problem);
	if (err)
		return nerr_pass(err);
	if (problem == DATED_NOT_DAY)
		return nerr_raise(HC_ERR_FORBIDDEN, "a boarder files no commute report");
	if (problem != DATED_OK) {
		form_error(r, where[problem], why[problem]);
		r->status = 400;
		return nerr_pass(render(r));
	}
	snprintf(path, sizeof path, "/leave?commuted=%lld", id);
	return nerr_pass(app_redirect(r, path));
}

static const struct action actions[] = {
	{ "", M_GET | M_POST, R_STUDENT | R_COUNSELOR | R_REVIEWER | R_ADMIN, show,
	  .form = &leave_form, .params = PARAMS({ "applied", P_ID }, { "commuted", P_ID }) },
	{ "commute", M_POST, R_STUDENT, commute, .form = &commute_form },
	{ 0 }
};

int main(void)
{
	static const struct page page = { "leave", actions };
	return app_main(&page);
}
