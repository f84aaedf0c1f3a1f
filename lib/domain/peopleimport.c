/*
 * peopleimport.c - see peopleimport.h.
 *
 * Checking reads what it compares with once (everyone with their
 * counselor, the colleges and classes, the counselors) into hash tables:
 * one pass over the rows, no query per row. Applying stages only the rows
 * that add or change someone, as JSON arrays of up to STAGE_BATCH rows a
 * statement, into a staging table (sql/016); every write after that is one
 * statement over it.
 */
#include "domain/peopleimport.h"
#include "domain/audit.h"
#include "domain/facts.h"
#include "core/db.h"
#include "core/lookup.h"
#include "core/days.h"
#include "core/utf8.h"
#include "core/xlsxfile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#define STAGE_BATCH 2000
#define SHOWN 200          /* rows described of each kind (added, changed, bad) */

enum col { C_NUMBER, C_NAME, C_IDENTITY, C_COLLEGE, C_CLASS, C_PHONE, C_BOARDING,
	   C_STATUS, C_COUNSELOR, NCOLS };
_Static_assert(NCOLS - C_NAME == PIMPORT_FIELDS, "a change's fields: every column but the number");

/* The field each column sets, as the diffs and the language pack name it. */
static const char *const col_field[NCOLS] = { "number", "name", "identity", "college",
	"class", "phone", "boarding", "status", "counselor" };

/* The headers a column is known by: the template's first. */
static const char *const col_headers[NCOLS][6] = {
	[C_NUMBER] = { "学号/工号", "学号", "工号", "number", NULL },
	[C_NAME] = { "姓名", "name", NULL },
	[C_IDENTITY] = { "身份", "identity", NULL },
	[C_COLLEGE] = { "学院", "学院/部门", "部门", "单位", "college", NULL },
	[C_CLASS] = { "班级", "class", NULL },
	[C_PHONE] = { "手机", "手机号", "电话", "phone", NULL },
	[C_BOARDING] = { "住校", "是否住校", "boarding", NULL },
	[C_STATUS] = { "状态", "学籍状态", "status", NULL },
	[C_COUNSELOR] = { "辅导员工号", "辅导员", "counselor", NULL },
};

static const char *const example[2][NCOLS] = {
	{ "23010001", "张明", "本科生", "计算机学院", "计科2301", "13800000000", "是", "在读", "100008" },
	{ "T0001", "李华", "教职工", "计算机学院", "", "13900000000", "否", "在职", "" },
};

/* A word of the file to its stored code: Chinese, or the code itself. */
struct word { const char *text, *code; };

static const struct word identities[] = {
	{ "本科生", "undergrad" }, { "本科", "undergrad" }, { "undergrad", "undergrad" },
	{ "研究生", "grad" }, { "grad", "grad" },
	{ "教职工", "staff" }, { "教师", "staff" }, { "职工", "staff" }, { "staff", "staff" },
	{ NULL, NULL }
};
static const struct word statuses[] = {
	{ "在读", "active" }, { "在职", "active" }, { "在读/在职", "active" }, { "active", "active" },
	{ "休学", "suspended" }, { "suspended", "suspended" },
	{ "退学", "withdrawn" }, { "withdrawn", "withdrawn" },
	{ "毕业", "graduated" }, { "graduated", "graduated" },
	{ "入伍", "enlisted" }, { "enlisted", "enlisted" },
	{ "离职", "left" }, { "left", "left" },
	{ NULL, NULL }
};
static const struct word boardings[] = {
	{ "是", "1" }, { "住校", "1" }, { "1", "1" }, { "Y", "1" }, { "yes", "1" }, { "TRUE", "1" },
	{ "否", "0" }, { "走读", "0" }, { "0", "0" }, { "N", "0" }, { "no", "0" }, { "FALSE", "0" },
	{ NULL, NULL }
};

static const char *word_code(const struct word *w, const char *text)
{
	for (; w->text; w++)
		if (!strcasecmp(w->text, text))
			return w->code;
	return NULL;
}

/* ---- what is stored ---- */

struct stored {
	int id, college, klass, boarding, counselor;
	char identity[12], status[12];
	char *number, *name, *phone;
};

struct unit {
	int id, college;           /* a class's college; a college's own id */
	bool is_college, retired;
	char *name;
};

/* One row of the file, checked: the values it leaves the person with. */
struct plan {
	int row;                   /* the line in the file; 0: an empty line */
	int known;                 /* index + 1 into stored; 0: a new person */
	char number[33], name[65], phone[33];
	char identity[12], status[12];
	int college, klass, boarding, counselor;
	unsigned changed;          /* 1 << enum col */
};

struct import {
	const struct actor *a;
	int scope;                 /* a college admin's college; 0: the school */
	const SHEET *s;
	const char *filename;
	struct pimport_report *rep;
	int col[NCOLS];            /* the file's column of each; -1: absent */
	struct stored *people;
	int npeople;
	struct unit *units;
	int nunits;
	struct lookup by_number;   /* number -> index + 1 into people */
	struct lookup by_id;       /* "#id" -> index + 1 into people */
	struct lookup unit_key;    /* "C:code", "c:name", "K:code", "k:college|name",
				      "#id" -> index + 1 into units */
	struct lookup counselors;  /* number -> person id */
	struct lookup class_counselor; /* "#class id" -> the counselor given it */
	struct lookup seen;        /* number -> its first line */
	struct plan *plans;
	int nplans, nbad, added, changed, unchanged;
};

/* A row's database id, as a key of the maps beside its codes and names:
 * "#<id>" (load_counselors() writes the same). */
static NEOERR *put_id(struct lookup *l, int id, long value)
{
	char key[24];

	snprintf(key, sizeof key, "#%d", id);
	return nerr_pass(lookup_put(l, key, value));
}

static long get_id(struct lookup *l, int id)
{
	char key[24];

	snprintf(key, sizeof key, "#%d", id);
	return lookup_get(l, key);
}

/* The rows of sql (no parameters) as an array of `size`-byte entries,
 * zeroed, one more than the rows (counted by a first run), into *rows
 * (the caller's to free, even on error): fill() copies each row in turn
 * into its entry, once *filled counts it (so a half-filled one is freed
 * with the rest); i is its 1-based index, as the lookups keep it. */
static NEOERR *load_array(struct import *im, const char *sql, size_t size, void **rows,
			  int *filled, NEOERR *(*fill)(struct import *im, DB_CURSOR *c, void *row, int i))
{
	DB_CURSOR *c = NULL;
	int n = 0;
	NEOERR *err = db_query(&c, sql, NULL);

	*rows = NULL;
	if (err)
		return nerr_pass(err);
	while (db_next(c))
		n++;
	db_cursor_free(&c);
	*rows = calloc((size_t)n + 1, size);
	if (*rows == NULL)
		return nerr_raise(NERR_NOMEM, "%d rows", n);
	err = db_query(&c, sql, NULL);
	while (err == STATUS_OK && *filled < n && db_next(c)) {
		(*filled)++;
		err = fill(im, c, (char *)*rows + (size_t)(*filled - 1) * size, *filled);
	}
	db_cursor_free(&c);
	return nerr_pass(err);
}

static NEOERR *fill_person(struct import *im, DB_CURSOR *c, void *row, int i)
{
	struct stored *p = row;
	NEOERR *err;

	DB_FILL(c, 0, p->id);
	DB_FILL(c, 3, p->identity, p->college, p->klass);
	DB_FILL(c, 7, p->boarding, p->status, p->counselor);
	p->number = strdup(db_str(c, 1));
	p->name = strdup(db_str(c, 2));
	p->phone = strdup(db_str(c, 6));
	if (!p->number || !p->name || !p->phone)
		return nerr_raise(NERR_NOMEM, "people");
	err = lookup_put(&im->by_number, p->number, i);
	if (err == STATUS_OK)
		err = put_id(&im->by_id, p->id, i);
	return nerr_pass(err);
}

static NEOERR *load_people(struct import *im)
{
	void *rows;
	NEOERR *err = load_array(im,
		"SELECT p.id, p.number, p.name, p.identity, COALESCE(p.college_id, 0), "
		" COALESCE(p.class_id, 0), COALESCE(p.phone, ''), p.boarding, p.status, "
		" COALESCE(ca.counselor_id, 0) "
		"FROM people p LEFT JOIN counselor_assignments ca ON ca.student_id = p.id",
		sizeof *im->people, &rows, &im->npeople, fill_person);

	im->people = rows;
	return nerr_pass(err);
}

static NEOERR *fill_unit(struct import *im, DB_CURSOR *c, void *row, int i)
{
	struct unit *u = row;
	const char *code = db_str(c, 2);
	char key[300];
	NEOERR *err;

	DB_FILL(c, 0, u->id, u->is_college);
	DB_FILL(c, 4, u->retired, u->college);
	u->name = strdup(db_str(c, 3));
	if (u->name == NULL)
		return nerr_raise(NERR_NOMEM, "units");
	/* Codes are unique per kind; a name is the first unit in use
	 * that bears it (in its college, for a class). */
	snprintf(key, sizeof key, "%c:%s", u->is_college ? 'C' : 'K', code);
	err = lookup_put(&im->unit_key, key, i);
	if (u->is_college)
		snprintf(key, sizeof key, "c:%s", u->name);
	else
		snprintf(key, sizeof key, "k:%d|%s", u->college, u->name);
	if (err == STATUS_OK && !lookup_get(&im->unit_key, key))
		err = lookup_put(&im->unit_key, key, i);
	if (err == STATUS_OK)
		err = put_id(&im->unit_key, u->id, i);
	return nerr_pass(err);
}

static NEOERR *load_units(struct import *im)
{
	void *rows;
	NEOERR *err = load_array(im,
		"SELECT u.id, u.kind = 'college', u.code, u.name, u.retired_at IS NOT NULL, "
		" CASE u.kind WHEN 'college' THEN u.id ELSE IF(p.kind = 'college', p.id, p.parent_id) END "
		"FROM org_units u LEFT JOIN org_units p ON p.id = u.parent_id "
		"WHERE u.kind IN ('college', 'class') ORDER BY u.retired_at IS NOT NULL, u.id",
		sizeof *im->units, &rows, &im->nunits, fill_unit);

	im->units = rows;
	return nerr_pass(err);
}

static NEOERR *load_counselors(struct import *im)
{
	NEOERR *err = lookup_load(&im->counselors, "SELECT p.number, p.id FROM people p JOIN roles r "
				  "ON r.person_id = p.id AND r.role = 'counselor'", NULL, 0);

	if (err == STATUS_OK)
		err = lookup_load(&im->class_counselor, "SELECT CONCAT('#', class_id), counselor_id "
				  "FROM counselor_classes", NULL, 0);
	return nerr_pass(err);
}

/* ---- checking ---- */

static void bad(struct import *im, int row, int col, const char *key, const char *detail)
{
	sheet_errors_add(&im->rep->errors, SHOWN, row, col, key, detail);
	im->nbad++;
}


/* The header row: each known column once, the three required ones. */
static bool header_ok(struct import *im)
{
	int ncols = sheet_cols(im->s, 0);
	char cell[128];
	bool ok = true;

	for (int c = 0; c < NCOLS; c++)
		im->col[c] = -1;
	for (int i = 0; i < ncols; i++) {
		int found = -1;

		sheet_cell_trimmed(im->s, 0, i, cell, sizeof cell);
		if (!*cell)
			continue;
		for (int c = 0; c < NCOLS && found < 0; c++)
			for (int h = 0; col_headers[c][h] && found < 0; h++)
				if (!strcasecmp(cell, col_headers[c][h]))
					found = c;
		if (found < 0) {
			bad(im, 1, i + 1, "pimport.err.unknown_column", cell);
			ok = false;
		} else if (im->col[found] >= 0) {
			bad(im, 1, i + 1, "pimport.err.column_twice", cell);
			ok = false;
		} else {
			im->col[found] = i;
		}
	}
	for (int c = C_NUMBER; c <= C_IDENTITY; c++) {
		if (im->col[c] < 0) {
			bad(im, 1, 0, "pimport.err.missing_column", col_headers[c][0]);
			ok = false;
		}
	}
	return ok;
}

/* The cell of column c in row i, trimmed; "" when the column is absent. */
static const char *cell_of(struct import *im, int i, enum col c, char *buf, size_t n)
{
	if (im->col[c] < 0) {
		buf[0] = '\0';
		return buf;
	}
	return sheet_cell_trimmed(im->s, i, im->col[c], buf, n);
}

static int col_no(struct import *im, enum col c)
{
	return im->col[c] + 1;
}

/* A college or class by code, then by name; 0 when unknown. */
static int unit_find(struct import *im, bool college, int in_college, const char *text)
{
	char key[300];
	long u;

	snprintf(key, sizeof key, "%c:%s", college ? 'C' : 'K', text);
	u = lookup_get(&im->unit_key, key);
	if (u == 0) {
		if (college)
			snprintf(key, sizeof key, "c:%s", text);
		else
			snprintf(key, sizeof key, "k:%d|%s", in_college, text);
		u = lookup_get(&im->unit_key, key);
	}
	return (int)u;
}

/* Checks line i + 1 of the file into im->plans[i]; false when bad. */
static bool check_row(struct import *im, int i)
{
	struct plan *pl = &im->plans[i];
	const struct stored *old = NULL;
	char v[NCOLS][300], key[24];
	const char *code;
	int row = i + 1, u;
	bool student, empty = true;

	memset(pl, 0, sizeof *pl);
	for (int c = 0; c < NCOLS; c++) {
		cell_of(im, i, (enum col)c, v[c], sizeof v[c]);
		empty = empty && !v[c][0];
	}
	if (empty)
		return true;
	pl->row = row;
	if (!v[C_NUMBER][0]) {
		bad(im, row, col_no(im, C_NUMBER), "pimport.err.no_number", NULL);
		return false;
	}
	if (strlen(v[C_NUMBER]) > 32 || strpbrk(v[C_NUMBER], " \t'\"<>&")) {
		bad(im, row, col_no(im, C_NUMBER), "pimport.err.bad_number", v[C_NUMBER]);
		return false;
	}
	long first = lookup_get(&im->seen, v[C_NUMBER]);
	if (first) {
		snprintf(key, sizeof key, "%ld", first);
		bad(im, row, col_no(im, C_NUMBER), "pimport.err.duplicate", key);
		return false;
	}
	if (lookup_put(&im->seen, v[C_NUMBER], row) != STATUS_OK) {
		bad(im, row, 0, "pimport.err.no_number", NULL);
		return false;
	}
	snprintf(pl->number, sizeof pl->number, "%s", v[C_NUMBER]);
	pl->known = (int)lookup_get(&im->by_number, v[C_NUMBER]);
	old = pl->known ? &im->people[pl->known - 1] : NULL;
	if (!v[C_NAME][0] || utf8_chars(v[C_NAME]) > 64 || strlen(v[C_NAME]) >= sizeof pl->name) {
		bad(im, row, col_no(im, C_NAME), v[C_NAME][0] ? "pimport.err.long_name"
		    : "pimport.err.no_name", NULL);
		return false;
	}
	snprintf(pl->name, sizeof pl->name, "%s", v[C_NAME]);
	code = word_code(identities, v[C_IDENTITY]);
	if (code == NULL) {
		bad(im, row, col_no(im, C_IDENTITY), "pimport.err.identity", v[C_IDENTITY]);
		return false;
	}
	snprintf(pl->identity, sizeof pl->identity, "%s", code);
	student = strcmp(code, "staff") != 0;

	/* A college admin imports their own college's people only: someone
	 * stored in another college (or none) is not theirs to change. */
	if (old && im->scope && old->college != im->scope) {
		bad(im, row, col_no(im, C_NUMBER), "pimport.err.other_person", v[C_NUMBER]);
		return false;
	}

	/* College and class: by code or name, in use (or the person's own). */
	pl->college = old ? old->college : 0;
	if (im->col[C_COLLEGE] >= 0) {
		pl->college = 0;
		if (v[C_COLLEGE][0]) {
			u = unit_find(im, true, 0, v[C_COLLEGE]);
			if (u == 0 || (im->units[u - 1].retired &&
				       (!old || old->college != im->units[u - 1].id))) {
				bad(im, row, col_no(im, C_COLLEGE), "pimport.err.college", v[C_COLLEGE]);
				return false;
			}
			pl->college = im->units[u - 1].id;
		}
	}
	/* A college admin's new people are of their college unless named. */
	if (im->scope && pl->college == 0 && (im->col[C_COLLEGE] < 0 || !v[C_COLLEGE][0]))
		pl->college = im->scope;
	if (im->scope && pl->college != im->scope) {
		bad(im, row, col_no(im, C_COLLEGE), "pimport.err.other_college", v[C_COLLEGE]);
		return false;
	}
	if (student && pl->college == 0) {
		bad(im, row, col_no(im, C_COLLEGE), "pimport.err.college_needed", NULL);
		return false;
	}
	pl->klass = old ? old->klass : 0;
	if (im->col[C_CLASS] >= 0) {
		pl->klass = 0;
		if (v[C_CLASS][0]) {
			u = unit_find(im, false, pl->college, v[C_CLASS]);
			if (u == 0 || (im->units[u - 1].retired &&
				       (!old || old->klass != im->units[u - 1].id))) {
				bad(im, row, col_no(im, C_CLASS), "pimport.err.class", v[C_CLASS]);
				return false;
			}
			pl->klass = im->units[u - 1].id;
		}
	}
	if (pl->klass) {
		u = (int)get_id(&im->unit_key, pl->klass);
		if (u == 0 || im->units[u - 1].college != pl->college) {
			bad(im, row, col_no(im, im->col[C_CLASS] >= 0 ? C_CLASS : C_COLLEGE),
			    "pimport.err.class_college", v[C_CLASS][0] ? v[C_CLASS] : v[C_COLLEGE]);
			return false;
		}
	}

	if (im->col[C_PHONE] >= 0) {
		if (strlen(v[C_PHONE]) >= sizeof pl->phone) {
			bad(im, row, col_no(im, C_PHONE), "pimport.err.phone", v[C_PHONE]);
			return false;
		}
		snprintf(pl->phone, sizeof pl->phone, "%s", v[C_PHONE]);
	} else if (old) {
		snprintf(pl->phone, sizeof pl->phone, "%s", old->phone);
	}

	pl->boarding = old ? old->boarding : student;
	if (v[C_BOARDING][0]) {
		code = word_code(boardings, v[C_BOARDING]);
		if (code == NULL) {
			bad(im, row, col_no(im, C_BOARDING), "pimport.err.boarding", v[C_BOARDING]);
			return false;
		}
		pl->boarding = code[0] == '1';
	}

	snprintf(pl->status, sizeof pl->status, "%s", old ? old->status : "active");
	if (v[C_STATUS][0]) {
		code = word_code(statuses, v[C_STATUS]);
		if (code == NULL) {
			bad(im, row, col_no(im, C_STATUS), "pimport.err.status", v[C_STATUS]);
			return false;
		}
		snprintf(pl->status, sizeof pl->status, "%s", code);
	}

	pl->counselor = old ? old->counselor : 0;
	if (im->col[C_COUNSELOR] >= 0) {
		pl->counselor = 0;
		if (v[C_COUNSELOR][0]) {
			if (!student) {
				bad(im, row, col_no(im, C_COUNSELOR), "pimport.err.staff_counselor",
				    v[C_COUNSELOR]);
				return false;
			}
			pl->counselor = (int)lookup_get(&im->counselors, v[C_COUNSELOR]);
			if (pl->counselor == 0) {
				bad(im, row, col_no(im, C_COUNSELOR), "pimport.err.counselor",
				    v[C_COUNSELOR]);
				return false;
			}
		}
	}
	/* A new student of a class given to a counselor is theirs, unless the
	 * file names another (people.h). */
	if (!old && student && pl->counselor == 0 && pl->klass &&
	    (im->col[C_COUNSELOR] < 0 || !v[C_COUNSELOR][0])) {
		pl->counselor = (int)get_id(&im->class_counselor, pl->klass);
	}
	if (!student)
		pl->counselor = 0;   /* staff have none (people.h) */

	if (old) {
		if (strcmp(old->name, pl->name)) pl->changed |= 1u << C_NAME;
		if (strcmp(old->identity, pl->identity)) pl->changed |= 1u << C_IDENTITY;
		if (old->college != pl->college) pl->changed |= 1u << C_COLLEGE;
		if (old->klass != pl->klass) pl->changed |= 1u << C_CLASS;
		if (strcmp(old->phone, pl->phone)) pl->changed |= 1u << C_PHONE;
		if (old->boarding != pl->boarding) pl->changed |= 1u << C_BOARDING;
		if (strcmp(old->status, pl->status)) pl->changed |= 1u << C_STATUS;
		if (old->counselor != pl->counselor) pl->changed |= 1u << C_COUNSELOR;
	}
	return true;
}

/* ---- describing ---- */

static const char *unit_name(struct import *im, int id)
{
	long u = id ? get_id(&im->unit_key, id) : 0;

	return id == 0 ? "" : u ? im->units[u - 1].name : "?";
}

static const char *person_number(struct import *im, int id)
{
	long p = id ? get_id(&im->by_id, id) : 0;

	return id == 0 ? "" : p ? im->people[p - 1].number : "?";
}

static void field_text(struct import *im, enum col c, const struct plan *pl,
		       const struct stored *old, char *out, size_t n)
{
	switch (c) {
	case C_NAME: snprintf(out, n, "%s", old ? old->name : pl->name); break;
	case C_IDENTITY: snprintf(out, n, "%s", old ? old->identity : pl->identity); break;
	case C_COLLEGE: snprintf(out, n, "%s", unit_name(im, old ? old->college : pl->college)); break;
	case C_CLASS: snprintf(out, n, "%s", unit_name(im, old ? old->klass : pl->klass)); break;
	case C_PHONE: snprintf(out, n, "%s", old ? old->phone : pl->phone); break;
	case C_BOARDING: snprintf(out, n, "%d", old ? old->boarding : pl->boarding); break;
	case C_STATUS: snprintf(out, n, "%s", old ? old->status : pl->status); break;
	case C_COUNSELOR: snprintf(out, n, "%s", person_number(im, old ? old->counselor : pl->counselor)); break;
	default: out[0] = '\0';
	}
}

/* s copied into *to; false when there is no memory. */
static bool copy(char **to, const char *s)
{
	return (*to = strdup(s)) != NULL;
}

static NEOERR *describe(struct import *im)
{
	struct pimport_report *rep = im->rep;
	char text[300];

	rep->adds = calloc(SHOWN, sizeof *rep->adds);
	rep->changes = calloc(SHOWN, sizeof *rep->changes);
	if (rep->adds == NULL || rep->changes == NULL)
		return nerr_raise(NERR_NOMEM, "the import's report");
	for (int i = 1; i < im->nplans; i++) {
		const struct plan *pl = &im->plans[i];

		if (pl->row == 0)
			continue;
		if (pl->known == 0) {
			if (im->added < SHOWN) {
				struct pimport_add *ad = &rep->adds[rep->nadds++];

				if (!copy(&ad->number, pl->number) || !copy(&ad->name, pl->name) ||
				    !copy(&ad->identity, pl->identity) ||
				    !copy(&ad->college, unit_name(im, pl->college)) ||
				    !copy(&ad->klass, unit_name(im, pl->klass)))
					return nerr_raise(NERR_NOMEM, "the import's report");
			}
			im->added++;
		} else if (pl->changed) {
			const struct stored *old = &im->people[pl->known - 1];

			if (im->changed < SHOWN) {
				struct pimport_change *ch = &rep->changes[rep->nchanges++];

				if (!copy(&ch->number, pl->number) || !copy(&ch->name, pl->name))
					return nerr_raise(NERR_NOMEM, "the import's report");
				for (int c = C_NAME; c < NCOLS; c++) {
					struct pimport_field *f = &ch->fields[ch->nfields];

					if (!(pl->changed & (1u << c)))
						continue;
					f->name = col_field[c];
					field_text(im, (enum col)c, pl, old, text, sizeof text);
					if (!copy(&f->old, text))
						return nerr_raise(NERR_NOMEM, "the import's report");
					field_text(im, (enum col)c, pl, NULL, text, sizeof text);
					if (!copy(&f->new_, text))
						return nerr_raise(NERR_NOMEM, "the import's report");
					ch->nfields++;
				}
			}
			im->changed++;
		} else {
			im->unchanged++;
		}
	}
	return STATUS_OK;
}

/* ---- applying ---- */

static NEOERR *json_text(STRING *j, const char *s)
{
	NEOERR *err = string_append_char(j, '"');

	for (; err == STATUS_OK && *s; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch == '"' || ch == '\\')
			err = string_appendf(j, "\\%c", ch);
		else if (ch < 0x20)
			err = string_appendf(j, "\\u%04x", ch);
		else
			err = string_append_char(j, (char)ch);
	}
	if (err == STATUS_OK)
		err = string_append_char(j, '"');
	return nerr_pass(err);
}

static NEOERR *stage_row(STRING *j, struct import *im, const struct plan *pl)
{
	const struct stored *old = pl->known ? &im->people[pl->known - 1] : NULL;
	bool counselor_changed = old ? (pl->changed & (1u << C_COUNSELOR)) != 0 : pl->counselor != 0;
	bool boarding_changed = old && (pl->changed & (1u << C_BOARDING));
	bool facts = !old || (pl->changed & ((1u << C_BOARDING) | (1u << C_IDENTITY)));
	NEOERR *err;

	err = string_appendf(j, "%s[%d,%d,%d,", j->len > 1 ? "," : "", pl->row,
			     old ? old->id : 0, old ? 0 : 1);
	if (err == STATUS_OK) err = json_text(j, pl->number);
	if (err == STATUS_OK) err = string_append_char(j, ',');
	if (err == STATUS_OK) err = json_text(j, pl->name);
	if (err == STATUS_OK)
		err = string_appendf(j, ",\"%s\",%d,%d,", pl->identity, pl->college, pl->klass);
	if (err == STATUS_OK) err = json_text(j, pl->phone);
	if (err == STATUS_OK)
		err = string_appendf(j, ",%d,\"%s\",%d,%d,%d,%d,%d]", pl->boarding, pl->status,
				     pl->counselor, old ? old->counselor : 0, counselor_changed,
				     boarding_changed, facts);
	return nerr_pass(err);
}

static NEOERR *stage_flush(STRING *j)
{
	NEOERR *err;

	if (j->len <= 1)
		return STATUS_OK;
	err = string_append_char(j, ']');
	if (err == STATUS_OK)
		err = db_exec(NULL, NULL, "INSERT INTO people_import_stage SELECT CONNECTION_ID(), j.* FROM JSON_TABLE(?, "
			"'$[*]' COLUMNS (row_no INT PATH '$[0]', person_id INT PATH '$[1]', "
			" is_new TINYINT PATH '$[2]', number VARCHAR(32) PATH '$[3]', "
			" name VARCHAR(64) PATH '$[4]', identity VARCHAR(12) PATH '$[5]', "
			" college_id INT PATH '$[6]', class_id INT PATH '$[7]', "
			" phone VARCHAR(32) PATH '$[8]', boarding TINYINT PATH '$[9]', "
			" status VARCHAR(12) PATH '$[10]', counselor_id INT PATH '$[11]', "
			" old_counselor INT PATH '$[12]', counselor_changed TINYINT PATH '$[13]', "
			" boarding_changed TINYINT PATH '$[14]', facts_changed TINYINT PATH '$[15]')) j",
			"s", j->buf);
	string_clear(j);
	string_init(j);
	if (err == STATUS_OK)
		err = string_append_char(j, '[');
	return nerr_pass(err);
}

/* The people whose card facts move, as a JSON array, for facts.h. */
static NEOERR *facts_of_staged(void)
{
	DB_CURSOR *c = NULL;
	STRING ids;
	NEOERR *err;

	string_init(&ids);
	err = db_query(&c, "SELECT person_id FROM people_import_stage "
		       "WHERE stage_id = CONNECTION_ID() AND facts_changed", NULL);
	if (err == STATUS_OK)
		err = string_append_char(&ids, '[');
	while (err == STATUS_OK && db_next(c))
		err = string_appendf(&ids, "%s%lld", ids.len > 1 ? "," : "", db_int(c, 0));
	db_cursor_free(&c);
	if (err == STATUS_OK)
		err = string_append_char(&ids, ']');
	if (err == STATUS_OK && ids.len > 2)
		err = facts_people(ids.buf);
	string_clear(&ids);
	return nerr_pass(err);
}

static NEOERR *apply_in_txn(void *arg)
{
	struct import *im = arg;
	char now[20], detail[300];
	STRING j;
	NEOERR *err;

	day_clock_text(time(NULL), 0, now);
	/* Left over by nothing (the stage is emptied in the transaction that
	 * fills it), but a connection id is reused after a restart. */
	err = db_exec(NULL, NULL, "DELETE FROM people_import_stage WHERE stage_id = CONNECTION_ID()", NULL);
	if (err)
		return nerr_pass(err);
	string_init(&j);
	err = string_append_char(&j, '[');
	for (int i = 1, n = 0; err == STATUS_OK && i < im->nplans; i++) {
		const struct plan *pl = &im->plans[i];

		if (pl->row == 0 || (pl->known && !pl->changed))
			continue;
		err = stage_row(&j, im, pl);
		if (err == STATUS_OK && ++n % STAGE_BATCH == 0)
			err = stage_flush(&j);
	}
	if (err == STATUS_OK)
		err = stage_flush(&j);
	string_clear(&j);
	if (err == STATUS_OK)
		err = db_exec(NULL, NULL, "INSERT INTO people (number, name, identity, phone, "
			"college_id, class_id, boarding, status, created_at) "
			"SELECT number, name, identity, NULLIF(phone, ''), NULLIF(college_id, 0), "
			" NULLIF(class_id, 0), boarding, status, ? FROM people_import_stage WHERE stage_id = CONNECTION_ID() AND is_new "
			"ORDER BY row_no", "s", now);
	if (err == STATUS_OK)
		err = db_exec(NULL, NULL, "UPDATE people_import_stage s JOIN people p ON p.number = s.number "
			"SET s.person_id = p.id WHERE s.stage_id = CONNECTION_ID() AND s.is_new", NULL);
	if (err == STATUS_OK)
		err = db_exec(NULL, NULL, "UPDATE people p JOIN people_import_stage s "
			"ON s.stage_id = CONNECTION_ID() AND s.person_id = p.id AND NOT s.is_new "
			"SET p.name = s.name, p.identity = s.identity, p.phone = NULLIF(s.phone, ''), "
			" p.college_id = NULLIF(s.college_id, 0), p.class_id = NULLIF(s.class_id, 0), "
			" p.boarding = s.boarding, p.status = s.status", NULL);
	/* The student's basic info says the same as the person (people.c). */
	if (err == STATUS_OK)
		err = db_exec(NULL, NULL, "UPDATE basic_info b JOIN people_import_stage s "
			"ON s.stage_id = CONNECTION_ID() AND s.person_id = b.person_id AND s.boarding_changed "
			"SET b.boarding = s.boarding", NULL);
	/* Counselors: the old one kept in the audit row, as people_reassign(). */
	if (err == STATUS_OK)
		err = audit_write_rows(im->a, now, AUDIT_ROWS(
			"SELECT 'counselor.reassign' AS action, person_id AS subject, "
			" 'counselor_assignments' AS object_kind, person_id AS object_id, "
			" CONCAT(old_counselor, ' -> ', counselor_id) AS detail "
			"FROM people_import_stage WHERE stage_id = CONNECTION_ID() AND counselor_changed"));
	if (err == STATUS_OK)
		err = db_exec(NULL, NULL, "DELETE ca FROM counselor_assignments ca "
			"JOIN people_import_stage s ON s.stage_id = CONNECTION_ID() AND s.person_id = ca.student_id "
			"WHERE s.counselor_changed AND s.counselor_id = 0", NULL);
	if (err == STATUS_OK)
		err = db_exec(NULL, NULL, "INSERT INTO counselor_assignments (student_id, "
			"counselor_id, since) SELECT person_id, counselor_id, ? FROM people_import_stage "
			"WHERE stage_id = CONNECTION_ID() AND counselor_changed AND counselor_id <> 0 ON DUPLICATE KEY UPDATE "
			" counselor_id = VALUES(counselor_id), since = VALUES(since)", "s", now);
	if (err == STATUS_OK)
		err = facts_of_staged();
	/* Each person made or changed, as /people audits them. */
	if (err == STATUS_OK)
		err = audit_write_rows(im->a, now, AUDIT_ROWS(
			"SELECT IF(is_new, 'person.create', 'person.update') AS action, "
			" person_id AS subject, 'person' AS object_kind, person_id AS object_id, "
			" CONCAT_WS(' ', number, name, identity, 'college', college_id, 'class', "
			"  class_id, 'boarding', boarding, status, '(import)') AS detail "
			"FROM people_import_stage WHERE stage_id = CONNECTION_ID()"));
	if (err == STATUS_OK) {
		snprintf(detail, sizeof detail, "%s: +%d ~%d =%d", im->filename, im->added,
			 im->changed, im->unchanged);
		err = audit_write(im->a, now, "people.import", 0, "person", 0, detail);
	}
	if (err == STATUS_OK)
		err = db_exec(NULL, NULL, "DELETE FROM people_import_stage WHERE stage_id = CONNECTION_ID()", NULL);
	return nerr_pass(err);
}

static void import_free(struct import *im)
{
	for (int i = 0; i < im->npeople; i++) {
		free(im->people[i].number);
		free(im->people[i].name);
		free(im->people[i].phone);
	}
	free(im->people);
	for (int i = 0; i < im->nunits; i++)
		free(im->units[i].name);
	free(im->units);
	free(im->plans);
	lookup_free(&im->by_number);
	lookup_free(&im->by_id);
	lookup_free(&im->unit_key);
	lookup_free(&im->counselors);
	lookup_free(&im->class_counselor);
	lookup_free(&im->seen);
}

NEOERR *pimport_run(const struct actor *a, const SHEET *s, const char *filename,
		    bool apply, struct pimport_report *rep)
{
	struct import im = { .a = a, .s = s, .filename = filename, .rep = rep };
	NEOERR *err = STATUS_OK;

	*rep = (struct pimport_report){ 0 };
	/* The school admin imports anyone; a college admin their college's. */
	if (!(a->roles & R_ADMIN)) {
		if (!(a->roles & R_COLLEGE_ADMIN) || a->admin_college_id == 0)
			return nerr_raise(HC_ERR_FORBIDDEN, "%d may not import people", a->person_id);
		im.scope = a->admin_college_id;
	}
	im.nplans = sheet_rows(s);
	if (im.nplans == 0) {
		bad(&im, 1, 0, "pimport.err.empty", NULL);
		goto done;
	}
	err = lookup_init(&im.by_number);
	if (!err) err = lookup_init(&im.by_id);
	if (!err) err = lookup_init(&im.unit_key);
	if (!err) err = lookup_init(&im.counselors);
	if (!err) err = lookup_init(&im.class_counselor);
	if (!err) err = lookup_init(&im.seen);
	if (err || !header_ok(&im))
		goto done;
	im.plans = calloc((size_t)im.nplans, sizeof *im.plans);
	if (im.plans == NULL) {
		err = nerr_raise(NERR_NOMEM, "%d rows", im.nplans);
		goto done;
	}
	err = load_people(&im);
	if (!err) err = load_units(&im);
	if (!err) err = load_counselors(&im);
	for (int i = 1; err == STATUS_OK && i < im.nplans; i++)
		if (!check_row(&im, i))
			im.plans[i].row = 0;   /* counted as bad, not as a change */
	if (err)
		goto done;
	err = describe(&im);
	if (err)
		goto done;
	if (apply && im.nbad == 0 && im.added + im.changed > 0) {
		err = db_txn(apply_in_txn, &im);
		if (nerr_match(err, HC_ERR_CONFLICT)) {
			/* A number taken since the check: said as a bad file. */
			nerr_ignore(&err);
			bad(&im, 1, 0, "pimport.err.changed_meanwhile", NULL);
		}
	}
	rep->applied = err == STATUS_OK && apply && im.nbad == 0;
done:
	rep->rows = im.nplans > 0 ? im.nplans - 1 : 0;
	rep->added = im.added;
	rep->changed = im.changed;
	rep->unchanged = im.unchanged;
	import_free(&im);
	return nerr_pass(err);
}

void pimport_report_free(struct pimport_report *rep)
{
	for (int i = 0; rep->adds && i < rep->nadds; i++) {
		const struct pimport_add *ad = &rep->adds[i];

		free(ad->number); free(ad->name); free(ad->identity);
		free(ad->college); free(ad->klass);
	}
	for (int i = 0; rep->changes && i < rep->nchanges; i++) {
		const struct pimport_change *ch = &rep->changes[i];

		free(ch->number); free(ch->name);
		for (int f = 0; f < PIMPORT_FIELDS; f++) {
			free(ch->fields[f].old);
			free(ch->fields[f].new_);
		}
	}
	free(rep->adds);
	free(rep->changes);
	sheet_errors_free(&rep->errors);
	*rep = (struct pimport_report){ 0 };
}

/* ---- the template ---- */

NEOERR *pimport_template(bool csv, const char *tmpdir, char **buf, size_t *len)
{
	char path[1024];
	const char *headers[NCOLS];

	if (csv) {
		STRING t;
		NEOERR *err;

		string_init(&t);
		err = string_append(&t, "\xef\xbb\xbf");
		for (int r = -1; err == STATUS_OK && r < 2; r++) {
			for (int c = 0; err == STATUS_OK && c < NCOLS; c++)
				err = string_appendf(&t, "%s%s", c ? "," : "",
						     r < 0 ? col_headers[c][0] : example[r][c]);
			if (err == STATUS_OK)
				err = string_append(&t, "\r\n");
		}
		if (err) {
			string_clear(&t);
			return nerr_pass(err);
		}
		*buf = t.buf;
		*len = (size_t)t.len;
		return STATUS_OK;
	}
	for (int c = 0; c < NCOLS; c++)
		headers[c] = col_headers[c][0];
	snprintf(path, sizeof path, "%s/people-template-%d.xlsx", tmpdir, (int)getpid());
	return nerr_pass(xlsx_template(path, "人员", headers, NCOLS, example[0], 2, 14, buf, len));
}

/* ---- drafts ---- */

NEOERR *pimport_draft_save(const struct actor *a, const char *filename,
			   const char *data, size_t len, long long *id)
{
	char now[20], name[201];
	NEOERR *err;

	day_clock_text(time(NULL), 0, now);
	snprintf(name, sizeof name, "%s", filename);
	err = pimport_draft_drop(a);
	if (err == STATUS_OK)
		err = db_exec(NULL, id, "INSERT INTO people_import_drafts (person_id, filename, "
			      "data, created_at) VALUES (?, ?, ?, ?)", "isbs",
			      (long long)a->person_id, name, data, len, now);
	return nerr_pass(err);
}

NEOERR *pimport_draft_load(const struct actor *a, long long id, char **filename,
			   char **data, size_t *len, bool *found)
{
	char since[20];
	DB_CURSOR *c = NULL;
	NEOERR *err;

	*found = false;
	*data = *filename = NULL;
	*len = 0;
	day_clock_text(time(NULL) - 3600, 0, since);
	err = db_query(&c, "SELECT filename, data FROM people_import_drafts "
		       "WHERE id = ? AND person_id = ? AND created_at >= ?", "iis", id,
		       (long long)a->person_id, since);
	if (err)
		return nerr_pass(err);
	if (db_next(c)) {
		*len = db_len(c, 1);
		*data = malloc(*len + 1);
		*filename = strdup(db_str(c, 0));
		if (*data == NULL || *filename == NULL) {
			free(*data);
			free(*filename);
			*data = *filename = NULL;
			db_cursor_free(&c);
			return nerr_raise(NERR_NOMEM, "draft of %zu bytes", *len);
		}
		memcpy(*data, db_str(c, 1), *len);
		(*data)[*len] = '\0';
		*found = true;
	}
	db_cursor_free(&c);
	return STATUS_OK;
}

NEOERR *pimport_draft_drop(const struct actor *a)
{
	return nerr_pass(db_exec(NULL, NULL, "DELETE FROM people_import_drafts WHERE person_id = ?",
				 "i", (long long)a->person_id));
}
