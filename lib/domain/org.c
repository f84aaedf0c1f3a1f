/* org.c - see org.h. */
#include "domain/org.h"
#include "domain/audit.h"
#include "core/db.h"
#include "core/days.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* The unit and the college it lies in; lock: FOR UPDATE (in a txn). */
static NEOERR *load(int id, bool lock, struct org_unit *u, bool *found)
{
	static const char *const sql[2] = {
		"SELECT u.id, u.kind, COALESCE(u.parent_id, 0), "
		" CASE u.kind WHEN 'college' THEN u.id WHEN 'major' THEN u.parent_id "
		"  WHEN 'class' THEN IF(p.kind = 'college', p.id, p.parent_id) ELSE 0 END, "
		" u.retired_at IS NOT NULL "
		"FROM org_units u LEFT JOIN org_units p ON p.id = u.parent_id WHERE u.id = ?",
		"SELECT u.id, u.kind, COALESCE(u.parent_id, 0), "
		" CASE u.kind WHEN 'college' THEN u.id WHEN 'major' THEN u.parent_id "
		"  WHEN 'class' THEN IF(p.kind = 'college', p.id, p.parent_id) ELSE 0 END, "
		" u.retired_at IS NOT NULL "
		"FROM org_units u LEFT JOIN org_units p ON p.id = u.parent_id WHERE u.id = ? "
		"FOR UPDATE",
	};
	DB_CURSOR *c = NULL;
	NEOERR *err = db_query(&c, sql[lock], "i", (long long)id);

	memset(u, 0, sizeof *u);
	if (err)
		return nerr_pass(err);
	*found = db_next(c);
	if (*found) {
		DB_FILL(c, 0, u->id, u->kind, u->parent_id, u->college_id, u->retired);
	}
	db_cursor_free(&c);
	return STATUS_OK;
}

NEOERR *org_load(int id, struct org_unit *u, bool *found)
{
	return nerr_pass(load(id, false, u, found));
}

struct change {
	const struct actor *a;
	const char *kind, *code, *name;
	int id, parent_id, into;
	struct outcome *out;
};

static NEOERR *create_in_txn(void *ctx)
{
	struct change *x = ctx;
	struct outcome *out = x->out;
	struct org_unit parent_unit;
	bool found = false;
	char now[20], detail[200];
	long long parent = 0;
	NEOERR *err;

	*out = (struct outcome){ .ok = true };
	if (!strcmp(x->kind, "college")) {
		if (!actor_school_admin(x->a)) {
			outcome_forbidden(out);
			return STATUS_OK;
		}
		err = db_scalar(&parent, &found, "SELECT id FROM org_units WHERE kind = 'school' "
				"ORDER BY id LIMIT 1", NULL);
		if (err)
			return nerr_pass(err);
		if (!found)
			err = db_exec(NULL, &parent, "INSERT INTO org_units (kind, code, name) "
				      "VALUES ('school', 'SCH', ?)", "s", "学校");
		if (err)
			return nerr_pass(err);
	} else {
		err = load(x->parent_id, true, &parent_unit, &found);
		if (err || outcome_refuse_if(out, !found || parent_unit.retired ||
					      !strcmp(parent_unit.kind, "school") ||
					      !strcmp(parent_unit.kind, "class") ||
					      (!strcmp(x->kind, "major") &&
					       strcmp(parent_unit.kind, "college")),
					      "parent_id", "org.err.parent"))
			return nerr_pass(err);
		if (!actor_may_college(x->a, parent_unit.college_id)) {
			outcome_forbidden(out);
			return STATUS_OK;
		}
		parent = parent_unit.id;
	}
	err = db_exec(NULL, &out->id, "INSERT INTO org_units (kind, parent_id, code, name) "
		      "VALUES (?, ?, ?, ?)", "siss", x->kind, parent, x->code, x->name);
	if (err)
		return nerr_pass(err);
	clock_now(now);
	snprintf(detail, sizeof detail, "%s %s %s", x->kind, x->code, x->name);
	return nerr_pass(audit_write(x->a, now, "org.create", 0, "org_unit", out->id, detail));
}

/* A code taken (the unique key of kind and code) is the form's message. */
static NEOERR *run(NEOERR *(*fn)(void *), struct change *x)
{
	return nerr_pass(outcome_conflict(db_txn(fn, x), x->out, "code", "org.err.code_taken"));
}

NEOERR *org_create(const struct actor *a, const char *kind, int parent_id,
		   const char *code, const char *name, struct outcome *out)
{
	struct change x = { a, kind, code, name, 0, parent_id, 0, out };

	if (outcome_refuse_if(out, strcmp(kind, "college") && strcmp(kind, "major") &&
			      strcmp(kind, "class"), "kind", "form.err.choice"))
		return STATUS_OK;
	return nerr_pass(run(create_in_txn, &x));
}

/* Loads x->id locked and checks the actor may act on it; false in
 * *go when the outcome is already decided. */
static NEOERR *load_target(struct change *x, struct org_unit *u, bool *go)
{
	bool found;
	NEOERR *err = load(x->id, true, u, &found);

	*go = false;
	if (err)
		return nerr_pass(err);
	if (!found || !strcmp(u->kind, "school")) {
		outcome_not_found(x->out);
		return STATUS_OK;
	}
	/* A college itself is the school's to change. */
	if (!actor_may_college(x->a, u->college_id) ||
	    (!strcmp(u->kind, "college") && !actor_school_admin(x->a))) {
		outcome_forbidden(x->out);
		return STATUS_OK;
	}
	*go = true;
	return STATUS_OK;
}

static NEOERR *rename_in_txn(void *ctx)
{
	struct change *x = ctx;
	struct org_unit u;
	char now[20], detail[200];
	bool go;
	NEOERR *err;

	*x->out = (struct outcome){ .ok = true, .id = x->id };
	err = load_target(x, &u, &go);
	if (err || !go)
		return nerr_pass(err);
	err = db_exec(NULL, NULL, "UPDATE org_units SET code = ?, name = ? WHERE id = ?", "ssi",
		      x->code, x->name, (long long)x->id);
	if (err)
		return nerr_pass(err);
	clock_now(now);
	snprintf(detail, sizeof detail, "%s %s", x->code, x->name);
	return nerr_pass(audit_write(x->a, now, "org.rename", 0, "org_unit", x->id, detail));
}

NEOERR *org_rename(const struct actor *a, int id, const char *code, const char *name,
		   struct outcome *out)
{
	struct change x = { a, NULL, code, name, id, 0, 0, out };

	return nerr_pass(run(rename_in_txn, &x));
}

static NEOERR *retire_in_txn(void *ctx)
{
	struct change *x = ctx;
	struct org_unit u;
	long long below = 0;
	char now[20];
	bool go;
	NEOERR *err;

	*x->out = (struct outcome){ .ok = true, .id = x->id };
	err = load_target(x, &u, &go);
	if (err || !go)
		return nerr_pass(err);
	if (outcome_refuse_if(x->out, u.retired, "", "org.err.retired"))
		return STATUS_OK;
	err = db_scalar(&below, NULL, "SELECT COUNT(*) FROM org_units WHERE parent_id = ? "
			"AND retired_at IS NULL", "i", (long long)x->id);
	if (err || outcome_refuse_if(x->out, below, "", "org.err.in_use_below"))
		return nerr_pass(err);
	clock_now(now);
	err = db_exec(NULL, NULL, "UPDATE org_units SET retired_at = ? WHERE id = ?", "si",
		      now, (long long)x->id);
	if (err)
		return nerr_pass(err);
	return nerr_pass(audit_write(x->a, now, "org.retire", 0, "org_unit", x->id, u.kind));
}

NEOERR *org_retire(const struct actor *a, int id, struct outcome *out)
{
	struct change x = { a, NULL, NULL, NULL, id, 0, 0, out };

	return nerr_pass(run(retire_in_txn, &x));
}

static NEOERR *merge_in_txn(void *ctx)
{
	struct change *x = ctx;
	struct org_unit u, t;
	unsigned long long n = 0;
	char now[20], detail[200];
	bool go, found;
	NEOERR *err;

	*x->out = (struct outcome){ .ok = true, .id = x->id };
	err = load_target(x, &u, &go);
	if (err || !go)
		return nerr_pass(err);
	err = load(x->into, true, &t, &found);
	if (err || outcome_refuse_if(x->out, !found || t.id == u.id || strcmp(t.kind, u.kind) ||
				      t.retired || u.retired, "into", "org.err.merge_target"))
		return nerr_pass(err);
	if (!actor_may_college(x->a, t.college_id)) {
		outcome_forbidden(x->out);
		return STATUS_OK;
	}
	clock_now(now);
	if (!strcmp(u.kind, "college")) {
		err = db_exec(&n, NULL, "UPDATE people SET college_id = ? WHERE college_id = ?",
			      "ii", (long long)t.id, (long long)u.id);
		if (err == STATUS_OK)
			err = db_exec(NULL, NULL, "UPDATE org_units SET parent_id = ? WHERE parent_id = ?",
				      "ii", (long long)t.id, (long long)u.id);
		if (err == STATUS_OK)
			err = db_exec(NULL, NULL, "UPDATE roles SET org_id = ? WHERE org_id = ?",
				      "ii", (long long)t.id, (long long)u.id);
	} else if (!strcmp(u.kind, "major")) {
		/* Its classes move under the target, their people into its college. */
		err = db_exec(&n, NULL, "UPDATE people p JOIN org_units c ON c.id = p.class_id "
			      "SET p.college_id = ? WHERE c.parent_id = ?", "ii",
			      (long long)t.college_id, (long long)u.id);
		if (err == STATUS_OK)
			err = db_exec(NULL, NULL, "UPDATE org_units SET parent_id = ? WHERE parent_id = ?",
				      "ii", (long long)t.id, (long long)u.id);
	} else {
		err = db_exec(&n, NULL, "UPDATE people SET class_id = ?, college_id = ? "
			      "WHERE class_id = ?", "iii", (long long)t.id, (long long)t.college_id,
			      (long long)u.id);
	}
	if (err == STATUS_OK)
		err = db_exec(NULL, NULL, "UPDATE org_units SET retired_at = ?, merged_into = ? "
			      "WHERE id = ?", "sii", now, (long long)t.id, (long long)u.id);
	if (err)
		return nerr_pass(err);
	x->out->n = (long long)n;
	snprintf(detail, sizeof detail, "%s into %d: %llu people", u.kind, t.id, n);
	return nerr_pass(audit_write(x->a, now, "org.merge", 0, "org_unit", u.id, detail));
}

NEOERR *org_merge(const struct actor *a, int id, int into, struct outcome *out)
{
	struct change x = { a, NULL, NULL, NULL, id, 0, into, out };

	return nerr_pass(run(merge_in_txn, &x));
}
