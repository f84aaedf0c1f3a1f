/* policy.c - see policy.h. */
#include "domain/policy.h"
#include "domain/queue.h"
#include "core/conf.h"
#include "core/db.h"
#include "core/idlist.h"
#include "core/days.h"
#include "core/policydefaults.h"
#include "domain/audit.h"
#include "domain/facts.h"
#include "domain/term.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void policy_defaults(struct policy *p)
{
	memset(p, 0, sizeof *p);
	p->fever_tenths = (int)lround(atof(conf_str("Policy.FeverCelsius", "37.3")) * 10);
	p->streak_days = conf_streak_days();
	p->makeup_days_back = conf_int("Policy.MakeupDaysBack", 0);
	p->makeup_per_term = conf_int("Policy.MakeupPerTerm", 0);
	snprintf(p->summary_deadline, sizeof p->summary_deadline, "%s",
		 conf_str("Policy.SummaryDeadline", "11:30"));
	if (policy_minutes(p->summary_deadline) < 0)
		snprintf(p->summary_deadline, sizeof p->summary_deadline, "11:30");
}

#define POLICY_SELECT "SELECT fever_tenths, streak_days, makeup_days_back, " \
	" makeup_per_term, summary_deadline, questions_n FROM policies WHERE id = 1"

static NEOERR *load(struct policy *p, const char *sql)
{
	DB_CURSOR *c = NULL;
	NEOERR *err;

	policy_defaults(p);
	err = db_query(&c, sql, NULL);
	if (err)
		return nerr_pass(err);
	if (db_next(c)) {
		if (db_str(c, 0))
			p->fever_tenths = (int)db_int(c, 0);
		if (db_str(c, 1))
			p->streak_days = (int)db_int(c, 1);
		if (db_str(c, 2))
			p->makeup_days_back = (int)db_int(c, 2);
		if (db_str(c, 3))
			p->makeup_per_term = (int)db_int(c, 3);
		if (db_str(c, 4) && policy_minutes(db_str(c, 4)) >= 0)
			db_copy(p->summary_deadline, sizeof p->summary_deadline, db_str(c, 4));
		p->questions_n = (int)db_int(c, 5);
	}
	db_cursor_free(&c);
	return STATUS_OK;
}

NEOERR *policy_load(struct policy *p)
{
	return nerr_pass(load(p, POLICY_SELECT));
}

NEOERR *policy_load_locked(struct policy *p)
{
	return nerr_pass(load(p, POLICY_SELECT " LOCK IN SHARE MODE"));
}

int policy_minutes(const char *s)
{
	if (s == NULL || strlen(s) != 5 || s[2] != ':')
		return -1;
	for (int i = 0; i < 5; i++)
		if (i != 2 && (s[i] < '0' || s[i] > '9'))
			return -1;
	int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
	return h < 24 && m < 60 ? h * 60 + m : -1;
}

const char *policy_bad_field(const struct policy *p)
{
	if (p->fever_tenths < 360 || p->fever_tenths > 400)
		return "fever";
	if (p->streak_days < 1 || p->streak_days > POLICY_STREAK_MAX)
		return "streak_days";
	if (p->makeup_days_back < 0 || p->makeup_days_back > 365)
		return "makeup_days_back";
	if (p->makeup_per_term < 0 || p->makeup_per_term > 366)
		return "makeup_per_term";
	if (policy_minutes(p->summary_deadline) < 0)
		return "summary_deadline";
	return NULL;
}

/* The fever flag: ANOM_FEVER of domain/checkin.h, the first member of
 * daily_reports.anomaly_flags (checkin.c includes this header, so the bit
 * is named here rather than included). */
#define FEVER_BIT 1u

/* Today's undecided reports whose stored fever flag is not what the
 * threshold says; with each person's oldest other open anomaly (what their
 * card keeps when this one closes). anomaly_flags + 0: the SET's bits, in
 * the order of enum anomaly_flag. */
#define FEVER_CHANGES_SQL \
	"SELECT d.id, d.person_id, ROUND(d.temperature * 10), d.anomaly_flags + 0, " \
	" d.anomaly_state = 'open', (SELECT MIN(o.day) FROM daily_reports o " \
	"  WHERE o.person_id = d.person_id AND o.anomaly_state = 'open' AND o.day <> d.day) " \
	"FROM daily_reports d WHERE d.day = ? AND d.anomaly_state IN ('none', 'open') " \
	" AND ((d.anomaly_flags + 0) & 1) <> (ROUND(d.temperature * 10) >= ?) " \
	"ORDER BY d.person_id"

NEOERR *policy_fever_changes(int today, int fever_tenths, bool lock,
			     struct fever_change **out, int *n)
{
	char d[11];
	DB_CURSOR *c = NULL;
	struct fever_change *v = NULL;
	int cap = 0;
	NEOERR *err;

	*out = NULL;
	*n = 0;
	day_format(today, d);
	err = db_query(&c, lock ? FEVER_CHANGES_SQL " FOR UPDATE" : FEVER_CHANGES_SQL,
		       "si", d, (long long)fever_tenths);
	if (err)
		return nerr_pass(err);
	while (db_next(c)) {
		if (*n == cap) {
			int ncap = cap ? cap * 2 : 64;
			struct fever_change *nv = realloc(v, (size_t)ncap * sizeof *nv);
			if (nv == NULL) {
				free(v);
				db_cursor_free(&c);
				return nerr_raise(NERR_NOMEM, "fever changes");
			}
			v = nv;
			cap = ncap;
		}
		struct fever_change *f = &v[(*n)++];
		bool was_open = db_int(c, 4) != 0;
		const char *other = db_str(c, 5);

		memset(f, 0, sizeof *f);
		f->report_id = db_int(c, 0);
		f->person_id = (int)db_int(c, 1);
		f->temp_tenths = (int)db_int(c, 2);
		f->flags_before = (unsigned)db_int(c, 3);
		f->flags_after = f->temp_tenths >= fever_tenths ? f->flags_before | FEVER_BIT
							       : f->flags_before & ~FEVER_BIT;
		f->opens = !was_open && f->flags_after != 0;
		f->closes = was_open && f->flags_after == 0;
		f->other_open_day = other ? day_parse(other) : 0;
		if (f->other_open_day < 0)
			f->other_open_day = 0;
	}
	db_cursor_free(&c);
	*out = v;
	return STATUS_OK;
}

struct apply_ctx {
	const struct actor *a;
	const struct policy *p;
	int today;
	struct policy_effect *out;
};

/* One report judged again: its flags and state, its queue item, its
 * person's card facts. */
static NEOERR *rejudge(const struct fever_change *f, const char *now)
{
	const char *state = f->opens ? "open" : f->closes ? "none" : NULL;
	NEOERR *err;

	/* A SET column takes its bits as a number. */
	err = db_exec(NULL, NULL,
		"UPDATE daily_reports SET anomaly_flags = ?, anomaly = ?, "
		" anomaly_state = COALESCE(?, anomaly_state) WHERE id = ?", "iisi",
		(long long)f->flags_after, (long long)(f->flags_after != 0), state, f->report_id);
	if (err == STATUS_OK && f->opens)
		err = queue_open("anomaly", f->report_id, f->person_id, 0, now, NULL);
	if (err == STATUS_OK && f->closes)
		err = db_exec(NULL, NULL,
			"UPDATE queue_items SET state = 'withdrawn', decided_at = ?, "
			" reason = 'policy' WHERE kind = 'anomaly' AND open_ref = ?", "si",
			now, f->report_id);
	if (err == STATUS_OK && (f->opens || f->closes))
		err = facts_anomaly(f->person_id);
	return nerr_pass(err);
}

static NEOERR *apply_in_txn(void *arg)
{
	struct apply_ctx *x = arg;
	const struct policy *p = x->p;
	struct policy old;
	struct fever_change *ch = NULL;
	char now[20], detail[600];
	int n = 0;
	NEOERR *err;

	memset(x->out, 0, sizeof *x->out);
	clock_now(now);
	err = load(&old, POLICY_SELECT " FOR UPDATE");
	if (err)
		return nerr_pass(err);
	x->out->changed = old.fever_tenths != p->fever_tenths ||
		old.streak_days != p->streak_days ||
		old.makeup_days_back != p->makeup_days_back ||
		old.makeup_per_term != p->makeup_per_term ||
		strcmp(old.summary_deadline, p->summary_deadline) != 0;
	if (!x->out->changed)
		return STATUS_OK;
	err = db_exec(NULL, NULL,
		"INSERT INTO policies (id, fever_tenths, streak_days, makeup_days_back, "
		" makeup_per_term, summary_deadline, changed_at, changed_by) "
		"VALUES (1, ?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE "
		" fever_tenths = VALUES(fever_tenths), streak_days = VALUES(streak_days), "
		" makeup_days_back = VALUES(makeup_days_back), "
		" makeup_per_term = VALUES(makeup_per_term), "
		" summary_deadline = VALUES(summary_deadline), "
		" changed_at = VALUES(changed_at), changed_by = VALUES(changed_by)",
		"iiiissi", (long long)p->fever_tenths, (long long)p->streak_days,
		(long long)p->makeup_days_back, (long long)p->makeup_per_term,
		p->summary_deadline, now, (long long)x->a->person_id);
	if (err == STATUS_OK && old.fever_tenths != p->fever_tenths)
		err = policy_fever_changes(x->today, p->fever_tenths, true, &ch, &n);
	for (int i = 0; err == STATUS_OK && i < n; i++) {
		err = rejudge(&ch[i], now);
		x->out->reports_opened += ch[i].opens;
		x->out->reports_closed += ch[i].closes;
		x->out->reports_reflagged += !ch[i].opens && !ch[i].closes;
	}
	free(ch);
	if (err)
		return nerr_pass(err);
	snprintf(detail, sizeof detail,
		"{\"old\":{\"fever\":\"%d.%d\",\"streak_days\":%d,\"makeup_days_back\":%d,"
		"\"makeup_per_term\":%d,\"summary_deadline\":\"%s\"},"
		"\"new\":{\"fever\":\"%d.%d\",\"streak_days\":%d,\"makeup_days_back\":%d,"
		"\"makeup_per_term\":%d,\"summary_deadline\":\"%s\"},"
		"\"reports_opened\":%d,\"reports_closed\":%d}",
		old.fever_tenths / 10, old.fever_tenths % 10, old.streak_days,
		old.makeup_days_back, old.makeup_per_term, old.summary_deadline,
		p->fever_tenths / 10, p->fever_tenths % 10, p->streak_days,
		p->makeup_days_back, p->makeup_per_term, p->summary_deadline,
		x->out->reports_opened, x->out->reports_closed);
	return nerr_pass(audit_write(x->a, now, "policy.change", 0, "policy", 1, detail));
}

NEOERR *policy_apply(const struct actor *a, const struct policy *p, int today,
		     struct policy_effect *out)
{
	struct apply_ctx x = { a, p, today, out };

	if (policy_bad_field(p))
		return nerr_raise(HC_ERR_BADREQ, "policy field %s", policy_bad_field(p));
	return nerr_pass(db_txn(apply_in_txn, &x));
}

struct close_ctx {
	const struct actor *a;
	const char *reason;
	struct policy_effect *out;
	bool door_fevers;        /* the reset of every card: door fevers too */
};

/* One kind of open record closed in bulk, as the counselor clears one
 * (domain/review.c), the reason theirs: the open records locked first (a
 * check-in or a scan opening one meanwhile waits, and is not closed
 * unseen), an audit row naming each before it changes, then the records,
 * their queue items and the cards' fact of them. */
struct bulk_clear {
	enum queue_kind_id kind;
	const char *count;       /* how many are open (the preview's count) */
	const char *lock;        /* locks the open records */
	const char *audit;       /* AUDIT_ROWS() naming each */
	const char *clear;       /* binds the verifier, the time, the reason */
	const char *facts;       /* no card keeps an open one */
};

static const struct bulk_clear open_anomalies = { KIND_ANOMALY,
	"SELECT COUNT(*) FROM daily_reports WHERE anomaly_state = 'open'",
	"SELECT id FROM daily_reports WHERE anomaly_state = 'open' FOR UPDATE",
	AUDIT_ROWS("SELECT 'anomaly.clear' AS action, person_id AS subject, "
		   " 'daily_report' AS object_kind, id AS object_id, "
		   " CONCAT(day, ' (policy reset)') AS detail "
		   "FROM daily_reports WHERE anomaly_state = 'open'"),
	"UPDATE daily_reports SET anomaly_state = 'cleared', verified_by = ?, verified_at = ?, "
	" verify_reason = ? WHERE anomaly_state = 'open'",
	"UPDATE card_facts SET open_anomaly = NULL WHERE open_anomaly IS NOT NULL" };

/* The fevers measured at an entrance. */
static const struct bulk_clear open_door_fevers = { KIND_FEVER,
	"SELECT COUNT(*) FROM passages WHERE fever_state = 'open'",
	"SELECT id FROM passages WHERE fever_state = 'open' FOR UPDATE",
	AUDIT_ROWS("SELECT 'door_fever.clear' AS action, person_id AS subject, "
		   " 'passage' AS object_kind, id AS object_id, "
		   " CONCAT(DATE(at), ' (policy reset)') AS detail "
		   "FROM passages WHERE fever_state = 'open'"),
	"UPDATE passages SET fever_state = 'cleared', verified_by = ?, verified_at = ?, "
	" verify_reason = ? WHERE fever_state = 'open'",
	"UPDATE card_facts SET door_fever = NULL WHERE door_fever IS NOT NULL" };

NEOERR *policy_open_counts(long long *anomalies, long long *fevers)
{
	NEOERR *err = db_scalar(anomalies, NULL, open_anomalies.count, NULL);

	if (err == STATUS_OK && fevers)
		err = db_scalar(fevers, NULL, open_door_fevers.count, NULL);
	return nerr_pass(err);
}

/* *n: the records cleared. */
static NEOERR *clear_open(const struct close_ctx *x, const char *now,
			  const struct bulk_clear *b, unsigned long long *n)
{
	NEOERR *err = db_exec(NULL, NULL, b->lock, NULL);

	if (err == STATUS_OK)
		err = audit_write_rows(x->a, now, b->audit);
	if (err == STATUS_OK)
		err = db_exec(n, NULL, b->clear, "iss", (long long)x->a->person_id, now, x->reason);
	if (err == STATUS_OK)
		err = db_exec(NULL, NULL, "UPDATE queue_items SET state = 'decided', decision = 'clear', "
			"decided_by = ?, decided_at = ?, reason = ? WHERE kind = ? AND state = 'open'",
			"isss", (long long)x->a->person_id, now, x->reason, queue_kinds[b->kind].name);
	if (err == STATUS_OK)
		err = db_exec(NULL, NULL, b->facts, NULL);
	return nerr_pass(err);
}

static NEOERR *close_in_txn(void *arg)
{
	struct close_ctx *x = arg;
	unsigned long long n = 0, nf = 0;
	char now[20], detail[700];
	NEOERR *err;

	memset(x->out, 0, sizeof *x->out);
	clock_now(now);
	err = clear_open(x, now, &open_anomalies, &n);
	if (err)
		return nerr_pass(err);
	x->out->reports_closed = (int)n;
	x->out->changed = n > 0;
	if (!x->door_fevers) {
		snprintf(detail, sizeof detail, "{\"reports_closed\":%llu}", n);
		return nerr_pass(audit_write(x->a, now, "policy.close_anomalies", 0, "policy", 1,
					     detail));
	}
	err = clear_open(x, now, &open_door_fevers, &nf);
	if (err)
		return nerr_pass(err);
	x->out->fevers_cleared = (int)nf;
	x->out->changed = n > 0 || nf > 0;
	snprintf(detail, sizeof detail, "{\"to\":\"checkins\",\"old\":{\"open_anomalies\":%llu,"
		 "\"open_door_fevers\":%llu},\"new\":{\"open_anomalies\":0,\"open_door_fevers\":0}}",
		 n, nf);
	return nerr_pass(audit_write(x->a, now, "policy.reset_cards", 0, "policy", 1, detail));
}

NEOERR *policy_close_anomalies(const struct actor *a, const char *reason,
			       struct policy_effect *out)
{
	struct close_ctx x = { a, reason, out, false };

	return nerr_pass(db_txn(close_in_txn, &x));
}

NEOERR *policy_reset_cards(const struct actor *a, enum card_reset to, const char *reason,
			   struct policy_effect *out)
{
	struct close_ctx x = { a, reason, out, true };

	if (to != CARD_RESET_CHECKINS)
		return nerr_raise(HC_ERR_BADREQ, "no card reset %d", (int)to);
	return nerr_pass(db_txn(close_in_txn, &x));
}

struct term_ctx {
	const struct actor *a;
	struct term_open *t;
};

static NEOERR *open_term_in_txn(void *arg)
{
	struct term_ctx *x = arg;
	struct term_open *t = x->t;
	struct policy p;
	char now[20], today[11], questions[600], detail[1200];
	long long id = 0, cards = 0, from = 0;
	bool found;
	DB_CURSOR *c = NULL;
	struct idlist ql;
	NEOERR *err;

	clock_now(now);
	snprintf(today, sizeof today, "%.10s", now);
	/* The rules, locked: what is copied is what is in force. */
	err = load(&p, POLICY_SELECT " FOR UPDATE");
	if (err == STATUS_OK)
		err = db_scalar(&id, &found, "SELECT id FROM terms WHERE name = ?", "s", t->name);
	if (err)
		return nerr_pass(err);
	if (found)
		return nerr_raise(HC_ERR_CONFLICT, "term %s exists", t->name);
	err = db_scalar(&from, &found, "SELECT COALESCE(" TERM_NOW_ID ", (SELECT MAX(id) FROM terms))",
			"ss", today, today);
	if (err == STATUS_OK)
		err = db_query(&c, "SELECT id FROM report_questions WHERE retired_at IS NULL "
			       "ORDER BY position", NULL);
	if (err)
		return nerr_pass(err);
	idlist_init(&ql, questions, sizeof questions);
	while (db_next(c) && idlist_add(&ql, db_int(c, 0)))
		;
	db_cursor_free(&c);
	err = db_exec(NULL, &id, "INSERT INTO terms (name, starts_on, ends_on) VALUES (?, ?, ?)",
		      "sss", t->name, t->starts_on, t->ends_on);
	if (err == STATUS_OK)
		err = facts_term((int)id);
	if (err == STATUS_OK)
		err = db_exec(NULL, NULL, "INSERT INTO term_policies (term_id, fever_tenths, streak_days, "
			" makeup_days_back, makeup_per_term, summary_deadline, questions, copied_from_term, "
			" copied_at, copied_by) VALUES (?, ?, ?, ?, ?, ?, ?, NULLIF(?, 0), ?, ?)",
			"iiiiissisi", id, (long long)p.fever_tenths, (long long)p.streak_days,
			(long long)p.makeup_days_back, (long long)p.makeup_per_term,
			p.summary_deadline, questions, from, now, (long long)x->a->person_id);
	if (err == STATUS_OK)
		err = db_scalar(&cards, NULL, "SELECT COUNT(*) FROM card_facts WHERE term_id = ?",
				"i", id);
	if (err)
		return nerr_pass(err);
	t->term_id = (int)id;
	t->cards = (int)cards;
	snprintf(detail, sizeof detail,
		"{\"old\":null,\"new\":{\"term\":{\"id\":%lld,\"starts_on\":\"%s\",\"ends_on\":\"%s\"},"
		"\"rules\":{\"fever\":\"%d.%d\",\"streak_days\":%d,\"makeup_days_back\":%d,"
		"\"makeup_per_term\":%d,\"summary_deadline\":\"%s\",\"questions\":%s},"
		"\"copied_from_term\":%lld,\"cards\":%lld}}",
		id, t->starts_on, t->ends_on, p.fever_tenths / 10, p.fever_tenths % 10,
		p.streak_days, p.makeup_days_back, p.makeup_per_term, p.summary_deadline,
		questions, from, cards);
	return nerr_pass(audit_write(x->a, now, "policy.open_term", 0, "terms", id, detail));
}

NEOERR *policy_open_term(const struct actor *a, struct term_open *t)
{
	struct term_ctx x = { a, t };

	if (t->name == NULL || !t->name[0] || day_parse(t->starts_on) < 0 ||
	    day_parse(t->ends_on) < day_parse(t->starts_on))
		return nerr_raise(HC_ERR_BADREQ, "a term needs a name and its dates in order");
	return nerr_pass(db_txn(open_term_in_txn, &x));
}
