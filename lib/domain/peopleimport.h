/*
 * peopleimport.h - people from the campus systems: the student-information
 * and HR exports (.xlsx, or .csv in UTF-8 or GB18030) read by core/sheet.h,
 * previewed (who is added, who changes and how, field by field, who is
 * left as is) and applied whole in one transaction or not at all; every
 * bad row is named with its line, its column and why. Importing the same
 * file twice changes nothing.
 *
 * Columns are found by their header, in any order (Chinese or English
 * names, pimport_template() shows them): number (学号/工号), name and
 * identity (本科生/研究生/教职工 or undergrad/grad/staff) are required;
 * college (学院, by code or name), class (班级, by code or name: never
 * made here, an unknown class is a bad row), phone, boarding (住校: 是/否),
 * status (在读/休学/...) and counselor (辅导员工号) are optional: a column
 * left out keeps what is stored (a new person gets the defaults of
 * /people/new), an empty boarding or status cell too.
 *
 * Applying is set-based, for 30,000 people in seconds: the rows that
 * change go into a staging table (sql/016) by batched statements, then one
 * statement each adds, changes, moves counselors, writes the card facts
 * (facts.h) and the audit rows of everyone concerned.
 */
#ifndef HC_PEOPLEIMPORT_H
#define HC_PEOPLEIMPORT_H

#include "core/actor.h"
#include "core/sheet.h"

#include <ClearSilver.h>
#include <stdbool.h>

/* The template: .xlsx, or (csv) a UTF-8 .csv with a BOM, with the
 * headers and two example rows. The caller frees *buf. */
NEOERR *pimport_template(bool csv, const char *tmpdir, char **buf, size_t *len);

/* What an import found, for its preview and report: the counts (bad:
 * errors.n), the first 200 bad rows (language-pack keys pimport.err.*,
 * the detail a cell's text or a row number), the first 200 people it adds
 * and the first 200 it changes, each changed field with its old and new
 * text. Its strings are its own: pimport_report_free() frees them. */
#define PIMPORT_FIELDS 8        /* the columns a row may change: all but the number */
struct pimport_add {
	char *number, *name, *identity, *college, *klass;
};
struct pimport_field {
	const char *name;        /* the column's field name: "phone", "class"... */
	char *old, *new_;
};
struct pimport_change {
	char *number, *name;
	int nfields;
	struct pimport_field fields[PIMPORT_FIELDS];
};
struct pimport_report {
	int rows, added, changed, unchanged;
	bool applied;
	struct sheet_errors errors;
	int nadds, nchanges;
	struct pimport_add *adds;
	struct pimport_change *changes;
};

/* Checks every row of s against what is stored and describes the result
 * into *rep (zeroed first; the caller frees it, on an error too).
 * apply: when no row is bad, writes it all in one transaction (then
 * rep->applied). The school admin imports anyone; a college admin the
 * people of their college only: a row of someone stored in another
 * college (pimport.err.other_person) or naming another college
 * (pimport.err.other_college) is bad, and a new person without a college
 * is of theirs. HC_ERR_FORBIDDEN for anyone else. */
NEOERR *pimport_run(const struct actor *a, const SHEET *s, const char *filename,
		    bool apply, struct pimport_report *rep);
void pimport_report_free(struct pimport_report *rep);

/* The file previewed, kept for its uploader until applied: *id names it.
 * One a person: a new preview replaces the last. */
NEOERR *pimport_draft_save(const struct actor *a, const char *filename,
			   const char *data, size_t len, long long *id);

/* The actor's draft id (within an hour of its preview): *data and
 * *filename malloc'd for the caller; *found false when there is none. */
NEOERR *pimport_draft_load(const struct actor *a, long long id, char **filename,
			   char **data, size_t *len, bool *found);

/* Forgets the actor's drafts (after an apply). */
NEOERR *pimport_draft_drop(const struct actor *a);

#endif
