/* dated.c - see dated.h. */
#include "domain/dated.h"
#include "domain/queue.h"
#include "domain/audit.h"
#include "core/conf.h"
#include "core/db.h"
#include "core/days.h"

#include <stdio.h>

struct apply {
	const struct actor *a;
	const struct dated_kind *k;
	int person_id;
	const char *from, *until, *place, *reason;
	long long id;
	enum dated_problem problem;
};

/* The days alone, against today (Time.Zone). */
static enum dated_problem days_problem(const struct dated_kind *k, const char *from,
				       const char *until, const char *today)
{
	int first = day_parse(from), last = day_parse(until);

	if (first <= 0 || last <= 0 || last < first)
		return DATED_BAD_DAYS;
	if (last - first + 1 > conf_int(k->max_setting, k->max_days))
		return DATED_TOO_LONG;
	if ((k->first_day_not_past ? first : last) < day_parse(today))
		return DATED_PAST;
	return DATED_OK;
}

static NEOERR *apply_in_txn(void *arg)
{
	struct apply *x = arg;
	const struct dated_kind *k = x->k;
	char now[20], today[11], action[40], detail[260];
	long long boarding = 1, open = 0;
	bool found = false;
	NEOERR *err;

	x->id = 0;
	clock_now(now);
	snprintf(today, sizeof today, "%.10s", now);
	x->problem = days_problem(k, x->from, x->until, today);
	if (x->problem != DATED_OK)
		return STATUS_OK;
	/* The person's row locked: one request waits at a time. */
	err = db_scalar(&boarding, &found, "SELECT boarding FROM people WHERE id = ? FOR UPDATE",
			"i", (long long)x->person_id);
	if (err == STATUS_OK && k->day_students_only && (!found || boarding)) {
		x->problem = DATED_NOT_DAY;
		return STATUS_OK;
	}
	if (err == STATUS_OK)
		err = db_scalar(&open, NULL, k->open_sql, k->open_fmt, (long long)x->person_id, today);
	if (err)
		return nerr_pass(err);
	if (open > 0) {
		x->problem = DATED_OPEN_ALREADY;
		return STATUS_OK;
	}
	err = db_exec(NULL, &x->id, k->insert_sql, "isssss", (long long)x->person_id, x->from,
		      x->until, x->place, x->reason, now);
	if (err == STATUS_OK)
		err = queue_open(k->kind, x->id, x->person_id, 0, now, NULL);
	snprintf(action, sizeof action, "%s.apply", k->kind);
	snprintf(detail, sizeof detail, "%s - %s %s", x->from, x->until, x->place);
	if (err == STATUS_OK)
		err = audit_write(x->a, now, action, x->person_id, k->kind, x->id, detail);
	return nerr_pass(err);
}

NEOERR *dated_apply(const struct actor *a, const struct dated_kind *k, int person_id,
		    const char *first, const char *last, const char *place, const char *reason,
		    long long *id, enum dated_problem *problem)
{
	struct apply x = { a, k, person_id, first, last, place, reason, 0, DATED_OK };
	NEOERR *err = db_txn(apply_in_txn, &x);

	*id = x.id;
	*problem = x.problem;
	return nerr_pass(err);
}
