/* audit.c - see audit.h. */
#include "domain/audit.h"
#include "core/conf.h"
#include "core/lang.h"
#include "core/db.h"

NEOERR *audit_write(const struct actor *a, const char *now, const char *action,
		    long long subject, const char *object_kind, long long object_id,
		    const char *detail)
{
	return nerr_pass(db_exec(NULL, NULL,
		"INSERT INTO audit_log (at, actor_id, action, subject_person_id, object_kind, "
		" object_id, detail, request_id, addr) "
		"VALUES (?, NULLIF(?, 0), ?, NULLIF(?, 0), ?, NULLIF(?, 0), NULLIF(?, ''), ?, ?)", "sisisisss",
		now, (long long)a->person_id, action, subject, object_kind, object_id,
		detail ? detail : "", a->request_id ? a->request_id : "", a->addr ? a->addr : ""));
}

NEOERR *audit_write_rows(const struct actor *a, const char *now, const char *audit_rows_sql)
{
	return nerr_pass(db_exec(NULL, NULL, audit_rows_sql, "siss", now, (long long)a->person_id,
		a->request_id ? a->request_id : "", a->addr ? a->addr : ""));
}

void notify_text(const char *kind, const char *day, const char *reason,
		 char *out, size_t n)
{
	char key[64];

	snprintf(key, sizeof key, "outbox.%s", kind);
	lang_fill(conf_str("Outbox.Lang", "zh-CN"), key, day, reason, out, n);
}

NEOERR *notify_student(long long person, const char *now, const char *kind,
		       const char *day, const char *reason)
{
	char text[700];
	NEOERR *err = db_exec(NULL, NULL,
		"INSERT INTO messages (person_id, kind, body, created_at) VALUES (?, ?, ?, ?)",
		"isss", person, kind, day ? day : "", now);

	if (err)
		return nerr_pass(err);
	notify_text(kind, day, reason, text, sizeof text);
	return nerr_pass(db_exec(NULL, NULL,
		"INSERT INTO outbox (person_id, channel, payload, created_at) VALUES (?, ?, ?, ?)",
		"isss", person, conf_str("Outbox.Channel", "sms"), text, now));
}
