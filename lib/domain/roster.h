/*
 * roster.h - who may return in which batch (返校批次人员名单), changed by
 * spreadsheets: three templates (add, delete, modify), every row checked
 * before anything changes, a file applied whole in one transaction or not
 * at all. The modify template can also change a student's counselor; the
 * student's pending items follow the new counselor.
 */
#ifndef HC_ROSTER_H
#define HC_ROSTER_H

#include "core/actor.h"
#include "core/err.h"
#include "core/sheet.h"

#include <stdbool.h>

enum roster_kind { ROSTER_ADD, ROSTER_DELETE, ROSTER_MODIFY };

/* "add", "delete", "modify" to a kind; false for anything else. */
bool roster_kind_parse(const char *name, enum roster_kind *k);

/* The template as an .xlsx file (Chinese headers, an example row). The
 * caller frees *buf. */
NEOERR *roster_template(enum roster_kind k, const char *tmpdir, char **buf, size_t *len);

#define ROSTER_MAX_ERRORS 200

/* A bad row: its number (1-based, the header is 1) and why, in the
 * actor's language. */
struct roster_error {
	int row;
	char reason[300];
};

/* What an import did. */
struct roster_result {
	bool checked;             /* the file was of the kind's template: its rows checked */
	int rows;                 /* data rows read (the header aside) */
	int nbad;                 /* bad rows; the first ROSTER_MAX_ERRORS in error[] */
	bool applied;             /* none bad: the whole file applied */
	unsigned long long added, deleted, moved, reassigned;
	struct roster_error error[ROSTER_MAX_ERRORS];
};

/* Checks every row of the sheet against the kind's template and the
 * current data; each bad row goes to res->error[]. When none is bad,
 * applies the whole file in one transaction (with the audit row of actor
 * a) and sets res->applied with the counts. counselor: 0 for the school
 * admin (every student); else the counselor importing
 * (Policy.CounselorsMayImport), whose rows must be about their own
 * students and may not change anyone's counselor. */
NEOERR *roster_import(const struct actor *a, enum roster_kind k, int term, int counselor,
		      const SHEET *s, const char *filename, struct roster_result *res);

/* A return batch of the current term, with its audit row, in one
 * transaction. HC_ERR_NOTFOUND when no term is in progress,
 * HC_ERR_CONFLICT when the term has a batch of that name. */
NEOERR *roster_add_batch(const struct actor *a, const char *name, const char *from,
			 const char *until);

/* The term in progress today: its id (0: none), name and dates. */
struct term_info {
	int id;
	char name[65], starts_on[11], ends_on[11];
};
NEOERR *roster_current_term(struct term_info *t);

/* A new term (学期), everyone's card facts for it and its audit row, in
 * one transaction. HC_ERR_CONFLICT when the name is taken. */
NEOERR *roster_add_term(const struct actor *a, const char *name, const char *starts_on,
			const char *ends_on);

#endif
