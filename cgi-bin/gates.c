/*
 * gates.c - /gates: the school admin's side of the gate. Gates and dorm
 * entrances; the phones enrolled at them (a one-time enrolment link each,
 * listed and revocable); each gate's printed code (A4, with a QR); and the
 * arrivals per gate and per hour.
 *
 *   GET  /gates             200 gates, devices, the forms
 *   POST /gates/add_gate    303; 400 the form with its messages (bad kind,
 *                           empty or taken name)
 *   POST /gates/add_device  200 the one-time link (shown once, with a QR);
 *                           400 bad gate or name
 *   POST /gates/revoke      303; 404 no such device
 *   POST /gates/new_code    303: every earlier print of the code is void
 *   GET  /gates/print       200 ?id=GATE the printable code; 404 no gate
 *   GET  /gates/stats       200 ?day=YYYY-MM-DD arrivals per gate and hour
 */
#include "web/app.h"
#include "domain/arrival.h"
#include "domain/audit.h"
#include "core/db.h"
#include "core/days.h"
#include "web/form.h"
#include "domain/gate.h"
#include "core/qr.h"
#include "web/sess.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const gate_kinds[] = { "gate", "dorm", NULL };

static const struct form_field gate_fields[] = {
	{ "kind", FORM_CHOICE, true, 0, 0, gate_kinds },
	{ "name", FORM_TEXT, true, 1, 64, NULL },
	{ 0 }
};
static const struct form gate_form = { "gate", gate_fields };

static const struct form_field device_fields[] = {
	{ "gate_id", FORM_INT, true, 1, 2147483647, NULL },
	{ "name", FORM_TEXT, true, 1, 64, NULL },
	{ 0 }
};
static const struct form device_form = { "device", device_fields };

/* <prefix>.Url: the site's address of path; <prefix>.Qr: it as a QR
 * (a data: URI), for a phone to scan off the admin's screen or paper. */
static NEOERR *export_link(struct req *r, const char *prefix, const char *path)
{
	char url[600], key[64];
	STRING uri;
	NEOERR *err;

	app_site_url(r, path, url, sizeof url);
	snprintf(key, sizeof key, "%s.Url", prefix);
	hdf_set_value(r->hdf, key, url);
	string_init(&uri);
	err = qr_data_uri(url, &uri);
	snprintf(key, sizeof key, "%s.Qr", prefix);
	if (err == STATUS_OK)
		hdf_set_value(r->hdf, key, uri.buf);
	string_clear(&uri);
	return nerr_pass(err);
}

static NEOERR *render(struct req *r)
{
	char today[11];
	NEOERR *err;

	day_format(app_today(), today);
	err = db_rows(r->hdf, "Gates.Gate", NULL,
		"SELECT g.id, g.kind, g.name, "
		" (SELECT COUNT(*) FROM arrivals a WHERE a.gate_id = g.id AND a.at >= ?) AS today "
		"FROM gates g ORDER BY g.kind, g.name", "s", today);
	if (err == STATUS_OK)
		err = db_rows(r->hdf, "Gates.Device", NULL,
			"SELECT d.id, d.name, g.name AS gate, d.created_at, d.enrolled_at, d.revoked_at, "
			" CASE WHEN d.revoked_at IS NOT NULL THEN 'revoked' "
			"      WHEN d.enrolled_at IS NOT NULL THEN 'enrolled' ELSE 'pending' END AS state "
			"FROM gate_devices d JOIN gates g ON g.id = d.gate_id "
			"ORDER BY d.revoked_at IS NOT NULL, g.name, d.name LIMIT 500", NULL);
	if (err)
		return nerr_pass(err);
	return nerr_pass(app_render(r, "gates.cs"));
}

static NEOERR *show(struct req *r)
{
	return nerr_pass(render(r));
}

/* A form error re-renders the page with the input and the messages. */
static NEOERR *refuse(struct req *r, const char *which)
{
	r->status = 400;
	hdf_set_value(r->hdf, "Gates.Bad", which);
	return nerr_pass(render(r));
}

/* A change and its audit row commit together or not at all. */
struct change {
	struct req *r;
	long long id;                 /* the gate or device changed */
	unsigned long long n;         /* rows the change touched */
};

static NEOERR *insert_gate(void *ctx)
{
	struct change *x = ctx;
	const char *kind = app_param(x->r, "kind", ""), *name = app_param(x->r, "name", "");
	char now[20], detail[200];
	NEOERR *err;

	err = db_exec(NULL, &x->id, "INSERT INTO gates (kind, name) VALUES (?, ?)", "ss",
		      kind, name);
	if (err)
		return nerr_pass(err);
	app_now(now);
	snprintf(detail, sizeof detail, "%s %s", kind, name);
	return nerr_pass(audit_write(&x->r->who, now, "gate_add", 0, "gate", x->id, detail));
}

static NEOERR *add_gate(struct req *r)
{
	struct change x = { r, 0, 0 };
	NEOERR *err;

	if (form_check(r, &gate_form))
		return nerr_pass(refuse(r, "gate"));
	err = db_txn(insert_gate, &x);
	if (nerr_match(err, HC_ERR_CONFLICT)) {
		nerr_ignore(&err);
		hdf_set_value(r->hdf, "Form.Error.name", tr(r, "gates.name_taken"));
		return nerr_pass(refuse(r, "gate"));
	}
	if (err)
		return nerr_pass(err);
	return nerr_pass(app_redirect(r, "/gates"));
}

struct new_device {
	long long gate_id;
	const char *name;
	unsigned char enrol_hash[32];
	long long id;
	struct req *r;
};

static NEOERR *insert_device(void *ctx)
{
	struct new_device *d = ctx;
	char now[20];
	NEOERR *err;

	app_now(now);
	err = db_exec(NULL, &d->id, "INSERT INTO gate_devices (gate_id, name, enrol_hash, "
		"created_by, created_at) VALUES (?, ?, ?, ?, ?)", "isbis", d->gate_id, d->name,
		d->enrol_hash, sizeof d->enrol_hash, (long long)d->r->who.person_id, now);
	if (err == STATUS_OK)
		err = audit_write(&d->r->who, now, "device_add", 0, "gate_device", d->id, d->name);
	return nerr_pass(err);
}

/* The link is shown once: only its hash is kept. */
static NEOERR *add_device(struct req *r)
{
	struct new_device d = { 0 };
	char link[ARRIVAL_SECRET_LEN + 1], path[64];
	bool found;
	NEOERR *err;

	if (form_check(r, &device_form))
		return nerr_pass(refuse(r, "device"));
	d.gate_id = app_num(r, "gate_id", 0);   /* checked by device_form */
	d.name = app_param(r, "name", "");
	d.r = r;
	err = db_row(r->hdf, "Enrol.Gate", &found, "SELECT id, name, kind FROM gates WHERE id = ?",
		     "i", d.gate_id);
	if (err)
		return nerr_pass(err);
	if (!found) {
		hdf_set_value(r->hdf, "Form.Error.gate_id", tr(r, "gates.no_gate"));
		return nerr_pass(refuse(r, "device"));
	}
	arrival_secret_new(link, d.enrol_hash);
	err = db_txn(insert_device, &d);
	if (err)
		return nerr_pass(err);
	hdf_set_value(r->hdf, "Enrol.Device", d.name);
	snprintf(path, sizeof path, "/scan/enrol/%s", link);
	err = export_link(r, "Enrol", path);
	if (err)
		return nerr_pass(err);
	return nerr_pass(app_render(r, "gates_enrol.cs"));
}

/* The gate or device acted on (declared: ID). */
static long long id_param(struct req *r)
{
	return app_num(r, "id", 0);
}

/* Revoking twice keeps the first time and who did it, and audits once. */
static NEOERR *revoke_device(void *ctx)
{
	struct change *x = ctx;
	char now[20];
	NEOERR *err;

	app_now(now);
	err = db_exec(&x->n, NULL, "UPDATE gate_devices SET revoked_at = ?, revoked_by = ?, "
		"enrol_hash = NULL WHERE id = ? AND revoked_at IS NULL", "sii",
		now, (long long)x->r->who.person_id, x->id);
	if (err == STATUS_OK && x->n == 1)
		err = audit_write(&x->r->who, now, "device_revoke", 0, "gate_device", x->id, NULL);
	return nerr_pass(err);
}

static NEOERR *revoke(struct req *r)
{
	struct change x = { r, id_param(r), 0 };
	long long one;
	bool found = true;
	NEOERR *err = db_txn(revoke_device, &x);

	if (err == STATUS_OK && x.n == 0)
		err = db_scalar(&one, &found, "SELECT id FROM gate_devices WHERE id = ?", "i", x.id);
	if (err == STATUS_OK && !found)
		err = nerr_raise(HC_ERR_NOTFOUND, "no device %lld", x.id);
	if (err)
		return nerr_pass(err);
	return nerr_pass(app_redirect(r, "/gates"));
}

static NEOERR *bump_code(void *ctx)
{
	struct change *x = ctx;
	char now[20];
	NEOERR *err;

	err = db_exec(&x->n, NULL, "UPDATE gates SET code_serial = code_serial + 1 WHERE id = ?",
		      "i", x->id);
	if (err == STATUS_OK && x->n == 0)
		err = nerr_raise(HC_ERR_NOTFOUND, "no gate %lld", x->id);
	app_now(now);
	if (err == STATUS_OK)
		err = audit_write(&x->r->who, now, "gate_new_code", 0, "gate", x->id, NULL);
	return nerr_pass(err);
}

static NEOERR *new_code(struct req *r)
{
	struct change x = { r, id_param(r), 0 };
	NEOERR *err = db_txn(bump_code, &x);

	if (err)
		return nerr_pass(err);
	return nerr_pass(app_redirect(r, "/gates"));
}

static NEOERR *print(struct req *r)
{
	long long id = id_param(r);
	unsigned char key[GATE_KEY_BYTES];
	char code[GATE_CODE_LEN + 1], path[GATE_CODE_LEN + 16];
	bool found;
	NEOERR *err;

	err = db_row(r->hdf, "Print.Gate", &found,
		     "SELECT id, kind, name, code_serial FROM gates WHERE id = ?", "i", id);
	if (err)
		return nerr_pass(err);
	if (!found)
		return nerr_raise(HC_ERR_NOTFOUND, "no gate %lld", id);
	sess_subkey("gatecode", key);
	gate_code_make(key, (int)id, hdf_get_int_value(r->hdf, "Print.Gate.code_serial", 1), code);
	sodium_memzero(key, sizeof key);
	snprintf(path, sizeof path, "/scan/gate/%s", code);
	err = export_link(r, "Print", path);
	if (err)
		return nerr_pass(err);
	return nerr_pass(app_render(r, "gates_print.cs"));
}

/* Bars of a gate's 24 hours, scaled to the busiest hour of any gate. */
static void export_bars(struct req *r, int gate, const long long hours[24], long long peak)
{
	char key[96];

	for (int h = 0; h < 24; h++) {
		int height = peak ? (int)(hours[h] * 80 / peak) : 0;

		snprintf(key, sizeof key, "Stats.Gate.%d.Bar.%d.N", gate, h);
		hdf_set_int_value(r->hdf, key, (int)hours[h]);
		snprintf(key, sizeof key, "Stats.Gate.%d.Bar.%d.X", gate, h);
		hdf_set_int_value(r->hdf, key, 4 + h * 12);
		snprintf(key, sizeof key, "Stats.Gate.%d.Bar.%d.Y", gate, h);
		hdf_set_int_value(r->hdf, key, 90 - height);
		snprintf(key, sizeof key, "Stats.Gate.%d.Bar.%d.H", gate, h);
		hdf_set_int_value(r->hdf, key, height);
	}
}

#define STATS_MAX_GATES 64

static NEOERR *stats(struct req *r)
{
	const char *q = app_param(r, "day", NULL);
	int day = q ? day_parse(q) : app_today();
	static long long hours[STATS_MAX_GATES][24];
	char from[11], until[11], key[96];
	long long peak = 0, total[STATS_MAX_GATES] = { 0 };
	int ngates = 0, cur = -1;
	long long cur_gate = -2;
	DB_CURSOR *c = NULL;
	NEOERR *err;

	if (day <= 0) {
		r->status = 400;
		hdf_set_value(r->hdf, "Page.Message", tr(r, "form.err.date"));
		day = app_today();
	}
	day_format(day, from);
	day_format(day + 1, until);
	hdf_set_value(r->hdf, "Stats.Day", from);
	memset(hours, 0, sizeof hours);
	err = db_query(&c, "SELECT COALESCE(a.gate_id, 0), COALESCE(g.name, ''), a.kind, "
		"HOUR(a.at), COUNT(*) FROM arrivals a LEFT JOIN gates g ON g.id = a.gate_id "
		"WHERE a.at >= ? AND a.at < ? GROUP BY 1, 2, 3, 4 ORDER BY 3, 2, 1, 4",
		"ss", from, until);
	if (err)
		return nerr_pass(err);
	while (db_next(c)) {
		long long g = db_int(c, 0) * 2 + (strcmp(db_str(c, 2), "dorm") == 0);
		int h = (int)db_int(c, 3);

		if (g != cur_gate) {
			if (ngates == STATS_MAX_GATES)
				break;
			cur = ngates++;
			cur_gate = g;
			snprintf(key, sizeof key, "Stats.Gate.%d.Name", cur);
			hdf_set_value(r->hdf, key, db_str(c, 1));
			snprintf(key, sizeof key, "Stats.Gate.%d.Kind", cur);
			hdf_set_value(r->hdf, key, db_str(c, 2));
		}
		if (h >= 0 && h < 24) {
			hours[cur][h] += db_int(c, 4);
			total[cur] += db_int(c, 4);
			if (hours[cur][h] > peak)
				peak = hours[cur][h];
		}
	}
	db_cursor_free(&c);
	for (int i = 0; i < ngates; i++) {
		snprintf(key, sizeof key, "Stats.Gate.%d.Total", i);
		hdf_set_int_value(r->hdf, key, (int)total[i]);
		export_bars(r, i, hours[i], peak);
	}
	return nerr_pass(app_render(r, "gates_stats.cs"));
}

#define ID PARAMS({ "id", P_ID, true, .notfound = true })

static const struct action actions[] = {
	{ "", M_GET, R_ADMIN, show },
	{ "add_gate", M_POST, R_ADMIN, add_gate, .form = &gate_form },
	{ "add_device", M_POST, R_ADMIN, add_device, .form = &device_form },
	{ "revoke", M_POST, R_ADMIN, revoke, .params = ID },
	{ "new_code", M_POST, R_ADMIN, new_code, .params = ID },
	{ "print", M_GET, R_ADMIN, print, .params = ID },
	{ "stats", M_GET, R_ADMIN, stats },
	{ 0 }
};

int main(void)
{
	static const struct page page = { "gates", actions };
	return app_main(&page);
}
