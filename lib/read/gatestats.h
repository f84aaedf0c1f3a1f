/*
 * gatestats.h - what /gates lists: the gates with today's arrivals, the
 * enrolled devices, and the arrivals of a day per gate and hour.
 */
#ifndef HC_GATESTATS_H
#define HC_GATESTATS_H

#include "core/err.h"

#include <ClearSilver.h>

/* Rows <prefix>.Gate.<n>.{id, kind, name, today} (arrivals since `today`,
 * YYYY-MM-DD) and <prefix>.Device.<n>.{id, name, gate, created_at,
 * enrolled_at, revoked_at, state} (the unrevoked first, at most 500). */
NEOERR *gatestats_list(HDF *out, const char *prefix, const char *today);

#define GATESTATS_MAX_GATES 64

/* One gate's (or a staff member's gateless) arrivals of a day. */
struct gate_hours {
	char name[65];           /* "" for scans at no gate */
	char kind[8];            /* "gate" or "dorm" */
	long long hour[24];
	long long total;
};

/* The arrivals of `day` per gate and hour, by kind then name, at most
 * max gates; *n how many; *peak the busiest hour of any. */
NEOERR *gatestats_hours(int day, struct gate_hours *out, int max, int *n, long long *peak);

#endif
