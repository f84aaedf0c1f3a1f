/*
 * centraltest.h - central testing results (集中检测, seed 000): a campus
 * testing round's results, imported from a spreadsheet by the school admin
 * or a college admin (their college's people only), or recorded one by
 * hand by a counselor (their own students) or the school admin. Stored in
 * central_tests (sql/022), one row per person and sample time: the same
 * file twice changes nothing. The card's facts follow in the same
 * transaction (facts_central_tests()): a negative result of the term is
 * 是否在本地检测 in the big table and 通过集中检测 in the report; the term's
 * latest result being positive turns the card red with its day.
 *
 * The file's columns are found by their header, in any order: number
 * (学号/工号/number), sample time (采样时间/sampled_at: "YYYY-MM-DD HH:MM",
 * with seconds or without a time, or an Excel date-time) and result
 * (检测结果/结果/result: 阴性/阳性/negative/positive). Every bad row is
 * named with its line, column and why, and then nothing is stored.
 */
#ifndef HC_CENTRALTEST_H
#define HC_CENTRALTEST_H

#include "core/actor.h"
#include "core/sheet.h"

#include <stdbool.h>

/* A sample time as written in a cell or a form into "YYYY-MM-DD HH:MM:SS";
 * false when it is none. Excel serials (days and a fraction) too when
 * excel is set. Pure. */
bool ctest_parse_time(const char *text, bool excel, char out[20]);

/* "negative" or "positive" for the words a file or a form may use;
 * NULL for anything else. Pure. */
const char *ctest_parse_result(const char *text);

/* What an import found: the rows read, the positive among them, the bad
 * rows (errors.n; the first 200 kept, each with a language-pack key,
 * ctest.err.*), and whether it was stored. The caller frees it with
 * ctest_report_free(). */
struct ctest_report {
	int rows, positive;
	struct sheet_errors errors;
	bool applied;
};

/* Checks every row of s; when none is bad stores them all in one
 * transaction (card facts and an audit row naming filename with it), into
 * *rep. The caller checks the role: the school admin, or a college admin
 * (a->admin_college_id: rows of other colleges are bad). */
NEOERR *ctest_import(const struct actor *a, const SHEET *s, const char *filename,
		     struct ctest_report *rep);
void ctest_report_free(struct ctest_report *rep);

/* One result by hand. *bad: NULL when stored, else the field's name
 * ("number", "sampled_at", "result") and *why its language-pack key.
 * A person out of the actor's scope is "number" / ctest.err.scope. */
NEOERR *ctest_record(const struct actor *a, const char *number, const char *sampled_at,
		     const char *result, const char **bad, const char **why);

#endif
