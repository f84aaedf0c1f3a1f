/*
 * actor.h - who acts, as the rules of the school's administration take it
 * (org.h, people.h, account.h): explicit values, never the request. The
 * page fills one from its session; a command-line tool from its argument.
 * And the answer they give: an outcome a page maps to its words.
 */
#ifndef HC_ACTOR_H
#define HC_ACTOR_H

#include <stdbool.h>

struct actor {
	int person_id;            /* 0: a command-line tool (hc-admin) */
	bool school_admin;        /* may act on the whole school */
	int college_id;           /* a college admin's college; 0: none */
	const char *request_id;   /* for the audit row; NULL for none */
	const char *addr;         /* the client's address; NULL for none */
};

/* What a rule decided. ok false: nothing was written; field names the
 * form field at fault ("" for the form as a whole) and msg the language
 * key of the reason. forbidden: the actor may not act there at all (a
 * college admin outside their college): the page answers 403. */
struct outcome {
	bool ok;
	bool forbidden;
	bool not_found;
	const char *field;
	const char *msg;
	long long id;             /* the row made or changed */
	long long n;              /* rows moved (a merge), and the like */
};

/* Pure: may the actor act on things of college_id (0: of no college)? */
static inline bool actor_may_college(const struct actor *a, int college_id)
{
	return a->school_admin || (a->college_id != 0 && a->college_id == college_id);
}

#endif
