/* rounds.c - see rounds.h. */
#include "read/rounds.h"
#include "domain/rounds.h"
#include "domain/summary.h"
#include "domain/exempt.h"
#include "core/db.h"

#include <stdio.h>

NEOERR *round_mine_load(HDF *out, const char *prefix, int person, const char *day)
{
	char key[96];
	NEOERR *err = STATUS_OK;

	for (int i = 0; err == STATUS_OK && i < ROUNDS; i++) {
		snprintf(key, sizeof key, "%s.%s", prefix, round_names[i]);
		err = db_row(out, key, NULL, "SELECT temperature, symptoms, anomaly, "
			     "DATE_FORMAT(submitted_at, '%H:%i') AS at FROM round_reports "
			     "WHERE person_id = ? AND day = ? AND round = ?", "iss",
			     (long long)person, day, round_names[i]);
	}
	return nerr_pass(err);
}

#define MISSING_FROM "FROM (SELECT CAST(? AS DATE) AS day) k JOIN people p"
#define MISSING_WHERE "AND NOT EXISTS (SELECT 1 FROM round_reports r WHERE r.person_id = p.id " \
	" AND r.day = k.day AND r.round = ?) AND NOT " EXEMPT_ON("k.day")

static const char *const missing_sql[] = SCOPE_VARIANTS(
	"SELECT p.id, p.name, p.number " MISSING_FROM, MISSING_WHERE " ORDER BY p.number LIMIT 200");
static const char *const missing_count_sql[] = SCOPE_VARIANTS(
	"SELECT COUNT(*) " MISSING_FROM, MISSING_WHERE);

NEOERR *round_missing_load(HDF *out, const char *prefix, enum scope_kind s, long long bound,
			   const char *day)
{
	struct round_conf conf[ROUNDS];
	char key[96];
	long long n = 0;
	NEOERR *err = rounds_load(conf);

	for (int i = 0; err == STATUS_OK && i < ROUNDS; i++) {
		if (!conf[i].enabled)
			continue;
		snprintf(key, sizeof key, "%s.%s.Missing", prefix, round_names[i]);
		err = db_rows(out, key, NULL, missing_sql[s], "sis", day, bound, round_names[i]);
		if (err == STATUS_OK)
			err = db_scalar(&n, NULL, missing_count_sql[s], "sis", day, bound,
					round_names[i]);
		snprintf(key, sizeof key, "%s.%s.Count", prefix, round_names[i]);
		hdf_set_int_value(out, key, (int)n);
	}
	return nerr_pass(err);
}

#define AS_COLUMN(n) ", JSON_VALUE(s.hand_figures, '$." #n "') AS hand_" #n

NEOERR *summary_load(HDF *out, const char *prefix, int counselor, const char *day,
		     bool *found)
{
	return nerr_pass(db_row(out, prefix, found,
		"SELECT DATE_FORMAT(s.submitted_at, '%Y-%m-%d %H:%i') AS at, s.figures, s.notes"
		SUMMARY_HAND(AS_COLUMN) " FROM daily_summaries s "
		"WHERE s.counselor_id = ? AND s.day = ?",
		"is", (long long)counselor, day));
}

NEOERR *summary_list(HDF *out, const char *prefix, const char *day)
{
	return nerr_pass(db_rows(out, prefix, NULL,
		"SELECT p.name, p.number, col.name AS college, "
		" DATE_FORMAT(s.submitted_at, '%m-%d %H:%i') AS at, s.notes"
		SUMMARY_HAND(AS_COLUMN) " "
		"FROM roles ro JOIN people p ON p.id = ro.person_id "
		"LEFT JOIN org_units col ON col.id = p.college_id "
		"LEFT JOIN daily_summaries s ON s.counselor_id = p.id AND s.day = ? "
		"WHERE ro.role = 'counselor' "
		"ORDER BY s.submitted_at IS NULL DESC, col.name, p.name LIMIT 2000", "s", day));
}
