/* collect.c - see collect.h. */
#include "read/collect.h"
#include "core/db.h"

NEOERR *guest_list(HDF *out, const char *prefix, const struct actor *a, const char *today)
{
	long long me = a->person_id, admin = (a->roles & R_ADMIN) != 0;
	long long college = (a->roles & R_REVIEWER) ? a->reviewer_college_id : 0;

	return nerr_pass(db_rows(out, prefix, NULL,
		"SELECT g.id, g.name, g.kind, g.id_type, g.nationality, g.counselor_id AS `group`, "
		" CONCAT(LEFT(g.id_number, 2), REPEAT('*', GREATEST(CHAR_LENGTH(g.id_number) - 4, 1)), "
		"  RIGHT(g.id_number, 2)) AS id_masked, c.name AS group_name, "
		" DATE_FORMAT(r.declared_at, '%H:%i') AS at, r.anomaly_flags AS flags, "
		" r.temperature, db.name AS declared_by, "
		" (SELECT MAX(o.day) FROM guest_reports o WHERE o.guest_id = g.id) AS last_day, "
		" ((g.counselor_id = ? AND ? <> 0) OR EXISTS (SELECT 1 FROM guest_collectors gc "
		"  WHERE gc.counselor_id = g.counselor_id AND gc.collector_id = ?)) AS may "
		"FROM guests g JOIN people c ON c.id = g.counselor_id "
		"LEFT JOIN guest_reports r ON r.guest_id = g.id AND r.day = ? "
		"LEFT JOIN people db ON db.id = r.declared_by "
		"WHERE ? <> 0 OR g.college_id = ? OR g.counselor_id = ? "
		" OR g.counselor_id IN (SELECT counselor_id FROM guest_collectors WHERE collector_id = ?) "
		"ORDER BY c.name, g.counselor_id, g.name, g.id LIMIT 1000",
		"iiisiiii", me, (long long)((a->roles & R_COUNSELOR) != 0), me, today, admin,
		college, me, me));
}

NEOERR *guest_groups(HDF *out, const char *prefix, const struct actor *a, int *n)
{
	return nerr_pass(db_rows(out, prefix, n,
		"SELECT p.id, p.name FROM people p WHERE p.id = ? AND ? <> 0 "
		"UNION ALL "
		"SELECT p.id, p.name FROM guest_collectors gc JOIN people p ON p.id = gc.counselor_id "
		"WHERE gc.collector_id = ? AND gc.counselor_id <> ?",
		"iiii", (long long)a->person_id, (long long)((a->roles & R_COUNSELOR) != 0),
		(long long)a->person_id, (long long)a->person_id));
}

NEOERR *guest_collectors(HDF *out, const char *prefix, int counselor)
{
	return nerr_pass(db_rows(out, prefix, NULL,
		"SELECT p.id, p.name, p.number, DATE_FORMAT(gc.named_at, '%Y-%m-%d %H:%i') AS named_at "
		"FROM guest_collectors gc JOIN people p ON p.id = gc.collector_id "
		"WHERE gc.counselor_id = ? ORDER BY p.number", "i", (long long)counselor));
}

NEOERR *proxy_list_named(HDF *out, const char *prefix, const char *past, int student)
{
	NEOERR *err = db_rows(out, prefix, NULL,
		"SELECT f.id, p.name, p.number, f.relation, "
		" DATE_FORMAT(f.named_at, '%Y-%m-%d %H:%i') AS named_at "
		"FROM proxy_fillers f JOIN people p ON p.id = f.filler_id "
		"WHERE f.student_id = ? AND f.revoked_at IS NULL ORDER BY f.id", "i",
		(long long)student);

	if (err)
		return nerr_pass(err);
	return nerr_pass(db_rows(out, past, NULL,
		"SELECT f.id, p.name, p.number, f.relation, "
		" DATE_FORMAT(f.named_at, '%Y-%m-%d %H:%i') AS named_at, "
		" DATE_FORMAT(f.revoked_at, '%Y-%m-%d %H:%i') AS revoked_at "
		"FROM proxy_fillers f JOIN people p ON p.id = f.filler_id "
		"WHERE f.student_id = ? AND f.revoked_at IS NOT NULL ORDER BY f.id DESC LIMIT 20",
		"i", (long long)student));
}

NEOERR *proxy_list_for(HDF *out, const char *prefix, int filler, const char *today)
{
	return nerr_pass(db_rows(out, prefix, NULL,
		"SELECT s.id, s.name, s.number, f.relation, "
		" DATE_FORMAT(d.submitted_at, '%H:%i') AS at, fb.name AS filler "
		"FROM proxy_fillers f JOIN people s ON s.id = f.student_id "
		"LEFT JOIN daily_reports d ON d.person_id = s.id AND d.day = ? "
		"LEFT JOIN people fb ON fb.id = d.filled_by "
		"WHERE f.filler_id = ? AND f.revoked_at IS NULL ORDER BY s.number", "si",
		today, (long long)filler));
}
