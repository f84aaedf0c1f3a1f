/*
 * completion.h - each college's reporting rate (seed 001's 工作要求: the
 * colleges' completion is watched daily and weekly): the reports of a day
 * over the people who must check in that day (not exempt:
 * domain/exempt.h), per college, for the last 7 days and the last 4
 * weeks (each of 7 days, ending today).
 */
#ifndef HC_COMPLETION_H
#define HC_COMPLETION_H

#include <ClearSilver.h>

#define COMPLETION_DAYS 7
#define COMPLETION_WEEKS 4

/* Pure: a rate in tenths of a percent (953 = 95.3 %), rounded; -1 when
 * nobody was expected. */
int completion_permille(long long reported, long long expected);

/* <prefix>.Day.<i>.Date (the last 7 days, oldest first),
 * <prefix>.Week.<k>.From / .To (k 0: the 7 days ending today),
 * <prefix>.College.<n>.Name, .Day.<i>.Rate / .Reported / .Expected,
 * .Week.<k>.Rate, .Bar (the width of this week's rate on a 300-wide
 * chart) and <prefix>.Chart.Height. Rates as "95.3" ("" when nobody was
 * expected). */
NEOERR *completion_load(HDF *out, const char *prefix, int today);

#endif
