/*
 * audit.h - every write is attributable: one audit row per decision or
 * change (who, when, what, about whom, why), and the student told of a
 * decision in the app and through the outbox.
 */
#ifndef HC_AUDIT_H
#define HC_AUDIT_H

#include "core/actor.h"
#include "core/err.h"

#include <stddef.h>

/* One audit row by the actor (with their request's id and address);
 * subject and object_id 0 for none, detail "" or NULL for none. The one
 * writer of audit_log. */
NEOERR *audit_write(const struct actor *a, const char *now, const char *action,
		    long long subject, const char *object_kind, long long object_id,
		    const char *detail);

/* One audit row by the actor for each row of ROWS, a SELECT (a string
 * literal of the caller's, never input) giving the columns action,
 * subject, object_kind, object_id, detail: the audit of a set-based write
 * (an import) in one statement. Literal, because the statement cache
 * keeps its text: audit_write_rows(a, now, AUDIT_ROWS("SELECT ...")). */
#define AUDIT_ROWS(ROWS) \
	"INSERT INTO audit_log (at, actor_id, action, subject_person_id, object_kind, " \
	" object_id, detail, request_id, addr) " \
	"SELECT ?, NULLIF(?, 0), r.action, NULLIF(r.subject, 0), r.object_kind, " \
	" NULLIF(r.object_id, 0), NULLIF(r.detail, ''), ?, ? FROM (" ROWS ") r"
NEOERR *audit_write_rows(const struct actor *a, const char *now, const char *audit_rows_sql);

/* An in-app message (kind and its day, rendered later in the reader's
 * language) and an outbox row with notify_text() of the same kind. */
NEOERR *notify_student(long long person, const char *now, const char *kind,
		       const char *day, const char *reason);

/* The text an outbox message of `kind` carries: the language pack's
 * outbox.<kind> in Outbox.Lang (zh-CN unless configured), "{day}" and
 * "{reason}" filled in. */
void notify_text(const char *kind, const char *day, const char *reason,
		 char *out, size_t n);

#endif
