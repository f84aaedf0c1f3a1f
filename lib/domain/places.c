/* places.c - see places.h. */
#include "domain/places.h"
#include "domain/txn.h"
#include "domain/audit.h"
#include "core/db.h"
#include "core/days.h"

#include <stdio.h>
#include <string.h>

const char *const places_building_kinds[] = { "teaching", "dorm", "library", "bath",
	"canteen", "office", "other", NULL };
const char *const places_identities[] = { "staff", "undergrad", "grad", "residents", NULL };

/* A change to the places, with its audit row in one transaction (run());
 * the actor and the building (or access row) acted on are txn_run()'s:
 * t->a, t->id. */
struct change {
	long long unit_id, person_id;
	long long new_id;            /* the row made */
	const char *name, *kind, *identity, *number, *note;
	bool restricted, add;
	bool ok;                     /* the building or person named was there */
};

/* Runs fn for a on row id with x (t->out) in one transaction (txn_run());
 * what it made and whether it found what it was given into *new_id and
 * *ok (each may be NULL). */
static NEOERR *run(NEOERR *(*fn)(struct txn *t), const struct actor *a, long long id,
		   struct change *x, long long *new_id, bool *ok)
{
	NEOERR *err = txn_run(fn, a, id, NULL, x);

	if (new_id)
		*new_id = x->new_id;
	if (ok)
		*ok = x->ok;
	return nerr_pass(err);
}

/* Locks the building; NOTFOUND for none. */
static NEOERR *lock_building(long long id)
{
	long long one = 0;
	bool found = false;
	NEOERR *err = db_scalar(&one, &found, "SELECT id FROM buildings WHERE id = ? FOR UPDATE",
				"i", id);

	if (err == STATUS_OK && !found)
		err = nerr_raise(HC_ERR_NOTFOUND, "no building %lld", id);
	return nerr_pass(err);
}

static NEOERR *insert_building(struct txn *t)
{
	struct change *x = t->out;
	char detail[120];
	long long dup = 0;
	bool found = false;
	NEOERR *err;

	err = db_scalar(&dup, &found, "SELECT id FROM buildings WHERE name = ? FOR UPDATE",
			"s", x->name);
	if (err == STATUS_OK && found)
		err = nerr_raise(HC_ERR_CONFLICT, "building %s exists", x->name);
	if (err == STATUS_OK)
		err = db_exec(NULL, &x->new_id, "INSERT INTO buildings (name, kind, restricted, "
			"created_at) VALUES (?, ?, ?, ?)", "ssis", x->name, x->kind,
			(long long)x->restricted, t->now);
	snprintf(detail, sizeof detail, "%s %s%s", x->kind, x->name, x->restricted ? " restricted" : "");
	if (err == STATUS_OK)
		err = audit_write(t->a, t->now, "building.add", 0, "building", x->new_id, detail);
	return nerr_pass(err);
}

NEOERR *places_add_building(const struct actor *a, const char *name, const char *kind,
			    bool restricted, long long *id)
{
	struct change x = { .name = name, .kind = kind, .restricted = restricted };

	return nerr_pass(run(insert_building, a, 0, &x, id, NULL));
}

static NEOERR *insert_entrance(struct txn *t)
{
	struct change *x = t->out;
	char full[200], building[65];
	DB_CURSOR *c = NULL;
	long long dup = 0;
	bool found = false;
	NEOERR *err;

	x->ok = false;
	err = db_query(&c, "SELECT name FROM buildings WHERE id = ? FOR UPDATE", "i", t->id);
	if (err)
		return nerr_pass(err);
	x->ok = DB_FIRST(&c, 0, building);
	if (!x->ok)
		return STATUS_OK;
	/* Its full name, as every list of gates and devices shows it. */
	snprintf(full, sizeof full, "%s · %s", building, x->name);
	if (strlen(full) > 64)
		return nerr_raise(HC_ERR_BADREQ, "entrance name too long");
	err = db_scalar(&dup, &found, "SELECT id FROM gates WHERE kind = 'entrance' AND name = ?",
			"s", full);
	if (err == STATUS_OK && found)
		err = nerr_raise(HC_ERR_CONFLICT, "entrance %s exists", full);
	if (err == STATUS_OK)
		err = db_exec(NULL, &x->new_id, "INSERT INTO gates (kind, name, building_id) "
			      "VALUES ('entrance', ?, ?)", "si", full, t->id);
	if (err == STATUS_OK)
		err = audit_write(t->a, t->now, "entrance.add", 0, "gate", x->new_id, full);
	return nerr_pass(err);
}

NEOERR *places_add_entrance(const struct actor *a, long long building_id, const char *name,
			    long long *id, bool *found)
{
	struct change x = { .name = name };

	return nerr_pass(run(insert_entrance, a, building_id, &x, id, found));
}

static NEOERR *set_restricted(struct txn *t)
{
	struct change *x = t->out;
	NEOERR *err = lock_building(t->id);

	if (err == STATUS_OK)
		err = db_exec(NULL, NULL, "UPDATE buildings SET restricted = ? WHERE id = ?", "ii",
			      (long long)x->restricted, t->id);
	if (err == STATUS_OK)
		err = audit_write(t->a, t->now, x->restricted ? "building.restrict" : "building.open",
				  0, "building", t->id, NULL);
	return nerr_pass(err);
}

NEOERR *places_restrict(const struct actor *a, long long building_id, bool restricted)
{
	struct change x = { .restricted = restricted };

	return nerr_pass(run(set_restricted, a, building_id, &x, NULL, NULL));
}

static NEOERR *insert_access(struct txn *t)
{
	struct change *x = t->out;
	char detail[120];
	long long one = 0;
	bool found = false;
	NEOERR *err;

	err = lock_building(t->id);
	if (err == STATUS_OK && x->unit_id > 0) {
		err = db_scalar(&one, &found, "SELECT id FROM org_units WHERE id = ? "
				"AND kind IN ('college', 'class')", "i", x->unit_id);
		if (err == STATUS_OK && !found)
			err = nerr_raise(HC_ERR_NOTFOUND, "no unit %lld", x->unit_id);
	}
	if (err == STATUS_OK) {
		err = db_scalar(&one, &found, "SELECT id FROM building_access WHERE building_id = ? "
				"AND (unit_id = ? OR identity = ?)", "iis", t->id,
				x->unit_id > 0 ? x->unit_id : -1LL, x->identity ? x->identity : "");
		if (err == STATUS_OK && found)
			err = nerr_raise(HC_ERR_CONFLICT, "listed already");
	}
	if (err == STATUS_OK)
		err = db_exec(NULL, &x->new_id, "INSERT INTO building_access (building_id, unit_id, "
			      "identity) VALUES (?, NULLIF(?, 0), ?)", "iis", t->id,
			      x->unit_id > 0 ? x->unit_id : 0LL, x->unit_id > 0 ? NULL : x->identity);
	if (x->unit_id > 0)
		snprintf(detail, sizeof detail, "unit %lld", x->unit_id);
	else
		snprintf(detail, sizeof detail, "%s", x->identity ? x->identity : "");
	if (err == STATUS_OK)
		err = audit_write(t->a, t->now, "building.grant", 0, "building", t->id, detail);
	return nerr_pass(err);
}

NEOERR *places_grant(const struct actor *a, long long building_id, long long unit_id,
		     const char *identity)
{
	struct change x = { .unit_id = unit_id, .identity = identity };

	return nerr_pass(run(insert_access, a, building_id, &x, NULL, NULL));
}

static NEOERR *delete_access(struct txn *t)
{
	long long building = 0;
	bool found = false;
	NEOERR *err;

	err = db_scalar(&building, &found, "SELECT building_id FROM building_access WHERE id = ? "
			"FOR UPDATE", "i", t->id);
	if (err == STATUS_OK && !found)
		err = nerr_raise(HC_ERR_NOTFOUND, "no access row %lld", t->id);
	if (err == STATUS_OK)
		err = db_exec(NULL, NULL, "DELETE FROM building_access WHERE id = ?", "i", t->id);
	if (err == STATUS_OK)
		err = audit_write(t->a, t->now, "building.ungrant", 0, "building", building, NULL);
	return nerr_pass(err);
}

NEOERR *places_revoke(const struct actor *a, long long access_id)
{
	return nerr_pass(txn_run(delete_access, a, access_id, NULL, NULL));
}

static NEOERR *insert_approver(struct txn *t)
{
	struct change *x = t->out;
	unsigned long long n = 0;
	bool found = false;
	NEOERR *err;

	x->ok = false;
	err = lock_building(t->id);
	if (err == STATUS_OK)
		err = db_scalar(&x->person_id, &found, "SELECT p.id FROM people p WHERE p.number = ? "
			"AND EXISTS (SELECT 1 FROM roles r WHERE r.person_id = p.id "
			" AND r.role IN ('counselor', 'reviewer', 'admin'))", "s", x->number);
	if (err || !found)
		return nerr_pass(err);
	x->ok = true;
	err = db_exec(&n, NULL, "INSERT IGNORE INTO building_approvers (building_id, person_id) "
		      "VALUES (?, ?)", "ii", t->id, x->person_id);
	if (err == STATUS_OK && n == 1)
		err = audit_write(t->a, t->now, "building.approver", x->person_id, "building",
				  t->id, NULL);
	return nerr_pass(err);
}

NEOERR *places_add_approver(const struct actor *a, long long building_id, const char *number,
			    bool *ok)
{
	struct change x = { .number = number };

	return nerr_pass(run(insert_approver, a, building_id, &x, NULL, ok));
}

static NEOERR *delete_approver(struct txn *t)
{
	struct change *x = t->out;
	unsigned long long n = 0;
	NEOERR *err;

	err = db_exec(&n, NULL, "DELETE FROM building_approvers WHERE building_id = ? AND person_id = ?",
		      "ii", t->id, x->person_id);
	if (err == STATUS_OK && n == 0)
		err = nerr_raise(HC_ERR_NOTFOUND, "not an approver");
	if (err == STATUS_OK)
		err = audit_write(t->a, t->now, "building.unapprover", x->person_id, "building",
				  t->id, NULL);
	return nerr_pass(err);
}

NEOERR *places_remove_approver(const struct actor *a, long long building_id, long long person_id)
{
	struct change x = { .person_id = person_id };

	return nerr_pass(run(delete_approver, a, building_id, &x, NULL, NULL));
}

/* ---- pass holders without a return application; dorm residents ---------- */

static NEOERR *change_holder(struct txn *t)
{
	struct change *x = t->out;
	unsigned long long n = 0;
	bool found = false;
	NEOERR *err = STATUS_OK;

	x->ok = false;
	if (x->add) {
		err = db_scalar(&x->person_id, &found, "SELECT id FROM people WHERE number = ? FOR UPDATE",
				"s", x->number);
		if (err || !found)
			return nerr_pass(err);
		err = db_exec(&n, NULL, "INSERT IGNORE INTO pass_holders (person_id, added_by, added_at, "
			"note) VALUES (?, ?, ?, NULLIF(?, ''))", "iiss", x->person_id,
			(long long)t->a->person_id, t->now, x->note ? x->note : "");
	} else {
		err = db_exec(&n, NULL, "DELETE FROM pass_holders WHERE person_id = ?", "i",
			      x->person_id);
	}
	x->ok = true;
	if (err == STATUS_OK && n == 1)
		err = audit_write(t->a, t->now, x->add ? "pass_holder.add" : "pass_holder.remove",
				  (int)x->person_id, "person", x->person_id, x->note);
	return nerr_pass(err);
}

NEOERR *places_add_holder(const struct actor *a, const char *number, const char *note, bool *ok)
{
	struct change x = { .number = number, .note = note, .add = true };

	return nerr_pass(run(change_holder, a, 0, &x, NULL, ok));
}

NEOERR *places_remove_holder(const struct actor *a, long long person_id)
{
	struct change x = { .person_id = person_id };

	return nerr_pass(run(change_holder, a, 0, &x, NULL, NULL));
}

static NEOERR *change_dorm(struct txn *t)
{
	struct change *x = t->out;
	char detail[40];
	long long one = 0;
	bool found = false;
	NEOERR *err;

	x->ok = false;
	if (t->id > 0) {
		err = db_scalar(&one, &found, "SELECT id FROM buildings WHERE id = ? AND kind = 'dorm' "
				"FOR UPDATE", "i", t->id);
		if (err || !found)
			return nerr_pass(err);
	}
	err = db_scalar(&x->person_id, &found, "SELECT id FROM people WHERE number = ? FOR UPDATE",
			"s", x->number);
	if (err || !found)
		return nerr_pass(err);
	x->ok = true;
	err = db_exec(NULL, NULL, "UPDATE people SET dorm_building_id = NULLIF(?, 0) WHERE id = ?",
		      "ii", t->id, x->person_id);
	snprintf(detail, sizeof detail, "building %lld", t->id);
	if (err == STATUS_OK)
		err = audit_write(t->a, t->now, "person.dorm_building", (int)x->person_id, "person",
				  x->person_id, detail);
	return nerr_pass(err);
}

NEOERR *places_set_dorm(const struct actor *a, const char *number, long long building_id,
			bool *ok)
{
	struct change x = { .number = number };

	return nerr_pass(run(change_dorm, a, building_id, &x, NULL, ok));
}
