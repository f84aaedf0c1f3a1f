/*
 * group.h - a counselor's groups as the collector's workbench (学校采集员
 * 工作台, seed 004) reads them: all their students, and each class of
 * theirs (counselor_classes); per group the day's members, reported,
 * filled in bulk and not yet confirmed, unreported (the exempt aside), and
 * joined through an invitation against the members expected; and who a
 * bulk quick-fill would fill. Reads only; class_id 0 is "all my students".
 */
#ifndef HC_GROUP_H
#define HC_GROUP_H

#include "core/err.h"

#include <ClearSilver.h>
#include <stdbool.h>

/* <prefix>.<n>.{id, name, code}: the counselor's classes. */
NEOERR *group_classes(HDF *out, const char *prefix, int counselor);

/* Is class_id one of the counselor's classes? (0 is always theirs.) */
NEOERR *group_class_is_mine(int counselor, int class_id, bool *mine);

/* <prefix>.{members, reported, bulk, unreported, exempt, joined}: the
 * group's figures of day (YYYY-MM-DD). Members of a class: the people of
 * the class assigned to the counselor. */
NEOERR *group_figures(HDF *out, const char *prefix, int counselor, int class_id,
		      const char *day);

/* The group's unreported members of day (the exempt aside), at most 2000,
 * by class and number: <prefix>.<n>.{id, name, number, class, last_day,
 * last_anomaly}: last_day empty when they never reported before day. */
NEOERR *group_unreported(HDF *out, const char *prefix, int counselor, int class_id,
			 const char *day, int *n);

#endif
