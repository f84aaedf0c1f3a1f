/*
 * arrival.h - recording arrivals (报到) and move-ins (入宿): who is
 * scanning (an enrolled gate device or a gate / dorm staff login), what
 * was recorded before, and the one insert that records a scan at most once
 * per person, term and kind, whatever the number of phones racing.
 */
#ifndef HC_ARRIVAL_H
#define HC_ARRIVAL_H

#include "core/actor.h"
#include "core/err.h"
#include "domain/gate.h"

#include <stdbool.h>

/* The device's cookie: a long-lived credential set by the enrolment link. */
#define ARRIVAL_DEVICE_COOKIE "hc_dev"
/* A staff member's chosen gate (its id): where their scans are recorded. */
#define ARRIVAL_GATE_COOKIE "hc_gate"

/* A recorded scan, for "already arrived at 08:12, East gate". */
struct arrival_seen {
	bool found;
	char at[20];          /* YYYY-MM-DD HH:MM:SS */
	char where[65];       /* gate name, or who recorded it */
};

/* A device's enrolment link and its credential are the same kind of
 * secret: 32 random bytes as ARRIVAL_SECRET_LEN base64url characters,
 * kept in the database only as their SHA-256. */
#define ARRIVAL_SECRET_LEN 43
void arrival_secret_new(char out[ARRIVAL_SECRET_LEN + 1], unsigned char hash[32]);
/* The hash of s; false (and no hash) when s is not shaped like a secret,
 * which is then not worth a query. */
bool arrival_secret_hash(const char *s, unsigned char hash[32]);

/* Who scans, and where. */
struct scan_station {
	enum gate_kind kind;
	int gate_id;          /* 0: a staff login, no gate */
	int device_id;        /* 0: a staff login */
	int staff_id;         /* the staff member scanning; 0 for a device */
	char gate_name[65];   /* the gate, or the staff member's name */
	char device_name[65]; /* the device, or the staff member at a chosen gate */
	long long today;      /* scans recorded today at the gate (or by the staff
			       * member); -1 when not counted */
	struct arrival_seen used; /* the scan the presented token recorded, if any */
};

/*
 * The enrolled, unrevoked device whose credential is `device` (the device
 * cookie; NULL: none); failing that the actor, when a gate (or dorm) staff
 * member, scanning at `gate` (the gate cookie: a gate of their kind; 0 or
 * any other: as themselves). *found false for
 * anyone else: they may not scan. With the station come, when mac is
 * given, the scan that token already recorded (a token works once), and
 * when count is true today's count (the scanning page; a scan's answer
 * does without it, a count grows with the day): one round trip, since a
 * gate at 8 a.m. is the busiest page.
 */
NEOERR *arrival_station(const struct actor *a, const char *device, long long gate,
			const unsigned char *mac, bool count, struct scan_station *st,
			bool *found);

/* The person's recorded scan of that kind in the term. */
NEOERR *arrival_find(int person_id, int term_id, enum gate_kind kind,
		     struct arrival_seen *out);

/* The scan a token recorded, if any: a token works once. */
NEOERR *arrival_find_token(const unsigned char mac[GATE_MAC_BYTES],
			   struct arrival_seen *out);

/* Records the scan unless one of the kind exists for the person and term
 * (or the token was used): *recorded tells which. mac may be NULL (the
 * gate's printed code); scanned_by is the staff member or the student. */
NEOERR *arrival_record(const struct scan_station *st, int person_id, int term_id,
		       bool boarding, int scanned_by, const unsigned char *mac,
		       bool *recorded);

#endif
