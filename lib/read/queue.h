/*
 * queue.h - the reviewer's queue as the pages read it: the counts per kind
 * (the review page, home), a page of open items, one item with its
 * record and history (the review page), and what waits about one person
 * (the card). Who sees which item is the rule's (domain/queue.h:
 * QUEUE_VARIANTS, queue_variant(), queue_has_item()).
 */
#ifndef HC_READ_QUEUE_H
#define HC_READ_QUEUE_H

#include "core/actor.h"
#include "core/err.h"

#include <ClearSilver.h>

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

/* Queue.Detail.* and Queue.History.<n>.* for one item in the actor's
 * queue (HC_ERR_FORBIDDEN otherwise). */
NEOERR *queue_item_load(HDF *out, const struct actor *a, long long item);

#endif
