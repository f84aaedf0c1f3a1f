/* leave.c - see leave.h. */
#include "domain/leave.h"
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
	const char *from, *until, *destination, *reason;
	long long id;
	enum leave_problem problem;
};

static NEOERR *apply_in_txn(void *arg)
{
	struct apply *x = arg;
	char now[20], today[11], detail[160];
	long long open = 0;
	int from = day_parse(x->from), until = day_parse(x->until);
	NEOERR *err;

	x->id = 0;
	x->problem = LV_OK;
	clock_now(now);
	snprintf(today, sizeof today, "%.10s", now);
	if (from <= 0 || until <= 0 || until < from)
		x->problem = LV_BAD_DAYS;
	else if (until - from + 1 > conf_int("Policy.LeaveMaxDays", LEAVE_MAX_DAYS))
		x->problem = LV_TOO_LONG;
	else if (from < day_parse(today))
		x->problem = LV_PAST;
	if (x->problem != LV_OK)
		return STATUS_OK;
	/* One at a time: the person's row locked, then their open leaves. */
	err = db_scalar(&open, NULL, "SELECT id FROM people WHERE id = ? FOR UPDATE", "i",
			(long long)x->person_id);
	if (err == STATUS_OK)
		err = db_scalar(&open, NULL, "SELECT COUNT(*) FROM leaves WHERE person_id = ? "
			"AND (state = 'pending' OR (state = 'approved' AND returned_at IS NULL "
			" AND (exited_at IS NOT NULL OR ends_on >= ?)))", "is",
			(long long)x->person_id, today);
	if (err)
		return nerr_pass(err);
	if (open > 0) {
		x->problem = LV_OPEN_ALREADY;
		return STATUS_OK;
	}
	err = db_exec(NULL, &x->id, "INSERT INTO leaves (person_id, starts_on, ends_on, destination, "
		"reason, created_at) VALUES (?, ?, ?, ?, ?, ?)", "isssss", (long long)x->person_id,
		x->from, x->until, x->destination, x->reason, now);
	if (err == STATUS_OK)
		err = queue_open("leave", x->id, x->person_id, 0, now, NULL);
	snprintf(detail, sizeof detail, "%s - %s %s", x->from, x->until, x->destination);
	if (err == STATUS_OK)
		err = audit_write(x->a, now, "leave.apply", x->person_id, "leave", x->id, detail);
	return nerr_pass(err);
}

NEOERR *leave_apply(const struct actor *a, int person_id, const char *starts_on,
		    const char *ends_on, const char *destination, const char *reason,
		    long long *id, enum leave_problem *problem)
{
	struct apply x = { a, person_id, starts_on, ends_on, destination, reason, 0, LV_OK };
	NEOERR *err = db_txn(apply_in_txn, &x);

	*id = x.id;
	*problem = x.problem;
	return nerr_pass(err);
}

NEOERR *leave_at_gate(int person_id, const char *today, const unsigned char mac[16],
		      struct leave_gate *g)
{
	DB_CURSOR *c = NULL;
	NEOERR *err = db_query(&c, "SELECT id, exited_at IS NOT NULL, exit_mac <=> ? FROM leaves "
		"WHERE person_id = ? AND state = 'approved' AND returned_at IS NULL "
		" AND (exited_at IS NOT NULL OR ? BETWEEN starts_on AND ends_on) "
		"ORDER BY exited_at IS NOT NULL DESC, id LIMIT 1", "bis",
		mac, mac ? (size_t)16 : (size_t)0, (long long)person_id, today);

	memset(g, 0, sizeof *g);
	if (err)
		return nerr_pass(err);
	if (db_next(c)) {
		g->id = db_int(c, 0);
		g->phase = db_int(c, 1) ? LEAVE_AWAY : LEAVE_MAY_GO;
		g->same_code = db_int(c, 2) != 0;
	}
	db_cursor_free(&c);
	return STATUS_OK;
}

NEOERR *leave_exit(long long id, long long gate_id, const unsigned char mac[16], bool *recorded)
{
	char now[20];
	unsigned long long n = 0;
	NEOERR *err;

	clock_now(now);
	/* The row decides a race: one phone's update finds it still in. */
	err = db_exec(&n, NULL, "UPDATE leaves SET exited_at = ?, exit_gate = NULLIF(?, 0), "
		"exit_mac = ? WHERE id = ? AND exited_at IS NULL", "sibi", now, gate_id,
		mac, mac ? (size_t)16 : (size_t)0, id);
	*recorded = err == STATUS_OK && n == 1;
	return nerr_pass(err);
}

NEOERR *leave_return(long long id, long long gate_id, bool *recorded)
{
	char now[20];
	unsigned long long n = 0;
	NEOERR *err;

	clock_now(now);
	err = db_exec(&n, NULL, "UPDATE leaves SET returned_at = ?, return_gate = NULLIF(?, 0) "
		"WHERE id = ? AND exited_at IS NOT NULL AND returned_at IS NULL", "sii", now,
		gate_id, id);
	*recorded = err == STATUS_OK && n == 1;
	return nerr_pass(err);
}
