/*
 * notices.c - /notices: a reviewer's 待办 notices (an item reached their
 * queue: seed 000's "您有新的任务需要处理") and their choice of how they
 * hear of them beyond the app: SMS, WeChat Work, mail (with the address),
 * and their quiet hours (the school's, Notify.QuietFrom/Until, unless
 * they set their own). The rules: lib/domain/notice.h.
 *
 *   GET  /notices        200 the latest notices and the choice
 *   POST /notices/prefs  303 /notices?saved=1; 400 the form with a message
 *                        per bad field (mail without an address, an
 *                        address that is not one, one end of the quiet
 *                        hours without the other, a time that is not one)
 *   POST /notices/read   303 /notices?read=N: every notice marked read
 *   POST /notices/slot_add     the school admin: a time of the day's check-in
 *                        reminder (每日上报提醒, sent by build/hc-remind):
 *                        303 /notices?slot=HH:MM; 400 the page with the
 *                        message (not a time, or one set already)
 *   POST /notices/slot_remove  303 /notices?removed=HH:MM; 404 no such time
 */
#include "web/app.h"
#include "core/conf.h"
#include "domain/notice.h"
#include "domain/remind.h"
#include "web/form.h"
#include "read/notices.h"

#include <stdio.h>
#include <string.h>

#define WORKERS (R_COUNSELOR | R_REVIEWER | R_ADMIN | R_DEPT_HEAD)

static const struct form_field prefs_fields[] = {
	{ "sms", FORM_BOOL, false, 0, 0, NULL },
	{ "wechat", FORM_BOOL, false, 0, 0, NULL },
	{ "mail", FORM_BOOL, false, 0, 0, NULL },
	{ "email", FORM_TEXT, false, 0, 254, NULL },
	{ "quiet_from", FORM_TEXT, false, 0, 8, NULL },
	{ "quiet_until", FORM_TEXT, false, 0, 8, NULL },
	{ 0 }
};
static const struct form prefs_form = { "notices", prefs_fields };

static NEOERR *render(struct req *r)
{
	NEOERR *err = notice_list_load(r->hdf, "Notices", r->who.person_id);

	if (err == STATUS_OK && (r->who.roles & R_ADMIN))
		err = remind_slots_load(r->hdf, "Remind.Slot");
	if (err)
		return nerr_pass(err);
	hdf_set_value(r->hdf, "Notices.SchoolQuietFrom", conf_str("Notify.QuietFrom", "22:00"));
	hdf_set_value(r->hdf, "Notices.SchoolQuietUntil", conf_str("Notify.QuietUntil", "07:00"));
	return nerr_pass(app_render(r, "notices.cs"));
}

static NEOERR *show(struct req *r)
{
	struct notice_prefs p;
	NEOERR *err = notice_prefs_load(r->who.person_id, &p);

	if (err)
		return nerr_pass(err);
	for (int i = 0; notice_channels[i]; i++) {
		char key[48];
		snprintf(key, sizeof key, "Form.Value.%s", notice_channels[i]);
		hdf_set_value(r->hdf, key, p.channel[i] ? "1" : "");
	}
	hdf_set_value(r->hdf, "Form.Value.email", p.email);
	hdf_set_value(r->hdf, "Form.Value.quiet_from", p.quiet_from);
	hdf_set_value(r->hdf, "Form.Value.quiet_until", p.quiet_until);
	return nerr_pass(render(r));
}

/* An address mail can go to: one '@' with text either side, a dot in the
 * domain, no spaces or characters a mail header would take apart. */
static bool email_ok(const char *s)
{
	const char *at = strchr(s, '@');

	if (at == NULL || at == s || strchr(at + 1, '@') || !strchr(at + 1, '.') ||
	    at[1] == '.' || s[strlen(s) - 1] == '.')
		return false;
	for (; *s; s++)
		if ((unsigned char)*s <= ' ' || strchr("<>,;:\"()[]\\", *s))
			return false;
	return true;
}

static NEOERR *save(struct req *r)
{
	struct notice_prefs p = { 0 };
	const char *qf, *qu;
	NEOERR *err;

	if (form_check(r, &prefs_form) == 0) {
		for (int i = 0; notice_channels[i]; i++)
			p.channel[i] = !strcmp(app_param(r, notice_channels[i], ""), "1");
		snprintf(p.email, sizeof p.email, "%s", app_param(r, "email", ""));
		qf = app_param(r, "quiet_from", "");
		qu = app_param(r, "quiet_until", "");
		if (p.email[0] && !email_ok(p.email))
			form_error(r, "email", "notices.err.email");
		else if (p.channel[2] && !p.email[0])
			form_error(r, "email", "notices.err.email_needed");
		if (qf[0] && notice_minute_parse(qf) < 0)
			form_error(r, "quiet_from", "notices.err.time");
		if (qu[0] && notice_minute_parse(qu) < 0)
			form_error(r, "quiet_until", "notices.err.time");
		if (!qf[0] != !qu[0])
			form_error(r, qf[0] ? "quiet_until" : "quiet_from", "notices.err.both");
		snprintf(p.quiet_from, sizeof p.quiet_from, "%.5s", qf);
		snprintf(p.quiet_until, sizeof p.quiet_until, "%.5s", qu);
	}
	if (hdf_get_int_value(r->hdf, "Form.Errors", 0) > 0) {
		r->status = 400;
		return nerr_pass(render(r));
	}
	err = notice_prefs_save(&r->who, &p);
	if (err)
		return nerr_pass(err);
	return nerr_pass(app_redirect(r, "/notices?saved=1"));
}

static NEOERR *mark_read(struct req *r)
{
	unsigned long long n = 0;
	NEOERR *err = notice_mark_read(&r->who, &n);

	if (err)
		return nerr_pass(err);
	return nerr_pass(app_redirectf(r, "/notices?read=%llu", n));
}

static const struct form_field slot_fields[] = {
	{ "at", FORM_TEXT, true, 1, 8, NULL },
	{ 0 }
};
static const struct form slot_form = { "slot", slot_fields };

static NEOERR *slot_add(struct req *r)
{
	const char *at = app_param(r, "at", "");
	bool dup = false;
	NEOERR *err;

	if (form_check(r, &slot_form) == 0) {
		if (notice_minute_parse(at) < 0) {
			form_error(r, "at", "notices.err.time");
		} else {
			err = remind_slot_add(&r->who, at, &dup);
			if (err)
				return nerr_pass(err);
			if (dup)
				form_error(r, "at", "remind.err.dup");
		}
	}
	if (hdf_get_int_value(r->hdf, "Form.Errors", 0) > 0) {
		r->status = 400;
		return nerr_pass(render(r));
	}
	return nerr_pass(app_redirectf(r, "/notices?slot=%.5s", at));
}

static NEOERR *slot_remove(struct req *r)
{
	const char *at = app_param(r, "at", "");
	bool found = false;
	NEOERR *err = remind_slot_remove(&r->who, at, &found);

	if (err)
		return nerr_pass(err);
	if (!found)
		return nerr_raise(HC_ERR_NOTFOUND, "no reminder slot %.8s", at);
	return nerr_pass(app_redirectf(r, "/notices?removed=%.5s", at));
}

static const struct action actions[] = {
	{ "", M_GET, WORKERS, show },
	{ "prefs", M_POST, WORKERS, save, .form = &prefs_form },
	{ "read", M_POST, WORKERS, mark_read },
	{ "slot_add", M_POST, R_ADMIN, slot_add, .form = &slot_form },
	{ "slot_remove", M_POST, R_ADMIN, slot_remove },
	{ 0 }
};

int main(void)
{
	static const struct page page = { "notices", actions };
	return app_main(&page);
}
