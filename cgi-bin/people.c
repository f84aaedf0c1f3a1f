/*
 * people.c - /people: everyone the school knows, found by number or name
 * (50 a page); a person made or changed (number, name, identity,
 * college, class, counselor, phone, boarding, status), deleted while they
 * have no records; their account made, disabled, enabled, unlocked, or
 * given a one-time reset link; their roles given and taken. The school
 * admin acts on everyone; a college admin on their own college's people
 * (403 elsewhere). The rules are lib/domain/people.h's and account.h's.
 *
 *   GET  /people           200 ?q=TEXT&page=N the search
 *   GET  /people/new       200 the blank form
 *   POST /people/new       303 /people/edit; 400 the form with a message
 *                          per field; 403 another college
 *   GET  /people/edit      200 ?id=PERSON the form, the account, the roles;
 *                          403 outside a college admin's college; 404
 *   POST /people/edit      303 /people/edit; 400 as above; 403; 404
 *   POST /people/delete    303 /people; 400 a person with records
 *   POST /people/account   303; 400 the account form (login taken, ...)
 *   POST /people/disable   303 (the account's sessions end); 400 oneself
 *                          or the last school admin
 *   POST /people/enable    303
 *   POST /people/unlock    303 (the failed logins forgotten)
 *   POST /people/reset     200 the one-time link, shown once
 *   POST /people/grant     303; 400 bad role or college; 403 a role a
 *                          college admin may not give
 *   POST /people/revoke    303; 400 the last school admin, a counselor
 *                          with students
 *   POST /people/class     303 a class given to a counselor (its students
 *                          reassigned to them, pending work following);
 *                          400 no such class, not a counselor; 403 a class
 *                          or counselor outside a college admin's college
 *   POST /people/phone     303 the stored phone confirmed by hand
 *                          (lib/domain/phone.h); 400 no phone; 403
 *   POST /people/unclass   303 the class taken back (its students keep
 *                          their counselor); 400; 403
 *   GET  /people/import    200 the import of the campus systems' exports
 *                          (a college admin: their college's people only;
 *                          other rows are named bad rows)
 *   GET  /people/template  200 ?fmt=xlsx|csv the import's template
 *   POST /people/import    200 the preview (added, changed field by field,
 *                          unchanged), the file kept as a draft; 400 with
 *                          every bad row named; 413 a file over the caps
 *   POST /people/apply     200 ?draft=ID the draft applied whole; 400 its
 *                          bad rows (nothing applied); 404 no such draft
 */
#include "web/app.h"
#include "web/auth.h"
#include "web/form.h"
#include "domain/account.h"
#include "domain/people.h"
#include "domain/peopleimport.h"
#include "domain/phone.h"
#include "core/conf.h"
#include "core/sheet.h"
#include "web/input.h"
#include "read/directory.h"
#include "read/imports.h"
#include "read/checkins.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAGE_ROWS 50

static const char *const identities[] = { "undergrad", "grad", "staff", NULL };
static const char *const statuses[] = { "active", "suspended", "withdrawn", "graduated",
					"enlisted", "left", NULL };
static const char *const roles[] = { "counselor", "reviewer", "admin", "gate", "dorm",
				     "college_admin", "dept_head", NULL };

static const struct form_field person_fields[] = {
	{ "number", FORM_TEXT, true, 1, 32, NULL },
	{ "name", FORM_TEXT, true, 1, 64, NULL },
	{ "identity", FORM_CHOICE, true, 0, 0, identities },
	{ "status", FORM_CHOICE, true, 0, 0, statuses },
	{ "college_id", FORM_INT, false, 0, 2147483647, NULL },
	{ "class_id", FORM_INT, false, 0, 2147483647, NULL },
	{ "counselor_id", FORM_INT, false, 0, 2147483647, NULL },
	{ "phone", FORM_TEXT, false, 0, 32, NULL },
	{ "boarding", FORM_BOOL, false, 0, 0, NULL },
	{ 0 }
};
static const struct form person_form = { "person", person_fields };

static const struct form_field account_fields[] = {
	{ "id", FORM_INT, true, 1, 2147483647, NULL },
	{ "login", FORM_TEXT, true, 1, 64, NULL },
	{ "password", FORM_PASSWORD, true, 8, 128, NULL },
	{ 0 }
};
static const struct form account_form = { "account", account_fields };

static const struct form_field id_fields[] = {
	{ "id", FORM_INT, true, 1, 2147483647, NULL },
	{ 0 }
};
static const struct form id_form = { "person", id_fields };

static const struct form_field role_fields[] = {
	{ "id", FORM_INT, true, 1, 2147483647, NULL },
	{ "role", FORM_CHOICE, true, 0, 0, roles },
	{ "org_id", FORM_INT, false, 0, 2147483647, NULL },
	{ 0 }
};
static const struct form role_form = { "role", role_fields };

static const struct form_field class_fields[] = {
	{ "id", FORM_INT, true, 1, 2147483647, NULL },
	{ "give_class", FORM_INT, true, 1, 2147483647, NULL },
	{ 0 }
};
static const struct form class_form = { "class", class_fields };

static const struct form_field search_fields[] = {
	{ "q", FORM_TEXT, false, 0, 64, NULL },
	{ "page", FORM_INT, false, 1, 100000, NULL },
	{ 0 }
};
static const struct form search_form = { "search", search_fields };

/* The college an actor's lists cover: 0 for the whole school. */
static long long scope_college(struct req *r)
{
	return (r->who.roles & R_ADMIN) ? 0 : r->who.admin_college_id;
}

/* LIKE's own characters in q are matched as themselves. */
static void like_escaped(const char *q, char *out, size_t n)
{
	size_t j = 0;

	for (; *q && j + 2 < n; q++) {
		if (*q == '%' || *q == '_' || *q == '\\')
			out[j++] = '\\';
		out[j++] = *q;
	}
	out[j] = '\0';
}

static NEOERR *search(struct req *r)
{
	char like[140];
	long long total = 0, college = scope_college(r);
	int page = 1;
	NEOERR *err;

	if (form_check(r, &search_form)) {
		r->status = 400;
	} else {
		page = form_int(r, "page") ? form_int(r, "page") : 1;
	}
	like_escaped(hdf_get_value(r->hdf, "Form.Value.q", ""), like, sizeof like);
	hdf_set_int_value(r->hdf, "People.Page", page);
	if (!like[0])
		return nerr_pass(app_render(r, "people.cs"));
	err = directory_search(r->hdf, "People.Row", like, college, PAGE_ROWS,
			       (page - 1) * PAGE_ROWS, &total);
	if (err)
		return nerr_pass(err);
	hdf_set_int_value(r->hdf, "People.Total", (int)total);
	if ((long long)page * PAGE_ROWS < total)
		hdf_set_int_value(r->hdf, "People.Next", page + 1);
	if (page > 1)
		hdf_set_int_value(r->hdf, "People.Prev", page - 1);
	return nerr_pass(app_render(r, "people.cs"));
}

/* The choosers: colleges, classes and counselors in use, in the actor's
 * college; a unit the person is in stays offered after it retired. */
static NEOERR *choosers(struct req *r, int person)
{
	return nerr_pass(directory_choosers(r->hdf, "Choose", scope_college(r), person));
}

static NEOERR *render_new(struct req *r)
{
	NEOERR *err = choosers(r, 0);

	if (err)
		return nerr_pass(err);
	if (!hdf_get_value(r->hdf, "Form.Value.status", NULL)) {
		hdf_set_value(r->hdf, "Form.Value.status", "active");
		hdf_set_value(r->hdf, "Form.Value.identity", "undergrad");
		hdf_set_value(r->hdf, "Form.Value.boarding", "1");
	}
	return nerr_pass(app_render(r, "people_edit.cs"));
}

static NEOERR *new_form(struct req *r)
{
	form_describe(r, &person_form);
	return nerr_pass(render_new(r));
}

/* The person ?id= (or the form's id), their account and roles, for those
 * who may see them. */
static NEOERR *render_edit(struct req *r)
{
	const struct actor a = r->who;
	int id = form_int(r, "id"), college = 0;
	bool found;
	NEOERR *err = people_college(id, &college, &found);

	if (err)
		return nerr_pass(err);
	if (!found)
		return nerr_raise(HC_ERR_NOTFOUND, "no person %d", id);
	if (!actor_may_college(&a, college))
		return nerr_raise(HC_ERR_FORBIDDEN, "person %d is outside %d's college", id,
				  r->who.person_id);
	err = directory_person(r->hdf, "Person", id);
	if (err == STATUS_OK)
		err = people_counselor_classes(r->hdf, "Person.Class", id);
	if (err == STATUS_OK)
		err = phone_load(r->hdf, "PersonPhone", id);
	if (err == STATUS_OK)
		err = choosers(r, id);
	if (err)
		return nerr_pass(err);
	/* A form sent back keeps what was typed; else the stored values. */
	if (!hdf_get_value(r->hdf, "Form.Value.number", NULL)) {
		static const char *const copied[] = { "number", "name", "identity", "status", "phone",
			"college_id", "class_id", "counselor_id", "boarding", NULL };
		char from[64], to[64];

		for (int i = 0; copied[i]; i++) {
			snprintf(from, sizeof from, "Person.%s", copied[i]);
			snprintf(to, sizeof to, "Form.Value.%s", copied[i]);
			hdf_set_value(r->hdf, to, hdf_get_value(r->hdf, from, ""));
		}
	}
	form_describe(r, &person_form);
	hdf_set_int_value(r->hdf, "Edit.Id", id);
	if (actor_school_admin(&a))
		hdf_set_int_value(r->hdf, "Edit.School", 1);
	return nerr_pass(app_render(r, "people_edit.cs"));
}

static NEOERR *edit_form(struct req *r)
{
	return nerr_pass(render_edit(r));
}

static NEOERR *to_person(struct req *r, long long id, const char *done)
{
	char path[96];

	snprintf(path, sizeof path, "/people/edit?id=%lld&done=%s", id, done);
	return nerr_pass(app_redirect(r, path));
}

static NEOERR *save(struct req *r)
{
	const struct actor a = r->who;
	bool is_new = !strcmp(r->action, "new");
	struct person_input in = {
		.id = is_new ? 0 : form_int(r, "id"),
		.number = app_param(r, "number", ""), .name = app_param(r, "name", ""),
		.identity = app_param(r, "identity", ""), .status = app_param(r, "status", ""),
		.phone = app_param(r, "phone", ""),
		.college_id = form_int(r, "college_id"), .class_id = form_int(r, "class_id"),
		.counselor_id = form_int(r, "counselor_id"),
		.boarding = !strcmp(app_param(r, "boarding", ""), "1"),
	};
	struct outcome o = { 0 };
	NEOERR *(*again)(struct req *) = is_new ? render_new : render_edit;
	NEOERR *err;

	if (!is_new && in.id == 0)
		return nerr_raise(HC_ERR_BADREQ, "edit without a person");
	if (form_check(r, &person_form)) {
		r->status = 400;
		return nerr_pass(again(r));
	}
	err = people_save(&a, &in, &o);
	if (err)
		return nerr_pass(err);
	if (!o.ok)
		return nerr_pass(form_refused(r, &o, "person", again));
	return nerr_pass(to_person(r, o.id, is_new ? "created" : "saved"));
}

static NEOERR *delete_person(struct req *r)
{
	const struct actor a = r->who;
	struct outcome o = { 0 };
	NEOERR *err;

	if (form_check(r, &id_form))
		return nerr_raise(HC_ERR_BADREQ, "delete without a person");
	err = people_delete(&a, form_int(r, "id"), &o);
	if (err)
		return nerr_pass(err);
	if (!o.ok)
		return nerr_pass(form_refused(r, &o, "person", render_edit));
	return nerr_pass(app_redirect(r, "/people?done=deleted"));
}

static NEOERR *make_account(struct req *r)
{
	const struct actor a = r->who;
	struct outcome o = { 0 };
	char hash[128];
	NEOERR *err;

	if (form_check(r, &account_form)) {
		if (!form_int(r, "id"))
			return nerr_raise(HC_ERR_BADREQ, "account without a person");
		r->status = 400;
		hdf_set_int_value(r->hdf, "Edit.AccountBad", 1);
		return nerr_pass(render_edit(r));
	}
	err = auth_hash_password(app_param(r, "password", ""), hash);
	if (err == STATUS_OK)
		err = account_create(&a, form_int(r, "id"), app_param(r, "login", ""), hash, true, &o);
	sodium_memzero(hash, sizeof hash);
	if (err)
		return nerr_pass(err);
	if (!o.ok) {
		hdf_set_int_value(r->hdf, "Edit.AccountBad", 1);
		hdf_set_value(r->hdf, "Form.Value.login", app_param(r, "login", ""));
		return nerr_pass(form_refused(r, &o, "person", render_edit));
	}
	return nerr_pass(to_person(r, o.id, "account"));
}

/* disable, enable, unlock: one button each. */
static NEOERR *account_switch(struct req *r)
{
	const struct actor a = r->who;
	struct outcome o = { 0 };
	int id = form_int(r, "id");
	NEOERR *err;

	if (form_check(r, &id_form))
		return nerr_raise(HC_ERR_BADREQ, "%s without a person", r->action);
	if (!strcmp(r->action, "unlock"))
		err = account_unlock(&a, id, &o);
	else
		err = account_set_disabled(&a, id, !strcmp(r->action, "disable"), &o);
	if (err)
		return nerr_pass(err);
	if (!o.ok)
		return nerr_pass(form_refused(r, &o, "person", render_edit));
	return nerr_pass(to_person(r, id, r->action));
}

static NEOERR *reset_link(struct req *r)
{
	const struct actor a = r->who;
	struct outcome o = { 0 };
	struct account_row acc;
	char token[ACCOUNT_TOKEN_LEN + 1] = "", path[ACCOUNT_TOKEN_LEN + 32], url[600];
	bool found = false;
	NEOERR *err;

	if (form_check(r, &id_form))
		return nerr_raise(HC_ERR_BADREQ, "reset without a person");
	err = account_reset_issue(&a, form_int(r, "id"), token, &o);
	if (err)
		return nerr_pass(err);
	if (!o.ok)
		return nerr_pass(form_refused(r, &o, "person", render_edit));
	snprintf(path, sizeof path, "/password/reset/%s", token);
	sodium_memzero(token, sizeof token);
	app_site_url(r, path, url, sizeof url);
	hdf_set_value(r->hdf, "Reset.Url", url);
	err = directory_account(form_int(r, "id"), &acc, &found);
	if (err)
		return nerr_pass(err);
	if (found) {
		hdf_set_int_value(r->hdf, "Reset.Person.id", acc.id);
		hdf_set_value(r->hdf, "Reset.Person.number", acc.number);
		hdf_set_value(r->hdf, "Reset.Person.name", acc.name);
		hdf_set_value(r->hdf, "Reset.Person.login", acc.login);
	}
	app_header(r, "Cache-Control: no-store");
	return nerr_pass(app_render(r, "people_reset.cs"));
}

static NEOERR *role_change(struct req *r)
{
	const struct actor a = r->who;
	struct outcome o = { 0 };
	int id = form_int(r, "id");
	NEOERR *err;

	if (form_check(r, &role_form)) {
		if (!id)
			return nerr_raise(HC_ERR_BADREQ, "role without a person");
		r->status = 400;
		return nerr_pass(render_edit(r));
	}
	if (!strcmp(r->action, "grant"))
		err = account_grant(&a, id, app_param(r, "role", ""), form_int(r, "org_id"), &o);
	else
		err = account_revoke(&a, id, app_param(r, "role", ""), &o);
	if (err)
		return nerr_pass(err);
	if (!o.ok)
		return nerr_pass(form_refused(r, &o, "person", render_edit));
	return nerr_pass(to_person(r, id, r->action));
}

/* A class given to a counselor (its students handed over to them), or
 * taken back. */
static NEOERR *class_change(struct req *r)
{
	const struct actor a = r->who;
	struct outcome o = { 0 };
	int id = form_int(r, "id");
	NEOERR *err;

	if (form_check(r, &class_form)) {
		if (!id)
			return nerr_raise(HC_ERR_BADREQ, "class without a counselor");
		r->status = 400;
		return nerr_pass(render_edit(r));
	}
	err = people_counselor_class(&a, id, form_int(r, "give_class"), !strcmp(r->action, "class"),
				     &o);
	if (err)
		return nerr_pass(err);
	if (!o.ok)
		return nerr_pass(form_refused(r, &o, "person", render_edit));
	return nerr_pass(to_person(r, id, r->action));
}

/* The person's stored phone confirmed by hand (no SMS gateway, or a
 * student without a phone at hand). */
static NEOERR *phone_by_hand(struct req *r)
{
	const struct actor a = r->who;
	struct outcome o = { 0 };
	int id = form_int(r, "id");
	NEOERR *err;

	if (form_check(r, &id_form))
		return nerr_raise(HC_ERR_BADREQ, "phone without a person");
	err = phone_confirm_by_hand(&a, id, &o);
	if (err)
		return nerr_pass(err);
	if (!o.ok)
		return nerr_pass(form_refused(r, &o, "person", render_edit));
	return nerr_pass(to_person(r, id, "phone"));
}

/* ---- the import of the campus systems' exports ---- */

static const struct form_field draft_fields[] = {
	{ "draft", FORM_INT, true, 1, 2147483647, NULL },
	{ 0 }
};
static const struct form draft_form = { "draft", draft_fields };

static NEOERR *import_form(struct req *r)
{
	return nerr_pass(app_render(r, "people_import.cs"));
}

static NEOERR *import_template(struct req *r)
{
	bool csv = !strcmp(app_param(r, "fmt", "xlsx"), "csv");
	char *buf = NULL;
	size_t len = 0;
	NEOERR *err = pimport_template(csv, conf_str("Paths.UploadTmp", "/tmp"), &buf, &len);

	if (err)
		return nerr_pass(err);
	app_header(r, "Content-Disposition: attachment; filename=\"people.%s\"", csv ? "csv" : "xlsx");
	err = app_send(r, csv ? "text/csv; charset=utf-8" :
		       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buf, len);
	free(buf);
	return nerr_pass(err);
}

/* Each bad row's reason in the page's language: its key, then what the
 * cell held (or the earlier row it repeats). */
static void import_reasons(struct req *r)
{
	HDF *e = hdf_get_obj(r->hdf, "Import.Error");
	char key[80], text[400];

	for (e = e ? hdf_obj_child(e) : NULL; e; e = hdf_obj_next(e)) {
		const char *detail = hdf_get_value(e, "Detail", "");
		const char *col = hdf_get_value(e, "Col", "");

		snprintf(key, sizeof key, "%s", hdf_get_value(e, "Key", "pimport.err.empty"));
		snprintf(text, sizeof text, "%s%s%s", tr(r, key), *detail ? " " : "", detail);
		hdf_set_value(e, "Reason", text);
		if (*col) {
			size_t n;

			snprintf(text, sizeof text, "%s %s %s", tr(r, "sheet.col"), col,
				 tr(r, "sheet.col_suffix"));
			n = strlen(text);
			while (n && text[n - 1] == ' ')
				text[--n] = '\0';
			hdf_set_value(e, "Where", text);
		}
	}
}

/* Reads the file, checks it, and previews or applies it. */
static NEOERR *import_sheet(struct req *r, const char *name, const char *data, size_t size,
			    bool apply, int *nbad)
{
	const struct actor a = r->who;
	SHEET *s = NULL;
	HDF *out = NULL;
	struct pimport_report rep = { 0 };
	NEOERR *err;

	*nbad = 0;
	hdf_set_value(r->hdf, "Import.File", name);
	err = app_read_sheet(r, data, size, name, "roster.too_large", &s);
	if (err == STATUS_OK && s == NULL) {
		*nbad = 1;
		return STATUS_OK;
	}
	if (err == STATUS_OK)
		err = hdf_get_node(r->hdf, "Import", &out);
	if (err == STATUS_OK)
		err = pimport_run(&a, s, name, apply, &rep);
	sheet_free(&s);
	if (err == STATUS_OK)
		err = pimport_report_hdf(out, &rep);
	*nbad = rep.errors.n;
	pimport_report_free(&rep);
	if (err)
		return nerr_pass(err);
	import_reasons(r);
	if (*nbad)
		r->status = 400;
	return STATUS_OK;
}

static NEOERR *import_preview(struct req *r)
{
	const struct actor a = r->who;
	const char *name = app_param(r, "file", "");
	const char *data = NULL;
	size_t size = 0;
	long long draft = 0;
	int nbad = 0;
	NEOERR *err;

	if (!input_file(r, "file", &data, &size) || size == 0) {
		r->status = 400;
		hdf_set_value(r->hdf, "Page.Message", tr(r, "roster.no_file"));
		return nerr_pass(app_render(r, "people_import.cs"));
	}
	err = import_sheet(r, name, data, size, false, &nbad);
	if (err == STATUS_OK && nbad == 0)
		err = pimport_draft_save(&a, name, data, size, &draft);
	if (err)
		return nerr_pass(err);
	if (draft)
		hdf_set_int_value(r->hdf, "Import.Draft", (int)draft);
	return nerr_pass(app_render(r, "people_import.cs"));
}

static NEOERR *import_apply(struct req *r)
{
	const struct actor a = r->who;
	char *name = NULL, *data = NULL;
	size_t size = 0;
	bool found;
	int nbad = 0;
	NEOERR *err;

	if (form_check(r, &draft_form))
		return nerr_raise(HC_ERR_BADREQ, "apply without a draft");
	err = pimport_draft_load(&a, form_id(app_param(r, "draft", "")), &name, &data, &size, &found);
	if (err)
		return nerr_pass(err);
	if (!found)
		return nerr_raise(HC_ERR_NOTFOUND, "no draft %s of %d", app_param(r, "draft", ""),
				  a.person_id);
	err = import_sheet(r, name, data, size, true, &nbad);
	if (err == STATUS_OK && nbad == 0)
		err = pimport_draft_drop(&a);
	free(name);
	free(data);
	if (err)
		return nerr_pass(err);
	return nerr_pass(app_render(r, "people_import.cs"));
}

#define PEOPLE_ROLES (R_ADMIN | R_COLLEGE_ADMIN)

static const struct action actions[] = {
	{ "", M_GET, PEOPLE_ROLES, search, .form = &search_form },
	{ "new", M_GET, PEOPLE_ROLES, new_form },
	{ "new", M_POST, PEOPLE_ROLES, save, .form = &person_form },
	{ "edit", M_GET, PEOPLE_ROLES, edit_form },
	{ "edit", M_POST, PEOPLE_ROLES, save, .form = &person_form },
	{ "delete", M_POST, PEOPLE_ROLES, delete_person, .form = &id_form },
	{ "account", M_POST, PEOPLE_ROLES, make_account, .form = &account_form },
	{ "disable", M_POST, PEOPLE_ROLES, account_switch, .form = &id_form },
	{ "enable", M_POST, PEOPLE_ROLES, account_switch, .form = &id_form },
	{ "unlock", M_POST, PEOPLE_ROLES, account_switch, .form = &id_form },
	{ "reset", M_POST, PEOPLE_ROLES, reset_link, .form = &id_form },
	{ "grant", M_POST, PEOPLE_ROLES, role_change, .form = &role_form },
	{ "revoke", M_POST, PEOPLE_ROLES, role_change, .form = &role_form },
	{ "class", M_POST, PEOPLE_ROLES, class_change, .form = &class_form },
	{ "phone", M_POST, PEOPLE_ROLES, phone_by_hand, .form = &id_form },
	{ "unclass", M_POST, PEOPLE_ROLES, class_change, .form = &class_form },
	/* The school admin imports anyone; a college admin their college's
	 * people (domain/peopleimport.h names the other rows bad). */
	{ "import", M_GET, PEOPLE_ROLES, import_form },
	{ "template", M_GET, PEOPLE_ROLES, import_template },
	{ "import", M_POST, PEOPLE_ROLES, import_preview, .flags = A_UPLOAD },
	{ "apply", M_POST, PEOPLE_ROLES, import_apply, .form = &draft_form },
	{ 0 }
};

int main(void)
{
	static const struct page page = { "people", actions };
	return app_main(&page);
}
