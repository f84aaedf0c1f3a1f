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

/* Adds to college id's counts of day d (0: the oldest of the span). */
static void add_to(struct college *cs, int n, long long id, int d, long long expected,
		   long long reported)
{
	if (d < 0 || d >= SPAN)
		return;
	for (int j = 0; j < n; j++)
		if (cs[j].id == id) {
			cs[j].expected[d] += expected;
			cs[j].reported[d] += reported;
			return;
		}
}

NEOERR *completion_load(HDF *out, const char *prefix, int today)
{
	struct college *cs = NULL;
	DB_CURSOR *c = NULL;
	char from[11], to[11], key[160], text[16];
	int n = 0;
	NEOERR *err;

	day_format(today - SPAN + 1, from);
	day_format(today, to);
	cs = calloc(MAX_COLLEGES, sizeof *cs);
	if (cs == NULL)
		return nerr_raise(NERR_NOMEM, "completion");
	/* Three reads, each through an index, instead of every person on
	 * every day (3 to 5 s over 30,000 people and 28 days, against half a
	 * second): the head count per college, the reports per college and
	 * day, and the exempt per college and day with their reports, which
	 * come off both (exemptions are few). */
	err = db_query(&c, "SELECT col.id, col.name, COUNT(*) FROM people p "
		"JOIN org_units col ON col.id = p.college_id "
		"GROUP BY col.id, col.name ORDER BY col.name, col.id", NULL);
	while (err == STATUS_OK && db_next(c) && n < MAX_COLLEGES) {
		DB_FILL(c, 0, cs[n].id, cs[n].name);
		for (int d = 0; d < SPAN; d++)
			cs[n].expected[d] = db_int(c, 2);
		n++;
	}
	db_cursor_free(&c);
	if (err == STATUS_OK)
		err = db_query(&c, "SELECT p.college_id, DATEDIFF(r.day, ?), COUNT(*) "
			"FROM daily_reports r JOIN people p ON p.id = r.person_id "
			"WHERE r.day BETWEEN ? AND ? AND p.college_id IS NOT NULL "
			"GROUP BY p.college_id, r.day", "sss", from, from, to);
	while (err == STATUS_OK && db_next(c))
		add_to(cs, n, db_int(c, 0), (int)db_int(c, 1), 0, db_int(c, 2));
	db_cursor_free(&c);
	if (err == STATUS_OK)
		err = db_query(&c,
			"WITH RECURSIVE days(d) AS (SELECT CAST(? AS DATE) "
			"  UNION ALL SELECT d + INTERVAL 1 DAY FROM days WHERE d < ?) "
			"SELECT p.college_id, DATEDIFF(x.day, ?), COUNT(*), COUNT(r.id) "
			"FROM (SELECT DISTINCT k.d AS day, p.id FROM days k "
			"  JOIN checkin_exemptions e ON e.ended_at IS NULL AND e.starts_on <= k.d "
			"   AND (e.ends_on IS NULL OR e.ends_on >= k.d) "
			"  JOIN people p ON e.person_id = p.id OR e.class_id = p.class_id "
			"   OR e.status = p.status) x "
			"JOIN people p ON p.id = x.id "
			"LEFT JOIN daily_reports r ON r.person_id = p.id AND r.day = x.day "
			"WHERE p.college_id IS NOT NULL GROUP BY p.college_id, x.day",
			"sss", from, to, from);
	while (err == STATUS_OK && db_next(c))
		add_to(cs, n, db_int(c, 0), (int)db_int(c, 1), -db_int(c, 2), -db_int(c, 3));
	db_cursor_free(&c);
	if (err) {
		free(cs);
		return nerr_pass(err);
	}
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
