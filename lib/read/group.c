/* group.c - see group.h. */
#include "read/group.h"
#include "core/db.h"
#include "domain/exempt.h"

/* The group's members: people p assigned to the counselor (first ?) and,
 * unless the second and third ? are 0, of that class. */
#define MEMBERS \
	" p.id IN (SELECT student_id FROM counselor_assignments WHERE counselor_id = ?) " \
	" AND (? = 0 OR p.class_id = ?) "

NEOERR *group_classes(HDF *out, const char *prefix, int counselor)
{
	return nerr_pass(db_rows(out, prefix, NULL,
		"SELECT o.id, o.name, o.code FROM counselor_classes cc "
		"JOIN org_units o ON o.id = cc.class_id "
		"WHERE cc.counselor_id = ? AND o.retired_at IS NULL ORDER BY o.name LIMIT 200",
		"i", (long long)counselor));
}

NEOERR *group_class_is_mine(int counselor, int class_id, bool *mine)
{
	long long n = 0;
	NEOERR *err;

	if (class_id == 0) {
		*mine = true;
		return STATUS_OK;
	}
	err = db_scalar(&n, NULL, "SELECT COUNT(*) FROM counselor_classes "
			"WHERE counselor_id = ? AND class_id = ?", "ii",
			(long long)counselor, (long long)class_id);
	*mine = n > 0;
	return nerr_pass(err);
}

NEOERR *group_figures(HDF *out, const char *prefix, int counselor, int class_id,
		      const char *day)
{
	return nerr_pass(db_row(out, prefix, NULL,
		"SELECT COUNT(*) AS members, COUNT(d.id) AS reported, "
		" COALESCE(SUM(d.bulk_filled_by IS NOT NULL), 0) AS bulk, "
		" COALESCE(SUM(d.id IS NULL AND NOT " EXEMPT_ON("k.day") "), 0) AS unreported, "
		" COALESCE(SUM(d.id IS NULL AND " EXEMPT_ON("k.day") "), 0) AS exempt, "
		" COUNT(j.person_id) AS joined "
		"FROM (SELECT CAST(? AS DATE) AS day) k JOIN people p "
		"LEFT JOIN daily_reports d ON d.person_id = p.id AND d.day = k.day "
		"LEFT JOIN group_joins j ON j.person_id = p.id "
		"WHERE" MEMBERS, "siii", day, (long long)counselor, (long long)class_id,
		(long long)class_id));
}

NEOERR *group_unreported(HDF *out, const char *prefix, int counselor, int class_id,
			 const char *day, int *n)
{
	return nerr_pass(db_rows(out, prefix, n,
		"SELECT p.id, p.name, p.number, cls.name AS class, "
		" l.day AS last_day, l.anomaly AS last_anomaly "
		"FROM (SELECT CAST(? AS DATE) AS day) k JOIN people p "
		"LEFT JOIN daily_reports d ON d.person_id = p.id AND d.day = k.day "
		"LEFT JOIN org_units cls ON cls.id = p.class_id "
		"LEFT JOIN daily_reports l ON l.person_id = p.id AND l.day = "
		" (SELECT MAX(x.day) FROM daily_reports x WHERE x.person_id = p.id AND x.day < k.day) "
		"WHERE" MEMBERS " AND d.id IS NULL AND NOT " EXEMPT_ON("k.day") " "
		"ORDER BY cls.name, p.number LIMIT 2000", "siii", day, (long long)counselor,
		(long long)class_id, (long long)class_id));
}
