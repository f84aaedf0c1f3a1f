/*
 * exempt.c - /exempt: who must check in (打卡对象, seed 001), for the school
 * admin. Exemptions from the daily check-in by status (休学 / 退学 / 入伍),
 * by class or by person, each with a reason and a date range; an exempt
 * person is not counted as unreported, gets no reminder, and their card
 * says why nothing is asked of them (lib/domain/exempt.h).
 *
 *   GET  /exempt        200 the exemptions and the form
 *   POST /exempt/add    303 /exempt?added=ID; 400 the form with its
 *                       messages (a kind without its target, an unknown
 *                       class or number, a range ending before it starts)
 *   POST /exempt/end    303 /exempt?ended=ID; 404 no such exemption;
 *                       409 already ended
 */
#include "web/app.h"
#include "read/directory.h"
#include "core/days.h"
#include "domain/exempt.h"
#include "web/form.h"
#include "read/registers.h"

#include <stdio.h>
#include <string.h>

static const char *const kinds[] = { "status", "class", "person", NULL };

static const struct form_field exempt_fields[] = {
	{ "kind", FORM_CHOICE, true, 0, 0, kinds },
	{ "status", FORM_CHOICE, false, 0, 0, exempt_statuses },
	{ "class_id", FORM_INT, false, 1, 2147483647, NULL },
	{ "number", FORM_TEXT, false, 0, 32, NULL },
	{ "reason", FORM_TEXT, true, 1, 200, NULL },
	{ "starts_on", FORM_DATE, true, 0, 0, NULL },
	{ "ends_on", FORM_DATE, false, 0, 0, NULL },
	{ 0 }
};
static const struct form exempt_form = { "exempt", exempt_fields };

static NEOERR *render(struct req *r)
{
	char today[11];
	NEOERR *err;

	day_format(app_today(), today);
	hdf_set_value(r->hdf, "Exempt.Today", today);
	for (int i = 0; exempt_statuses[i]; i++) {
		char key[48];
		snprintf(key, sizeof key, "Exempt.Status.%d", i);
		hdf_set_value(r->hdf, key, exempt_statuses[i]);
	}
	err = exempt_list(r->hdf, "Exempt.Row", today);
	if (err == STATUS_OK)
		err = directory_classes(r->hdf, "Exempt.Class");
	if (err)
		return nerr_pass(err);
	return nerr_pass(app_render(r, "exempt.cs"));
}

static NEOERR *show(struct req *r)
{
	return nerr_pass(render(r));
}

static NEOERR *add(struct req *r)
{
	struct exempt_new x = { 0 };
	long long id = 0;
	NEOERR *err;

	if (form_check(r, &exempt_form) == 0) {
		x.kind = app_param(r, "kind", "");
		x.status = app_param(r, "status", "");
		x.class_id = form_id(app_param(r, "class_id", ""));
		x.reason = app_param(r, "reason", "");
		x.starts_on = app_param(r, "starts_on", "");
		x.ends_on = app_param(r, "ends_on", "");
		if (!strcmp(x.kind, "status") && !x.status[0])
			form_error(r, "status", "exempt.err.status");
		if (!strcmp(x.kind, "class") && x.class_id == 0)
			form_error(r, "class_id", "exempt.err.class");
		if (!strcmp(x.kind, "person")) {
			bool found = false;
			err = directory_person_by_number(app_param(r, "number", ""),
							 &x.person_id, &found);
			if (err)
				return nerr_pass(err);
			if (!found)
				form_error(r, "number", "exempt.err.number");
		}
		if (x.ends_on[0] && day_parse(x.ends_on) < day_parse(x.starts_on))
			form_error(r, "ends_on", "exempt.err.range");
	}
	if (hdf_get_int_value(r->hdf, "Form.Errors", 0) > 0) {
		r->status = 400;
		return nerr_pass(render(r));
	}
	err = exempt_add(&r->who, &x, &id);
	if (err && nerr_handle(&err, HC_ERR_BADREQ)) {
		/* A class that is not one (the list was stale). */
		form_error(r, "class_id", "exempt.err.class");
		r->status = 400;
		return nerr_pass(render(r));
	}
	if (err)
		return nerr_pass(err);
	return nerr_pass(app_redirectf(r, "/exempt?added=%lld", id));
}

static NEOERR *end(struct req *r)
{
	long long id = form_id(app_param(r, "id", ""));
	NEOERR *err;

	if (id <= 0)
		return nerr_raise(HC_ERR_NOTFOUND, "bad exemption id");
	err = exempt_end(&r->who, id);
	if (err)
		return nerr_pass(err);
	return nerr_pass(app_redirectf(r, "/exempt?ended=%lld", id));
}

static const struct action actions[] = {
	{ "", M_GET, R_ADMIN, show },
	{ "add", M_POST, R_ADMIN, add, .form = &exempt_form },
	{ "end", M_POST, R_ADMIN, end },
	{ 0 }
};

int main(void)
{
	static const struct page page = { "exempt", actions };
	return app_main(&page);
}
