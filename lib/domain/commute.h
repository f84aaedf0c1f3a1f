/*
 * commute.h - 走读报备 (seed 000 FAQ 7): a day student (people.boarding
 * 0) files a standing commute report (address, from, until, why); the
 * counselor approves it in the review queue (review.c's kind "commute").
 * While an approved one holds today, the campus gate lets them out and
 * back in every day with their card's code: each scan a row of
 * commute_passages, out then in, one per code (two phones racing record
 * one). Expired, not yet valid, waiting or rejected: the gate says why.
 */
#ifndef HC_COMMUTE_H
#define HC_COMMUTE_H

#include "core/actor.h"
#include "core/err.h"
#include "domain/dated.h"

#include <stdbool.h>

#define COMMUTE_MAX_DAYS 183     /* Policy.CommuteMaxDays when not set */

/* A report is a dated request (domain/dated.h): dated_apply() files it,
 * with its queue item and audit row, in one transaction (DATED_NOT_DAY: a
 * boarder; DATED_OPEN_ALREADY: one waits already). */
extern const struct dated_kind commute_kind;

/* Where a day student stands at the campus gate on `today`. */
enum commute_phase {
	COMMUTE_NONE,       /* never filed one: nothing to do at the gate */
	COMMUTE_VALID,      /* approved and holding today */
	COMMUTE_EXPIRED,    /* the latest approved one ended */
	COMMUTE_NOT_YET,    /* the latest approved one starts later */
	COMMUTE_PENDING,    /* waiting for the counselor */
	COMMUTE_REJECTED    /* the latest was rejected */
};
struct commute_gate {
	enum commute_phase phase;
	long long id;
	bool going_out;      /* COMMUTE_VALID: the next passage is out */
	char until[11];      /* the report's last day */
};
NEOERR *commute_at_gate(int person_id, const char *today, struct commute_gate *g);

/* Records a passage of commute id through gate_id by the code mac;
 * *recorded false when the code recorded one already (another phone). */
NEOERR *commute_pass(long long id, int person_id, long long gate_id, bool out,
		     const unsigned char mac[16], bool *recorded);

/* Stable names: "valid", "expired"... (language keys, tests). */
const char *commute_phase_name(enum commute_phase p);

#endif
