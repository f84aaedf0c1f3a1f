/* notice.c - see notice.h. */
#include "domain/notice.h"
#include "domain/txn.h"
#include "domain/audit.h"
#include "domain/queue.h"
#include "core/conf.h"
#include "core/days.h"
#include "core/db.h"
#include "core/lang.h"

#include <stdio.h>
#include <string.h>

const char *const notice_channels[] = { "sms", "wechat", "mail", NULL };

#define NCHANNELS 3
/* The kinds a digest counts: notice_digests has a column for each of the
 * registry's first ones (domain/kinds.h: makeup .. second_review). */
#define NKINDS (KIND_SECOND_REVIEW + 1)
/* More would be a college with a crowd of reviewers: they are all told
 * in the app; the first ones get the message. */
#define MAX_RECIPIENTS 64

int notice_minute_parse(const char *s)
{
	int h, m, n = 0;

	if (s == NULL || sscanf(s, "%2d:%2d%n", &h, &m, &n) != 2 ||
	    (s[n] != '\0' && s[n] != ':') || h < 0 || h > 23 || m < 0 || m > 59)
		return -1;
	return h * 60 + m;
}

int notice_quiet_end(int minute, int from, int until, bool *next_day)
{
	*next_day = false;
	if (from < 0 || until < 0 || from == until)
		return minute;
	if (from < until)
		return minute >= from && minute < until ? until : minute;
	/* Across midnight: [from, 24:00) and [00:00, until). */
	if (minute >= from) {
		*next_day = true;
		return until;
	}
	return minute < until ? until : minute;
}

void notice_due_at(const char *now, int digest_minutes, int quiet_from, int quiet_until,
		   char out[20])
{
	int day = day_parse(now), h = 0, m = 0, s = 0, minute;
	char d[11];
	bool next;

	if (strlen(now) >= 19)
		sscanf(now + 11, "%d:%d:%d", &h, &m, &s);
	minute = h * 60 + m + digest_minutes;
	day += minute / 1440;
	minute %= 1440;
	int end = notice_quiet_end(minute, quiet_from, quiet_until, &next);
	if (end != minute) {
		s = 0;
		day += next;
	}
	day_format(day, d);
	snprintf(out, 20, "%s %02d:%02d:%02d", d, end / 60, end % 60, s);
}

/* ---- the message -------------------------------------------------------- */

/* "您有 3 项新的待办…（补卡申请 2、异常核实 1）" in Outbox.Lang. */
static void digest_text(const long long counts[NKINDS], char *out, size_t n)
{
	static const char *const names[] = { "n", "kinds", NULL };
	const char *lang = conf_str("Outbox.Lang", "zh-CN");
	char total[24], kinds[300] = "", key[64];
	size_t len = 0;
	long long all = 0;

	for (int i = 0; i < NKINDS; i++) {
		if (counts[i] == 0)
			continue;
		all += counts[i];
		snprintf(key, sizeof key, "review.kinds.%s", queue_kinds[i].name);
		len += (size_t)snprintf(kinds + len, sizeof kinds - len, "%s%s %lld",
			len ? lang_text(lang, "outbox.todo_sep") : "", lang_text(lang, key),
			counts[i]);
		if (len >= sizeof kinds)
			len = sizeof kinds - 1;
	}
	snprintf(total, sizeof total, "%lld", all);
	const char *const values[] = { total, kinds, NULL };
	lang_fill_vars(lang, "outbox.todo", names, values, out, n);
}

/* ---- one digest ----------------------------------------------------------- */

struct recipient {
	long long person;
	bool channel[NCHANNELS];
	int quiet_from, quiet_until;
};

/* The item joins the person's open digest on the channel, or opens one. */
static NEOERR *digest_add(const struct recipient *r, const char *channel, int kind,
			  const char *now)
{
	DB_CURSOR *c = NULL;
	long long counts[NKINDS] = { 0 }, outbox = 0;
	char due[20] = "", text[700];
	unsigned long long changed = 0;
	bool open = false;
	NEOERR *err;

	/* The person's row for the channel is the lock, made if need be: two
	 * items arriving at once then wait for each other and share one
	 * message, whatever the isolation level (no gap lock needed). */
	err = db_exec(NULL, NULL,
		"INSERT INTO notice_digests (person_id, channel, outbox_id, due_at) "
		"VALUES (?, ?, 0, '1970-01-01') ON DUPLICATE KEY UPDATE outbox_id = outbox_id",
		"is", r->person, channel);
	if (err)
		return nerr_pass(err);
	err = db_query(&c, "SELECT outbox_id, DATE_FORMAT(due_at, '%Y-%m-%d %H:%i:%s'), due_at > ?, "
		" makeup, anomaly, first_review, second_review "
		"FROM notice_digests WHERE person_id = ? AND channel = ? FOR UPDATE",
		"sis", now, r->person, channel);
	if (err)
		return nerr_pass(err);
	if (db_next(c)) {
		outbox = db_int(c, 0);
		db_copy(due, sizeof due, db_str(c, 1));
		open = db_int(c, 2) != 0;
		for (int i = 0; i < NKINDS; i++)
			counts[i] = db_int(c, 3 + i);
	}
	db_cursor_free(&c);
	if (open) {
		/* Still waiting for its window's end, untouched by any sender
		 * (a sender's claim moves next_attempt_at: then it is theirs). */
		counts[kind]++;
		digest_text(counts, text, sizeof text);
		err = db_exec(&changed, NULL,
			"UPDATE outbox SET payload = ? WHERE id = ? AND sent_at IS NULL "
			" AND failed_at IS NULL AND attempts = 0 AND next_attempt_at = ?",
			"sis", text, outbox, due);
		if (err)
			return nerr_pass(err);
	}
	if (changed == 0) {
		memset(counts, 0, sizeof counts);
		counts[kind] = 1;
		digest_text(counts, text, sizeof text);
		notice_due_at(now, conf_int("Notify.DigestMinutes", 15), r->quiet_from,
			      r->quiet_until, due);
		err = db_exec(NULL, &outbox,
			"INSERT INTO outbox (person_id, channel, payload, created_at, next_attempt_at) "
			"VALUES (?, ?, ?, ?, ?)", "issss", r->person, channel, text, now, due);
		if (err)
			return nerr_pass(err);
	}
	return nerr_pass(db_exec(NULL, NULL,
		"UPDATE notice_digests SET outbox_id = ?, due_at = ?, makeup = ?, anomaly = ?, "
		" first_review = ?, second_review = ? WHERE person_id = ? AND channel = ?",
		"isiiiiis", outbox, due, counts[0], counts[1], counts[2], counts[3], r->person,
		channel));
}

/* ---- an item arrives -------------------------------------------------------- */

NEOERR *notice_item_opened(long long item, const char *kind, long long student,
			   const char *now)
{
	struct recipient rs[MAX_RECIPIENTS];
	const struct queue_kind *qk = queue_kind_of(kind);
	int n = 0, k = qk ? (int)(qk - queue_kinds) : -1;
	int school_from = notice_minute_parse(conf_str("Notify.QuietFrom", "22:00"));
	int school_until = notice_minute_parse(conf_str("Notify.QuietUntil", "07:00"));
	DB_CURSOR *c = NULL;
	NEOERR *err;

	if (k < 0 || k >= NKINDS)
		return nerr_raise(NERR_ASSERT, "no digest of queue kind %s", kind);
	if (!strcmp(kind, "second_review"))
		err = db_exec(NULL, NULL,
			"INSERT INTO notices (person_id, item_id, kind, subject_id, created_at) "
			"SELECT r.person_id, ?, ?, p.id, ? FROM people p "
			"JOIN roles r ON r.role = 'reviewer' AND r.org_id = p.college_id "
			"WHERE p.id = ? AND r.person_id <> p.id", "issi", item, kind, now, student);
	else if (!strcmp(kind, "first_review"))
		/* A student's counselor; a teacher's or staff member's
		 * department head (返岗, seed 002: lib/domain/queue.c). */
		err = db_exec(NULL, NULL,
			"INSERT INTO notices (person_id, item_id, kind, subject_id, created_at) "
			"SELECT ca.counselor_id, ?, ?, ca.student_id, ? FROM counselor_assignments ca "
			"WHERE ca.student_id = ? AND ca.counselor_id <> ca.student_id "
			"UNION SELECT r.person_id, ?, ?, p.id, ? FROM people p "
			"JOIN roles r ON r.role = 'dept_head' AND r.org_id = p.college_id "
			"WHERE p.id = ? AND p.identity = 'staff' AND r.person_id <> p.id",
			"issiissi", item, kind, now, student, item, kind, now, student);
	else
		err = db_exec(NULL, NULL,
			"INSERT INTO notices (person_id, item_id, kind, subject_id, created_at) "
			"SELECT ca.counselor_id, ?, ?, ca.student_id, ? FROM counselor_assignments ca "
			"WHERE ca.student_id = ? AND ca.counselor_id <> ca.student_id",
			"issi", item, kind, now, student);
	if (err)
		return nerr_pass(err);
	err = db_query(&c,
		"SELECT np.person_id, np.sms, np.wechat, np.mail, "
		" TIME_FORMAT(np.quiet_from, '%H:%i'), TIME_FORMAT(np.quiet_until, '%H:%i') "
		"FROM notices n JOIN notice_prefs np ON np.person_id = n.person_id "
		"WHERE n.item_id = ? AND (np.sms OR np.wechat OR np.mail) "
		"ORDER BY np.person_id LIMIT 64", "i", item);
	if (err)
		return nerr_pass(err);
	while (n < MAX_RECIPIENTS && db_next(c)) {
		struct recipient *r = &rs[n++];
		bool own = db_str(c, 4) && db_str(c, 5);

		r->person = db_int(c, 0);
		for (int i = 0; i < NCHANNELS; i++)
			r->channel[i] = db_int(c, 1 + i) != 0;
		r->quiet_from = own ? notice_minute_parse(db_str(c, 4)) : school_from;
		r->quiet_until = own ? notice_minute_parse(db_str(c, 5)) : school_until;
	}
	db_cursor_free(&c);
	for (int i = 0; i < n; i++)
		for (int ch = 0; ch < NCHANNELS; ch++)
			if (rs[i].channel[ch] && (err = digest_add(&rs[i], notice_channels[ch], k, now)))
				return nerr_pass(err);
	return STATUS_OK;
}

/* ---- the person's choice and list ------------------------------------------- */

NEOERR *notice_prefs_load(int person, struct notice_prefs *p)
{
	DB_CURSOR *c = NULL;
	NEOERR *err;

	memset(p, 0, sizeof *p);
	err = db_query(&c, "SELECT sms, wechat, mail, email, TIME_FORMAT(quiet_from, '%H:%i'), "
		" TIME_FORMAT(quiet_until, '%H:%i') FROM notice_prefs WHERE person_id = ?",
		"i", (long long)person);
	if (err)
		return nerr_pass(err);
	if (db_next(c)) {
		for (int i = 0; i < NCHANNELS; i++)
			p->channel[i] = db_int(c, i) != 0;
		db_copy(p->email, sizeof p->email, db_str(c, 3));
		db_copy(p->quiet_from, sizeof p->quiet_from, db_str(c, 4));
		db_copy(p->quiet_until, sizeof p->quiet_until, db_str(c, 5));
	}
	db_cursor_free(&c);
	return STATUS_OK;
}

/* The actor's own preferences (t->in). */
static NEOERR *save_in_txn(struct txn *t)
{
	const struct notice_prefs *p = t->in;
	bool own = p->quiet_from[0] && p->quiet_until[0];
	char detail[400];
	NEOERR *err;

	err = db_exec(NULL, NULL,
		"INSERT INTO notice_prefs (person_id, sms, wechat, mail, email, quiet_from, "
		" quiet_until, updated_at) VALUES (?, ?, ?, ?, NULLIF(?, ''), ?, ?, ?) "
		"ON DUPLICATE KEY UPDATE sms = VALUES(sms), wechat = VALUES(wechat), "
		" mail = VALUES(mail), email = VALUES(email), quiet_from = VALUES(quiet_from), "
		" quiet_until = VALUES(quiet_until), updated_at = VALUES(updated_at)",
		"iiiissss", t->id, (long long)p->channel[0],
		(long long)p->channel[1], (long long)p->channel[2], p->email,
		own ? p->quiet_from : NULL, own ? p->quiet_until : NULL, t->now);
	if (err)
		return nerr_pass(err);
	snprintf(detail, sizeof detail, "sms=%d wechat=%d mail=%d quiet=%s-%s",
		 p->channel[0], p->channel[1], p->channel[2], own ? p->quiet_from : "",
		 own ? p->quiet_until : "");
	return nerr_pass(audit_write(t->a, t->now, "notice.prefs", t->id, "notice_prefs", t->id,
				     detail));
}

NEOERR *notice_prefs_save(const struct actor *a, const struct notice_prefs *p)
{
	return nerr_pass(txn_run(save_in_txn, a, a->person_id, p, NULL));
}

NEOERR *notice_mark_read(const struct actor *a, unsigned long long *n)
{
	char now[20];

	clock_now(now);
	return nerr_pass(db_exec(n, NULL, "UPDATE notices SET read_at = ? "
		"WHERE person_id = ? AND read_at IS NULL", "si", now, (long long)a->person_id));
}
