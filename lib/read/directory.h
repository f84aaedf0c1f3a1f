/*
 * directory.h - the school's directory as the administration pages list
 * it (/org, /people, /exempt, /table): units in tree order, people found
 * by number or name, one person's record, account and roles, the
 * choosers' colleges, classes and counselors, a counselor's classes.
 * Reads only; the caller checks the actor's scope first. Lists and whole
 * rows go under `prefix` of `out`, named by their columns (as
 * read/person.h); a single answer is typed.
 */
#ifndef HC_DIRECTORY_H
#define HC_DIRECTORY_H

#include "core/err.h"

#include <ClearSilver.h>
#include <stdbool.h>

/* ---- units ---- */

/* <prefix>.<n>.{id, kind, code, name, retired, merged_into, college_id,
 * major_id, depth, people}: the units (of `college`, 0: every one) in
 * tree order: each college, its classes, then each major followed by its
 * classes. in_use: colleges and majors not retired only (a chooser of
 * parents). */
NEOERR *directory_units(HDF *out, const char *prefix, int college, bool parents_in_use);

/* A unit as its edit page shows it. */
struct unit_row {
	int id;
	char kind[12];
	char code[129], name[401];
	char retired_at[20];          /* "" while in use */
	char merged_code[129], merged_name[401];   /* "" unless merged */
};
/* Unit id; *found false for none. */
NEOERR *directory_unit(int id, struct unit_row *u, bool *found);

/* <prefix>.<n> as directory_units(): the units of `kind` (of `college`,
 * 0: any) a unit may merge into: not retired, not unit `except`. */
NEOERR *directory_merge_targets(HDF *out, const char *prefix, int college, const char *kind,
				int except);

/* <prefix>.<n>.{id, name, college}: every class, by college. */
NEOERR *directory_classes(HDF *out, const char *prefix);

/* <prefix>.<n>.{id, name}: the colleges, by code. */
NEOERR *directory_colleges(HDF *out, const char *prefix);

/* ---- people ---- */

/* The person numbered `number`; *found false for none. */
NEOERR *directory_person_by_number(const char *number, long long *id, bool *found);

/* Person id's name and number; *found false for none. */
NEOERR *directory_person_name(int id, char name[257], char number[129], bool *found);

/* <prefix>.<n>.{id, number, name, identity, status, college, class, login,
 * disabled}: the people whose number starts with, or whose name holds,
 * `like` (its % and _ already escaped), of `college` (0: any), by number:
 * `rows` from `offset`; *total how many match in all. */
NEOERR *directory_search(HDF *out, const char *prefix, const char *like, long long college,
			 int rows, int offset, long long *total);

/* <prefix>.College.<n>, <prefix>.Class.<n> and <prefix>.Counselor.<n>:
 * the colleges, classes and counselors in use (of `college`, 0: any); a
 * unit or counselor person `person` has stays offered. */
NEOERR *directory_choosers(HDF *out, const char *prefix, long long college, int person);

/* <prefix>.{id, number, name, identity, status, phone, college_id,
 * class_id, boarding, counselor_id, login, disabled, must_change_pw,
 * failures} and <prefix>.Role.<n>.{role, college}: person id's record. */
NEOERR *directory_person(HDF *out, const char *prefix, int id);

/* Person id and their account's login; *found false for no account. */
struct account_row {
	int id;
	char number[129], name[257], login[257];
};
NEOERR *directory_account(int id, struct account_row *a, bool *found);

/* A person in a term with their return application and its window. */
struct application_row {
	long long person;
	char name[257], number[129];
	long long app;                /* 0: no application in the term */
	char state[16];
	char allowed_from[11], allowed_until[11];   /* "" for none */
	int term;
	char term_name[257];
};
/* *found false for no such person or term. */
NEOERR *directory_application(long long person, int term, struct application_row *a,
			      bool *found);

/* <prefix>.<n>.{id,code,name,since,students}: the classes given to
 * counselor. */
NEOERR *people_counselor_classes(HDF *out, const char *prefix, int counselor);

#endif
