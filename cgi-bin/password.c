/*
 * password.c - /password: one's own password changed (the old one asked
 * first), which an account an admin made must do before anything else
 * (app.c sends it here); and the one-time reset link an admin handed
 * over (lib/domain/account.h: 24 hours, usable once).
 *
 *   GET  /password              200 the form (a notice when the change is
 *                               required)
 *   POST /password              303 /password?done=1; 400 the form with a
 *                               message per field (wrong old password,
 *                               the two new ones differ, too short)
 *   GET  /password/reset/TOKEN  200 the form for a new password; 410 a
 *                               link used, expired or unknown
 *   POST /password/reset/TOKEN  303 /login?reset=1; 400 the form again;
 *                               410 as above (a second use among them)
 */
#include "web/app.h"
#include "web/auth.h"
#include "web/form.h"
#include "domain/account.h"

#include <sodium.h>
#include <string.h>

static const struct form_field change_fields[] = {
	{ "old_password", FORM_PASSWORD, true, 1, 128, NULL },
	{ "new_password", FORM_PASSWORD, true, 8, 128, NULL },
	{ "new_password2", FORM_PASSWORD, true, 1, 128, NULL },
	{ 0 }
};
static const struct form change_form = { "password", change_fields };

static const struct form_field reset_fields[] = {
	{ "new_password", FORM_PASSWORD, true, 8, 128, NULL },
	{ "new_password2", FORM_PASSWORD, true, 1, 128, NULL },
	{ 0 }
};
static const struct form reset_form = { "password", reset_fields };

static NEOERR *show(struct req *r)
{
	form_describe(r, &change_form);
	if (r->who.must_change_pw)
		hdf_set_int_value(r->hdf, "Password.Required", 1);
	return nerr_pass(app_render(r, "password.cs"));
}

/* The two new passwords agree; else the second field says so. */
static bool confirmed(struct req *r)
{
	if (strcmp(app_param(r, "new_password", ""), app_param(r, "new_password2", "")) == 0)
		return true;
	form_error(r, "new_password2", "password.err.differ");
	return false;
}

static NEOERR *change(struct req *r)
{
	struct actor a = r->who;
	struct outcome o = { 0 };
	char hash[128];
	NEOERR *err;

	if (form_check(r, &change_form) || !confirmed(r)) {
		r->status = 400;
		return nerr_pass(show(r));
	}
	err = auth_hash_password(app_param(r, "new_password", ""), hash);
	if (err == STATUS_OK)
		err = account_change_password(&a, app_param(r, "old_password", ""), hash, &o);
	sodium_memzero(hash, sizeof hash);
	if (err)
		return nerr_pass(err);
	if (!o.ok) {
		r->status = 400;
		form_error(r, "old_password", o.msg);
		return nerr_pass(show(r));
	}
	return nerr_pass(app_redirect(r, "/password?done=1"));
}

static NEOERR *gone(struct req *r)
{
	r->status = 410;
	hdf_set_int_value(r->hdf, "Reset.Gone", 1);
	return nerr_pass(app_render(r, "password_reset.cs"));
}

static NEOERR *reset(struct req *r)
{
	const char *token = app_path_arg(r);
	struct outcome o = { 0 };
	char hash[128];
	int person;
	bool valid;
	NEOERR *err;

	app_header(r, "Cache-Control: no-store");
	if (!strcmp(r->method, "POST")) {
		if (form_check(r, &reset_form) || !confirmed(r)) {
			err = account_reset_valid(token, &person, &valid);
			if (err)
				return nerr_pass(err);
			if (!valid)
				return nerr_pass(gone(r));
			r->status = 400;
			hdf_set_value(r->hdf, "Reset.Token", token);
			return nerr_pass(app_render(r, "password_reset.cs"));
		}
		err = auth_hash_password(app_param(r, "new_password", ""), hash);
		if (err == STATUS_OK)
			err = account_reset_use(token, hash, r->id,
						hdf_get_value(r->hdf, "CGI.RemoteAddress", ""), &o);
		sodium_memzero(hash, sizeof hash);
		if (err)
			return nerr_pass(err);
		if (!o.ok)
			return nerr_pass(gone(r));
		return nerr_pass(app_redirect(r, "/login?reset=1"));
	}
	err = account_reset_valid(token, &person, &valid);
	if (err)
		return nerr_pass(err);
	if (!valid)
		return nerr_pass(gone(r));
	form_describe(r, &reset_form);
	hdf_set_value(r->hdf, "Reset.Token", token);
	return nerr_pass(app_render(r, "password_reset.cs"));
}

static const struct action actions[] = {
	{ "", M_GET, R_ANYONE, show },
	{ "", M_POST, R_ANYONE, change, .form = &change_form },
	{ "reset", M_GET | M_POST, R_ANON, reset, .form = &reset_form },
	{ 0 }
};

int main(void)
{
	static const struct page page = { "password", actions };
	return app_main(&page);
}
