/*
 * rounds.h - the counselor's daily work as the pages read it: 午晚检
 * temperature rounds (a person's own, who is missing over a scope) and the
 * daily summaries (one counselor's, every counselor's of a day).
 */
#ifndef HC_READ_ROUNDS_H
#define HC_READ_ROUNDS_H

#include "core/err.h"
#include "domain/scope.h"

#include <ClearSilver.h>
#include <stdbool.h>

/* <prefix>.<round>.Row.<n>.* (today's reports of the person: temperature,
 * at, anomaly) for the person's own page. */
NEOERR *round_mine_load(HDF *out, const char *prefix, int person, const char *day);

/* <prefix>.<round>.Missing.<n>.* (id, name, number: the first 200) and
 * <prefix>.<round>.Count over the scope: people who must check in that
 * day (not exempt) without the round's report, for each enabled round. */
NEOERR *round_missing_load(HDF *out, const char *prefix, enum scope_kind s, long long bound,
			   const char *day);

/* counselor's summary of day into <prefix>.{at, figures, notes,
 * hand_<name> for each of SUMMARY_HAND} (hand_* absent for a summary sent
 * before they were asked); *found false when there is none. */
NEOERR *summary_load(HDF *out, const char *prefix, int counselor, const char *day,
		     bool *found);

/* Every counselor's summary of day (none where they sent none):
 * <prefix>.<n>.{name, number, college, at, notes, hand_<name>...}, those
 * without first. */
NEOERR *summary_list(HDF *out, const char *prefix, const char *day);

#endif
