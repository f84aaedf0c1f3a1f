/*
 * auditlog.h - the audit trail, readable: the school admin's search over
 * audit_log by who acted, what they did, about whom and when, paged. (A
 * person's own rows, whose subject they are: lib/read/person.h.)
 */
#ifndef HC_AUDITLOG_H
#define HC_AUDITLOG_H

#include <ClearSilver.h>
#include <stdbool.h>

#define AUDITLOG_PAGE_ROWS 50

struct auditlog_query {
	long long actor;             /* 0: anyone */
	const char *action;          /* "" or NULL: any */
	long long subject;           /* 0: anyone */
	const char *from, *to;       /* "YYYY-MM-DD", both days included; "" or NULL: open */
	int page;                    /* from 0 */
};

/* <prefix>.<n>.{id, at, actor, actor_number, action, subject,
 * subject_number, subject_id, object_kind, object_id, detail, addr,
 * request_id}, latest first, AUDITLOG_PAGE_ROWS a page; *more true when
 * a next page has rows. */
NEOERR *auditlog_search(HDF *out, const char *prefix, const struct auditlog_query *q,
			int *n, bool *more);

/* <prefix>.<n>.action: every action the log holds, in order. */
NEOERR *auditlog_actions(HDF *out, const char *prefix);

/* The person a search names: their number (学号/工号) or login. */
NEOERR *auditlog_person(const char *key, long long *id, bool *found);

#endif
