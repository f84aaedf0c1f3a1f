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

/* An in-app message (kind and its parameter, rendered later in the
 * reader's language) and an outbox row carrying `sms` for delivery. */
NEOERR *notify_student(long long person, const char *now, const char *kind,
		       const char *param, const char *sms);

#endif
