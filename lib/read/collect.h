/*
 * collect.h - the collector's tools (seed 004) as their pages list them:
 * the guests (people without an account) and their groups, a counselor's
 * collectors; a student's named 代填人 and whom a filler fills for.
 */
#ifndef HC_READ_COLLECT_H
#define HC_READ_COLLECT_H

#include "core/actor.h"
#include "core/err.h"

#include <ClearSilver.h>

/* <prefix>.<n>.{id, name, kind, id_type, id_masked, nationality,
 * group_name, group, at (today's declaration), flags, declared_by,
 * last_day, may}: the guests the actor sees (their groups, those they
 * collect for, their college's as a reviewer, all as the admin), `may`
 * 1 where they may declare. */
NEOERR *guest_list(HDF *out, const char *prefix, const struct actor *a, const char *today);

/* <prefix>.<n>.{id, name}: the groups the actor may add to (their own
 * as a counselor first). */
NEOERR *guest_groups(HDF *out, const char *prefix, const struct actor *a, int *n);

/* <prefix>.<n>.{id, name, number, named_at}: the counselor's collectors. */
NEOERR *guest_collectors(HDF *out, const char *prefix, int counselor);

/* <prefix>.<n>.{id, name, number, relation, named_at}: the actor's
 * fillers now; <past>.<n> the revoked ones, with revoked_at (the last 20). */
NEOERR *proxy_list_named(HDF *out, const char *prefix, const char *past, int student);

/* <prefix>.<n>.{id (the student), name, number, relation, at (today's
 * report's time, or none), filler (who filled it)}: whom `filler` may
 * fill for, with today's state. */
NEOERR *proxy_list_for(HDF *out, const char *prefix, int filler, const char *today);

#endif
