/* checkins.c - see checkins.h. */
#include "read/checkins.h"
#include "read/calendar.h"
#include "domain/phone.h"
#include "core/conf.h"
#include "core/db.h"
#include "core/days.h"
#include "domain/term.h"

#include <stdio.h>
#include <string.h>

NEOERR *checkins_messages(int person, struct message out[CHECKINS_MESSAGES], int *n)
{
	DB_CURSOR *c = NULL;
	NEOERR *err;

	*n = 0;
	err = db_query(&c, "SELECT kind, body, DATE_FORMAT(created_at, '%m-%d %H:%i') "
		"FROM messages WHERE person_id = ? ORDER BY id DESC LIMIT 5",
		"i", (long long)person);
	if (err)
		return nerr_pass(err);
	while (*n < CHECKINS_MESSAGES && db_next(c)) {
		struct message *m = &out[(*n)++];
		DB_FILL(c, 0, m->kind, m->body, m->at);
	}
	db_cursor_free(&c);
	return STATUS_OK;
}

NEOERR *checkins_sent_back(int person, int day, bool *sent_back)
{
	long long n = 0;
	char d[11];
	NEOERR *err;

	day_format(day, d);
	err = db_scalar(&n, NULL, "SELECT COUNT(*) FROM daily_reports "
		"WHERE person_id = ? AND day = ? AND anomaly_state = 'sent_back'",
		"is", (long long)person, d);
	*sent_back = n > 0;
	return nerr_pass(err);
}

static void checkins_other_sent_back_row(DB_CURSOR *c, void *out)
{
	struct sent_back *sb = out;

	DB_FILL(c, 0, sb->day, sb->reason);
}

NEOERR *checkins_other_sent_back(int person, int day, struct sent_back *sb, bool *found)
{
	char d[11];

	memset(sb, 0, sizeof *sb);
	day_format(day, d);
	return nerr_pass(db_one(found, checkins_other_sent_back_row, sb,
		"SELECT day, verify_reason FROM daily_reports WHERE person_id = ? "
		"AND anomaly_state = 'sent_back' AND day <> ? ORDER BY day LIMIT 1",
		"is", (long long)person, d));
}

static void checkins_day_row(DB_CURSOR *c, void *out)
{
	struct day_report *rep = out;

	DB_FILL(c, 0, rep->id, rep->at, rep->temperature, rep->city, rep->anomaly,
		rep->anomaly_flags, rep->anomaly_state, rep->is_makeup, rep->filled_by,
		rep->verify_reason, rep->bulk_by, rep->filler);
}

NEOERR *checkins_day(int person, int day, struct day_report *rep, bool *found)
{
	char d[11];

	memset(rep, 0, sizeof *rep);
	day_format(day, d);
	return nerr_pass(db_one(found, checkins_day_row, rep,
		"SELECT d.id, DATE_FORMAT(d.submitted_at, '%H:%i'), d.temperature, d.city, "
		" d.anomaly, d.anomaly_flags, d.anomaly_state, d.is_makeup, d.filled_by, "
		" d.verify_reason, b.name, f.name FROM daily_reports d "
		"LEFT JOIN people b ON b.id = d.bulk_filled_by "
		"LEFT JOIN people f ON f.id = d.filled_by "
		"WHERE d.person_id = ? AND d.day = ?",
		"is", (long long)person, d));
}

NEOERR *checkins_has_basic(int person, bool *has)
{
	long long n = 0;
	NEOERR *err = db_scalar(&n, NULL, "SELECT COUNT(*) FROM basic_info WHERE person_id = ?",
				"i", (long long)person);

	*has = n > 0;
	return nerr_pass(err);
}

static void checkins_basic_row(DB_CURSOR *c, void *out)
{
	struct basic_row *b = out;

	DB_FILL(c, 0, b->phone, b->home_address, b->emergency_contact,
		b->emergency_phone, b->boarding, b->dorm, b->questions_n);
}

NEOERR *checkins_basic(int person, struct basic_row *b, bool *found)
{
	memset(b, 0, sizeof *b);
	return nerr_pass(db_one(found, checkins_basic_row, b,
		"SELECT phone, home_address, emergency_contact, emergency_phone, "
		"boarding, dorm, (SELECT questions_n FROM policies WHERE id = 1) "
		"FROM basic_info WHERE person_id = ?", "i",
		(long long)person));
}

NEOERR *checkins_calendar(HDF *out, const char *prefix, int person, const char *today)
{
	struct calendar_day days[60];
	struct exemption ex[CALENDAR_MAX_EXEMPT];
	char key[96];
	int t = day_or_0(today), from, nex = 0;
	HDF *term;
	NEOERR *err;

	snprintf(key, sizeof key, "%s.Term", prefix);
	err = db_row(out, key, NULL, "SELECT id, name, starts_on FROM terms WHERE id = " TERM_NOW_ID,
		     "ss", today, today);
	if (err)
		return nerr_pass(err);
	term = hdf_get_obj(out, key);
	if (term == NULL || t == 0)
		return STATUS_OK;    /* no term in progress: no days to show */
	/* Every day of the term up to today, 60 at the most. */
	from = day_or_0(hdf_get_value(term, "starts_on", ""));
	if (from < t - 59)
		from = t - 59;
	if (from > t)
		return STATUS_OK;
	err = calendar_read(person, from, t, t, ex, CALENDAR_MAX_EXEMPT, &nex, days);
	if (err)
		return nerr_pass(err);
	snprintf(key, sizeof key, "%s.Day", prefix);
	return nerr_pass(calendar_export(out, key, days, t - from + 1, false, 0));
}

NEOERR *checkins_makeups(HDF *out, const char *mine, const char *history, int person)
{
	NEOERR *err = db_rows(out, mine, NULL,
		"SELECT m.id, m.day, m.reason, m.state, "
		" DATE_FORMAT(m.created_at, '%Y-%m-%d %H:%i') AS created, "
		" DATE_FORMAT(m.decided_at, '%Y-%m-%d %H:%i') AS decided, "
		" m.decision_reason, v.name AS decided_by, c.name AS holder "
		"FROM makeup_requests m "
		"LEFT JOIN people v ON v.id = m.decided_by "
		"LEFT JOIN counselor_assignments ca ON ca.student_id = m.person_id "
		"LEFT JOIN people c ON c.id = ca.counselor_id "
		"WHERE m.person_id = ? ORDER BY m.id DESC LIMIT 100", "i", (long long)person);

	if (err)
		return nerr_pass(err);
	return nerr_pass(db_rows(out, history, NULL,
		"SELECT a.object_id AS id, DATE_FORMAT(a.at, '%m-%d %H:%i') AS at, "
		" p.name AS actor, a.action, a.detail "
		"FROM audit_log a LEFT JOIN people p ON p.id = a.actor_id "
		"WHERE a.object_kind = 'makeup_request' AND a.subject_person_id = ? "
		"ORDER BY a.id LIMIT 500", "i", (long long)person));
}

NEOERR *checkins_makeup_approved(int person, const char *day, bool *approved)
{
	long long n = 0;
	NEOERR *err = db_scalar(&n, NULL, "SELECT COUNT(*) FROM makeup_requests "
		"WHERE person_id = ? AND open_day = ? AND state = 'approved'",
		"is", (long long)person, day);

	*approved = n > 0;
	return nerr_pass(err);
}

NEOERR *phone_load(HDF *out, const char *prefix, int person)
{
	char key[64];
	bool found;
	NEOERR *err = db_row(out, prefix, &found,
		"SELECT COALESCE(p.phone, '') AS phone, "
		" p.phone IS NOT NULL AND p.phone = p.phone_confirmed AS confirmed, "
		" COALESCE(p.phone_confirmed, '') AS confirmed_phone, "
		" COALESCE(DATE_FORMAT(p.phone_confirmed_at, '%Y-%m-%d %H:%i'), '') AS confirmed_at, "
		" c.person_id IS NOT NULL AND c.expires_at > NOW() AS pending, "
		" COALESCE(c.phone, '') AS pending_phone, "
		" COALESCE(DATE_FORMAT(c.expires_at, '%H:%i'), '') AS expires_at, "
		" GREATEST(0, ? - COALESCE(c.attempts, 0)) AS attempts_left "
		"FROM people p LEFT JOIN phone_codes c ON c.person_id = p.id WHERE p.id = ?",
		"ii", (long long)conf_int("Phone.MaxAttempts", 5), (long long)person);

	if (err)
		return nerr_pass(err);
	snprintf(key, sizeof key, "%s.gateway", prefix);
	hdf_set_int_value(out, key, phone_gateway());
	return STATUS_OK;
}
