/* auditlog.c - see auditlog.h. */
#include "read/auditlog.h"
#include "core/db.h"

#include <stdio.h>

NEOERR *auditlog_search(HDF *out, const char *prefix, const struct auditlog_query *q,
			int *n, bool *more)
{
	const char *action = q->action ? q->action : "";
	const char *from = q->from && q->from[0] ? q->from : "1000-01-01";
	const char *to = q->to && q->to[0] ? q->to : "9999-12-30";
	char key[96];
	NEOERR *err;

	/* One row past the page says there is a next one. Each filter is
	 * off when its value is empty; the walk is by time (ix_audit_at),
	 * or by the named actor, action or subject (their own keys). */
	err = db_rows(out, prefix, n,
		"SELECT a.id, DATE_FORMAT(a.at, '%Y-%m-%d %H:%i:%s') AS at, u.name AS actor, "
		" u.number AS actor_number, a.action, s.name AS subject, s.number AS subject_number, "
		" a.subject_person_id AS subject_id, a.object_kind, a.object_id, a.detail, a.addr, "
		" a.request_id "
		"FROM audit_log a LEFT JOIN people u ON u.id = a.actor_id "
		"LEFT JOIN people s ON s.id = a.subject_person_id "
		"WHERE (? = 0 OR a.actor_id = ?) AND (? = '' OR a.action = ?) "
		" AND (? = 0 OR a.subject_person_id = ?) "
		" AND a.at >= ? AND a.at < ? + INTERVAL 1 DAY "
		"ORDER BY a.at DESC, a.id DESC LIMIT ? OFFSET ?",
		"iissiissii", q->actor, q->actor, action, action, q->subject, q->subject,
		from, to, (long long)AUDITLOG_PAGE_ROWS + 1,
		(long long)q->page * AUDITLOG_PAGE_ROWS);
	if (err)
		return nerr_pass(err);
	*more = *n > AUDITLOG_PAGE_ROWS;
	if (*more) {
		snprintf(key, sizeof key, "%s.%d", prefix, AUDITLOG_PAGE_ROWS);
		hdf_remove_tree(out, key);
		*n = AUDITLOG_PAGE_ROWS;
	}
	return STATUS_OK;
}

NEOERR *auditlog_actions(HDF *out, const char *prefix)
{
	return nerr_pass(db_rows(out, prefix, NULL,
		"SELECT DISTINCT action FROM audit_log ORDER BY action LIMIT 500", NULL));
}

NEOERR *auditlog_person(const char *key, long long *id, bool *found)
{
	return nerr_pass(db_scalar(id, found,
		"SELECT p.id FROM people p WHERE p.number = ? "
		"UNION SELECT a.person_id FROM accounts a WHERE a.login = ? LIMIT 1",
		"ss", key, key));
}
