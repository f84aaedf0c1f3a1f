/* registers.c - see registers.h. */
#include "read/registers.h"
#include "domain/scope.h"
#include "core/db.h"

NEOERR *exempt_list(HDF *out, const char *prefix, const char *today)
{
	return nerr_pass(db_rows(out, prefix, NULL,
		"SELECT e.id, e.kind, e.status, cls.name AS class, p.name AS person, "
		" p.number, e.reason, e.starts_on, e.ends_on, cb.name AS created_by, "
		" DATE_FORMAT(e.created_at, '%Y-%m-%d %H:%i') AS created_at, eb.name AS ended_by, "
		" DATE_FORMAT(e.ended_at, '%Y-%m-%d %H:%i') AS ended_at, "
		" (e.ended_at IS NULL AND e.starts_on <= ? AND (e.ends_on IS NULL OR e.ends_on >= ?)) "
		"  AS current, "
		" CASE e.kind WHEN 'person' THEN 1 "
		"  WHEN 'class' THEN (SELECT COUNT(*) FROM people x WHERE x.class_id = e.class_id) "
		"  ELSE (SELECT COUNT(*) FROM people x WHERE x.status = e.status) END AS people "
		"FROM checkin_exemptions e "
		"LEFT JOIN org_units cls ON cls.id = e.class_id "
		"LEFT JOIN people p ON p.id = e.person_id "
		"LEFT JOIN people cb ON cb.id = e.created_by "
		"LEFT JOIN people eb ON eb.id = e.ended_by "
		"ORDER BY e.ended_at IS NOT NULL, e.id DESC LIMIT 200", "ss", today, today));
}

NEOERR *roster_list(HDF *out, const char *prefix, int term)
{
	NEOERR *err;

	err = db_rows_at(out, prefix, "Terms", NULL,
		"SELECT name, starts_on, ends_on FROM terms ORDER BY starts_on DESC LIMIT 20", NULL);
	if (err)
		return nerr_pass(err);
	return nerr_pass(db_rows_at(out, prefix, "Batch", NULL,
		"SELECT b.id, b.name, b.return_from, b.return_until, COUNT(re.id) AS people "
		"FROM return_batches b LEFT JOIN roster_entries re ON re.batch_id = b.id "
		"WHERE b.term_id = ? GROUP BY b.id ORDER BY b.return_from", "i", (long long)term));
}

#define LIST_SELECT "SELECT p.number, p.name, col.name AS college, " \
	" DATE_FORMAT(ct.sampled_at, '%Y-%m-%d %H:%i') AS sampled_at, ct.result, ct.source, " \
	" r.name AS recorded_by, DATE_FORMAT(ct.recorded_at, '%Y-%m-%d %H:%i') AS recorded_at " \
	"FROM central_tests ct JOIN people p ON p.id = ct.person_id " \
	"LEFT JOIN org_units col ON col.id = p.college_id " \
	"LEFT JOIN people r ON r.id = ct.recorded_by"
#define LIST_ORDER "ORDER BY ct.recorded_at DESC, ct.id DESC LIMIT 100"

NEOERR *ctest_list(const struct actor *a, HDF *out, const char *prefix)
{
	static const char *const sql[] = SCOPE_VARIANTS(LIST_SELECT, LIST_ORDER);
	long long bound = 1;
	enum scope_kind k = scope_kind_of(a, &bound);

	if (!(a->roles & R_ADMIN) && (a->roles & R_COLLEGE_ADMIN) && a->admin_college_id) {
		k = SCOPE_COLLEGE;
		bound = a->admin_college_id;
	}
	return nerr_pass(db_rows(out, prefix, NULL, sql[k], "i", bound));
}

NEOERR *purge_runs_list(HDF *out, const char *prefix)
{
	return nerr_pass(db_rows(out, prefix, NULL,
		"SELECT r.id, DATE_FORMAT(r.started_at, '%Y-%m-%d %H:%i:%s') AS started_at, "
		" DATE_FORMAT(r.finished_at, '%Y-%m-%d %H:%i:%s') AS finished_at, r.dry_run, r.run_by, "
		" COALESCE((SELECT SUM(l.rows_n) FROM purge_lines l WHERE l.run_id = r.id), 0) AS rows_n "
		"FROM purge_runs r ORDER BY r.id DESC LIMIT 50", NULL));
}

NEOERR *purge_run_load(HDF *out, const char *prefix, long long id, bool *found)
{
	NEOERR *err = db_row(out, prefix, found,
		"SELECT id, DATE_FORMAT(started_at, '%Y-%m-%d %H:%i:%s') AS started_at, "
		" DATE_FORMAT(finished_at, '%Y-%m-%d %H:%i:%s') AS finished_at, dry_run, run_by "
		"FROM purge_runs WHERE id = ?", "i", id);

	if (err || !*found)
		return nerr_pass(err);
	return nerr_pass(db_rows_at(out, prefix, "Line", NULL,
		"SELECT kind, term_id, term_name, rule_days, rows_n, files_n FROM purge_lines "
		"WHERE run_id = ? ORDER BY FIELD(kind, 'reports', 'location', 'uploads', 'arrivals', "
		" 'messages', 'audit'), term_id", "i", id));
}
