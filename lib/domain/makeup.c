/* makeup.c - see makeup.h. */
#include "domain/makeup.h"
#include "domain/txn.h"
#include "domain/queue.h"
#include "domain/audit.h"
#include "core/db.h"
#include "core/days.h"
#include "domain/checkin.h"
#include "domain/notice.h"
#include "domain/policy.h"
#include "domain/term.h"

#include <stdio.h>
#include <string.h>

const char *makeup_refusal(int day, int today, int term_start, int term_end,
			   bool has_report, bool has_open_request,
			   const struct makeup_limits *lim)
{
	if (day < 0)
		return "makeup.no.bad_day";
	if (day >= today)
		return "makeup.no.not_past";
	if (term_start == 0 || day < term_start || day > term_end)
		return "makeup.no.outside_term";
	if (lim && lim->days_back > 0 && day < today - lim->days_back)
		return "makeup.no.too_old";
	if (has_report)
		return "makeup.no.reported";
	if (has_open_request)
		return "makeup.no.open_request";
	if (lim && lim->per_term > 0 && lim->used_in_term >= lim->per_term)
		return "makeup.no.term_limit";
	return NULL;
}

static NEOERR *audit(const struct actor *a, const char *now, const char *action,
		     long long subject, long long object, const char *detail)
{
	return nerr_pass(audit_write(a, now, action, subject, "makeup_request", object, detail));
}

struct apply_ctx {
	const struct actor *a;
	int day;
	const char *reason;
	const char **refusal;
};

static NEOERR *apply_in_txn(void *arg)
{
	struct apply_ctx *x = arg;
	const struct actor *a = x->a;
	char d[11], now[20];
	DB_CURSOR *c = NULL;
	long long id = 0, item = 0;
	int start = 0, end = 0;
	bool reported = false, open = false;
	struct policy pol;
	struct makeup_limits lim = { 0 };
	NEOERR *err;

	day_format(x->day, d);
	clock_now(now);
	/* The limits in force, held until the request commits. */
	err = policy_load_locked(&pol);
	if (err)
		return nerr_pass(err);
	lim.days_back = pol.makeup_days_back;
	lim.per_term = pol.makeup_per_term;
	err = db_query(&c,
		"SELECT (SELECT starts_on FROM terms WHERE id = " TERM_NOW_ID "), "
		" (SELECT ends_on FROM terms WHERE id = " TERM_NOW_ID "), "
		" EXISTS (SELECT 1 FROM daily_reports WHERE person_id = ? AND day = ?), "
		" EXISTS (SELECT 1 FROM makeup_requests WHERE person_id = ? AND open_day = ?), "
		" (SELECT COUNT(*) FROM makeup_requests mr JOIN terms t ON t.id = " TERM_NOW_ID
		"  WHERE mr.person_id = ? AND mr.state <> 'withdrawn' "
		"  AND mr.day BETWEEN t.starts_on AND t.ends_on)",
		"ssssisisssi", now, now, now, now, (long long)a->person_id, d,
		(long long)a->person_id, d, now, now, (long long)a->person_id);
	if (err)
		return nerr_pass(err);
	if (db_next(c)) {
		start = db_str(c, 0) ? day_parse(db_str(c, 0)) : 0;
		end = db_str(c, 1) ? day_parse(db_str(c, 1)) : 0;
		DB_FILL(c, 2, reported, open, lim.used_in_term);
	}
	db_cursor_free(&c);
	*x->refusal = makeup_refusal(x->day, day_today(), start, end, reported, open, &lim);
	if (*x->refusal)
		return STATUS_OK;
	err = db_exec(NULL, &id,
		"INSERT INTO makeup_requests (person_id, day, reason, created_at) "
		"VALUES (?, ?, ?, ?)", "isss", (long long)a->person_id, d, x->reason, now);
	if (nerr_match(err, HC_ERR_CONFLICT)) {
		/* A request for the day was filed meanwhile (another tab). */
		nerr_ignore(&err);
		*x->refusal = "makeup.no.open_request";
		return nerr_raise(HC_ERR_CONFLICT, "open request exists");
	}
	if (err == STATUS_OK)
		err = queue_open("makeup", id, a->person_id, 0, now, &item);
	if (err == STATUS_OK)
		err = notice_item_opened(item, "makeup", a->person_id, now);
	if (err == STATUS_OK)
		err = audit(a, now, "makeup.apply", a->person_id, id, d);
	return nerr_pass(err);
}

NEOERR *makeup_apply(const struct actor *a, int day, const char *reason,
		     const char **refusal)
{
	struct apply_ctx x = { a, day, reason, refusal };
	NEOERR *err;

	*refusal = NULL;
	err = db_txn(apply_in_txn, &x);
	if (nerr_match(err, HC_ERR_CONFLICT) && *refusal) {
		nerr_ignore(&err);
		return STATUS_OK;
	}
	return nerr_pass(err);
}

static NEOERR *withdraw_in_txn(struct txn *x)
{
	unsigned long long n = 0;
	NEOERR *err;

	err = db_exec(&n, NULL,
		"UPDATE makeup_requests SET state = 'withdrawn', decided_at = ? "
		"WHERE id = ? AND person_id = ? AND state = 'pending'",
		"sii", x->now, x->id, (long long)x->a->person_id);
	if (err)
		return nerr_pass(err);
	if (n == 0) {
		long long mine;
		bool found;
		err = db_scalar(&mine, &found, "SELECT COUNT(*) FROM makeup_requests "
			"WHERE id = ? AND person_id = ?", "ii", x->id,
			(long long)x->a->person_id);
		if (err)
			return nerr_pass(err);
		return mine ? nerr_raise(HC_ERR_CONFLICT, "request %lld not pending", x->id)
			    : nerr_raise(HC_ERR_NOTFOUND, "request %lld is not theirs", x->id);
	}
	err = db_exec(NULL, NULL,
		"UPDATE queue_items SET state = 'withdrawn', decided_at = ? "
		"WHERE kind = 'makeup' AND open_ref = ?", "si", x->now, x->id);
	if (err == STATUS_OK)
		err = audit(x->a, x->now, "makeup.withdraw", x->a->person_id, x->id, "");
	return nerr_pass(err);
}

NEOERR *makeup_withdraw(const struct actor *a, long long request_id)
{
	return nerr_pass(txn_run(withdraw_in_txn, a, request_id, NULL, NULL));
}

/* Inside report_submit()'s transaction: the day must have an approved
 * request, which the report now fills. */
static NEOERR *fill_request(void *ctx, struct report_submission *s)
{
	char d[11];
	unsigned long long n = 0;
	NEOERR *err;

	(void)ctx;
	day_format(s->day, d);
	err = db_exec(&n, NULL,
		"UPDATE makeup_requests SET state = 'filled' "
		"WHERE person_id = ? AND open_day = ? AND state = 'approved'",
		"is", (long long)s->person_id, d);
	if (err)
		return nerr_pass(err);
	if (n != 1)
		return nerr_raise(HC_ERR_FORBIDDEN, "no approved make-up for %s", d);
	return STATUS_OK;
}

NEOERR *makeup_fill(struct report_submission *s)
{
	s->is_makeup = true;
	s->also = fill_request;
	s->also_ctx = NULL;
	return nerr_pass(report_submit(s));
}
