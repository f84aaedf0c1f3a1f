/* rounds.c - see rounds.h. */
#include "domain/rounds.h"
#include "domain/txn.h"
#include "domain/queue.h"
#include "domain/policy.h"
#include "domain/audit.h"
#include "domain/exempt.h"
#include "domain/facts.h"
#include "domain/notice.h"
#include "core/conf.h"
#include "core/db.h"
#include "core/days.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const round_names[] = { "noon", "evening", NULL };

NEOERR *rounds_load(struct round_conf out[ROUNDS])
{
	DB_CURSOR *c = NULL;
	NEOERR *err;

	memset(out, 0, sizeof *out * ROUNDS);
	err = db_query(&c, "SELECT name, enabled, TIME_FORMAT(opens, '%H:%i'), "
		       "TIME_FORMAT(closes, '%H:%i') FROM temp_rounds", NULL);
	if (err)
		return nerr_pass(err);
	while (db_next(c))
		for (int i = 0; i < ROUNDS; i++)
			if (!strcmp(db_str(c, 0), round_names[i])) {
				DB_FILL(c, 1, out[i].enabled, out[i].opens,
					out[i].closes);
			}
	db_cursor_free(&c);
	return STATUS_OK;
}

/* The rounds' settings (t->in: ROUNDS of them). */
static NEOERR *save_in_txn(struct txn *t)
{
	const struct round_conf *in = t->in;
	char detail[200];
	size_t n = 0;
	NEOERR *err = STATUS_OK;

	for (int i = 0; err == STATUS_OK && i < ROUNDS; i++) {
		const struct round_conf *r = &in[i];

		err = db_exec(NULL, NULL, "UPDATE temp_rounds SET enabled = ?, opens = ?, closes = ?, "
			      "updated_by = ?, updated_at = ? WHERE name = ?", "ississ",
			      (long long)r->enabled, r->opens, r->closes, (long long)t->a->person_id,
			      t->now, round_names[i]);
		n += (size_t)snprintf(detail + n, sizeof detail - n, "%s%s %s %s-%s", i ? "; " : "",
				      round_names[i], r->enabled ? "on" : "off", r->opens, r->closes);
	}
	if (err)
		return nerr_pass(err);
	return nerr_pass(audit_write(t->a, t->now, "round.settings", 0, "temp_rounds", 0, detail));
}

NEOERR *rounds_save(const struct actor *a, const struct round_conf in[ROUNDS])
{
	for (int i = 0; i < ROUNDS; i++)
		if (notice_minute_parse(in[i].opens) < 0 || notice_minute_parse(in[i].closes) < 0)
			return nerr_raise(HC_ERR_BADREQ, "round %s: bad window", round_names[i]);
	return nerr_pass(txn_run(save_in_txn, a, 0, in, NULL));
}

bool round_open_at(const struct round_conf *r, int minute)
{
	int from = notice_minute_parse(r->opens), until = notice_minute_parse(r->closes);

	return r->enabled && from >= 0 && until >= 0 && minute >= from && minute < until;
}

struct submit_ctx {
	const struct actor *a;
	int round, temp_tenths;
	bool fever, cough, diarrhoea;
	enum round_outcome *o;
	bool *anomaly;
	int fever_tenths;      /* the policy in force (domain/policy.h) */
};

/* A fever or a symptom opens the day's report's anomaly, as the daily
 * report's own would: the report flagged, its card fact, a queue item
 * and its notice. An anomaly open already (or sent back) is left as is. */
static NEOERR *open_anomaly(struct submit_ctx *x, long long report, const char *state,
			    const char *now)
{
	const char *flag = x->temp_tenths >= x->fever_tenths ? "fever" : "symptom";
	long long item = 0;
	NEOERR *err;

	if (!strcmp(state, "open") || !strcmp(state, "sent_back"))
		return STATUS_OK;
	err = db_exec(NULL, NULL, "UPDATE daily_reports SET anomaly = 1, "
		      "anomaly_flags = CONCAT_WS(',', NULLIF(anomaly_flags, ''), ?), "
		      "anomaly_state = 'open', verified_by = NULL, verified_at = NULL, "
		      "verify_reason = NULL WHERE id = ?", "si", flag, report);
	if (err == STATUS_OK)
		err = facts_anomaly(x->a->person_id);
	if (err == STATUS_OK)
		err = queue_open("anomaly", report, x->a->person_id, 0, now, &item);
	if (err == STATUS_OK)
		err = notice_item_opened(item, "anomaly", x->a->person_id, now);
	return nerr_pass(err);
}

static NEOERR *submit_in_txn(void *arg)
{
	struct submit_ctx *x = arg;
	struct round_conf conf[ROUNDS];
	char now[20], day[11], state[16] = "", temp[8], sym[32], detail[64];
	DB_CURSOR *c = NULL;
	long long report = 0, id = 0;
	int h = 0, m = 0;
	NEOERR *err;

	*x->o = ROUND_DONE;
	*x->anomaly = false;
	clock_now(now);
	snprintf(day, sizeof day, "%.10s", now);
	sscanf(now + 11, "%d:%d", &h, &m);
	err = rounds_load(conf);
	if (err == STATUS_OK) {
		struct policy pol;

		err = policy_load(&pol);
		x->fever_tenths = pol.fever_tenths;
	}
	if (err)
		return nerr_pass(err);
	if (!round_open_at(&conf[x->round], h * 60 + m)) {
		*x->o = ROUND_CLOSED;
		return STATUS_OK;
	}
	err = db_query(&c, "SELECT id, anomaly_state FROM daily_reports WHERE person_id = ? "
		       "AND day = ? FOR UPDATE", "is", (long long)x->a->person_id, day);
	if (err)
		return nerr_pass(err);
	DB_FIRST(&c, 0, report, state);
	if (report == 0) {
		*x->o = ROUND_NO_DAILY;
		return STATUS_OK;
	}
	*x->anomaly = x->fever || x->cough || x->diarrhoea ||
		x->temp_tenths >= x->fever_tenths;
	snprintf(temp, sizeof temp, "%d.%d", x->temp_tenths / 10, x->temp_tenths % 10);
	snprintf(sym, sizeof sym, "%s%s%s%s%s", x->fever ? "fever" : "",
		 x->fever && (x->cough || x->diarrhoea) ? "," : "", x->cough ? "cough" : "",
		 x->cough && x->diarrhoea ? "," : "", x->diarrhoea ? "diarrhoea" : "");
	err = db_exec(NULL, &id, "INSERT INTO round_reports (person_id, day, round, temperature, "
		      "symptoms, anomaly, submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?)", "issssis",
		      (long long)x->a->person_id, day, round_names[x->round], temp, sym,
		      (long long)*x->anomaly, now);
	if (nerr_match(err, HC_ERR_CONFLICT)) {
		nerr_ignore(&err);
		*x->o = ROUND_ALREADY;
		return nerr_raise(HC_ERR_CONFLICT, "round reported already");
	}
	if (err == STATUS_OK && *x->anomaly)
		err = open_anomaly(x, report, state, now);
	if (err)
		return nerr_pass(err);
	snprintf(detail, sizeof detail, "%s %s %s", round_names[x->round], temp, sym);
	return nerr_pass(audit_write(x->a, now, "round.report", x->a->person_id, "round_report",
				     id, detail));
}

NEOERR *round_submit(const struct actor *a, int round, int temp_tenths, bool fever,
		     bool cough, bool diarrhoea, enum round_outcome *o, bool *anomaly)
{
	struct submit_ctx x = { a, round, temp_tenths, fever, cough, diarrhoea, o, anomaly };
	NEOERR *err;

	if (round < 0 || round >= ROUNDS)
		return nerr_raise(HC_ERR_BADREQ, "no round %d", round);
	err = db_txn(submit_in_txn, &x);
	if (nerr_match(err, HC_ERR_CONFLICT) && *o == ROUND_ALREADY) {
		nerr_ignore(&err);
		return STATUS_OK;
	}
	return nerr_pass(err);
}
