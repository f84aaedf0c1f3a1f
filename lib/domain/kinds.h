/*
 * kinds.h - the kinds of item that wait in the reviewer's queue
 * (queue_items.kind), in one registry: the queue (read/queue.h) counts and
 * lists them and shows an item's history, the review pipeline (review.h)
 * decides them, the digest (notice.c) names them (review.kinds.<name> in
 * the language packs).
 */
#ifndef HC_KINDS_H
#define HC_KINDS_H

/* In the order of the schema's ENUM of queue_items.kind. */
enum queue_kind_id {
	KIND_MAKEUP, KIND_ANOMALY, KIND_FIRST_REVIEW, KIND_SECOND_REVIEW,
	KIND_FEVER, KIND_TEMP_PASS, KIND_LEAVE, KIND_COMMUTE, KINDS
};

struct queue_kind {
	const char *name;        /* queue_items.kind */
	const char *object_kind; /* audit_log.object_kind of the record it is about */
};

/* Indexed by enum queue_kind_id; ends with a zeroed entry. */
extern const struct queue_kind queue_kinds[KINDS + 1];

/* The kind named `name`; NULL for none (or for NULL). */
const struct queue_kind *queue_kind_of(const char *name);

#endif
