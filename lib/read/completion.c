/* completion.c - see completion.h. */
#include "read/completion.h"
#include "core/db.h"
#include "core/days.h"
#include "domain/exempt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SPAN (COMPLETION_DAYS * COMPLETION_WEEKS)
#define MAX_COLLEGES 200

int completion_permille(long long reported, long long expected)
{
	if (expected <= 0)
		return -1;
	return (int)((reported * 2000 + expected) / (expected * 2));
}

static void rate_text(int permille, char out[16])
{
	if (permille < 0)
		out[0] = '\0';
	else
		snprintf(out, 16, "%d.%d", permille / 10, permille % 10);
}

struct college {
	long long id;
	char name[101];
	long long expected[SPAN], reported[SPAN];   /* by day, oldest first */
};

NEOERR *completion_load(HDF *out, const char *prefix, int today)
{
	struct college *cs = NULL;
	DB_CURSOR *c = NULL;
	char from[11], to[11], key[160], text[16];
	int n = 0;
	NEOERR *err;

	day_format(today - SPAN + 1, from);
	day_format(today, to);
	/* Everyone with a college, each day, and whether they reported. */
	err = db_query(&c,
		"WITH RECURSIVE days(d) AS (SELECT CAST(? AS DATE) "
		"  UNION ALL SELECT d + INTERVAL 1 DAY FROM days WHERE d < ?) "
		"SELECT col.id, col.name, DATEDIFF(k.day, ?), COUNT(*), COUNT(r.id) "
		"FROM (SELECT d AS day FROM days) k JOIN people p ON p.college_id IS NOT NULL "
		"JOIN org_units col ON col.id = p.college_id "
		"LEFT JOIN daily_reports r ON r.person_id = p.id AND r.day = k.day "
		"WHERE NOT " EXEMPT_ON("k.day") " "
		"GROUP BY col.id, col.name, k.day ORDER BY col.name, col.id, k.day",
		"sss", from, to, from);
	if (err)
		return nerr_pass(err);
	cs = calloc(MAX_COLLEGES, sizeof *cs);
	if (cs == NULL) {
		db_cursor_free(&c);
		return nerr_raise(NERR_NOMEM, "completion");
	}
	while (db_next(c)) {
		long long id = db_int(c, 0);
		int d = (int)db_int(c, 2);

		if (n == 0 || cs[n - 1].id != id) {
			if (n == MAX_COLLEGES)
				break;
			cs[n].id = id;
			db_copy(cs[n].name, sizeof cs[n].name, db_str(c, 1));
			n++;
		}
		if (d >= 0 && d < SPAN) {
			cs[n - 1].expected[d] = db_int(c, 3);
			cs[n - 1].reported[d] = db_int(c, 4);
		}
	}
	db_cursor_free(&c);
	for (int i = 0; i < COMPLETION_DAYS; i++) {
		day_format(today - COMPLETION_DAYS + 1 + i, from);
		snprintf(key, sizeof key, "%s.Day.%d.Date", prefix, i);
		hdf_set_value(out, key, from + 5);
	}
	for (int k = 0; k < COMPLETION_WEEKS; k++) {
		day_format(today - 7 * k - 6, from);
		day_format(today - 7 * k, to);
		snprintf(key, sizeof key, "%s.Week.%d.From", prefix, k);
		hdf_set_value(out, key, from + 5);
		snprintf(key, sizeof key, "%s.Week.%d.To", prefix, k);
		hdf_set_value(out, key, to + 5);
	}
	for (int j = 0; j < n; j++) {
		const struct college *col = &cs[j];

		snprintf(key, sizeof key, "%s.College.%d.Name", prefix, j);
		hdf_set_value(out, key, col->name);
		for (int i = 0; i < COMPLETION_DAYS; i++) {
			int d = SPAN - COMPLETION_DAYS + i;

			rate_text(completion_permille(col->reported[d], col->expected[d]), text);
			snprintf(key, sizeof key, "%s.College.%d.Day.%d.Rate", prefix, j, i);
			hdf_set_value(out, key, text);
			snprintf(key, sizeof key, "%s.College.%d.Day.%d.Reported", prefix, j, i);
			hdf_set_int_value(out, key, (int)col->reported[d]);
			snprintf(key, sizeof key, "%s.College.%d.Day.%d.Expected", prefix, j, i);
			hdf_set_int_value(out, key, (int)col->expected[d]);
		}
		for (int k = 0; k < COMPLETION_WEEKS; k++) {
			long long rep = 0, exp = 0;
			int pm;

			for (int d = SPAN - 7 * (k + 1); d < SPAN - 7 * k; d++) {
				rep += col->reported[d];
				exp += col->expected[d];
			}
			pm = completion_permille(rep, exp);
			rate_text(pm, text);
			snprintf(key, sizeof key, "%s.College.%d.Week.%d.Rate", prefix, j, k);
			hdf_set_value(out, key, text);
			if (k == 0) {
				snprintf(key, sizeof key, "%s.College.%d.Bar", prefix, j);
				hdf_set_int_value(out, key, pm < 0 ? 0 : pm * 3 / 10);
				snprintf(key, sizeof key, "%s.College.%d.Y", prefix, j);
				hdf_set_int_value(out, key, j * 22);
			}
		}
	}
	snprintf(key, sizeof key, "%s.Chart.Height", prefix);
	hdf_set_int_value(out, key, n * 22);
	free(cs);
	return STATUS_OK;
}
