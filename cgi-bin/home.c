/*
 * home.c - "/": sends a person to their role's home. Students go to their
 * card; everyone else gets a page linking what exists for their roles.
 *
 *   GET /   303 /card for students (/phone first while their phone is not
 *           confirmed, with Phone.BindAtLogin = 1); 303 /scan for gate and
 *           dorm staff with no other role; 200 the home page for the others
 *           (reviewers: their 待办, the pending count per kind linking to
 *           the queue's filter and their latest notices); 303 /login when
 *           nobody is logged in; a colleague named collector of a
 *           counselor's group (/collect) finds it linked here
 */
#include "web/app.h"
#include "core/conf.h"
#include "domain/guest.h"
#include "domain/notice.h"
#include "domain/phone.h"
#include "domain/queue.h"
#include "read/collect.h"
#include "read/notices.h"
#include "read/queue.h"

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
	if (r->who.roles & (R_COUNSELOR | R_REVIEWER | R_ADMIN | R_DEPT_HEAD)) {
		NEOERR *err = queue_counts_load(r->hdf, &r->who);

		if (err == STATUS_OK)
			err = notice_list_load(r->hdf, "Notices", r->who.person_id);
		if (err)
			return nerr_pass(err);
		hdf_set_int_value(r->hdf, "Home.Todo", 1);
	} else if (r->who.roles & R_STAFF) {
		/* A colleague a counselor named collector of their group: the
		 * menu's /collect is for the roles that always have it. */
		int groups = 0;
		NEOERR *err = guest_groups(r->hdf, "Home.Group", &r->who, &groups);

		if (err)
			return nerr_pass(err);
		if (groups > 0)
			hdf_set_int_value(r->hdf, "Home.Collects", 1);
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
