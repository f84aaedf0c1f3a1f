/*
 * phone.c - /phone: one's phone confirmed once (HNU binds it at the first
 * login, seed 002; with Phone.BindAtLogin = 1 a student's "/" comes here
 * until it is). With an SMS gateway behind the outbox (Phone.Gateway = 1)
 * a short code is sent to the number typed and entered here; without
 * one, the page says that an admin confirms the number by hand
 * (/people/phone). The rules are lib/domain/phone.h's.
 *
 *   GET  /phone          200 the number, confirmed or not, and the next step
 *   POST /phone/send     303 /phone (the code queued in the outbox); 400
 *                        the form with the message (not a mobile number,
 *                        a code asked for less than a minute ago, no
 *                        gateway)
 *   POST /phone/confirm  303 /phone?done=1; 400 the message (wrong code,
 *                        expired, too many tries, none asked for)
 */
#include "web/app.h"
#include "web/form.h"
#include "domain/phone.h"
#include "read/checkins.h"

#include <stdio.h>

static const struct form_field send_fields[] = {
	{ "phone", FORM_TEXT, true, 11, 11, NULL },
	{ 0 }
};
static const struct form send_form = { "phone", send_fields };

static const struct form_field code_fields[] = {
	{ "code", FORM_TEXT, true, 6, 6, NULL },
	{ 0 }
};
static const struct form code_form = { "phone", code_fields };

static NEOERR *show(struct req *r)
{
	NEOERR *err = phone_load(r->hdf, "Phone", r->who.person_id);

	if (err)
		return nerr_pass(err);
	if (!hdf_get_value(r->hdf, "Form.Value.phone", NULL))
		hdf_set_value(r->hdf, "Form.Value.phone", hdf_get_value(r->hdf, "Phone.phone", ""));
	return nerr_pass(app_render(r, "phone.cs"));
}

/* A refusal: 400 and the page again with the message at its field. */
static NEOERR *send(struct req *r)
{
	struct outcome o = { 0 };
	NEOERR *err;

	if (form_check(r, &send_form)) {
		r->status = 400;
		return nerr_pass(show(r));
	}
	err = phone_send_code(&r->who, app_param(r, "phone", ""), &o);
	if (err)
		return nerr_pass(err);
	if (!o.ok)
		return nerr_pass(form_refused(r, &o, "phone", show));
	return nerr_pass(app_redirect(r, "/phone?sent=1"));
}

static NEOERR *confirm(struct req *r)
{
	struct outcome o = { 0 };
	NEOERR *err;

	if (form_check(r, &code_form)) {
		r->status = 400;
		return nerr_pass(show(r));
	}
	err = phone_confirm_code(&r->who, app_param(r, "code", ""), &o);
	if (err)
		return nerr_pass(err);
	if (!o.ok)
		return nerr_pass(form_refused(r, &o, "phone", show));
	return nerr_pass(app_redirect(r, "/phone?done=1"));
}

static const struct action actions[] = {
	{ "", M_GET, R_STUDENT | R_STAFF, show },
	{ "send", M_POST, R_STUDENT | R_STAFF, send, .form = &send_form },
	{ "confirm", M_POST, R_STUDENT | R_STAFF, confirm, .form = &code_form },
	{ 0 }
};

int main(void)
{
	static const struct page page = { "phone", actions };
	return app_main(&page);
}
