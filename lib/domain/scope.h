/*
 * scope.h - "may this person see / act on that person": one answer for
 * every page. A student sees themself; a counselor their assigned
 * students; a college reviewer their college; a school admin everyone;
 * a department head (dept_head) the staff and teachers of their unit.
 */
#ifndef HC_SCOPE_H
#define HC_SCOPE_H

#include "core/actor.h"
#include "core/err.h"

#include <stdbool.h>

/* The facts about the person looked at. */
struct subject {
	int person_id;
	int counselor_id;   /* 0: none assigned */
	int college_id;
	bool staff;         /* a teacher or staff member (教职工) */
};

/* Pure: no I/O. */
bool scope_allows(const struct actor *viewer, const struct subject *s);

/* Pure: may the viewer act on the subject's records as staff (verify a
 * report, fill in for them, correct them, edit their window)? As
 * scope_allows(), but never on one's own: a counselor's own report is
 * checked by someone else. */
bool scope_allows_acting(const struct actor *viewer, const struct subject *s);

/* Loads the subject's facts; *found false for an unknown person. */
NEOERR *scope_load_subject(int person_id, struct subject *s, bool *found);

/* Loads and checks; raises HC_ERR_NOTFOUND for an unknown person and
 * HC_ERR_FORBIDDEN for one out of scope (the same page for both would
 * leak nothing more, but the log tells them apart). */
NEOERR *scope_require(const struct actor *viewer, int person_id);
/* scope_require()'s answer for a subject the caller has read itself (with
 * the record it shows): HC_ERR_NOTFOUND when !found, HC_ERR_FORBIDDEN when
 * out of the viewer's scope. */
NEOERR *scope_check(const struct actor *viewer, const struct subject *s, bool found,
		    int person_id);

/* As scope_require(), with scope_allows_acting(): HC_ERR_FORBIDDEN on
 * oneself. */
NEOERR *scope_require_other(const struct actor *viewer, int person_id);

/* The people a staff member's lists cover: the widest of their roles. */
enum scope_kind { SCOPE_COUNSELOR, SCOPE_COLLEGE, SCOPE_SCHOOL };

/* Picks the scope and the id its SQL binds (the counselor's person id,
 * the reviewer's college id, 1 for the school). */
enum scope_kind scope_kind_of(const struct actor *w, long long *bound);

/* A query over people p in three static variants, indexed by enum
 * scope_kind; each variant binds the scope's id where the scope's WHERE
 * clause stands, between `pre` and `post`. No SQL is built at run time. */
#define SCOPE_VARIANTS(pre, post) { \
	pre " WHERE p.id IN (SELECT student_id FROM counselor_assignments " \
	    "WHERE counselor_id = ?) " post, \
	pre " WHERE p.college_id = ? " post, \
	pre " WHERE ? > 0 " post }

#endif
