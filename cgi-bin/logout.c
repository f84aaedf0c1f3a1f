/*
 * logout.c - /logout.
 *
 *   GET  /logout  200 a page with the logout button (no side effect)
 *   POST /logout  303 /login; 403 without a valid CSRF token
 */
#include "web/app.h"
#include "web/sess.h"

static NEOERR *confirm(struct req *r)
{
	return nerr_pass(app_render(r, "logout.cs"));
}

static NEOERR *do_logout(struct req *r)
{
	NEOERR *err = sess_logout(r);

	if (err)
		return nerr_pass(err);
	return nerr_pass(app_redirect(r, "/login"));
}

static const struct action actions[] = {
	{ "", M_GET, R_ANON, confirm },
	{ "", M_POST, R_ANON, do_logout },
	{ 0 }
};

int main(void)
{
	static const struct page page = { "logout", actions };
	return app_main(&page);
}
