/* person.c - see person.h. One statement per list, each bounded. */
#include "read/person.h"
#include "core/db.h"
#include "domain/exempt.h"
#include "core/days.h"

#include <string.h>

#include <stdio.h>

#define LIMIT_ROWS " LIMIT 200"

NEOERR *person_load(HDF *out, const char *prefix, int person_id, bool *found)
{
	char key[96];
	NEOERR *err;

	err = db_row(out, prefix, found,
		"SELECT p.id, p.number, p.name, p.identity, p.status, col.name AS college, "
		" cls.name AS class, c.name AS counselor, p.phone, p.boarding, p.dorm "
		"FROM people p LEFT JOIN org_units col ON col.id = p.college_id "
		"LEFT JOIN org_units cls ON cls.id = p.class_id "
		"LEFT JOIN counselor_assignments ca ON ca.student_id = p.id "
		"LEFT JOIN people c ON c.id = ca.counselor_id WHERE p.id = ?",
		"i", (long long)person_id);
	if (err || !*found)
		return nerr_pass(err);
	snprintf(key, sizeof key, "%s.Basic", prefix);
	return nerr_pass(db_row(out, key, NULL,
		"SELECT b.phone, b.home_address, b.emergency_contact, b.emergency_phone, "
		" b.boarding, b.dorm, DATE_FORMAT(b.filled_at, '%Y-%m-%d %H:%i') AS filled_at, "
		" u.name AS updated_by, DATE_FORMAT(b.updated_at, '%Y-%m-%d %H:%i') AS updated_at "
		"FROM basic_info b LEFT JOIN people u ON u.id = b.updated_by WHERE b.person_id = ?",
		"i", (long long)person_id));
}

NEOERR *person_reports(HDF *out, const char *prefix, int person_id, int *n)
{
	return nerr_pass(db_rows(out, prefix, n,
		"SELECT d.id, d.day, DATE_FORMAT(d.submitted_at, '%Y-%m-%d %H:%i') AS at, "
		" d.temperature, d.symptoms, d.city, d.in_city, d.in_city_days, d.on_campus, "
		" d.abroad, d.location_changed, d.risk_area_14d, d.cohabitant_returned, "
		" d.returned_to_city, d.quarantine, d.diagnosis, d.other_abnormal, d.anomaly, "
		" d.anomaly_flags, d.anomaly_state, d.data_changed, d.is_makeup, "
		" IF(d.bulk_filled_by IS NULL, NULL, 1) AS bulk, "
		" f.name AS filled_by, bf.name AS bulk_by, v.name AS verified_by, "
		" DATE_FORMAT(d.verified_at, '%Y-%m-%d %H:%i') AS verified_at, d.verify_reason, "
		" pos.lat AS geo_lat, pos.lon AS geo_lon, ROUND(pos.accuracy_m) AS geo_accuracy "
		"FROM daily_reports d LEFT JOIN people f ON f.id = d.filled_by "
		"LEFT JOIN people bf ON bf.id = d.bulk_filled_by "
		"LEFT JOIN report_positions pos ON pos.report_id = d.id "
		"LEFT JOIN people v ON v.id = d.verified_by "
		"WHERE d.person_id = ? ORDER BY d.day DESC" LIMIT_ROWS, "i", (long long)person_id));
}

/* The calendar by the database, for a record whose lists are cut inside
 * the calendar's days (more than PERSON_MAX_ROWS rows after its first day:
 * not a real person's, but the page must still say the truth). */
static NEOERR *calendar_sql(HDF *out, const char *prefix, int person_id,
			    const char *from, const char *to, const char *today)
{
	return nerr_pass(db_rows(out, prefix, NULL,
		"WITH RECURSIVE days(d) AS (SELECT CAST(? AS DATE) "
		"  UNION ALL SELECT d + INTERVAL 1 DAY FROM days WHERE d < ?) "
		"SELECT days.d AS day, "
		" CASE WHEN dr.anomaly_state = 'sent_back' THEN 'sent_back' "
		"      WHEN dr.id IS NOT NULL AND dr.bulk_filled_by IS NOT NULL THEN 'bulk' "
		"      WHEN dr.id IS NOT NULL AND dr.is_makeup THEN 'made_up' "
		"      WHEN dr.id IS NOT NULL THEN 'done' "
		"      WHEN " EXEMPT_ON("days.d") " THEN 'exempt' "
		"      WHEN days.d = ? THEN 'today' "
		"      WHEN mr.state = 'pending' THEN 'pending' "
		"      WHEN mr.state = 'approved' THEN 'approved' "
		"      ELSE 'missed' END AS state "
		"FROM days JOIN people p ON p.id = ? "
		"LEFT JOIN daily_reports dr ON dr.person_id = p.id AND dr.day = days.d "
		"LEFT JOIN makeup_requests mr ON mr.person_id = p.id AND mr.open_day = days.d "
		"ORDER BY days.d DESC", "sssi", from, to, today, (long long)person_id));
}

/* True when a list of PERSON_MAX_ROWS rows, latest day first, may have
 * left out rows of days from `from` on. */
static bool list_cut_after(HDF *list, int from)
{
	HDF *last = NULL;
	int n = 0;

	for (HDF *h = list ? hdf_obj_child(list) : NULL; h; h = hdf_obj_next(h)) {
		last = h;
		n++;
	}
	return n >= PERSON_MAX_ROWS && day_or_0(hdf_get_value(last, "day", NULL)) >= from;
}

NEOERR *person_calendar(HDF *out, const char *prefix, int person_id,
			const char *reports, const char *makeups,
			int from, int to, int today)
{
	HDF *rep = hdf_get_obj(out, reports), *mk = hdf_get_obj(out, makeups);
	const char *state[CALENDAR_MAX_DAYS];
	DB_CURSOR *c = NULL;
	char key[96], d[11], t[11];
	NEOERR *err;

	if (to - from + 1 > CALENDAR_MAX_DAYS || to < from)
		return nerr_raise(NERR_ASSERT, "calendar of %d days", to - from + 1);
	if (list_cut_after(rep, from) || list_cut_after(mk, from)) {
		day_format(from, d);
		day_format(to, t);
		day_format(today, key);
		return nerr_pass(calendar_sql(out, prefix, person_id, d, t, key));
	}
	/* The states of /checkin/calendar, in its order: a report (sent back,
	 * quick-filled, made up, done), then the days nothing was asked,
	 * today, an open make-up request, else missed. */
	for (int i = 0; i <= to - from; i++)
		state[i] = NULL;
	for (HDF *h = rep ? hdf_obj_child(rep) : NULL; h; h = hdf_obj_next(h)) {
		int day = day_or_0(hdf_get_value(h, "day", NULL));
		if (day < from || day > to)
			continue;
		if (!strcmp(hdf_get_value(h, "anomaly_state", ""), "sent_back"))
			state[day - from] = "sent_back";
		else if (hdf_get_value(h, "bulk", NULL))
			state[day - from] = "bulk";
		else if (!strcmp(hdf_get_value(h, "is_makeup", "0"), "1"))
			state[day - from] = "made_up";
		else
			state[day - from] = "done";
	}
	day_format(from, d);
	day_format(to, t);
	err = db_query(&c, "SELECT e.starts_on, e.ends_on FROM checkin_exemptions e "
		"JOIN people p ON p.id = ? WHERE " EXEMPT_NAMES " AND e.starts_on <= ? "
		" AND (e.ends_on IS NULL OR e.ends_on >= ?)", "iss", (long long)person_id, t, d);
	if (err)
		return nerr_pass(err);
	while (db_next(c)) {
		int a = day_or_0(db_str(c, 0)), b = db_str(c, 1) ? day_or_0(db_str(c, 1)) : to;
		for (int day = a < from ? from : a; day <= b && day <= to; day++)
			if (state[day - from] == NULL)
				state[day - from] = "exempt";
	}
	db_cursor_free(&c);
	if (today >= from && today <= to && state[today - from] == NULL)
		state[today - from] = "today";
	/* An open request (pending or approved) is at most one a day. */
	for (HDF *h = mk ? hdf_obj_child(mk) : NULL; h; h = hdf_obj_next(h)) {
		int day = day_or_0(hdf_get_value(h, "day", NULL));
		const char *st = hdf_get_value(h, "state", "");
		if (day < from || day > to || state[day - from] != NULL)
			continue;
		if (!strcmp(st, "pending"))
			state[day - from] = "pending";
		else if (!strcmp(st, "approved"))
			state[day - from] = "approved";
	}
	for (int day = to, i = 0; day >= from; day--, i++) {
		HDF *node;

		snprintf(key, sizeof key, "%s.%d", prefix, i);
		err = hdf_get_node(out, key, &node);
		if (err == STATUS_OK) {
			day_format(day, d);
			err = hdf_set_value(node, "day", d);
		}
		if (err == STATUS_OK)
			err = hdf_set_value(node, "state",
					    state[day - from] ? state[day - from] : "missed");
		if (err)
			return nerr_pass(err);
	}
	return STATUS_OK;
}

NEOERR *person_makeups(HDF *out, const char *prefix, int person_id)
{
	return nerr_pass(db_rows(out, prefix, NULL,
		"SELECT m.id, m.day, m.reason, m.state, "
		" DATE_FORMAT(m.created_at, '%Y-%m-%d %H:%i') AS created_at, u.name AS decided_by, "
		" DATE_FORMAT(m.decided_at, '%Y-%m-%d %H:%i') AS decided_at, m.decision_reason "
		"FROM makeup_requests m LEFT JOIN people u ON u.id = m.decided_by "
		"WHERE m.person_id = ? ORDER BY m.day DESC, m.id DESC" LIMIT_ROWS,
		"i", (long long)person_id));
}

NEOERR *person_applications(HDF *out, const char *prefix, int person_id)
{
	char key[96];
	int n = 0;
	NEOERR *err;

	err = db_rows(out, prefix, &n,
		"SELECT a.id, t.name AS term, a.state, a.reason, a.itinerary, "
		" DATE_FORMAT(a.quiz_passed_at, '%Y-%m-%d %H:%i') AS quiz_passed_at, "
		" DATE_FORMAT(a.pledge_accepted_at, '%Y-%m-%d %H:%i') AS pledge_accepted_at, "
		" DATE_FORMAT(a.submitted_at, '%Y-%m-%d %H:%i') AS submitted_at, "
		" a.allowed_from, a.allowed_until, a.needs_pickup, a.tested_locally, "
		" a.sent_back_stage, a.sent_back_reason, a.confirm_no_symptoms, a.confirm_no_risk, "
		" a.confirm_no_contact, a.confirm_code_green "
		"FROM return_applications a JOIN terms t ON t.id = a.term_id "
		"WHERE a.person_id = ? ORDER BY t.starts_on DESC, a.id DESC LIMIT 20",
		"i", (long long)person_id);
	for (int i = 0; err == STATUS_OK && i < n; i++) {
		snprintf(key, sizeof key, "%s.%d.id", prefix, i);
		long long app = hdf_get_int_value(out, key, 0);

		snprintf(key, sizeof key, "%s.%d.Review", prefix, i);
		err = db_rows(out, key, NULL,
			"SELECT r.stage, r.decision, u.name AS reviewer, "
			" DATE_FORMAT(r.decided_at, '%Y-%m-%d %H:%i') AS decided_at, r.reason "
			"FROM reviews r LEFT JOIN people u ON u.id = r.reviewer_id "
			"WHERE r.application_id = ? ORDER BY r.decided_at, r.id" LIMIT_ROWS,
			"i", app);
		if (err)
			break;
		snprintf(key, sizeof key, "%s.%d.Leg", prefix, i);
		err = db_rows(out, key, NULL,
			"SELECT seq, mode, number, day, from_place, to_place FROM travel_legs "
			"WHERE application_id = ? ORDER BY seq" LIMIT_ROWS, "i", app);
		if (err)
			break;
		snprintf(key, sizeof key, "%s.%d.Upload", prefix, i);
		err = db_rows(out, key, NULL,
			"SELECT id, kind, filename, size, "
			" DATE_FORMAT(uploaded_at, '%Y-%m-%d %H:%i') AS uploaded_at, dup_reason "
			"FROM uploads WHERE application_id = ? ORDER BY uploaded_at, id" LIMIT_ROWS,
			"i", app);
	}
	return nerr_pass(err);
}

NEOERR *person_arrivals(HDF *out, const char *prefix, int person_id)
{
	return nerr_pass(db_rows(out, prefix, NULL,
		"SELECT a.kind, DATE_FORMAT(a.at, '%Y-%m-%d %H:%i') AS at, g.name AS gate, "
		" s.name AS scanned_by, a.boarding, t.name AS term "
		"FROM arrivals a JOIN terms t ON t.id = a.term_id "
		"LEFT JOIN gates g ON g.id = a.gate_id LEFT JOIN people s ON s.id = a.scanned_by "
		"WHERE a.person_id = ? ORDER BY a.at DESC" LIMIT_ROWS, "i", (long long)person_id));
}

NEOERR *person_messages(HDF *out, const char *prefix, int person_id)
{
	return nerr_pass(db_rows(out, prefix, NULL,
		"SELECT kind, body, DATE_FORMAT(created_at, '%Y-%m-%d %H:%i') AS at, "
		" DATE_FORMAT(read_at, '%Y-%m-%d %H:%i') AS read_at "
		"FROM messages WHERE person_id = ? ORDER BY id DESC" LIMIT_ROWS,
		"i", (long long)person_id));
}

NEOERR *person_audit(HDF *out, const char *prefix, int person_id)
{
	return nerr_pass(db_rows(out, prefix, NULL,
		"SELECT DATE_FORMAT(a.at, '%Y-%m-%d %H:%i') AS at, u.name AS actor, "
		" u.number AS actor_number, a.action, a.object_kind, a.object_id, a.detail "
		"FROM audit_log a LEFT JOIN people u ON u.id = a.actor_id "
		"WHERE a.subject_person_id = ? ORDER BY a.at DESC, a.id DESC" LIMIT_ROWS,
		"i", (long long)person_id));
}
