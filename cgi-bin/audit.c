/*
 * audit.c - /audit: the audit trail, readable, for the school admin. Every
 * write is attributable (DOMAIN.md); this is where one looks it up: by who
 * acted (a number or login), what they did (the action), about whom (a
 * student's number) and a date range, 50 rows a page, latest first.
 *
 *   GET /audit   200 the search and its rows (a name that matches no one:
 *                no rows and a note); 400 the search with its messages
 *                (a malformed date or page)
 */
#include "web/app.h"
#include "read/auditlog.h"
#include "web/form.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct form_field search_fields[] = {
	{ "who", FORM_TEXT, false, 0, 64, NULL },
	{ "action", FORM_TEXT, false, 0, 48, NULL },
	{ "whom", FORM_TEXT, false, 0, 64, NULL },
	{ "from", FORM_DATE, false, 0, 0, NULL },
	{ "to", FORM_DATE, false, 0, 0, NULL },
	{ "page", FORM_INT, false, 0, 100000, NULL },
	{ 0 }
};
static const struct form search_form = { "auditlog", search_fields };

/* A person named by number or login; *id -1 when no one is. */
static NEOERR *named(struct req *r, const char *param, const char *flag, long long *id)
{
	const char *key = app_param(r, param, "");
	bool found;
	NEOERR *err;

	*id = 0;
	if (!key[0])
		return STATUS_OK;
	err = auditlog_person(key, id, &found);
	if (err)
		return nerr_pass(err);
	if (!found) {
		*id = -1;
		hdf_set_int_value(r->hdf, flag, 1);
	}
	return STATUS_OK;
}

static NEOERR *show(struct req *r)
{
	struct auditlog_query q = { 0 };
	int n = 0;
	bool more = false;
	NEOERR *err;

	err = auditlog_actions(r->hdf, "Audit.Action");
	if (err)
		return nerr_pass(err);
	if (form_check(r, &search_form) > 0) {
		r->status = 400;
		return nerr_pass(app_render(r, "audit.cs"));
	}
	err = named(r, "who", "Audit.NoWho", &q.actor);
	if (err == STATUS_OK)
		err = named(r, "whom", "Audit.NoWhom", &q.subject);
	if (err)
		return nerr_pass(err);
	q.action = app_param(r, "action", "");
	q.from = app_param(r, "from", "");
	q.to = app_param(r, "to", "");
	q.page = form_int(r, "page");   /* checked by form_check() above */
	if (q.actor >= 0 && q.subject >= 0) {
		err = auditlog_search(r->hdf, "Audit.Row", &q, &n, &more);
		if (err)
			return nerr_pass(err);
	}
	hdf_set_int_value(r->hdf, "Audit.Rows", n);
	hdf_set_int_value(r->hdf, "Audit.Page", q.page);
	if (more)
		hdf_set_int_value(r->hdf, "Audit.NextPage", q.page + 1);
	if (q.page > 0)
		hdf_set_int_value(r->hdf, "Audit.PrevPage", q.page - 1);
	return nerr_pass(app_render(r, "audit.cs"));
}

static const struct action actions[] = {
	{ "", M_GET, R_ADMIN, show },
	{ 0 }
};

int main(void)
{
	static const struct page page = { "audit", actions };
	return app_main(&page);
}
