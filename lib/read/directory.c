/* directory.c - see directory.h. */
#include "read/directory.h"
#include "core/db.h"

#include <stdio.h>
#include <string.h>

/* The units in tree order: each college, its classes, then each major
 * followed by its classes. */
#define UNITS_SQL \
	"SELECT * FROM (SELECT u.id, u.kind, u.code, u.name, u.retired_at IS NOT NULL AS retired, " \
	" COALESCE(u.merged_into, 0) AS merged_into, " \
	" CASE u.kind WHEN 'college' THEN u.id WHEN 'major' THEN u.parent_id " \
	"  ELSE IF(p.kind = 'college', p.id, p.parent_id) END AS college_id, " \
	" CASE u.kind WHEN 'major' THEN u.id WHEN 'class' THEN IF(p.kind = 'major', p.id, 0) " \
	"  ELSE 0 END AS major_id, " \
	" CASE u.kind WHEN 'college' THEN 0 WHEN 'major' THEN 1 " \
	"  ELSE IF(p.kind = 'major', 2, 1) END AS depth, " \
	" CASE u.kind WHEN 'college' THEN (SELECT COUNT(*) FROM people x WHERE x.college_id = u.id) " \
	"  WHEN 'class' THEN (SELECT COUNT(*) FROM people x WHERE x.class_id = u.id) " \
	"  ELSE (SELECT COUNT(*) FROM people x JOIN org_units k ON k.id = x.class_id " \
	"   WHERE k.parent_id = u.id) END AS people " \
	"FROM org_units u LEFT JOIN org_units p ON p.id = u.parent_id " \
	"WHERE u.kind <> 'school') t WHERE ? = 0 OR t.college_id = ? "

NEOERR *directory_units(HDF *out, const char *prefix, int college, bool parents_in_use)
{
	if (parents_in_use)
		return nerr_pass(db_rows(out, prefix, NULL, UNITS_SQL
			"AND t.kind IN ('college', 'major') AND NOT t.retired "
			"ORDER BY t.college_id, t.major_id, t.kind <> 'college', t.code",
			"ii", (long long)college, (long long)college));
	return nerr_pass(db_rows(out, prefix, NULL, UNITS_SQL
		"ORDER BY t.college_id, t.major_id, t.kind <> 'college', t.kind <> 'major', "
		" t.retired, t.code LIMIT 5000", "ii", (long long)college, (long long)college));
}

static void directory_unit_row(DB_CURSOR *c, void *out)
{
	struct unit_row *u = out;

	DB_FILL(c, 0, u->id, u->kind, u->code, u->name, u->retired_at, u->merged_code,
		u->merged_name);
}

NEOERR *directory_unit(int id, struct unit_row *u, bool *found)
{
	memset(u, 0, sizeof *u);
	return nerr_pass(db_one(found, directory_unit_row, u,
		"SELECT u.id, u.kind, u.code, u.name, u.retired_at, m.code, m.name "
		"FROM org_units u LEFT JOIN org_units m ON m.id = u.merged_into WHERE u.id = ?",
		"i", (long long)id));
}

NEOERR *directory_merge_targets(HDF *out, const char *prefix, int college, const char *kind,
				int except)
{
	return nerr_pass(db_rows(out, prefix, NULL, UNITS_SQL
		"AND t.kind = ? AND t.id <> ? AND NOT t.retired ORDER BY t.code LIMIT 2000",
		"iisi", (long long)college, (long long)college, kind, (long long)except));
}

NEOERR *directory_classes(HDF *out, const char *prefix)
{
	return nerr_pass(db_rows(out, prefix, NULL,
		"SELECT c.id, c.name, col.name AS college FROM org_units c "
		"LEFT JOIN org_units col ON col.id = c.parent_id "
		"WHERE c.kind = 'class' ORDER BY col.name, c.name LIMIT 2000", NULL));
}

NEOERR *directory_colleges(HDF *out, const char *prefix)
{
	return nerr_pass(db_rows(out, prefix, NULL,
		"SELECT id, name FROM org_units WHERE kind = 'college' ORDER BY code LIMIT 500", NULL));
}

NEOERR *directory_person_by_number(const char *number, long long *id, bool *found)
{
	return nerr_pass(db_scalar(id, found, "SELECT id FROM people WHERE number = ?", "s",
				   number));
}

NEOERR *directory_person_name(int id, char name[257], char number[129], bool *found)
{
	DB_CURSOR *c = NULL;
	NEOERR *err = db_query(&c, "SELECT name, number FROM people WHERE id = ?", "i",
			       (long long)id);

	name[0] = number[0] = '\0';
	if (err)
		return nerr_pass(err);
	*found = db_next(c);
	if (*found) {
		db_copy(name, 257, db_str(c, 0));
		db_copy(number, 129, db_str(c, 1));
	}
	db_cursor_free(&c);
	return STATUS_OK;
}

#define SEARCH_WHERE "FROM people p LEFT JOIN org_units c ON c.id = p.college_id " \
	"LEFT JOIN org_units k ON k.id = p.class_id " \
	"LEFT JOIN accounts a ON a.person_id = p.id " \
	"WHERE (p.number LIKE CONCAT(?, '%') OR p.name LIKE CONCAT('%', ?, '%')) " \
	"AND (? = 0 OR p.college_id = ?) "

NEOERR *directory_search(HDF *out, const char *prefix, const char *like, long long college,
			 int rows, int offset, long long *total)
{
	NEOERR *err = db_scalar(total, NULL, "SELECT COUNT(*) " SEARCH_WHERE, "ssii", like, like,
				college, college);

	if (err)
		return nerr_pass(err);
	return nerr_pass(db_rows(out, prefix, NULL,
		"SELECT p.id, p.number, p.name, p.identity, p.status, c.name AS college, "
		"k.name AS class, a.login, a.disabled " SEARCH_WHERE
		"ORDER BY p.number LIMIT ? OFFSET ?", "ssiiii", like, like, college, college,
		(long long)rows, (long long)offset));
}

NEOERR *directory_choosers(HDF *out, const char *prefix, long long college, int person)
{
	NEOERR *err;

	err = db_rows_at(out, prefix, "College", NULL,
		"SELECT u.id, u.code, u.name FROM org_units u WHERE u.kind = 'college' "
		"AND (u.retired_at IS NULL OR u.id = (SELECT college_id FROM people WHERE id = ?)) "
		"AND (? = 0 OR u.id = ?) ORDER BY u.code", "iii", (long long)person, college, college);
	if (err)
		return nerr_pass(err);
	err = db_rows_at(out, prefix, "Class", NULL,
		"SELECT * FROM (SELECT u.id, u.code, u.name, "
		" IF(p.kind = 'college', p.id, p.parent_id) AS college_id "
		" FROM org_units u JOIN org_units p ON p.id = u.parent_id WHERE u.kind = 'class' "
		" AND (u.retired_at IS NULL OR u.id = (SELECT class_id FROM people WHERE id = ?))) t "
		"WHERE ? = 0 OR t.college_id = ? ORDER BY t.code LIMIT 5000", "iii",
		(long long)person, college, college);
	if (err)
		return nerr_pass(err);
	return nerr_pass(db_rows_at(out, prefix, "Counselor", NULL,
		"SELECT p.id, p.number, p.name FROM people p JOIN roles r ON r.person_id = p.id "
		"AND r.role = 'counselor' WHERE ? = 0 OR p.college_id = ? "
		"OR p.id = (SELECT counselor_id FROM counselor_assignments WHERE student_id = ?) "
		"ORDER BY p.number LIMIT 2000", "iii", college, college, (long long)person));
}

NEOERR *directory_person(HDF *out, const char *prefix, int id)
{
	NEOERR *err = db_row(out, prefix, NULL,
		"SELECT p.id, p.number, p.name, p.identity, p.status, COALESCE(p.phone, '') AS phone, "
		" COALESCE(p.college_id, '') AS college_id, COALESCE(p.class_id, '') AS class_id, "
		" p.boarding, COALESCE(ca.counselor_id, '') AS counselor_id, "
		" a.login, a.disabled, a.must_change_pw, "
		" (SELECT COUNT(*) FROM login_failures f WHERE f.login = a.login) AS failures "
		"FROM people p LEFT JOIN accounts a ON a.person_id = p.id "
		"LEFT JOIN counselor_assignments ca ON ca.student_id = p.id WHERE p.id = ?",
		"i", (long long)id);

	if (err)
		return nerr_pass(err);
	return nerr_pass(db_rows_at(out, prefix, "Role", NULL,
		"SELECT r.role, u.name AS college FROM roles r "
		"LEFT JOIN org_units u ON u.id = r.org_id WHERE r.person_id = ? ORDER BY r.role",
		"i", (long long)id));
}

static void directory_account_row(DB_CURSOR *c, void *out)
{
	struct account_row *a = out;

	DB_FILL(c, 0, a->id, a->number, a->name, a->login);
}

NEOERR *directory_account(int id, struct account_row *a, bool *found)
{
	memset(a, 0, sizeof *a);
	return nerr_pass(db_one(found, directory_account_row, a,
		"SELECT p.id, p.number, p.name, a.login "
		"FROM people p JOIN accounts a ON a.person_id = p.id WHERE p.id = ?", "i",
		(long long)id));
}

static void directory_application_row(DB_CURSOR *c, void *out)
{
	struct application_row *a = out;

	DB_FILL(c, 0, a->person, a->name, a->number, a->app, a->state, a->allowed_from,
		a->allowed_until, a->term, a->term_name);
}

NEOERR *directory_application(long long person, int term, struct application_row *a,
			      bool *found)
{
	memset(a, 0, sizeof *a);
	return nerr_pass(db_one(found, directory_application_row, a,
		"SELECT p.id, p.name, p.number, ra.id, ra.state, ra.allowed_from, ra.allowed_until, "
		" t.id, t.name FROM people p JOIN terms t ON t.id = ? "
		"LEFT JOIN return_applications ra ON ra.person_id = p.id AND ra.term_id = t.id "
		"WHERE p.id = ?", "ii", (long long)term, person));
}

NEOERR *people_counselor_classes(HDF *out, const char *prefix, int counselor)
{
	return nerr_pass(db_rows(out, prefix, NULL,
		"SELECT u.id, u.code, u.name, DATE_FORMAT(cc.since, '%Y-%m-%d') AS since, "
		" (SELECT COUNT(*) FROM people p WHERE p.class_id = u.id AND p.identity <> 'staff') "
		"   AS students "
		"FROM counselor_classes cc JOIN org_units u ON u.id = cc.class_id "
		"WHERE cc.counselor_id = ? ORDER BY u.code", "i", (long long)counselor));
}
