/*
 * roster.c - see roster.h.
 *
 * The lookups a 30,000-row file needs (numbers, names, batches, counselors,
 * the term's roster) are read once into hash tables, so checking is one
 * pass over the rows without a query per row; applying is one prepared
 * statement per row inside a single transaction.
 */
#include "domain/roster.h"
#include "core/db.h"
#include "core/idlist.h"
#include "core/lookup.h"
#include "domain/facts.h"
#include "domain/audit.h"
#include "core/days.h"
#include "core/lang.h"
#include "domain/term.h"
#include "core/xlsxfile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_COLS 4

struct template_def {
	const char *name;
	const char *headers[MAX_COLS];   /* NULL-terminated */
	const char *example[MAX_COLS];
};

/* Columns: 学号 (number) first; 姓名 (name) is checked against it. */
static const struct template_def templates[] = {
	[ROSTER_ADD] = { "add", { "学号", "姓名", "批次", NULL },
			 { "23010001", "张明", "第一批", NULL } },
	[ROSTER_DELETE] = { "delete", { "学号", "姓名", NULL },
			    { "23010001", "张明", NULL } },
	[ROSTER_MODIFY] = { "modify", { "学号", "姓名", "批次", "辅导员工号" },
			    { "23010001", "张明", "第二批", "100008" } },
};

bool roster_kind_parse(const char *name, enum roster_kind *k)
{
	for (int i = 0; i < 3; i++) {
		if (name && !strcmp(name, templates[i].name)) {
			*k = (enum roster_kind)i;
			return true;
		}
	}
	return false;
}

NEOERR *roster_template(enum roster_kind k, const char *tmpdir, char **buf, size_t *len)
{
	const struct template_def *t = &templates[k];
	char path[1024];
	int ncols = 0;

	while (ncols < MAX_COLS && t->headers[ncols])
		ncols++;
	snprintf(path, sizeof path, "%s/template-%d-%s.xlsx", tmpdir, (int)getpid(), t->name);
	return nerr_pass(xlsx_template(path, "名单", t->headers, ncols, t->example, 1, 16,
				       buf, len));
}

struct checked_row {
	long person, batch, counselor;
};

struct import {
	const struct actor *a;
	struct roster_result *res;
	enum roster_kind kind;
	int term;
	int own_counselor;         /* 0: the school admin; else who imports */
	const SHEET *s;
	const char *filename;
	struct lookup numbers;     /* number -> person id */
	struct lookup names;       /* "id" -> name matches? we keep name by number */
	struct lookup batches;     /* batch name -> id */
	struct lookup counselors;  /* counselor number -> id */
	struct lookup on_roster;   /* person id (text) -> batch id */
	struct lookup seen;        /* number -> first row (1-based) in this file */
	struct lookup mine;        /* own_counselor's students: number -> id */
	struct checked_row *rows;
	int nrows, nbad;
	unsigned long long added, deleted, moved, reassigned;
};


static void bad_row(struct import *im, int row, const char *key, const char *detail)
{
	if (im->nbad < ROSTER_MAX_ERRORS) {
		struct roster_error *e = &im->res->error[im->nbad];
		e->row = row;
		snprintf(e->reason, sizeof e->reason, "%s%s%s", lang_text(im->a->lang, key),
			 detail ? " " : "", detail ? detail : "");
	}
	im->nbad++;
}

static bool header_ok(struct import *im)
{
	const struct template_def *t = &templates[im->kind];
	char cell[64];

	for (int c = 0; c < MAX_COLS; c++) {
		const char *want = t->headers[c] ? t->headers[c] : "";
		if (strcmp(sheet_cell_trimmed(im->s, 0, c, cell, sizeof cell), want))
			return false;
	}
	return true;
}

static NEOERR *load_lookups(struct import *im)
{
	NEOERR *err;

	err = lookup_init(&im->numbers);
	if (!err) err = lookup_init(&im->names);
	if (!err) err = lookup_init(&im->batches);
	if (!err) err = lookup_init(&im->counselors);
	if (!err) err = lookup_init(&im->on_roster);
	if (!err) err = lookup_init(&im->seen);
	if (!err) err = lookup_init(&im->mine);
	if (!err && im->own_counselor) err = lookup_load(&im->mine,
		"SELECT p.number, p.id FROM people p JOIN counselor_assignments ca "
		"ON ca.student_id = p.id WHERE ca.counselor_id = ?", "i", im->own_counselor);
	/* Staff too: teachers and staff return to their posts (返岗, seed 002)
	 * from the same rosters, with a card of their own. */
	if (!err) err = lookup_load(&im->numbers, "SELECT number, id FROM people", NULL, 0);
	/* The name check: "number|name" is a key when they belong together. */
	if (!err) err = lookup_load(&im->names,
		"SELECT CONCAT(number, '|', name), id FROM people", NULL, 0);
	if (!err) err = lookup_load(&im->batches,
		"SELECT name, id FROM return_batches WHERE term_id = ?", "i", im->term);
	if (!err) err = lookup_load(&im->counselors,
		"SELECT p.number, p.id FROM people p JOIN roles r ON r.person_id = p.id "
		"WHERE r.role = 'counselor'", NULL, 0);
	if (!err) err = lookup_load(&im->on_roster,
		"SELECT CAST(person_id AS CHAR), batch_id FROM roster_entries WHERE term_id = ?",
		"i", im->term);
	return nerr_pass(err);
}

/* Checks row i (0-based; the admin's row i + 1) into im->rows[i]. */
static void check_row(struct import *im, int i)
{
	struct checked_row *cr = &im->rows[i];
	char number[64], name[128], batch[128], counselor[64], key[200], pid[24];
	int row = i + 1;
	long first;

	memset(cr, 0, sizeof *cr);
	sheet_cell_trimmed(im->s, i, 0, number, sizeof number);
	sheet_cell_trimmed(im->s, i, 1, name, sizeof name);
	sheet_cell_trimmed(im->s, i, 2, batch, sizeof batch);
	sheet_cell_trimmed(im->s, i, 3, counselor, sizeof counselor);
	if (!*number && !*name && !*batch && !*counselor) {
		cr->person = -1;   /* an empty row: skipped */
		return;
	}
	if (!*number) {
		bad_row(im, row, "roster.err.no_number", NULL);
		return;
	}
	cr->person = lookup_get(&im->numbers, number);
	if (cr->person == 0) {
		bad_row(im, row, "roster.err.unknown_number", number);
		return;
	}
	if (im->own_counselor && lookup_get(&im->mine, number) == 0) {
		bad_row(im, row, "roster.err.not_yours", number);
		return;
	}
	snprintf(key, sizeof key, "%s|%s", number, name);
	if (*name && lookup_get(&im->names, key) == 0) {
		bad_row(im, row, "roster.err.name_mismatch", name);
		return;
	}
	first = lookup_get(&im->seen, number);
	if (first) {
		snprintf(key, sizeof key, "%ld", first);
		bad_row(im, row, "roster.err.duplicate", key);
		return;
	}
	if (lookup_put(&im->seen, number, row) != STATUS_OK) {
		bad_row(im, row, "roster.err.unknown_number", number);
		return;
	}
	snprintf(pid, sizeof pid, "%ld", cr->person);
	bool listed = ne_hash_has_key(im->on_roster.h, pid);
	if (im->kind == ROSTER_ADD && listed) {
		bad_row(im, row, "roster.err.already_listed", number);
		return;
	}
	if (im->kind != ROSTER_ADD && !listed) {
		bad_row(im, row, "roster.err.not_listed", number);
		return;
	}
	if (*batch && im->kind != ROSTER_DELETE) {
		cr->batch = lookup_get(&im->batches, batch);
		if (cr->batch == 0) {
			bad_row(im, row, "roster.err.unknown_batch", batch);
			return;
		}
	} else if (im->kind == ROSTER_ADD) {
		bad_row(im, row, "roster.err.no_batch", NULL);
		return;
	}
	if (im->kind == ROSTER_MODIFY) {
		if (*counselor && im->own_counselor) {
			/* Handing a student over is the school's decision. */
			bad_row(im, row, "roster.err.counselor_admin_only", counselor);
			return;
		}
		if (*counselor) {
			cr->counselor = lookup_get(&im->counselors, counselor);
			if (cr->counselor == 0) {
				bad_row(im, row, "roster.err.unknown_counselor", counselor);
				return;
			}
		}
		if (!cr->batch && !cr->counselor)
			bad_row(im, row, "roster.err.nothing_to_change", NULL);
	}
}

static NEOERR *apply_row(struct import *im, const struct checked_row *cr, const char *now)
{
	unsigned long long n = 0;
	long long by = im->a->person_id;
	NEOERR *err = STATUS_OK;

	switch (im->kind) {
	case ROSTER_ADD:
		err = db_exec(&n, NULL, "INSERT INTO roster_entries (term_id, person_id, batch_id, "
			"added_at, added_by) VALUES (?, ?, ?, ?, ?)", "iiisi", (long long)im->term,
			(long long)cr->person, (long long)cr->batch, now, by);
		im->added += n;
		break;
	case ROSTER_DELETE:
		err = db_exec(&n, NULL, "DELETE FROM roster_entries WHERE term_id = ? AND person_id = ?",
			"ii", (long long)im->term, (long long)cr->person);
		im->deleted += n;
		break;
	case ROSTER_MODIFY:
		if (cr->batch) {
			err = db_exec(&n, NULL, "UPDATE roster_entries SET batch_id = ? "
				"WHERE term_id = ? AND person_id = ?", "iii", (long long)cr->batch,
				(long long)im->term, (long long)cr->person);
			im->moved += n;
		}
		if (err == STATUS_OK && cr->counselor) {
			/* The old counselor goes into the audit log before the change;
			 * pending items follow the assignment, which decides scope. */
			err = db_exec(NULL, NULL,
				"INSERT INTO audit_log (at, actor_id, action, subject_person_id, "
				" object_kind, object_id, detail, request_id) "
				"SELECT ?, ?, 'counselor.reassign', ?, 'counselor_assignments', ?, "
				" CONCAT(COALESCE((SELECT counselor_id FROM counselor_assignments "
				"  WHERE student_id = ?), 0), ' -> ', ?), ? "
				"FROM DUAL WHERE NOT EXISTS (SELECT 1 FROM counselor_assignments "
				"  WHERE student_id = ? AND counselor_id = ?)", "siiiiisii",
				now, by, (long long)cr->person, (long long)cr->person,
				(long long)cr->person, (long long)cr->counselor,
				im->a->request_id ? im->a->request_id : "",
				(long long)cr->person, (long long)cr->counselor);
			if (err == STATUS_OK)
				err = db_exec(&n, NULL,
					"INSERT INTO counselor_assignments (student_id, counselor_id, since) "
					"VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE "
					" since = IF(counselor_id = VALUES(counselor_id), since, VALUES(since)), "
					" counselor_id = VALUES(counselor_id)", "iis",
					(long long)cr->person, (long long)cr->counselor, now);
			im->reassigned += n ? 1 : 0;
		}
		break;
	}
	return nerr_pass(err);
}

/* The card facts of the people added or deleted, in one statement that
 * locks their rows only: check-ins of the others go on meanwhile. */
static NEOERR *roster_facts(const struct import *im)
{
	STRING ids;
	NEOERR *err;

	string_init(&ids);
	err = string_append(&ids, "[]");
	for (int i = 1; err == STATUS_OK && i < im->nrows; i++)
		if (im->rows[i].person > 0)
			err = idlist_append(&ids, im->rows[i].person);
	if (err == STATUS_OK)
		err = facts_roster(im->term, ids.buf);
	string_clear(&ids);
	return nerr_pass(err);
}

static NEOERR *apply_in_txn(void *arg)
{
	struct import *im = arg;
	char now[20], detail[300];
	NEOERR *err = STATUS_OK;

	clock_now(now);
	im->added = im->deleted = im->moved = im->reassigned = 0;
	for (int i = 1; err == STATUS_OK && i < im->nrows; i++)
		if (im->rows[i].person > 0)
			err = apply_row(im, &im->rows[i], now);
	if (err == STATUS_OK && im->added + im->deleted > 0)
		err = roster_facts(im);
	if (err)
		return nerr_pass(err);
	snprintf(detail, sizeof detail, "%s: %s, +%llu -%llu ~%llu counselor %llu",
		 templates[im->kind].name, im->filename, im->added, im->deleted, im->moved,
		 im->reassigned);
	return nerr_pass(audit_write(im->a, now, "roster.import", 0, "roster_entries", 0, detail));
}

NEOERR *roster_import(const struct actor *a, enum roster_kind k, int term, int counselor,
		      const SHEET *s, const char *filename, struct roster_result *res)
{
	struct import im = { .a = a, .res = res, .kind = k, .term = term,
			     .own_counselor = counselor, .s = s, .filename = filename };
	NEOERR *err = STATUS_OK;

	memset(res, 0, sizeof *res);
	im.nrows = sheet_rows(s);
	if (im.nrows == 0 || !header_ok(&im)) {
		bad_row(&im, 1, "roster.err.wrong_template", lang_text(a->lang, k == ROSTER_ADD ?
			"roster.kind.add" : k == ROSTER_DELETE ? "roster.kind.delete" : "roster.kind.modify"));
		res->nbad = im.nbad;
		return STATUS_OK;
	}
	im.rows = calloc((size_t)im.nrows, sizeof *im.rows);
	if (im.rows == NULL)
		return nerr_raise(NERR_NOMEM, "%d rows", im.nrows);
	err = load_lookups(&im);
	for (int i = 1; err == STATUS_OK && i < im.nrows; i++)
		check_row(&im, i);
	if (err == STATUS_OK && im.nbad == 0)
		err = db_txn(apply_in_txn, &im);
	if (err == STATUS_OK) {
		res->checked = true;
		res->rows = im.nrows - 1;
		res->applied = im.nbad == 0;
		if (res->applied) {
			res->added = im.added;
			res->deleted = im.deleted;
			res->moved = im.moved;
			res->reassigned = im.reassigned;
		}
	}
	res->nbad = im.nbad;
	free(im.rows);
	lookup_free(&im.numbers);
	lookup_free(&im.names);
	lookup_free(&im.batches);
	lookup_free(&im.counselors);
	lookup_free(&im.on_roster);
	lookup_free(&im.seen);
	lookup_free(&im.mine);
	return nerr_pass(err);
}

/* ---- terms and batches ---- */

NEOERR *roster_current_term(struct term_info *t)
{
	char today[11];
	DB_CURSOR *c = NULL;
	NEOERR *err;

	memset(t, 0, sizeof *t);
	day_format(day_today(), today);
	err = db_query(&c, "SELECT id, name, starts_on, ends_on FROM terms WHERE id = " TERM_NOW_ID,
		       "ss", today, today);
	if (err)
		return nerr_pass(err);
	if (db_next(c)) {
		DB_FILL(c, 0, t->id, t->name, t->starts_on, t->ends_on);
	}
	db_cursor_free(&c);
	return STATUS_OK;
}

struct named_add {
	const struct actor *a;
	const char *name, *from, *until;
};

static NEOERR *batch_in_txn(void *arg)
{
	struct named_add *x = arg;
	struct term_info t;
	char now[20];
	NEOERR *err = roster_current_term(&t);

	if (err == STATUS_OK && t.id == 0)
		err = nerr_raise(HC_ERR_NOTFOUND, "no current term");
	if (err == STATUS_OK)
		err = db_exec(NULL, NULL, "INSERT INTO return_batches (term_id, name, return_from, "
			"return_until) VALUES (?, ?, ?, ?)", "isss", (long long)t.id,
			x->name, x->from, x->until);
	if (err)
		return nerr_pass(err);
	clock_now(now);
	return nerr_pass(audit_write(x->a, now, "batch.add", 0, "return_batches", 0, x->name));
}

NEOERR *roster_add_batch(const struct actor *a, const char *name, const char *from,
			 const char *until)
{
	struct named_add x = { a, name, from, until };
	return nerr_pass(db_txn(batch_in_txn, &x));
}

static NEOERR *term_in_txn(void *arg)
{
	struct named_add *x = arg;
	long long id = 0;
	char now[20];
	NEOERR *err;

	err = db_exec(NULL, &id, "INSERT INTO terms (name, starts_on, ends_on) VALUES (?, ?, ?)",
		      "sss", x->name, x->from, x->until);
	if (err == STATUS_OK)
		err = facts_term((int)id);
	clock_now(now);
	if (err == STATUS_OK)
		err = audit_write(x->a, now, "term.add", 0, "terms", 0, x->name);
	return nerr_pass(err);
}

NEOERR *roster_add_term(const struct actor *a, const char *name, const char *starts_on,
			const char *ends_on)
{
	struct named_add x = { a, name, starts_on, ends_on };
	return nerr_pass(db_txn(term_in_txn, &x));
}
