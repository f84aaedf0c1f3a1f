/* passage.c - see passage.h. */
#include "domain/passage.h"
#include "domain/queue.h"
#include "domain/audit.h"
#include "domain/facts.h"
#include "core/db.h"
#include "core/days.h"

#include <stdio.h>
#include <string.h>

static void seen_row(DB_CURSOR *c, void *arg)
{
	struct passage_seen *out = arg;

	DB_FILL(c, 0, out->at, out->where, out->result, out->reason);
}

NEOERR *passage_find_token(const unsigned char mac[GATE_MAC_BYTES], struct passage_seen *out)
{
	memset(out, 0, sizeof *out);
	return nerr_pass(db_one(&out->found, seen_row, out, "SELECT ps.at, g.name, ps.result, "
		" ps.reason FROM passages ps JOIN gates g ON g.id = ps.entrance_id "
		"WHERE ps.token_mac = ?", "b", mac, (size_t)GATE_MAC_BYTES));
}

NEOERR *passage_entrance(int entrance_id, int *building_id, char name[65], bool *found)
{
	DB_CURSOR *c = NULL;
	NEOERR *err = db_query(&c, "SELECT b.id, b.name FROM gates g "
		"JOIN buildings b ON b.id = g.building_id WHERE g.id = ? AND g.kind = 'entrance'",
		"i", (long long)entrance_id);

	*found = false;
	*building_id = 0;
	name[0] = '\0';
	if (err)
		return nerr_pass(err);
	if (db_next(c)) {
		*found = true;
		*building_id = (int)db_int(c, 0);
		db_copy(name, 65, db_str(c, 1));
	}
	db_cursor_free(&c);
	return STATUS_OK;
}

NEOERR *passage_may_enter(int person_id, int building_id, bool *may)
{
	long long n = 0;
	NEOERR *err = db_scalar(&n, NULL,
		"SELECT " PASSAGE_MAY_ENTER " FROM buildings b JOIN people p ON p.id = ? WHERE b.id = ?", "ii",
		(long long)person_id, (long long)building_id);

	*may = n != 0;
	return nerr_pass(err);
}

NEOERR *passage_listed_holder(int person_id, bool *listed)
{
	long long n = 0;
	NEOERR *err = db_scalar(&n, NULL, "SELECT COUNT(*) FROM pass_holders WHERE person_id = ?",
				"i", (long long)person_id);

	*listed = n != 0;
	return nerr_pass(err);
}

NEOERR *passage_residents_only(int person_id, int building_id, bool *residents)
{
	long long n = 0;
	NEOERR *err = db_scalar(&n, NULL, "SELECT COUNT(*) FROM building_access ba "
		"JOIN people p ON p.id = ? WHERE ba.building_id = ? AND ba.identity = 'residents' "
		"AND p.dorm_building_id <=> ba.building_id = 0", "ii",
		(long long)person_id, (long long)building_id);

	*residents = n != 0;
	return nerr_pass(err);
}

struct record {
	const struct actor *a;
	const struct passage_new *x;
	bool *recorded;
};

static NEOERR *fever_opened(const struct record *r, long long id, const char *now)
{
	const struct passage_new *x = r->x;
	char detail[120], day[11];
	NEOERR *err;

	err = queue_open("fever", id, x->person_id, 0, now, NULL);
	if (err == STATUS_OK)
		err = facts_door_fever(x->person_id);
	snprintf(day, sizeof day, "%.10s", now);
	if (err == STATUS_OK)
		err = notify_student(x->person_id, now, "door_fever", day, NULL);
	snprintf(detail, sizeof detail, "%d.%d %s", x->temperature_tenths / 10,
		 x->temperature_tenths % 10, x->entrance_name ? x->entrance_name : "");
	if (err == STATUS_OK)
		err = audit_write(r->a, now, "passage.fever", x->person_id, "passage", id, detail);
	return nerr_pass(err);
}

static NEOERR *record_in_txn(void *arg)
{
	const struct record *r = arg;
	const struct passage_new *x = r->x;
	bool allow = x->verdict.result == SCAN_ALLOW;
	bool fever = x->verdict.reason == SCAN_FEVER;
	char now[20], temp[8];
	unsigned long long n = 0;
	long long id = 0;
	NEOERR *err;

	*r->recorded = false;
	clock_now(now);
	snprintf(temp, sizeof temp, "%d.%d", x->temperature_tenths / 10, x->temperature_tenths % 10);
	/* The unique token decides a race between two phones: one insert
	 * counts, the other changes nothing. */
	err = db_exec(&n, &id,
		"INSERT IGNORE INTO passages (person_id, building_id, entrance_id, direction, at, "
		" result, reason, temperature, device_id, scanned_by, token_mac, fever_state) "
		"VALUES (?, ?, ?, ?, ?, ?, NULLIF(?, ''), NULLIF(?, '0.0'), NULLIF(?, 0), "
		" NULLIF(?, 0), ?, ?)", "iiisssssiibs",
		(long long)x->person_id, (long long)x->building_id, (long long)x->entrance_id,
		pass_direction_name(x->direction), now, allow ? "allow" : "deny",
		allow ? "" : gate_reason_name(x->verdict.reason), temp,
		(long long)x->device_id, (long long)x->scanned_by,
		x->mac, (size_t)GATE_MAC_BYTES, fever ? "open" : "none");
	if (err || n != 1)
		return nerr_pass(err);
	*r->recorded = true;
	if (fever)
		return nerr_pass(fever_opened(r, id, now));
	if (!allow)
		return STATUS_OK;
	if (x->direction == PASS_IN)
		/* In here now, wherever they were before (an exit not scanned). */
		return nerr_pass(db_exec(NULL, NULL,
			"INSERT INTO building_presence (person_id, building_id, since, passage_id) "
			"VALUES (?, ?, ?, ?) ON DUPLICATE KEY UPDATE building_id = VALUES(building_id), "
			" since = VALUES(since), passage_id = VALUES(passage_id)", "iisi",
			(long long)x->person_id, (long long)x->building_id, now, id));
	return nerr_pass(db_exec(NULL, NULL,
		"DELETE FROM building_presence WHERE person_id = ? AND building_id = ?", "ii",
		(long long)x->person_id, (long long)x->building_id));
}

NEOERR *passage_record(const struct actor *a, const struct passage_new *x, bool *recorded)
{
	struct record r = { a, x, recorded };

	*recorded = false;
	return nerr_pass(db_txn(record_in_txn, &r));
}
