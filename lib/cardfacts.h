/*
 * cardfacts.h - gathers the facts card_state() needs for one person and
 * turns a verdict into HDF for the templates.
 *
 * Each process keeps the facts of the persons it loaded lately, under the
 * two revisions they were read at (sql/006_perf.sql): the person's row in
 * person_revs and row 0 (terms, org units, people: what cards share).
 * Triggers bump them in the transaction of every write to a table a card
 * reads, arrivals included, so a load never returns facts older than the
 * last committed write. A load of a person kept here reads the revisions
 * (one small statement) and runs the facts statement only when they moved
 * or the day changed; a person not kept (a gate scanning one after
 * another) costs the facts statement alone, which reads the revisions too.
 */
#ifndef HC_CARDFACTS_H
#define HC_CARDFACTS_H

#include "app.h"
#include "card.h"

struct card_info {
	struct card_facts facts;
	int term_id;                  /* 0: no current term */
	char term_name[65];
	long long application_id;
	char review_reason[501];      /* facts.review_reason points here */
	char arrived_at[20];
	/* Who the card is of, for the page and the gate. */
	char name[65], number[33], identity[16], phone[33];
	char college[101], class_name[101], counselor[65], counselor_phone[33];
	int messages;                 /* in-app messages waiting */
};

/* The revisions of a person's card: 0 for a person never written to. */
struct card_rev {
	long long person;             /* person_revs.rev of the person */
	long long shared;             /* person_revs.rev of row 0 */
};

/* Loads the facts for person_id as of day `today` (from this process's
 * memory when its revisions have not moved). */
NEOERR *card_facts_load(int person_id, int today, struct card_info *ci);

/* The same for a caller that has read the revisions in this request
 * (sess_load() does, for the one logged in): no round trip on a hit. */
NEOERR *card_facts_load_at(int person_id, int today, const struct card_rev *rev,
			   struct card_info *ci);

/* Reads the revisions of person_id. */
NEOERR *card_rev_load(int person_id, struct card_rev *rev);

/* Marks person_id's card as changed (person_id 0: every card). Call it in
 * the transaction of a write that changes what card_facts_load() reads and
 * that no trigger of sql/006_perf.sql covers, e.g. a new table a card comes
 * to read. Inserts, updates and deletes of arrivals, daily_reports,
 * return_applications, travel_legs, uploads, roster_entries, messages,
 * counselor_assignments, people, accounts, roles, terms and org_units are
 * covered by the triggers already: they need no call. */
NEOERR *card_facts_invalidate(int person_id);

/* Writes Card.State, Card.Colour, Card.Title and Card.Reason.<n>.Text (in
 * the request's language) under prefix (e.g. "Card"), and who the card is
 * of under Person.*. */
void card_export(struct req *r, const char *prefix, const struct card_info *ci,
		 const struct card_verdict *v);

#endif
