/*
 * group.c - /group: the counselor's groups as the collector's workbench
 * (学校采集员工作台, seed 004): all their students, and each class of
 * theirs. Per group the day's figures, joined against expected, the
 * invitation (邀请卡片: a link and its QR to share in the class chat), and
 * the bulk quick-fill of the unreported (快速填充未报数据).
 *
 *   GET  /group             200 the groups (?filled= ... after a quick-fill)
 *   GET  /group/quickfill   200 who a quick-fill of ?class= (none: all one's
 *                           students) fills, and who it skips, named;
 *                           404 a class not one's own
 *   POST /group/quickfill   303 /group?filled=N...; the ids the page listed
 *                           (id=...), each filled from their last report
 *                           unless they reported meanwhile; 404 a class
 *                           not one's own; 400 no one listed
 *   POST /group/invite      303 /group: a new invitation (the old revoked)
 *   POST /group/revoke      303 /group: the invitation revoked
 *   GET  /group/qr          200 the invitation's QR (SVG); 404 none live
 *   GET  /group/join?t=     200 what the invitation is for: log in, or
 *                           join, or "not a member of this class"; 404 a
 *                           forged or unknown link, 410 a revoked one
 *   POST /group/join        303 / joined (first login: /password next);
 *                           403 not a member (nothing changes); 404/410
 */
#include "web/app.h"
#include "core/days.h"
#include "domain/invite.h"
#include "domain/quickfill.h"
#include "read/group.h"
#include "web/sess.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FILL 2000

static int chosen_class(struct req *r)
{
	return (int)app_num(r, "class", 0);
}

/* The class asked for, if it is the counselor's own; else 404. */
static NEOERR *require_own_class(struct req *r, int class_id)
{
	bool mine;
	NEOERR *err = group_class_is_mine(r->who.person_id, class_id, &mine);

	if (err)
		return nerr_pass(err);
	if (!mine)
		return nerr_raise(HC_ERR_NOTFOUND, "class %d is not of counselor %d", class_id,
				  r->who.person_id);
	return STATUS_OK;
}

static void invite_key(unsigned char key[INVITE_KEY_BYTES])
{
	sess_subkey("invite", key);
}

/* Group.<n>.{class_id, name, Fig.*, Invite.{id, link}} for one group. */
static NEOERR *export_group(struct req *r, int n, int class_id, const char *name,
			    const char *day)
{
	unsigned char key[INVITE_KEY_BYTES];
	char prefix[64], k[96], token[INVITE_TOKEN_MAX], path[128], url[512];
	long long id = 0;
	bool found = false;
	NEOERR *err;

	snprintf(prefix, sizeof prefix, "Group.%d", n);
	snprintf(k, sizeof k, "%s.class_id", prefix);
	hdf_set_int_value(r->hdf, k, class_id);
	snprintf(k, sizeof k, "%s.name", prefix);
	hdf_set_value(r->hdf, k, name);
	snprintf(k, sizeof k, "%s.Fig", prefix);
	err = group_figures(r->hdf, k, r->who.person_id, class_id, day);
	if (err)
		return nerr_pass(err);
	invite_key(key);
	err = invite_current(&r->who, class_id, key, &found, &id, token);
	sodium_memzero(key, sizeof key);
	if (err || !found)
		return nerr_pass(err);
	snprintf(path, sizeof path, "/group/join?t=%s", token);
	app_site_url(r, path, url, sizeof url);
	snprintf(k, sizeof k, "%s.Invite.link", prefix);
	hdf_set_value(r->hdf, k, url);
	snprintf(k, sizeof k, "%s.Invite.id", prefix);
	hdf_set_int_value(r->hdf, k, (int)id);
	return STATUS_OK;
}

static NEOERR *show(struct req *r)
{
	char day[11];
	int n = 1;
	NEOERR *err;

	day_format(app_today(), day);
	hdf_set_value(r->hdf, "Group.Day", day);
	err = export_group(r, 0, 0, tr(r, "group.mine"), day);
	if (err == STATUS_OK)
		err = group_classes(r->hdf, "Classes", r->who.person_id);
	for (HDF *c = hdf_get_obj(r->hdf, "Classes.0"); err == STATUS_OK && c;
	     c = hdf_obj_next(c), n++)
		err = export_group(r, n, hdf_get_int_value(c, "id", 0),
				   hdf_get_value(c, "name", ""), day);
	if (err)
		return nerr_pass(err);
	return nerr_pass(app_render(r, "group.cs"));
}

/* The confirmation: who a quick-fill fills and who it skips. */
static NEOERR *quickfill_confirm(struct req *r)
{
	char day[11];
	int class_id = chosen_class(r), n = 0, fill = 0, none = 0, abnormal = 0;
	NEOERR *err = require_own_class(r, class_id);

	if (err)
		return nerr_pass(err);
	day_format(app_today(), day);
	hdf_set_value(r->hdf, "Quick.Day", day);
	hdf_set_int_value(r->hdf, "Quick.Class", class_id);
	err = group_unreported(r->hdf, "Quick.Row", r->who.person_id, class_id, day, &n);
	if (err)
		return nerr_pass(err);
	for (HDF *p = hdf_get_obj(r->hdf, "Quick.Row.0"); p; p = hdf_obj_next(p)) {
		if (!*hdf_get_value(p, "last_day", ""))
			none++;
		else if (hdf_get_int_value(p, "last_anomaly", 0))
			abnormal++;
		else
			fill++;
	}
	hdf_set_int_value(r->hdf, "Quick.Fill", fill);
	hdf_set_int_value(r->hdf, "Quick.None", none);
	hdf_set_int_value(r->hdf, "Quick.Abnormal", abnormal);
	return nerr_pass(app_render(r, "group_quickfill.cs"));
}

static NEOERR *quickfill_do(struct req *r)
{
	static long long ids[MAX_FILL];
	struct quickfill_result res;
	char path[160];
	int class_id = chosen_class(r), n;
	NEOERR *err = require_own_class(r, class_id);

	if (err)
		return nerr_pass(err);
	n = app_nums(r, "id", ids, MAX_FILL);
	if (n == 0)
		return nerr_raise(HC_ERR_BADREQ, "id: nobody to fill");
	err = quickfill_run(&r->who, class_id, ids, n, app_today(), &res);
	if (err)
		return nerr_pass(err);
	snprintf(path, sizeof path, "/group?filled=%d&reported=%d&none=%d&abnormal=%d",
		 res.filled, res.reported, res.no_report, res.abnormal + res.outside);
	return nerr_pass(app_redirect(r, path));
}

static NEOERR *invite_new(struct req *r)
{
	unsigned char key[INVITE_KEY_BYTES];
	char token[INVITE_TOKEN_MAX];
	int class_id = chosen_class(r);
	NEOERR *err = require_own_class(r, class_id);

	if (err)
		return nerr_pass(err);
	invite_key(key);
	err = invite_issue(&r->who, class_id, key, token);
	sodium_memzero(key, sizeof key);
	if (err)
		return nerr_pass(err);
	return nerr_pass(app_redirect(r, "/group?invited=1"));
}

static NEOERR *invite_end(struct req *r)
{
	int class_id = chosen_class(r);
	bool done = false;
	NEOERR *err = require_own_class(r, class_id);

	if (err == STATUS_OK)
		err = invite_revoke(&r->who, class_id, &done);
	if (err)
		return nerr_pass(err);
	if (!done)
		return nerr_raise(HC_ERR_NOTFOUND, "no live invitation");
	return nerr_pass(app_redirect(r, "/group?revoked=1"));
}

static NEOERR *invite_qr(struct req *r)
{
	unsigned char key[INVITE_KEY_BYTES];
	char token[INVITE_TOKEN_MAX];
	int class_id = chosen_class(r);
	long long id;
	bool found = false;
	NEOERR *err = require_own_class(r, class_id);

	if (err)
		return nerr_pass(err);
	invite_key(key);
	err = invite_current(&r->who, class_id, key, &found, &id, token);
	sodium_memzero(key, sizeof key);
	if (err)
		return nerr_pass(err);
	if (!found)
		return nerr_raise(HC_ERR_NOTFOUND, "no live invitation");
	return nerr_pass(app_send_qr(r, "/group/join", token));
}

/* The token of ?t=, checked: Join.* set; 404 forged or unknown, 410
 * revoked (the page says which). *info for the caller. */
static NEOERR *join_open(struct req *r, struct invite_info *info, bool *ok)
{
	unsigned char key[INVITE_KEY_BYTES];
	const char *t = app_param(r, "t", "");
	enum invite_status st;
	NEOERR *err;

	*ok = false;
	invite_key(key);
	err = invite_open(key, t, &st, info);
	sodium_memzero(key, sizeof key);
	if (err)
		return nerr_pass(err);
	if (st != INVITE_OK) {
		r->status = st == INVITE_REVOKED ? 410 : 404;
		hdf_set_value(r->hdf, "Join.Refused", st == INVITE_REVOKED ? "revoked" : "bad");
		return nerr_pass(app_render(r, "group_join.cs"));
	}
	hdf_set_value(r->hdf, "Join.Token", t);
	hdf_set_value(r->hdf, "Join.Counselor", info->counselor_name);
	hdf_set_value(r->hdf, "Join.Class", info->class_name);
	*ok = true;
	return STATUS_OK;
}

static NEOERR *join_show(struct req *r)
{
	struct invite_info info;
	char next[160], *esc = NULL;
	bool ok, member;
	NEOERR *err = join_open(r, &info, &ok);

	if (err || !ok)
		return nerr_pass(err);
	if (r->who.person_id == 0) {
		/* The login comes back here; an imported account's first login
		 * then asks for a password of one's own, after the join. */
		snprintf(next, sizeof next, "/group/join?t=%s", app_param(r, "t", ""));
		err = cgi_url_escape(next, &esc);
		if (err)
			return nerr_pass(err);
		hdf_set_value(r->hdf, "Join.LoginNext", esc);
		free(esc);
		return nerr_pass(app_render(r, "group_join.cs"));
	}
	err = invite_is_member(&info, r->who.person_id, &member);
	if (err)
		return nerr_pass(err);
	if (!member) {
		r->status = 403;
		hdf_set_int_value(r->hdf, "Join.Stranger", 1);
	} else {
		hdf_set_int_value(r->hdf, "Join.Member", 1);
	}
	return nerr_pass(app_render(r, "group_join.cs"));
}

static NEOERR *join_do(struct req *r)
{
	unsigned char key[INVITE_KEY_BYTES];
	enum invite_join_outcome out = JOIN_INVALID;
	struct invite_info info;
	bool ok;
	NEOERR *err = join_open(r, &info, &ok);

	if (err || !ok)
		return nerr_pass(err);
	if (r->who.person_id == 0)
		return nerr_pass(join_show(r));
	invite_key(key);
	err = invite_join(&r->who, key, app_param(r, "t", ""), &out);
	sodium_memzero(key, sizeof key);
	if (err)
		return nerr_pass(err);
	switch (out) {
	case JOIN_DONE:
	case JOIN_ALREADY:
		/* An account an admin made sets its own password first. */
		return nerr_pass(app_redirect(r, r->who.must_change_pw ? "/password" :
					      "/?joined=1"));
	case JOIN_STRANGER:
		r->status = 403;
		hdf_set_int_value(r->hdf, "Join.Stranger", 1);
		return nerr_pass(app_render(r, "group_join.cs"));
	default:
		r->status = 410;
		hdf_set_value(r->hdf, "Join.Refused", "revoked");
		return nerr_pass(app_render(r, "group_join.cs"));
	}
}

#define CLASS { "class", P_ID, .notfound = true }
#define COUNT(n) { n, P_INT, .min = 0, .max = MAX_FILL }

static const struct action actions[] = {
	{ "", M_GET, R_COUNSELOR, show, .params = PARAMS(COUNT("filled"), COUNT("reported"),
	  COUNT("none"), COUNT("abnormal")) },
	{ "quickfill", M_GET, R_COUNSELOR, quickfill_confirm, .params = PARAMS(CLASS) },
	{ "quickfill", M_POST, R_COUNSELOR, quickfill_do, .lists = "id",
	  .params = PARAMS(CLASS, { "id", P_ID }) },
	{ "invite", M_POST, R_COUNSELOR, invite_new, .params = PARAMS(CLASS) },
	{ "revoke", M_POST, R_COUNSELOR, invite_end, .params = PARAMS(CLASS) },
	{ "qr", M_GET, R_COUNSELOR, invite_qr, .params = PARAMS(CLASS) },
	{ "join", M_GET, R_ANON, join_show },
	{ "join", M_POST, R_ANON, join_do },
	{ 0 }
};

int main(void)
{
	static const struct page page = { "group", actions };
	return app_main(&page);
}
