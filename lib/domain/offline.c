/* offline.c - see offline.h. */
#include "domain/offline.h"
#include "core/db.h"
#include "core/days.h"
#include "domain/audit.h"
#include "domain/facts.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

struct txn {
	const struct actor *a;
	const struct offline_upload *u;
	struct offline_done *out;
};

static void earlier_row(DB_CURSOR *c, void *arg)
{
	struct offline_done *out = arg;

	DB_FILL(c, 0, out->result, out->flag, out->scanned_at, out->arrived);
}

/* What an earlier upload of the same token by the same device recorded. */
static NEOERR *earlier(const struct offline_upload *u, struct offline_done *out)
{
	return nerr_pass(db_one(NULL, earlier_row, out, "SELECT result, COALESCE(flag, ''), "
		" scanned_at, arrival_id IS NOT NULL FROM offline_scans WHERE token_id = ? "
		" AND device_id = ?",
		"bi", u->t->mac, (size_t)GATE_MAC_BYTES, (long long)u->st->device_id));
}

static NEOERR *record_in_txn(void *arg)
{
	const struct txn *x = arg;
	const struct offline_upload *u = x->u;
	struct offline_done *out = x->out;
	unsigned long long n = 0;
	long long id = 0, arrival = 0;
	char now[20], issued[20], detail[200];
	NEOERR *err;

	memset(out, 0, sizeof *out);
	clock_now(now);
	day_clock_text((time_t)u->t->issued_at, 0, issued);
	day_clock_text((time_t)u->scanned_at, 0, out->scanned_at);
	snprintf(out->result, sizeof out->result, "%s", gate_result_name(u->result));
	if (u->flag != SCAN_OK)
		snprintf(out->flag, sizeof out->flag, "%s", gate_reason_name(u->flag));
	err = db_exec(&n, &id,
		"INSERT IGNORE INTO offline_scans (device_id, gate_id, token_id, person_id, "
		" issued_at, scanned_at, uploaded_at, state_signed, result, flag) "
		"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULLIF(?, ''))", "iibissssss",
		(long long)u->st->device_id, (long long)u->st->gate_id,
		u->t->mac, (size_t)GATE_MAC_BYTES, (long long)u->t->person_id, issued,
		out->scanned_at, now, card_state_name((enum card_state)u->t->state),
		out->result, out->flag);
	if (err)
		return nerr_pass(err);
	if (n == 0) {
		out->duplicate = true;
		return nerr_pass(earlier(u, out));
	}
	if (u->result == SCAN_ALLOW && u->flag == SCAN_OK && u->term_id > 0) {
		/* The same unique keys as a scan online: once per person, term
		 * and kind, once per token. */
		err = db_exec(&n, &arrival,
			"INSERT IGNORE INTO arrivals (person_id, term_id, kind, at, gate_id, "
			"device_id, scanned_by, boarding, token_mac, offline) "
			"VALUES (?, ?, 'gate', ?, ?, ?, NULL, ?, ?, 1)", "iisiiib",
			(long long)u->t->person_id, (long long)u->term_id, out->scanned_at,
			(long long)u->st->gate_id, (long long)u->st->device_id,
			(long long)u->boarding, u->t->mac, (size_t)GATE_MAC_BYTES);
		if (err)
			return nerr_pass(err);
		out->arrived = n == 1;
		if (out->arrived) {
			err = db_exec(NULL, NULL, "UPDATE offline_scans SET arrival_id = ? WHERE id = ?",
				      "ii", arrival, id);
			if (err == STATUS_OK)
				err = facts_arrival(u->t->person_id, u->term_id);
			if (err)
				return nerr_pass(err);
		}
	}
	snprintf(detail, sizeof detail, "%s%s%s scanned %s device %d%s", out->result,
		 out->flag[0] ? " flagged " : "", out->flag, out->scanned_at, u->st->device_id,
		 out->arrived ? " arrival" : "");
	return nerr_pass(audit_write(x->a, now, out->flag[0] ? "offline_scan_flagged" : "offline_scan",
				     u->t->person_id, "offline_scan", id, detail));
}

NEOERR *offline_record(const struct actor *a, const struct offline_upload *u,
		       struct offline_done *out)
{
	struct txn x = { a, u, out };

	return nerr_pass(db_txn(record_in_txn, &x));
}

struct refusal {
	const struct actor *a;
	int device_id;
	const char *why;
};

static NEOERR *refused_in_txn(void *arg)
{
	const struct refusal *x = arg;
	char now[20];

	clock_now(now);
	return nerr_pass(audit_write(x->a, now, "offline_scan_refused", 0,
				     "gate_device", x->device_id, x->why));
}

NEOERR *offline_refused(const struct actor *a, int device_id, const char *why)
{
	struct refusal x = { a, device_id, why };

	return nerr_pass(db_txn(refused_in_txn, &x));
}

NEOERR *offline_revoked_device(const char *device, int *device_id)
{
	unsigned char h[32];
	DB_CURSOR *c = NULL;
	NEOERR *err;

	*device_id = 0;
	if (!arrival_secret_hash(device, h))
		return STATUS_OK;
	err = db_query(&c, "SELECT id FROM gate_devices WHERE credential_hash = ? "
		       "AND revoked_at IS NOT NULL", "b", h, (size_t)32);
	if (err)
		return nerr_pass(err);
	if (db_next(c))
		*device_id = (int)db_int(c, 0);
	db_cursor_free(&c);
	return STATUS_OK;
}

NEOERR *offline_list(struct offline_row *rows, int max, int *n, int *flagged)
{
	DB_CURSOR *c = NULL;
	NEOERR *err;

	*n = 0;
	*flagged = 0;
	err = db_query(&c, "SELECT o.id, o.scanned_at, o.uploaded_at, p.name, p.number, g.name, "
		" d.name, o.result, COALESCE(o.flag, ''), o.state_signed, o.arrival_id IS NOT NULL, "
		" (SELECT COUNT(*) FROM offline_scans f WHERE f.flag IS NOT NULL) "
		"FROM offline_scans o LEFT JOIN people p ON p.id = o.person_id "
		"JOIN gates g ON g.id = o.gate_id JOIN gate_devices d ON d.id = o.device_id "
		"ORDER BY o.flag IS NULL, o.uploaded_at DESC, o.id DESC LIMIT ?", "i", (long long)max);
	if (err)
		return nerr_pass(err);
	while (*n < max && db_next(c)) {
		struct offline_row *r = &rows[(*n)++];

		memset(r, 0, sizeof *r);
		DB_FILL(c, 0, r->id, r->scanned_at, r->uploaded_at, r->person,
			r->number, r->gate, r->device, r->result, r->flag,
			r->state_signed, r->arrived, *flagged);
	}
	db_cursor_free(&c);
	return STATUS_OK;
}
