/*
 * dated.h - a student's request over days for the counselor's review
 * queue (请销假: leave.c; 走读报备: commute.c), filed once: its days
 * checked, one open at a time (the person's row locked), then its row,
 * its queue item and its audit row in one transaction. What differs
 * between the kinds is data (struct dated_kind): their table, their
 * bounds, who may file, what counts as open.
 */
#ifndef HC_DATED_H
#define HC_DATED_H

#include "core/actor.h"
#include "core/err.h"

#include <stdbool.h>

/* Why nothing was stored. */
enum dated_problem {
	DATED_OK,
	DATED_NOT_DAY,        /* a boarder (a kind for day students only) */
	DATED_BAD_DAYS,       /* a day unreadable, or the last before the first */
	DATED_TOO_LONG,       /* more days than the kind's maximum */
	DATED_PAST,           /* the day that must not be past is */
	DATED_OPEN_ALREADY    /* one of the person's is open still */
};

struct dated_kind {
	const char *kind;          /* the queue item's and the audit object's; audited
				    * as "<kind>.apply" */
	const char *max_setting;   /* the maximum of days (Policy.LeaveMaxDays) ... */
	int max_days;              /* ... when it is not set */
	bool first_day_not_past;   /* the first day may not be past (a leave), else the last */
	bool day_students_only;    /* a boarder may not file one */
	const char *open_sql;      /* COUNT(*) of the person's open ones: binds their id,
				    * and today ("YYYY-MM-DD") when open_fmt is "is" */
	const char *open_fmt;
	const char *insert_sql;    /* its row: binds the person, the first and last day,
				    * the place, the reason and the time of filing */
};

/* Files one from person_id (first, last: "YYYY-MM-DD"; place: the
 * destination or the address) for a, in one transaction: *id the row made,
 * or 0 and *problem why not. */
NEOERR *dated_apply(const struct actor *a, const struct dated_kind *k, int person_id,
		    const char *first, const char *last, const char *place, const char *reason,
		    long long *id, enum dated_problem *problem);

#endif
