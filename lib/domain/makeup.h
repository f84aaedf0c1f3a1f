/*
 * makeup.h - make-up requests (补卡申请): one missed day per request; the
 * counselor approves or rejects (domain/review.c); an approved day is filled by the student
 * and counts toward the 14-day streak.
 */
#ifndef HC_MAKEUP_H
#define HC_MAKEUP_H

#include "core/actor.h"
#include "core/err.h"

#include <stdbool.h>

/* The make-up limits in force (domain/policy.h) and what the person
 * used of them: days_back 0 any past day of the term, per_term 0 no
 * limit; used_in_term their requests of the term not withdrawn. */
struct makeup_limits {
	int days_back, per_term, used_in_term;
};

/* Why a day may not be asked for, as a language-pack key; NULL when it
 * may. Pure. term_start 0: no current term; lim NULL: no limits. */
const char *makeup_refusal(int day, int today, int term_start, int term_end,
			   bool has_report, bool has_open_request,
			   const struct makeup_limits *lim);

/* Files a request of the actor's own; on refusal sets *refusal (a language-pack key) and
 * stores nothing. */
NEOERR *makeup_apply(const struct actor *a, int day, const char *reason,
		     const char **refusal);

/* Withdraws the person's own pending request. HC_ERR_CONFLICT when it was
 * decided meanwhile; HC_ERR_NOTFOUND when it is not theirs. */
NEOERR *makeup_withdraw(const struct actor *a, long long request_id);

/* Files the report of an approved day, marked as a make-up; the request
 * becomes "filled" in the same transaction. HC_ERR_FORBIDDEN when the day
 * has no approved request. */
struct report_submission;
NEOERR *makeup_fill(struct report_submission *s);

#endif
