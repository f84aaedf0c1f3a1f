/*
 * person.h - one person's whole record, for /person (staff in scope, or the
 * person themself): who they are and their basic info, every daily report
 * with all its answers and a calendar of their days, make-up requests,
 * return applications with each review and who took it, travel legs,
 * uploads, arrivals, messages sent to them, and the audit rows about them
 * (who changed or exported their data). Reads only; the caller checks
 * scope with what person_load() read before it reads the rest (the
 * calendar: read/calendar.h). Each function writes rows under `prefix` of
 * `out`, named by their columns; none reads the request.
 */
#ifndef HC_PERSON_H
#define HC_PERSON_H

#include "domain/scope.h"

#include <ClearSilver.h>
#include <stdbool.h>

/* The latest this many of each list but the reports (paged). */
#define PERSON_MAX_ROWS 200

/* <prefix>.{id, number, name, identity, status, college, class, counselor,
 * phone, boarding, dorm, college_id, counselor_id} and, once filled,
 * <prefix>.Basic.{phone, home_address, emergency_contact, emergency_phone,
 * boarding, dorm, filled_at, updated_by, updated_at}, in one read; *s what
 * scope_check() judges by; *found false for no such person (nothing
 * written). A caller that then refuses the viewer removes <prefix>. */
NEOERR *person_load(HDF *out, const char *prefix, int person_id,
		   struct subject *s, bool *found);

/* The reports a page of the record lists in full. */
#define PERSON_REPORTS_PAGE 20

/* <prefix>.<n>: the person's daily reports of `to` (a day number) and
 * before, latest first, at most `max`, each with all its answers (the
 * columns of daily_reports), filled_by / verified_by as names, bulk 1 for
 * a quick-filled copy, has_answers 1 when the daily form's own questions
 * were answered in it (questions_answers()); *n how many, *more whether
 * earlier ones are left for the next page. */
NEOERR *person_reports(HDF *out, const char *prefix, int person_id, int to,
		       int max, int *n, bool *more);

/* <prefix>.<n>: return applications (20 latest), latest term first, with
 * their Review.<m> (stage, decision, reviewer, decided_at, reason), Leg.<m>
 * (seq, mode, number, day, from_place, to_place) and Upload.<m> (id, kind,
 * filename, size, uploaded_at, dup_reason): two statements, one when there
 * is no application. */
NEOERR *person_applications(HDF *out, const char *prefix, int person_id);

/* The record's other lists, each the latest PERSON_MAX_ROWS, in one read:
 * <prefix>.Makeup.<n> (id, day, reason, state, created_at, decided_by,
 * decided_at, decision_reason: make-up requests with who decided them),
 * <prefix>.Arrival.<n> (kind, at, gate, scanned_by, boarding, term: gate
 * and dorm arrivals), <prefix>.Message.<n> (kind, body, at, read_at: the
 * in-app messages sent to them; the page puts them in words) and
 * <prefix>.Audit.<n> (at, actor, actor_number, action, object_kind,
 * object_id, detail: audit rows whose subject is the person). */
NEOERR *person_lists(HDF *out, const char *prefix, int person_id);

#endif
