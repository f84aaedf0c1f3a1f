/*
 * places.h - the school admin's buildings (教学楼, 宿舍楼, 图书馆, 浴室 ...)
 * and their entrances (seed 003 三, issue 15). An entrance is a gate of
 * kind "entrance" with its building, so its phones are enrolled and
 * revoked on /gates as the campus gate's are. A building is open to
 * every pass holder, or restricted to listed groups (a college, a class,
 * an identity). Each change commits with its audit row or not at all.
 */
#ifndef HC_PLACES_H
#define HC_PLACES_H

#include "core/actor.h"
#include "core/err.h"

#include <stdbool.h>

/* buildings.kind, NULL-terminated. */
extern const char *const places_building_kinds[];
/* building_access.identity, NULL-terminated. */
extern const char *const places_identities[];

/* A new building; *id the new row's. HC_ERR_CONFLICT when the name is taken. */
NEOERR *places_add_building(const struct actor *a, const char *name, const char *kind,
			    bool restricted, long long *id);

/* A new entrance of building_id named "<building> · <name>"; *found
 * false (nothing stored) when there is no such building. HC_ERR_CONFLICT
 * when the building has an entrance of that name. */
NEOERR *places_add_entrance(const struct actor *a, long long building_id, const char *name,
			    long long *id, bool *found);

/* Opens the building to every pass holder or restricts it to its listed
 * groups. HC_ERR_NOTFOUND for no building. */
NEOERR *places_restrict(const struct actor *a, long long building_id, bool restricted);

/* Lists a group for a building: an org unit (unit_id > 0) or an identity
 * (one of places_identities). HC_ERR_NOTFOUND for no building or unit,
 * HC_ERR_CONFLICT when it is listed already. */
NEOERR *places_grant(const struct actor *a, long long building_id, long long unit_id,
		     const char *identity);

/* Takes a listed group off. HC_ERR_NOTFOUND when there is none. */
NEOERR *places_revoke(const struct actor *a, long long access_id);

/* Lists the staff member with this number as an approver of the
 * building's temporary passes (选择审批人). HC_ERR_NOTFOUND for no
 * building; *ok false (nothing stored) when nobody with a reviewing role
 * (counselor, reviewer, admin: they decide in /review) has the number.
 * Listing twice changes nothing. */
NEOERR *places_add_approver(const struct actor *a, long long building_id, const char *number,
			    bool *ok);

/* Takes an approver off. HC_ERR_NOTFOUND when not listed. Their pending
 * items stay theirs. */
NEOERR *places_remove_approver(const struct actor *a, long long building_id, long long person_id);

/* Seed 003 三③: the person with `number` holds a building pass without a
 * return application (pass_holders); *ok false when nobody has the
 * number. Audited when it changes something. */
NEOERR *places_add_holder(const struct actor *a, const char *number, const char *note, bool *ok);
NEOERR *places_remove_holder(const struct actor *a, long long person_id);

/* The dorm building (a building of kind "dorm"; 0: none) the person with
 * `number` lives in: a building restricted to its residents admits them.
 * *ok false when there is no such person or dorm building. Audited. */
NEOERR *places_set_dorm(const struct actor *a, const char *number, long long building_id,
			bool *ok);

#endif
