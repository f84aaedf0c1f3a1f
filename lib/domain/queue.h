/*
 * queue.h - the reviewer's queue: every kind of item that waits for a
 * decision (make-up requests, anomalies to verify, first and second return
 * reviews) in one table, one list per reviewer, oldest first, decided one
 * by one or in a batch where each item is its own transaction (the
 * decisions: domain/review.h).
 */
#ifndef HC_QUEUE_H
#define HC_QUEUE_H

#include "core/actor.h"
#include "core/err.h"
#include "domain/kinds.h"
#include "domain/scope.h"

#include <ClearSilver.h>
#include <stdbool.h>

/* The kinds: domain/kinds.h. */
/* Opens an item of kind about record ref_id of person, waiting from now,
 * inside the caller's transaction (the record's); assignee (0: none) is
 * the one person it waits for. *item (may be NULL) gets its id. The
 * notices are the caller's (notice_item_opened(), for the kinds that
 * send them). */
NEOERR *queue_open(const char *kind, long long ref_id, long long person, long long assignee,
		   const char *now, long long *item);

/* Reads for the review page, into out. */

/* Queue.Count.<kind> and Queue.Count.all over the actor's queue (their scope and kinds, and the items assigned to
 * them). */
NEOERR *queue_counts_load(HDF *out, const struct actor *a);
/* Queue.Item.<n>.* (100 a page), open items of `kind` ("all" for every
 * kind) in the actor's queue, oldest first. */
NEOERR *queue_list_load(HDF *out, const struct actor *a, const char *kind, int page);

/* What waits for a decision about one person, and the latest decision:
 * <prefix>.Pending.<n>.* (kind, created, day) oldest first, and
 * <prefix>.Latest.* (kind, decision, reason, decided, by, day). */
NEOERR *queue_person_load(HDF *out, const char *prefix, long long person);

/* Is queue item `item` in the actor's queue (their scope and kinds)? */
NEOERR *queue_has_item(const struct actor *a, long long item, bool *mine);

/* Queue.Detail.* and Queue.History.<n>.* for one item in the actor's
 * queue (HC_ERR_FORBIDDEN otherwise). */
NEOERR *queue_item_load(HDF *out, const struct actor *a, long long item);

#endif
