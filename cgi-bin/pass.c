/*
 * pass.c - /pass: the building pass (健康出入证, seed 003 三). Once the
 * return is complete (a blue card), or for staff who never needed one,
 * the pass exists: the person picks 我要进 or 我要出 and an entrance, and
 * gets a QR signed for that building, entrance and direction, good for a
 * minute and drawn anew every 30 s (as the card's). The entrance's
 * enrolled phone scans it (/scan/pass). For the counselor in scope, a
 * person's passages of a day (流调).
 *
 *   GET /pass                        200 the chooser (and why there is no
 *                                    pass: a red card, a return not
 *                                    complete)
 *   GET /pass?entrance=ID&dir=in|out 200 the pass's QR; 403 with the reason
 *                                    when the person may not go in (no
 *                                    pass, a red card, a building that
 *                                    does not admit them); 404 no entrance
 *   GET /pass/qr?entrance=ID&dir=    200 the QR (SVG) with a code made now;
 *                                    403 / 404 as above
 *   GET /pass/temp                   200 临时出入审批: the form (building, approver
 *                                    among those listed for it, or the
 *                                    counselor; why; from, until) and one's
 *                                    applications with their state
 *   POST /pass/temp                  303 /pass/temp?applied=ID; 400 the form
 *                                    with a message at each bad field (a
 *                                    window that ends before it starts, is
 *                                    longer than Policy.TempPassMaxHours or
 *                                    over, an approver not listed for it)
 *   GET /pass/trace?person=ID&day=   200 the person's passages of the day
 *                                    (or ?number=); 403 out of scope; 404
 *                                    no such person
 *   GET /pass/photo                  200 证件照: one's photo (or the reviewer's
 *                                    reason for rejecting it), the uploads
 *                                    left this term, the upload form
 *   POST /pass/photo                 303 /pass/photo?saved=1; 400 not a JPEG
 *                                    or PNG (by its bytes) or sides out of
 *                                    bounds; 413 too large; 409 the term's
 *                                    uploads used up (the form again, with
 *                                    the message)
 *   GET /pass/photo_img?id&exp&sig   200 the photo's bytes through a signed
 *                                    link good for minutes (the entrance's
 *                                    phone has no login); 404 otherwise
 *   GET /pass/photos                 200 the current photos in the
 *                                    reviewer's scope, each with a form to
 *                                    reject it with a reason
 *   POST /pass/photo_reject          id, reason: 303 /pass/photos; 400 no
 *                                    reason; 403 out of scope; 404 not
 *                                    current
 */
#include "web/app.h"
#include "core/conf.h"
#include "core/days.h"
#include "domain/card.h"
#include "domain/gate.h"
#include "domain/pass.h"
#include "domain/passage.h"
#include "domain/photo.h"
#include "domain/scope.h"
#include "domain/temppass.h"
#include "read/campus.h"
#include "read/cardfacts.h"
#include "web/form.h"
#include "web/input.h"
#include "web/photolink.h"
#include "web/sess.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* What the person may draw now. */
struct pass_now {
	struct card_info ci;
	struct card_verdict v;
	bool holder, red;
	int entrance_id, building_id;
	int direction;               /* -1: none asked for */
	char building[65];
	enum scan_reason refused;    /* SCAN_OK: the pass may be drawn */
};

/* The card now, and the verdict on the entrance and direction asked for
 * (if any): the same rules as the entrance's scan (pass_decide()). */
static NEOERR *pass_load(struct req *r, struct pass_now *p)
{
	int today = app_today();
	bool found = false, may = false;
	NEOERR *err;

	memset(p, 0, sizeof *p);
	err = card_verdict_load(r->who.person_id, today, &p->ci, &p->v);
	if (err)
		return nerr_pass(err);
	p->holder = pass_holder(p->ci.identity, &p->ci.facts, &p->v);
	p->red = p->v.colour == COLOUR_RED;
	if (!p->holder && !p->red) {
		/* Seed 003 三③: listed by the admin, no return application. */
		err = passage_listed_holder(r->who.person_id, &p->holder);
		if (err)
			return nerr_pass(err);
	}
	p->direction = pass_direction_of(app_param(r, "dir", NULL));
	p->entrance_id = (int)app_num(r, "entrance", 0);
	if (p->entrance_id == 0 || p->direction < 0)
		return STATUS_OK;
	err = passage_entrance(p->entrance_id, &p->building_id, p->building, &found);
	if (err == STATUS_OK && !found)
		err = nerr_raise(HC_ERR_NOTFOUND, "no entrance %d", p->entrance_id);
	if (err == STATUS_OK)
		err = passage_may_enter(r->who.person_id, p->building_id, &may);
	if (err)
		return nerr_pass(err);
	if (p->direction == PASS_IN) {
		struct pass_token t = { .entrance_id = p->entrance_id, .direction = PASS_IN };
		struct pass_scan s = { .station_entrance = p->entrance_id, .t = &t,
			.holder = p->holder, .red = p->red, .may_enter = may };
		struct scan_verdict sv;
		bool needs_temp;
		char now[20];

		app_now(now);
		err = temppass_state(r->who.person_id, p->building_id, now, &s.temp);
		if (err)
			return nerr_pass(err);
		pass_decide(&s, &sv, &needs_temp);
		if (sv.result == SCAN_DENY)
			p->refused = sv.reason;
	}
	return STATUS_OK;
}

static NEOERR *show(struct req *r)
{
	struct pass_now p;
	NEOERR *err = pass_load(r, &p);

	if (err)
		return nerr_pass(err);
	card_export(r->hdf, r->lang, "Card", &p.ci, &p.v);
	hdf_set_int_value(r->hdf, "Pass.Holder", p.holder);
	if (!p.holder)
		hdf_set_value(r->hdf, "Pass.Why", p.red ? "abnormal" : "no_pass");
	err = campus_choices(r->hdf, "Pass.Choice", r->who.person_id);
	if (err)
		return nerr_pass(err);
	if (p.entrance_id && p.direction >= 0) {
		hdf_set_int_value(r->hdf, "Pass.Entrance", p.entrance_id);
		hdf_set_value(r->hdf, "Pass.Direction", pass_direction_name(p.direction));
		hdf_set_value(r->hdf, "Pass.Building", p.building);
		if (p.refused != SCAN_OK) {
			r->status = 403;
			hdf_set_value(r->hdf, "Pass.Refused", gate_reason_name(p.refused));
		} else {
			app_qr_refresh(r, GATE_TOKEN_TTL / 2, "Pass.QrStamp");
		}
	}
	return nerr_pass(app_render(r, "pass.cs"));
}

static NEOERR *show_qr(struct req *r)
{
	struct pass_now p;
	struct pass_token t = { 0 };
	unsigned char pk[TOKEN_PK_BYTES], key[TOKEN_SK_BYTES];
	char token[PASS_TOKEN_LEN + 1];
	NEOERR *err = pass_load(r, &p);

	if (err)
		return nerr_pass(err);
	if (p.entrance_id == 0 || p.direction < 0)
		return nerr_raise(HC_ERR_BADREQ, "entrance and dir are needed");
	if (p.refused != SCAN_OK)
		return nerr_raise(HC_ERR_FORBIDDEN, "no pass: %s", gate_reason_name(p.refused));
	t.person_id = r->who.person_id;
	t.building_id = p.building_id;
	t.entrance_id = p.entrance_id;
	t.direction = (enum pass_direction)p.direction;
	sess_signkey("pass", pk, key);
	pass_token_make(key, &t, (long long)time(NULL), randombytes_random(), token);
	sodium_memzero(key, sizeof key);
	return nerr_pass(app_send_qr(r, "/scan/pass", token));
}

/* 流调: one person's passages of a day, for the staff who see them. */
static NEOERR *trace(struct req *r)
{
	const char *number = app_param(r, "number", "");
	long long person = app_num(r, "person", 0);
	int day = app_day(r, "day");
	char d[11];
	struct card_info ci;
	NEOERR *err;

	if (day < 0)
		day = app_today();
	day_format(day, d);
	hdf_set_value(r->hdf, "Trace.Day", d);
	if (person == 0 && number[0]) {
		err = campus_person_by_number(number, &person);
		if (err)
			return nerr_pass(err);
		if (person == 0) {
			r->status = 404;
			hdf_set_int_value(r->hdf, "Trace.NoOne", 1);
			return nerr_pass(app_render(r, "pass_trace.cs"));
		}
	}
	if (person) {
		err = scope_require(&r->who, (int)person);
		if (err == STATUS_OK)
			err = card_facts_load((int)person, day, &ci);
		if (err == STATUS_OK)
			err = campus_trace(r->hdf, "Trace.Row", person, d);
		if (err)
			return nerr_pass(err);
		hdf_set_int_value(r->hdf, "Trace.Person", (int)person);
		hdf_set_value(r->hdf, "Trace.Name", ci.name);
		hdf_set_value(r->hdf, "Trace.Number", ci.number);
	}
	return nerr_pass(app_render(r, "pass_trace.cs"));
}

static const struct form_field temp_fields[] = {
	{ "building_id", FORM_INT, true, 1, 2147483647, NULL },
	{ "approver_id", FORM_INT, false, 1, 2147483647, NULL },
	{ "reason", FORM_TEXT, true, 1, 200, NULL },
	{ "valid_from", FORM_TEXT, true, 16, 19, NULL },
	{ "valid_until", FORM_TEXT, true, 16, 19, NULL },
	{ 0 }
};
static const struct form temp_form = { "temp", temp_fields };

static NEOERR *temp_render(struct req *r)
{
	char now[20];
	NEOERR *err;

	app_now(now);
	now[10] = 'T';
	now[16] = '\0';
	hdf_set_value(r->hdf, "Temp.Now", now);
	hdf_set_int_value(r->hdf, "Temp.MaxHours",
			  conf_int("Policy.TempPassMaxHours", TEMPPASS_MAX_HOURS));
	err = campus_temp_form(r->hdf, "Temp", r->who.person_id);
	if (err)
		return nerr_pass(err);
	return nerr_pass(app_render(r, "pass_temp.cs"));
}

/* GET: the form and one's applications; POST: an application. */
static NEOERR *temp(struct req *r)
{
	static const char *const where[] = {
		[TP_NO_BUILDING] = "building_id", [TP_BAD_APPROVER] = "approver_id",
		[TP_BAD_WINDOW] = "valid_until", [TP_TOO_LONG] = "valid_until",
		[TP_PAST] = "valid_until" };
	static const char *const why[] = {
		[TP_NO_BUILDING] = "places.no_building", [TP_BAD_APPROVER] = "temp.err.approver",
		[TP_BAD_WINDOW] = "temp.err.window", [TP_TOO_LONG] = "temp.err.too_long",
		[TP_PAST] = "temp.err.past" };
	struct temppass_new x = { 0 };
	enum temppass_problem problem = TP_OK;
	char from[20], until[20], now[20];
	long long id = 0;
	int bad;
	NEOERR *err;

	if (strcmp(r->method, "POST"))
		return nerr_pass(temp_render(r));
	bad = form_check(r, &temp_form);
	if (bad == 0 && !temppass_time(app_param(r, "valid_from", ""), from)) {
		form_error(r, "valid_from", "temp.err.time");
		bad++;
	}
	if (bad == 0 && !temppass_time(app_param(r, "valid_until", ""), until)) {
		form_error(r, "valid_until", "temp.err.time");
		bad++;
	}
	if (bad) {
		r->status = 400;
		return nerr_pass(temp_render(r));
	}
	x.person_id = r->who.person_id;
	x.building_id = form_id(app_param(r, "building_id", ""));
	x.approver_id = form_id(app_param(r, "approver_id", ""));
	x.reason = app_param(r, "reason", "");
	x.from = from;
	x.until = until;
	app_now(now);
	err = temppass_apply(&r->who, &x, now, &id, &problem);
	if (err)
		return nerr_pass(err);
	if (problem != TP_OK) {
		form_error(r, where[problem], why[problem]);
		r->status = 400;
		return nerr_pass(temp_render(r));
	}
	return nerr_pass(app_redirectf(r, "/pass/temp?applied=%lld", id));
}

/* ---- 证件照 ------------------------------------------------------------- */

static NEOERR *photo_render(struct req *r)
{
	struct photo_limits l;
	long long used = 0, id;
	char link[160];
	NEOERR *err;

	photo_limits(&l);
	err = photo_uploads_this_term(r->who.person_id, &used);
	if (err == STATUS_OK)
		err = campus_my_photo(r->hdf, "Photo.Mine", r->who.person_id);
	if (err)
		return nerr_pass(err);
	id = hdf_get_int_value(r->hdf, "Photo.Mine.id", 0);
	if (id) {
		photolink_make(id, (long long)time(NULL), link, sizeof link);
		hdf_set_value(r->hdf, "Photo.Mine.link", link);
	}
	hdf_set_int_value(r->hdf, "Photo.Used", (int)used);
	hdf_set_int_value(r->hdf, "Photo.PerTerm", l.per_term);
	hdf_set_int_value(r->hdf, "Photo.Left", used < l.per_term ? (int)(l.per_term - used) : 0);
	hdf_set_int_value(r->hdf, "Photo.MaxKiB", (int)(l.max_bytes / 1024));
	hdf_set_int_value(r->hdf, "Photo.MinSide", l.min_side);
	hdf_set_int_value(r->hdf, "Photo.MaxSide", l.max_side);
	return nerr_pass(app_render(r, "pass_photo.cs"));
}

static NEOERR *photo_refuse(struct req *r, int status, const char *msg)
{
	r->status = status;
	form_error(r, "file", msg);
	return nerr_pass(photo_render(r));
}

static NEOERR *photo(struct req *r)
{
	static const char *const why[] = { [PH_NOT_IMAGE] = "photo.err.not_image",
		[PH_TOO_LARGE] = "photo.err.too_large", [PH_DIMENSIONS] = "photo.err.dimensions",
		[PH_LIMIT] = "photo.err.limit" };
	static const int status[] = { [PH_NOT_IMAGE] = 400, [PH_TOO_LARGE] = 413,
		[PH_DIMENSIONS] = 400, [PH_LIMIT] = 409 };
	struct photo_limits l;
	enum photo_problem problem;
	const char *data = NULL, *mime = NULL;
	size_t len = 0;
	long long id = 0;
	int w, h;
	NEOERR *err;

	if (strcmp(r->method, "POST"))
		return nerr_pass(photo_render(r));
	if (!input_file(r, "file", &data, &len) || len == 0)
		return nerr_pass(photo_refuse(r, 400, "photo.err.no_file"));
	photo_limits(&l);
	problem = photo_check(&l, (const unsigned char *)data, len, &mime, &w, &h);
	if (problem == PH_OK) {
		err = photo_upload(&r->who, (const unsigned char *)data, len, mime, w, h, &id, &problem);
		if (err)
			return nerr_pass(err);
	}
	if (problem != PH_OK)
		return nerr_pass(photo_refuse(r, status[problem], why[problem]));
	return nerr_pass(app_redirect(r, "/pass/photo?saved=1"));
}

/* The bytes, through the signed link only: whoever holds a fresh link
 * was shown it by this site (the photo's owner, a reviewer, a gate). */
static NEOERR *photo_img(struct req *r)
{
	long long id = app_num(r, "id", 0), exp = app_num(r, "exp", 0);
	struct photo_file f;
	char path[1024], *buf = NULL;
	int len = 0;
	bool found = false;
	NEOERR *err;

	if (!photolink_ok(id, exp, app_param(r, "sig", NULL), (long long)time(NULL)))
		return nerr_raise(HC_ERR_NOTFOUND, "no photo link");
	err = photo_find(id, &f, &found);
	if (err)
		return nerr_pass(err);
	if (!found || !strcmp(f.state, "replaced"))
		return nerr_raise(HC_ERR_NOTFOUND, "no photo %lld", id);
	snprintf(path, sizeof path, "%s/%s", conf_str("Paths.Uploads", ""), f.stored_name);
	err = ne_load_file_len(path, &buf, &len);
	if (err)
		return nerr_pass(err);
	app_header(r, "Cache-Control: private, max-age=600");
	err = app_send(r, f.mime, buf, (size_t)len);
	free(buf);
	return nerr_pass(err);
}

static NEOERR *photos_render(struct req *r)
{
	long long bound;
	enum scope_kind s = scope_kind_of(&r->who, &bound);
	char link[160];
	long long now = (long long)time(NULL);
	HDF *rows;
	NEOERR *err = campus_photos(r->hdf, "Photos.Row", (int)s, bound);

	if (err)
		return nerr_pass(err);
	rows = hdf_get_obj(r->hdf, "Photos.Row");
	for (HDF *h = rows ? hdf_obj_child(rows) : NULL; h; h = hdf_obj_next(h)) {
		photolink_make(hdf_get_int_value(h, "id", 0), now, link, sizeof link);
		hdf_set_value(h, "link", link);
	}
	return nerr_pass(app_render(r, "pass_photos.cs"));
}

static NEOERR *photos(struct req *r)
{
	return nerr_pass(photos_render(r));
}

static const struct form_field reject_fields[] = {
	{ "id", FORM_INT, true, 1, 1e15, NULL },
	{ "reason", FORM_TEXT, true, 1, 200, NULL },
	{ 0 }
};
static const struct form reject_form = { "photo_reject", reject_fields };

static NEOERR *photo_reject_do(struct req *r)
{
	bool found = false;
	NEOERR *err;

	if (form_check(r, &reject_form)) {
		r->status = 400;
		return nerr_pass(photos_render(r));
	}
	err = photo_reject(&r->who, form_id(app_param(r, "id", "")), app_param(r, "reason", ""),
			   &found);
	if (err)
		return nerr_pass(err);
	if (!found)
		return nerr_raise(HC_ERR_NOTFOUND, "no current photo");
	return nerr_pass(app_redirect(r, "/pass/photos?rejected=1"));
}

#define CHOICE PARAMS({ "entrance", P_ID, .notfound = true }, \
		      { "dir", P_ENUM, .values = "in out" })

static const struct action actions[] = {
	{ "", M_GET, R_STUDENT | R_STAFF, show, .params = CHOICE },
	{ "qr", M_GET, R_STUDENT | R_STAFF, show_qr, .params = CHOICE },
	{ "temp", M_GET | M_POST, R_STUDENT | R_STAFF, temp, .form = &temp_form,
	  .params = PARAMS({ "applied", P_ID }) },
	{ "trace", M_GET, R_COUNSELOR | R_REVIEWER | R_ADMIN, trace,
	  .params = PARAMS({ "person", P_ID, .notfound = true }, { "day", P_DAY }) },
	{ "photo", M_GET, R_STUDENT | R_STAFF, photo, .params = PARAMS({ "saved", P_INT, .min = 1, .max = 1 }) },
	{ "photo", M_POST, R_STUDENT | R_STAFF, photo, .flags = A_UPLOAD },
	{ "photo_img", M_GET, R_ANON, photo_img,
	  .params = PARAMS({ "id", P_ID, true, .notfound = true },
			   { "exp", P_INT, true, .min = 0, .max = 4102444800LL, .notfound = true }) },
	{ "photos", M_GET, R_COUNSELOR | R_REVIEWER | R_ADMIN, photos,
	  .params = PARAMS({ "rejected", P_INT, .min = 1, .max = 1 }) },
	{ "photo_reject", M_POST, R_COUNSELOR | R_REVIEWER | R_ADMIN, photo_reject_do,
	  .form = &reject_form },
	{ 0 }
};

int main(void)
{
	static const struct page page = { "pass", actions };
	return app_main(&page);
}
