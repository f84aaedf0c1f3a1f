/*
 * passage.h - recording the building pass's passages (出入记录): the one
 * insert per code whatever the number of phones racing, who is in which
 * building (building_presence, written in the same transaction), and a
 * fever at the door: the passage denied, an anomaly opened for the
 * counselor (queue kind "fever"), the card red (card_facts.door_fever),
 * the person told, audited.
 */
#ifndef HC_PASSAGE_H
#define HC_PASSAGE_H

#include "core/actor.h"
#include "core/err.h"
#include "domain/pass.h"

#include <stdbool.h>

/* A recorded passage, for "this code passed at 08:12, 图书馆 · 南门". */
struct passage_seen {
	bool found;
	char at[20];
	char where[65];          /* the entrance */
	char result[8];          /* "allow" or "deny" */
	char reason[25];         /* the denial's scan reason name */
};

/* The passage a code recorded, if any: a code works once. */
NEOERR *passage_find_token(const unsigned char mac[GATE_MAC_BYTES], struct passage_seen *out);

/* The building of entrance `entrance_id` (a gate of kind "entrance"), with
 * the building's name; *found false when it is none. */
NEOERR *passage_entrance(int entrance_id, int *building_id, char name[65], bool *found);

/* SQL: true when the building `b` (a row of buildings) admits the person
 * `p` (a row of people): open, or restricted and one of its listed groups
 * (their college, their class, their identity, or "residents": the
 * building is their dorm building). The one definition. */
#define PASSAGE_MAY_ENTER \
	"(b.restricted = 0 OR EXISTS (SELECT 1 FROM building_access ba " \
	" WHERE ba.building_id = b.id AND (ba.identity = p.identity " \
	"  OR ba.unit_id = p.college_id OR ba.unit_id = p.class_id " \
	"  OR (ba.identity = 'residents' AND p.dorm_building_id = b.id))))"

/* Whether the building admits the person (PASSAGE_MAY_ENTER). */
NEOERR *passage_may_enter(int person_id, int building_id, bool *may);

/* Whether the admin listed the person as holding a building pass without
 * a return application (seed 003 三③: pass_holders). */
NEOERR *passage_listed_holder(int person_id, bool *listed);

/* Whether the building admits only groups none of which is the person's
 * while it lists its residents and the person lives elsewhere: the scan's
 * reason then says "residents only". */
NEOERR *passage_residents_only(int person_id, int building_id, bool *residents);

struct passage_new {
	int person_id;
	int building_id;         /* where it happened: the station's building */
	int entrance_id;         /* the station's entrance */
	const char *entrance_name;
	enum pass_direction direction;
	int device_id;           /* 0: none */
	int scanned_by;          /* 0: a device */
	const unsigned char *mac;
	struct scan_verdict verdict; /* SCAN_ALLOW or SCAN_DENY with its reason */
	int temperature_tenths;  /* 0: not measured */
};

/*
 * Records the passage unless the code recorded one already (*recorded
 * false then). An allowed way in makes the building the person's now, a
 * way out ends it; a fever opens the anomaly (see above). One transaction,
 * retried whole. The actor is who scans (a device: nobody).
 */
NEOERR *passage_record(const struct actor *a, const struct passage_new *x, bool *recorded);

#endif
