/* campus.c - see campus.h. */
#include "read/campus.h"
#include "core/db.h"
#include "core/days.h"
#include "domain/passage.h"
#include "domain/leave.h"
#include "domain/scope.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

NEOERR *campus_list(HDF *out, const char *prefix)
{
	NEOERR *err;

	err = db_rows_at(out, prefix, "Building", NULL, "SELECT b.id, b.name, b.kind, b.restricted, "
		" (SELECT COUNT(*) FROM building_presence bp WHERE bp.building_id = b.id) AS inside "
		"FROM buildings b ORDER BY b.name LIMIT 500", NULL);
	if (err)
		return nerr_pass(err);
	err = db_rows_at(out, prefix, "Entrance", NULL, "SELECT g.id, g.name, g.building_id, b.name AS building, "
		" (SELECT COUNT(*) FROM gate_devices d WHERE d.gate_id = g.id "
		"  AND d.revoked_at IS NULL AND d.credential_hash IS NOT NULL) AS devices "
		"FROM gates g JOIN buildings b ON b.id = g.building_id "
		"WHERE g.kind = 'entrance' ORDER BY g.name LIMIT 2000", NULL);
	if (err)
		return nerr_pass(err);
	err = db_rows_at(out, prefix, "Approver", NULL, "SELECT ba.building_id, p.id AS person, p.name, p.number "
		"FROM building_approvers ba JOIN people p ON p.id = ba.person_id "
		"ORDER BY ba.building_id, p.name", NULL);
	if (err)
		return nerr_pass(err);
	/* Seed 003 三③: who holds a pass without a return application; and
	 * who lives in which dorm building. */
	err = db_rows_at(out, prefix, "Holder", NULL, "SELECT p.id AS person, p.name, p.number, p.identity, "
		" h.note, DATE_FORMAT(h.added_at, '%Y-%m-%d') AS added "
		"FROM pass_holders h JOIN people p ON p.id = h.person_id ORDER BY p.number LIMIT 1000", NULL);
	if (err)
		return nerr_pass(err);
	err = db_rows_at(out, prefix, "Resident", NULL, "SELECT p.id AS person, p.name, p.number, "
		" p.dorm_building_id AS building_id, b.name AS building "
		"FROM people p JOIN buildings b ON b.id = p.dorm_building_id "
		"ORDER BY b.name, p.number LIMIT 1000", NULL);
	if (err)
		return nerr_pass(err);
	return nerr_pass(db_rows_at(out, prefix, "Access", NULL, "SELECT ba.id, ba.building_id, "
		" u.name AS unit, ba.identity FROM building_access ba "
		"LEFT JOIN org_units u ON u.id = ba.unit_id ORDER BY ba.building_id, ba.id", NULL));
}

NEOERR *campus_inside(HDF *out, const char *prefix, long long building_id)
{
	return nerr_pass(db_rows(out, prefix, NULL,
		"SELECT p.id AS person, p.name, p.number, "
		" DATE_FORMAT(bp.since, '%Y-%m-%d %H:%i') AS since, g.name AS entrance "
		"FROM building_presence bp JOIN people p ON p.id = bp.person_id "
		"JOIN passages ps ON ps.id = bp.passage_id JOIN gates g ON g.id = ps.entrance_id "
		"WHERE bp.building_id = ? ORDER BY bp.since DESC LIMIT 500", "i", building_id));
}

NEOERR *campus_trace(HDF *out, const char *prefix, long long person_id, const char *day)
{
	return nerr_pass(db_rows(out, prefix, NULL,
		"SELECT DATE_FORMAT(ps.at, '%H:%i:%s') AS at, b.name AS building, g.name AS entrance, "
		" ps.direction, ps.result, ps.reason, ps.temperature "
		"FROM passages ps JOIN buildings b ON b.id = ps.building_id "
		"JOIN gates g ON g.id = ps.entrance_id "
		"WHERE ps.person_id = ? AND ps.at >= ? AND ps.at < ? + INTERVAL 1 DAY "
		"ORDER BY ps.at, ps.id", "iss", person_id, day, day));
}

NEOERR *campus_hours(int day, struct building_hours *b, int max, int *n, long long *peak)
{
	char d[11];
	DB_CURSOR *c = NULL;
	NEOERR *err;

	*n = 0;
	*peak = 0;
	day_format(day, d);
	err = db_query(&c, "SELECT b.name, HOUR(ps.at), SUM(ps.direction = 'in'), "
		" SUM(ps.direction = 'out') FROM passages ps JOIN buildings b ON b.id = ps.building_id "
		"WHERE ps.at >= ? AND ps.at < ? + INTERVAL 1 DAY AND ps.result = 'allow' "
		"GROUP BY b.name, HOUR(ps.at) ORDER BY b.name", "ss", d, d);
	if (err)
		return nerr_pass(err);
	while (db_next(c)) {
		const char *name = db_str(c, 0);
		int h = (int)db_int(c, 1);

		if (*n == 0 || strcmp(b[*n - 1].name, name)) {
			if (*n == max)
				break;
			memset(&b[*n], 0, sizeof b[*n]);
			db_copy(b[*n].name, sizeof b[*n].name, name);
			(*n)++;
		}
		if (h < 0 || h > 23)
			continue;
		DB_FILL(c, 2, b[*n - 1].in[h], b[*n - 1].out[h]);
		b[*n - 1].total += db_int(c, 2) + db_int(c, 3);
		if (b[*n - 1].in[h] + b[*n - 1].out[h] > *peak)
			*peak = b[*n - 1].in[h] + b[*n - 1].out[h];
	}
	db_cursor_free(&c);
	return STATUS_OK;
}

NEOERR *campus_choices(HDF *out, const char *prefix, long long person_id)
{
	return nerr_pass(db_rows(out, prefix, NULL,
		"SELECT g.id, g.name, b.name AS building, b.restricted, "
		PASSAGE_MAY_ENTER " OR EXISTS (SELECT 1 FROM temp_passes tp WHERE tp.person_id = p.id "
		" AND tp.building_id = b.id AND tp.state = 'approved' "
		" AND NOW() BETWEEN tp.valid_from AND tp.valid_until) AS may "
		"FROM gates g JOIN buildings b ON b.id = g.building_id JOIN people p ON p.id = ? "
		"WHERE g.kind = 'entrance' ORDER BY b.name, g.name LIMIT 2000", "i", person_id));
}

NEOERR *campus_person_by_number(const char *number, long long *person_id)
{
	return nerr_pass(db_scalar(person_id, NULL, "SELECT id FROM people WHERE number = ?",
				   "s", number));
}

NEOERR *campus_units(HDF *out, const char *prefix)
{
	return nerr_pass(db_rows(out, prefix, NULL,
		"SELECT u.id, u.kind, u.name, col.name AS college FROM org_units u "
		"LEFT JOIN org_units col ON col.id = u.parent_id AND u.kind = 'class' "
		"WHERE u.kind IN ('college', 'class') AND u.retired_at IS NULL "
		"ORDER BY COALESCE(col.name, u.name), u.kind = 'class', u.name LIMIT 3000", NULL));
}

NEOERR *campus_temp_form(HDF *out, const char *prefix, long long person_id)
{
	NEOERR *err;

	err = db_rows_at(out, prefix, "Building", NULL, "SELECT b.id, b.name, b.restricted FROM buildings b "
		"ORDER BY b.name LIMIT 500", NULL);
	if (err)
		return nerr_pass(err);
	err = db_rows_at(out, prefix, "Approver", NULL, "SELECT ba.building_id, p.id, p.name, b.name AS building "
		"FROM building_approvers ba JOIN people p ON p.id = ba.person_id "
		"JOIN buildings b ON b.id = ba.building_id ORDER BY b.name, p.name", NULL);
	if (err)
		return nerr_pass(err);
	return nerr_pass(db_rows_at(out, prefix, "Mine", NULL, "SELECT tp.id, b.name AS building, tp.reason, "
		" DATE_FORMAT(tp.valid_from, '%Y-%m-%d %H:%i') AS valid_from, "
		" DATE_FORMAT(tp.valid_until, '%Y-%m-%d %H:%i') AS valid_until, tp.state, "
		" COALESCE(ap.name, '') AS approver, tp.decision_reason "
		"FROM temp_passes tp JOIN buildings b ON b.id = tp.building_id "
		"LEFT JOIN people ap ON ap.id = tp.approver_id "
		"WHERE tp.person_id = ? ORDER BY tp.id DESC LIMIT 50", "i", person_id));
}

/* "HH:MM:SS" as minutes of the day. */
static int minutes_of(const char *t)
{
	return t ? atoi(t) * 60 + atoi(t + 3) : 0;
}

NEOERR *campus_slots(HDF *out, const char *prefix, const char *now, int grace)
{
	DB_CURSOR *c = NULL, *b = NULL;
	char key[128], start[20], label[12], today[11];
	int n = 0, day0;
	NEOERR *err;

	snprintf(today, sizeof today, "%.10s", now);
	day0 = day_parse(today);
	err = db_query(&c, "SELECT v.id, v.name, bl.name, v.capacity, v.slot_minutes, v.opens, v.closes "
		"FROM venues v JOIN buildings bl ON bl.id = v.building_id ORDER BY v.name LIMIT 50", NULL);
	if (err)
		return nerr_pass(err);
	while (db_next(c)) {
		long long venue = db_int(c, 0), capacity = db_int(c, 3);
		int step = (int)db_int(c, 4), opens = minutes_of(db_str(c, 5));
		int closes = minutes_of(db_str(c, 6)), m = 0;

		snprintf(key, sizeof key, "%s.%d.id", prefix, n);
		hdf_set_int_value(out, key, (int)venue);
		snprintf(key, sizeof key, "%s.%d.name", prefix, n);
		hdf_set_value(out, key, db_str(c, 1));
		snprintf(key, sizeof key, "%s.%d.building", prefix, n);
		hdf_set_value(out, key, db_str(c, 2));
		snprintf(key, sizeof key, "%s.%d.capacity", prefix, n);
		hdf_set_int_value(out, key, (int)capacity);
		snprintf(key, sizeof key, "%s.%d.slot_minutes", prefix, n);
		hdf_set_int_value(out, key, step);
		for (int d = 0; d < 2 && step > 0 && !err; d++) {
			char day[11];

			day_format(day0 + d, day);
			for (int t = opens; t + step <= closes; t += step) {
				long long left = capacity;
				bool open = false;

				snprintf(start, sizeof start, "%s %02d:%02d:00", day, t / 60, t % 60);
				err = db_query(&b, "SELECT ? + INTERVAL ? MINUTE > ?, (SELECT booked FROM "
					"venue_slots WHERE venue_id = ? AND starts_at = ?)", "sisis", start,
					(long long)grace, now, venue, start);
				if (err)
					break;
				if (db_next(b)) {
					open = db_int(b, 0) != 0;
					left = capacity - db_int(b, 1);
				}
				db_cursor_free(&b);
				if (!open)
					continue;
				snprintf(label, sizeof label, "%.5s %02d:%02d", day + 5, t / 60, t % 60);
				snprintf(key, sizeof key, "%s.%d.Slot.%d.start", prefix, n, m);
				hdf_set_value(out, key, start);
				snprintf(key, sizeof key, "%s.%d.Slot.%d.label", prefix, n, m);
				hdf_set_value(out, key, label);
				snprintf(key, sizeof key, "%s.%d.Slot.%d.left", prefix, n, m);
				hdf_set_int_value(out, key, (int)(left < 0 ? 0 : left));
				m++;
			}
		}
		if (err)
			break;
		n++;
	}
	db_cursor_free(&c);
	return nerr_pass(err);
}

NEOERR *campus_bookings(HDF *out, const char *prefix, long long person_id)
{
	return nerr_pass(db_rows(out, prefix, NULL,
		"SELECT b.id, v.name AS venue, v.building_id, "
		" DATE_FORMAT(b.starts_at, '%Y-%m-%d %H:%i') AS starts_at, "
		" DATE_FORMAT(b.ends_at, '%H:%i') AS ends_at, b.state, b.ended_how, "
		" b.state IN ('booked', 'in') AS active "
		"FROM bookings b JOIN venues v ON v.id = b.venue_id WHERE b.person_id = ? "
		"ORDER BY b.state IN ('booked', 'in') DESC, b.id DESC LIMIT 11", "i", person_id));
}

NEOERR *campus_booking_building(long long id, long long person_id, long long *building,
				bool *found)
{
	return nerr_pass(db_scalar(building, found, "SELECT v.building_id FROM bookings b "
		"JOIN venues v ON v.id = b.venue_id WHERE b.id = ? AND b.person_id = ? "
		"AND b.state IN ('booked', 'in')", "ii", id, person_id));
}

NEOERR *campus_my_leaves(HDF *out, const char *prefix, long long person_id, const char *today)
{
	return nerr_pass(db_rows(out, prefix, NULL,
		"SELECT l.id, l.starts_on, l.ends_on, l.destination, l.reason, l.state, "
		" l.decision_reason, DATE_FORMAT(l.exited_at, '%Y-%m-%d %H:%i') AS exited_at, "
		" DATE_FORMAT(l.returned_at, '%Y-%m-%d %H:%i') AS returned_at, "
		LEAVE_OVERDUE("?") " AS overdue "
		"FROM leaves l WHERE l.person_id = ? ORDER BY l.id DESC LIMIT 20", "si",
		today, person_id));
}

/* Leaves out now in scope; binds: today, the scope's id. */
#define AWAY_SELECT "SELECT l.id, p.id AS person, p.name, p.number, l.starts_on, l.ends_on, " \
	" l.destination, DATE_FORMAT(l.exited_at, '%Y-%m-%d %H:%i') AS exited_at, " \
	LEAVE_OVERDUE("?") " AS overdue FROM leaves l JOIN people p ON p.id = l.person_id"
#define AWAY_WHERE "AND l.state = 'approved' AND l.exited_at IS NOT NULL " \
	"AND l.returned_at IS NULL ORDER BY overdue DESC, l.ends_on LIMIT 200"
static const char *const away_sql[] = SCOPE_VARIANTS(AWAY_SELECT, AWAY_WHERE);

NEOERR *campus_away_leaves(HDF *out, const char *prefix, int s, long long bound,
			   const char *today, long long *overdue)
{
	HDF *rows;
	NEOERR *err = db_rows(out, prefix, NULL, away_sql[s], "si", today, bound);

	*overdue = 0;
	if (err)
		return nerr_pass(err);
	rows = hdf_get_obj(out, prefix);
	for (HDF *h = rows ? hdf_obj_child(rows) : NULL; h; h = hdf_obj_next(h))
		if (!strcmp(hdf_get_value(h, "overdue", "0"), "1"))
			(*overdue)++;
	return STATUS_OK;
}

/* ---- ID photos ------------------------------------------------------------ */

static const char *const photos_sql[] = SCOPE_VARIANTS(
	"SELECT ph.id, p.id AS person, p.name, p.number, ph.width, ph.height, "
	" DATE_FORMAT(ph.uploaded_at, '%Y-%m-%d %H:%i') AS uploaded "
	"FROM photos ph JOIN people p ON p.id = ph.person_id",
	"AND ph.state = 'active' ORDER BY ph.uploaded_at DESC, ph.id DESC LIMIT 200");

NEOERR *campus_photos(HDF *out, const char *prefix, int s, long long bound)
{
	return nerr_pass(db_rows(out, prefix, NULL, photos_sql[s], "i", bound));
}

NEOERR *campus_my_photo(HDF *out, const char *prefix, long long person_id)
{
	return nerr_pass(db_row(out, prefix, NULL, "SELECT id, state, reject_reason, width, height, "
		" DATE_FORMAT(uploaded_at, '%Y-%m-%d %H:%i') AS uploaded, "
		" DATE_FORMAT(rejected_at, '%Y-%m-%d %H:%i') AS rejected "
		"FROM photos WHERE person_id = ? AND state <> 'replaced' ORDER BY id DESC LIMIT 1",
		"i", person_id));
}

/* ---- commute reports (走读报备) ------------------------------------------------ */

NEOERR *campus_my_commutes(HDF *out, const char *prefix, long long person_id, const char *today)
{
	char key[96];
	NEOERR *err;

	snprintf(key, sizeof key, "%s.Me", prefix);
	err = db_row(out, key, NULL, "SELECT boarding FROM people WHERE id = ?", "i", person_id);
	if (err)
		return nerr_pass(err);
	return nerr_pass(db_rows_at(out, prefix, "Mine", NULL, "SELECT c.id, c.address, c.valid_from, "
		" c.valid_until, c.reason, c.state, c.decision_reason, "
		" c.state = 'approved' AND ? BETWEEN c.valid_from AND c.valid_until AS valid, "
		" c.state = 'approved' AND c.valid_until < ? AS expired "
		"FROM commutes c WHERE c.person_id = ? ORDER BY c.id DESC LIMIT 20", "ssi",
		today, today, person_id));
}
