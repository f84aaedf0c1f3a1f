/*
 * org.c - /org: the organisation as a tree (colleges, their majors and
 * classes, with codes and names and how many people each holds); a unit
 * made, renamed, retired or merged into another. The school admin sees
 * and changes every unit; a college admin their own college's majors and
 * classes (403 elsewhere). The rules are lib/domain/org.h's.
 *
 *   GET  /org            200 the tree and the form for a new unit
 *                        (?college=ID one college; 403 another's for a
 *                        college admin)
 *   GET  /org/edit       200 ?id=UNIT rename, retire and merge forms;
 *                        403 outside the college admin's; 404 no unit
 *   POST /org/add        303 /org; 400 the form with a message per field;
 *                        403 a college, or a unit under another college,
 *                        by a college admin
 *   POST /org/rename     303 /org/edit; 400 the form again (code taken...)
 *   POST /org/retire     303 /org/edit; 400 a unit below still in use
 *   POST /org/merge      303 /org/edit with the people moved; 400 no
 *                        such target of the same kind
 */
#include "core/hdfput.h"
#include "web/app.h"
#include "web/form.h"
#include "domain/org.h"
#include "read/directory.h"

#include <stdio.h>
#include <string.h>

static const char *const unit_kinds[] = { "college", "major", "class", NULL };

static const struct form_field add_fields[] = {
	{ "kind", FORM_CHOICE, true, 0, 0, unit_kinds },
	{ "parent_id", FORM_INT, false, 0, 2147483647, NULL },
	{ "code", FORM_TEXT, true, 1, 32, NULL },
	{ "name", FORM_TEXT, true, 1, 100, NULL },
	{ 0 }
};
static const struct form add_form = { "org", add_fields };

static const struct form_field rename_fields[] = {
	{ "id", FORM_INT, true, 1, 2147483647, NULL },
	{ "code", FORM_TEXT, true, 1, 32, NULL },
	{ "name", FORM_TEXT, true, 1, 100, NULL },
	{ 0 }
};
static const struct form rename_form = { "org", rename_fields };

static const struct form_field id_fields[] = {
	{ "id", FORM_INT, true, 1, 2147483647, NULL },
	{ 0 }
};
static const struct form id_form = { "org", id_fields };

static const struct form_field merge_fields[] = {
	{ "id", FORM_INT, true, 1, 2147483647, NULL },
	{ "into", FORM_INT, true, 1, 2147483647, NULL },
	{ 0 }
};
static const struct form merge_form = { "org", merge_fields };

/* The college whose units the request may list: 0 for the whole school. */
static NEOERR *listed_college(struct req *r, int *college)
{
	const struct actor a = r->who;

	*college = form_int(r, "college");
	if (!actor_school_admin(&a)) {
		if (*college && *college != a.admin_college_id)
			return nerr_raise(HC_ERR_FORBIDDEN, "college %d is not %d's", *college,
					  r->who.person_id);
		*college = a.admin_college_id;
	}
	return STATUS_OK;
}


static NEOERR *render(struct req *r)
{
	int college;
	NEOERR *err = listed_college(r, &college);

	if (err == STATUS_OK)
		err = directory_units(r->hdf, "Org.Unit", college, false);
	/* The choosers offer units in use only. */
	if (err == STATUS_OK)
		err = directory_units(r->hdf, "Org.Parent", college, true);
	if (err)
		return nerr_pass(err);
	if (college)
		hdf_set_int_value(r->hdf, "Org.College", college);
	if (r->who.roles & R_ADMIN)
		hdf_set_int_value(r->hdf, "Org.School", 1);
	return nerr_pass(app_render(r, "org.cs"));
}

static NEOERR *show(struct req *r)
{
	form_describe(r, &add_form);
	return nerr_pass(render(r));
}

static NEOERR *add(struct req *r)
{
	const struct actor a = r->who;
	struct outcome o = { 0 };
	NEOERR *err;

	if (form_check(r, &add_form)) {
		r->status = 400;
		return nerr_pass(render(r));
	}
	err = org_create(&a, app_param(r, "kind", ""), form_int(r, "parent_id"),
			 app_param(r, "code", ""), app_param(r, "name", ""), &o);
	if (err)
		return nerr_pass(err);
	if (!o.ok)
		return nerr_pass(form_refused(r, &o, "unit", render));
	return nerr_pass(app_redirect(r, "/org?saved=1"));
}

/* Edit.Unit.*: unit id as its edit page shows it. */
static NEOERR *unit_export(struct req *r, int id)
{
	struct unit_row u;
	bool found;
	NEOERR *err = directory_unit(id, &u, &found);

	if (err || !found)
		return nerr_pass(err);
	return nerr_pass(HDF_PUT(r->hdf, "Edit.Unit", HDF_F(u, id), HDF_F(u, kind),
		HDF_F(u, code), HDF_F(u, name), HDF_F(u, retired_at),
		HDF_F(u, merged_code), HDF_F(u, merged_name)));
}

/* The edit page of unit ?id=, for those who may change it. */
static NEOERR *render_edit(struct req *r)
{
	const struct actor a = r->who;
	struct org_unit u;
	int id = form_int(r, "id");
	bool found;
	NEOERR *err = org_load(id, &u, &found);

	if (err)
		return nerr_pass(err);
	if (!found || !strcmp(u.kind, "school"))
		return nerr_raise(HC_ERR_NOTFOUND, "no unit %d", id);
	if (!actor_may_college(&a, u.college_id))
		return nerr_raise(HC_ERR_FORBIDDEN, "unit %d is outside %d's college", id,
				  r->who.person_id);
	err = unit_export(r, id);
	if (err == STATUS_OK)
		err = directory_merge_targets(r->hdf, "Edit.Target",
					      actor_school_admin(&a) ? 0 : a.admin_college_id,
					      u.kind, id);
	if (err)
		return nerr_pass(err);
	hdf_set_int_value(r->hdf, "Edit.Changeable", actor_school_admin(&a) || strcmp(u.kind, "college"));
	if (!hdf_get_value(r->hdf, "Form.Value.code", NULL)) {
		hdf_set_value(r->hdf, "Form.Value.code", hdf_get_value(r->hdf, "Edit.Unit.code", ""));
		hdf_set_value(r->hdf, "Form.Value.name", hdf_get_value(r->hdf, "Edit.Unit.name", ""));
	}
	return nerr_pass(app_render(r, "org_edit.cs"));
}

static NEOERR *edit(struct req *r)
{
	return nerr_pass(render_edit(r));
}

static NEOERR *back_to_edit(struct req *r, const char *what, long long n)
{
	return nerr_pass(app_redirectf(r, "/org/edit?id=%d&done=%s&n=%lld", form_int(r, "id"),
				       what, n));
}

static NEOERR *rename_unit(struct req *r)
{
	const struct actor a = r->who;
	struct outcome o = { 0 };
	NEOERR *err;

	if (form_check(r, &rename_form)) {
		r->status = 400;
		return nerr_pass(render_edit(r));
	}
	err = org_rename(&a, form_int(r, "id"), app_param(r, "code", ""),
			 app_param(r, "name", ""), &o);
	if (err)
		return nerr_pass(err);
	if (!o.ok)
		return nerr_pass(form_refused(r, &o, "unit", render_edit));
	return nerr_pass(back_to_edit(r, "rename", 0));
}

static NEOERR *retire(struct req *r)
{
	const struct actor a = r->who;
	struct outcome o = { 0 };
	NEOERR *err;

	if (form_check(r, &id_form))
		return nerr_raise(HC_ERR_BADREQ, "retire without a unit");
	err = org_retire(&a, form_int(r, "id"), &o);
	if (err)
		return nerr_pass(err);
	if (!o.ok)
		return nerr_pass(form_refused(r, &o, "unit", render_edit));
	return nerr_pass(back_to_edit(r, "retire", 0));
}

static NEOERR *merge(struct req *r)
{
	const struct actor a = r->who;
	struct outcome o = { 0 };
	NEOERR *err;

	if (form_check(r, &merge_form)) {
		if (!form_int(r, "id"))
			return nerr_raise(HC_ERR_BADREQ, "merge without a unit");
		r->status = 400;
		return nerr_pass(render_edit(r));
	}
	err = org_merge(&a, form_int(r, "id"), form_int(r, "into"), &o);
	if (err)
		return nerr_pass(err);
	if (!o.ok)
		return nerr_pass(form_refused(r, &o, "unit", render_edit));
	return nerr_pass(back_to_edit(r, "merge", o.n));
}

#define ORG_ROLES (R_ADMIN | R_COLLEGE_ADMIN)

static const struct action actions[] = {
	{ "", M_GET, ORG_ROLES, show },
	{ "edit", M_GET, ORG_ROLES, edit },
	{ "add", M_POST, ORG_ROLES, add, .form = &add_form },
	{ "rename", M_POST, ORG_ROLES, rename_unit, .form = &rename_form },
	{ "retire", M_POST, ORG_ROLES, retire, .form = &id_form },
	{ "merge", M_POST, ORG_ROLES, merge, .form = &merge_form },
	{ 0 }
};

int main(void)
{
	static const struct page page = { "org", actions };
	return app_main(&page);
}
