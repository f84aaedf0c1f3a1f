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

/* A list one read gives among others (a UNION ALL whose column 0 says
 * which list a row is of): its name and its columns' names. */
struct part {
	const char *list;
	const char *cols[8];
};

/* The row under parent.<list>.<*count> (then counted), its columns from
 * `first` on by the part's names; NULLs left out, as db_rows() does. */
static NEOERR *part_row(DB_CURSOR *c, const struct part *p, int first, HDF *parent, int *count)
{
	char key[64];
	HDF *node;
	NEOERR *err;

	snprintf(key, sizeof key, "%s.%d", p->list, (*count)++);
	err = hdf_get_node(parent, key, &node);
	for (int k = 0; err == STATUS_OK && k < 8 && p->cols[k]; k++)
		if (db_str(c, first + k))
			err = hdf_set_value(node, p->cols[k], db_str(c, first + k));
	return nerr_pass(err);
}

/* What hangs under an application (column 1: which application). */
static const struct part app_parts[] = {
	{ "Review", { "stage", "decision", "reviewer", "decided_at", "reason" } },
	{ "Leg", { "seq", "mode", "number", "day", "from_place", "to_place" } },
	{ "Upload", { "id", "kind", "filename", "size", "uploaded_at", "dup_reason" } },
};

NEOERR *person_applications(HDF *out, const char *prefix, int person_id)
{
	HDF *app[20];
	int n = 0, count[20][3] = { { 0 } };
	DB_CURSOR *c = NULL;
	char key[64];
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
	if (err || n == 0)
		return nerr_pass(err);
	for (int i = 0; i < n; i++) {
		snprintf(key, sizeof key, "%s.%d", prefix, i);
		app[i] = hdf_get_obj(out, key);
	}
	/* Every review with who took it, travel leg and upload of the
	 * person's applications in one read, each list in its order
	 * (decisions and uploads by time, legs by their number). */
	err = db_query(&c,
		"SELECT 0 AS part, r.application_id, r.stage, r.decision, u.name, "
		" DATE_FORMAT(r.decided_at, '%Y-%m-%d %H:%i'), r.reason, NULL, "
		" UNIX_TIMESTAMP(r.decided_at) AS o1, r.id AS o2 "
		"FROM reviews r LEFT JOIN people u ON u.id = r.reviewer_id "
		"JOIN return_applications a ON a.id = r.application_id WHERE a.person_id = ? "
		"UNION ALL SELECT 1, l.application_id, l.seq, l.mode, l.number, l.day, "
		" l.from_place, l.to_place, l.seq, 0 FROM travel_legs l "
		"JOIN return_applications a ON a.id = l.application_id WHERE a.person_id = ? "
		"UNION ALL SELECT 2, f.application_id, f.id, f.kind, f.filename, f.size, "
		" DATE_FORMAT(f.uploaded_at, '%Y-%m-%d %H:%i'), f.dup_reason, "
		" UNIX_TIMESTAMP(f.uploaded_at), f.id FROM uploads f "
		"JOIN return_applications a ON a.id = f.application_id WHERE a.person_id = ? "
		"ORDER BY part, 2, o1, o2", "iii", (long long)person_id, (long long)person_id,
		(long long)person_id);
	if (err)
		return nerr_pass(err);
	while (err == STATUS_OK && db_next(c)) {
		int part = (int)db_int(c, 0), i;
		long long id = db_int(c, 1);

		for (i = 0; i < n && hdf_get_int_value(app[i], "id", 0) != id; i++)
			;
		if (i == n || part < 0 || part > 2 || count[i][part] >= PERSON_MAX_ROWS)
			continue;    /* an application past the 20 listed */
		err = part_row(c, &app_parts[part], 2, app[i], &count[i][part]);
	}
	db_cursor_free(&c);
	return nerr_pass(err);
}

/* The record's other lists (column 1 on). */
static const struct part record_parts[] = {
	{ "Makeup", { "id", "day", "reason", "state", "created_at", "decided_by", "decided_at",
		      "decision_reason" } },
	{ "Arrival", { "kind", "at", "gate", "scanned_by", "boarding", "term" } },
	{ "Message", { "kind", "body", "at", "read_at" } },
	{ "Audit", { "at", "actor", "actor_number", "action", "object_kind", "object_id",
		     "detail" } },
};

NEOERR *person_lists(HDF *out, const char *prefix, int person_id)
{
	int count[4] = { 0 };
	DB_CURSOR *c = NULL;
	HDF *parent;
	NEOERR *err;

	err = hdf_get_node(out, prefix, &parent);
	if (err)
		return nerr_pass(err);
	/* One read, each list bounded and in its own order (k1, k2 latest
	 * first): make-ups by day, arrivals by time, messages as sent, the
	 * audit rows whose subject is the person by time. */
	err = db_query(&c,
		"(SELECT 0 AS part, m.id, m.day, m.reason, m.state, "
		"  DATE_FORMAT(m.created_at, '%Y-%m-%d %H:%i'), u.name, "
		"  DATE_FORMAT(m.decided_at, '%Y-%m-%d %H:%i'), m.decision_reason, "
		"  TO_DAYS(m.day) AS k1, m.id AS k2 "
		" FROM makeup_requests m LEFT JOIN people u ON u.id = m.decided_by "
		" WHERE m.person_id = ? ORDER BY m.day DESC, m.id DESC" LIMIT_ROWS ") "
		"UNION ALL (SELECT 1, a.kind, DATE_FORMAT(a.at, '%Y-%m-%d %H:%i'), g.name, s.name, "
		"  a.boarding, t.name, NULL, NULL, UNIX_TIMESTAMP(a.at), a.id "
		" FROM arrivals a JOIN terms t ON t.id = a.term_id "
		" LEFT JOIN gates g ON g.id = a.gate_id LEFT JOIN people s ON s.id = a.scanned_by "
		" WHERE a.person_id = ? ORDER BY a.at DESC" LIMIT_ROWS ") "
		"UNION ALL (SELECT 2, kind, body, DATE_FORMAT(created_at, '%Y-%m-%d %H:%i'), "
		"  DATE_FORMAT(read_at, '%Y-%m-%d %H:%i'), NULL, NULL, NULL, NULL, id, 0 "
		" FROM messages WHERE person_id = ? ORDER BY id DESC" LIMIT_ROWS ") "
		"UNION ALL (SELECT 3, DATE_FORMAT(a.at, '%Y-%m-%d %H:%i'), u.name, u.number, "
		"  a.action, a.object_kind, a.object_id, a.detail, NULL, UNIX_TIMESTAMP(a.at), a.id "
		" FROM audit_log a LEFT JOIN people u ON u.id = a.actor_id "
		" WHERE a.subject_person_id = ? ORDER BY a.at DESC, a.id DESC" LIMIT_ROWS ") "
		"ORDER BY part, k1 DESC, k2 DESC",
		"iiii", (long long)person_id, (long long)person_id, (long long)person_id,
		(long long)person_id);
	if (err)
		return nerr_pass(err);
	while (err == STATUS_OK && db_next(c)) {
		int part = (int)db_int(c, 0);

		if (part >= 0 && part < 4)
			err = part_row(c, &record_parts[part], 1, parent, &count[part]);
	}
	db_cursor_free(&c);
	return nerr_pass(err);
}
