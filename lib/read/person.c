/* person.c - see person.h. One statement per list, each bounded. */
#include "read/person.h"
#include "core/db.h"
#include "core/days.h"

#include <string.h>

#include <stdio.h>

#define LIMIT_ROWS " LIMIT 200"

NEOERR *person_load(HDF *out, const char *prefix, int person_id,
		   struct subject *s, bool *found)
{
	HDF *p;
	NEOERR *err;

	/* One read: the person, who they belong to (for the scope check)
	 * and their basic info, under Basic (absent until filled). */
	err = db_row(out, prefix, found,
		"SELECT p.id, p.number, p.name, p.identity, p.status, col.name AS college, "
		" cls.name AS class, c.name AS counselor, p.phone, p.boarding, p.dorm, "
		" p.college_id, ca.counselor_id, "
		" b.phone AS `Basic.phone`, b.home_address AS `Basic.home_address`, "
		" b.emergency_contact AS `Basic.emergency_contact`, "
		" b.emergency_phone AS `Basic.emergency_phone`, b.boarding AS `Basic.boarding`, "
		" b.dorm AS `Basic.dorm`, "
		" DATE_FORMAT(b.filled_at, '%Y-%m-%d %H:%i') AS `Basic.filled_at`, "
		" u.name AS `Basic.updated_by`, "
		" DATE_FORMAT(b.updated_at, '%Y-%m-%d %H:%i') AS `Basic.updated_at` "
		"FROM people p LEFT JOIN org_units col ON col.id = p.college_id "
		"LEFT JOIN org_units cls ON cls.id = p.class_id "
		"LEFT JOIN counselor_assignments ca ON ca.student_id = p.id "
		"LEFT JOIN people c ON c.id = ca.counselor_id "
		"LEFT JOIN basic_info b ON b.person_id = p.id "
		"LEFT JOIN people u ON u.id = b.updated_by WHERE p.id = ?",
		"i", (long long)person_id);
	*s = (struct subject){ 0 };
	if (err || !*found)
		return nerr_pass(err);
	p = hdf_get_obj(out, prefix);
	s->person_id = hdf_get_int_value(p, "id", 0);
	s->college_id = hdf_get_int_value(p, "college_id", 0);
	s->counselor_id = hdf_get_int_value(p, "counselor_id", 0);
	s->staff = !strcmp(hdf_get_value(p, "identity", ""), "staff");
	return STATUS_OK;
}

NEOERR *person_reports(HDF *out, const char *prefix, int person_id, int to,
		      int max, int *n, bool *more)
{
	char d[11], key[96];
	NEOERR *err;

	day_format(to, d);
	err = db_rows(out, prefix, n,
		"SELECT d.id, d.day, DATE_FORMAT(d.submitted_at, '%Y-%m-%d %H:%i') AS at, "
		" d.temperature, d.symptoms, d.city, d.in_city, d.in_city_days, d.on_campus, "
		" d.abroad, d.location_changed, d.risk_area_14d, d.cohabitant_returned, "
		" d.returned_to_city, d.quarantine, d.diagnosis, d.other_abnormal, d.anomaly, "
		" d.anomaly_flags, d.anomaly_state, d.data_changed, d.is_makeup, "
		" IF(d.bulk_filled_by IS NULL, NULL, 1) AS bulk, "
		" f.name AS filled_by, bf.name AS bulk_by, v.name AS verified_by, "
		" DATE_FORMAT(d.verified_at, '%Y-%m-%d %H:%i') AS verified_at, d.verify_reason, "
		" pos.lat AS geo_lat, pos.lon AS geo_lon, ROUND(pos.accuracy_m) AS geo_accuracy, "
		" (SELECT 1 FROM report_answers ra WHERE ra.report_id = d.id LIMIT 1) AS has_answers "
		"FROM daily_reports d LEFT JOIN people f ON f.id = d.filled_by "
		"LEFT JOIN people bf ON bf.id = d.bulk_filled_by "
		"LEFT JOIN report_positions pos ON pos.report_id = d.id "
		"LEFT JOIN people v ON v.id = d.verified_by "
		"WHERE d.person_id = ? AND d.day <= ? ORDER BY d.day DESC LIMIT ?",
		"isi", (long long)person_id, d, (long long)max + 1);
	*more = err == STATUS_OK && *n > max;
	if (*more) {
		/* The row past the page only told that there are more. */
		snprintf(key, sizeof key, "%s.%d", prefix, max);
		hdf_remove_tree(out, key);
		*n = max;
	}
	return nerr_pass(err);
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
