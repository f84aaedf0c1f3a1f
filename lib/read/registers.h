/*
 * registers.h - the school admin's registers as their pages list them:
 * exemptions (打卡对象), terms and return batches, central test results,
 * the purge's stored runs.
 */
#ifndef HC_READ_REGISTERS_H
#define HC_READ_REGISTERS_H

#include "core/actor.h"
#include "core/err.h"

#include <ClearSilver.h>
#include <stdbool.h>

/* Rows <prefix>.<n>.{id, kind, status, class, person, number, reason,
 * starts_on, ends_on, created_by, created_at, ended_by, ended_at, people}
 * (people: how many it names today), the current first, then the ended
 * (the latest 200). */
NEOERR *exempt_list(HDF *out, const char *prefix, const char *today);

/* Into out: <prefix>.Terms.<n>.{name, starts_on, ends_on} (the latest
 * 20) and <prefix>.Batch.<n>.{id, name, return_from, return_until,
 * people} of term (0: none). */
NEOERR *roster_list(HDF *out, const char *prefix, int term);

/* The latest results in the actor's scope (school: all; college admin or
 * reviewer: their college; counselor: their students), at most 100,
 * newest first: Row.N.number / name / college / sampled_at / result /
 * source / recorded_by / recorded_at under prefix. */
NEOERR *ctest_list(const struct actor *a, HDF *out, const char *prefix);

/* The stored runs, newest first (at most 50): Run.N.id / started_at /
 * finished_at / dry_run / run_by / rows under prefix. */
NEOERR *purge_runs_list(HDF *out, const char *prefix);

/* One run's report under prefix: .id, .started_at, .finished_at,
 * .dry_run, .run_by, .Line.N.kind / term_name / rule_days / rows_n /
 * files_n; *found false when there is no such run. */
NEOERR *purge_run_load(HDF *out, const char *prefix, long long id, bool *found);

#endif
