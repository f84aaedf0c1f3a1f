/*
 * review.c - /review: the reviewer's queue (审核), one per reviewer over
 * their scope, oldest first, with a count per kind. An item opens in full
 * (the request, the check-ins around its day, the history); items are
 * decided one by one or many at once (批量审批), each in its own
 * transaction, with a result per item.
 *
 *   GET  /review          200 counts and the open items (?kind=, ?page=)
 *   GET  /review/item     200 one item (?id=); 403 out of scope; 404 none
 *   POST /review/decide   200 the result of each item; 403 when every item
 *                         named is out of scope; 409 when the one item named
 *                         was decided meanwhile; 400 no items or no decision
 */
#include "web/app.h"
#include "read/calendar.h"
#include "core/days.h"
#include "domain/queue.h"
#include "domain/review.h"
#include "domain/scope.h"
#include "read/queue.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_BATCH 500

static const char *chosen_kind(struct req *r)
{
	const char *k = app_param(r, "kind", "all");

	return queue_kind_of(k) ? k : "all";
}

static int chosen_page(struct req *r)
{
	return (int)app_num(r, "page", 0);
}

static NEOERR *show(struct req *r)
{
	const char *kind = chosen_kind(r);
	NEOERR *err;

	hdf_set_value(r->hdf, "Queue.Kind", kind);
	hdf_set_int_value(r->hdf, "Queue.Page", chosen_page(r));
	err = queue_counts_load(r->hdf, &r->who);
	if (err == STATUS_OK)
		err = queue_list_load(r->hdf, &r->who, kind, chosen_page(r));
	if (err)
		return nerr_pass(err);
	return nerr_pass(app_render(r, "review.cs"));
}

/* Queue.Around: the check-ins a week either side of the day in question
 * (a make-up's, an anomaly's), days to come left out, in the states of
 * the student's own calendar (read/calendar.h), that day marked focus. */
static NEOERR *around(struct req *r, int person, int day)
{
	struct calendar_day days[15];
	struct exemption ex[CALENDAR_MAX_EXEMPT];
	int today = app_today(), to = day + 7 < today ? day + 7 : today, nex;
	NEOERR *err;

	if (day <= 0 || to < day - 7)
		return STATUS_OK;
	err = calendar_read(person, day - 7, to, today, ex, CALENDAR_MAX_EXEMPT, &nex, days);
	if (err)
		return nerr_pass(err);
	return nerr_pass(calendar_export(r->hdf, "Queue.Around", days, to - (day - 7) + 1,
					 true, day));
}

static NEOERR *item(struct req *r)
{
	long long id = app_num(r, "id", 0);
	NEOERR *err;

	err = queue_item_load(r->hdf, &r->who, id);
	if (err == STATUS_OK)
		err = around(r, hdf_get_int_value(r->hdf, "Queue.Detail.person", 0),
			     day_or_0(hdf_get_value(r->hdf, "Queue.Detail.makeup_day",
				      hdf_get_value(r->hdf, "Queue.Detail.report_day", ""))));
	if (err)
		return nerr_pass(err);
	return nerr_pass(app_render(r, "review_item.cs"));
}

static NEOERR *decide(struct req *r)
{
	static long long ids[MAX_BATCH + 1];
	const char *decision = app_param(r, "decision", "");
	const char *reason = app_param(r, "reason", "");
	const char *from = app_param(r, "allowed_from", "");
	const char *until = app_param(r, "allowed_until", "");
	int n = app_nums(r, "id", ids, MAX_BATCH + 1), forbidden = 0, already = 0, done = 0;
	char key[64];
	NEOERR *err;

	if (n == 0 || n > MAX_BATCH)
		return nerr_raise(HC_ERR_BADREQ, "%d items, decision '%s'", n, decision);
	if (strlen(reason) > 500)
		return nerr_raise(HC_ERR_BADREQ, "reason too long");
	for (int i = 0; i < n; i++) {
		struct review_result res;

		err = review_decide(&r->who, ids[i], decision, reason, from, until, &res);
		if (err)
			return nerr_pass(err);
		forbidden += res.outcome == RO_FORBIDDEN;
		already += res.outcome == RO_ALREADY;
		done += res.outcome == RO_DONE;
		snprintf(key, sizeof key, "Result.%d.Item", i);
		hdf_set_int_value(r->hdf, key, (int)res.item);
		snprintf(key, sizeof key, "Result.%d.Outcome", i);
		hdf_set_value(r->hdf, key, review_outcome_name(res.outcome));
		snprintf(key, sizeof key, "Result.%d.By", i);
		hdf_set_value(r->hdf, key, res.by);
		snprintf(key, sizeof key, "Result.%d.At", i);
		hdf_set_value(r->hdf, key, res.at);
		snprintf(key, sizeof key, "Result.%d.Name", i);
		hdf_set_value(r->hdf, key, res.name);
		snprintf(key, sizeof key, "Result.%d.Number", i);
		hdf_set_value(r->hdf, key, res.number);
	}
	hdf_set_int_value(r->hdf, "Results.Done", done);
	hdf_set_int_value(r->hdf, "Results.Total", n);
	hdf_set_value(r->hdf, "Results.Decision", decision);
	if (forbidden == n)
		r->status = 403;
	else if (n == 1 && already == 1)
		r->status = 409;
	return nerr_pass(app_render(r, "review_result.cs"));
}

#define REVIEWERS (R_COUNSELOR | R_REVIEWER | R_ADMIN | R_DEPT_HEAD)

static const struct action actions[] = {
	{ "", M_GET, REVIEWERS, show, .params = PARAMS({ "page", P_INT, .min = 0, .max = 99999 }) },
	{ "item", M_GET, REVIEWERS, item, .params = PARAMS({ "id", P_ID, true, .notfound = true }) },
	{ "decide", M_POST, REVIEWERS, decide, .lists = "id",
	  .params = PARAMS({ "id", P_ID }, { "decision", P_ENUM, true, .values = "approve reject send_back" }) },
	{ 0 }
};

int main(void)
{
	/* A batch of MAX_BATCH ids fits well under the 64 KiB body cap. */
	static const struct page page = { "review", actions };
	return app_main(&page);
}
