/* gatestats.c - see gatestats.h. */
#include "read/gatestats.h"
#include "core/db.h"
#include "core/days.h"

#include <string.h>

NEOERR *gatestats_list(HDF *out, const char *prefix, const char *today)
{
	NEOERR *err;

	err = db_rows_at(out, prefix, "Gate", NULL,
		"SELECT g.id, g.kind, g.name, "
		" (SELECT COUNT(*) FROM arrivals a WHERE a.gate_id = g.id AND a.at >= ?) AS today "
		"FROM gates g ORDER BY g.kind, g.name", "s", today);
	if (err)
		return nerr_pass(err);
	return nerr_pass(db_rows_at(out, prefix, "Device", NULL,
		"SELECT d.id, d.name, g.name AS gate, d.created_at, d.enrolled_at, d.revoked_at, "
		" CASE WHEN d.revoked_at IS NOT NULL THEN 'revoked' "
		"      WHEN d.enrolled_at IS NOT NULL THEN 'enrolled' ELSE 'pending' END AS state "
		"FROM gate_devices d JOIN gates g ON g.id = d.gate_id "
		"ORDER BY d.revoked_at IS NOT NULL, g.name, d.name LIMIT 500", NULL));
}

NEOERR *gatestats_hours(int day, struct gate_hours *out, int max, int *n, long long *peak)
{
	char from[11], until[11];
	long long cur_gate = -2;
	struct gate_hours *cur = NULL;
	DB_CURSOR *c = NULL;
	NEOERR *err;

	*n = 0;
	*peak = 0;
	day_format(day, from);
	day_format(day + 1, until);
	err = db_query(&c, "SELECT COALESCE(a.gate_id, 0), COALESCE(g.name, ''), a.kind, "
		"HOUR(a.at), COUNT(*) FROM arrivals a LEFT JOIN gates g ON g.id = a.gate_id "
		"WHERE a.at >= ? AND a.at < ? GROUP BY 1, 2, 3, 4 ORDER BY 3, 2, 1, 4",
		"ss", from, until);
	if (err)
		return nerr_pass(err);
	while (db_next(c)) {
		/* A gate's id and kind: scans at no gate are one row per kind. */
		long long g = db_int(c, 0) * 2 + (strcmp(db_str(c, 2), "dorm") == 0);
		int h = (int)db_int(c, 3);

		if (g != cur_gate) {
			if (*n == max)
				break;
			cur = &out[(*n)++];
			memset(cur, 0, sizeof *cur);
			cur_gate = g;
			DB_FILL(c, 1, cur->name, cur->kind);
		}
		if (h >= 0 && h < 24) {
			cur->hour[h] += db_int(c, 4);
			cur->total += db_int(c, 4);
			if (cur->hour[h] > *peak)
				*peak = cur->hour[h];
		}
	}
	db_cursor_free(&c);
	return STATUS_OK;
}
