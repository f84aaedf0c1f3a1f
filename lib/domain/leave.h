/*
 * leave.h - 请销假 (seed 000 FAQ 7): a student on campus applies to leave
 * (days, destination, reason); the counselor approves in the review queue
 * (review.c's kind "leave"); the campus gate's scan of the card records
 * the way out, and the way back closes the leave. An approved leave whose
 * student is out after its last day is overdue (the counselor's
 * dashboard).
 */
#ifndef HC_LEAVE_H
#define HC_LEAVE_H

#include "core/actor.h"
#include "core/err.h"
#include "domain/dated.h"

#include <stdbool.h>

#define LEAVE_MAX_DAYS 30        /* Policy.LeaveMaxDays when not set */

/* SQL: true when the leave `l` (a row of leaves) is overdue on the DATE
 * expression `day`: out, not back, its last day before `day`. */
#define LEAVE_OVERDUE(day) \
	"(l.state = 'approved' AND l.exited_at IS NOT NULL AND l.returned_at IS NULL " \
	" AND l.ends_on < " day ")"

/* A leave is a dated request (domain/dated.h): dated_apply() files it
 * (starts_on..ends_on), with its queue item for the counselor and its
 * audit row, in one transaction (DATED_OPEN_ALREADY: a leave waiting or
 * not closed; never DATED_NOT_DAY). */
extern const struct dated_kind leave_kind;

/* Where a student stands with their leave on day `today` at the gate. */
enum leave_phase {
	LEAVE_NONE,        /* nothing to do at the gate */
	LEAVE_MAY_GO,      /* approved, today inside it, not out yet */
	LEAVE_AWAY         /* out, not back */
};
struct leave_gate {
	enum leave_phase phase;
	long long id;
	bool same_code;      /* LEAVE_AWAY: the code that let them out */
};
NEOERR *leave_at_gate(int person_id, const char *today, const unsigned char mac[16],
		      struct leave_gate *g);

/* Records the way out (or back) of leave id at gate_id by the code mac;
 * *recorded false when another phone did meanwhile. */
NEOERR *leave_exit(long long id, long long gate_id, const unsigned char mac[16], bool *recorded);
NEOERR *leave_return(long long id, long long gate_id, bool *recorded);

#endif
