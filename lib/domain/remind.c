/* remind.c - see remind.h. */
#include "domain/remind.h"
#include "domain/audit.h"
#include "domain/exempt.h"
#include "domain/notice.h"
#include "core/conf.h"
#include "core/db.h"
#include "core/days.h"
#include "core/lang.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

/* The batch's rows, as each table keeps them (literal statements). */
static const char *const batch_messages[2] = {
	"INSERT INTO messages (person_id, kind, body, created_at) "
	"SELECT person_id, 'remind', day, ? FROM reminders WHERE batch = ?",
	"INSERT INTO messages (person_id, kind, body, created_at) "
	"SELECT person_id, 'remind', day, ? FROM scheduled_reminders WHERE batch = ?",
};
static const char *const batch_outbox[2] = {
	"INSERT INTO outbox (person_id, channel, payload, created_at) "
	"SELECT person_id, ?, ?, ? FROM reminders WHERE batch = ?",
	"INSERT INTO outbox (person_id, channel, payload, created_at) "
	"SELECT person_id, ?, ?, ? FROM scheduled_reminders WHERE batch = ?",
};

NEOERR *remind_notify_batch(bool scheduled, const char *batch, const char *day,
			    const char *now)
{
	char text[300];
	NEOERR *err = db_exec(NULL, NULL, batch_messages[scheduled], "ss", now, batch);

	if (err)
		return nerr_pass(err);
	notify_text("remind", day, NULL, text, sizeof text);
	return nerr_pass(db_exec(NULL, NULL, batch_outbox[scheduled], "ssss",
				 conf_str("Outbox.Channel", "sms"), text, now, batch));
}

struct slot_ctx {
	const struct actor *a;
	const char *hhmm;
	bool add;
	bool *result;
};

static NEOERR *slot_in_txn(void *arg)
{
	struct slot_ctx *x = arg;
	unsigned long long n = 0;
	char now[20];
	NEOERR *err;

	clock_now(now);
	if (x->add)
		err = db_exec(&n, NULL, "INSERT IGNORE INTO reminder_slots (at_time, created_by, "
			      "created_at) VALUES (?, ?, ?)", "sis", x->hhmm,
			      (long long)x->a->person_id, now);
	else
		err = db_exec(&n, NULL, "DELETE FROM reminder_slots WHERE at_time = ?", "s", x->hhmm);
	if (err)
		return nerr_pass(err);
	*x->result = x->add ? n == 0 : n > 0;
	if (n == 0)
		return STATUS_OK;
	return nerr_pass(audit_write(x->a, now, x->add ? "remind.slot_add" : "remind.slot_remove",
				     0, "reminder_slot", 0, x->hhmm));
}

NEOERR *remind_slot_add(const struct actor *a, const char *hhmm, bool *dup)
{
	struct slot_ctx x = { a, hhmm, true, dup };

	if (notice_minute_parse(hhmm) < 0)
		return nerr_raise(HC_ERR_BADREQ, "not a time: %s", hhmm);
	return nerr_pass(db_txn(slot_in_txn, &x));
}

NEOERR *remind_slot_remove(const struct actor *a, const char *hhmm, bool *found)
{
	struct slot_ctx x = { a, hhmm, false, found };

	if (notice_minute_parse(hhmm) < 0) {
		*found = false;
		return STATUS_OK;
	}
	return nerr_pass(db_txn(slot_in_txn, &x));
}

NEOERR *remind_slot_due(const char *now, char slot[6], bool *found)
{
	DB_CURSOR *c = NULL;
	NEOERR *err;

	slot[0] = '\0';
	err = db_query(&c, "SELECT TIME_FORMAT(MAX(at_time), '%H:%i') FROM reminder_slots "
		       "WHERE at_time <= TIME(?)", "s", now);
	if (err)
		return nerr_pass(err);
	*found = db_next(c) && db_str(c, 0) != NULL;
	if (*found)
		db_copy(slot, 6, db_str(c, 0));
	db_cursor_free(&c);
	return STATUS_OK;
}

struct run_ctx {
	const char *day, *slot;
	char batch[17];
	struct remind_result *res;
};

/* The counselor's text with "{n}" and "{slot}" left for the statement to
 * fill per counselor; "{day}" filled here. */
static void counselor_template(const char *day, const char *slot, char *out, size_t n)
{
	static const char *const names[] = { "day", "slot", "n", NULL };
	const char *const values[] = { day, slot, "{n}", NULL };

	lang_fill_vars(conf_str("Outbox.Lang", "zh-CN"), "outbox.remind_missing", names, values,
		       out, n);
}

static NEOERR *run_in_txn(void *arg)
{
	struct run_ctx *x = arg;
	char now[20], text[300], tmpl[300];
	const char *channel = conf_str("Outbox.Channel", "sms");
	unsigned long long n = 0;
	NEOERR *err;

	x->res->people = x->res->counselors = 0;
	clock_now(now);
	err = db_exec(&n, NULL,
		"INSERT IGNORE INTO scheduled_reminders (person_id, day, slot, batch, sent_at) "
		"SELECT p.id, k.day, ?, ?, ? FROM (SELECT CAST(? AS DATE) AS day) k JOIN people p "
		"LEFT JOIN daily_reports d ON d.person_id = p.id AND d.day = k.day "
		"WHERE d.id IS NULL AND NOT " EXEMPT_ON("k.day"),
		"ssss", x->slot, x->batch, now, x->day);
	if (err || n == 0)
		return nerr_pass(err);
	x->res->people = n;
	err = remind_notify_batch(true, x->batch, x->day, now);
	if (err)
		return nerr_pass(err);
	/* Each counselor with students in this run: how many are missing. */
	err = db_exec(&x->res->counselors, NULL,
		"INSERT INTO messages (person_id, kind, body, created_at) "
		"SELECT DISTINCT ca.counselor_id, 'remind_missing', ?, ? "
		"FROM scheduled_reminders s JOIN counselor_assignments ca ON ca.student_id = s.person_id "
		"WHERE s.batch = ?", "sss", x->day, now, x->batch);
	if (err)
		return nerr_pass(err);
	counselor_template(x->day, x->slot, tmpl, sizeof tmpl);
	/* On the channels they chose for notices, else the school's. */
	err = db_exec(NULL, NULL,
		"INSERT INTO outbox (person_id, channel, payload, created_at) "
		"SELECT m.counselor_id, ch.channel, REPLACE(?, '{n}', m.missing), ? "
		"FROM (SELECT ca.counselor_id, COUNT(*) AS missing FROM scheduled_reminders s "
		"  JOIN counselor_assignments ca ON ca.student_id = s.person_id "
		"  WHERE s.batch = ? GROUP BY ca.counselor_id) m "
		"LEFT JOIN notice_prefs np ON np.person_id = m.counselor_id "
		"JOIN (SELECT 'sms' AS channel UNION ALL SELECT 'wechat' UNION ALL SELECT 'mail') ch "
		" ON (np.person_id IS NULL AND ch.channel = ?) "
		" OR (ch.channel = 'sms' AND np.sms) OR (ch.channel = 'wechat' AND np.wechat) "
		" OR (ch.channel = 'mail' AND np.mail)",
		"ssss", tmpl, now, x->batch, channel);
	if (err)
		return nerr_pass(err);
	snprintf(text, sizeof text, "%s %s x%llu", x->day, x->slot, x->res->people);
	/* By no one: the schedule; the run's batch in place of a request id. */
	struct actor schedule = { .request_id = x->batch };
	return nerr_pass(audit_write(&schedule, now, "remind.scheduled", 0, "reminders", 0, text));
}

NEOERR *remind_run(const char *day, const char *slot, struct remind_result *res)
{
	struct run_ctx x = { day, slot, "", res };
	unsigned char raw[8];

	memset(res, 0, sizeof *res);
	if (day_parse(day) < 0 || notice_minute_parse(slot) < 0)
		return nerr_raise(HC_ERR_BADREQ, "bad day or slot: %s %s", day, slot);
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(x.batch, sizeof x.batch, raw, sizeof raw);
	return nerr_pass(db_txn(run_in_txn, &x));
}
