/*
 * dash.h - the counselor's dashboard figures (辅导员查看每日打卡情况): which
 * people a viewer's dashboard covers, and the named figures, each of which
 * is also a filter for the list behind it.
 */
#ifndef HC_DASH_H
#define HC_DASH_H

#include "core/actor.h"
#include "core/err.h"
#include "domain/scope.h"

#include <ClearSilver.h>
#include <stdbool.h>

/* The figures, in display order; each name is also a list filter. At
 * most DASH_MAX_FIGURES (checked when lib/read/dash.c compiles). */
#define DASH_MAX_FIGURES 32
extern const char *const dash_figures[];
/* True for a known figure name. */
bool dash_figure_known(const char *name);

/* The loaders fill out (the page's data set, or a snapshot's). */

/* Fills Dash.Figure.<name> for `day` over the viewer's scope. */
NEOERR *dash_figures_load(HDF *out, enum scope_kind s, long long bound,
			  const char *day);
/* Fills Dash.Row.<n>.* (100 a page) for the filter; Dash.Rows the count. */
NEOERR *dash_list_load(HDF *out, enum scope_kind s, long long bound,
		       const char *day, const char *filter, int page);
/* For each row under `rows` (as dash_list_load() gives them) with a
 * report, <row>.A.{temperature, symptoms, city, in_city, on_campus, abroad,
 * risk_area_14d, cohabitant_returned, returned_to_city, quarantine,
 * other_abnormal}: that report's answers, as stored; `reports` their ids
 * as a JSON array (idlist_from_rows()): one statement, none for "[]". The
 * form's own questions' answers: questions_rows_answers(). */
NEOERR *dash_rows_reports(HDF *out, const char *rows, const char *reports);
/* Fills Dash.Class.<n>.* (the "by class" roll-up). */
NEOERR *dash_classes_load(HDF *out, enum scope_kind s, long long bound,
			  const char *day);
/* Fills Dash.Bar.<n>.* (reporting rate of the 14 days ending with day). */
NEOERR *dash_trend_load(HDF *out, enum scope_kind s, long long bound,
			int day);

/* Fills Dash.Guests.{total, declared, abnormal}: the people without an
 * account in scope (lib/domain/guest.h: a counselor's group, a college,
 * the school), how many were declared for on `day` and how many of those
 * declarations were abnormal. A line of its own, beside the figures: they
 * are declared for only when something changes, never "unreported". */
NEOERR *dash_guests_load(HDF *out, enum scope_kind s, long long bound, const char *day);

/* Fills Dash.Anomaly.<n>.* with the open anomalies in scope, oldest first
 * (the first 200): the rows of the figure "anomaly" and of its list. */
NEOERR *dash_anomalies_load(HDF *out, enum scope_kind s, long long bound);

/* Reminds every unreported person in scope for `day`, once per person and
 * day, in a batch named by the actor's request id; *sent is how many were
 * reminded now (0 when all already were). */
NEOERR *dash_remind(const struct actor *a, enum scope_kind s, long long bound,
		    const char *day, int *sent);

/* How many people in scope were reminded for `day`, by anyone. */
NEOERR *dash_reminded_count(enum scope_kind s, long long bound, const char *day,
			    long long *n);

/* May a counselor still submit the summary of `day`? Today always; the
 * previous day until deadline_minutes past midnight. Pure. */
bool dash_summary_open(int day, int today, int now_minutes, int deadline_minutes);

#endif
