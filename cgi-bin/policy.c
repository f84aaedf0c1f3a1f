/*
 * policy.c - /policy: the school's rules that change with the epidemic
 * (issue 21), for the school admin: the fever threshold, the check-ins
 * asked for before the return day, the make-up limits and the summary
 * deadline. A change is previewed first (what it does today: cards that
 * change state, by college, with a sample; reports that become anomalous),
 * then applied in one audited transaction (lib/domain/policy.h); it holds
 * from the next request on every host.
 *
 *   GET  /policy          200 the rules in force and the form
 *   GET  /policy/preview  200 what the values given would do today, with a
 *                         button that applies them; 400 the form with its
 *                         messages
 *   POST /policy/apply    303 /policy?applied=1&opened=N&closed=N; 400 the
 *                         form with its messages
 */
#include "web/app.h"
#include "core/days.h"
#include "domain/policy.h"
#include "read/policypreview.h"
#include "web/form.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct form_field policy_fields[] = {
	{ "fever", FORM_DECIMAL, true, 36.0, 40.0, NULL },
	{ "streak_days", FORM_INT, true, 1, 60, NULL },
	{ "makeup_days_back", FORM_INT, true, 0, 365, NULL },
	{ "makeup_per_term", FORM_INT, true, 0, 366, NULL },
	{ "summary_deadline", FORM_TEXT, true, 5, 5, NULL },
	{ 0 }
};
static const struct form policy_form = { "policy", policy_fields };

/* The values into the form (Form.Value.*), as the page shows them. */
static void export_values(struct req *r, const char *prefix, const struct policy *p)
{
	char key[64], v[16];

	snprintf(key, sizeof key, "%s.fever", prefix);
	snprintf(v, sizeof v, "%d.%d", p->fever_tenths / 10, p->fever_tenths % 10);
	hdf_set_value(r->hdf, key, v);
	snprintf(key, sizeof key, "%s.streak_days", prefix);
	hdf_set_int_value(r->hdf, key, p->streak_days);
	snprintf(key, sizeof key, "%s.makeup_days_back", prefix);
	hdf_set_int_value(r->hdf, key, p->makeup_days_back);
	snprintf(key, sizeof key, "%s.makeup_per_term", prefix);
	hdf_set_int_value(r->hdf, key, p->makeup_per_term);
	snprintf(key, sizeof key, "%s.summary_deadline", prefix);
	hdf_set_value(r->hdf, key, p->summary_deadline);
}

static NEOERR *render(struct req *r, const struct policy *now)
{
	export_values(r, "Policy.Now", now);
	return nerr_pass(app_render(r, "policy.cs"));
}

static NEOERR *show(struct req *r)
{
	struct policy now;
	NEOERR *err = policy_load(&now);

	if (err)
		return nerr_pass(err);
	export_values(r, "Form.Value", &now);
	return nerr_pass(render(r, &now));
}

/* The form's values into p; false (with Form.Error.* set and status 400)
 * when a field is bad. */
static bool parse(struct req *r, struct policy *p)
{
	const char *bad;

	memset(p, 0, sizeof *p);
	if (form_check(r, &policy_form) > 0) {
		r->status = 400;
		return false;
	}
	p->fever_tenths = (int)lround(atof(app_param(r, "fever", "0")) * 10);
	p->streak_days = atoi(app_param(r, "streak_days", "0"));
	p->makeup_days_back = atoi(app_param(r, "makeup_days_back", "0"));
	p->makeup_per_term = atoi(app_param(r, "makeup_per_term", "0"));
	snprintf(p->summary_deadline, sizeof p->summary_deadline, "%s",
		 app_param(r, "summary_deadline", ""));
	bad = policy_bad_field(p);
	if (bad) {
		char key[64];
		snprintf(key, sizeof key, "Form.Error.%s", bad);
		hdf_set_value(r->hdf, key, tr(r, strcmp(bad, "summary_deadline") ?
			      "form.err.range" : "policy.err.time"));
		hdf_set_int_value(r->hdf, "Form.Errors", 1);
		r->status = 400;
		return false;
	}
	return true;
}

static NEOERR *preview(struct req *r)
{
	struct policy now, next;
	NEOERR *err = policy_load(&now);

	if (err)
		return nerr_pass(err);
	if (!parse(r, &next))
		return nerr_pass(render(r, &now));
	export_values(r, "Policy.Next", &next);
	err = policy_preview(r->hdf, "Preview", r->lang, &now, &next, app_today());
	if (err)
		return nerr_pass(err);
	hdf_set_int_value(r->hdf, "Preview.Shown", 1);
	return nerr_pass(render(r, &now));
}

static NEOERR *apply(struct req *r)
{
	struct policy now, next;
	struct policy_effect eff;
	char path[96];
	NEOERR *err;

	if (!parse(r, &next)) {
		err = policy_load(&now);
		return nerr_pass(err ? err : render(r, &now));
	}
	err = policy_apply(&r->who, &next, app_today(), &eff);
	if (err)
		return nerr_pass(err);
	snprintf(path, sizeof path, "/policy?applied=%d&opened=%d&closed=%d",
		 eff.changed ? 1 : 0, eff.reports_opened, eff.reports_closed);
	return nerr_pass(app_redirect(r, path));
}

static const struct action actions[] = {
	{ "", M_GET, R_ADMIN, show, .params = PARAMS(
		{ "applied", P_INT, .max = 1 }, { "opened", P_INT, .max = 10000000 },
		{ "closed", P_INT, .max = 10000000 }) },
	{ "preview", M_GET, R_ADMIN, preview, .form = &policy_form },
	{ "apply", M_POST, R_ADMIN, apply, .form = &policy_form },
	{ 0 }
};

int main(void)
{
	static const struct page page = { "policy", actions };
	return app_main(&page);
}
