/*
 * queue.h - the reviewer's queue: every kind of item that waits for a
 * decision (make-up requests, anomalies to verify, first and second return
 * reviews) in one table, one list per reviewer, oldest first, decided one
 * by one or in a batch where each item is its own transaction.
 */
#ifndef HC_QUEUE_H
#define HC_QUEUE_H

#include "web/app.h"
#include "domain/scope.h"

/* The kinds, as stored in queue_items.kind. */
extern const char *const queue_kinds[];
bool queue_kind_known(const char *kind);

/* Queue.Count.<kind> and Queue.Count.all over the viewer's scope. */
NEOERR *queue_counts_load(struct req *r, enum scope_kind s, long long bound);
/* Queue.Item.<n>.* (100 a page), open items of `kind` ("all" for every
 * kind) in scope, oldest first. */
NEOERR *queue_list_load(struct req *r, enum scope_kind s, long long bound,
			const char *kind, int page);

enum queue_outcome {
	QO_DONE,         /* decided now */
	QO_ALREADY,      /* someone decided it meanwhile */
	QO_FORBIDDEN,    /* outside the viewer's scope */
	QO_NOTFOUND,     /* no such item */
	QO_NEEDS_REASON, /* a rejection or send-back needs a reason */
	QO_BAD_WINDOW,   /* a first approval needs a valid return window */
	QO_UNSUPPORTED   /* a decision this kind does not take */
};

struct queue_result {
	long long item;
	enum queue_outcome outcome;
	char by[65];     /* QO_ALREADY: who decided */
	char at[8];      /* and when (HH:MM) */
	char name[65];   /* whose item, when in the decider's queue ("" else) */
	char number[33];
};

/* Decides one item. decision: "approve" (approve / clear / pass), "reject"
 * or "send_back"; for make-ups, anomalies and first reviews the last two
 * mean the same (reject / send back); a second review may be rejected
 * outright or sent back. A first approval sets the return window
 * [from, until]. Each call is its own transaction; a database failure is
 * returned as an error, every other outcome in *res. */
NEOERR *queue_decide(struct req *r, long long item, const char *decision,
		     const char *reason, const char *from, const char *until,
		     struct queue_result *res);

/* Locks queue item `item` of `kind` for the rest of the caller's
 * transaction. *open says whether it still waits; when it does not,
 * Decided.By / Decided.At name who decided it and when (HH:MM).
 * HC_ERR_NOTFOUND for no such item. */
NEOERR *queue_lock_item(struct req *r, long long item, const char *kind, bool *open);

/* Closes an open item (inside the caller's transaction) with the decision,
 * by the request's person, now. */
NEOERR *queue_mark_decided(struct req *r, long long item, const char *decision,
			   const char *reason, const char *now);

/* Queue.Detail.* and Queue.History.<n>.* for one item in scope. */
NEOERR *queue_item_load(struct req *r, long long item);

#endif
