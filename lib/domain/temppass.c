/* temppass.c - see temppass.h. */
#include "domain/temppass.h"
#include "domain/queue.h"
#include "domain/audit.h"
#include "core/conf.h"
#include "core/db.h"
#include "core/days.h"

#include <stdio.h>
#include <string.h>

bool temppass_time(const char *s, char out[20])
{
	char day[11];
	int h = -1, m = -1, sec = 0, n = 0;
	size_t len = s ? strlen(s) : 0;

	if (len != 16 && len != 19)
		return false;
	if (s[10] != 'T' && s[10] != ' ')
		return false;
	memcpy(day, s, 10);
	day[10] = '\0';
	if (day_parse(day) <= 0)
		return false;
	if (len == 16 && (sscanf(s + 11, "%2d:%2d%n", &h, &m, &n) != 2 || n != 5))
		return false;
	if (len == 19 && (sscanf(s + 11, "%2d:%2d:%2d%n", &h, &m, &sec, &n) != 3 || n != 8))
		return false;
	if (h < 0 || h > 23 || m < 0 || m > 59 || sec < 0 || sec > 59 ||
	    strspn(s + 11, "0123456789:") != len - 11)
		return false;
	snprintf(out, 20, "%s %02d:%02d:%02d", day, h, m, sec);
	return true;
}

struct apply {
	const struct actor *a;
	const struct temppass_new *x;
	const char *now;
	long long id;
	enum temppass_problem problem;
};

static NEOERR *apply_in_txn(void *arg)
{
	struct apply *p = arg;
	const struct temppass_new *x = p->x;
	long long one = 0, minutes = 0;
	bool found = false;
	char detail[120];
	NEOERR *err;

	p->id = 0;
	p->problem = TP_OK;
	err = db_scalar(&one, &found, "SELECT id FROM buildings WHERE id = ?", "i", x->building_id);
	if (err)
		return nerr_pass(err);
	if (!found) {
		p->problem = TP_NO_BUILDING;
		return STATUS_OK;
	}
	if (x->approver_id) {
		err = db_scalar(&one, &found, "SELECT person_id FROM building_approvers "
				"WHERE building_id = ? AND person_id = ?", "ii", x->building_id,
				x->approver_id);
		if (err)
			return nerr_pass(err);
		if (!found) {
			p->problem = TP_BAD_APPROVER;
			return STATUS_OK;
		}
	}
	err = db_scalar(&minutes, NULL, "SELECT TIMESTAMPDIFF(MINUTE, ?, ?)", "ss", x->from, x->until);
	if (err)
		return nerr_pass(err);
	if (minutes <= 0)
		p->problem = TP_BAD_WINDOW;
	else if (minutes > 60LL * conf_int("Policy.TempPassMaxHours", TEMPPASS_MAX_HOURS))
		p->problem = TP_TOO_LONG;
	else if (strcmp(x->until, p->now) <= 0)
		p->problem = TP_PAST;
	if (p->problem != TP_OK)
		return STATUS_OK;
	err = db_exec(NULL, &p->id, "INSERT INTO temp_passes (person_id, building_id, reason, "
		"valid_from, valid_until, approver_id, created_at) VALUES (?, ?, ?, ?, ?, NULLIF(?, 0), ?)",
		"iisssis", (long long)x->person_id, x->building_id, x->reason, x->from, x->until,
		x->approver_id, p->now);
	if (err == STATUS_OK)
		err = queue_open("temp_pass", p->id, x->person_id, x->approver_id, p->now, NULL);
	snprintf(detail, sizeof detail, "%.16s - %.16s", x->from, x->until);
	if (err == STATUS_OK)
		err = audit_write(p->a, p->now, "temp_pass.apply", x->person_id, "temp_pass", p->id, detail);
	return nerr_pass(err);
}

NEOERR *temppass_apply(const struct actor *a, const struct temppass_new *x, const char *now,
		       long long *id, enum temppass_problem *problem)
{
	struct apply p = { a, x, now, 0, TP_OK };
	NEOERR *err = db_txn(apply_in_txn, &p);

	*id = p.id;
	*problem = p.problem;
	return nerr_pass(err);
}

NEOERR *temppass_state(int person_id, int building_id, const char *now, enum pass_temp *st)
{
	DB_CURSOR *c = NULL;
	NEOERR *err = db_query(&c, "SELECT SUM(valid_from <= ? AND valid_until >= ?), "
		" SUM(valid_from > ?) FROM temp_passes "
		"WHERE person_id = ? AND building_id = ? AND state = 'approved'", "sssii",
		now, now, now, (long long)person_id, (long long)building_id);

	*st = PASS_TEMP_NONE;
	if (err)
		return nerr_pass(err);
	if (db_next(c) && db_str(c, 0) != NULL) {
		if (db_int(c, 0) > 0)
			*st = PASS_TEMP_NOW;
		else if (db_int(c, 1) > 0)
			*st = PASS_TEMP_NOT_YET;
		else
			*st = PASS_TEMP_OVER;
	}
	db_cursor_free(&c);
	return STATUS_OK;
}
