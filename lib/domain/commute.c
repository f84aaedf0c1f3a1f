/* commute.c - see commute.h. */
#include "domain/commute.h"
#include "domain/queue.h"
#include "domain/audit.h"
#include "core/conf.h"
#include "core/db.h"
#include "core/days.h"

#include <stdio.h>
#include <string.h>

struct apply {
	const struct actor *a;
	int person_id;
	const char *address, *from, *until, *reason;
	long long id;
	enum commute_problem problem;
};

static NEOERR *apply_in_txn(void *arg)
{
	struct apply *x = arg;
	char now[20], today[11], detail[260];
	long long boarding = 1, open = 0;
	int from = day_parse(x->from), until = day_parse(x->until);
	bool found = false;
	NEOERR *err;

	x->id = 0;
	x->problem = CM_OK;
	clock_now(now);
	snprintf(today, sizeof today, "%.10s", now);
	if (from <= 0 || until <= 0 || until < from)
		x->problem = CM_BAD_DAYS;
	else if (until - from + 1 > conf_int("Policy.CommuteMaxDays", COMMUTE_MAX_DAYS))
		x->problem = CM_TOO_LONG;
	else if (until < day_parse(today))
		x->problem = CM_PAST;
	if (x->problem != CM_OK)
		return STATUS_OK;
	/* The person's row locked: one report waits at a time. */
	err = db_scalar(&boarding, &found, "SELECT boarding FROM people WHERE id = ? FOR UPDATE",
			"i", (long long)x->person_id);
	if (err == STATUS_OK && (!found || boarding)) {
		x->problem = CM_NOT_DAY;
		return STATUS_OK;
	}
	if (err == STATUS_OK)
		err = db_scalar(&open, NULL, "SELECT COUNT(*) FROM commutes WHERE person_id = ? "
				"AND state = 'pending'", "i", (long long)x->person_id);
	if (err)
		return nerr_pass(err);
	if (open > 0) {
		x->problem = CM_OPEN_ALREADY;
		return STATUS_OK;
	}
	err = db_exec(NULL, &x->id, "INSERT INTO commutes (person_id, address, valid_from, "
		"valid_until, reason, created_at) VALUES (?, ?, ?, ?, ?, ?)", "isssss",
		(long long)x->person_id, x->address, x->from, x->until, x->reason, now);
	if (err == STATUS_OK)
		err = queue_open("commute", x->id, x->person_id, 0, now, NULL);
	snprintf(detail, sizeof detail, "%s - %s %s", x->from, x->until, x->address);
	if (err == STATUS_OK)
		err = audit_write(x->a, now, "commute.apply", x->person_id, "commute", x->id, detail);
	return nerr_pass(err);
}

NEOERR *commute_apply(const struct actor *a, int person_id, const char *address,
		      const char *from, const char *until, const char *reason,
		      long long *id, enum commute_problem *problem)
{
	struct apply x = { a, person_id, address, from, until, reason, 0, CM_OK };
	NEOERR *err = db_txn(apply_in_txn, &x);

	*id = x.id;
	*problem = x.problem;
	return nerr_pass(err);
}

NEOERR *commute_at_gate(int person_id, const char *today, struct commute_gate *g)
{
	DB_CURSOR *c = NULL;
	NEOERR *err;

	memset(g, 0, sizeof *g);
	/* The one that holds today first, else the latest filed. */
	err = db_query(&c, "SELECT c.id, c.state, c.valid_from > ?, c.valid_until < ?, c.valid_until, "
		" (SELECT cp.direction FROM commute_passages cp WHERE cp.person_id = c.person_id "
		"  ORDER BY cp.at DESC, cp.id DESC LIMIT 1) "
		"FROM commutes c WHERE c.person_id = ? "
		"ORDER BY c.state = 'approved' AND ? BETWEEN c.valid_from AND c.valid_until DESC, "
		" c.id DESC LIMIT 1", "ssis", today, today, (long long)person_id, today);
	if (err)
		return nerr_pass(err);
	if (db_next(c)) {
		const char *state = db_str(c, 1), *last = db_str(c, 5);

		g->id = db_int(c, 0);
		DB_FILL(c, 4, g->until);
		if (!strcmp(state, "pending"))
			g->phase = COMMUTE_PENDING;
		else if (!strcmp(state, "rejected"))
			g->phase = COMMUTE_REJECTED;
		else if (db_int(c, 2))
			g->phase = COMMUTE_NOT_YET;
		else if (db_int(c, 3))
			g->phase = COMMUTE_EXPIRED;
		else
			g->phase = COMMUTE_VALID;
		/* On campus after the arrival or an "in": the next one is out. */
		g->going_out = last == NULL || !strcmp(last, "in");
	}
	db_cursor_free(&c);
	return STATUS_OK;
}

NEOERR *commute_pass(long long id, int person_id, long long gate_id, bool out,
		     const unsigned char mac[16], bool *recorded)
{
	char now[20];
	unsigned long long n = 0;
	NEOERR *err;

	clock_now(now);
	err = db_exec(&n, NULL, "INSERT IGNORE INTO commute_passages (commute_id, person_id, "
		"direction, at, gate_id, token_mac) VALUES (?, ?, ?, ?, NULLIF(?, 0), ?)", "iissib",
		id, (long long)person_id, out ? "out" : "in", now, gate_id, mac, (size_t)16);
	*recorded = err == STATUS_OK && n == 1;
	return nerr_pass(err);
}

const char *commute_phase_name(enum commute_phase p)
{
	static const char *const names[] = { "none", "valid", "expired", "not_yet", "pending",
		"rejected" };
	return names[p];
}
