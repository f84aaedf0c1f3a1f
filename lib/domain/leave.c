/* leave.c - see leave.h. */
#include "domain/leave.h"
#include "core/db.h"
#include "core/days.h"

#include <string.h>

const struct dated_kind leave_kind = {
	.kind = "leave",
	.max_setting = "Policy.LeaveMaxDays", .max_days = LEAVE_MAX_DAYS,
	.first_day_not_past = true,
	.day_students_only = false,
	/* Open: waiting, or approved and not back (out, or its days not over). */
	.open_sql = "SELECT COUNT(*) FROM leaves WHERE person_id = ? "
		"AND (state = 'pending' OR (state = 'approved' AND returned_at IS NULL "
		" AND (exited_at IS NOT NULL OR ends_on >= ?)))",
	.open_fmt = "is",
	.insert_sql = "INSERT INTO leaves (person_id, starts_on, ends_on, destination, reason, "
		"created_at) VALUES (?, ?, ?, ?, ?, ?)",
};

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
