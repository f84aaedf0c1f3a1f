/*
 * person.h - one person's whole record, for /person (staff in scope, or the
 * person themself): who they are and their basic info, every daily report
 * with all its answers and a calendar of their days, make-up requests,
 * return applications with each review and who took it, travel legs,
 * uploads, arrivals, messages sent to them, and the audit rows about them
 * (who changed or exported their data). Reads only; the caller checks
 * scope first (scope_require()). Each function writes rows under `prefix`
 * of `out`, named by their columns; none reads the request.
 */
#ifndef HC_PERSON_H
#define HC_PERSON_H

#include <ClearSilver.h>
#include <stdbool.h>

/* The latest this many of each list; the page says when there are more. */
#define PERSON_MAX_ROWS 200

/* <prefix>.{id, number, name, identity, status, college, class, counselor,
 * phone, boarding, dorm} and, once filled, <prefix>.Basic.{phone,
 * home_address, emergency_contact, emergency_phone, boarding, dorm,
 * filled_at, updated_by, updated_at}; *found false for no such person. */
NEOERR *person_load(HDF *out, const char *prefix, int person_id, bool *found);

/* <prefix>.<n>: every daily report, latest first, with all its answers
 * (the columns of daily_reports) and filled_by / verified_by as names. */
NEOERR *person_reports(HDF *out, const char *prefix, int person_id, int *n);

/* <prefix>.<n>.{day, state}: the days from `from` to `to` ("YYYY-MM-DD"),
 * latest first, each done, made_up, sent_back, pending, approved,
 * exempt or missed (today, unreported: today). */
NEOERR *person_calendar(HDF *out, const char *prefix, int person_id,
			const char *from, const char *to, const char *today);

/* <prefix>.<n>: make-up requests with who decided them. */
NEOERR *person_makeups(HDF *out, const char *prefix, int person_id);

/* <prefix>.<n>: return applications, latest term first, with their
 * Review.<m> (stage, decision, reviewer, decided_at, reason), Leg.<m>
 * and Upload.<m>. */
NEOERR *person_applications(HDF *out, const char *prefix, int person_id);

/* <prefix>.<n>: arrivals (gate and dorm) with the gate and who scanned. */
NEOERR *person_arrivals(HDF *out, const char *prefix, int person_id);

/* <prefix>.<n>.{kind, body, at, read_at}: in-app messages sent to them,
 * latest first (the page puts them in words). */
NEOERR *person_messages(HDF *out, const char *prefix, int person_id);

/* <prefix>.<n>.{at, actor, actor_number, action, object_kind, object_id,
 * detail}: audit rows whose subject is the person, latest first. */
NEOERR *person_audit(HDF *out, const char *prefix, int person_id);

#endif
