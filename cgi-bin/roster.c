/*
 * roster.c - /roster: terms, return batches and the return roster (返校
 * 名单), for the school admin, and for counselors over their own students
 * where the policy allows it (Policy.CounselorsMayImport). Roster changes come as spreadsheets in three
 * templates (add, delete, modify); every row is checked first and the file
 * applies whole, in one transaction, or not at all.
 *
 *   GET  /roster            200 terms, batches, roster counts, the forms
 *   GET  /roster/template   200 ?kind=add|delete|modify as .xlsx; 404 other kinds
 *   POST /roster/import     200 the rows applied; 400 with each bad row named;
 *                           413 a file over the caps
 *                           403 a counselor where the policy does not allow it
 *   POST /roster/batch      303; 400 form with messages
 *   POST /roster/term       303; 400 with the message (bad or inverted dates, name taken)
 */
#include "web/app.h"
#include "core/conf.h"
#include "core/days.h"
#include "web/form.h"
#include "web/input.h"
#include "domain/roster.h"
#include "core/sheet.h"
#include "read/registers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct form_field batch_fields[] = {
	{ "name", FORM_TEXT, true, 1, 64, NULL },
	{ "return_from", FORM_DATE, true, 0, 0, NULL },
	{ "return_until", FORM_DATE, true, 0, 0, NULL },
	{ 0 }
};
static const struct form batch_form = { "batch", batch_fields };

static const struct form_field term_fields[] = {
	{ "term_name", FORM_TEXT, true, 2, 64, NULL },
	{ "starts_on", FORM_DATE, true, 0, 0, NULL },
	{ "ends_on", FORM_DATE, true, 0, 0, NULL },
	{ 0 }
};
static const struct form term_form = { "term", term_fields };

static NEOERR *render(struct req *r)
{
	struct term_info t;
	NEOERR *err = roster_current_term(&t);

	if (err == STATUS_OK && t.id) {
		hdf_set_int_value(r->hdf, "Roster.Term.id", t.id);
		hdf_set_value(r->hdf, "Roster.Term.name", t.name);
		hdf_set_value(r->hdf, "Roster.Term.starts_on", t.starts_on);
		hdf_set_value(r->hdf, "Roster.Term.ends_on", t.ends_on);
	}
	if (err == STATUS_OK)
		err = roster_list(r->hdf, "Roster", t.id);
	if (err)
		return nerr_pass(err);
	form_describe_blank(r, &batch_form);
	return nerr_pass(app_render(r, "roster.cs"));
}

/* The school admin always; a counselor only where the policy says so. */
static NEOERR *may_import(struct req *r)
{
	if (r->who.roles & R_ADMIN)
		return STATUS_OK;
	if (conf_int("Policy.CounselorsMayImport", 0))
		return STATUS_OK;
	return nerr_raise(HC_ERR_FORBIDDEN, "counselors may not change the roster here");
}

static NEOERR *show(struct req *r)
{
	NEOERR *err = may_import(r);

	if (err)
		return nerr_pass(err);
	return nerr_pass(render(r));
}

static NEOERR *template(struct req *r)
{
	enum roster_kind k;
	char *buf = NULL;
	size_t len = 0;
	NEOERR *err = may_import(r);

	if (err)
		return nerr_pass(err);
	if (!roster_kind_parse(app_param(r, "kind", ""), &k))
		return nerr_raise(HC_ERR_NOTFOUND, "no template '%s'", app_param(r, "kind", ""));
	err = roster_template(k, conf_str("Paths.UploadTmp", "/tmp"), &buf, &len);
	if (err)
		return nerr_pass(err);
	app_header(r, "Content-Disposition: attachment; filename=\"roster-%s.xlsx\"",
		   app_param(r, "kind", ""));
	err = app_send(r, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
		       buf, len);
	free(buf);
	return nerr_pass(err);
}

static NEOERR *import(struct req *r)
{
	const char *kind = app_param(r, "kind", "");
	const char *name = app_param(r, "file", "");
	enum roster_kind k;
	SHEET *s = NULL;
	const char *data = NULL;
	size_t size = 0;
	static struct roster_result res;
	struct term_info t;
	char key[64];
	NEOERR *err = may_import(r);

	if (err)
		return nerr_pass(err);
	hdf_set_value(r->hdf, "Import.Kind", kind);
	hdf_set_value(r->hdf, "Import.File", name);
	if (!roster_kind_parse(kind, &k))
		return nerr_raise(HC_ERR_BADREQ, "unknown template kind '%s'", kind);
	if (!input_file(r, "file", &data, &size) || size == 0) {
		r->status = 400;
		hdf_set_value(r->hdf, "Page.Message", tr(r, "roster.no_file"));
		return nerr_pass(render(r));
	}
	err = app_read_sheet(r, data, size, name, "roster.too_large", &s);
	if (err == STATUS_OK && s == NULL)
		return nerr_pass(render(r));
	if (err)
		return nerr_pass(err);
	err = roster_current_term(&t);
	if (err == STATUS_OK && t.id == 0)
		err = nerr_raise(HC_ERR_NOTFOUND, "no current term");
	if (err == STATUS_OK)
		err = roster_import(&r->who, k, t.id, (r->who.roles & R_ADMIN) ? 0 : r->who.person_id,
				    s, name, &res);
	sheet_free(&s);
	if (err)
		return nerr_pass(err);
	if (res.checked) {
		hdf_set_int_value(r->hdf, "Import.Rows", res.rows);
		hdf_set_int_value(r->hdf, "Import.Bad", res.nbad);
	}
	if (res.applied) {
		hdf_set_int_value(r->hdf, "Import.Applied", 1);
		hdf_set_int_value(r->hdf, "Import.Added", (int)res.added);
		hdf_set_int_value(r->hdf, "Import.Deleted", (int)res.deleted);
		hdf_set_int_value(r->hdf, "Import.Moved", (int)res.moved);
		hdf_set_int_value(r->hdf, "Import.Reassigned", (int)res.reassigned);
	}
	for (int i = 0; i < res.nbad && i < ROSTER_MAX_ERRORS; i++) {
		snprintf(key, sizeof key, "Import.Error.%d.Row", i);
		hdf_set_int_value(r->hdf, key, res.error[i].row);
		snprintf(key, sizeof key, "Import.Error.%d.Reason", i);
		hdf_set_value(r->hdf, key, res.error[i].reason);
	}
	if (res.nbad)
		r->status = 400;
	return nerr_pass(render(r));
}

static NEOERR *add_batch(struct req *r)
{
	NEOERR *err;

	if (form_check(r, &batch_form) ||
	    day_parse(app_param(r, "return_until", "")) < day_parse(app_param(r, "return_from", ""))) {
		r->status = 400;
		if (!hdf_get_value(r->hdf, "Form.Errors", NULL))
			hdf_set_value(r->hdf, "Form.Error.return_until", tr(r, "roster.inverted"));
		return nerr_pass(render(r));
	}
	err = roster_add_batch(&r->who, app_param(r, "name", ""), app_param(r, "return_from", ""),
			       app_param(r, "return_until", ""));
	if (nerr_match(err, HC_ERR_CONFLICT)) {
		nerr_ignore(&err);
		r->status = 400;
		hdf_set_value(r->hdf, "Form.Error.name", tr(r, "roster.batch_exists"));
		return nerr_pass(render(r));
	}
	if (err)
		return nerr_pass(err);
	return nerr_pass(app_redirect(r, "/roster"));
}

/* A new term (学期). Its form renders under TermForm.*, apart from the
 * batch form's Form.*. */
static NEOERR *add_term(struct req *r)
{
	const char *from = app_param(r, "starts_on", ""), *until = app_param(r, "ends_on", "");
	NEOERR *err;

	if (form_check(r, &term_form) || day_parse(until) < day_parse(from)) {
		r->status = 400;
		hdf_set_value(r->hdf, "Page.Message", tr(r, hdf_get_value(r->hdf, "Form.Errors", NULL)
			? "checkin.fix_errors" : "roster.inverted"));
		hdf_remove_tree(r->hdf, "Form.Field");
		return nerr_pass(render(r));
	}
	err = roster_add_term(&r->who, app_param(r, "term_name", ""), from, until);
	if (nerr_match(err, HC_ERR_CONFLICT)) {
		nerr_ignore(&err);
		r->status = 400;
		hdf_set_value(r->hdf, "Page.Message", tr(r, "roster.term_exists"));
		hdf_remove_tree(r->hdf, "Form.Field");
		return nerr_pass(render(r));
	}
	if (err)
		return nerr_pass(err);
	return nerr_pass(app_redirect(r, "/roster"));
}

static const struct action actions[] = {
	{ "", M_GET, R_ADMIN | R_COUNSELOR, show },
	{ "template", M_GET, R_ADMIN | R_COUNSELOR, template },
	{ "import", M_POST, R_ADMIN | R_COUNSELOR, import, .flags = A_UPLOAD },
	{ "batch", M_POST, R_ADMIN, add_batch, .form = &batch_form },
	{ "term", M_POST, R_ADMIN, add_term, .form = &term_form },
	{ 0 }
};

int main(void)
{
	static const struct page page = { "roster", actions };
	return app_main(&page);
}
