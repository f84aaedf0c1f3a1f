/*
 * booking.c - /booking: 健康预约 (seed 003 三). A person with a building
 * pass (a blue card, or staff who never needed a return; never a red
 * card) books a slot of a venue (the bathhouse ...), at most
 * Policy.BookingMaxActive at a time; the booking's QR is scanned at the
 * venue's entrance phone (/scan/booking) within Policy.BookingGraceMinutes
 * of the start, or it lapses and the place is freed; it ends at the exit's
 * scan, on the phone, or when the slot is over. Repeated no-shows suspend
 * booking for a while, with the reason shown. The school admin adds
 * venues here.
 *
 *   GET  /booking            200 the venues' slots with the places left,
 *                            one's bookings (a QR for the active one), why
 *                            one may not book
 *   POST /booking/book       venue, start: 303 /booking?booked=ID; 409 no
 *                            place left / one at a time / suspended, with
 *                            the reason; 403 no pass (a red card, the
 *                            return not complete); 400 not a slot, or over
 *   POST /booking/end        id: 303 (cancelled before use: the place goes
 *                            back); 404 not one's active booking
 *   GET  /booking/qr?id=     200 the booking's QR (SVG, 60 s); 404
 *   POST /booking/add_venue  school admin: 303; 400 the form with messages
 */
#include "web/app.h"
#include "domain/booking.h"
#include "domain/card.h"
#include "domain/pass.h"
#include "read/campus.h"
#include "read/cardfacts.h"
#include "web/form.h"
#include "web/sess.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static const struct form_field venue_fields[] = {
	{ "building_id", FORM_INT, true, 1, 2147483647, NULL },
	{ "name", FORM_TEXT, true, 1, 30, NULL },
	{ "opens", FORM_TEXT, true, 5, 5, NULL },
	{ "closes", FORM_TEXT, true, 5, 5, NULL },
	{ "slot_minutes", FORM_INT, true, 10, 480, NULL },
	{ "capacity", FORM_INT, true, 1, 10000, NULL },
	{ 0 }
};
static const struct form venue_form = { "venue", venue_fields };

/* Whether the actor may book: the building pass's rule (pass_holder()). */
static NEOERR *may_book(struct req *r, const char **why)
{
	struct card_info ci;
	struct card_verdict v;
	NEOERR *err = card_verdict_load(r->who.person_id, app_today(), &ci, &v);

	*why = NULL;
	if (err)
		return nerr_pass(err);
	card_export(r->hdf, r->lang, "Card", &ci, &v);
	if (!pass_holder(ci.identity, &ci.facts, &v))
		*why = v.colour == COLOUR_RED ? "abnormal" : "no_pass";
	return STATUS_OK;
}

static NEOERR *render(struct req *r)
{
	struct booking_policy p;
	const char *why;
	char now[20];
	int swept;
	NEOERR *err;

	app_now(now);
	booking_policy(&p);
	/* Lapses and ends as of now, so the places left are the truth. */
	err = booking_sweep(0, now, &swept);
	if (err == STATUS_OK)
		err = may_book(r, &why);
	if (err == STATUS_OK)
		err = campus_slots(r->hdf, "Booking.Venue", now, p.grace_minutes);
	if (err == STATUS_OK)
		err = campus_bookings(r->hdf, "Booking.Mine", r->who.person_id);
	if (err == STATUS_OK && (r->who.roles & R_ADMIN))
		err = campus_list(r->hdf, "Places");
	if (err)
		return nerr_pass(err);
	if (why)
		hdf_set_value(r->hdf, "Booking.Why", why);
	hdf_set_int_value(r->hdf, "Booking.Grace", p.grace_minutes);
	hdf_set_int_value(r->hdf, "Booking.NoShows", p.no_shows);
	hdf_set_int_value(r->hdf, "Booking.SuspendDays", p.suspend_days);
	if (hdf_get_obj(r->hdf, "Booking.Mine.0") &&
	    !strcmp(hdf_get_value(r->hdf, "Booking.Mine.0.active", "0"), "1")) {
		app_qr_refresh(r, GATE_TOKEN_TTL / 2, "Booking.QrStamp");
	}
	return nerr_pass(app_render(r, "booking.cs"));
}

static NEOERR *show(struct req *r)
{
	return nerr_pass(render(r));
}

static NEOERR *book(struct req *r)
{
	const char *why, *start = app_param(r, "start", "");
	enum booking_refusal refusal;
	char now[20], until[17], slot[20];
	long long id;
	NEOERR *err = may_book(r, &why);

	if (err)
		return nerr_pass(err);
	if (why) {
		r->status = 403;
		hdf_set_value(r->hdf, "Booking.Refused", why);
		return nerr_pass(render(r));
	}
	/* "YYYY-MM-DD HH:MM:SS" as the page sends it; anything else is no slot. */
	snprintf(slot, sizeof slot, "%s", start);
	app_now(now);
	err = booking_make(&r->who, r->who.person_id, app_num(r, "venue", 0), slot, now, &id,
			   &refusal, until);
	if (err && nerr_handle(&err, HC_ERR_BADREQ))
		refusal = BK_NOT_A_SLOT;
	if (err)
		return nerr_pass(err);
	if (refusal != BK_OK) {
		r->status = refusal == BK_NOT_A_SLOT || refusal == BK_OVER || refusal == BK_NO_VENUE
			    ? 400 : 409;
		hdf_set_value(r->hdf, "Booking.Refused", booking_refusal_name(refusal));
		hdf_set_value(r->hdf, "Booking.Until", until);
		return nerr_pass(render(r));
	}
	return nerr_pass(app_redirectf(r, "/booking?booked=%lld", id));
}

static NEOERR *end(struct req *r)
{
	char now[20];
	bool done;
	NEOERR *err;

	app_now(now);
	err = booking_end(&r->who, r->who.person_id, app_num(r, "id", 0), now, &done);
	if (err)
		return nerr_pass(err);
	if (!done)
		return nerr_raise(HC_ERR_NOTFOUND, "no active booking %lld", app_num(r, "id", 0));
	return nerr_pass(app_redirect(r, "/booking?ended=1"));
}

/* The booking's code: the pass token's layout under a key of its own,
 * the building the venue's and the "entrance" field the booking's id. */
static NEOERR *show_qr(struct req *r)
{
	struct pass_token t = { .person_id = r->who.person_id };
	unsigned char pk[TOKEN_PK_BYTES], key[TOKEN_SK_BYTES];
	char token[PASS_TOKEN_LEN + 1];
	long long id = app_num(r, "id", 0), building = 0;
	bool found = false;
	NEOERR *err;

	err = campus_booking_building(id, r->who.person_id, &building, &found);
	if (err)
		return nerr_pass(err);
	if (!found)
		return nerr_raise(HC_ERR_NOTFOUND, "no active booking %lld", id);
	t.building_id = (int)building;
	t.entrance_id = (int)id;
	sess_signkey("booking", pk, key);
	pass_token_make(key, &t, (long long)time(NULL), randombytes_random(), token);
	sodium_memzero(key, sizeof key);
	return nerr_pass(app_send_qr(r, "/scan/booking", token));
}

static NEOERR *add_venue(struct req *r)
{
	long long id;
	bool found;
	NEOERR *err;

	if (form_check(r, &venue_form)) {
		r->status = 400;
		return nerr_pass(render(r));
	}
	err = venue_add(&r->who, form_id(app_param(r, "building_id", "")), app_param(r, "name", ""),
			app_param(r, "opens", ""), app_param(r, "closes", ""),
			(int)form_id(app_param(r, "slot_minutes", "")),
			(int)form_id(app_param(r, "capacity", "")), &id, &found);
	if (nerr_match(err, HC_ERR_CONFLICT) || nerr_match(err, HC_ERR_BADREQ) || (!err && !found)) {
		const char *field = nerr_match(err, HC_ERR_CONFLICT) ? "name" :
				    err ? "closes" : "building_id";
		const char *msg = nerr_match(err, HC_ERR_CONFLICT) ? "places.name_taken" :
				  err ? "booking.err.hours" : "places.no_building";

		nerr_ignore(&err);
		form_error(r, field, msg);
		r->status = 400;
		return nerr_pass(render(r));
	}
	if (err)
		return nerr_pass(err);
	return nerr_pass(app_redirect(r, "/booking"));
}

static const struct action actions[] = {
	{ "", M_GET, R_STUDENT | R_STAFF, show,
	  .params = PARAMS({ "booked", P_ID }, { "ended", P_INT, .min = 0, .max = 1 }) },
	{ "book", M_POST, R_STUDENT | R_STAFF, book,
	  .params = PARAMS({ "venue", P_ID, true, .notfound = true }) },
	{ "end", M_POST, R_STUDENT | R_STAFF, end,
	  .params = PARAMS({ "id", P_ID, true, .notfound = true }) },
	{ "qr", M_GET, R_STUDENT | R_STAFF, show_qr,
	  .params = PARAMS({ "id", P_ID, true, .notfound = true }) },
	{ "add_venue", M_POST, R_ADMIN, add_venue, .form = &venue_form },
	{ 0 }
};

int main(void)
{
	static const struct page page = { "booking", actions };
	return app_main(&page);
}
