/*
 * scan.c - /scan: the gate (扫码报到) and the dorm (入宿). A gate phone,
 * enrolled once through a one-time link, opens the URL in a student's card
 * QR; the card is computed now with the same card_state() as the card page
 * and the answer is one glance: ALLOW (the arrival is recorded), ALREADY
 * (when and where) or DENY with the reason. Gate and dorm staff logins may
 * scan too. The inverse: a student opens the gate's printed code and
 * records their own arrival.
 *
 *   GET  /scan?t=TOKEN       200 ALLOW / ALREADY / DENY; 403 DENY from a
 *                            phone that is not an enrolled device
 *   GET  /scan               200 the scanning page (camera where the browser
 *                            has BarcodeDetector); 403 not a device
 *   GET  /scan/enrol/LINK    200 "enrol this phone?"; 410 a used, revoked or
 *                            unknown link
 *   POST /scan/enrol/LINK    303 /scan with the device cookie set; 410 as above
 *   GET  /scan/gate/CODE     200 the student's verdict at that gate, with a
 *                            button when they may enter; 404 a void code
 *   POST /scan/gate/CODE     200 ALLOW / ALREADY / DENY for the student
 *   POST /scan/at            303 /scan: a staff member's gate chosen (cookie)
 */
#include "web/app.h"
#include "domain/arrival.h"
#include "domain/card.h"
#include "read/cardfacts.h"
#include "core/conf.h"
#include "core/db.h"
#include "domain/gate.h"
#include "web/sess.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The second PATH_INFO segment: /scan/enrol/<this>. */
static const char *path_arg(struct req *r)
{
	const char *p = hdf_get_value(r->hdf, "CGI.PathInfo", "");

	p += strspn(p, "/");
	p += strcspn(p, "/");
	p += strspn(p, "/");
	return p;
}

/* The answer, one glance: result, reason, and who it is about. */
static NEOERR *answer(struct req *r, const struct scan_verdict *sv,
		      const struct arrival_seen *seen)
{
	hdf_set_value(r->hdf, "Scan.Result", gate_result_name(sv->result));
	hdf_set_value(r->hdf, "Scan.Reason", gate_reason_name(sv->reason));
	if (sv->reason == SCAN_CHECKINS_MISSING) {
		/* The number the card counts, the rule in force. */
		char why[600];
		snprintf(why, sizeof why, "%s", tr(r, "scan.why.checkins_missing"));
		conf_text_days(why, sizeof why, hdf_get_int_value(r->hdf, "Card.StreakDays", 14));
		hdf_set_value(r->hdf, "Scan.Why", why);
	}
	if (seen && seen->found) {
		hdf_set_value(r->hdf, "Scan.At", seen->at);
		hdf_set_value(r->hdf, "Scan.Where", seen->where);
	}
	return nerr_pass(app_render(r, "scan_result.cs"));
}

/* answer(), with whose code it is (the card as it is now). */
static NEOERR *answer_card(struct req *r, const struct scan_verdict *sv,
			   const struct arrival_seen *seen, int person_id)
{
	struct card_info ci;
	struct card_verdict v;
	NEOERR *err;

	int today = app_today();

	err = card_facts_load(person_id, today, &ci);
	if (err && !nerr_handle(&err, HC_ERR_NOTFOUND))
		return nerr_pass(err);
	if (err == STATUS_OK) {
		card_state(&ci.facts, today, ci.streak_days, &v);
		card_export(r->hdf, r->lang, "Card", &ci, &v);
	}
	return nerr_pass(answer(r, sv, seen));
}

static void station_export(struct req *r, const struct scan_station *st)
{
	if (st->today >= 0)
		hdf_set_int_value(r->hdf, "Station.Today", (int)st->today);
	hdf_set_value(r->hdf, "Station.Kind", st->kind == GATE_KIND_DORM ? "dorm" : "gate");
	hdf_set_value(r->hdf, "Station.Name", st->gate_name);
	if (st->device_name[0])
		hdf_set_value(r->hdf, "Station.Device", st->device_name);
}

/* What an ALLOW does: record the scan, only say so (a HEAD: link checkers
 * and prefetches change nothing), or ask the student to confirm (the
 * gate's printed code opened with a GET). */
enum on_allow { ALLOW_RECORD, ALLOW_SAY, ALLOW_ASK };

/*
 * The card of person_id computed now, and the verdict at the station.
 * On ALLOW the scan is recorded; a race lost to another phone (or the same
 * code presented twice at once) turns into ALREADY / REPLAYED.
 */
static NEOERR *decide(struct req *r, const struct scan_station *st, int person_id,
		      int scanned_by, const unsigned char *mac, enum on_allow on_allow)
{
	struct card_info ci;
	struct card_verdict v;
	struct scan_verdict sv;
	struct arrival_seen seen = { 0 };
	bool recorded = false;
	NEOERR *err;

	int today = app_today();

	err = card_facts_load(person_id, today, &ci);
	if (err && nerr_handle(&err, HC_ERR_NOTFOUND)) {
		/* A good signature over a person who no longer exists. */
		sv.result = SCAN_DENY;
		sv.reason = SCAN_BAD_CODE;
		return nerr_pass(answer(r, &sv, NULL));
	}
	if (err)
		return nerr_pass(err);
	card_state(&ci.facts, today, ci.streak_days, &v);
	card_export(r->hdf, r->lang, "Card", &ci, &v);
	gate_decide(st->kind, &ci.facts, &v, &sv);
	if (sv.result == SCAN_ALLOW && on_allow == ALLOW_ASK)
		return nerr_pass(app_render(r, "scan_gate.cs"));
	if (sv.result == SCAN_ALLOW && on_allow == ALLOW_RECORD) {
		err = arrival_record(st, person_id, ci.term_id, ci.facts.boarder_now,
				     scanned_by, mac, &recorded);
		if (err)
			return nerr_pass(err);
		if (!recorded)
			sv.result = SCAN_ALREADY;
	}
	if (sv.result == SCAN_ALREADY) {
		err = arrival_find(person_id, ci.term_id, st->kind, &seen);
		if (err)
			return nerr_pass(err);
		if (!seen.found && mac) {
			/* Lost the race on the token, not on the person. */
			err = arrival_find_token(mac, &seen);
			if (err)
				return nerr_pass(err);
			sv.reason = SCAN_JUST_ADMITTED;
		} else {
			sv.reason = st->kind == GATE_KIND_DORM ? SCAN_MOVED_IN : SCAN_ARRIVED;
		}
	}
	return nerr_pass(answer(r, &sv, &seen));
}

/*
 * Who scans comes first (an unknown phone learns nothing about the code),
 * then the code, then the card as it is now.
 */
static NEOERR *scan(struct req *r)
{
	const char *t = app_param(r, "t", NULL);
	unsigned char key[GATE_KEY_BYTES];
	struct gate_token tok;
	enum gate_token_status ts = TOKEN_MALFORMED;
	struct scan_station st;
	struct scan_verdict sv = { SCAN_DENY, SCAN_OK };
	bool found;
	NEOERR *err;

	if (t != NULL) {
		sess_subkey("scan", key);
		ts = gate_token_check(key, t, (long long)time(NULL), &tok);
		sodium_memzero(key, sizeof key);
	}
	err = arrival_station(&r->who, hdf_get_value(r->hdf, "Cookie." ARRIVAL_DEVICE_COOKIE, NULL),
			      strtoll(hdf_get_value(r->hdf, "Cookie." ARRIVAL_GATE_COOKIE, "0"), NULL, 10),
			      ts == TOKEN_OK ? tok.mac : NULL, t == NULL, &st, &found);
	if (err)
		return nerr_pass(err);
	if (!found) {
		sv.reason = SCAN_UNKNOWN_DEVICE;
		r->status = 403;
		return nerr_pass(answer(r, &sv, NULL));
	}
	station_export(r, &st);
	if (app_param(r, "cam", NULL)) {
		/* Opened by the camera page: go back to it after a glance. */
		hdf_set_int_value(r->hdf, "Page.Refresh", 4);
		hdf_set_value(r->hdf, "Page.RefreshUrl", "/scan");
	}
	if (t == NULL) {
		/* Staff say at which gate they stand; a device's gate is fixed. */
		if (st.staff_id) {
			hdf_set_int_value(r->hdf, "Station.Staff", 1);
			hdf_set_int_value(r->hdf, "Station.GateId", st.gate_id);
			err = db_rows(r->hdf, "Station.Gates", NULL, "SELECT id, name FROM gates "
				      "WHERE kind = ? ORDER BY name", "s",
				      st.kind == GATE_KIND_DORM ? "dorm" : "gate");
			if (err)
				return nerr_pass(err);
		}
		return nerr_pass(app_render(r, "scan.cs"));
	}
	if (ts != TOKEN_OK) {
		sv.reason = gate_token_reason(ts);
		return nerr_pass(answer(r, &sv, NULL));
	}
	/* A code works once. Shown again within its minute (the student
	 * still at the gate, a phone that scanned twice, or a screenshot passed
	 * on) it records nothing and says, not in red, when and where it was
	 * admitted and whose it is: the person at the gate is checked against
	 * the name, not told they are refused while they are inside. */
	if (st.used.found) {
		sv.result = SCAN_ALREADY;
		sv.reason = SCAN_JUST_ADMITTED;
		return nerr_pass(answer_card(r, &sv, &st.used, tok.person_id));
	}
	return nerr_pass(decide(r, &st, tok.person_id, st.staff_id, tok.mac,
				strcmp(r->method, "HEAD") ? ALLOW_RECORD : ALLOW_SAY));
}

/* The device waiting for this one-time link; *found false when none. */
static NEOERR *enrol_lookup(struct req *r, const char *link, unsigned char h[32], bool *found)
{
	*found = false;
	if (!arrival_secret_hash(link, h))
		return STATUS_OK;
	return nerr_pass(db_row(r->hdf, "Enrol", found,
		"SELECT d.name AS device, g.name AS gate, g.kind FROM gate_devices d "
		"JOIN gates g ON g.id = d.gate_id "
		"WHERE d.enrol_hash = ? AND d.revoked_at IS NULL", "b", h, (size_t)32));
}

static NEOERR *enrol_gone(struct req *r)
{
	r->status = 410;
	hdf_set_int_value(r->hdf, "Enrol.Gone", 1);
	return nerr_pass(app_render(r, "scan_enrol.cs"));
}

/* GET asks; POST enrols. The link is spent in the same statement that
 * sets the credential, so two phones opening it at once cannot both enrol,
 * and a link preview (a GET) spends nothing. */
static NEOERR *enrol(struct req *r)
{
	unsigned char h[32], ch[32];
	char cred[ARRIVAL_SECRET_LEN + 1], now[20];
	unsigned long long n = 0;
	bool found;
	NEOERR *err = enrol_lookup(r, path_arg(r), h, &found);

	if (err)
		return nerr_pass(err);
	if (!found)
		return nerr_pass(enrol_gone(r));
	if (strcmp(r->method, "POST")) {
		hdf_set_value(r->hdf, "Enrol.Link", path_arg(r));
		return nerr_pass(app_render(r, "scan_enrol.cs"));
	}
	arrival_secret_new(cred, ch);
	app_now(now);
	err = db_exec(&n, NULL, "UPDATE gate_devices SET enrol_hash = NULL, credential_hash = ?, "
		"enrolled_at = ? WHERE enrol_hash = ? AND revoked_at IS NULL",
		"bsb", ch, sizeof ch, now, h, sizeof h);
	if (err)
		return nerr_pass(err);
	if (n != 1)
		return nerr_pass(enrol_gone(r));
	/* Two years: a gate phone is set up once and kept. */
	app_set_cookie(r, ARRIVAL_DEVICE_COOKIE, cred, "/scan", 63072000L);
	return nerr_pass(app_redirect(r, "/scan"));
}

/* The gate behind a printed code, as a station; *found false for a void code. */
static NEOERR *printed_gate(const char *code, struct scan_station *st, bool *found)
{
	unsigned char key[GATE_KEY_BYTES];
	int id = gate_code_gate_id(code);
	DB_CURSOR *c = NULL;
	NEOERR *err;

	memset(st, 0, sizeof *st);
	*found = false;
	if (id == 0)
		return STATUS_OK;
	err = db_query(&c, "SELECT name, kind, code_serial FROM gates WHERE id = ?",
		       "i", (long long)id);
	if (err)
		return nerr_pass(err);
	if (db_next(c)) {
		sess_subkey("gatecode", key);
		*found = gate_code_ok(key, code, id, (int)db_int(c, 2));
		sodium_memzero(key, sizeof key);
		st->gate_id = id;
		snprintf(st->gate_name, sizeof st->gate_name, "%s", db_str(c, 0));
		st->kind = !strcmp(db_str(c, 1), "dorm") ? GATE_KIND_DORM : GATE_KIND_GATE;
	}
	db_cursor_free(&c);
	return STATUS_OK;
}

/* GET: what the gate would answer, and a button when it lets the student in.
 * Recording waits for the POST, so neither a link preview nor a page
 * elsewhere can record an arrival the student did not make. */
static NEOERR *gate_code(struct req *r)
{
	const char *code = path_arg(r);
	struct scan_station st;
	bool found;
	NEOERR *err = printed_gate(code, &st, &found);

	if (err)
		return nerr_pass(err);
	if (!found)
		return nerr_raise(HC_ERR_NOTFOUND, "void gate code");
	station_export(r, &st);
	hdf_set_value(r->hdf, "Station.Code", code);
	return nerr_pass(decide(r, &st, r->who.person_id, r->who.person_id, NULL,
				strcmp(r->method, "POST") ? ALLOW_ASK : ALLOW_RECORD));
}

/* A staff member's gate, remembered on their phone for a month; 0 or
 * another kind's gate forgets it (they scan as themselves). */
static NEOERR *choose_gate(struct req *r)
{
	long long gate = app_num(r, "gate", 0), found_id = 0;
	char value[24];
	bool found = false;
	NEOERR *err;

	if (gate > 0) {
		err = db_scalar(&found_id, &found, "SELECT id FROM gates WHERE id = ? AND kind = ?",
				"is", gate, (r->who.roles & R_GATE) ? "gate" : "dorm");
		if (err)
			return nerr_pass(err);
	}
	snprintf(value, sizeof value, "%lld", found ? found_id : 0LL);
	app_set_cookie(r, ARRIVAL_GATE_COOKIE, value, "/scan", found ? 2592000L : 0L);
	return nerr_pass(app_redirect(r, "/scan"));
}

static const struct action actions[] = {
	{ "at", M_POST, R_GATE | R_DORM, choose_gate,
	  .params = PARAMS({ "gate", P_INT, .min = 0, .max = 2147483647 }) },
	{ "", M_GET, R_ANON, scan },
	{ "enrol", M_GET | M_POST, R_ANON, enrol },
	{ "gate", M_GET | M_POST, R_STUDENT, gate_code },
	{ 0 }
};

int main(void)
{
	static const struct page page = { "scan", actions };
	return app_main(&page);
}
