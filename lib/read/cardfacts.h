/*
 * cardfacts.h - reads the stored facts card_state() needs for one person
 * (card_facts, written by lib/domain/facts.c) and turns a verdict into HDF for
 * the templates. One statement, read anew on every request: a write on
 * any host is seen on the very next one.
 */
#ifndef HC_CARDFACTS_H
#define HC_CARDFACTS_H

#include "core/err.h"
#include "domain/card.h"
#include "domain/exempt.h"

#include <ClearSilver.h>

struct card_info {
	struct card_facts facts;
	int term_id;                  /* 0: no current term */
	char term_name[65];
	long long application_id;
	char review_reason[501];      /* facts.review_reason points here */
	char sent_back_reason[501];   /* facts.sent_back_reason points here */
	char arrived_at[20];
	/* Who the card is of, for the page and the gate. */
	char name[65], number[33], identity[16], phone[33];
	char college[101], class_name[101], counselor[65], counselor_phone[33];
	int messages;                 /* in-app messages waiting */
	int queue_items;              /* items about them in any queue, ever */
	/* The check-ins card_state() asks for on the days before the return
	 * day: the policy in force (domain/policy.h), read with the facts. */
	int streak_days;
};

/* Loads the facts of person_id in the term in progress on day `today`. */
NEOERR *card_facts_load(int person_id, int today, struct card_info *ci);
/* card_facts_load(), then card_state() on them into *v: the card of the day. */
NEOERR *card_verdict_load(int person_id, int today, struct card_info *ci,
			  struct card_verdict *v);
/* The same from a narrower read: what card_state() needs and the holder's
 * identity, name and number; none of what only the card page shows
 * (application, phone, college, class, counselor, messages, queue items,
 * the sent-back report's words): a QR code's token. */
NEOERR *card_verdict_load_bare(int person_id, int today, struct card_info *ci,
			       struct card_verdict *v);

/* Writes into out Card.State, Card.Colour, Card.Title and
 * Card.Reason.<n>.Text (in lang; .Code, and .Day when the reason names a
 * day) under prefix (e.g. "Card"), and who the card is of under
 * Person.*: the verdict as the pages show it. */
void card_export(HDF *out, const char *lang, const char *prefix, const struct card_info *ci,
		 const struct card_verdict *v);

/* When the person is exempt from the daily check-in on `today` (lib/
 * domain/exempt.h), writes <prefix>.Kind, .Status, .Class, .Reason,
 * .From and .Until (empty: open-ended); nothing otherwise. */
NEOERR *card_exempt_export(HDF *out, const char *prefix, int person_id, int today);

/* The same from an exemption already read (exempt_pick()); nothing for
 * NULL. */
NEOERR *card_exempt_put(HDF *out, const char *prefix, const struct exemption *ex);

#endif
