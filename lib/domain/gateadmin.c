/* gateadmin.c - see gateadmin.h. */
#include "domain/gateadmin.h"
#include "domain/txn.h"
#include "domain/audit.h"
#include "core/db.h"
#include "core/days.h"

#include <stdio.h>
#include <string.h>

/* A row of GATE_COLUMNS. */
#define GATE_COLUMNS "SELECT id, kind, name, code_serial FROM gates "
static void gate_of_row(DB_CURSOR *c, void *out)
{
	struct gate_info *g = out;

	DB_FILL(c, 0, g->id, g->kind, g->name, g->code_serial);
}

NEOERR *gateadmin_find(long long id, struct gate_info *g, bool *found)
{
	memset(g, 0, sizeof *g);
	return nerr_pass(db_one(found, gate_of_row, g, GATE_COLUMNS "WHERE id = ?", "i", id));
}

NEOERR *gateadmin_gates(const char *kind, struct gate_info *out, int max, int *n)
{
	DB_CURSOR *c = NULL;
	NEOERR *err;

	*n = 0;
	err = db_query(&c, GATE_COLUMNS "WHERE kind = ? "
		       "ORDER BY name", "s", kind);
	if (err)
		return nerr_pass(err);
	while (*n < max && db_next(c))
		gate_of_row(c, &out[(*n)++]);
	db_cursor_free(&c);
	return STATUS_OK;
}

static void gateadmin_enrol_find_row(DB_CURSOR *c, void *out)
{
	struct enrol_wait *w = out;

	DB_FILL(c, 0, w->device, w->gate, w->kind);
}

NEOERR *gateadmin_enrol_find(const unsigned char link_hash[32], struct enrol_wait *w,
			     bool *found)
{
	memset(w, 0, sizeof *w);
	return nerr_pass(db_one(found, gateadmin_enrol_find_row, w,
		"SELECT d.name, g.name, g.kind FROM gate_devices d "
		"JOIN gates g ON g.id = d.gate_id "
		"WHERE d.enrol_hash = ? AND d.revoked_at IS NULL", "b",
		link_hash, (size_t)32));
}

NEOERR *gateadmin_enrol(const unsigned char link_hash[32], const unsigned char cred_hash[32],
			bool *enrolled)
{
	char now[20];
	unsigned long long n = 0;
	NEOERR *err;

	clock_now(now);
	err = db_exec(&n, NULL, "UPDATE gate_devices SET enrol_hash = NULL, credential_hash = ?, "
		      "enrolled_at = ? WHERE enrol_hash = ? AND revoked_at IS NULL",
		      "bsb", cred_hash, (size_t)32, now, link_hash, (size_t)32);
	*enrolled = err == STATUS_OK && n == 1;
	return nerr_pass(err);
}

/* A change and its audit row commit together or not at all. */
struct change {
	const struct actor *a;
	long long id;                 /* the gate or device changed */
	long long gate_id;            /* a new device's gate */
	const char *kind, *name;
	unsigned char enrol_hash[32];
};

static NEOERR *insert_gate(void *ctx)
{
	struct change *x = ctx;
	char now[20], detail[200];
	NEOERR *err;

	err = db_exec(NULL, &x->id, "INSERT INTO gates (kind, name) VALUES (?, ?)", "ss",
		      x->kind, x->name);
	if (err)
		return nerr_pass(err);
	clock_now(now);
	snprintf(detail, sizeof detail, "%s %s", x->kind, x->name);
	return nerr_pass(audit_write(x->a, now, "gate_add", 0, "gate", x->id, detail));
}

NEOERR *gateadmin_add_gate(const struct actor *a, const char *kind, const char *name,
			   long long *id)
{
	struct change x = { .a = a, .kind = kind, .name = name };
	NEOERR *err = db_txn(insert_gate, &x);

	*id = x.id;
	return nerr_pass(err);
}

static NEOERR *insert_device(void *ctx)
{
	struct change *x = ctx;
	char now[20];
	NEOERR *err;

	clock_now(now);
	err = db_exec(NULL, &x->id, "INSERT INTO gate_devices (gate_id, name, enrol_hash, "
		"created_by, created_at) VALUES (?, ?, ?, ?, ?)", "isbis", x->gate_id, x->name,
		x->enrol_hash, sizeof x->enrol_hash, (long long)x->a->person_id, now);
	if (err == STATUS_OK)
		err = audit_write(x->a, now, "device_add", 0, "gate_device", x->id, x->name);
	return nerr_pass(err);
}

NEOERR *gateadmin_add_device(const struct actor *a, long long gate_id, const char *name,
			     char link[ARRIVAL_SECRET_LEN + 1], struct gate_info *g,
			     bool *found)
{
	struct change x = { .a = a, .gate_id = gate_id, .name = name };
	NEOERR *err = gateadmin_find(gate_id, g, found);

	link[0] = '\0';
	if (err || !*found)
		return nerr_pass(err);
	arrival_secret_new(link, x.enrol_hash);
	return nerr_pass(db_txn(insert_device, &x));
}

/* t->out: the rows revoked (0 or 1). */
static NEOERR *revoke_device(struct txn *t)
{
	unsigned long long *n = t->out;
	NEOERR *err;

	err = db_exec(n, NULL, "UPDATE gate_devices SET revoked_at = ?, revoked_by = ?, "
		"enrol_hash = NULL WHERE id = ? AND revoked_at IS NULL", "sii",
		t->now, (long long)t->a->person_id, t->id);
	if (err == STATUS_OK && *n == 1)
		err = audit_write(t->a, t->now, "device_revoke", 0, "gate_device", t->id, NULL);
	return nerr_pass(err);
}

NEOERR *gateadmin_revoke(const struct actor *a, long long id, bool *found)
{
	unsigned long long n = 0;
	long long one;
	NEOERR *err = txn_run(revoke_device, a, id, NULL, &n);

	*found = true;
	if (err == STATUS_OK && n == 0)
		err = db_scalar(&one, found, "SELECT id FROM gate_devices WHERE id = ?", "i", id);
	return nerr_pass(err);
}

static NEOERR *bump_code(struct txn *t)
{
	unsigned long long n = 0;
	NEOERR *err;

	err = db_exec(&n, NULL, "UPDATE gates SET code_serial = code_serial + 1 WHERE id = ?",
		      "i", t->id);
	if (err == STATUS_OK && n == 0)
		err = nerr_raise(HC_ERR_NOTFOUND, "no gate %lld", t->id);
	if (err == STATUS_OK)
		err = audit_write(t->a, t->now, "gate_new_code", 0, "gate", t->id, NULL);
	return nerr_pass(err);
}

NEOERR *gateadmin_new_code(const struct actor *a, long long id)
{
	return nerr_pass(txn_run(bump_code, a, id, NULL, NULL));
}
