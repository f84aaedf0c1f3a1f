/*
 * review.h - one pipeline for every decision a reviewer takes on a queue
 * item (domain/queue.h): a make-up request, an anomaly, a first or a
 * second review of a return application. The skeleton is written once
 * (lock the item, check its record's state, apply, close the item, tell
 * the student, audit); what differs per kind is the table review_kinds[]
 * of review.c: each kind's check, effect and words.
 */
#ifndef HC_REVIEW_H
#define HC_REVIEW_H

#include "core/actor.h"
#include "core/db.h"
#include "core/err.h"
#include "domain/kinds.h"

#include <stdbool.h>

enum review_verdict { REVIEW_APPROVE, REVIEW_REJECT, REVIEW_SEND_BACK, REVIEW_VERDICTS };

/* "approve", "reject" or "send_back"; false for anything else. */
bool review_verdict_parse(const char *decision, enum review_verdict *v);

/* What one verdict on one kind does. A kind that does not tell reject
 * from send-back gives both the same effect. */
struct review_effect {
	const char *decision;   /* stored in queue_items.decision */
	const char *state;      /* the record's new state (make-ups, anomalies) */
	int event;              /* returns: the enum ret_event (domain/returnapp.h) */
	bool window;            /* sets the return window, which the audit row names */
	const char *notice;     /* the student's message (notify_student()) */
	const char *audit;      /* the audit row's action */
};

struct review_ctx;
struct review_record;

struct review_kind {
	const struct queue_kind *kind; /* its name and its record's audit object kind */
	const char *open_state;  /* the record's state while it waits */
	struct review_effect on[REVIEW_VERDICTS];
	/* Locks the record: opens a SELECT ... FOR UPDATE of it (by its id
	 * and open_state) giving person, day (or NULL), still open_state,
	 * who decided it and when (HH:MM; or NULL), and term (or 0). */
	NEOERR *(*check)(struct review_ctx *x, DB_CURSOR **c);
	/* Writes the verdict into the record (and the card's facts). */
	NEOERR *(*apply)(struct review_ctx *x, const struct review_effect *e);
	/* The record's table and columns, for the kinds that keep the verdict
	 * in a state, a decider, a time and a reason (review.c); or NULL. */
	struct review_record *record;
};

/* The kinds; ends with a zeroed entry. */
extern const struct review_kind review_kinds[];
/* The kind named `kind`; NULL for none. */
const struct review_kind *review_kind_of(const char *kind);

enum review_outcome {
	RO_DONE,         /* decided now */
	RO_ALREADY,      /* someone decided it meanwhile */
	RO_FORBIDDEN,    /* outside the actor's queue or scope */
	RO_NOTFOUND,     /* no such item */
	RO_NEEDS_REASON, /* a rejection or send-back needs a reason */
	RO_BAD_WINDOW,   /* a first approval needs a valid return window */
	RO_UNSUPPORTED   /* a decision this kind does not take */
};

/* Its name, as the review page shows it ("done", "already", ...). */
const char *review_outcome_name(enum review_outcome o);

struct review_result {
	long long item;
	enum review_outcome outcome;
	char by[65];     /* RO_ALREADY: who decided */
	char at[8];      /* and when (HH:MM) */
	char name[65];   /* whose item, when in the actor's queue ("" else) */
	char number[33];
};

/* Decides queue item `item` as the actor (who must have it in their
 * queue). decision: "approve", "reject" or "send_back"; a first approval
 * sets the return window [from, until]. Its own transaction; a database
 * failure is returned as an error, every other outcome in *res. */
NEOERR *review_decide(const struct actor *a, long long item, const char *decision,
		      const char *reason, const char *from, const char *until,
		      struct review_result *res);

/* The dashboard's decision on an anomaly, named by its report: cleared or
 * sent back (退回) by a staff member whose scope covers the student
 * (scope_allows_acting()), through the same pipeline. */
NEOERR *review_decide_report(const struct actor *a, long long report_id, bool send_back,
			     const char *reason, struct review_result *res);

/* What a kind's check and apply work with: one decision in progress. */
struct review_ctx {
	const struct actor *a;
	const struct review_kind *k;
	long long item;          /* 0: decided by its record alone */
	long long ref;           /* the record: queue_items.ref_id */
	const char *reason, *from, *until, *now;
	/* Filled by check(): */
	long long person, term;
	char day[11];            /* the day in question ("" for none) */
	bool same;               /* the record still waits */
	char by[65], at[8];      /* who decided the record, when it does not */
};

#endif
