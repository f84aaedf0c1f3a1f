/*
 * calendar.h - a person's days as their calendars show them: the
 * student's own (/checkin/calendar) and the one staff see on /person.
 * What happened on a day, in this order: a report (sent back, quick-filled
 * and not confirmed, made up, done), else a day nothing was asked (an
 * exemption, lib/domain/exempt.h), else today, else an open make-up
 * request (pending, approved), else missed. The states are worked out in
 * C (calendar_states(), pure) from one read of the days' reports and open
 * make-up requests (calendar_read()).
 */
#ifndef HC_CALENDAR_H
#define HC_CALENDAR_H

#include "domain/exempt.h"

#include <ClearSilver.h>
#include <stdbool.h>

/* The most days a calendar shows. */
#define CALENDAR_MAX_DAYS 366

/* The most exemptions over a calendar's days a caller keeps for it
 * (the open-ended and latest-ending first):
 * an exemption is an admin's act on a status, a class or a person, a
 * handful a term; past 64 the ones that ended earliest would be left out. */
#define CALENDAR_MAX_EXEMPT 64

/* What the database holds for one day: a report or an open request. */
struct calendar_fact {
	int day;                 /* days.h day number */
	bool report;             /* a report; else an open make-up request */
	const char *state;       /* report: sent_back, bulk, made_up or done;
				  * request: pending or approved */
	const char *filler;      /* report: who filled it for them, or NULL */
};

/* One day of a calendar. */
struct calendar_day {
	int day;
	const char *state;       /* done, bulk, made_up, sent_back, exempt,
				  * today, pending, approved or missed */
	char filler[101];        /* who filled the report for them; "" */
};

/* Pure: days[i] for day to - i, i = 0 .. to - from, from f[0..nf) and the
 * exemptions ex[0..nex) (any order). */
void calendar_states(const struct calendar_fact *f, int nf,
		     const struct exemption *ex, int nex,
		     int from, int to, int today, struct calendar_day *days);

/* The person's days from `from` to `to` (at most CALENDAR_MAX_DAYS) into
 * days[0 .. to - from], latest first, and the exemptions over those days
 * into ex[0 .. *nex), in exempt_ranges()' order (at most max_ex: the
 * first ones of that order; exempt_pick() finds the card's): one
 * statement. */
NEOERR *calendar_read(int person, int from, int to, int today,
		      struct exemption *ex, int max_ex, int *nex, struct calendar_day *days);

/* <prefix>.<i>.{day, state, filler} for days[0 .. n) (latest first, or
 * with oldest_first the other way round), and focus 1 on the day `focus`
 * (0: none). */
NEOERR *calendar_export(HDF *out, const char *prefix, const struct calendar_day *days, int n,
			bool oldest_first, int focus);

#endif
