/*
 * return.c - /return: the student's way back to campus (返校申请), one step
 * after another: the notice and its questions (答题), the commitment
 * letter (承诺书), the application with the four confirmations, then after
 * the first review the travel legs and the evidence, then the second
 * review. Each step is refused, with the reason, when the one before it is
 * not done; while a review is pending nothing can be edited. Teachers and
 * staff on a return roster (返岗, seed 002) take the same steps; their
 * first review is their department head's (role dept_head), not a
 * counselor's (domain/queue.c).
 *
 *   GET  /return          200 the page at the student's current step
 *   POST /return/quiz     303; 400 with the wrong answers marked
 *   POST /return/pledge   303; 400 without the explicit acceptance; 403 out of order
 *   POST /return/apply    303; 400 form with messages; 403 out of order / pending
 *   POST /return/legs     303; 400 form with messages; 403 before the first review
 *   POST /return/upload   303; 400 wrong type or name; 413 too large; 403 out of order
 *   POST /return/submit   303; 403 legs or evidence missing / out of order
 *   GET  /return/file     200 an evidence file to its owner and their reviewers;
 *                         403 to anyone else; 404 none
 */
#include "web/app.h"
#include "core/conf.h"
#include "web/form.h"
#include "web/input.h"
#include "domain/policy.h"
#include "domain/returnapp.h"
#include "domain/scope.h"
#include "read/application.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct form_field apply_fields[] = {
	{ "reason", FORM_TEXT, true, 2, 500, NULL },
	{ "itinerary", FORM_TEXT, true, 2, 1000, NULL },
	{ "confirm_no_symptoms", FORM_BOOL, true, 0, 0, NULL },
	{ "confirm_no_risk", FORM_BOOL, true, 0, 0, NULL },
	{ "confirm_no_contact", FORM_BOOL, true, 0, 0, NULL },
	{ "confirm_code_green", FORM_BOOL, true, 0, 0, NULL },
	{ 0 }
};
static const struct form apply_form = { "return", apply_fields };

static const char *const modes[] = { "train", "flight", "bus", "car", "ship", "other", NULL };
static const char *const kinds[] = { "health_code", "nucleic_acid", "vaccination",
	"advisor_consent", NULL };

/* One travel leg's fields; every leg row is declared the same way. */
static const struct form_field leg_fields[] = {
	{ "mode", FORM_CHOICE, true, 0, 0, modes },
	{ "number", FORM_TEXT, false, 0, 32, NULL },
	{ "day", FORM_DATE, true, 0, 0, NULL },
	{ "from", FORM_TEXT, true, 1, 64, NULL },
	{ "to", FORM_TEXT, true, 1, 64, NULL },
	{ 0 }
};

struct step_ctx {
	struct ret_step step;
	bool on_roster;
};

static NEOERR *load(struct req *r, struct step_ctx *x)
{
	struct policy pol;
	NEOERR *err;

	memset(x, 0, sizeof *x);
	x->step.a = &r->who;
	/* The notice and the quiz name the streak in force. */
	err = policy_load(&pol);
	if (err == STATUS_OK)
		err = hdf_copy(r->hdf, "ReturnConf", hdf_get_obj(conf_hdf(), "Return"));
	if (err == STATUS_OK)
		err = conf_fill_days(hdf_get_obj(r->hdf, "ReturnConf"), pol.streak_days);
	if (err)
		return nerr_pass(err);
	return nerr_pass(ret_load(r->hdf, r->who.person_id, &x->step.term, &x->on_roster));
}

/* LegRow.<i>.* for the legs form: what was typed (after a refusal) or
 * what is stored, with each field's message. */
static void export_legs(struct req *r)
{
	bool typed = hdf_get_int_value(r->hdf, "Return.LegsFromQuery", 0);
	static const char *const stored[] = { "mode", "number", "day", "from_place", "to_place" };
	char key[64], src[64];
	int k;

	for (int i = 1; i <= RET_MAX_LEGS; i++) {
		k = 0;
		for (const struct form_field *f = leg_fields; f->name; f++, k++) {
			if (typed)
				snprintf(src, sizeof src, "Query.%s_%d", f->name, i);
			else
				snprintf(src, sizeof src, "Return.Leg.%d.%s", i - 1, stored[k]);
			snprintf(key, sizeof key, "LegRow.%d.%s", i, f->name);
			hdf_set_value(r->hdf, key, hdf_get_value(r->hdf, src, ""));
			snprintf(src, sizeof src, "Form.Error.%s_%d", f->name, i);
			snprintf(key, sizeof key, "LegRow.%d.Error.%s", i, f->name);
			if (hdf_get_value(r->hdf, src, NULL))
				hdf_set_value(r->hdf, key, hdf_get_value(r->hdf, src, ""));
		}
	}
}

static NEOERR *render(struct req *r)
{
	export_legs(r);
	return nerr_pass(app_render(r, "return.cs"));
}

static NEOERR *show(struct req *r)
{
	struct step_ctx x;
	NEOERR *err = load(r, &x);

	if (err)
		return nerr_pass(err);
	form_describe(r, &apply_form);
	return nerr_pass(render(r));
}

/* A step's outcome: 303 back to the page, or the page again with the
 * refusal (403) in words. */
static NEOERR *after_step(struct req *r, const struct ret_step *step, NEOERR *err)
{
	struct step_ctx x;
	const char *refusal = step->refusal;

	if (err == STATUS_OK)
		return nerr_pass(app_redirect(r, "/return"));
	if (!nerr_match(err, HC_ERR_FORBIDDEN) || !refusal)
		return nerr_pass(err);
	nerr_ignore(&err);
	r->status = 403;
	hdf_set_value(r->hdf, "Page.Message", tr(r, refusal));
	err = load(r, &x);
	if (err)
		return nerr_pass(err);
	form_describe(r, &apply_form);
	return nerr_pass(render(r));
}

static NEOERR *rerender(struct req *r, int status, const char *message_key)
{
	struct step_ctx x;
	NEOERR *err = load(r, &x);

	if (err)
		return nerr_pass(err);
	r->status = status;
	if (message_key)
		hdf_set_value(r->hdf, "Page.Message", tr(r, message_key));
	form_describe_blank(r, &apply_form);
	return nerr_pass(render(r));
}

/* Checks q0, q1... against the quiz; Return.Wrong.<n> marks each wrong
 * answer. Returns how many are wrong. */
static int quiz_wrong(struct req *r)
{
	const char *answers[RET_MAX_QUIZ];
	bool wrong[RET_MAX_QUIZ];
	char key[32];
	int n;

	for (int i = 0; i < RET_MAX_QUIZ; i++) {
		snprintf(key, sizeof key, "q%d", i);
		answers[i] = app_param(r, key, "");
	}
	n = ret_quiz_wrong(answers, wrong);
	for (int i = 0; i < RET_MAX_QUIZ; i++) {
		if (wrong[i]) {
			snprintf(key, sizeof key, "Return.Wrong.%d", i);
			hdf_set_int_value(r->hdf, key, 1);
		}
	}
	return n;
}

static NEOERR *quiz(struct req *r)
{
	struct step_ctx x;
	NEOERR *err = load(r, &x);

	if (err)
		return nerr_pass(err);
	if (quiz_wrong(r))
		return nerr_pass(rerender(r, 400, "return.quiz_wrong"));
	return nerr_pass(after_step(r, &x.step, ret_pass_quiz(&x.step)));
}

static NEOERR *pledge(struct req *r)
{
	struct step_ctx x;
	NEOERR *err = load(r, &x);

	if (err)
		return nerr_pass(err);
	if (strcmp(app_param(r, "accept", ""), "1"))
		return nerr_pass(rerender(r, 400, "return.pledge_needed"));
	return nerr_pass(after_step(r, &x.step, ret_accept_pledge(&x.step)));
}

/* The step before must be done: say so before judging the form. */
static const char *earlier_step_missing(struct req *r)
{
	if (!hdf_get_value(r->hdf, "Return.quiz_passed_at", NULL))
		return "return.no.quiz_first";
	if (!hdf_get_value(r->hdf, "Return.pledge_accepted_at", NULL))
		return "return.no.pledge_first";
	return NULL;
}

static NEOERR *apply(struct req *r)
{
	struct step_ctx x;
	const char *missing;
	NEOERR *err = load(r, &x);

	if (err)
		return nerr_pass(err);
	if ((missing = earlier_step_missing(r)))
		return nerr_pass(rerender(r, 403, missing));
	if (form_check(r, &apply_form))
		return nerr_pass(rerender(r, 400, "checkin.fix_errors"));
	struct ret_application app = { app_param(r, "reason", ""), app_param(r, "itinerary", "") };
	return nerr_pass(after_step(r, &x.step, ret_submit_application(&x.step, &app)));
}

/* Validates leg rows 1..RET_MAX_LEGS; a row left wholly empty is skipped. */
static int check_legs(struct req *r, int *filled)
{
	char key[48], errkey[64];
	int bad = 0;

	*filled = 0;
	for (int i = 1; i <= RET_MAX_LEGS; i++) {
		bool any = false;
		for (const struct form_field *f = leg_fields; f->name; f++) {
			snprintf(key, sizeof key, "%s_%d", f->name, i);
			any |= *app_param(r, key, "") != '\0';
		}
		if (!any)
			continue;
		(*filled)++;
		for (const struct form_field *f = leg_fields; f->name; f++) {
			const char *msg;
			snprintf(key, sizeof key, "%s_%d", f->name, i);
			msg = form_field_error(f, app_param(r, key, NULL));
			if (msg) {
				snprintf(errkey, sizeof errkey, "Form.Error.%s", key);
				hdf_set_value(r->hdf, errkey, tr(r, msg));
				bad++;
			}
		}
	}
	return bad;
}

static NEOERR *legs(struct req *r)
{
	struct step_ctx x;
	int filled;
	NEOERR *err = load(r, &x);

	if (err)
		return nerr_pass(err);
	if (check_legs(r, &filled) || filled == 0) {
		/* Keep what was typed: the legs re-render from Query.*. */
		hdf_set_int_value(r->hdf, "Return.LegsFromQuery", 1);
		return nerr_pass(rerender(r, 400, filled ? "checkin.fix_errors" : "return.no.legs"));
	}
	struct ret_leg rows[RET_MAX_LEGS];
	int n = 0;
	for (int i = 1; i <= RET_MAX_LEGS; i++) {
		const char *v[5];
		char key[32];
		int k = 0;
		for (const struct form_field *f = leg_fields; f->name; f++, k++) {
			snprintf(key, sizeof key, "%s_%d", f->name, i);
			v[k] = app_param(r, key, "");
		}
		if (*v[0])   /* a row without a mode was left empty */
			rows[n++] = (struct ret_leg){ v[0], v[1], v[2], v[3], v[4] };
	}
	return nerr_pass(after_step(r, &x.step, ret_save_legs(&x.step, rows, n,
		!strcmp(app_param(r, "needs_pickup", "0"), "1"))));
}

/* The name the browser sent, if it is a plain file name. */
static bool plain_file_name(const char *name)
{
	size_t n = name ? strlen(name) : 0;

	if (n == 0 || n > 200 || strstr(name, ".."))
		return false;
	for (const unsigned char *p = (const unsigned char *)name; *p; p++)
		if (*p == '/' || *p == '\\' || *p < 0x20 || *p == 0x7f)
			return false;
	return true;
}

static NEOERR *upload(struct req *r)
{
	const char *kind = app_param(r, "kind", "");
	const char *name = app_param(r, "file", NULL);
	size_t max = (size_t)conf_int("Uploads.MaxBytes", 10485760);
	const char *data = NULL;
	size_t len = 0;
	struct step_ctx x;
	bool known = false;
	NEOERR *err;

	for (int i = 0; kinds[i]; i++)
		known |= !strcmp(kinds[i], kind);
	if (!known)
		return nerr_raise(HC_ERR_BADREQ, "unknown evidence kind '%s'", kind);
	if (!input_file(r, "file", &data, &len) || len == 0)
		return nerr_pass(rerender(r, 400, "return.no.file"));
	if (!plain_file_name(name))
		return nerr_pass(rerender(r, 400, "return.no.file_name"));
	if (len > max)
		return nerr_pass(rerender(r, 413, "return.no.file_size"));
	if (ret_sniff_type((const unsigned char *)data, len) == NULL) {
		/* Judged by its bytes, whatever its name says. */
		return nerr_pass(rerender(r, 400, "return.no.file_type"));
	}
	err = load(r, &x);
	if (err == STATUS_OK)
		err = after_step(r, &x.step, ret_store_upload(&x.step, kind, name,
						     (const unsigned char *)data, len));
	return nerr_pass(err);
}

static NEOERR *submit(struct req *r)
{
	struct step_ctx x;
	NEOERR *err = load(r, &x);

	if (err)
		return nerr_pass(err);
	return nerr_pass(after_step(r, &x.step, ret_submit_evidence(&x.step)));
}

static NEOERR *file(struct req *r)
{
	char path[1024], *buf = NULL;
	long long n = app_num(r, "id", 0);
	struct ret_upload u;
	size_t len = 0;
	bool found = false;
	NEOERR *err;

	err = ret_upload_find(n, &u, &found);
	if (err)
		return nerr_pass(err);
	if (!found || u.owner == 0)
		return nerr_raise(HC_ERR_NOTFOUND, "no upload %lld", n);
	snprintf(path, sizeof path, "%s/%s", conf_str("Paths.Uploads", ""), u.stored_name);
	hdf_set_value(r->hdf, "File.Mime", u.mime);
	err = scope_require(&r->who, u.owner);
	if (err)
		return nerr_pass(err);
	err = ne_load_file_len(path, &buf, (int *)&len);
	if (err)
		return nerr_pass(err);
	app_header(r, "Content-Disposition: inline");
	err = app_send(r, hdf_get_value(r->hdf, "File.Mime", "application/octet-stream"),
		       buf, len);
	free(buf);
	return nerr_pass(err);
}

static const struct action actions[] = {
	{ "", M_GET, R_STUDENT | R_STAFF, show },
	{ "quiz", M_POST, R_STUDENT | R_STAFF, quiz },
	{ "pledge", M_POST, R_STUDENT | R_STAFF, pledge },
	{ "apply", M_POST, R_STUDENT | R_STAFF, apply, .form = &apply_form },
	{ "legs", M_POST, R_STUDENT | R_STAFF, legs },
	{ "upload", M_POST, R_STUDENT | R_STAFF, upload, .flags = A_UPLOAD },
	{ "submit", M_POST, R_STUDENT | R_STAFF, submit },
	{ "file", M_GET, R_ANYONE, file, .params = PARAMS({ "id", P_ID, true, .notfound = true }) },
	{ 0 }
};

int main(void)
{
	/* Uploads: the body cap is Uploads.MaxBytes plus room for the form. */
	static const struct page page = { "return", actions };
	return app_main(&page);
}
