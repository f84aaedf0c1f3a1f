/*
 * summary.h - a counselor's daily summary (每日汇总): the figures of their
 * group as they stood when submitted, frozen, with their notes; once a
 * day, each with its audit row.
 */
#ifndef HC_SUMMARY_H
#define HC_SUMMARY_H

#include "core/actor.h"
#include "core/err.h"

#include <ClearSilver.h>
#include <stdbool.h>

/* The actor's summary of day (YYYY-MM-DD): names[0..] (ending with NULL)
 * with values[], frozen as a JSON object, and notes ("" none); with its
 * audit row, in one transaction. HC_ERR_CONFLICT when the day has one. */
NEOERR *summary_submit(const struct actor *a, const char *day, const char *const names[],
		       const long long values[], const char *notes);

/* counselor's summary of day into <prefix>.{at, figures, notes}; *found
 * false when there is none. */
NEOERR *summary_load(HDF *out, const char *prefix, int counselor, const char *day,
		     bool *found);

/* Every counselor's summary of day (none where they sent none):
 * <prefix>.<n>.{name, number, college, at, notes}, those without first. */
NEOERR *summary_list(HDF *out, const char *prefix, const char *day);

#endif
