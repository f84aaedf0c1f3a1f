/* calendar.c - see calendar.h. */
#include "read/calendar.h"
#include "core/db.h"
#include "core/days.h"

#include <stdio.h>
#include <string.h>

void calendar_states(const struct calendar_fact *f, int nf,
		     const struct exemption *ex, int nex,
		     int from, int to, int today, struct calendar_day *days)
{
	int n = to - from + 1;

	for (int i = 0; i < n; i++) {
		days[i].day = to - i;
		days[i].state = NULL;
		days[i].filler[0] = '\0';
	}
	/* A report's day is that report's, whatever else holds. */
	for (int i = 0; i < nf; i++)
		if (f[i].report && f[i].day >= from && f[i].day <= to) {
			struct calendar_day *d = &days[to - f[i].day];

			d->state = f[i].state;
			if (f[i].filler)
				snprintf(d->filler, sizeof d->filler, "%s", f[i].filler);
		}
	for (int i = 0; i < nex; i++) {
		int a = day_or_0(ex[i].starts_on);
		int b = ex[i].ends_on[0] ? day_or_0(ex[i].ends_on) : to;

		for (int day = a < from ? from : a; day <= b && day <= to; day++)
			if (days[to - day].state == NULL)
				days[to - day].state = "exempt";
	}
	if (today >= from && today <= to && days[to - today].state == NULL)
		days[to - today].state = "today";
	/* An open request (pending or approved) is at most one a day. */
	for (int i = 0; i < nf; i++)
		if (!f[i].report && f[i].day >= from && f[i].day <= to &&
		    days[to - f[i].day].state == NULL)
			days[to - f[i].day].state = f[i].state;
	for (int i = 0; i < n; i++)
		if (days[i].state == NULL)
			days[i].state = "missed";
}

/* The words a fact's state is stored under: the row's own text is gone
 * once the cursor moves on. */
static const char *report_state(const char *anomaly_state, bool bulk, bool makeup)
{
	if (anomaly_state && !strcmp(anomaly_state, "sent_back"))
		return "sent_back";
	return bulk ? "bulk" : makeup ? "made_up" : "done";
}

/* ex[0..*n) kept in exempt_before()'s order, at most max: one more
 * goes in its place, the last falls off. */
static void keep_exemption(struct exemption *ex, int max, int *n, const struct exemption *e)
{
	int i;

	if (max <= 0)
		return;
	if (*n == max) {
		if (!exempt_before(e, &ex[max - 1]))
			return;
		i = max - 1;
	} else
		i = (*n)++;
	while (i > 0 && exempt_before(e, &ex[i - 1])) {
		ex[i] = ex[i - 1];
		i--;
	}
	ex[i] = *e;
}

NEOERR *calendar_read(int person, int from, int to, int today,
		      struct exemption *ex, int max_ex, int *nex, struct calendar_day *days)
{
	struct calendar_fact f[2 * CALENDAR_MAX_DAYS];
	char fillers[CALENDAR_MAX_DAYS][101];
	char a[11], b[11];
	DB_CURSOR *c = NULL;
	int nf = 0, nfill = 0;
	NEOERR *err;

	*nex = 0;
	if (to < from || to - from + 1 > CALENDAR_MAX_DAYS)
		return nerr_raise(NERR_ASSERT, "calendar of %d days", to - from + 1);
	day_format(from, a);
	day_format(to, b);
	/* At most one report and one open request a day (uq_report_day,
	 * uq_makeup_open): 2 x the days bound those rows; then the
	 * exemptions over the days (what = 2), columns 6 on. */
	err = db_query(&c,
		"SELECT d.day, 1 AS what, d.anomaly_state, d.bulk_filled_by IS NOT NULL, "
		" d.is_makeup, f.name, NULL, NULL, NULL, NULL, NULL, NULL, NULL "
		"FROM daily_reports d LEFT JOIN people f ON f.id = d.filled_by "
		"WHERE d.person_id = ? AND d.day BETWEEN ? AND ? "
		"UNION ALL SELECT m.open_day, 0, m.state, 0, 0, NULL, "
		" NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM makeup_requests m "
		"WHERE m.person_id = ? AND m.open_day BETWEEN ? AND ? "
		"UNION ALL SELECT NULL, 2, NULL, 0, 0, NULL, " EXEMPT_RANGE_COLUMNS " "
		EXEMPT_RANGE_FROM,
		"ississssi", (long long)person, a, b, (long long)person, a, b, b, a,
		(long long)person);
	if (err)
		return nerr_pass(err);
	while (db_next(c)) {
		int what = (int)db_int(c, 1);

		if (what == 2) {
			struct exemption e;

			exempt_fill(c, 6, &e);
			keep_exemption(ex, max_ex, nex, &e);
			continue;
		}
		if (nf >= 2 * CALENDAR_MAX_DAYS)
			continue;
		struct calendar_fact *x = &f[nf++];

		x->day = day_or_0(db_str(c, 0));
		x->report = what == 1;
		x->filler = NULL;
		if (x->report) {
			x->state = report_state(db_str(c, 2), db_int(c, 3) != 0, db_int(c, 4) != 0);
			if (db_str(c, 5) && nfill < CALENDAR_MAX_DAYS) {
				snprintf(fillers[nfill], sizeof fillers[nfill], "%s", db_str(c, 5));
				x->filler = fillers[nfill++];
			}
		} else {
			x->state = !strcmp(db_str(c, 2) ? db_str(c, 2) : "", "approved")
				   ? "approved" : "pending";
		}
	}
	db_cursor_free(&c);
	calendar_states(f, nf, ex, *nex, from, to, today, days);
	return STATUS_OK;
}

NEOERR *calendar_export(HDF *out, const char *prefix, const struct calendar_day *days, int n,
			bool oldest_first, int focus)
{
	char key[96], d[11];
	HDF *node;
	NEOERR *err = STATUS_OK;

	for (int i = 0; i < n && err == STATUS_OK; i++) {
		const struct calendar_day *x = &days[oldest_first ? n - 1 - i : i];

		snprintf(key, sizeof key, "%s.%d", prefix, i);
		err = hdf_get_node(out, key, &node);
		if (err == STATUS_OK) {
			day_format(x->day, d);
			err = hdf_set_value(node, "day", d);
		}
		if (err == STATUS_OK)
			err = hdf_set_value(node, "state", x->state);
		if (err == STATUS_OK && x->filler[0])
			err = hdf_set_value(node, "filler", x->filler);
		if (err == STATUS_OK && x->day == focus)
			err = hdf_set_value(node, "focus", "1");
	}
	return nerr_pass(err);
}
