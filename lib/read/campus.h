/*
 * campus.h - what /places and /pass read: the buildings, their entrances
 * and listed groups, who is in which building now (building_presence),
 * one person's passages of a day (流调), and the passages of a day per
 * building and hour.
 */
#ifndef HC_CAMPUS_H
#define HC_CAMPUS_H

#include "core/err.h"

#include <ClearSilver.h>
#include <stdbool.h>

/* <prefix>.Building.<n>.{id, name, kind, restricted, inside} (inside: how
 * many are in it now), <prefix>.Entrance.<n>.{id, name, building_id,
 * building, devices} (devices: enrolled, unrevoked),
 * <prefix>.Approver.<n>.{building_id, person, name, number} and
 * <prefix>.Access.<n>.{id, building_id, unit, identity}. */
NEOERR *campus_list(HDF *out, const char *prefix);

/* The people in building_id now: <prefix>.<n>.{person, name, number,
 * since, entrance}, at most 500, the latest first. */
NEOERR *campus_inside(HDF *out, const char *prefix, long long building_id);

/* person_id's passages on day (YYYY-MM-DD), in order:
 * <prefix>.<n>.{at, building, entrance, direction, result, reason,
 * temperature}. */
NEOERR *campus_trace(HDF *out, const char *prefix, long long person_id, const char *day);

/* The entrances a pass may name, for person_id's chooser:
 * <prefix>.<n>.{id, name, building, restricted, may} (may: the building
 * admits them). */
NEOERR *campus_choices(HDF *out, const char *prefix, long long person_id);

/* The colleges and classes a building may list, in use:
 * <prefix>.<n>.{id, kind, name, college}. */
NEOERR *campus_units(HDF *out, const char *prefix);

/* The temporary pass's form and the person's applications:
 * <prefix>.Building.<n>.{id, name, restricted},
 * <prefix>.Approver.<n>.{building_id, id, name, building} and
 * <prefix>.Mine.<n>.{id, building, reason, valid_from, valid_until, state,
 * approver, decision_reason}, the latest 50. */
NEOERR *campus_temp_form(HDF *out, const char *prefix, long long person_id);

/* The venues and their slots still open to booking as of now (today and
 * tomorrow, a slot until its start plus grace minutes), with the places
 * left: <prefix>.<n>.{id, name, building, capacity, slot_minutes} and
 * <prefix>.<n>.Slot.<m>.{start, label, left}. */
NEOERR *campus_slots(HDF *out, const char *prefix, const char *now, int grace);

/* The person's bookings, the active first then the latest 10 others:
 * <prefix>.<n>.{id, venue, building_id, starts_at, ends_at, state,
 * ended_how, active}. */
NEOERR *campus_bookings(HDF *out, const char *prefix, long long person_id);

/* The building of person_id's active booking id; *found false when it
 * is not theirs or not active. */
NEOERR *campus_booking_building(long long id, long long person_id, long long *building,
				bool *found);

/* The person's leaves (请销假), the latest 20:
 * <prefix>.<n>.{id, starts_on, ends_on, destination, reason, state,
 * decision_reason, exited_at, returned_at, overdue}. */
NEOERR *campus_my_leaves(HDF *out, const char *prefix, long long person_id, const char *today);

/* The leaves in the viewer's scope (enum scope_kind s, bound as
 * scope_kind_of() gives them) whose student is out now, overdue first:
 * <prefix>.<n>.{id, person, name, number, starts_on, ends_on, destination,
 * exited_at, overdue}; *overdue how many are. */
NEOERR *campus_away_leaves(HDF *out, const char *prefix, int s, long long bound,
			   const char *today, long long *overdue);

/* The person with this number (学号/工号); 0 when none. */
NEOERR *campus_person_by_number(const char *number, long long *person_id);

#define CAMPUS_MAX_BUILDINGS 64

/* One building's passages of a day (allowed ways in and out). */
struct building_hours {
	char name[65];
	long long in[24], out[24];
	long long total;
};

/* The passages of `day` per building and hour, by name, at most max
 * buildings; *n how many; *peak the busiest hour (in + out) of any. */
NEOERR *campus_hours(int day, struct building_hours *b, int max, int *n, long long *peak);

/* The current ID photos (证件照) of the people in scope s (enum
 * scope_kind, bound: its id), newest first: for a reviewer to reject a
 * non-compliant one. */
NEOERR *campus_photos(HDF *out, const char *prefix, int s, long long bound);

/* The person's latest photo not replaced: the current one, or the one a
 * reviewer rejected (state, reject_reason). Nothing when none. */
NEOERR *campus_my_photo(HDF *out, const char *prefix, long long person_id);

/* 走读报备: <prefix>.Me.boarding (0: a day student, who may file one) and
 * <prefix>.Mine.<n>: the person's reports, newest first, with valid /
 * expired as of today. */
NEOERR *campus_my_commutes(HDF *out, const char *prefix, long long person_id, const char *today);

#endif
