/*
 * people.h - everyone the school knows: students (undergraduate,
 * graduate) and staff, made and changed by an admin. A change that moves
 * the stored card facts (identity, boarding) writes them in the same
 * transaction (facts.h); a change of counselor is the one reassignment
 * (the student's pending items follow the assignment, which decides who
 * sees them). A person with reports or other records is never deleted:
 * their status says they left.
 */
#ifndef HC_PEOPLE_H
#define HC_PEOPLE_H

#include "core/outcome.h"
#include <ClearSilver.h>

struct person_input {
	int id;                  /* 0: a new person */
	const char *number;      /* 学号 / 工号 */
	const char *name;
	const char *identity;    /* "undergrad", "grad", "staff" */
	const char *status;      /* "active", "suspended", ... (people.status) */
	const char *phone;       /* "" for none */
	int college_id, class_id, counselor_id;   /* 0: none */
	bool boarding;
};

/* Makes or changes a person. Outcome fields: number (taken), college_id,
 * class_id, counselor_id; forbidden for a college admin outside their
 * college (the person's old or new one); out->id the person. */
NEOERR *people_save(const struct actor *a, const struct person_input *in,
		    struct outcome *out);

/* Deletes a person who has no records (reports, applications, roster
 * entries, arrivals, students of their own); refused otherwise. */
NEOERR *people_delete(const struct actor *a, int person_id, struct outcome *out);

/* Inside the caller's transaction: student's counselor becomes counselor
 * (0: none), audited as counselor.reassign with the old one; *changed
 * false when it already was. */
NEOERR *people_reassign(const struct actor *a, const char *now, int student,
			int counselor, bool *changed);

/* A counselor's classes: give (class_id becomes counselor's: every
 * student in it is reassigned to them, one people_reassign() each, so
 * their pending items follow; a student added to the class later without
 * a counselor of their own gets the class's) or take (the class is no
 * longer theirs; its students keep their counselor until the class is
 * given to another). Audited (counselor.class_give / class_take). Outcome
 * field: give_class; forbidden for a college admin when the class or the
 * counselor is outside their college; out->n the students moved. */
NEOERR *people_counselor_class(const struct actor *a, int counselor, int class_id, bool give,
			       struct outcome *out);

/* The college of person_id (0: none) and whether they exist. */
NEOERR *people_college(int person_id, int *college_id, bool *found);

#endif
