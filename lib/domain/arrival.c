/* arrival.c - see arrival.h. */
#include "domain/arrival.h"
#include "core/db.h"
#include "domain/facts.h"
#include "core/days.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void arrival_secret_new(char out[ARRIVAL_SECRET_LEN + 1], unsigned char hash[32])
{
	unsigned char raw[32];

	randombytes_buf(raw, sizeof raw);
	sodium_bin2base64(out, ARRIVAL_SECRET_LEN + 1, raw, sizeof raw,
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	crypto_hash_sha256(hash, (const unsigned char *)out, ARRIVAL_SECRET_LEN);
}

bool arrival_secret_hash(const char *s, unsigned char hash[32])
{
	if (s == NULL || strnlen(s, ARRIVAL_SECRET_LEN + 1) != ARRIVAL_SECRET_LEN)
		return false;
	crypto_hash_sha256(hash, (const unsigned char *)s, ARRIVAL_SECRET_LEN);
	return true;
}

static const char *kind_name(enum gate_kind k)
{
	return gate_kind_name(k);
}

/* A recorded scan and where it was: the gate, or who scanned. */
#define SEEN_FROM "FROM arrivals u LEFT JOIN gates ug ON ug.id = u.gate_id " \
	"LEFT JOIN people up ON up.id = u.scanned_by "
#define SEEN_PLACE "COALESCE(ug.name, up.name, '')"

/* "at|where" of the scan a token recorded, as one column of a station. */
#define USED_BY_TOKEN \
	"(SELECT CONCAT(u.at, '|', " SEEN_PLACE ") " SEEN_FROM "WHERE u.token_mac = ?)"

static void read_used(const char *col, struct arrival_seen *out)
{
	const char *bar = col ? strchr(col, '|') : NULL;

	memset(out, 0, sizeof *out);
	if (bar == NULL)
		return;
	out->found = true;
	snprintf(out->at, sizeof out->at, "%.*s", (int)(bar - col), col);
	db_copy(out->where, sizeof out->where, bar + 1);
}

static NEOERR *device_station(const unsigned char h[32], const unsigned char *mac,
			      const char *today, struct scan_station *st, bool *found)
{
	DB_CURSOR *c = NULL;
	NEOERR *err;

	/* today == NULL: no count (a scan's answer), the count is NULL. */
	err = db_query(&c, "SELECT d.id, d.name, g.id, g.name, g.kind, "
		" (SELECT COUNT(*) FROM arrivals a WHERE ? IS NOT NULL AND a.gate_id = g.id "
		"  AND a.at >= ?), "
		USED_BY_TOKEN " FROM gate_devices d JOIN gates g ON g.id = d.gate_id "
		"WHERE d.credential_hash = ? AND d.revoked_at IS NULL", "ssbb",
		today, today, mac, mac ? (size_t)GATE_MAC_BYTES : (size_t)0, h, (size_t)32);
	if (err)
		return nerr_pass(err);
	if (db_next(c)) {
		*found = true;
		DB_FILL(c, 0, st->device_id, st->device_name, st->gate_id,
			st->gate_name);
		st->kind = gate_kind_of(db_str(c, 4));
		st->today = db_str(c, 5) ? db_int(c, 5) : -1;
		read_used(db_str(c, 6), &st->used);
	}
	db_cursor_free(&c);
	return STATUS_OK;
}

/*
 * A staff member scans where they said they stand (the gate cookie, a gate
 * of their kind), else as themselves. Their count is the gate's when
 * they chose one, else their own.
 */
static NEOERR *staff_station(const struct actor *a, long long gate, const unsigned char *mac,
			     const char *today, struct scan_station *st)
{
	DB_CURSOR *c = NULL;
	NEOERR *err;

	st->kind = (a->roles & R_GATE) ? GATE_KIND_GATE : GATE_KIND_DORM;
	st->staff_id = a->person_id;
	db_copy(st->gate_name, sizeof st->gate_name, a->name);
	err = db_query(&c, "SELECT g.id, g.name, "
		" (SELECT COUNT(*) FROM arrivals a WHERE ? IS NOT NULL AND a.kind = ? AND a.at >= ? "
		"  AND (a.gate_id = g.id OR (g.id IS NULL AND a.scanned_by = ?))), " USED_BY_TOKEN
		" FROM (SELECT 1) one LEFT JOIN gates g ON g.id = ? AND g.kind = ?", "sssibis",
		today, kind_name(st->kind), today, (long long)st->staff_id,
		mac, mac ? (size_t)GATE_MAC_BYTES : (size_t)0, gate, kind_name(st->kind));
	if (err)
		return nerr_pass(err);
	if (db_next(c)) {
		if (db_str(c, 0)) {
			st->gate_id = (int)db_int(c, 0);
			db_copy(st->device_name, sizeof st->device_name, a->name);
			DB_FILL(c, 1, st->gate_name);
		}
		st->today = db_str(c, 2) ? db_int(c, 2) : -1;
		read_used(db_str(c, 3), &st->used);
	}
	db_cursor_free(&c);
	return STATUS_OK;
}

NEOERR *arrival_station(const struct actor *a, const char *device, long long gate,
			const unsigned char *mac, bool count, struct scan_station *st,
			bool *found)
{
	char day[11];
	const char *today = count ? day : NULL;
	unsigned char h[32];

	memset(st, 0, sizeof *st);
	st->today = -1;
	*found = false;
	day_format(day_today(), day);
	if (arrival_secret_hash(device, h)) {
		NEOERR *err = device_station(h, mac, today, st, found);
		if (err || *found)
			return nerr_pass(err);
	}
	if (!(a->roles & (R_GATE | R_DORM)))
		return STATUS_OK;
	*found = true;
	return nerr_pass(staff_station(a, gate, mac, today, st));
}

static NEOERR *fetch_seen(DB_CURSOR *c, struct arrival_seen *out)
{
	memset(out, 0, sizeof *out);
	if (db_next(c)) {
		out->found = true;
		DB_FILL(c, 0, out->at, out->where);
	}
	db_cursor_free(&c);
	return STATUS_OK;
}

NEOERR *arrival_find(int person_id, int term_id, enum gate_kind kind,
		     struct arrival_seen *out)
{
	DB_CURSOR *c = NULL;
	NEOERR *err = db_query(&c, "SELECT u.at, " SEEN_PLACE " " SEEN_FROM
		"WHERE u.person_id = ? AND u.term_id = ? AND u.kind = ?", "iis",
		(long long)person_id, (long long)term_id, kind_name(kind));

	if (err)
		return nerr_pass(err);
	return nerr_pass(fetch_seen(c, out));
}

NEOERR *arrival_find_token(const unsigned char mac[GATE_MAC_BYTES], struct arrival_seen *out)
{
	DB_CURSOR *c = NULL;
	NEOERR *err = db_query(&c, "SELECT u.at, " SEEN_PLACE " " SEEN_FROM
		"WHERE u.token_mac = ?", "b", mac, (size_t)GATE_MAC_BYTES);

	if (err)
		return nerr_pass(err);
	return nerr_pass(fetch_seen(c, out));
}

struct record {
	const struct scan_station *st;
	int person_id, term_id;
	bool boarding;
	int scanned_by;
	const unsigned char *mac;
	bool *recorded;
};

static NEOERR *record_in_txn(void *arg)
{
	const struct record *x = arg;
	unsigned long long n = 0;
	char now[20];
	NEOERR *err;

	clock_now(now);
	/* The unique keys (person, term, kind) and (token) decide a race
	 * between two phones: one insert counts, the other changes nothing. */
	err = db_exec(&n, NULL,
		"INSERT IGNORE INTO arrivals (person_id, term_id, kind, at, gate_id, "
		"device_id, scanned_by, boarding, token_mac) "
		"VALUES (?, ?, ?, ?, NULLIF(?, 0), NULLIF(?, 0), NULLIF(?, 0), ?, ?)",
		"iissiiiib", (long long)x->person_id, (long long)x->term_id,
		kind_name(x->st->kind), now, (long long)x->st->gate_id,
		(long long)x->st->device_id, (long long)x->scanned_by, (long long)x->boarding,
		x->mac, x->mac ? (size_t)GATE_MAC_BYTES : (size_t)0);
	*x->recorded = err == STATUS_OK && n == 1;
	if (err || !*x->recorded)
		return nerr_pass(err);
	return nerr_pass(facts_arrival(x->person_id, x->term_id));
}

NEOERR *arrival_record(const struct scan_station *st, int person_id, int term_id,
		       bool boarding, int scanned_by, const unsigned char *mac,
		       bool *recorded)
{
	struct record x = { st, person_id, term_id, boarding, scanned_by, mac, recorded };

	*recorded = false;
	return nerr_pass(db_txn(record_in_txn, &x));
}
