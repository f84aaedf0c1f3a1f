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

#define QUEUE_FROM "FROM queue_items q JOIN people p ON p.id = q.person_id"

/* Who works which kind: the counselor decides make-ups, anomalies (of the
 * check-ins and of fevers at entrances), first reviews, temporary passes
 * and leaves of their students; the college reviewer the second reviews
 * of the college; the school admin sees everything. The first review of a
 * teacher's or staff member's return (返岗) is their department head's
 * (dept_head of their college), not a counselor's (a unit without one:
 * the school admin's, who sees everything). An item with an assignee (the
 * approver a temporary pass chose) is theirs alone, and the admin's.
 * Every variant binds three ids: the scope's, the department head's person
 * id (0 for one who heads nothing), then the viewer's person id; the
 * variants without the head's clause serve everyone else. */
#define HEAD_CLAUSE \
	"(q.kind = 'first_review' AND p.identity = 'staff' AND p.college_id IN " \
	" (SELECT org_id FROM roles WHERE role = 'dept_head' AND person_id = ?))"
#define COUNSELOR_CLAUSE \
	"(p.id IN (SELECT student_id FROM counselor_assignments WHERE counselor_id = ?) " \
	" AND (q.kind IN ('makeup', 'anomaly', 'fever', 'temp_pass', 'leave', 'commute') " \
	"  OR (q.kind = 'first_review' AND p.identity <> 'staff')))"
#define QUEUE_VARIANTS(pre, post) { \
	pre " WHERE ((" COUNSELOR_CLAUSE " AND ? = 0 AND q.assignee_id IS NULL) " \
	    " OR q.assignee_id = ?) " post, \
	pre " WHERE ((p.college_id = ? AND q.kind = 'second_review' AND ? = 0) " \
	    " OR q.assignee_id = ?) " post, \
	pre " WHERE ((? > 0 AND ? >= 0) OR q.assignee_id = ?) " post, \
	pre " WHERE (((" COUNSELOR_CLAUSE " OR " HEAD_CLAUSE ") AND q.assignee_id IS NULL) " \
	    " OR q.assignee_id = ?) " post, \
	pre " WHERE (((p.college_id = ? AND q.kind = 'second_review') OR " HEAD_CLAUSE ") " \
	    " OR q.assignee_id = ?) " post, \
	pre " WHERE ((? > 0 AND ? >= 0) OR q.assignee_id = ?) " post }

/* Which of QUEUE_VARIANTS' six statements serves the actor, and the two
 * ids it binds before the viewer's: the scope's (*bound) and the
 * department head's (*head). The queue's rule (queue_has_item) and its
 * lists (read/queue.h) both choose by it. */
int queue_variant(const struct actor *a, long long *bound, long long *head);

/* Is queue item `item` in the actor's queue (their scope and kinds)? */
NEOERR *queue_has_item(const struct actor *a, long long item, bool *mine);

#endif
