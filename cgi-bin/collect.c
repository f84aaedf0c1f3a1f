/*
 * collect.c - /collect: 无账号人员 (seed 004's 外籍教师申报): the people
 * without an account a counselor's group holds (foreign teachers, visiting
 * staff), added with their papers, and declared for by the group's
 * collector when their situation changes (lib/domain/guest.h). A counselor
 * also names the colleagues who collect for their group.
 *
 *   GET  /collect              200 the people in one's scope, a list to
 *                              tick for a declaration, the add form; 403
 *                              for staff who collect for no group
 *   POST /collect/add          303 /collect?added=ID; 400 the form with the
 *                              field at fault named and the values kept
 *                              (an ID number its type refuses); 403 not
 *                              one's group
 *   GET  /collect/declare      200 the declaration form of the first ticked
 *                              (?id=A&id=B...), filled from their last one;
 *                              303 back to the list when none is ticked;
 *                              403 not one's group; 404
 *   POST /collect/declare      303 the next ticked one's form, or
 *                              /collect?declared=N; 400 the form; 403; 404
 *   POST /collect/collector    303 /collect?collector=ID; 400 (counselors)
 *   POST /collect/uncollector  303 /collect; 404 not one's collector
 */
#include "web/app.h"
#include "core/days.h"
#include "domain/guest.h"
#include "domain/idnum.h"
#include "web/form.h"
#include "read/collect.h"

#include <stdio.h>
#include <string.h>

static const struct form_field guest_fields[] = {
	{ "name", FORM_TEXT, true, 1, 64, NULL },
	{ "kind", FORM_CHOICE, true, 0, 0, guest_kinds },
	{ "nationality", FORM_TEXT, true, 1, 64, NULL },
	{ "id_type", FORM_CHOICE, true, 0, 0, id_type_names },
	{ "id_number", FORM_TEXT, true, 1, 20, NULL },
	{ 0 }
};
static const struct form guest_form = { "guest", guest_fields };

#define MAX_TICKED 200

static bool may_view(const struct req *r, int groups)
{
	return (r->who.roles & (R_COUNSELOR | R_REVIEWER | R_ADMIN)) || groups > 0;
}

static NEOERR *render(struct req *r)
{
	char today[11];
	int groups = 0;
	NEOERR *err;

	day_format(app_today(), today);
	hdf_set_value(r->hdf, "Collect.Today", today);
	err = guest_groups(r->hdf, "Collect.Group", &r->who, &groups);
	if (err)
		return nerr_pass(err);
	if (!may_view(r, groups))
		return nerr_raise(HC_ERR_FORBIDDEN, "%d collects for no group", r->who.person_id);
	err = guest_list(r->hdf, "Collect.Guest", &r->who, today);
	if (err == STATUS_OK && (r->who.roles & R_COUNSELOR))
		err = guest_collectors(r->hdf, "Collect.Collector", r->who.person_id);
	if (err)
		return nerr_pass(err);
	form_describe_blank(r, &guest_form);
	return nerr_pass(app_render(r, "collect.cs"));
}

static NEOERR *show(struct req *r)
{
	return nerr_pass(render(r));
}

static NEOERR *add(struct req *r)
{
	struct guest_new g = { 0 };
	struct outcome out = { 0 };
	char path[64];
	bool may;
	NEOERR *err;

	g.group = (int)app_num(r, "group", 0);
	if (g.group == 0) {
		/* None chosen: the first group of one's own (a counselor's own). */
		err = guest_groups(r->hdf, "Collect.Group", &r->who, NULL);
		if (err)
			return nerr_pass(err);
		g.group = hdf_get_int_value(r->hdf, "Collect.Group.0.id", 0);
	}
	/* Not one's group: refused before the form is read. */
	err = guest_may_collect(&r->who, g.group, &may);
	if (err)
		return nerr_pass(err);
	if (!may)
		return nerr_raise(HC_ERR_FORBIDDEN, "%d does not collect for group %d",
				  r->who.person_id, g.group);
	if (form_check(r, &guest_form) == 0) {
		g.name = app_param(r, "name", "");
		g.kind = app_param(r, "kind", "");
		g.id_type = app_param(r, "id_type", "");
		g.id_number = app_param(r, "id_number", "");
		g.nationality = app_param(r, "nationality", "");
		err = guest_add(&r->who, &g, &out);
		if (err)
			return nerr_pass(err);
		if (out.ok) {
			snprintf(path, sizeof path, "/collect?added=%lld", out.id);
			return nerr_pass(app_redirect(r, path));
		}
		return nerr_pass(form_refused(r, &out, "group", render));
	}
	r->status = 400;
	return nerr_pass(render(r));
}

/* The ticked guests (?id=...), the first of them loaded and checked. */
static NEOERR *declare_subject(struct req *r, long long *ids, int *n, struct guest_row *g)
{
	char key[48];
	bool found, may;
	NEOERR *err;

	*n = app_nums(r, "id", ids, MAX_TICKED);
	if (*n == 0)
		return nerr_raise(HC_ERR_BADREQ, "no one ticked");
	err = guest_load((int)ids[0], g, &found);
	if (err)
		return nerr_pass(err);
	if (!found)
		return nerr_raise(HC_ERR_NOTFOUND, "no guest %lld", ids[0]);
	err = guest_may_collect(&r->who, g->group, &may);
	if (err)
		return nerr_pass(err);
	if (!may)
		return nerr_raise(HC_ERR_FORBIDDEN, "guest %d is not of %d's groups", g->id,
				  r->who.person_id);
	hdf_set_int_value(r->hdf, "Guest.id", g->id);
	hdf_set_value(r->hdf, "Guest.name", g->name);
	hdf_set_value(r->hdf, "Guest.kind", g->kind);
	hdf_set_value(r->hdf, "Guest.id_type", g->id_type);
	hdf_set_value(r->hdf, "Guest.nationality", g->nationality);
	for (int i = 1; i < *n; i++) {
		snprintf(key, sizeof key, "Guest.Next.%d", i - 1);
		hdf_set_int_value(r->hdf, key, (int)ids[i]);
	}
	hdf_set_int_value(r->hdf, "Guest.Left", *n - 1);
	return STATUS_OK;
}

static void form_value(void *ctx, const char *name, const char *value)
{
	struct req *r = ctx;
	char key[96];

	snprintf(key, sizeof key, "Form.Value.%s", name);
	hdf_set_value(r->hdf, key, value);
}

static NEOERR *show_declare(struct req *r)
{
	long long ids[MAX_TICKED];
	struct guest_row g;
	struct report last;
	char today[11];
	bool found;
	int n;
	NEOERR *err;

	/* The list's button with nothing ticked: back, with a word. */
	if (app_nums(r, "id", ids, MAX_TICKED) == 0)
		return nerr_pass(app_redirect(r, "/collect?ticked=0"));
	err = declare_subject(r, ids, &n, &g);
	if (err)
		return nerr_pass(err);
	day_format(app_today(), today);
	hdf_set_value(r->hdf, "Guest.Day", today);
	form_describe(r, &report_form);
	err = guest_last_report(g.id, app_today(), &last, &found);
	if (err)
		return nerr_pass(err);
	if (found) {
		report_to_form(&last, form_value, r);
		hdf_set_int_value(r->hdf, "Guest.HasLast", 1);
	}
	return nerr_pass(app_render(r, "collect_declare.cs"));
}

static NEOERR *do_declare(struct req *r)
{
	long long ids[MAX_TICKED];
	struct guest_row g;
	struct report rep;
	unsigned flags = 0;
	char path[2048], today[11];
	size_t len;
	int n;
	NEOERR *err = declare_subject(r, ids, &n, &g);

	if (err)
		return nerr_pass(err);
	day_format(app_today(), today);
	hdf_set_value(r->hdf, "Guest.Day", today);
	if (form_check(r, &report_form)) {
		r->status = 400;
		return nerr_pass(app_render(r, "collect_declare.cs"));
	}
	report_from_form(app_query, r, &rep);
	err = guest_declare(&r->who, g.id, app_today(), &rep, &flags);
	if (err)
		return nerr_pass(err);
	if (n == 1) {
		snprintf(path, sizeof path, "/collect?declared=%d", g.id);
		return nerr_pass(app_redirect(r, path));
	}
	len = (size_t)snprintf(path, sizeof path, "/collect/declare?");
	for (int i = 1; i < n && len < sizeof path - 32; i++)
		len += (size_t)snprintf(path + len, sizeof path - len, "%sid=%lld", i > 1 ? "&" : "",
					ids[i]);
	return nerr_pass(app_redirect(r, path));
}

static NEOERR *name_collector(struct req *r)
{
	struct outcome out;
	char path[64];
	const char *number = app_param(r, "number", "");
	NEOERR *err;

	if (!number[0] || strlen(number) > 32) {
		out = (struct outcome){ .field = "number", .msg = "collect.err.number" };
	} else {
		err = guest_collector_name(&r->who, number, &out);
		if (err)
			return nerr_pass(err);
		if (out.ok) {
			snprintf(path, sizeof path, "/collect?collector=%lld", out.id);
			return nerr_pass(app_redirect(r, path));
		}
	}
	hdf_set_value(r->hdf, "Collect.CollectorError", tr(r, out.msg));
	hdf_set_value(r->hdf, "Collect.CollectorNumber", number);
	r->status = 400;
	return nerr_pass(render(r));
}

static NEOERR *unname_collector(struct req *r)
{
	struct outcome out;
	NEOERR *err = guest_collector_revoke(&r->who, (int)app_num(r, "id", 0), &out);

	if (err)
		return nerr_pass(err);
	if (out.not_found)
		return nerr_raise(HC_ERR_NOTFOUND, "no such collector of %d", r->who.person_id);
	return nerr_pass(app_redirect(r, "/collect?uncollected=1"));
}

#define STAFFISH (R_STAFF | R_COUNSELOR | R_REVIEWER | R_ADMIN)
#define TICKED PARAMS({ "id", P_ID, true, .notfound = true })

static const struct action actions[] = {
	{ "", M_GET, STAFFISH, show },
	{ "add", M_POST, R_STAFF | R_COUNSELOR, add, .form = &guest_form,
	  .params = PARAMS({ "group", P_ID }) },
	{ "declare", M_GET, R_STAFF | R_COUNSELOR, show_declare, .lists = "id",
	  .params = PARAMS({ "id", P_ID, .notfound = true }) },
	{ "declare", M_POST, R_STAFF | R_COUNSELOR, do_declare, .lists = "id", .params = TICKED,
	  .form = &report_form },
	{ "collector", M_POST, R_COUNSELOR, name_collector },
	{ "uncollector", M_POST, R_COUNSELOR, unname_collector,
	  .params = PARAMS({ "id", P_ID, true, .notfound = true }) },
	{ 0 }
};

int main(void)
{
	static const struct page page = { "collect", actions };
	return app_main(&page);
}
