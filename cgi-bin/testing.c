/*
 * testing.c - /testing: central testing results (集中检测, seed 000). The
 * school admin or a college admin imports a testing round's results from
 * .xlsx or .csv, all or nothing, every bad row named; a counselor (or the
 * school admin) records one by hand. A positive result turns the card red
 * with its day; a negative one is 是否在本地检测 in the big table and
 * 通过集中检测 in the report (lib/domain/centraltest.h).
 *
 *   GET  /testing          200 the latest results in one's scope, the forms
 *   POST /testing/import   200 stored (how many, how many positive); 400
 *                          the bad rows (nothing stored) or an unreadable
 *                          file; 413 a file too large
 *   POST /testing/record   303 /testing?recorded=1; 400 the form with a
 *                          message on the field (unknown or out-of-scope
 *                          number, bad time, no term, bad result)
 */
#include "web/app.h"
#include "core/conf.h"
#include "core/sheet.h"
#include "domain/centraltest.h"
#include "web/form.h"
#include "web/input.h"
#include "read/registers.h"
#include "read/imports.h"

#include <stdio.h>
#include <string.h>

static const char *const results[] = { "negative", "positive", NULL };

static const struct form_field record_fields[] = {
	{ "number", FORM_TEXT, true, 1, 32, NULL },
	{ "sampled_at", FORM_TEXT, true, 10, 19, NULL },
	{ "result", FORM_CHOICE, true, 0, 0, results },
	{ 0 }
};
static const struct form record_form = { "ctest", record_fields };

static NEOERR *render(struct req *r)
{
	NEOERR *err = ctest_list(&r->who, r->hdf, "Tests.Row");

	if (err)
		return nerr_pass(err);
	form_describe(r, &record_form);
	return nerr_pass(app_render(r, "testing.cs"));
}

static NEOERR *show(struct req *r)
{
	return nerr_pass(render(r));
}

/* Each bad row's reason and column in the request's language. */
static void import_reasons(struct req *r)
{
	HDF *e = hdf_get_obj(r->hdf, "Import.Error");
	char text[400];

	for (e = e ? hdf_obj_child(e) : NULL; e; e = hdf_obj_next(e)) {
		const char *detail = hdf_get_value(e, "Detail", "");

		snprintf(text, sizeof text, "%s%s%s", tr(r, hdf_get_value(e, "Key", "ctest.err.empty")),
			 *detail ? " " : "", detail);
		hdf_set_value(e, "Reason", text);
	}
}

static NEOERR *import(struct req *r)
{
	const char *name = app_param(r, "file", "");
	const char *data = NULL;
	size_t size = 0;
	SHEET *s = NULL;
	HDF *out = NULL;
	struct ctest_report rep = { 0 };
	int nbad;
	NEOERR *err;

	if (!input_file(r, "file", &data, &size) || size == 0) {
		r->status = 400;
		hdf_set_value(r->hdf, "Page.Message", tr(r, "roster.no_file"));
		return nerr_pass(render(r));
	}
	err = app_read_sheet(r, data, size, name, NULL, &s);
	if (err == STATUS_OK && s == NULL)
		return nerr_pass(render(r));
	if (err == STATUS_OK)
		err = hdf_get_node(r->hdf, "Import", &out);
	if (err == STATUS_OK)
		err = ctest_import(&r->who, s, name, &rep);
	sheet_free(&s);
	if (err == STATUS_OK)
		err = ctest_report_hdf(out, name, &rep);
	nbad = rep.errors.n;
	ctest_report_free(&rep);
	if (err)
		return nerr_pass(err);
	import_reasons(r);
	if (nbad)
		r->status = 400;
	return nerr_pass(render(r));
}

static NEOERR *record(struct req *r)
{
	const char *bad = NULL, *why = NULL;
	NEOERR *err;

	if (form_check(r, &record_form) > 0) {
		r->status = 400;
		return nerr_pass(render(r));
	}
	err = ctest_record(&r->who, app_param(r, "number", ""), app_param(r, "sampled_at", ""),
			   app_param(r, "result", ""), &bad, &why);
	if (err)
		return nerr_pass(err);
	if (bad) {
		form_error(r, bad, why);
		r->status = 400;
		return nerr_pass(render(r));
	}
	return nerr_pass(app_redirect(r, "/testing?recorded=1"));
}

static const struct action actions[] = {
	{ "", M_GET, R_ADMIN | R_COLLEGE_ADMIN | R_COUNSELOR, show,
	  .params = PARAMS({ "recorded", P_INT, .max = 1 }) },
	{ "import", M_POST, R_ADMIN | R_COLLEGE_ADMIN, import, .flags = A_UPLOAD },
	{ "record", M_POST, R_ADMIN | R_COUNSELOR, record, .form = &record_form },
	{ 0 }
};

int main(void)
{
	static const struct page page = { "testing", actions };
	return app_main(&page);
}
