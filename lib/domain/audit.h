/*
 * audit.h - every write is attributable: one audit row per decision or
 * change (who, when, what, about whom, why), and the student told of a
 * decision in the app and through the outbox.
 */
#ifndef HC_AUDIT_H
#define HC_AUDIT_H

#include "web/app.h"

/* One audit row by the request's person; subject and object_id 0 for
 * none, detail "" or NULL for none. */
NEOERR *audit_write(struct req *r, const char *now, const char *action,
		    long long subject, const char *object_kind, long long object_id,
		    const char *detail);

/* The same row with who acts given explicitly (request
 * id and address may be NULL): for rules that do not take the request. */
NEOERR *audit_row(int actor, const char *request_id, const char *addr, const char *now,
		  const char *action, long long subject, const char *object_kind,
		  long long object_id, const char *detail);

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
