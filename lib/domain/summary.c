/* summary.c - see summary.h. */
#include "domain/summary.h"
#include "domain/audit.h"
#include "core/db.h"
#include "core/days.h"

#include <stdio.h>

struct submit_ctx {
	const struct actor *a;
	const char *day, *figures, *notes;
};

static NEOERR *submit_in_txn(void *arg)
{
	struct submit_ctx *x = arg;
	char now[20];
	NEOERR *err;

	clock_now(now);
	err = db_exec(NULL, NULL,
		"INSERT INTO daily_summaries (counselor_id, day, submitted_at, figures, notes) "
		"VALUES (?, ?, ?, ?, NULLIF(?, ''))", "issss",
		(long long)x->a->person_id, x->day, now, x->figures, x->notes);
	if (err)
		return nerr_pass(err);
	return nerr_pass(audit_write(x->a, now, "summary.submit", 0, "daily_summaries", 0, x->day));
}

NEOERR *summary_submit(const struct actor *a, const char *day, const char *const names[],
		       const long long values[], const char *notes)
{
	struct submit_ctx x = { a, day, NULL, notes };
	STRING json;
	NEOERR *err;

	string_init(&json);
	err = string_append(&json, "{");
	for (int i = 0; err == STATUS_OK && names[i]; i++)
		err = string_appendf(&json, "%s\"%s\":%lld", i ? "," : "", names[i], values[i]);
	if (err == STATUS_OK)
		err = string_append(&json, "}");
	x.figures = json.buf;
	if (err == STATUS_OK)
		err = db_txn(submit_in_txn, &x);
	string_clear(&json);
	return nerr_pass(err);
}

NEOERR *summary_load(HDF *out, const char *prefix, int counselor, const char *day,
		     bool *found)
{
	return nerr_pass(db_row(out, prefix, found,
		"SELECT DATE_FORMAT(submitted_at, '%Y-%m-%d %H:%i') AS at, figures, notes "
		"FROM daily_summaries WHERE counselor_id = ? AND day = ?",
		"is", (long long)counselor, day));
}

NEOERR *summary_list(HDF *out, const char *prefix, const char *day)
{
	return nerr_pass(db_rows(out, prefix, NULL,
		"SELECT p.name, p.number, col.name AS college, "
		" DATE_FORMAT(s.submitted_at, '%m-%d %H:%i') AS at, s.notes "
		"FROM roles ro JOIN people p ON p.id = ro.person_id "
		"LEFT JOIN org_units col ON col.id = p.college_id "
		"LEFT JOIN daily_summaries s ON s.counselor_id = p.id AND s.day = ? "
		"WHERE ro.role = 'counselor' "
		"ORDER BY s.submitted_at IS NULL DESC, col.name, p.name LIMIT 2000", "s", day));
}
