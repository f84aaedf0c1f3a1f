/*
 * report.c - /report: the summary report (统计报表) over the viewer's scope
 * for a term and a date range. Each figure is a filter of the big table,
 * counted with the table's own predicate over the table's own rows, and
 * links to /table with exactly those filters; an inline SVG shows the
 * arrivals per day.
 *
 *   GET /report   200 the figures (?term=, ?from=, ?to=); a bad date is
 *                 ignored and an inverted range turned round, with a message
 */
#include "web/app.h"
#include "core/days.h"
#include "domain/scope.h"
#include "read/table.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHART_MAX_DAYS 62

/* A figure's filters as name=value pairs, read like URL parameters. */
struct pairs {
	int n;
	char name[8][24], value[8][24];
};

static void pairs_parse(struct pairs *p, const char *params)
{
	char buf[200], *save = NULL;

	memset(p, 0, sizeof *p);
	snprintf(buf, sizeof buf, "%s", params);
	for (char *kv = strtok_r(buf, "&", &save); kv && p->n < 8; kv = strtok_r(NULL, "&", &save)) {
		char *eq = strchr(kv, '=');
		if (!eq)
			continue;
		*eq = '\0';
		snprintf(p->name[p->n], sizeof p->name[0], "%s", kv);
		snprintf(p->value[p->n], sizeof p->value[0], "%s", eq + 1);
		p->n++;
	}
}

static void pairs_add(struct pairs *p, const char *name, const char *value)
{
	if (p->n >= 8 || !value || !*value)
		return;
	snprintf(p->name[p->n], sizeof p->name[0], "%s", name);
	snprintf(p->value[p->n], sizeof p->value[0], "%s", value);
	p->n++;
}

static const char *pairs_get(void *ctx, const char *name)
{
	struct pairs *p = ctx;

	for (int i = 0; i < p->n; i++)
		if (!strcmp(p->name[i], name))
			return p->value[i];
	return NULL;
}

/* ?from= / ?to=: a bad date is dropped, an inverted range turned round. */
static void chosen_range(struct req *r, char from[11], char to[11])
{
	const char *f = app_param(r, "from", ""), *t = app_param(r, "to", "");
	int a = strlen(f) == 10 ? day_parse(f) : -1, b = strlen(t) == 10 ? day_parse(t) : -1;

	if ((*f && a <= 0) || (*t && b <= 0))
		hdf_set_value(r->hdf, "Report.Message", tr(r, "report.bad_date"));
	if (a > 0 && b > 0 && a > b) {
		int x = a;
		a = b;
		b = x;
		hdf_set_value(r->hdf, "Report.Message", tr(r, "table.swapped"));
	}
	from[0] = to[0] = '\0';
	if (a > 0)
		day_format(a, from);
	if (b > 0)
		day_format(b, to);
	hdf_set_value(r->hdf, "Report.From", from);
	hdf_set_value(r->hdf, "Report.To", to);
}

static void figures(struct req *r, const struct table_set *set, int term,
		    const char *from, const char *to)
{
	char key[96], link[400];

	for (int i = 0; table_figures[i].name; i++) {
		const struct table_figure *fig = &table_figures[i];
		struct table_parse_notes notes;
		struct table_filter f;
		struct pairs p;
		int n = 0;

		pairs_parse(&p, fig->params);
		if (fig->range == FIG_SUBMITTED) {
			pairs_add(&p, "sub_from", from);
			pairs_add(&p, "sub_to", to);
		} else if (fig->range == FIG_ARRIVED) {
			pairs_add(&p, "arr_from", from);
			pairs_add(&p, "arr_to", to);
		}
		table_filter_parse(&f, pairs_get, &p, &notes);
		for (int k = 0; k < set->n; k++)
			n += table_row_matches(&f, &set->rows[k]);
		snprintf(link, sizeof link, "/table?term=%d", term);
		for (int k = 0; k < p.n; k++) {
			size_t used = strlen(link);
			snprintf(link + used, sizeof link - used, "&%s=%s", p.name[k], p.value[k]);
		}
		snprintf(key, sizeof key, "Report.Figure.%d.Name", i);
		hdf_set_value(r->hdf, key, fig->name);
		snprintf(key, sizeof key, "Report.Figure.%d.Count", i);
		hdf_set_int_value(r->hdf, key, n);
		snprintf(key, sizeof key, "Report.Figure.%d.Link", i);
		hdf_set_value(r->hdf, key, link);
		snprintf(key, sizeof key, "Report.Figure.%d.Ranged", i);
		hdf_set_int_value(r->hdf, key, fig->range != FIG_NO_RANGE);
	}
}

/* Arrivals per day over the range (else the last 14 days), from the same
 * rows; geometry for the inline SVG: 100 units tall. */
static void chart(struct req *r, const struct table_set *set, const char *from, const char *to)
{
	int counts[CHART_MAX_DAYS] = { 0 }, first, last, days, max = 0;
	char key[64], d[11];

	last = *to ? day_parse(to) : app_today();
	first = *from ? day_parse(from) : last - 13;
	if (last - first + 1 > CHART_MAX_DAYS) {
		first = last - CHART_MAX_DAYS + 1;
		hdf_set_int_value(r->hdf, "Report.ChartCut", CHART_MAX_DAYS);
	}
	days = last - first + 1;
	for (int k = 0; k < set->n; k++) {
		int i = set->rows[k].arrived_day - first;
		if (set->rows[k].arrived && i >= 0 && i < days)
			counts[i]++;
	}
	for (int i = 0; i < days; i++)
		if (counts[i] > max)
			max = counts[i];
	hdf_set_int_value(r->hdf, "Report.Chart.Width", days * 20 + 4);
	hdf_set_int_value(r->hdf, "Report.Chart.Max", max);
	for (int i = 0; i < days; i++) {
		int h = max ? (100 * counts[i] + max - 1) / max : 0;
		day_format(first + i, d);
		snprintf(key, sizeof key, "Report.Bar.%d.Day", i);
		hdf_set_value(r->hdf, key, d + 5);
		snprintf(key, sizeof key, "Report.Bar.%d.Date", i);
		hdf_set_value(r->hdf, key, d);
		snprintf(key, sizeof key, "Report.Bar.%d.N", i);
		hdf_set_int_value(r->hdf, key, counts[i]);
		snprintf(key, sizeof key, "Report.Bar.%d.X", i);
		hdf_set_int_value(r->hdf, key, i * 20 + 2);
		snprintf(key, sizeof key, "Report.Bar.%d.H", i);
		hdf_set_int_value(r->hdf, key, h);
		snprintf(key, sizeof key, "Report.Bar.%d.Y", i);
		hdf_set_int_value(r->hdf, key, 100 - h);
	}
}

static NEOERR *show(struct req *r)
{
	struct table_set set = { 0 };
	char from[11], to[11];
	long long bound;
	enum scope_kind s = scope_kind_of(&r->who, &bound);
	int term = 0;
	NEOERR *err;

	chosen_range(r, from, to);
	err = table_chosen_term(r->hdf, r->lang, app_param(r, "term", NULL), "Report", &term);
	if (err == STATUS_OK)
		err = table_load(&set, s, bound, term, app_today(), 0, true);
	if (err)
		goto cleanup;
	figures(r, &set, term, from, to);
	chart(r, &set, from, to);
	err = app_render(r, "report.cs");
cleanup:
	table_set_free(&set);
	return nerr_pass(err);
}

static const struct action actions[] = {
	{ "", M_GET, R_COUNSELOR | R_REVIEWER | R_ADMIN, show },
	{ 0 }
};

int main(void)
{
	static const struct page page = { "report", actions };
	return app_main(&page);
}
