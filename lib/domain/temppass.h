/*
 * temppass.h - 临时出入审批 (seed 003 三 3): a person applies for a
 * building they may not otherwise enter (restricted, or no building pass
 * of their own): where, why, from when to when (at most
 * Policy.TempPassMaxHours); they choose the approver among those listed
 * for the building, or with none listed it goes to their counselor. The
 * decision is taken in the review queue (review.c's kind "temp_pass");
 * approved, the pass lets them in at that building's entrances inside its
 * window only (pass_decide()'s temp).
 */
#ifndef HC_TEMPPASS_H
#define HC_TEMPPASS_H

#include "core/actor.h"
#include "core/err.h"
#include "domain/pass.h"

#include <stdbool.h>

#define TEMPPASS_MAX_HOURS 72   /* Policy.TempPassMaxHours when not set */

/* A time as a form sends it ("YYYY-MM-DDTHH:MM", "YYYY-MM-DD HH:MM", with
 * or without ":SS") into "YYYY-MM-DD HH:MM:SS"; false when it is not
 * one. Pure. */
bool temppass_time(const char *s, char out[20]);

struct temppass_new {
	int person_id;
	long long building_id;
	long long approver_id;       /* 0: the counselor */
	const char *reason;
	const char *from, *until;    /* "YYYY-MM-DD HH:MM:SS" (temppass_time()) */
};

/* What is wrong with an application, by field. */
enum temppass_problem {
	TP_OK,
	TP_NO_BUILDING,    /* building_id */
	TP_BAD_APPROVER,   /* approver_id: not listed for the building */
	TP_BAD_WINDOW,     /* valid_until: not after valid_from */
	TP_TOO_LONG,       /* valid_until: longer than the policy allows */
	TP_PAST            /* valid_until: over already */
};

/* Stores the application and its queue item (for the approver chosen,
 * else the counselor) with its audit row, in one transaction; *problem
 * says why nothing was stored. now: "YYYY-MM-DD HH:MM:SS". */
NEOERR *temppass_apply(const struct actor *a, const struct temppass_new *x, const char *now,
		       long long *id, enum temppass_problem *problem);

/* The person's approved temporary pass for the building as of now. */
NEOERR *temppass_state(int person_id, int building_id, const char *now, enum pass_temp *st);

#endif
