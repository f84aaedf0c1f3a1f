/*
 * booking.h - 健康预约 (seed 003 三, venue booking): venues with opening
 * hours, slots and a capacity per slot; a person with a pass books a slot
 * (at most Policy.BookingMaxActive at a time), arrives within
 * Policy.BookingGraceMinutes of its start or the booking lapses and its
 * place is freed; it ends at the exit's scan, on the phone, or when the
 * slot is over. Policy.BookingNoShows lapses in 30 days suspend booking for
 * Policy.BookingSuspendDays. The slot's count of places taken is raised in
 * one statement that holds the capacity, so the last place goes to one.
 */
#ifndef HC_BOOKING_H
#define HC_BOOKING_H

#include "core/actor.h"
#include "core/err.h"

#include <stdbool.h>

#define BOOKING_GRACE_MINUTES 20
#define BOOKING_MAX_ACTIVE 1
#define BOOKING_NO_SHOWS 3
#define BOOKING_SUSPEND_DAYS 7
#define BOOKING_DAYS_AHEAD 2     /* today and tomorrow are offered */

struct booking_policy {
	int grace_minutes, max_active, no_shows, suspend_days;
};
/* The configured policy (Policy.Booking*), the defaults above when unset. */
void booking_policy(struct booking_policy *p);

/* A new venue in a building: opens/closes "HH:MM". *found false when
 * there is no such building; HC_ERR_CONFLICT when the name is taken;
 * HC_ERR_BADREQ for hours that are not a day's or a closing before the
 * opening. */
NEOERR *venue_add(const struct actor *a, long long building_id, const char *name,
		  const char *opens, const char *closes, int slot_minutes, int capacity,
		  long long *id, bool *found);

/* Why a booking was refused. */
enum booking_refusal {
	BK_OK,
	BK_NO_VENUE,
	BK_NOT_A_SLOT,       /* not one of the venue's slots */
	BK_OVER,             /* too late: the slot started more than the grace ago */
	BK_FULL,             /* no place left */
	BK_ONE_AT_A_TIME,    /* Policy.BookingMaxActive bookings held already */
	BK_SUSPENDED         /* too many no-shows: until */
};
const char *booking_refusal_name(enum booking_refusal r);

/* Books the slot of venue_id starting at `start` ("YYYY-MM-DD HH:MM:SS")
 * for the person as of `now`. *id the booking; *why when refused, with
 * until ("YYYY-MM-DD HH:MM") for BK_SUSPENDED. One transaction. */
NEOERR *booking_make(const struct actor *a, int person_id, long long venue_id,
		     const char *start, const char *now, long long *id,
		     enum booking_refusal *why, char until[17]);

/* Lapses the bookings not checked in within the grace (their places
 * freed) and ends those whose slot is over, as of now; person_id 0: every
 * person's. Its own transaction; *n how many changed. */
NEOERR *booking_sweep(int person_id, const char *now, int *n);

/* The person ends (or, before checking in, cancels) their booking id on
 * their phone: a place not used yet is freed. *done false when it is not
 * theirs or not active. */
NEOERR *booking_end(const struct actor *a, int person_id, long long id, const char *now,
		    bool *done);

/* What a booking's QR does at the venue's phone, as of now. */
enum booking_scan { BS_CHECKED_IN, BS_ENDED, BS_TOO_EARLY, BS_LAPSED, BS_DONE, BS_UNKNOWN,
	BS_JUST_IN /* the code that checked in, shown again: nothing changes */ };
/* The venue's phone scans booking id of person_id at an entrance of
 * building_id with the code whose MAC is mac: booked and inside its
 * arrival window, it checks in (with the temperature, tenths); checked in
 * by another code, it ends (the exit); else says why. */
NEOERR *booking_scan(long long id, int person_id, int building_id, int temperature_tenths,
		     const unsigned char mac[16], const char *now, enum booking_scan *out);

/* The state of person_id's booking id at building_id ("" when none). */
NEOERR *booking_find(long long id, int person_id, int building_id, char state[12]);

#endif
