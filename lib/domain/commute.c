/* commute.c - see commute.h. */
#include "domain/commute.h"
#include "core/db.h"
#include "core/days.h"

#include <string.h>

const struct dated_kind commute_kind = {
	.kind = "commute",
	.max_setting = "Policy.CommuteMaxDays", .max_days = COMMUTE_MAX_DAYS,
	.first_day_not_past = false,   /* a standing report may have begun already */
	.day_students_only = true,
	.open_sql = "SELECT COUNT(*) FROM commutes WHERE person_id = ? AND state = 'pending'",
	.open_fmt = "i",
	.insert_sql = "INSERT INTO commutes (person_id, valid_from, valid_until, address, reason, "
		"created_at) VALUES (?, ?, ?, ?, ?, ?)",
};

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
