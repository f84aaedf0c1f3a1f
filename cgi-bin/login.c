/*
 * login.c - /login: the local login form, or in remote_user mode the
 * bridge from the campus single sign-on (REMOTE_USER) to a person.
 *
 *   GET  /login   200 form; 303 home when already logged in;
 *                 403 "not registered" for an unknown REMOTE_USER
 *   POST /login   303 to next on success; 400 form with a message on a
 *                 bad field or wrong password; 429 while locked out;
 *                 403 without a valid CSRF token (app.c)
 */
#include "web/app.h"
#include "web/auth.h"
#include "web/form.h"
#include "web/sess.h"
#include "core/url.h"

#include <string.h>

static const struct form_field login_fields[] = {
	{ "login", FORM_TEXT, true, 1, 64, NULL },
	{ "password", FORM_PASSWORD, true, 1, 128, NULL },
	{ 0 }
};
static const struct form login_form = { "login", login_fields };

static const char *next_path(struct req *r)
{
	const char *next = app_param(r, "next", "/");

	/* Local paths only; anything else goes home. */
	return url_local_path(next) ? next : "/";
}

static NEOERR *show_form(struct req *r)
{
	if (sess_remote_user_mode()) {
		if (r->who.person_id)
			return nerr_pass(app_redirect(r, next_path(r)));
		if (hdf_get_value(r->hdf, "CGI.RemoteUser", NULL)) {
			r->status = 403;
			hdf_set_value(r->hdf, "Login.NotRegistered",
				      hdf_get_value(r->hdf, "CGI.RemoteUser", ""));
		}
		hdf_set_int_value(r->hdf, "Login.Remote", 1);
		return nerr_pass(app_render(r, "login.cs"));
	}
	if (r->who.person_id)
		return nerr_pass(app_redirect(r, next_path(r)));
	form_describe(r, &login_form);
	hdf_set_value(r->hdf, "Login.Next", next_path(r));
	return nerr_pass(app_render(r, "login.cs"));
}

static NEOERR *do_login(struct req *r)
{
	const char *addr = hdf_get_value(r->hdf, "CGI.RemoteAddress", "");
	int person = 0, retry = 0;
	NEOERR *err;

	if (sess_remote_user_mode())
		return nerr_raise(HC_ERR_NOTFOUND, "no local login under remote_user");
	hdf_set_value(r->hdf, "Login.Next", next_path(r));
	if (form_check(r, &login_form)) {
		r->status = 400;
		return nerr_pass(app_render(r, "login.cs"));
	}
	err = auth_check_password(app_param(r, "login", ""), app_param(r, "password", ""),
				  addr, &person, &retry);
	if (nerr_match(err, HC_ERR_TOOMANY)) {
		nerr_ignore(&err);
		r->status = 429;
		app_header(r, "Retry-After: %d", retry * 60);
		hdf_set_value(r->hdf, "Form.Message", tr(r, "login.locked"));
		return nerr_pass(app_render(r, "login.cs"));
	}
	if (err)
		return nerr_pass(err);
	if (person == 0) {
		r->status = 400;
		hdf_set_value(r->hdf, "Form.Message", tr(r, "login.wrong"));
		return nerr_pass(app_render(r, "login.cs"));
	}
	err = sess_login(r, person);
	if (err)
		return nerr_pass(err);
	return nerr_pass(app_redirect(r, next_path(r)));
}

static const struct action actions[] = {
	{ "", M_GET, R_ANON, show_form },
	{ "", M_POST, R_ANON, do_login, .form = &login_form },
	{ 0 }
};

int main(void)
{
	static const struct page page = { "login", actions };
	return app_main(&page);
}
