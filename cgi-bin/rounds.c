/*
 * rounds.c - /rounds: 午晚检, the temperature rounds beside the daily report
 * (lib/domain/rounds.h). Whoever checks in reports each round the admin
 * switched on, inside its window, after the day's daily report; staff see
 * who in their scope has not reported each round today; the school admin
 * switches the rounds on and sets their windows.
 *
 *   GET  /rounds           200 today's rounds (one's own, and for staff
 *                          each round's missing people; the settings for
 *                          the school admin)
 *   POST /rounds/submit    303 /rounds?done=ROUND; 400 the form with its
 *                          messages (a temperature out of 34-43 or not a
 *                          number, no round); 409 the round closed or
 *                          switched off, reported already, or today's
 *                          daily report still missing, saying which
 *   POST /rounds/settings  303 /rounds?saved=1; 400 the settings with the
 *                          message (a time that is not one, a window that
 *                          ends before it opens)
 */
#include "web/app.h"
#include "core/days.h"
#include "domain/notice.h"
#include "domain/rounds.h"
#include "domain/scope.h"
#include "web/form.h"
#include "read/rounds.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REPORTERS (R_STUDENT | R_STAFF)
#define WATCHERS (R_COUNSELOR | R_REVIEWER | R_ADMIN)

static const struct form_field round_fields[] = {
	{ "round", FORM_CHOICE, true, 0, 0, round_names },
	{ "temperature", FORM_DECIMAL, true, 34.0, 43.0, NULL },
	{ "sym_fever", FORM_BOOL, false, 0, 0, NULL },
	{ "sym_cough", FORM_BOOL, false, 0, 0, NULL },
	{ "sym_diarrhoea", FORM_BOOL, false, 0, 0, NULL },
	{ 0 }
};
static const struct form round_form = { "round", round_fields };

static const struct form_field settings_fields[] = {
	{ "noon_enabled", FORM_BOOL, false, 0, 0, NULL },
	{ "noon_opens", FORM_TEXT, true, 4, 8, NULL },
	{ "noon_closes", FORM_TEXT, true, 4, 8, NULL },
	{ "evening_enabled", FORM_BOOL, false, 0, 0, NULL },
	{ "evening_opens", FORM_TEXT, true, 4, 8, NULL },
	{ "evening_closes", FORM_TEXT, true, 4, 8, NULL },
	{ 0 }
};
static const struct form settings_form = { "rounds", settings_fields };

static NEOERR *render(struct req *r, bool settings_from_db)
{
	struct round_conf conf[ROUNDS];
	char today[11], now[20], key[64];
	int h = 0, m = 0;
	NEOERR *err;

	app_now(now);
	sscanf(now + 11, "%d:%d", &h, &m);
	day_format(app_today(), today);
	hdf_set_value(r->hdf, "Rounds.Today", today);
	err = rounds_load(conf);
	for (int i = 0; err == STATUS_OK && i < ROUNDS; i++) {
		snprintf(key, sizeof key, "Rounds.Conf.%s.Enabled", round_names[i]);
		hdf_set_int_value(r->hdf, key, conf[i].enabled);
		snprintf(key, sizeof key, "Rounds.Conf.%s.Opens", round_names[i]);
		hdf_set_value(r->hdf, key, conf[i].opens);
		snprintf(key, sizeof key, "Rounds.Conf.%s.Closes", round_names[i]);
		hdf_set_value(r->hdf, key, conf[i].closes);
		snprintf(key, sizeof key, "Rounds.Conf.%s.Open", round_names[i]);
		hdf_set_int_value(r->hdf, key, round_open_at(&conf[i], h * 60 + m));
		if (settings_from_db) {
			snprintf(key, sizeof key, "Form.Value.%s_enabled", round_names[i]);
			hdf_set_value(r->hdf, key, conf[i].enabled ? "1" : "");
			snprintf(key, sizeof key, "Form.Value.%s_opens", round_names[i]);
			hdf_set_value(r->hdf, key, conf[i].opens);
			snprintf(key, sizeof key, "Form.Value.%s_closes", round_names[i]);
			hdf_set_value(r->hdf, key, conf[i].closes);
		}
	}
	if (err == STATUS_OK && (r->who.roles & REPORTERS))
		err = round_mine_load(r->hdf, "Rounds.Mine", r->who.person_id, today);
	if (err == STATUS_OK && (r->who.roles & WATCHERS)) {
		long long bound;
		enum scope_kind s = scope_kind_of(&r->who, &bound);

		err = round_missing_load(r->hdf, "Rounds.Scope", s, bound, today);
	}
	if (err)
		return nerr_pass(err);
	return nerr_pass(app_render(r, "rounds.cs"));
}

static NEOERR *show(struct req *r)
{
	return nerr_pass(render(r, true));
}

static NEOERR *submit(struct req *r)
{
	enum round_outcome o = ROUND_DONE;
	int round = 0;
	bool anomaly = false;
	NEOERR *err;

	if (form_check(r, &round_form)) {
		r->status = 400;
		return nerr_pass(render(r, true));
	}
	for (int i = 0; round_names[i]; i++)
		if (!strcmp(app_param(r, "round", ""), round_names[i]))
			round = i;
	err = round_submit(&r->who, round,
		(int)lround(strtod(app_param(r, "temperature", "0"), NULL) * 10),
		!strcmp(app_param(r, "sym_fever", ""), "1"), !strcmp(app_param(r, "sym_cough", ""), "1"),
		!strcmp(app_param(r, "sym_diarrhoea", ""), "1"), &o, &anomaly);
	if (err)
		return nerr_pass(err);
	if (o != ROUND_DONE) {
		static const char *const why[] = { "", "rounds.no.closed", "rounds.no.daily",
			"rounds.no.already" };
		r->status = 409;
		hdf_set_value(r->hdf, "Rounds.Refused", tr(r, why[o]));
		hdf_set_int_value(r->hdf, "Rounds.RefusedCode", (int)o);
		return nerr_pass(render(r, true));
	}
	return nerr_pass(app_redirectf(r, "/rounds?done=%s%s", round_names[round],
					 anomaly ? "&abnormal=1" : ""));
}

static NEOERR *settings(struct req *r)
{
	struct round_conf in[ROUNDS];
	char key[64];
	NEOERR *err;

	memset(in, 0, sizeof in);
	if (form_check(r, &settings_form) == 0) {
		for (int i = 0; i < ROUNDS; i++) {
			const char *opens, *closes;

			snprintf(key, sizeof key, "%s_enabled", round_names[i]);
			in[i].enabled = !strcmp(app_param(r, key, ""), "1");
			snprintf(key, sizeof key, "%s_opens", round_names[i]);
			opens = app_param(r, key, "");
			if (notice_minute_parse(opens) < 0)
				form_error(r, key, "notices.err.time");
			snprintf(key, sizeof key, "%s_closes", round_names[i]);
			closes = app_param(r, key, "");
			if (notice_minute_parse(closes) < 0)
				form_error(r, key, "notices.err.time");
			else if (notice_minute_parse(opens) >= notice_minute_parse(closes))
				form_error(r, key, "rounds.err.window");
			snprintf(in[i].opens, sizeof in[i].opens, "%.5s", opens);
			snprintf(in[i].closes, sizeof in[i].closes, "%.5s", closes);
		}
	}
	if (hdf_get_int_value(r->hdf, "Form.Errors", 0) > 0) {
		r->status = 400;
		return nerr_pass(render(r, false));
	}
	err = rounds_save(&r->who, in);
	if (err)
		return nerr_pass(err);
	return nerr_pass(app_redirect(r, "/rounds?saved=1"));
}

static const struct action actions[] = {
	{ "", M_GET, REPORTERS | WATCHERS, show },
	{ "submit", M_POST, REPORTERS, submit, .form = &round_form },
	{ "settings", M_POST, R_ADMIN, settings, .form = &settings_form },
	{ 0 }
};

int main(void)
{
	static const struct page page = { "rounds", actions };
	return app_main(&page);
}
