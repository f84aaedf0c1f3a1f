/*
 * offline.h - the gate's offline scans (issue 21): a gate phone that lost
 * the server verified the card's signed token itself and kept the scan;
 * uploaded when the network returns, each is recorded once per token and
 * device, with the phone's scan time, flagged when the server's own rules
 * would have refused what the phone allowed, and audited.
 */
#ifndef HC_OFFLINE_H
#define HC_OFFLINE_H

#include "core/actor.h"
#include "core/err.h"
#include "domain/arrival.h"
#include "domain/gate.h"

#include <stdbool.h>

/* One uploaded scan, its verdicts computed by the caller (domain/gate.h). */
struct offline_upload {
	const struct scan_station *st;  /* an enrolled device: device_id != 0 */
	const struct gate_token *t;     /* a good signature */
	long long scanned_at;           /* the phone's clock, Unix seconds */
	enum scan_result result;        /* gate_offline_result(): what it showed */
	enum scan_reason flag;          /* gate_offline_flag(); SCAN_OK: none */
	int term_id;                    /* the arrival's term (0: none in progress) */
	bool boarding;
};

/* What the upload did. */
struct offline_done {
	bool duplicate;                 /* uploaded before: nothing changed */
	bool arrived;                   /* an arrival recorded at scanned_at */
	char result[8];                 /* "allow" / "deny", as recorded */
	char flag[33];                  /* "" or a scan.why.* name, as recorded */
	char scanned_at[20];
};

/*
 * Records the upload: the row (once per token and device: a second upload
 * changes nothing and says what the first recorded), the arrival of an
 * unflagged ALLOW at the phone's scan time (the usual once per person,
 * term and token), and an audit row, in one transaction.
 */
NEOERR *offline_record(const struct actor *a, const struct offline_upload *u,
		       struct offline_done *out);

/* An upload refused before anything was recorded (a revoked device, a
 * forged token): the audit row, so that staff see the attempt. device_id
 * 0 when no device is known. */
NEOERR *offline_refused(const struct actor *a, int device_id, const char *why);

/* The revoked device whose credential is `device` (the cookie), 0 when
 * none: its uploads are refused and audited. */
NEOERR *offline_revoked_device(const char *device, int *device_id);

/* The latest offline scans for the gates page: flagged ones first. */
#define OFFLINE_LIST_MAX 50
struct offline_row {
	long long id;
	char scanned_at[20], uploaded_at[20];
	char person[65], number[33], gate[65], device[65];
	char result[8], flag[33], state_signed[33];
	bool arrived;
};
NEOERR *offline_list(struct offline_row *rows, int max, int *n, int *flagged);

#endif
