/*
 * home.c - "/": sends a person to their role's home. Students go to their
 * card; everyone else gets a page linking what exists for their roles.
 *
 *   GET /   303 /card for students; 303 /scan for gate and dorm staff with
 *           no other role; 200 the home page for the others; 303 /login
 *           when nobody is logged in
 */
#include "web/app.h"

static NEOERR *home(struct req *r)
{
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
