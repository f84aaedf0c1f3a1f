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

/* Checks every row of s against what is stored and describes the result
 * under out (an HDF node the caller names, e.g. "Import"):
 *   Rows, Added, Changed, Unchanged, Bad      the counts
 *   Error.N.Row, .Col ("C"; "" for the whole row), .Key (a language pack
 *     key, pimport.err.*), .Detail (the cell's text, or a row number)
 *   Add.N.number / name / identity / college / class      the first 200
 *   Change.N.number / name, Change.N.Field.M.name / old / new   (200)
 * apply: when no row is bad, writes it all in one transaction (then
 * Applied = 1). The school admin imports anyone; a college admin the
 * people of their college only: a row of someone stored in another
 * college (pimport.err.other_person) or naming another college
 * (pimport.err.other_college) is bad, and a new person without a college
 * is of theirs. HC_ERR_FORBIDDEN for anyone else. */
NEOERR *pimport_run(const struct actor *a, const SHEET *s, const char *filename,
		    bool apply, HDF *out, int *nbad);

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
