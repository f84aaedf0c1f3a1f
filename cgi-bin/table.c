/*
 * table.c - /table: the big info table (返校信息大表), one row per rostered
 * student of a term in the viewer's scope: a counselor's own students, a
 * college reviewer's college, the school admin's everyone.
 *
 *   GET  /table          200 the filtered, sorted page (100 rows) with the
 *                        total; bad filters, an unknown sort or a page past
 *                        the end show the nearest valid view with a message
 *   GET  /table/export   200 ?fmt=xlsx|csv the whole filtered set, ?sel=xlsx|csv
 *                        with id=... the selected rows of it; audited.
 *                        400 sel without any id
 *   GET  /table/edit     200 the return window of one student (?person=)
 *                        403 out of scope; 404 unknown; 409 no application
 *   POST /table/edit     303 back to the table; 400 bad dates or no reason
 */
#include "web/app.h"
#include "domain/audit.h"
#include "read/directory.h"
#include "core/days.h"
#include "domain/returnapp.h"
#include "web/form.h"
#include "domain/scope.h"
#include "read/table.h"
#include "read/tablexport.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- what the request asks for --------------------------------------------- */

/* The filters; what was ignored or turned round is said on the page. */
static void chosen_filter(struct req *r, struct table_filter *f)
{
	struct table_parse_notes notes;
	char msg[600];

	table_filter_parse(f, app_query, r, &notes);
	if (notes.nbad) {
		snprintf(msg, sizeof msg, "%s", tr(r, "table.bad_filter"));
		for (int i = 0; i < notes.nbad; i++) {
			char key[80];
			snprintf(key, sizeof key, "table.f.%s", notes.bad[i]);
			strncat(msg, i ? "、" : " ", sizeof msg - strlen(msg) - 1);
			strncat(msg, tr(r, key), sizeof msg - strlen(msg) - 1);
			snprintf(key, sizeof key, "Table.Bad.%s", notes.bad[i]);
			hdf_set_int_value(r->hdf, key, 1);
		}
		hdf_set_value(r->hdf, "Table.FilterMessage", msg);
	}
	if (notes.swapped)
		hdf_set_value(r->hdf, "Table.RangeMessage", tr(r, "table.swapped"));
}

/* Table.Query: the term and the accepted filters as a query string, for
 * the sort links, the pager, the exports and the print view. */
static void export_query(struct req *r, int term)
{
	STRING q;
	char key[80];
	int kept = 0;

	string_init(&q);
	string_appendf(&q, "term=%d", term);
	for (int i = 0; table_params[i]; i++) {
		const char *v = app_param(r, table_params[i], NULL);
		char *esc = NULL;

		snprintf(key, sizeof key, "Table.Bad.%s", table_params[i]);
		if (!v || !*v || hdf_get_int_value(r->hdf, key, 0))
			continue;
		if (cgi_url_escape(v, &esc) != STATUS_OK)
			continue;
		string_appendf(&q, "&%s=%s", table_params[i], esc);
		free(esc);
		/* The same, as hidden fields of the export form. */
		snprintf(key, sizeof key, "Table.Keep.%d.k", kept);
		hdf_set_value(r->hdf, key, table_params[i]);
		snprintf(key, sizeof key, "Table.Keep.%d.v", kept++);
		hdf_set_value(r->hdf, key, v);
	}
	hdf_set_value(r->hdf, "Table.Query", q.buf ? q.buf : "");
	string_clear(&q);
}

static int chosen_sort(struct req *r, bool *desc)
{
	const char *s = app_param(r, "sort", NULL);
	int key = table_sort_key(s);

	if (key < 0) {
		if (s && *s)
			hdf_set_value(r->hdf, "Table.SortMessage", tr(r, "table.bad_sort"));
		key = 0;
	}
	*desc = !strcmp(app_param(r, "dir", ""), "desc");
	hdf_set_value(r->hdf, "Table.Sort", table_sort_keys[key]);
	hdf_set_value(r->hdf, "Table.Dir", *desc ? "desc" : "asc");
	return key;
}

/* The rows of the scope that pass the filter, sorted: *idx (the caller
 * frees it) indexes set->rows. */
static NEOERR *select_rows(struct req *r, int term, const struct table_filter *f,
			   int key, bool desc, struct table_set *set, int **idx, int *n)
{
	long long bound;
	enum scope_kind s = scope_kind_of(&r->who, &bound);
	NEOERR *err;

	*idx = NULL;
	*n = 0;
	err = table_load(set, s, bound, term, app_today(), f->college_id, false);
	if (err)
		return nerr_pass(err);
	*idx = malloc(sizeof **idx * (size_t)(set->n ? set->n : 1));
	if (*idx == NULL)
		return nerr_raise(NERR_NOMEM, "table index");
	for (int i = 0; i < set->n; i++)
		if (table_row_matches(f, &set->rows[i]))
			(*idx)[(*n)++] = i;
	table_sort(set->rows, *idx, *n, key, desc);
	return STATUS_OK;
}

/* ---- the page -------------------------------------------------------------- */

static void put_day(HDF *h, const char *name, int day)
{
	char d[11];

	if (day <= 0)
		return;
	day_format(day, d);
	hdf_set_value(h, name, d);
}

static void export_row(struct req *r, int n, int seq, const struct table_row *row)
{
	char key[64], masked[19];
	HDF *h;

	snprintf(key, sizeof key, "Table.Row.%d", n);
	if (hdf_get_node(r->hdf, key, &h) != STATUS_OK)
		return;
	hdf_set_int_value(h, "seq", seq);
	hdf_set_int_value(h, "id", row->person_id);
	hdf_set_value(h, "number", row->number);
	hdf_set_value(h, "name", row->name);
	hdf_set_value(h, "college", row->college);
	hdf_set_value(h, "counselor", row->counselor);
	hdf_set_value(h, "identity", row->identity == TI_GRAD ? "grad" :
		      row->identity == TI_STAFF ? "staff" : "undergrad");
	table_mask_id(row->id_card, masked);
	hdf_set_value(h, "id_card", masked);
	hdf_set_int_value(h, "quiz", row->quiz_done);
	hdf_set_value(h, "app", table_stage_name(row->app));
	hdf_set_value(h, "card", card_state_name(row->card));
	put_day(h, "allowed_from", row->allowed_from);
	put_day(h, "allowed_until", row->allowed_until);
	hdf_set_value(h, "submitted_at", row->submitted_at);
	hdf_set_int_value(h, "city14", row->city14);
	hdf_set_int_value(h, "boarding", row->boarding);
	hdf_set_int_value(h, "pickup", row->needs_pickup);
	hdf_set_int_value(h, "tested", row->tested_locally);
	hdf_set_int_value(h, "travelled", row->travelled);
	hdf_set_value(h, "arrived_at", row->arrived_at);
	hdf_set_value(h, "gate", row->gate);
	hdf_set_int_value(h, "moved", row->moved_in);
}

static int chosen_page(struct req *r, int pages)
{
	const char *p = app_param(r, "page", NULL);
	char *end;
	long n = p ? strtol(p, &end, 10) : 1;

	if (p && (*p == '\0' || *end || n < 1)) {
		hdf_set_value(r->hdf, "Table.PageMessage", tr(r, "table.bad_page"));
		n = 1;
	}
	if (n > pages) {
		if (pages > 0)
			hdf_set_value(r->hdf, "Table.PageMessage", tr(r, "table.past_end"));
		n = pages > 0 ? pages : 1;
	}
	return (int)n;
}

static void export_labels(struct req *r)
{
	char key[96];

	for (int s = 0; s < CARD_STATE_COUNT; s++) {
		snprintf(key, sizeof key, "Table.CardStates.%d", s);
		hdf_set_value(r->hdf, key, card_state_name((enum card_state)s));
	}
	for (int s = 0; s < 8; s++) {
		snprintf(key, sizeof key, "Table.AppStates.%d", s);
		hdf_set_value(r->hdf, key, table_stage_name((enum app_stage)s));
	}
	hdf_set_value(r->hdf, "Table.AppStates.8", "submitted");
	hdf_set_value(r->hdf, "Table.AppStates.9", "first_passed");
}

static NEOERR *show(struct req *r)
{
	struct table_set set = { 0 };
	struct table_filter f;
	int *idx = NULL, n = 0, term, key, pages, page;
	bool desc;
	NEOERR *err;

	err = table_chosen_term(r->hdf, r->lang, app_param(r, "term", NULL), "Table", &term);
	if (err)
		return nerr_pass(err);
	chosen_filter(r, &f);
	key = chosen_sort(r, &desc);
	export_query(r, term);
	export_labels(r);
	err = directory_colleges(r->hdf, "Table.Colleges");
	if (err == STATUS_OK)
		err = select_rows(r, term, &f, key, desc, &set, &idx, &n);
	if (err)
		goto cleanup;
	/* An empty list is one page, and says why it is empty. */
	pages = n > 0 ? (n + TABLE_PAGE_ROWS - 1) / TABLE_PAGE_ROWS : 1;
	page = chosen_page(r, pages);
	if (n == 0)
		hdf_set_value(r->hdf, "Table.Empty",
			      hdf_get_obj(r->hdf, "Table.Keep") ? "filtered" : "roster");
	hdf_set_int_value(r->hdf, "Table.Total", n);
	hdf_set_int_value(r->hdf, "Table.Pages", pages);
	hdf_set_int_value(r->hdf, "Table.Page", page);
	if (page > 1)
		hdf_set_int_value(r->hdf, "Table.PrevPage", page - 1);
	if (page < pages)
		hdf_set_int_value(r->hdf, "Table.NextPage", page + 1);
	for (int i = (page - 1) * TABLE_PAGE_ROWS, k = 0; i < n && k < TABLE_PAGE_ROWS; i++, k++)
		export_row(r, k, i + 1, &set.rows[idx[i]]);
	if (r->who.roles & (R_COUNSELOR | R_ADMIN))
		hdf_set_int_value(r->hdf, "Table.CanEdit", 1);
	if (!strcmp(app_param(r, "print", ""), "1"))
		hdf_set_int_value(r->hdf, "Table.Print", 1);
	err = app_render(r, "table.cs");
cleanup:
	free(idx);
	table_set_free(&set);
	return nerr_pass(err);
}

/* ---- exports ----------------------------------------------------------------- */

static int cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;
	return (x > y) - (x < y);
}

/* The selected ids (id=1&id=2..., several under Query.id.N), sorted. */
static int collect_ids(struct req *r, long long *ids, int max)
{
	HDF *node = hdf_get_obj(r->hdf, "Query.id");
	HDF *child = node ? hdf_obj_child(node) : NULL;
	int n = 0;

	if (node && child == NULL) {
		long long one = form_id(hdf_obj_value(node));
		if (one > 0)
			ids[n++] = one;
	}
	for (; child && n < max; child = hdf_obj_next(child)) {
		long long id = form_id(hdf_obj_value(child));
		if (id > 0)
			ids[n++] = id;
	}
	qsort(ids, (size_t)n, sizeof *ids, cmp_ll);
	return n;
}

static NEOERR *export(struct req *r)
{
	static long long ids[TABLE_MAX_IDS];
	const char *fmt = app_param(r, "fmt", NULL), *sel = app_param(r, "sel", NULL);
	bool selected = sel && *sel, xlsx, full_id = (r->who.roles & R_ADMIN) != 0;
	struct table_set set = { 0 };
	struct table_filter f;
	int *idx = NULL, n = 0, term, key, nids = 0;
	char now[20], detail[2000], *data = NULL;
	size_t len = 0;
	bool desc;
	STRING out;
	NEOERR *err;

	if (selected)
		fmt = sel;
	if (!fmt || (strcmp(fmt, "xlsx") && strcmp(fmt, "csv")))
		return nerr_raise(HC_ERR_BADREQ, "export format must be xlsx or csv");
	xlsx = !strcmp(fmt, "xlsx");
	err = table_chosen_term(r->hdf, r->lang, app_param(r, "term", NULL), "Table", &term);
	if (err)
		return nerr_pass(err);
	chosen_filter(r, &f);
	key = chosen_sort(r, &desc);
	if (selected) {
		nids = collect_ids(r, ids, TABLE_MAX_IDS);
		if (nids == 0) {
			r->status = 400;
			hdf_set_value(r->hdf, "Table.Message", tr(r, "table.none_selected"));
			return nerr_pass(show(r));
		}
		f.ids = ids;
		f.nids = nids;
	}
	string_init(&out);
	err = select_rows(r, term, &f, key, desc, &set, &idx, &n);
	if (err)
		goto cleanup;
	if (xlsx)
		err = tablexport_xlsx(r->lang, &set, idx, n, full_id, &data, &len);
	else
		err = tablexport_csv(r->lang, &set, idx, n, full_id, &out);
	if (err)
		goto cleanup;
	/* Who took which rows: the filters as the URL had them. */
	export_query(r, term);
	snprintf(detail, sizeof detail, "fmt=%s rows=%d %s%s%s", fmt, n,
		 selected ? "selected " : "", hdf_get_value(r->hdf, "Table.Query", ""),
		 full_id ? " id_card=full" : " id_card=masked");
	app_now(now);
	err = audit_write(&r->who, now, "table.export", 0, "table", term, detail);
	if (err)
		goto cleanup;
	app_header(r, "Content-Disposition: attachment; filename=\"table-%d.%s\"", term, fmt);
	err = xlsx ? app_send(r, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
			      data, len)
		   : app_send(r, "text/csv; charset=utf-8", out.buf, (size_t)out.len);
cleanup:
	free(data);
	string_clear(&out);
	free(idx);
	table_set_free(&set);
	return nerr_pass(err);
}

/* ---- edit: the return window -------------------------------------------------- */

static const struct form_field edit_fields[] = {
	{ "allowed_from", FORM_DATE, true, 0, 0, NULL },
	{ "allowed_until", FORM_DATE, true, 0, 0, NULL },
	{ "reason", FORM_TEXT, true, 2, 500, NULL },
	{ 0 }
};
static const struct form edit_form = { "window", edit_fields };

/* Whose window (declared on the edit actions); 0 for none. */
static long long person_param(struct req *r)
{
	return app_num(r, "person", 0);
}

/* Loads Edit.* (who, the application and its window); raises 404 / 403 /
 * 409 (no application to set a window on). */
static NEOERR *edit_load(struct req *r, long long person, int term)
{
	struct application_row a;
	bool found = false;
	NEOERR *err;

	if (person == 0)
		return nerr_raise(HC_ERR_NOTFOUND, "no person given");
	err = scope_require_other(&r->who, (int)person);
	if (err)
		return nerr_pass(err);
	err = directory_application(person, term, &a, &found);
	if (err)
		return nerr_pass(err);
	if (!found)
		return nerr_raise(HC_ERR_NOTFOUND, "no person %lld or term %d", person, term);
	hdf_set_int_value(r->hdf, "Edit.person", (int)a.person);
	hdf_set_value(r->hdf, "Edit.name", a.name);
	hdf_set_value(r->hdf, "Edit.number", a.number);
	hdf_set_int_value(r->hdf, "Edit.term", a.term);
	hdf_set_value(r->hdf, "Edit.term_name", a.term_name);
	if (a.app == 0)
		return nerr_raise(HC_ERR_CONFLICT, "person %lld has no application in term %d",
				  person, term);
	hdf_set_int_value(r->hdf, "Edit.app", (int)a.app);
	hdf_set_value(r->hdf, "Edit.state", a.state);
	if (a.allowed_from[0])
		hdf_set_value(r->hdf, "Edit.allowed_from", a.allowed_from);
	if (a.allowed_until[0])
		hdf_set_value(r->hdf, "Edit.allowed_until", a.allowed_until);
	return STATUS_OK;
}

static NEOERR *edit_page(struct req *r, long long person, int term)
{
	NEOERR *err = edit_load(r, person, term);

	if (nerr_match(err, HC_ERR_CONFLICT)) {
		nerr_ignore(&err);
		r->status = 409;
		hdf_set_value(r->hdf, "Edit.Message", tr(r, "table.edit.no_app"));
		return nerr_pass(app_render(r, "table_edit.cs"));
	}
	if (err)
		return nerr_pass(err);
	if (!hdf_get_value(r->hdf, "Form.Value.allowed_from", NULL)) {
		hdf_set_value(r->hdf, "Form.Value.allowed_from", hdf_get_value(r->hdf, "Edit.allowed_from", ""));
		hdf_set_value(r->hdf, "Form.Value.allowed_until", hdf_get_value(r->hdf, "Edit.allowed_until", ""));
	}
	form_describe(r, &edit_form);
	return nerr_pass(app_render(r, "table_edit.cs"));
}

static NEOERR *edit_form_get(struct req *r)
{
	int term;
	NEOERR *err = table_chosen_term(r->hdf, r->lang, app_param(r, "term", NULL), "Table", &term);

	if (err)
		return nerr_pass(err);
	return nerr_pass(edit_page(r, person_param(r), term));
}

static NEOERR *edit_submit(struct req *r)
{
	long long person = person_param(r);
	const char *from, *until;
	char path[200];
	int term;
	NEOERR *err;

	err = table_chosen_term(r->hdf, r->lang, app_param(r, "term", NULL), "Table", &term);
	if (err == STATUS_OK)
		err = edit_load(r, person, term);
	if (nerr_match(err, HC_ERR_CONFLICT)) {
		nerr_ignore(&err);
		return nerr_pass(edit_page(r, person, term));
	}
	if (err)
		return nerr_pass(err);
	if (form_check(r, &edit_form) > 0) {
		r->status = 400;
		return nerr_pass(edit_page(r, person, term));
	}
	from = app_param(r, "allowed_from", "");
	until = app_param(r, "allowed_until", "");
	if (day_parse(until) < day_parse(from)) {
		r->status = 400;
		form_error(r, "allowed_until", "table.edit.inverted");
		return nerr_pass(edit_page(r, person, term));
	}
	err = ret_set_window(&r->who, person, hdf_get_int_value(r->hdf, "Edit.app", 0),
			     from, until, app_param(r, "reason", ""));
	if (err)
		return nerr_pass(err);
	snprintf(path, sizeof path, "/table?term=%d&number=%s&edited=1", term,
		 hdf_get_value(r->hdf, "Edit.number", ""));
	/* The number is [0-9A-Za-z] in every roster; anything else goes unlinked. */
	for (const char *p = hdf_get_value(r->hdf, "Edit.number", ""); *p; p++)
		if (!((*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z')))
			snprintf(path, sizeof path, "/table?term=%d&edited=1", term);
	return nerr_pass(app_redirect(r, path));
}

#define TABLE_ROLES (R_COUNSELOR | R_REVIEWER | R_ADMIN)

static const struct action actions[] = {
	{ "", M_GET, TABLE_ROLES, show },
	{ "export", M_GET, TABLE_ROLES, export, .lists = "id" },
	{ "edit", M_GET, R_COUNSELOR | R_ADMIN, edit_form_get,
	  .params = PARAMS({ "person", P_ID, .notfound = true }) },
	{ "edit", M_POST, R_COUNSELOR | R_ADMIN, edit_submit, .form = &edit_form,
	  .params = PARAMS({ "person", P_ID, .notfound = true }) },
	{ 0 }
};

int main(void)
{
	static const struct page page = { "table", actions };
	return app_main(&page);
}
