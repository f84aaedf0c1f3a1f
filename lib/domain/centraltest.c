/* centraltest.c - see centraltest.h. */
#include "domain/centraltest.h"
#include "core/db.h"
#include "core/idlist.h"
#include "core/days.h"
#include "core/lookup.h"
#include "domain/audit.h"
#include "domain/facts.h"
#include "domain/scope.h"
#include "domain/term.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CTEST_MAX_ROWS 100000

static bool digits(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

bool ctest_parse_time(const char *t, bool excel, char out[20])
{
	char d[11];
	int h = 0, m = 0, sec = 0;
	size_t n = strlen(t);

	if (excel && n > 0 && n < 24 && strspn(t, "0123456789.") == n) {
		double v = atof(t);
		int day = sheet_excel_serial_to_day(v);
		long mins;

		if (day < 0)
			return false;
		mins = lround((v - floor(v)) * 1440.0);
		if (mins >= 1440)
			mins = 1439;
		day_format(day, d);
		snprintf(out, 20, "%s %02ld:%02ld:00", d, mins / 60, mins % 60);
		return true;
	}
	if (n < 10 || !digits(t, 4) || (t[4] != '-' && t[4] != '/') || !digits(t + 5, 2) ||
	    t[7] != t[4] || !digits(t + 8, 2))
		return false;
	snprintf(d, sizeof d, "%.4s-%.2s-%.2s", t, t + 5, t + 8);
	if (day_parse(d) <= 0)
		return false;
	if (n == 10)
		;
	else if ((n == 16 || n == 19) && (t[10] == ' ' || t[10] == 'T') && digits(t + 11, 2) &&
		 t[13] == ':' && digits(t + 14, 2) && (n == 16 || (t[16] == ':' && digits(t + 17, 2)))) {
		h = atoi(t + 11);
		m = atoi(t + 14);
		sec = n == 19 ? atoi(t + 17) : 0;
		if (h > 23 || m > 59 || sec > 59)
			return false;
	} else {
		return false;
	}
	snprintf(out, 20, "%s %02d:%02d:%02d", d, h, m, sec);
	return true;
}

const char *ctest_parse_result(const char *t)
{
	static const struct { const char *word, *result; } words[] = {
		{ "阴性", "negative" }, { "negative", "negative" }, { "neg", "negative" },
		{ "-", "negative" }, { "阳性", "positive" }, { "positive", "positive" },
		{ "pos", "positive" }, { "+", "positive" },
	};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (!strcasecmp(t, words[i].word))
			return words[i].result;
	return NULL;
}

/* ---- the import --------------------------------------------------------- */

enum col { C_NUMBER, C_SAMPLED, C_RESULT, NCOLS };

static const char *const headers[NCOLS][4] = {
	[C_NUMBER] = { "学号", "工号", "number", "学号/工号" },
	[C_SAMPLED] = { "采样时间", "sampled_at", "sample time", "采样日期" },
	[C_RESULT] = { "检测结果", "结果", "result", NULL },
};

struct import {
	const struct actor *a;
	const SHEET *s;
	const char *filename;
	struct ctest_report *rep;
	int col[NCOLS];
	int nbad, npositive, nrows;
	struct lookup person, college;
	/* The terms, to name the one a sample day falls in. */
	int nterms;
	struct { int id, from, to; } terms[64];
	STRING rows, ids;          /* JSON arrays for the set-based write */
};

static void bad(struct import *im, int row, int col, const char *key, const char *detail)
{
	sheet_errors_add(&im->rep->errors, 200, row, col, key, detail);
	im->nbad++;
}

static bool header_ok(struct import *im)
{
	char cell[200];

	for (int c = 0; c < NCOLS; c++)
		im->col[c] = -1;
	for (int i = 0; i < sheet_cols(im->s, 0); i++) {
		sheet_cell_trimmed(im->s, 0, i, cell, sizeof cell);
		for (int c = 0; c < NCOLS; c++)
			for (int k = 0; k < 4 && headers[c][k]; k++)
				if (!strcasecmp(cell, headers[c][k]) && im->col[c] < 0)
					im->col[c] = i;
	}
	for (int c = 0; c < NCOLS; c++)
		if (im->col[c] < 0) {
			bad(im, 1, 0, "ctest.err.header", headers[c][0]);
			return false;
		}
	return true;
}

static NEOERR *load_lookups(struct import *im)
{
	DB_CURSOR *c = NULL;
	char key[48];
	NEOERR *err = lookup_init(&im->person);

	if (err == STATUS_OK)
		err = lookup_init(&im->college);
	if (err == STATUS_OK)
		err = db_query(&c, "SELECT number, id, COALESCE(college_id, 0) FROM people", NULL);
	while (err == STATUS_OK && db_next(c)) {
		err = lookup_put(&im->person, db_str(c, 0), (long)db_int(c, 1));
		snprintf(key, sizeof key, "%lld", db_int(c, 1));
		if (err == STATUS_OK && db_int(c, 2))
			err = lookup_put(&im->college, key, (long)db_int(c, 2));
	}
	db_cursor_free(&c);
	if (err == STATUS_OK)
		err = db_query(&c, "SELECT id, starts_on, ends_on FROM terms "
			       "ORDER BY starts_on DESC LIMIT 64", NULL);
	while (err == STATUS_OK && db_next(c)) {
		im->terms[im->nterms].id = (int)db_int(c, 0);
		im->terms[im->nterms].from = day_parse(db_str(c, 1));
		im->terms[im->nterms].to = day_parse(db_str(c, 2));
		im->nterms++;
	}
	db_cursor_free(&c);
	return nerr_pass(err);
}

/* The term a day falls in (the one started last), 0 for none. */
static int term_of(const struct import *im, int day)
{
	for (int i = 0; i < im->nterms; i++)
		if (im->terms[i].from <= day && day <= im->terms[i].to)
			return im->terms[i].id;
	return 0;
}

static NEOERR *check_row(struct import *im, int i)
{
	char num[80], at[80], res[80], when[20], key[24], d[11];
	const char *result;
	long person;
	int row = i + 1, term;

	sheet_cell_trimmed(im->s, i, im->col[C_NUMBER], num, sizeof num);
	sheet_cell_trimmed(im->s, i, im->col[C_SAMPLED], at, sizeof at);
	sheet_cell_trimmed(im->s, i, im->col[C_RESULT], res, sizeof res);
	if (!*num && !*at && !*res)
		return STATUS_OK;              /* an empty line in the middle */
	im->nrows++;
	person = *num ? lookup_get(&im->person, num) : 0;
	if (!*num) {
		bad(im, row, im->col[C_NUMBER] + 1, "ctest.err.empty", NULL);
		return STATUS_OK;
	}
	if (person == 0) {
		bad(im, row, im->col[C_NUMBER] + 1, "ctest.err.number", num);
		return STATUS_OK;
	}
	snprintf(key, sizeof key, "%ld", person);
	if (!(im->a->roles & R_ADMIN) &&
	    lookup_get(&im->college, key) != im->a->admin_college_id) {
		bad(im, row, im->col[C_NUMBER] + 1, "ctest.err.scope", num);
		return STATUS_OK;
	}
	if (!ctest_parse_time(at, true, when)) {
		bad(im, row, im->col[C_SAMPLED] + 1, "ctest.err.time", at);
		return STATUS_OK;
	}
	snprintf(d, sizeof d, "%.10s", when);
	term = term_of(im, day_parse(d));
	if (term == 0) {
		bad(im, row, im->col[C_SAMPLED] + 1, "ctest.err.term", at);
		return STATUS_OK;
	}
	result = ctest_parse_result(res);
	if (result == NULL) {
		bad(im, row, im->col[C_RESULT] + 1, "ctest.err.result", res);
		return STATUS_OK;
	}
	im->npositive += result[0] == 'p';
	/* Safe JSON by construction: digits, a formatted time, a fixed word. */
	return nerr_pass(string_appendf(&im->rows, "%s[%ld,%d,\"%s\",\"%s\"]",
		im->rows.len > 1 ? "," : "", person, term, when, result));
}

static NEOERR *import_in_txn(void *arg)
{
	struct import *im = arg;
	char now[20], detail[400];
	NEOERR *err;

	clock_now(now);
	err = db_exec(NULL, NULL,
		"INSERT INTO central_tests (person_id, term_id, sampled_at, result, source, "
		" recorded_by, recorded_at) "
		"SELECT j.person, j.term, j.at, j.result, 'import', ?, ? FROM JSON_TABLE(?, '$[*]' "
		" COLUMNS (person INT PATH '$[0]', term INT PATH '$[1]', at DATETIME PATH '$[2]', "
		"  result VARCHAR(8) PATH '$[3]')) j "
		"ON DUPLICATE KEY UPDATE term_id = VALUES(term_id), result = VALUES(result), "
		" source = VALUES(source), recorded_by = VALUES(recorded_by), "
		" recorded_at = VALUES(recorded_at)",
		"iss", (long long)im->a->person_id, now, im->rows.buf);
	if (err == STATUS_OK)
		err = facts_central_tests(im->ids.buf);
	if (err)
		return nerr_pass(err);
	snprintf(detail, sizeof detail, "%s: %d results, %d positive",
		 im->filename, im->nrows, im->npositive);
	return nerr_pass(audit_write(im->a, now, "central_test.import", 0, "central_test", 0, detail));
}

NEOERR *ctest_import(const struct actor *a, const SHEET *s, const char *filename,
		     struct ctest_report *rep)
{
	struct import im;
	NEOERR *err;

	memset(&im, 0, sizeof im);
	im.a = a;
	im.s = s;
	im.filename = filename;
	im.rep = rep;
	*rep = (struct ctest_report){ 0 };
	string_init(&im.rows);
	string_init(&im.ids);
	err = load_lookups(&im);
	if (err == STATUS_OK)
		err = string_append(&im.rows, "[");
	if (err == STATUS_OK && sheet_rows(s) > CTEST_MAX_ROWS)
		bad(&im, CTEST_MAX_ROWS + 1, 0, "ctest.err.too_many", NULL);
	else if (err == STATUS_OK && header_ok(&im))
		for (int i = 1; err == STATUS_OK && i < sheet_rows(s); i++)
			err = check_row(&im, i);
	if (err == STATUS_OK && im.nbad == 0 && im.nrows == 0)
		bad(&im, 0, 0, "ctest.err.no_rows", NULL);
	if (err == STATUS_OK)
		err = string_append(&im.rows, "]");
	/* The people concerned, for their card facts. */
	if (err == STATUS_OK && im.nbad == 0) {
		err = string_append(&im.ids, "[]");
		for (const char *p = im.rows.buf + 1; err == STATUS_OK && (p = strchr(p, '[')); p++)
			err = idlist_append(&im.ids, strtol(p + 1, NULL, 10));
	}
	if (err == STATUS_OK && im.nbad == 0)
		err = db_txn(import_in_txn, &im);
	rep->rows = im.nrows;
	rep->positive = im.npositive;
	rep->applied = err == STATUS_OK && im.nbad == 0;
	lookup_free(&im.person);
	lookup_free(&im.college);
	string_clear(&im.rows);
	string_clear(&im.ids);
	return nerr_pass(err);
}

void ctest_report_free(struct ctest_report *rep)
{
	sheet_errors_free(&rep->errors);
}

/* ---- one by hand --------------------------------------------------------- */

struct record_ctx {
	const struct actor *a;
	int person;
	const char *when, *result;
};

static NEOERR *record_in_txn(void *arg)
{
	struct record_ctx *x = arg;
	char now[20], ids[24], detail[80], d[11];
	NEOERR *err;

	clock_now(now);
	snprintf(d, sizeof d, "%.10s", x->when);
	err = db_exec(NULL, NULL,
		"INSERT INTO central_tests (person_id, term_id, sampled_at, result, source, "
		" recorded_by, recorded_at) VALUES (?, " TERM_NOW_ID ", ?, ?, 'hand', ?, ?) "
		"ON DUPLICATE KEY UPDATE term_id = VALUES(term_id), result = VALUES(result), "
		" source = VALUES(source), recorded_by = VALUES(recorded_by), "
		" recorded_at = VALUES(recorded_at)",
		"issssis", (long long)x->person, d, d, x->when, x->result,
		(long long)x->a->person_id, now);
	snprintf(ids, sizeof ids, "[%d]", x->person);
	if (err == STATUS_OK)
		err = facts_central_tests(ids);
	snprintf(detail, sizeof detail, "%s %s", x->when, x->result);
	if (err == STATUS_OK)
		err = audit_write(x->a, now, "central_test.record", x->person, "central_test", 0, detail);
	return nerr_pass(err);
}

NEOERR *ctest_record(const struct actor *a, const char *number, const char *sampled_at,
		     const char *result, const char **badf, const char **why)
{
	struct record_ctx x = { a, 0, NULL, NULL };
	struct subject sub;
	char when[20], d[11];
	long long id = 0, term = 0;
	bool found = false;
	NEOERR *err;

	*badf = *why = NULL;
	err = db_scalar(&id, &found, "SELECT id FROM people WHERE number = ?", "s", number);
	if (err)
		return nerr_pass(err);
	if (!found) {
		*badf = "number";
		*why = "ctest.err.number";
		return STATUS_OK;
	}
	err = scope_load_subject((int)id, &sub, &found);
	if (err)
		return nerr_pass(err);
	if (!scope_allows_acting(a, &sub)) {
		*badf = "number";
		*why = "ctest.err.scope";
		return STATUS_OK;
	}
	if (!ctest_parse_time(sampled_at, false, when)) {
		*badf = "sampled_at";
		*why = "ctest.err.time";
		return STATUS_OK;
	}
	snprintf(d, sizeof d, "%.10s", when);
	err = db_scalar(&term, &found, "SELECT " TERM_NOW_ID, "ss", d, d);
	if (err)
		return nerr_pass(err);
	if (term == 0) {
		*badf = "sampled_at";
		*why = "ctest.err.term";
		return STATUS_OK;
	}
	x.result = ctest_parse_result(result);
	if (x.result == NULL) {
		*badf = "result";
		*why = "ctest.err.result";
		return STATUS_OK;
	}
	x.person = (int)id;
	x.when = when;
	return nerr_pass(db_txn(record_in_txn, &x));
}

/* ---- the list ------------------------------------------------------------ */
