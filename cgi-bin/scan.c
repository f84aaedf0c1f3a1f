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
 *   GET  /scan/pass?t=PASS   a building pass (健康出入证) at an entrance's
 *                            enrolled phone: 200 ALLOW out (recorded), DENY
 *                            with the reason (recorded: red card, no pass,
 *                            a building that does not admit them, another
 *                            entrance), ALREADY for a code that passed, or
 *                            for the way in the temperature form; 403 not
 *                            a device
 *   GET  /scan/booking?t=    a booking's code (健康预约) at a phone of the venue's
 *                            building: booked, the temperature form (too
 *                            early, lapsed, ended: DENY with the reason);
 *                            checked in, ALLOW out (ended); 403 not a device
 *   POST /scan/booking       t and temperature: checked in, or DENY for a
 *                            fever (recorded as at the entrance)
 *   POST /scan/offline       t and at (the phone's Unix time of the scan): a
 *                            scan the enrolled gate phone verified itself
 *                            while the server was out of reach, uploaded:
 *                            200 recorded (an arrival at that time when the
 *                            card was green at signing and the server's rules
 *                            agree; flagged when they do not), or the same
 *                            answer again for a re-upload; 400 a forged
 *                            token; 403 not an enrolled device (a revoked
 *                            one: audited)
 *   POST /scan/pass          t and temperature: ALLOW in (recorded), or
 *                            DENY for a fever (recorded: the card turns
 *                            red, the counselor's queue has it); 400 the
 *                            form again for a temperature that is not one
 */
#include "web/app.h"
#include "domain/arrival.h"
#include "domain/card.h"
#include "read/cardfacts.h"
#include "core/conf.h"
#include "domain/gate.h"
#include "domain/gateadmin.h"
#include "domain/pass.h"
#include "domain/offline.h"
#include "domain/policy.h"
#include "domain/passage.h"
#include "domain/temppass.h"
#include "domain/booking.h"
#include "domain/leave.h"
#include "domain/commute.h"
#include "domain/photo.h"
#include "web/photolink.h"
#include "core/days.h"
#include "core/conf.h"
#include "web/form.h"
#include "web/sess.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <time.h>

/* What an ALLOW does: record the scan, only say so (a HEAD: link checkers
 * and prefetches change nothing), or ask the student to confirm (the
 * gate's printed code opened with a GET). */
enum on_allow { ALLOW_RECORD, ALLOW_SAY, ALLOW_ASK };

/* Scan.Photo: a short-lived link to the person's ID photo (证件照), for the
 * guard to compare faces; none when they have none. */
static NEOERR *photo_export(struct req *r, int person_id)
{
	char link[160];
	long long id = 0;
	NEOERR *err = photo_current(person_id, &id);

	if (err || id == 0)
		return nerr_pass(err);
	photolink_make(id, (long long)time(NULL), link, sizeof link);
	hdf_set_value(r->hdf, "Scan.Photo", link);
	return STATUS_OK;
}

/*
 * 走读报备: a day student who arrived, at the campus gate with their card's
 * code: a valid commute report lets them out and back in every day (out,
 * then in); one expired, not yet valid, waiting or rejected is a DENY
 * with the reason. *sv is changed only when a commute report exists.
 */
static NEOERR *commute_scan(struct req *r, const struct scan_station *st, int person_id,
			    const unsigned char *mac, enum on_allow on_allow, struct scan_verdict *sv)
{
	struct commute_gate g;
	char today[11], key[48];
	bool recorded = false;
	NEOERR *err;

	day_format(app_today(), today);
	err = commute_at_gate(person_id, today, &g);
	if (err || g.phase == COMMUTE_NONE)
		return nerr_pass(err);
	if (g.phase != COMMUTE_VALID) {
		sv->result = SCAN_DENY;
		sv->reason = SCAN_NOT_APPROVED;
		hdf_set_value(r->hdf, "Scan.Commute", commute_phase_name(g.phase));
		snprintf(key, sizeof key, "commute.gate.%s", commute_phase_name(g.phase));
		hdf_set_value(r->hdf, "Scan.Why", tr(r, key));
		hdf_set_value(r->hdf, "Scan.CommuteUntil", g.until);
		return STATUS_OK;
	}
	hdf_set_value(r->hdf, "Scan.Commute", g.going_out ? "out" : "in");
	sv->result = SCAN_ALLOW;
	sv->reason = SCAN_OK;
	if (on_allow != ALLOW_RECORD)
		return STATUS_OK;
	err = commute_pass(g.id, person_id, st->gate_id, g.going_out, mac, &recorded);
	if (err == STATUS_OK && !recorded) {
		sv->result = SCAN_ALREADY;
		sv->reason = SCAN_JUST_ADMITTED;
	}
	return nerr_pass(err);
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

/* The person's card as it is today, judged and exported ("Card");
 * *found false (nothing exported) for a person who no longer exists. */
static NEOERR *load_card(struct req *r, int person_id, int today, struct card_info *ci,
			 struct card_verdict *v, bool *found)
{
	NEOERR *err = card_verdict_load(person_id, today, ci, v);

	*found = !(err && nerr_handle(&err, HC_ERR_NOTFOUND));
	if (err || !*found)
		return nerr_pass(err);
	card_export(r->hdf, r->lang, "Card", ci, v);
	return STATUS_OK;
}

/* load_card(); a person who is no more (a good signature over someone
 * deleted) is answered here: denied, a bad code (*answered). */
static NEOERR *load_card_or_deny(struct req *r, int person_id, int today, struct card_info *ci,
				 struct card_verdict *v, struct scan_verdict *sv, bool *answered)
{
	bool found;
	NEOERR *err = load_card(r, person_id, today, ci, v, &found);

	*answered = false;
	if (err || found)
		return nerr_pass(err);
	sv->result = SCAN_DENY;
	sv->reason = SCAN_BAD_CODE;
	*answered = true;
	return nerr_pass(answer(r, sv, NULL));
}

/* answer(), with whose code it is (the card as it is now). */
static NEOERR *answer_card(struct req *r, const struct scan_verdict *sv,
			   const struct arrival_seen *seen, int person_id)
{
	struct card_info ci;
	struct card_verdict v;
	bool found;
	NEOERR *err = load_card(r, person_id, app_today(), &ci, &v, &found);

	if (err)
		return nerr_pass(err);
	return nerr_pass(answer(r, sv, seen));
}

static void station_export(struct req *r, const struct scan_station *st)
{
	if (st->today >= 0)
		hdf_set_int_value(r->hdf, "Station.Today", (int)st->today);
	hdf_set_value(r->hdf, "Station.Kind", gate_kind_name(st->kind));
	hdf_set_value(r->hdf, "Station.Name", st->gate_name);
	if (st->device_name[0])
		hdf_set_value(r->hdf, "Station.Device", st->device_name);
}

/* Station.Gates.<n>.{id, name}: the gates a staff member may stand at. */
static NEOERR *gates_export(struct req *r, const char *kind)
{
	struct gate_info g[GATEADMIN_MAX_GATES];
	char key[64];
	int n = 0;
	NEOERR *err = gateadmin_gates(kind, g, GATEADMIN_MAX_GATES, &n);

	for (int i = 0; err == STATUS_OK && i < n; i++) {
		snprintf(key, sizeof key, "Station.Gates.%d.id", i);
		hdf_set_int_value(r->hdf, key, (int)g[i].id);
		snprintf(key, sizeof key, "Station.Gates.%d.name", i);
		hdf_set_value(r->hdf, key, g[i].name);
	}
	return nerr_pass(err);
}


/*
 * A student who arrived, at the campus gate with their card's code: an
 * approved leave (请销假) lets them out today, and coming back through the
 * gate closes it. *sv is changed only when a leave is concerned.
 */
static NEOERR *leave_scan(struct req *r, const struct scan_station *st, int person_id,
			  const unsigned char *mac, enum on_allow on_allow, struct scan_verdict *sv)
{
	struct leave_gate g;
	char today[11];
	bool recorded = false;
	NEOERR *err;

	day_format(app_today(), today);
	err = leave_at_gate(person_id, today, mac, &g);
	if (err || g.phase == LEAVE_NONE)
		return nerr_pass(err);
	hdf_set_value(r->hdf, "Scan.Leave", g.phase == LEAVE_MAY_GO ? "out" : "back");
	if (g.phase == LEAVE_AWAY && g.same_code) {
		/* The code that let them out, shown again: they are leaving. */
		hdf_set_value(r->hdf, "Scan.Leave", "out");
		sv->result = SCAN_ALREADY;
		sv->reason = SCAN_JUST_ADMITTED;
		return STATUS_OK;
	}
	sv->result = SCAN_ALLOW;
	sv->reason = SCAN_OK;
	if (on_allow != ALLOW_RECORD)
		return STATUS_OK;
	err = g.phase == LEAVE_MAY_GO ? leave_exit(g.id, st->gate_id, mac, &recorded)
				      : leave_return(g.id, st->gate_id, &recorded);
	if (err == STATUS_OK && !recorded) {
		sv->result = SCAN_ALREADY;
		sv->reason = SCAN_JUST_ADMITTED;
	}
	return nerr_pass(err);
}

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
	bool recorded = false, answered;
	NEOERR *err;

	int today = app_today();

	err = load_card_or_deny(r, person_id, today, &ci, &v, &sv, &answered);
	if (err || answered)
		return nerr_pass(err);
	err = photo_export(r, person_id);
	if (err)
		return nerr_pass(err);
	gate_decide(st->kind, &ci.facts, &v, &sv);
	if (st->kind == GATE_KIND_GATE && mac && sv.result == SCAN_ALREADY && sv.reason == SCAN_ARRIVED) {
		err = leave_scan(r, st, person_id, mac, on_allow, &sv);
		if (err)
			return nerr_pass(err);
		if (hdf_get_value(r->hdf, "Scan.Leave", NULL))
			return nerr_pass(answer(r, &sv, NULL));
		if (!ci.facts.boarder_now) {
			err = commute_scan(r, st, person_id, mac, on_allow, &sv);
			if (err)
				return nerr_pass(err);
			if (hdf_get_value(r->hdf, "Scan.Commute", NULL))
				return nerr_pass(answer(r, &sv, NULL));
		}
	}
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
	unsigned char pk[TOKEN_PK_BYTES];
	struct gate_token tok;
	enum gate_token_status ts = TOKEN_MALFORMED;
	struct scan_station st;
	struct scan_verdict sv = { SCAN_DENY, SCAN_OK };
	bool found;
	NEOERR *err;

	if (t != NULL) {
		sess_signkey("scan", pk, NULL);
		ts = gate_token_check(pk, t, (long long)time(NULL), &tok);
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
	if (t == NULL && st.device_id && st.kind == GATE_KIND_GATE) {
		/* The offline verifier (offline.js): the card token's public
		 * key, and what the phone needs to judge a token alone. */
		char b64[sodium_base64_ENCODED_LEN(TOKEN_PK_BYTES, sodium_base64_VARIANT_ORIGINAL)];

		sess_signkey("scan", pk, NULL);
		sodium_bin2base64(b64, sizeof b64, pk, sizeof pk, sodium_base64_VARIANT_ORIGINAL);
		hdf_set_value(r->hdf, "Offline.Key", b64);
		hdf_set_int_value(r->hdf, "Offline.Green", CARD_MAY_RETURN);
		hdf_set_int_value(r->hdf, "Offline.Ttl", GATE_TOKEN_TTL);
		hdf_set_int_value(r->hdf, "Offline.Skew", GATE_TOKEN_SKEW);
		hdf_set_int_value(r->hdf, "Offline.Device", st.device_id);
		for (int i = 0; i < CARD_STATE_COUNT; i++) {
			char k[40];

			snprintf(k, sizeof k, "Offline.States.%d", i);
			hdf_set_value(r->hdf, k, card_state_name((enum card_state)i));
		}
	}
	if (t == NULL) {
		/* Staff say at which gate they stand; a device's gate is fixed. */
		if (st.staff_id) {
			hdf_set_int_value(r->hdf, "Station.Staff", 1);
			hdf_set_int_value(r->hdf, "Station.GateId", st.gate_id);
			err = gates_export(r, st.kind == GATE_KIND_DORM ? "dorm" : "gate");
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

/*
 * An offline scan uploaded by the gate phone that made it. Who first (an
 * enrolled gate device: a revoked one is refused at its first contact,
 * and the attempt audited), then the token's signature, judged as of the
 * time the phone says it scanned; then the server's own verdict on the
 * card of that day, and the record (domain/offline.h).
 */
static NEOERR *offline_upload(struct req *r)
{
	const char *t = app_param(r, "t", NULL);
	const char *dev = hdf_get_value(r->hdf, "Cookie." ARRIVAL_DEVICE_COOKIE, NULL);
	long long at = app_num(r, "at", 0), now = (long long)time(NULL);
	unsigned char pk[TOKEN_PK_BYTES];
	struct gate_token tok;
	enum gate_token_status ts;
	struct scan_station st;
	struct scan_verdict sv = { SCAN_DENY, SCAN_UNKNOWN_DEVICE }, server;
	struct offline_upload u = { 0 };
	struct offline_done done;
	struct card_info ci;
	struct card_verdict v;
	int revoked = 0, day;
	bool found = false;
	NEOERR *err;

	hdf_set_int_value(r->hdf, "Scan.Offline", 1);
	err = arrival_station(&r->who, dev, 0, NULL, false, &st, &found);
	if (err)
		return nerr_pass(err);
	if (!found || st.device_id == 0) {
		err = offline_revoked_device(dev, &revoked);
		if (err == STATUS_OK && revoked)
			err = offline_refused(&r->who, revoked, "revoked device");
		if (err)
			return nerr_pass(err);
		r->status = 403;
		return nerr_pass(answer(r, &sv, NULL));
	}
	station_export(r, &st);
	if (st.kind != GATE_KIND_GATE) {
		sv.reason = SCAN_NOT_HERE;
		r->status = 400;
		return nerr_pass(answer(r, &sv, NULL));
	}
	sess_signkey("scan", pk, NULL);
	ts = gate_token_check(pk, t, at, &tok);
	if (ts == TOKEN_MALFORMED || ts == TOKEN_BAD_SIGNATURE) {
		err = offline_refused(&r->who, st.device_id, "bad signature");
		if (err)
			return nerr_pass(err);
		sv.reason = SCAN_BAD_CODE;
		r->status = 400;
		return nerr_pass(answer(r, &sv, NULL));
	}
	/* The card as the stored facts give it on the day of the scan. */
	day = day_of_time((time_t)(at < now ? at : now));
	err = card_facts_load(tok.person_id, day, &ci);
	if (err && nerr_handle(&err, HC_ERR_NOTFOUND)) {
		sv.reason = SCAN_BAD_CODE;
		r->status = 400;
		return nerr_pass(answer(r, &sv, NULL));
	}
	if (err)
		return nerr_pass(err);
	card_state(&ci.facts, day, ci.streak_days, &v);
	gate_decide(GATE_KIND_GATE, &ci.facts, &v, &server);
	u.st = &st;
	u.t = &tok;
	u.scanned_at = at;
	u.result = gate_offline_result(&tok);
	u.flag = u.result == SCAN_ALLOW ? gate_offline_flag(ts, at, now, &server) : SCAN_OK;
	u.term_id = ci.term_id;
	u.boarding = ci.facts.boarder_now;
	err = offline_record(&r->who, &u, &done);
	if (err)
		return nerr_pass(err);
	/* The answer: what the phone showed, and what the server made of it. */
	card_export(r->hdf, r->lang, "Card", &ci, &v);
	hdf_set_value(r->hdf, "Scan.Result", done.result);
	hdf_set_value(r->hdf, "Scan.Reason", done.flag[0] ? done.flag :
		      !strcmp(done.result, "allow") ? "ok" :
		      gate_reason_name(gate_state_reason((enum card_state)tok.state)));
	hdf_set_value(r->hdf, "Scan.Flag", done.flag);
	hdf_set_value(r->hdf, "Scan.At", done.scanned_at);
	hdf_set_value(r->hdf, "Scan.Where", st.gate_name);
	hdf_set_int_value(r->hdf, "Scan.Duplicate", done.duplicate);
	hdf_set_int_value(r->hdf, "Scan.Arrived", done.arrived);
	return nerr_pass(app_render(r, "scan_result.cs"));
}

/* The device waiting for this one-time link, as Enrol.*; *found false
 * when none. */
static NEOERR *enrol_lookup(struct req *r, const char *link, unsigned char h[32], bool *found)
{
	struct enrol_wait w;
	NEOERR *err;

	*found = false;
	if (!arrival_secret_hash(link, h))
		return STATUS_OK;
	err = gateadmin_enrol_find(h, &w, found);
	if (err || !*found)
		return nerr_pass(err);
	hdf_set_value(r->hdf, "Enrol.device", w.device);
	hdf_set_value(r->hdf, "Enrol.gate", w.gate);
	hdf_set_value(r->hdf, "Enrol.kind", w.kind);
	return STATUS_OK;
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
	char cred[ARRIVAL_SECRET_LEN + 1];
	bool found, enrolled = false;
	NEOERR *err = enrol_lookup(r, app_path_arg(r), h, &found);

	if (err)
		return nerr_pass(err);
	if (!found)
		return nerr_pass(enrol_gone(r));
	if (strcmp(r->method, "POST")) {
		hdf_set_value(r->hdf, "Enrol.Link", app_path_arg(r));
		return nerr_pass(app_render(r, "scan_enrol.cs"));
	}
	arrival_secret_new(cred, ch);
	err = gateadmin_enrol(h, ch, &enrolled);
	if (err)
		return nerr_pass(err);
	if (!enrolled)
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
	struct gate_info g;
	bool exists = false;
	NEOERR *err;

	memset(st, 0, sizeof *st);
	*found = false;
	if (id == 0)
		return STATUS_OK;
	err = gateadmin_find(id, &g, &exists);
	if (err || !exists)
		return nerr_pass(err);
	sess_subkey("gatecode", key);
	*found = gate_code_ok(key, code, id, g.code_serial);
	sodium_memzero(key, sizeof key);
	st->gate_id = id;
	snprintf(st->gate_name, sizeof st->gate_name, "%s", g.name);
	st->kind = gate_kind_of(g.kind);
	return STATUS_OK;
}

/* GET: what the gate would answer, and a button when it lets the student in.
 * Recording waits for the POST, so neither a link preview nor a page
 * elsewhere can record an arrival the student did not make. */
static NEOERR *gate_code(struct req *r)
{
	const char *code = app_path_arg(r);
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
	long long gate = app_num(r, "gate", 0);
	struct gate_info g;
	char value[24];
	bool found = false;
	NEOERR *err;

	if (gate > 0) {
		err = gateadmin_find(gate, &g, &found);
		if (err)
			return nerr_pass(err);
		found = found && !strcmp(g.kind, (r->who.roles & R_GATE) ? "gate" : "dorm");
	}
	snprintf(value, sizeof value, "%lld", found ? g.id : 0LL);
	app_set_cookie(r, ARRIVAL_GATE_COOKIE, value, "/scan", found ? 2592000L : 0L);
	return nerr_pass(app_redirect(r, "/scan"));
}

/* ---- the building pass at an entrance ------------------------------------ */

static const struct form_field temperature_fields[] = {
	{ "temperature", FORM_DECIMAL, false, 30, 45, NULL },
	{ 0 }
};
static const struct form temperature_form = { "door", temperature_fields };

/* The answer about a code that recorded its passage already. */
static NEOERR *pass_seen(struct req *r, const struct passage_seen *seen)
{
	struct scan_verdict sv = { SCAN_ALREADY, SCAN_JUST_ADMITTED };

	hdf_set_value(r->hdf, "Scan.At", seen->at);
	hdf_set_value(r->hdf, "Scan.Where", seen->where);
	if (!strcmp(seen->result, "deny")) {
		/* Refused once, refused again: the recorded reason. */
		hdf_set_value(r->hdf, "Scan.Result", "deny");
		hdf_set_value(r->hdf, "Scan.Reason", seen->reason);
		return nerr_pass(app_render(r, "scan_result.cs"));
	}
	return nerr_pass(answer(r, &sv, NULL));
}

/* The start of a scan at a building's entrance or a venue: the code
 * checked with the key of `kind` ("pass", "booking"), then the phone's
 * station, shown on the page. *found false when the phone is no enrolled
 * device: the answer (403) is sent. */
/* What a scan at a door starts from: the code (?t=) and what it says, the
 * phone that scans, the verdict so far, and the card once it is loaded. */
struct door_scan {
	const char *t;
	struct pass_token tok;
	enum gate_token_status ts;
	struct scan_station st;
	struct scan_verdict sv;
	struct card_info ci;
	struct card_verdict v;
	int today;
};

/* The code, then the phone: an unknown phone is answered 403 (*found false). */
static NEOERR *entrance_scan_start(struct req *r, const char *kind, struct door_scan *d,
				   bool *found)
{
	unsigned char pk[TOKEN_PK_BYTES];
	struct scan_verdict sv = { SCAN_DENY, SCAN_UNKNOWN_DEVICE };
	NEOERR *err;

	d->t = app_param(r, "t", NULL);
	d->sv = (struct scan_verdict){ SCAN_DENY, SCAN_OK };
	d->today = app_today();
	sess_signkey(kind, pk, NULL);
	d->ts = pass_token_check(pk, d->t, (long long)time(NULL), &d->tok);
	err = arrival_station(&r->who, hdf_get_value(r->hdf, "Cookie." ARRIVAL_DEVICE_COOKIE, NULL),
			      0, NULL, false, &d->st, found);
	if (err)
		return nerr_pass(err);
	if (!*found) {
		r->status = 403;
		return nerr_pass(answer(r, &sv, NULL));
	}
	station_export(r, &d->st);
	return STATUS_OK;
}

/* The temperature measured at the door (?temperature=, tenths; 0 for none)
 * and the fever threshold in force. */
static NEOERR *door_temperature(struct req *r, int *tenths, int *fever)
{
	struct policy pol;
	NEOERR *err = policy_load(&pol);

	*tenths = pass_temperature_tenths(app_param(r, "temperature", ""));
	*fever = pol.fever_tenths;
	return nerr_pass(err);
}

/*
 * Who scans first (only an entrance's enrolled phone), then the code, then
 * what was recorded with it, then the card as it is now and the building.
 */
static NEOERR *pass_scan(struct req *r)
{
	struct door_scan d;
	struct passage_seen seen;
	struct pass_scan ps = { 0 };
	struct passage_new x = { 0 };
	char bname[65];
	bool found, answered, may = false, needs_temp = false, recorded = false;
	NEOERR *err;

	err = entrance_scan_start(r, "pass", &d, &found);
	if (err || !found)
		return nerr_pass(err);
	if (d.st.kind != GATE_KIND_ENTRANCE) {
		d.sv.reason = SCAN_NOT_HERE;
		return nerr_pass(answer(r, &d.sv, NULL));
	}
	if (d.ts != TOKEN_OK) {
		d.sv.reason = gate_token_reason(d.ts);
		return nerr_pass(answer(r, &d.sv, NULL));
	}
	err = passage_find_token(d.tok.mac, &seen);
	if (err)
		return nerr_pass(err);
	err = load_card_or_deny(r, d.tok.person_id, d.today, &d.ci, &d.v, &d.sv, &answered);
	if (err || answered)
		return nerr_pass(err);
	err = photo_export(r, d.tok.person_id);
	if (err)
		return nerr_pass(err);
	hdf_set_value(r->hdf, "Pass.Direction", pass_direction_name(d.tok.direction));
	if (seen.found)
		return nerr_pass(pass_seen(r, &seen));
	err = passage_entrance(d.st.gate_id, &x.building_id, bname, &found);
	if (err == STATUS_OK && found)
		err = passage_may_enter(d.tok.person_id, x.building_id, &may);
	if (err)
		return nerr_pass(err);
	hdf_set_value(r->hdf, "Pass.Building", bname);
	if (!strcmp(r->method, "POST") && form_check(r, &temperature_form)) {
		r->status = 400;
		hdf_set_value(r->hdf, "Pass.Token", d.t);
		return nerr_pass(app_render(r, "scan_pass.cs"));
	}
	ps.station_entrance = d.st.gate_id;
	ps.t = &d.tok;
	ps.holder = pass_holder(d.ci.identity, &d.ci.facts, &d.v);
	ps.red = d.v.colour == COLOUR_RED;
	ps.may_enter = may;
	if (!ps.holder && !ps.red) {
		/* Listed by the admin (seed 003 三③): no return application. */
		err = passage_listed_holder(d.tok.person_id, &ps.holder);
		if (err)
			return nerr_pass(err);
	}
	err = door_temperature(r, &ps.temperature_tenths, &ps.fever_tenths);
	if (err)
		return nerr_pass(err);
	if (d.tok.direction == PASS_IN && found) {
		char now[20];

		app_now(now);
		err = temppass_state(d.tok.person_id, x.building_id, now, &ps.temp);
		if (err)
			return nerr_pass(err);
	}
	pass_decide(&ps, &d.sv, &needs_temp);
	if (d.sv.reason == SCAN_NOT_ALLOWED) {
		/* A building for its residents: say so. */
		bool residents = false;

		err = passage_residents_only(d.tok.person_id, x.building_id, &residents);
		if (err)
			return nerr_pass(err);
		if (residents)
			hdf_set_value(r->hdf, "Scan.Why", tr(r, "scan.why.residents_only"));
	}
	if (needs_temp) {
		/* The way in waits for the temperature measured at the door. */
		hdf_set_value(r->hdf, "Pass.Token", d.t);
		return nerr_pass(app_render(r, "scan_pass.cs"));
	}
	if (ps.temperature_tenths)
		hdf_set_value(r->hdf, "Scan.Temperature", app_param(r, "temperature", ""));
	if (!strcmp(r->method, "HEAD"))
		return nerr_pass(answer(r, &d.sv, NULL));
	x.person_id = d.tok.person_id;
	x.entrance_id = d.st.gate_id;
	x.entrance_name = d.st.gate_name;
	x.direction = d.tok.direction;
	x.device_id = d.st.device_id;
	x.scanned_by = d.st.staff_id;
	x.mac = d.tok.mac;
	x.verdict = d.sv;
	x.temperature_tenths = ps.temperature_tenths;
	err = passage_record(&r->who, &x, &recorded);
	if (err)
		return nerr_pass(err);
	if (!recorded) {
		/* Another phone recorded this code meanwhile. */
		err = passage_find_token(d.tok.mac, &seen);
		if (err)
			return nerr_pass(err);
		if (seen.found)
			return nerr_pass(pass_seen(r, &seen));
	}
	if (d.sv.reason == SCAN_FEVER) {
		/* The card as it is now: red. */
		err = card_facts_load(d.tok.person_id, d.today, &d.ci);
		if (err)
			return nerr_pass(err);
		card_state(&d.ci.facts, d.today, d.ci.streak_days, &d.v);
		card_export(r->hdf, r->lang, "Card", &d.ci, &d.v);
	}
	return nerr_pass(answer(r, &d.sv, NULL));
}

/* A booking's code at the venue: check in with the temperature, or the
 * exit's scan ends it. */
static NEOERR *booking_door(struct req *r)
{
	struct door_scan d;
	static const enum scan_reason why[] = {
		[BS_TOO_EARLY] = SCAN_BOOKING_TOO_EARLY, [BS_LAPSED] = SCAN_BOOKING_LAPSED,
		[BS_DONE] = SCAN_BOOKING_DONE, [BS_UNKNOWN] = SCAN_BAD_CODE };
	enum booking_scan bs;
	char bname[65], state[12], now[20];
	int building = 0, temp, fever;
	bool found, answered;
	NEOERR *err;

	err = entrance_scan_start(r, "booking", &d, &found);
	if (err || !found)
		return nerr_pass(err);
	if (d.st.kind == GATE_KIND_ENTRANCE) {
		err = passage_entrance(d.st.gate_id, &building, bname, &found);
		if (err)
			return nerr_pass(err);
	}
	if (d.ts != TOKEN_OK) {
		d.sv.reason = gate_token_reason(d.ts);
		return nerr_pass(answer(r, &d.sv, NULL));
	}
	if (building == 0 || building != d.tok.building_id) {
		d.sv.reason = SCAN_NOT_HERE;
		return nerr_pass(answer(r, &d.sv, NULL));
	}
	err = load_card_or_deny(r, d.tok.person_id, d.today, &d.ci, &d.v, &d.sv, &answered);
	if (err || answered)
		return nerr_pass(err);
	hdf_set_value(r->hdf, "Pass.Building", bname);
	hdf_set_value(r->hdf, "Pass.Booking", "1");
	err = booking_find(d.tok.entrance_id, d.tok.person_id, building, state);
	if (err)
		return nerr_pass(err);
	err = door_temperature(r, &temp, &fever);
	if (err)
		return nerr_pass(err);
	if (!strcmp(state, "booked")) {
		if (d.v.colour == COLOUR_RED) {
			d.sv.reason = SCAN_ABNORMAL;
			return nerr_pass(answer(r, &d.sv, NULL));
		}
		if (strcmp(r->method, "POST") || form_check(r, &temperature_form) || temp == 0) {
			if (!strcmp(r->method, "POST"))
				r->status = 400;
			hdf_set_value(r->hdf, "Pass.Token", d.t);
			hdf_set_value(r->hdf, "Pass.Action", "/scan/booking");
			hdf_set_value(r->hdf, "Pass.Direction", "in");
			return nerr_pass(app_render(r, "scan_pass.cs"));
		}
		hdf_set_value(r->hdf, "Scan.Temperature", app_param(r, "temperature", ""));
		if (temp >= fever) {
			/* As at any entrance: refused, the card red, the counselor's queue. */
			struct passage_new x = { .person_id = d.tok.person_id, .building_id = building,
				.entrance_id = d.st.gate_id, .entrance_name = d.st.gate_name,
				.direction = PASS_IN, .device_id = d.st.device_id, .scanned_by = d.st.staff_id,
				.mac = d.tok.mac, .verdict = { SCAN_DENY, SCAN_FEVER },
				.temperature_tenths = temp };
			bool recorded;

			err = passage_record(&r->who, &x, &recorded);
			if (err)
				return nerr_pass(err);
			d.sv.reason = SCAN_FEVER;
			return nerr_pass(answer(r, &d.sv, NULL));
		}
	}
	if (!strcmp(r->method, "HEAD"))
		return nerr_pass(answer(r, &d.sv, NULL));
	app_now(now);
	err = booking_scan(d.tok.entrance_id, d.tok.person_id, building, temp, d.tok.mac, now, &bs);
	if (err)
		return nerr_pass(err);
	if (bs == BS_CHECKED_IN || bs == BS_ENDED) {
		d.sv.result = SCAN_ALLOW;
		hdf_set_value(r->hdf, "Pass.Direction", bs == BS_CHECKED_IN ? "in" : "out");
	} else if (bs == BS_JUST_IN) {
		d.sv.result = SCAN_ALREADY;
		d.sv.reason = SCAN_JUST_ADMITTED;
	} else {
		d.sv.reason = why[bs];
	}
	return nerr_pass(answer(r, &d.sv, NULL));
}

static const struct action actions[] = {
	{ "at", M_POST, R_GATE | R_DORM, choose_gate,
	  .params = PARAMS({ "gate", P_INT, .min = 0, .max = 2147483647 }) },
	{ "", M_GET, R_ANON, scan },
	{ "enrol", M_GET | M_POST, R_ANON, enrol },
	{ "gate", M_GET | M_POST, R_STUDENT, gate_code },
	{ "offline", M_POST, R_ANON, offline_upload,
	  .params = PARAMS({ "at", P_INT, true, .min = 1000000000LL, .max = 4000000000LL }) },
	{ "pass", M_GET | M_POST, R_ANON, pass_scan, .form = &temperature_form },
	{ "booking", M_GET | M_POST, R_ANON, booking_door, .form = &temperature_form },
	{ 0 }
};

int main(void)
{
	static const struct page page = { "scan", actions };
	return app_main(&page);
}
