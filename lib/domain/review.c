/* review.c - see review.h. */
#include "domain/review.h"
#include "domain/audit.h"
#include "domain/facts.h"
#include "domain/queue.h"
#include "domain/returnapp.h"
#include "domain/scope.h"
#include "core/db.h"
#include "core/days.h"

#include <stdio.h>
#include <string.h>

bool review_verdict_parse(const char *decision, enum review_verdict *v)
{
	static const char *const names[] = { "approve", "reject", "send_back" };

	for (int i = 0; decision && i < REVIEW_VERDICTS; i++)
		if (!strcmp(decision, names[i])) {
			*v = (enum review_verdict)i;
			return true;
		}
	return false;
}

const char *review_outcome_name(enum review_outcome o)
{
	static const char *const names[] = { "done", "already", "forbidden",
		"notfound", "needs_reason", "bad_window", "unsupported" };
	return names[o];
}

/* ---- records with a state, a decider and a reason ----------------------- */

/* Make-up requests, anomalies (the day's report), fevers at a building's
 * entrance (the passage denied), temporary passes (临时出入审批), leaves
 * (请销假) and commute reports (走读报备) each keep the verdict in four
 * columns of their own row: one check and one apply over the names below,
 * their statements made once per process (the statement cache keeps their
 * text). */
struct review_record {
	const char *table;
	const char *day;          /* the day in question, over the row r */
	const char *state, *by, *at, *reason;   /* the verdict's columns */
	bool named;               /* the check names the decider (else the item's) */
	NEOERR *(*facts)(int person_id);        /* the card follows; or NULL */
	char check[512], update[256];
};

static struct review_record makeup_record = { "makeup_requests", "r.day",
	"state", "decided_by", "decided_at", "decision_reason", false, NULL };
static struct review_record anomaly_record = { "daily_reports", "r.day",
	"anomaly_state", "verified_by", "verified_at", "verify_reason", true, facts_anomaly };
/* Cleared: verified (measured again, not ill). */
static struct review_record fever_record = { "passages", "DATE(r.at)",
	"fever_state", "verified_by", "verified_at", "verify_reason", true, facts_door_fever };
static struct review_record temp_record = { "temp_passes", "DATE(r.valid_from)",
	"state", "decided_by", "decided_at", "decision_reason", true, NULL };
static struct review_record leave_record = { "leaves", "r.starts_on",
	"state", "decided_by", "decided_at", "decision_reason", true, NULL };
/* 走读报备: a day student's standing commute report. */
static struct review_record commute_record = { "commutes", "r.valid_from",
	"state", "decided_by", "decided_at", "decision_reason", true, NULL };

static const struct review_record *record_sql(struct review_record *r)
{
	if (r->check[0] == '\0') {
		if (r->named)
			snprintf(r->check, sizeof r->check,
				 "SELECT r.person_id, %s, r.%s = ?, v.name, DATE_FORMAT(r.%s, '%%H:%%i'), 0 "
				 "FROM %s r LEFT JOIN people v ON v.id = r.%s WHERE r.id = ? FOR UPDATE",
				 r->day, r->state, r->at, r->table, r->by);
		else
			snprintf(r->check, sizeof r->check,
				 "SELECT r.person_id, %s, r.%s = ?, NULL, NULL, 0 "
				 "FROM %s r WHERE r.id = ? FOR UPDATE", r->day, r->state, r->table);
		snprintf(r->update, sizeof r->update,
			 "UPDATE %s SET %s = ?, %s = ?, %s = ?, %s = NULLIF(?, '') WHERE id = ?",
			 r->table, r->state, r->by, r->at, r->reason);
	}
	return r;
}

static NEOERR *record_check(struct review_ctx *x, DB_CURSOR **c)
{
	return nerr_pass(db_query(c, record_sql(x->k->record)->check, "si",
				  x->k->open_state, x->ref));
}

static NEOERR *record_apply(struct review_ctx *x, const struct review_effect *e)
{
	const struct review_record *r = record_sql(x->k->record);
	NEOERR *err = db_exec(NULL, NULL, r->update, "sissi", e->state,
			      (long long)x->a->person_id, x->now, x->reason, x->ref);

	if (err == STATUS_OK && r->facts)
		err = r->facts((int)x->person);
	return nerr_pass(err);
}

/* ---- return applications (first and second review) ----------------------- */

static NEOERR *return_check(struct review_ctx *x, DB_CURSOR **c)
{
	return nerr_pass(db_query(c, "SELECT person_id, NULL, state = ?, NULL, NULL, term_id "
				  "FROM return_applications WHERE id = ? FOR UPDATE", "si",
				  x->k->open_state, x->ref));
}

static NEOERR *return_apply(struct review_ctx *x, const struct review_effect *e)
{
	const struct ret_transition *t = ret_next(x->k->open_state, "", (enum ret_event)e->event);
	bool second = x->k->kind == &queue_kinds[KIND_SECOND_REVIEW];
	NEOERR *err;

	if (t == NULL)
		return nerr_raise(NERR_ASSERT, "no transition from %s on %d", x->k->open_state, e->event);
	if (e->window)
		err = db_exec(NULL, NULL,
			"UPDATE return_applications SET state = ?, allowed_from = ?, allowed_until = ?, "
			" sent_back_reason = NULL, updated_at = ? WHERE id = ?", "ssssi",
			t->to, x->from, x->until, x->now, x->ref);
	else
		err = db_exec(NULL, NULL,
			"UPDATE return_applications SET state = ?, sent_back_stage = ?, "
			" sent_back_reason = NULLIF(?, ''), updated_at = ? WHERE id = ?", "ssssi",
			t->to, t->to_stage, strcmp(e->decision, "approve") ? x->reason : "", x->now, x->ref);
	if (err == STATUS_OK)
		err = facts_application((int)x->person, (int)x->term);
	if (err == STATUS_OK)
		err = db_exec(NULL, NULL,
			"INSERT INTO reviews (application_id, stage, decision, reviewer_id, decided_at, reason) "
			"VALUES (?, ?, ?, ?, ?, NULLIF(?, ''))", "ississ", x->ref,
			second ? "second" : "first", e->decision, (long long)x->a->person_id,
			x->now, x->reason);
	return nerr_pass(err);
}

/* ---- the table ------------------------------------------------------------ */

#define MAKEUP_REJECT { "reject", "rejected", 0, false, "makeup_rejected", "makeup.reject" }
#define ANOMALY_SEND_BACK { "send_back", "sent_back", 0, false, "sent_back", "anomaly.send_back" }
#define TEMP_REJECT { "reject", "rejected", 0, false, "temp_pass_rejected", "temp_pass.reject" }
#define LEAVE_REJECT { "reject", "rejected", 0, false, "leave_rejected", "leave.reject" }
#define COMMUTE_REJECT { "reject", "rejected", 0, false, "commute_rejected", "commute.reject" }
#define FIRST_SEND_BACK { "send_back", NULL, RET_FIRST_SEND_BACK, false, "return_sent_back", \
			  "return.first_send_back" }

const struct review_kind review_kinds[] = {
	{ &queue_kinds[KIND_MAKEUP], "pending", {
		[REVIEW_APPROVE] = { "approve", "approved", 0, false, "makeup_approved", "makeup.approve" },
		[REVIEW_REJECT] = MAKEUP_REJECT,
		[REVIEW_SEND_BACK] = MAKEUP_REJECT },
	  record_check, record_apply, &makeup_record },
	{ &queue_kinds[KIND_ANOMALY], "open", {
		[REVIEW_APPROVE] = { "clear", "cleared", 0, false, "cleared", "anomaly.clear" },
		[REVIEW_REJECT] = ANOMALY_SEND_BACK,
		[REVIEW_SEND_BACK] = ANOMALY_SEND_BACK },
	  record_check, record_apply, &anomaly_record },
	{ &queue_kinds[KIND_FIRST_REVIEW], "first_review", {
		[REVIEW_APPROVE] = { "approve", NULL, RET_FIRST_APPROVE, true, "return_first_passed",
				     "return.first_approve" },
		[REVIEW_REJECT] = FIRST_SEND_BACK,
		[REVIEW_SEND_BACK] = FIRST_SEND_BACK },
	  return_check, return_apply },
	{ &queue_kinds[KIND_SECOND_REVIEW], "second_review", {
		[REVIEW_APPROVE] = { "approve", NULL, RET_SECOND_APPROVE, false, "return_approved",
				     "return.second_approve" },
		[REVIEW_REJECT] = { "reject", NULL, RET_SECOND_REJECT, false, "return_rejected",
				    "return.reject" },
		[REVIEW_SEND_BACK] = { "send_back", NULL, RET_SECOND_SEND_BACK, false,
				       "return_sent_back", "return.second_send_back" } },
	  return_check, return_apply },
	/* Only cleared: there is no form to send back, and a fever stays open
	 * (the card red) until the counselor has verified it. */
	{ &queue_kinds[KIND_FEVER], "open", {
		[REVIEW_APPROVE] = { "clear", "cleared", 0, false, "fever_cleared", "passage.fever_clear" } },
	  record_check, record_apply, &fever_record },
	{ &queue_kinds[KIND_TEMP_PASS], "pending", {
		[REVIEW_APPROVE] = { "approve", "approved", 0, false, "temp_pass_approved",
				     "temp_pass.approve" },
		[REVIEW_REJECT] = TEMP_REJECT,
		[REVIEW_SEND_BACK] = TEMP_REJECT },
	  record_check, record_apply, &temp_record },
	{ &queue_kinds[KIND_LEAVE], "pending", {
		[REVIEW_APPROVE] = { "approve", "approved", 0, false, "leave_approved", "leave.approve" },
		[REVIEW_REJECT] = LEAVE_REJECT,
		[REVIEW_SEND_BACK] = LEAVE_REJECT },
	  record_check, record_apply, &leave_record },
	{ &queue_kinds[KIND_COMMUTE], "pending", {
		[REVIEW_APPROVE] = { "approve", "approved", 0, false, "commute_approved",
				     "commute.approve" },
		[REVIEW_REJECT] = COMMUTE_REJECT,
		[REVIEW_SEND_BACK] = COMMUTE_REJECT },
	  record_check, record_apply, &commute_record },
	{ 0 }
};

const struct review_kind *review_kind_of(const char *kind)
{
	for (const struct review_kind *k = review_kinds; kind && k->kind; k++)
		if (!strcmp(k->kind->name, kind))
			return k;
	return NULL;
}

/* ---- the skeleton --------------------------------------------------------- */

struct decide_ctx {
	struct review_ctx x;
	const struct review_effect *e;
};

/* The queue item is the lock: whoever holds it decides. */
static NEOERR *lock_item(struct review_ctx *x, bool *open)
{
	DB_CURSOR *c = NULL;
	bool found;
	NEOERR *err;

	err = db_query(&c,
		"SELECT q.state = 'open', v.name, DATE_FORMAT(q.decided_at, '%H:%i') "
		"FROM queue_items q LEFT JOIN people v ON v.id = q.decided_by "
		"WHERE q.id = ? AND q.kind = ? FOR UPDATE", "is", x->item, x->k->kind->name);
	if (err)
		return nerr_pass(err);
	found = db_next(c);
	if (found) {
		*open = db_int(c, 0) != 0;
		if (!*open) {
			db_copy(x->by, sizeof x->by, db_str(c, 1) ? db_str(c, 1) : "");
			db_copy(x->at, sizeof x->at, db_str(c, 2) ? db_str(c, 2) : "");
		}
	}
	db_cursor_free(&c);
	return found ? STATUS_OK : nerr_raise(HC_ERR_NOTFOUND, "no %s item %lld",
					      x->k->kind->name, x->item);
}

/* Locks the item's record and fills x's person, day, term, `same` (still
 * waiting) and, when the record names them, who decided it and when:
 * the kind's check_sql. */
static NEOERR *check_record(struct review_ctx *x)
{
	DB_CURSOR *c = NULL;
	NEOERR *err = x->k->check(x, &c);

	if (err)
		return nerr_pass(err);
	if (db_next(c)) {
		x->person = db_int(c, 0);
		db_copy(x->day, sizeof x->day, db_str(c, 1) ? db_str(c, 1) : "");
		x->same = db_int(c, 2) != 0;
		if (db_str(c, 3)) {  /* else the item's (lock_item()) */
			db_copy(x->by, sizeof x->by, db_str(c, 3));
			db_copy(x->at, sizeof x->at, db_str(c, 4) ? db_str(c, 4) : "");
		}
		x->term = db_int(c, 5);
	}
	db_cursor_free(&c);
	return STATUS_OK;
}

static NEOERR *decide_in_txn(void *arg)
{
	struct decide_ctx *d = arg;
	struct review_ctx *x = &d->x;
	const struct review_effect *e = d->e;
	char now[20];
	bool open = true;
	NEOERR *err;

	clock_now(now);
	x->now = now;
	x->person = x->term = 0;
	x->day[0] = x->by[0] = x->at[0] = '\0';
	x->same = false;
	if (x->item) {
		err = lock_item(x, &open);
		if (err)
			return nerr_pass(err);
	}
	err = check_record(x);
	if (err)
		return nerr_pass(err);
	if (x->person == 0)
		return nerr_raise(HC_ERR_NOTFOUND, "no %s %lld", x->k->kind->object_kind, x->ref);
	if (!open || !x->same)
		return nerr_raise(HC_ERR_CONFLICT, "%s %lld decided meanwhile",
				  x->k->kind->object_kind, x->ref);
	err = x->k->apply(x, e);
	/* By the record: the one item still open for it (there is at most one). */
	if (err == STATUS_OK)
		err = db_exec(NULL, NULL,
			"UPDATE queue_items SET state = 'decided', decision = ?, decided_by = ?, "
			" decided_at = ?, reason = NULLIF(?, '') WHERE kind = ? AND open_ref = ?",
			"sisssi", e->decision, (long long)x->a->person_id, now,
			x->reason ? x->reason : "", x->k->kind->name, x->ref);
	if (err == STATUS_OK)
		err = notify_student(x->person, now, e->notice, x->day, x->reason);
	if (err == STATUS_OK)
		err = audit_write(x->a, now, e->audit, x->person, x->k->kind->object_kind, x->ref,
				  e->window ? x->from : x->reason);
	return nerr_pass(err);
}

/* Runs the skeleton; a decision taken meanwhile is an outcome. */
static NEOERR *run(struct decide_ctx *d, struct review_result *res)
{
	NEOERR *err = db_txn(decide_in_txn, d);

	if (nerr_match(err, HC_ERR_CONFLICT)) {
		nerr_ignore(&err);
		res->outcome = RO_ALREADY;
		db_copy(res->by, sizeof res->by, d->x.by);
		db_copy(res->at, sizeof res->at, d->x.at);
		return STATUS_OK;
	}
	if (err)
		return nerr_pass(err);
	res->outcome = RO_DONE;
	return STATUS_OK;
}

NEOERR *review_decide(const struct actor *a, long long item, const char *decision,
		      const char *reason, const char *from, const char *until,
		      struct review_result *res)
{
	struct decide_ctx d = { { a, NULL, item, 0, reason, from, until } };
	enum review_verdict v;
	DB_CURSOR *c = NULL;
	char kind[16] = "", name[65] = "", number[33] = "";
	long long person = 0;
	bool mine;
	NEOERR *err;

	memset(res, 0, sizeof *res);
	res->item = item;
	err = db_query(&c, "SELECT q.kind, q.ref_id, q.person_id, p.name, p.number "
		       "FROM queue_items q JOIN people p ON p.id = q.person_id WHERE q.id = ?",
		       "i", item);
	if (err)
		return nerr_pass(err);
	if (db_next(c)) {
		snprintf(kind, sizeof kind, "%s", db_str(c, 0));
		d.x.ref = db_int(c, 1);
		person = db_int(c, 2);
		db_copy(name, sizeof name, db_str(c, 3));
		db_copy(number, sizeof number, db_str(c, 4));
	}
	db_cursor_free(&c);
	if (person == 0) {
		res->outcome = RO_NOTFOUND;
		return STATUS_OK;
	}
	err = queue_has_item(a, item, &mine);
	if (err)
		return nerr_pass(err);
	if (!mine) {
		res->outcome = RO_FORBIDDEN;
		return STATUS_OK;
	}
	/* Named only now: an item out of one's queue says nothing of whose. */
	db_copy(res->name, sizeof res->name, name);
	db_copy(res->number, sizeof res->number, number);
	d.x.k = review_kind_of(kind);
	if (d.x.k == NULL || !review_verdict_parse(decision, &v)) {
		res->outcome = RO_UNSUPPORTED;
		return STATUS_OK;
	}
	d.e = &d.x.k->on[v];
	if (d.e->decision == NULL) {
		res->outcome = RO_UNSUPPORTED;
		return STATUS_OK;
	}
	if (v != REVIEW_APPROVE && (reason == NULL || *reason == '\0')) {
		res->outcome = RO_NEEDS_REASON;
		return STATUS_OK;
	}
	if (d.e->window && !ret_window_ok(from, until, day_today())) {
		res->outcome = RO_BAD_WINDOW;
		return STATUS_OK;
	}
	return nerr_pass(run(&d, res));
}

NEOERR *review_decide_report(const struct actor *a, long long report_id, bool send_back,
			     const char *reason, struct review_result *res)
{
	struct decide_ctx d = { { a, review_kind_of("anomaly"), 0, report_id, reason } };
	struct subject s;
	long long person = 0, item = 0;
	bool found;
	NEOERR *err;

	memset(res, 0, sizeof *res);
	d.e = &d.x.k->on[send_back ? REVIEW_SEND_BACK : REVIEW_APPROVE];
	if (send_back && (reason == NULL || *reason == '\0')) {
		res->outcome = RO_NEEDS_REASON;
		return STATUS_OK;
	}
	/* Scope first, outside the transaction: a refusal changes nothing. */
	err = db_scalar(&person, &found, "SELECT person_id FROM daily_reports WHERE id = ?",
			"i", report_id);
	if (err == STATUS_OK && found)
		err = scope_load_subject((int)person, &s, &found);
	if (err)
		return nerr_pass(err);
	if (!found) {
		res->outcome = RO_NOTFOUND;
		return STATUS_OK;
	}
	if (!scope_allows_acting(a, &s)) {
		res->outcome = RO_FORBIDDEN;
		return STATUS_OK;
	}
	/* Its open item, locked as a reviewer's queue would lock it; none
	 * when it was decided already (the report then says by whom). */
	err = db_scalar(&item, NULL, "SELECT id FROM queue_items "
			"WHERE kind = 'anomaly' AND open_ref = ?", "i", report_id);
	if (err)
		return nerr_pass(err);
	d.x.item = item;
	res->item = item;
	return nerr_pass(run(&d, res));
}
