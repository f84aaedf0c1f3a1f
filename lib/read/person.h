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
 * (the columns of daily_reports) and filled_by / verified_by as names;
 * bulk 1 for a quick-filled copy. */
NEOERR *person_reports(HDF *out, const char *prefix, int person_id, int *n);

/* The most days a calendar shows. */
#define CALENDAR_MAX_DAYS 366

/* <prefix>.<n>.{day, state}: the days from `from` to `to`, latest first,
 * each done, bulk, made_up, sent_back, pending, approved, exempt or missed
 * (today, unreported: today). Worked out from the lists person_reports()
 * and person_makeups() wrote under `reports` and `makeups` of `out` (call
 * it after them) and the person's exemptions (one statement). */
NEOERR *person_calendar(HDF *out, const char *prefix, int person_id,
			const char *reports, const char *makeups,
			int from, int to, int today);

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
