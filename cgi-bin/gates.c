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
#include "domain/offline.h"
#include "domain/arrival.h"
#include "domain/gateadmin.h"
#include "core/days.h"
#include "web/form.h"
#include "domain/gate.h"
#include "core/qr.h"
#include "read/gatestats.h"
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

/* Offline.<n>.*: the latest offline scans, flagged first (domain/offline.h). */
static NEOERR *offline_export(struct req *r)
{
	static struct offline_row rows[OFFLINE_LIST_MAX];
	char key[64];
	int n = 0, flagged = 0;
	NEOERR *err = offline_list(rows, OFFLINE_LIST_MAX, &n, &flagged);

	if (err)
		return nerr_pass(err);
	hdf_set_int_value(r->hdf, "Offline.Flagged", flagged);
	for (int i = 0; i < n; i++) {
		const struct offline_row *o = &rows[i];
#define SET(F, V) (snprintf(key, sizeof key, "Offline.Scan.%d." F, i), hdf_set_value(r->hdf, key, V))
		SET("scanned_at", o->scanned_at);
		SET("uploaded_at", o->uploaded_at);
		SET("person", o->person);
		SET("number", o->number);
		SET("gate", o->gate);
		SET("device", o->device);
		SET("result", o->result);
		SET("flag", o->flag);
		SET("state", o->state_signed);
		SET("arrived", o->arrived ? "1" : "0");
#undef SET
		snprintf(key, sizeof key, "Offline.Scan.%d.id", i);
		hdf_set_int_value(r->hdf, key, (int)o->id);
	}
	return STATUS_OK;
}

static NEOERR *render(struct req *r)
{
	char today[11];
	NEOERR *err;

	day_format(app_today(), today);
	err = gatestats_list(r->hdf, "Gates", today);
	if (err == STATUS_OK)
		err = offline_export(r);
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

static NEOERR *add_gate(struct req *r)
{
	long long id;
	NEOERR *err;

	if (form_check(r, &gate_form))
		return nerr_pass(refuse(r, "gate"));
	err = gateadmin_add_gate(&r->who, app_param(r, "kind", ""), app_param(r, "name", ""), &id);
	if (nerr_match(err, HC_ERR_CONFLICT)) {
		nerr_ignore(&err);
		form_error(r, "name", "gates.name_taken");
		return nerr_pass(refuse(r, "gate"));
	}
	if (err)
		return nerr_pass(err);
	return nerr_pass(app_redirect(r, "/gates"));
}

/* The link is shown once: only its hash is kept. */
static NEOERR *add_device(struct req *r)
{
	struct gate_info g;
	const char *name = app_param(r, "name", "");
	char link[ARRIVAL_SECRET_LEN + 1], path[64];
	bool found;
	NEOERR *err;

	if (form_check(r, &device_form))
		return nerr_pass(refuse(r, "device"));
	/* gate_id checked by device_form */
	err = gateadmin_add_device(&r->who, app_num(r, "gate_id", 0), name, link, &g, &found);
	if (err)
		return nerr_pass(err);
	if (!found) {
		form_error(r, "gate_id", "gates.no_gate");
		return nerr_pass(refuse(r, "device"));
	}
	hdf_set_value(r->hdf, "Enrol.Gate.name", g.name);
	hdf_set_value(r->hdf, "Enrol.Device", name);
	snprintf(path, sizeof path, "/scan/enrol/%s", link);
	sodium_memzero(link, sizeof link);
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

static NEOERR *revoke(struct req *r)
{
	long long id = id_param(r);
	bool found;
	NEOERR *err = gateadmin_revoke(&r->who, id, &found);

	if (err == STATUS_OK && !found)
		err = nerr_raise(HC_ERR_NOTFOUND, "no device %lld", id);
	if (err)
		return nerr_pass(err);
	return nerr_pass(app_redirect(r, "/gates"));
}

static NEOERR *new_code(struct req *r)
{
	NEOERR *err = gateadmin_new_code(&r->who, id_param(r));

	if (err)
		return nerr_pass(err);
	return nerr_pass(app_redirect(r, "/gates"));
}

static NEOERR *print(struct req *r)
{
	long long id = id_param(r);
	unsigned char key[GATE_KEY_BYTES];
	char code[GATE_CODE_LEN + 1], path[GATE_CODE_LEN + 16];
	struct gate_info g;
	bool found;
	NEOERR *err;

	err = gateadmin_find(id, &g, &found);
	if (err)
		return nerr_pass(err);
	if (!found)
		return nerr_raise(HC_ERR_NOTFOUND, "no gate %lld", id);
	hdf_set_value(r->hdf, "Print.Gate.kind", g.kind);
	hdf_set_value(r->hdf, "Print.Gate.name", g.name);
	sess_subkey("gatecode", key);
	gate_code_make(key, (int)id, g.code_serial, code);
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

static NEOERR *stats(struct req *r)
{
	const char *q = app_param(r, "day", NULL);
	int day = q ? day_parse(q) : app_today();
	static struct gate_hours gates[GATESTATS_MAX_GATES];
	char from[11], key[96];
	long long peak;
	int n;
	NEOERR *err;

	if (day <= 0) {
		r->status = 400;
		hdf_set_value(r->hdf, "Page.Message", tr(r, "form.err.date"));
		day = app_today();
	}
	day_format(day, from);
	hdf_set_value(r->hdf, "Stats.Day", from);
	err = gatestats_hours(day, gates, GATESTATS_MAX_GATES, &n, &peak);
	if (err)
		return nerr_pass(err);
	for (int i = 0; i < n; i++) {
		snprintf(key, sizeof key, "Stats.Gate.%d.Name", i);
		hdf_set_value(r->hdf, key, gates[i].name);
		snprintf(key, sizeof key, "Stats.Gate.%d.Kind", i);
		hdf_set_value(r->hdf, key, gates[i].kind);
		snprintf(key, sizeof key, "Stats.Gate.%d.Total", i);
		hdf_set_int_value(r->hdf, key, (int)gates[i].total);
		export_bars(r, i, gates[i].hour, peak);
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
