/*
 * home.c - "/": sends a person to their role's home. Students go to their
 * card; everyone else gets a page linking what exists for their roles.
 *
 *   GET /   303 /card for students; 303 /scan for gate and dorm staff with
 *           no other role; 200 the home page for the others (reviewers:
 *           their 待办, the pending count per kind linking to the queue's
 *           filter and their latest notices); 303 /login when nobody is
 *           logged in
 */
#include "web/app.h"
#include "domain/notice.h"
#include "domain/queue.h"
#include "domain/scope.h"

static NEOERR *home(struct req *r)
{
	if (r->who.roles == R_STUDENT)
		return nerr_pass(app_redirect(r, "/card"));
	/* A gate phone's account has one job. */
	if ((r->who.roles & (R_GATE | R_DORM)) &&
	    !(r->who.roles & ~(unsigned)(R_GATE | R_DORM | R_STAFF)))
		return nerr_pass(app_redirect(r, "/scan"));
	if (r->who.roles & (R_COUNSELOR | R_REVIEWER | R_ADMIN)) {
		long long bound;
		enum scope_kind sk = scope_kind_of(&r->who, &bound);
		NEOERR *err = queue_counts_load(r->hdf, sk, bound);

		if (err == STATUS_OK)
			err = notice_list_load(r->hdf, "Notices", r->who.person_id);
		if (err)
			return nerr_pass(err);
		hdf_set_int_value(r->hdf, "Home.Todo", 1);
	}
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
