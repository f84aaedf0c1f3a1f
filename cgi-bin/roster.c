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
#include "core/db.h"
#include "domain/audit.h"
#include "core/days.h"
#include "domain/facts.h"
#include "web/form.h"
#include "web/input.h"
#include "domain/roster.h"
#include "core/sheet.h"
#include "domain/term.h"

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

/* The current term, into Roster.Term.*; 0 when none. */
static NEOERR *current_term(struct req *r, int *term)
{
	char today[11];
	bool found;
	NEOERR *err;

	day_format(app_today(), today);
	err = db_row(r->hdf, "Roster.Term", &found,
		"SELECT id, name, starts_on, ends_on FROM terms WHERE id = " TERM_NOW_ID,
		"ss", today, today);
	*term = found ? hdf_get_int_value(r->hdf, "Roster.Term.id", 0) : 0;
	return nerr_pass(err);
}

static NEOERR *render(struct req *r)
{
	int term;
	NEOERR *err = current_term(r, &term);

	if (err == STATUS_OK)
		err = db_rows(r->hdf, "Roster.Terms", NULL,
			"SELECT name, starts_on, ends_on FROM terms ORDER BY starts_on DESC LIMIT 20", NULL);
	if (err == STATUS_OK)
		err = db_rows(r->hdf, "Roster.Batch", NULL,
			"SELECT b.id, b.name, b.return_from, b.return_until, COUNT(re.id) AS people "
			"FROM return_batches b LEFT JOIN roster_entries re ON re.batch_id = b.id "
			"WHERE b.term_id = ? GROUP BY b.id ORDER BY b.return_from", "i", (long long)term);
	if (err)
		return nerr_pass(err);
	if (!hdf_get_obj(r->hdf, "Form.Field"))
		form_describe(r, &batch_form);
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
	struct sheet_limits lim = sheet_default_limits;
	enum roster_kind k;
	SHEET *s = NULL;
	struct sheet_problem why;
	const char *data = NULL;
	size_t size = 0;
	int term, nbad = 0;
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
	lim.max_file = (size_t)conf_int("Uploads.MaxBytes", 10485760);
	if (size > lim.max_file) {
		r->status = 413;
		hdf_set_value(r->hdf, "Page.Message", tr(r, "roster.too_large"));
		return nerr_pass(render(r));
	}
	err = sheet_read_why(data, size, name, &lim, &s, &why);
	if (nerr_match(err, HC_ERR_BADREQ) || nerr_match(err, HC_ERR_TOOLARGE)) {
		/* Said in the page's language, with the row and column. */
		char text[512];

		r->status = nerr_match(err, HC_ERR_TOOLARGE) ? 413 : 400;
		app_sheet_problem(r, &why, text, sizeof text);
		hdf_set_value(r->hdf, "Page.Message", tr(r, "roster.unreadable"));
		hdf_set_value(r->hdf, "Page.Detail", text);
		nerr_ignore(&err);
		return nerr_pass(render(r));
	}
	if (err)
		return nerr_pass(err);
	err = current_term(r, &term);
	if (err == STATUS_OK && term == 0)
		err = nerr_raise(HC_ERR_NOTFOUND, "no current term");
	if (err == STATUS_OK)
		err = roster_import(r, k, term, (r->who.roles & R_ADMIN) ? 0 : r->who.person_id,
				    s, name, &nbad);
	sheet_free(&s);
	if (err)
		return nerr_pass(err);
	if (nbad)
		r->status = 400;
	return nerr_pass(render(r));
}

static NEOERR *add_batch(struct req *r)
{
	int term;
	char now[20];
	NEOERR *err;

	if (form_check(r, &batch_form) ||
	    day_parse(app_param(r, "return_until", "")) < day_parse(app_param(r, "return_from", ""))) {
		r->status = 400;
		if (!hdf_get_value(r->hdf, "Form.Errors", NULL))
			hdf_set_value(r->hdf, "Form.Error.return_until", tr(r, "roster.inverted"));
		return nerr_pass(render(r));
	}
	err = current_term(r, &term);
	if (err == STATUS_OK && term == 0)
		err = nerr_raise(HC_ERR_NOTFOUND, "no current term");
	if (err == STATUS_OK)
		err = db_exec(NULL, NULL, "INSERT INTO return_batches (term_id, name, return_from, "
			"return_until) VALUES (?, ?, ?, ?)", "isss", (long long)term,
			app_param(r, "name", ""), app_param(r, "return_from", ""),
			app_param(r, "return_until", ""));
	if (nerr_match(err, HC_ERR_CONFLICT)) {
		nerr_ignore(&err);
		r->status = 400;
		hdf_set_value(r->hdf, "Form.Error.name", tr(r, "roster.batch_exists"));
		return nerr_pass(render(r));
	}
	if (err)
		return nerr_pass(err);
	app_now(now);
	err = audit_write(&r->who, now, "batch.add", 0, "return_batches", 0, app_param(r, "name", ""));
	if (err)
		return nerr_pass(err);
	return nerr_pass(app_redirect(r, "/roster"));
}

/* The term, everyone's card facts for it and the audit line, at once. */
static NEOERR *insert_term(void *arg)
{
	struct req *r = arg;
	const char *name = app_param(r, "term_name", "");
	long long id = 0;
	char now[20];
	NEOERR *err;

	err = db_exec(NULL, &id, "INSERT INTO terms (name, starts_on, ends_on) VALUES (?, ?, ?)",
		      "sss", name, app_param(r, "starts_on", ""), app_param(r, "ends_on", ""));
	if (err == STATUS_OK)
		err = facts_term((int)id);
	app_now(now);
	if (err == STATUS_OK)
		err = audit_write(&r->who, now, "term.add", 0, "terms", 0, name);
	return nerr_pass(err);
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
	err = db_txn(insert_term, r);
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
