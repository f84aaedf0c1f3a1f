/* people.c - see people.h. */
#include "domain/people.h"
#include "domain/audit.h"
#include "domain/facts.h"
#include "core/db.h"
#include "core/days.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

NEOERR *people_college(int person_id, int *college_id, bool *found)
{
	long long c = 0;
	NEOERR *err = db_scalar(&c, found, "SELECT COALESCE(college_id, 0) FROM people "
				"WHERE id = ?", "i", (long long)person_id);

	*college_id = (int)c;
	return nerr_pass(err);
}

NEOERR *people_reassign(const struct actor *a, const char *now, int student,
			int counselor, bool *changed)
{
	long long old = 0;
	unsigned long long n = 0;
	char detail[64];
	bool found;
	NEOERR *err;

	*changed = false;
	err = db_scalar(&old, &found, "SELECT counselor_id FROM counselor_assignments "
			"WHERE student_id = ? FOR UPDATE", "i", (long long)student);
	if (err)
		return nerr_pass(err);
	if (old == counselor)
		return STATUS_OK;
	if (counselor == 0)
		err = db_exec(&n, NULL, "DELETE FROM counselor_assignments WHERE student_id = ?",
			      "i", (long long)student);
	else
		err = db_exec(&n, NULL,
			"INSERT INTO counselor_assignments (student_id, counselor_id, since) "
			"VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE "
			" counselor_id = VALUES(counselor_id), since = VALUES(since)", "iis",
			(long long)student, (long long)counselor, now);
	if (err)
		return nerr_pass(err);
	*changed = true;
	/* The old counselor is kept in the audit row: history lives there. */
	snprintf(detail, sizeof detail, "%lld -> %d", old, counselor);
	return nerr_pass(audit_write(a, now, "counselor.reassign", student,
				  "counselor_assignments", student, detail));
}

struct save {
	const struct actor *a;
	const struct person_input *in;
	struct outcome *out;
};

/* May a person be put in unit id: is it there, of kind want, and not
 * retired unless retired_ok (the unit they are in already)? Its college
 * into *college. */
static NEOERR *unit_usable(int id, const char *want, bool retired_ok, int *college, bool *usable)
{
	char kind[12] = "";
	bool found, retired = false;
	DB_CURSOR *c = NULL;
	NEOERR *err = db_query(&c,
		"SELECT u.kind, CASE u.kind WHEN 'college' THEN u.id WHEN 'major' THEN u.parent_id "
		" ELSE IF(p.kind = 'college', p.id, p.parent_id) END, u.retired_at IS NOT NULL "
		"FROM org_units u LEFT JOIN org_units p ON p.id = u.parent_id WHERE u.id = ?",
		"i", (long long)id);

	if (err)
		return nerr_pass(err);
	found = DB_FIRST(&c, 0, kind, *college, retired);
	*usable = found && !strcmp(kind, want) && (!retired || retired_ok);
	return STATUS_OK;
}

static NEOERR *save_in_txn(void *ctx)
{
	struct save *x = ctx;
	const struct person_input *in = x->in;
	struct outcome *out = x->out;
	bool student = strcmp(in->identity, "staff") != 0;
	char now[20], old_identity[12] = "", detail[300];
	int old_college = 0, old_class = 0, old_boarding = -1, unit_college = 0;
	bool found = false, usable = false, changed = false;
	DB_CURSOR *c = NULL;
	NEOERR *err;

	*out = (struct outcome){ .ok = true, .id = in->id };
	day_clock_text(time(NULL), 0, now);
	if (in->id) {
		err = db_query(&c, "SELECT COALESCE(college_id, 0), COALESCE(class_id, 0), "
			       "boarding, identity FROM people WHERE id = ? FOR UPDATE", "i",
			       (long long)in->id);
		if (err)
			return nerr_pass(err);
		found = DB_FIRST(&c, 0, old_college, old_class, old_boarding, old_identity);
		if (outcome_out_of_reach(out, x->a, found, old_college))
			return STATUS_OK;
	}
	if (outcome_refuse_if(out, in->college_id == 0 && student, "college_id",
			      "people.err.college_needed"))
		return STATUS_OK;
	if (!actor_may_college(x->a, in->college_id)) {
		outcome_forbidden(out);
		return STATUS_OK;
	}
	if (in->college_id) {
		err = unit_usable(in->college_id, "college", in->college_id == old_college,
				  &unit_college, &usable);
		if (err || outcome_refuse_if(out, !usable, "college_id", "people.err.no_college"))
			return nerr_pass(err);
	}
	if (in->class_id) {
		err = unit_usable(in->class_id, "class", in->class_id == old_class, &unit_college,
				  &usable);
		if (err || outcome_refuse_if(out, !usable, "class_id", "people.err.no_class"))
			return nerr_pass(err);
		if (outcome_refuse_if(out, unit_college != in->college_id, "class_id",
				      "people.err.class_college"))
			return STATUS_OK;
	}
	if (in->counselor_id) {
		long long one = 0;

		if (outcome_refuse_if(out, !student, "counselor_id", "people.err.staff_counselor"))
			return STATUS_OK;
		err = db_scalar(&one, &found, "SELECT 1 FROM roles WHERE person_id = ? "
				"AND role = 'counselor'", "i", (long long)in->counselor_id);
		if (err || outcome_refuse_if(out, !found, "counselor_id",
					      "people.err.not_counselor"))
			return nerr_pass(err);
	}
	if (in->id == 0) {
		err = db_exec(NULL, &out->id, "INSERT INTO people (number, name, identity, phone, "
			"college_id, class_id, boarding, status, created_at) "
			"VALUES (?, ?, ?, NULLIF(?, ''), NULLIF(?, 0), NULLIF(?, 0), ?, ?, ?)",
			"ssssiiiss", in->number, in->name, in->identity, in->phone,
			(long long)in->college_id, (long long)in->class_id, (long long)in->boarding,
			in->status, now);
	} else {
		err = db_exec(NULL, NULL, "UPDATE people SET number = ?, name = ?, identity = ?, "
			"phone = NULLIF(?, ''), college_id = NULLIF(?, 0), class_id = NULLIF(?, 0), "
			"boarding = ?, status = ? WHERE id = ?", "ssssiiisi", in->number, in->name,
			in->identity, in->phone, (long long)in->college_id, (long long)in->class_id,
			(long long)in->boarding, in->status, (long long)in->id);
		/* The student's basic info says the same as the person. */
		if (err == STATUS_OK && old_boarding != (int)in->boarding)
			err = db_exec(NULL, NULL, "UPDATE basic_info SET boarding = ? "
				      "WHERE person_id = ?", "ii", (long long)in->boarding,
				      (long long)in->id);
	}
	if (err)
		return nerr_pass(err);
	/* The card facts read identity and boarding. */
	if (in->id == 0 || old_boarding != (int)in->boarding || strcmp(old_identity, in->identity))
		err = facts_person((int)out->id);
	/* A new student of a class given to a counselor is theirs, unless
	 * the form names another. */
	long long counselor = student ? in->counselor_id : 0;
	if (err == STATUS_OK && in->id == 0 && student && counselor == 0 && in->class_id)
		err = db_scalar(&counselor, NULL, "SELECT counselor_id FROM counselor_classes "
				"WHERE class_id = ?", "i", (long long)in->class_id);
	/* So is a student moved into such a class, unless the same form
	 * also chose another counselor than the one they had. */
	if (err == STATUS_OK && in->id && student && in->class_id && in->class_id != old_class) {
		long long had = 0, given = 0;

		err = db_scalar(&had, NULL, "SELECT counselor_id FROM counselor_assignments "
				"WHERE student_id = ?", "i", (long long)in->id);
		if (err == STATUS_OK)
			err = db_scalar(&given, &found, "SELECT counselor_id FROM counselor_classes "
					"WHERE class_id = ?", "i", (long long)in->class_id);
		if (err == STATUS_OK && found && counselor == had)
			counselor = given;
	}
	if (err == STATUS_OK && (student || in->id))
		err = people_reassign(x->a, now, (int)out->id, (int)counselor, &changed);
	if (err)
		return nerr_pass(err);
	snprintf(detail, sizeof detail, "%s %s %s college %d class %d boarding %d %s",
		 in->number, in->name, in->identity, in->college_id, in->class_id,
		 (int)in->boarding, in->status);
	return nerr_pass(audit_write(x->a, now, in->id ? "person.update" : "person.create",
				  out->id, "person", out->id, detail));
}

NEOERR *people_save(const struct actor *a, const struct person_input *in,
		    struct outcome *out)
{
	struct save x = { a, in, out };

	return nerr_pass(outcome_conflict(db_txn(save_in_txn, &x), out, "number",
					  "people.err.number_taken"));
}

struct del {
	const struct actor *a;
	int id;
	struct outcome *out;
};

static NEOERR *delete_in_txn(void *ctx)
{
	struct del *x = ctx;
	long long reports = 0, records = 0, one;
	int college = 0;
	char now[20], detail[120];
	bool found;
	NEOERR *err;

	*x->out = (struct outcome){ .ok = true, .id = x->id };
	err = db_scalar(&one, &found, "SELECT COALESCE(college_id, 0) FROM people WHERE id = ? "
			"FOR UPDATE", "i", (long long)x->id);
	if (err)
		return nerr_pass(err);
	college = (int)one;
	if (outcome_out_of_reach(x->out, x->a, found, college))
		return STATUS_OK;
	err = db_scalar(&reports, NULL, "SELECT COUNT(*) FROM daily_reports WHERE person_id = ?",
			"i", (long long)x->id);
	if (err == STATUS_OK)
		err = db_scalar(&records, NULL, "SELECT "
			"(SELECT COUNT(*) FROM return_applications WHERE person_id = ?) + "
			"(SELECT COUNT(*) FROM roster_entries WHERE person_id = ?) + "
			"(SELECT COUNT(*) FROM arrivals WHERE person_id = ?) + "
			"(SELECT COUNT(*) FROM makeup_requests WHERE person_id = ?) + "
			"(SELECT COUNT(*) FROM queue_items WHERE person_id = ?) + "
			"(SELECT COUNT(*) FROM counselor_assignments WHERE counselor_id = ?) + "
			"(SELECT COUNT(*) FROM reviews WHERE reviewer_id = ?) + "
			"(SELECT COUNT(*) FROM daily_summaries WHERE counselor_id = ?) + "
			"(SELECT COUNT(*) FROM group_invites WHERE counselor_id = ?) + "
			"(SELECT COUNT(*) FROM photos WHERE person_id = ?) + "
			"(SELECT COUNT(*) FROM commute_passages WHERE person_id = ?)", "iiiiiiiiiii",
			(long long)x->id, (long long)x->id, (long long)x->id, (long long)x->id,
			(long long)x->id, (long long)x->id, (long long)x->id, (long long)x->id,
			(long long)x->id, (long long)x->id, (long long)x->id);
	if (err || outcome_refuse_if(x->out, reports || records, "", reports ? "people.err.has_reports"
									   : "people.err.has_records"))
		return nerr_pass(err);
	static const char *const owned[] = {
		"DELETE FROM sessions WHERE person_id = ?",
		"DELETE FROM password_resets WHERE person_id = ?",
		"DELETE FROM phone_codes WHERE person_id = ?",
		"DELETE FROM counselor_classes WHERE counselor_id = ?",
		"DELETE FROM roles WHERE person_id = ?",
		"DELETE FROM counselor_assignments WHERE student_id = ?",
		"DELETE FROM basic_info WHERE person_id = ?",
		"DELETE FROM pass_holders WHERE person_id = ?",
		"DELETE FROM messages WHERE person_id = ?",
		"DELETE FROM group_joins WHERE person_id = ?",
		"DELETE FROM accounts WHERE person_id = ?",
		"DELETE FROM card_facts WHERE person_id = ?",
		"DELETE FROM people WHERE id = ?",
	};
	for (size_t i = 0; err == STATUS_OK && i < sizeof owned / sizeof owned[0]; i++)
		err = db_exec(NULL, NULL, owned[i], "i", (long long)x->id);
	if (err)
		return nerr_pass(err);
	day_clock_text(time(NULL), 0, now);
	snprintf(detail, sizeof detail, "person %d", x->id);
	/* The subject is gone: the id stays in the detail and the object. */
	return nerr_pass(audit_write(x->a, now, "person.delete", 0, "person", x->id, detail));
}

NEOERR *people_delete(const struct actor *a, int person_id, struct outcome *out)
{
	struct del x = { a, person_id, out };

	return nerr_pass(db_txn(delete_in_txn, &x));
}

/* ---- a counselor's classes ---- */

struct class_op {
	const struct actor *a;
	int counselor, class_id;
	bool give;
	struct outcome *out;
};

static NEOERR *class_in_txn(void *ctx)
{
	struct class_op *x = ctx;
	char now[20], detail[200];
	int unit_college = 0, n = 0, cap = 0, *ids = NULL;
	long long one = 0, was = 0, counselor_college = 0;
	bool found = false, usable = false, changed;
	DB_CURSOR *c = NULL;
	NEOERR *err;

	*x->out = (struct outcome){ .ok = true, .id = x->counselor };
	day_clock_text(time(NULL), 0, now);
	err = db_scalar(&counselor_college, &found, "SELECT COALESCE(college_id, 0) FROM people "
			"WHERE id = ?", "i", (long long)x->counselor);
	if (err || outcome_out_of_reach(x->out, x->a, found, (int)counselor_college))
		return nerr_pass(err);
	err = unit_usable(x->class_id, "class", !x->give, &unit_college, &usable);
	if (err || outcome_refuse_if(x->out, !usable, "give_class", "people.err.no_class"))
		return nerr_pass(err);
	if (!actor_may_college(x->a, unit_college)) {
		outcome_forbidden(x->out);
		return STATUS_OK;
	}
	err = db_scalar(&was, NULL, "SELECT counselor_id FROM counselor_classes "
			"WHERE class_id = ? FOR UPDATE", "i", (long long)x->class_id);
	if (err)
		return nerr_pass(err);
	if (!x->give) {
		unsigned long long gone = 0;

		err = db_exec(&gone, NULL, "DELETE FROM counselor_classes WHERE class_id = ? "
			      "AND counselor_id = ?", "ii", (long long)x->class_id,
			      (long long)x->counselor);
		if (err || gone == 0)
			return nerr_pass(err);
		snprintf(detail, sizeof detail, "class %d", x->class_id);
		return nerr_pass(audit_write(x->a, now, "counselor.class_take", x->counselor,
					  "org_unit", x->class_id, detail));
	}
	err = db_scalar(&one, &found, "SELECT 1 FROM roles WHERE person_id = ? "
			"AND role = 'counselor'", "i", (long long)x->counselor);
	if (err || outcome_refuse_if(x->out, !found, "give_class", "people.err.not_counselor"))
		return nerr_pass(err);
	err = db_exec(NULL, NULL, "INSERT INTO counselor_classes (class_id, counselor_id, since, "
		      "given_by) VALUES (?, ?, ?, NULLIF(?, 0)) ON DUPLICATE KEY UPDATE "
		      "counselor_id = VALUES(counselor_id), since = VALUES(since), "
		      "given_by = VALUES(given_by)", "iisi", (long long)x->class_id,
		      (long long)x->counselor, now, (long long)x->a->person_id);
	if (err == STATUS_OK)
		err = db_query(&c, "SELECT id FROM people WHERE class_id = ? AND identity <> 'staff' "
			       "ORDER BY id FOR UPDATE", "i", (long long)x->class_id);
	if (err)
		return nerr_pass(err);
	while (db_next(c)) {
		if (n == cap) {
			int *more = realloc(ids, (size_t)(cap = cap ? 2 * cap : 64) * sizeof *ids);
			if (!more) {
				free(ids);
				db_cursor_free(&c);
				return nerr_raise(NERR_NOMEM, "class %d's students", x->class_id);
			}
			ids = more;
		}
		ids[n++] = (int)db_int(c, 0);
	}
	db_cursor_free(&c);
	/* Each student as one reassignment: their pending items follow the
	 * assignment, and each has its audit row with the old counselor. */
	for (int i = 0; err == STATUS_OK && i < n; i++)
		err = people_reassign(x->a, now, ids[i], x->counselor, &changed);
	free(ids);
	if (err)
		return nerr_pass(err);
	x->out->n = n;
	snprintf(detail, sizeof detail, "class %d, %d students (was counselor %lld)",
		 x->class_id, n, was);
	return nerr_pass(audit_write(x->a, now, "counselor.class_give", x->counselor,
				  "org_unit", x->class_id, detail));
}

NEOERR *people_counselor_class(const struct actor *a, int counselor, int class_id, bool give,
			       struct outcome *out)
{
	struct class_op x = { a, counselor, class_id, give, out };

	return nerr_pass(db_txn(class_in_txn, &x));
}
