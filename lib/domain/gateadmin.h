/*
 * gateadmin.h - the school admin's changes to the gates (issue 6): gates and
 * dorm entrances, the phones enrolled at them (a one-time enrolment link,
 * revocable), and each gate's printed code (its serial: a new one voids
 * every earlier print). Each change commits with its audit row or not at
 * all; each takes the actor, not the request.
 */
#ifndef HC_GATEADMIN_H
#define HC_GATEADMIN_H

#include "core/actor.h"
#include "core/err.h"
#include "domain/arrival.h"

#include <stdbool.h>

/* One gate (or dorm entrance). */
struct gate_info {
	long long id;
	char kind[16];           /* "gate", "dorm" or "entrance" */
	char name[65];
	int code_serial;
};

/* The gate `id`; *found false when there is none. */
NEOERR *gateadmin_find(long long id, struct gate_info *g, bool *found);

/* A new gate of kind ("gate", "dorm") named name; *id the new row's.
 * HC_ERR_CONFLICT when the name is taken. */
NEOERR *gateadmin_add_gate(const struct actor *a, const char *kind, const char *name,
			   long long *id);

/* A new device at gate_id named name; its one-time enrolment link's
 * secret into link (shown once: only its hash is kept) and the gate into
 * *g. *found false (and nothing stored) when there is no such gate. */
NEOERR *gateadmin_add_device(const struct actor *a, long long gate_id, const char *name,
			     char link[ARRIVAL_SECRET_LEN + 1], struct gate_info *g,
			     bool *found);

/* Revokes device id: its credential ends. Revoking twice keeps the first
 * time and who did it, and audits once. *found false when there is no
 * such device. */
NEOERR *gateadmin_revoke(const struct actor *a, long long id, bool *found);

/* A new serial for gate id's printed code. HC_ERR_NOTFOUND for no gate. */
NEOERR *gateadmin_new_code(const struct actor *a, long long id);

/* The gates of kind ("gate", "dorm"), by name: at most max into out, *n
 * how many. */
#define GATEADMIN_MAX_GATES 200
NEOERR *gateadmin_gates(const char *kind, struct gate_info *out, int max, int *n);

/* A device waiting to be enrolled: the one whose unspent, unrevoked
 * enrolment link hashes to link_hash. */
struct enrol_wait {
	char device[257];
	char gate[257];
	char kind[16];           /* its gate's: "gate", "dorm" or "entrance" */
};
NEOERR *gateadmin_enrol_find(const unsigned char link_hash[32], struct enrol_wait *w,
			     bool *found);

/* Enrols that device: the link is spent in the same statement that sets
 * the device's credential (its hash, cred_hash), so two phones opening
 * one link at once cannot both enrol. *enrolled false when the link was
 * spent or revoked meanwhile (nothing changed). */
NEOERR *gateadmin_enrol(const unsigned char link_hash[32], const unsigned char cred_hash[32],
			bool *enrolled);

#endif
