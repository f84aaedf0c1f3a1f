/*
 * home.c - "/": sends a person to their role's home. Students go to their
 * card; everyone else gets a page linking what exists for their roles.
 *
 *   GET /   303 /card for students (/phone first while their phone is not
 *           confirmed, with Phone.BindAtLogin = 1); 303 /scan for gate and dorm staff with
 *           no other role; 200 the home page for the others; 303 /login
 *           when nobody is logged in
 */
#include "web/app.h"
#include "core/conf.h"
#include "domain/phone.h"

static NEOERR *home(struct req *r)
{
	/* HNU binds the student's phone at the first login (seed 002). */
	if (r->who.roles == R_STUDENT && conf_int("Phone.BindAtLogin", 0)) {
		bool confirmed = false;
		NEOERR *err = phone_is_confirmed(r->who.person_id, &confirmed);

		if (err)
			return nerr_pass(err);
		if (!confirmed)
			return nerr_pass(app_redirect(r, "/phone"));
	}
	if (r->who.roles == R_STUDENT)
		return nerr_pass(app_redirect(r, "/card"));
	/* A gate phone's account has one job. */
	if ((r->who.roles & (R_GATE | R_DORM)) &&
	    !(r->who.roles & ~(unsigned)(R_GATE | R_DORM | R_STAFF)))
		return nerr_pass(app_redirect(r, "/scan"));
	return nerr_pass(app_render(r, "home.cs"));
}

static const struct action actions[] = {
	{ "", M_GET, R_ANYONE, home },
	{ 0 }
};

int main(void)
{
	static const struct page page = { "home", actions };
	return app_main(&page);
}
