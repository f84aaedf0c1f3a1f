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
 *
 * Retention (lib/domain/purge.h): how long each kind of data is kept after
 * its term ends, and the reports of the purges (build/hc-purge).
 *
 *   GET  /policy/retention 200 what a purge would take under the values
 *                         given (a dry run, not stored), with a button that
 *                         stores them; 400 the form with its messages
 *   POST /policy/retention 303 /policy?retention=1; 400 the form
 *   GET  /policy/purge     ?id=N 200 a purge's report; &fmt=csv as a file;
 *                         404 no such run
 *
 * The daily form's optional questions (domain/question.h): added,
 * retired, moved; each change one audited transaction.
 *
 *   GET  /policy/questions 200 every question (active in order, then the
 *                         retired) and the form that adds one
 *   POST /policy/questions 303 /policy/questions?added=ID; 400 the form
 *                         with its messages; 409 too many active
 *   POST /policy/question_retire ?id= 303 /policy/questions?retired=ID;
 *                         404 no such active question
 *   POST /policy/question_move ?id=&dir=up|down 303 /policy/questions;
 *                         404 no such active question
 *
 * The end of a wave: every open anomaly closed with a reason.
 *
 *   GET  /policy/close     ?reason= 200 what it does today (the preview),
 *                         with a button that does it; 400 no reason
 *   POST /policy/close     303 /policy?closed_all=N; 400 no reason
 *
 * Every card returned to a state (domain/policy.h: enum card_reset; one
 * today: what the check-ins say, every red hold an admin may lift lifted).
 *
 *   GET  /policy/reset     ?state=checkins&reason= 200 the preview, with a
 *                         button that does it; 400 the form's messages
 *   POST /policy/reset     303 /policy?reset_cards=N&fevers=M; 400
 *
 * A new term, the rules in force copied to it.
 *
 *   GET  /policy/term      ?name=&starts_on=&ends_on= 200 the preview (the
 *                         cards it makes by college, each card's state on
 *                         its first day), with a button; 400 the form
 *   POST /policy/term      303 /policy?term_opened=ID&cards=N; 400 the form
 *                         (a name taken: on its field)
 */
#include "web/app.h"
#include "core/days.h"
#include "core/csv.h"
#include "domain/policy.h"
#include "domain/question.h"
#include "domain/purge.h"
#include "read/policypreview.h"
#include "read/questions.h"
#include "web/form.h"
#include "read/registers.h"

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

/* Days kept after the term's end, per kind (purge_kinds); empty: kept. */
static const struct form_field retention_fields[] = {
	{ "reports", FORM_INT, false, 0, 36500, NULL },
	{ "location", FORM_INT, false, 0, 36500, NULL },
	{ "uploads", FORM_INT, false, 0, 36500, NULL },
	{ "arrivals", FORM_INT, false, 0, 36500, NULL },
	{ "messages", FORM_INT, false, 0, 36500, NULL },
	{ "audit", FORM_INT, false, 0, 36500, NULL },
	{ 0 }
};
static const struct form retention_form = { "retention", retention_fields };

static void export_retention(struct req *r, const char *prefix, const struct retention *ret)
{
	char key[64];

	for (int k = 0; k < PK_COUNT; k++) {
		snprintf(key, sizeof key, "%s.%s", prefix, purge_kinds[k]);
		if (ret->days[k] >= 0)
			hdf_set_int_value(r->hdf, key, ret->days[k]);
		else
			hdf_set_value(r->hdf, key, "");
	}
}

static void export_report(struct req *r, const char *prefix, const struct purge_report *rep)
{
	char key[96];

	for (int i = 0; i < rep->n; i++) {
		const struct purge_line *l = &rep->line[i];
		snprintf(key, sizeof key, "%s.Line.%d.kind", prefix, i);
		hdf_set_value(r->hdf, key, purge_kinds[l->kind]);
		snprintf(key, sizeof key, "%s.Line.%d.term_name", prefix, i);
		hdf_set_value(r->hdf, key, l->term_name);
		snprintf(key, sizeof key, "%s.Line.%d.rule_days", prefix, i);
		hdf_set_int_value(r->hdf, key, l->rule_days);
		snprintf(key, sizeof key, "%s.Line.%d.rows_n", prefix, i);
		hdf_set_int_value(r->hdf, key, (int)l->rows);
		snprintf(key, sizeof key, "%s.Line.%d.files_n", prefix, i);
		hdf_set_int_value(r->hdf, key, (int)l->files);
	}
}

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
	struct retention ret;
	NEOERR *err = retention_load(&ret);

	if (err == STATUS_OK)
		err = purge_runs_list(r->hdf, "Purge.Run");
	if (err)
		return nerr_pass(err);
	export_values(r, "Policy.Now", now);
	export_retention(r, "Retention.Now", &ret);
	if (!hdf_get_int_value(r->hdf, "Retention.Typed", 0))
		export_retention(r, "Form.Value", &ret);
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
	/* The whole numbers as the form checked them (0 is 0). */
	p->streak_days = form_int(r, "streak_days");
	p->makeup_days_back = form_int(r, "makeup_days_back");
	p->makeup_per_term = form_int(r, "makeup_per_term");
	snprintf(p->summary_deadline, sizeof p->summary_deadline, "%s",
		 app_param(r, "summary_deadline", ""));
	bad = policy_bad_field(p);
	if (bad) {
		form_error(r, bad, strcmp(bad, "summary_deadline") ? "form.err.range" : "policy.err.time");
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

/* The retention form's values into ret; false (status 400, the form's
 * messages) when one is bad. */
static bool parse_retention(struct req *r, struct retention *ret)
{
	hdf_set_int_value(r->hdf, "Retention.Typed", 1);
	if (form_check(r, &retention_form) > 0) {
		hdf_set_int_value(r->hdf, "Retention.Bad", 1);
		r->status = 400;
		return false;
	}
	for (int k = 0; k < PK_COUNT; k++) {
		const char *v = app_param(r, purge_kinds[k], "");
		ret->days[k] = *v ? form_int(r, purge_kinds[k]) : -1;
	}
	return true;
}

static NEOERR *retention_preview(struct req *r)
{
	static struct purge_report rep;
	struct retention ret;
	struct policy now;
	NEOERR *err = policy_load(&now);

	if (err)
		return nerr_pass(err);
	if (!parse_retention(r, &ret))
		return nerr_pass(render(r, &now));
	export_retention(r, "Retention.Next", &ret);
	err = purge_run(&ret, app_today(), true, false, r->who.login, "", &rep);
	if (err)
		return nerr_pass(err);
	export_report(r, "Retention.Preview", &rep);
	hdf_set_int_value(r->hdf, "Retention.Preview.Shown", 1);
	return nerr_pass(render(r, &now));
}

static NEOERR *retention_apply(struct req *r)
{
	struct retention ret;
	struct policy now;
	NEOERR *err;

	if (!parse_retention(r, &ret)) {
		err = policy_load(&now);
		return nerr_pass(err ? err : render(r, &now));
	}
	err = retention_save(&r->who, &ret);
	if (err)
		return nerr_pass(err);
	return nerr_pass(app_redirect(r, "/policy?retention=1"));
}

/* A purge's report: the page, or its lines as CSV. */
static NEOERR *purge_report(struct req *r)
{
	static const char *const cols[] = { "kind", "term_name", "rule_days", "rows_n", "files_n" };
	long long id = app_num(r, "id", 0);
	bool found = false;
	STRING out;
	char key[64];
	NEOERR *err = purge_run_load(r->hdf, "Purge", id, &found);

	if (err)
		return nerr_pass(err);
	if (!found)
		return nerr_raise(HC_ERR_NOTFOUND, "no purge run %lld", id);
	if (strcmp(app_param(r, "fmt", "html"), "csv"))
		return nerr_pass(app_render(r, "policy_purge.cs"));
	string_init(&out);
	string_append(&out, "\xEF\xBB\xBF");
	for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++) {
		snprintf(key, sizeof key, "purge.col.%s", cols[i]);
		csv_cell(&out, tr(r, key), i + 1 == sizeof cols / sizeof cols[0]);
	}
	for (HDF *l = hdf_get_obj(r->hdf, "Purge.Line.0"); l; l = hdf_obj_next(l))
		for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++) {
			const char *v = hdf_get_value(l, cols[i], "");
			if (i == 0) {
				snprintf(key, sizeof key, "purge.kind.%s", v);
				v = tr(r, key);
			}
			csv_cell(&out, v, i + 1 == sizeof cols / sizeof cols[0]);
		}
	app_header(r, "Content-Disposition: attachment; filename=\"purge-%lld.csv\"", id);
	err = app_send(r, "text/csv; charset=utf-8", out.buf, (size_t)out.len);
	string_clear(&out);
	return nerr_pass(err);
}

static const struct form_field close_fields[] = {
	{ "reason", FORM_TEXT, true, 2, 500, NULL },
	{ 0 }
};
static const struct form close_form = { "policy_close", close_fields };

/* form_check() of a closing or resetting form (its preview's and its
 * application's): refused, bad_key set and the page again with 400. */
static NEOERR *bulk_form_refused(struct req *r, const struct form *f, const char *bad_key,
				 bool *refused)
{
	struct policy now;
	NEOERR *err;

	*refused = form_check(r, f) > 0;
	if (!*refused)
		return STATUS_OK;
	hdf_set_int_value(r->hdf, bad_key, 1);
	r->status = 400;
	err = policy_load(&now);
	return nerr_pass(err ? err : render(r, &now));
}

/* A bulk action's preview (GET): what it would change, counted now, with
 * the reason (and the state) carried to the form that confirms it. */
static NEOERR *bulk_preview(struct req *r, const struct form *f, const char *bad_key,
			    NEOERR *(*count)(HDF *, const char *, const char *,
					     const struct policy *, int),
			    const char *reason_key)
{
	struct policy now;
	bool refused;
	NEOERR *err = bulk_form_refused(r, f, bad_key, &refused);

	if (err || refused)
		return nerr_pass(err);
	err = policy_load(&now);
	if (err == STATUS_OK)
		err = count(r->hdf, "Preview", r->lang, &now, app_today());
	if (err)
		return nerr_pass(err);
	hdf_set_int_value(r->hdf, "Preview.Shown", 1);
	hdf_set_value(r->hdf, reason_key, app_param(r, "reason", ""));
	hdf_set_value(r->hdf, "Preview.State", app_param(r, "state", ""));
	return nerr_pass(render(r, &now));
}

static NEOERR *close_preview(struct req *r)
{
	return nerr_pass(bulk_preview(r, &close_form, "Close.Bad", policy_preview_close,
				      "Preview.Close"));
}

static NEOERR *close_apply(struct req *r)
{
	struct policy_effect eff;
	char path[64];
	bool refused;
	NEOERR *err = bulk_form_refused(r, &close_form, "Close.Bad", &refused);

	if (err || refused)
		return nerr_pass(err);
	err = policy_close_anomalies(&r->who, app_param(r, "reason", ""), &eff);
	if (err)
		return nerr_pass(err);
	snprintf(path, sizeof path, "/policy?closed_all=%d", eff.reports_closed);
	return nerr_pass(app_redirect(r, path));
}

static const char *const reset_states[] = { "checkins", NULL };
static const struct form_field reset_fields[] = {
	{ "state", FORM_CHOICE, true, 0, 0, reset_states },
	{ "reason", FORM_TEXT, true, 2, 500, NULL },
	{ 0 }
};
static const struct form reset_form = { "policy_reset", reset_fields };

static NEOERR *reset_preview(struct req *r)
{
	return nerr_pass(bulk_preview(r, &reset_form, "Reset.Bad", policy_preview_reset,
				      "Preview.Reset"));
}

static NEOERR *reset_apply(struct req *r)
{
	struct policy_effect eff;
	char path[80];
	bool refused;
	NEOERR *err = bulk_form_refused(r, &reset_form, "Reset.Bad", &refused);

	if (err || refused)
		return nerr_pass(err);
	err = policy_reset_cards(&r->who, CARD_RESET_CHECKINS, app_param(r, "reason", ""), &eff);
	if (err)
		return nerr_pass(err);
	snprintf(path, sizeof path, "/policy?reset_cards=%d&fevers=%d", eff.reports_closed,
		 eff.fevers_cleared);
	return nerr_pass(app_redirect(r, path));
}

static const struct form_field term_fields[] = {
	{ "name", FORM_TEXT, true, 1, 64, NULL },
	{ "starts_on", FORM_DATE, true, 0, 0, NULL },
	{ "ends_on", FORM_DATE, true, 0, 0, NULL },
	{ 0 }
};
static const struct form term_form = { "policy_term", term_fields };

/* The term form checked: its fields, and the end not before the start. */
static bool term_check(struct req *r)
{
	hdf_set_int_value(r->hdf, "Term.Typed", 1);
	if (form_check(r, &term_form) == 0 &&
	    day_parse(app_param(r, "ends_on", "")) < day_parse(app_param(r, "starts_on", ""))) {
		form_error(r, "ends_on", "policy.err.term_order");
	}
	if (hdf_get_int_value(r->hdf, "Form.Errors", 0) == 0)
		return true;
	hdf_set_int_value(r->hdf, "Term.Bad", 1);
	r->status = 400;
	return false;
}

static NEOERR *term_preview(struct req *r)
{
	struct policy now;
	NEOERR *err = policy_load(&now);

	if (err)
		return nerr_pass(err);
	if (!term_check(r))
		return nerr_pass(render(r, &now));
	err = policy_preview_term(r->hdf, "Preview", r->lang, &now, app_today(),
				  day_parse(app_param(r, "starts_on", "")));
	if (err)
		return nerr_pass(err);
	hdf_set_int_value(r->hdf, "Preview.Shown", 1);
	hdf_set_int_value(r->hdf, "Preview.NewTerm", 1);
	return nerr_pass(render(r, &now));
}

static NEOERR *term_apply(struct req *r)
{
	struct policy now;
	struct term_open t = { 0 };
	char path[80];
	NEOERR *err;

	if (!term_check(r)) {
		err = policy_load(&now);
		return nerr_pass(err ? err : render(r, &now));
	}
	t.name = app_param(r, "name", "");
	t.starts_on = app_param(r, "starts_on", "");
	t.ends_on = app_param(r, "ends_on", "");
	err = policy_open_term(&r->who, &t);
	if (nerr_match(err, HC_ERR_CONFLICT)) {
		/* The name is another term's. */
		nerr_ignore(&err);
		form_error(r, "name", "policy.err.term_name");
		hdf_set_int_value(r->hdf, "Term.Bad", 1);
		r->status = 400;
		err = policy_load(&now);
		return nerr_pass(err ? err : render(r, &now));
	}
	if (err)
		return nerr_pass(err);
	snprintf(path, sizeof path, "/policy?term_opened=%d&cards=%d", t.term_id, t.cards);
	return nerr_pass(app_redirect(r, path));
}

static const char *const question_kinds[] = { "yesno", "choice", "number", "text", NULL };
static const struct form_field question_fields[] = {
	{ "kind", FORM_CHOICE, true, 0, 0, question_kinds },
	{ "required", FORM_BOOL, false, 0, 0, NULL },
	{ "label_zh", FORM_TEXT, true, 1, QUESTION_LABEL_MAX, NULL },
	{ "label_en", FORM_TEXT, true, 1, QUESTION_LABEL_MAX, NULL },
	{ "options_zh", FORM_TEXT, false, 0, 1000, NULL },
	{ "options_en", FORM_TEXT, false, 0, 1000, NULL },
	{ 0 }
};
static const struct form question_form = { "question", question_fields };

static NEOERR *questions_page(struct req *r)
{
	NEOERR *err = questions_list(r->hdf, "Questions");

	if (err)
		return nerr_pass(err);
	hdf_set_int_value(r->hdf, "QuestionsMax", QUESTION_MAX);
	return nerr_pass(app_render(r, "policy_questions.cs"));
}

static NEOERR *question_add_do(struct req *r)
{
	struct question_new qn;
	const char *bad, *msg = NULL;
	char path[64];
	int id = 0;
	NEOERR *err;

	if (form_check(r, &question_form) > 0) {
		r->status = 400;
		return nerr_pass(questions_page(r));
	}
	qn.kind = (enum question_kind)question_kind_parse(app_param(r, "kind", "text"));
	qn.required = !strcmp(app_param(r, "required", "0"), "1");
	qn.label_zh = app_param(r, "label_zh", "");
	qn.label_en = app_param(r, "label_en", "");
	qn.options_zh = app_param(r, "options_zh", "");
	qn.options_en = app_param(r, "options_en", "");
	bad = question_new_bad(&qn, &msg);
	if (bad) {
		form_error(r, bad, msg);
		r->status = 400;
		return nerr_pass(questions_page(r));
	}
	err = question_add(&r->who, &qn, &id);
	if (err)
		return nerr_pass(err);
	snprintf(path, sizeof path, "/policy/questions?added=%d", id);
	return nerr_pass(app_redirect(r, path));
}

static NEOERR *question_retire_do(struct req *r)
{
	int id = (int)app_num(r, "id", 0);
	char path[64];
	NEOERR *err = question_retire(&r->who, id);

	if (err)
		return nerr_pass(err);
	snprintf(path, sizeof path, "/policy/questions?retired=%d", id);
	return nerr_pass(app_redirect(r, path));
}

static NEOERR *question_move_do(struct req *r)
{
	NEOERR *err = question_move(&r->who, (int)app_num(r, "id", 0),
				    !strcmp(app_param(r, "dir", "up"), "up"));

	if (err)
		return nerr_pass(err);
	return nerr_pass(app_redirect(r, "/policy/questions"));
}

static const struct action actions[] = {
	{ "", M_GET, R_ADMIN, show, .params = PARAMS(
		{ "applied", P_INT, .max = 1 }, { "opened", P_INT, .max = 10000000 },
		{ "closed", P_INT, .max = 10000000 }, { "retention", P_INT, .max = 1 },
		{ "closed_all", P_INT, .max = 100000000 }, { "reset_cards", P_INT, .max = 100000000 },
		{ "fevers", P_INT, .max = 100000000 }, { "term_opened", P_ID },
		{ "cards", P_INT, .max = 100000000 }) },
	{ "reset", M_GET, R_ADMIN, reset_preview, .form = &reset_form },
	{ "reset", M_POST, R_ADMIN, reset_apply, .form = &reset_form },
	{ "term", M_GET, R_ADMIN, term_preview, .form = &term_form },
	{ "term", M_POST, R_ADMIN, term_apply, .form = &term_form },
	{ "close", M_GET, R_ADMIN, close_preview, .form = &close_form },
	{ "close", M_POST, R_ADMIN, close_apply, .form = &close_form },
	{ "retention", M_GET, R_ADMIN, retention_preview, .form = &retention_form },
	{ "retention", M_POST, R_ADMIN, retention_apply, .form = &retention_form },
	{ "purge", M_GET, R_ADMIN, purge_report, .params = PARAMS(
		{ "id", P_ID, true, .notfound = true }, { "fmt", P_ENUM, .values = "html csv" }) },
	{ "questions", M_GET, R_ADMIN, questions_page, .params = PARAMS(
		{ "added", P_ID }, { "retired", P_ID }) },
	{ "questions", M_POST, R_ADMIN, question_add_do, .form = &question_form,
	  .lines = "options_zh options_en" },
	{ "question_retire", M_POST, R_ADMIN, question_retire_do, .params = PARAMS(
		{ "id", P_ID, true, .notfound = true }) },
	{ "question_move", M_POST, R_ADMIN, question_move_do, .params = PARAMS(
		{ "id", P_ID, true, .notfound = true }, { "dir", P_ENUM, true, .values = "up down" }) },
	{ "preview", M_GET, R_ADMIN, preview, .form = &policy_form },
	{ "apply", M_POST, R_ADMIN, apply, .form = &policy_form },
	{ 0 }
};

int main(void)
{
	static const struct page page = { "policy", actions };
	return app_main(&page);
}
