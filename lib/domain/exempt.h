/*
 * exempt.h - who must check in (打卡对象, seed 001): everyone, except whom
 * an exemption names (by status: 休学 / 退学 / 入伍; by class; by person)
 * on the days of its range. An exempt person is not counted as unreported
 * on the dashboard, gets no reminder, and their card says why nothing is
 * asked of them.
 *
 * Not a card fact: the card's state (its colour and the return rules) does
 * not change with an exemption, and the rules are date ranges over people's
 * status and class, which other pages change; stored per person they would
 * bind every writer of people to this module. Every reader asks the rules
 * themselves, through EXEMPT_ON(), so they cannot disagree.
 */
#ifndef HC_EXEMPT_H
#define HC_EXEMPT_H

#include "core/actor.h"
#include "core/db.h"

#include <ClearSilver.h>
#include <stdbool.h>

/* SQL: true when the person `p` (a row of people) is exempt on the DATE
 * expression `day` (a column or a constant, not a placeholder: it is used
 * twice). The one definition of 打卡对象. */
#define EXEMPT_ON(day) \
	"EXISTS (SELECT 1 FROM checkin_exemptions e WHERE " EXEMPT_NAMES \
	" AND e.starts_on <= " day " AND (e.ends_on IS NULL OR e.ends_on >= " day "))"

/* SQL: true when the exemption `e` (a row of checkin_exemptions, not
 * ended) names the person `p` on some of its days: EXEMPT_ON() without
 * the day, for a reader that wants the ranges themselves. */
#define EXEMPT_NAMES \
	"e.ended_at IS NULL " \
	" AND (e.person_id = p.id OR e.class_id = p.class_id OR e.status = p.status)"

/* The statuses an exemption may name (people.status besides 'active'). */
extern const char *const exempt_statuses[];

/* The exemption that applies to a person on a day: the one ending last
 * (open-ended first), then the oldest. */
struct exemption {
	long long id;
	char kind[8];                /* "status", "class" or "person" */
	char status[12];             /* kind "status": the person's status */
	char class_name[101];        /* kind "class" */
	char reason[201];
	char starts_on[11];
	char ends_on[11];            /* "" when open-ended */
};

/* *found false when person_id must check in on `day` ("YYYY-MM-DD");
 * else the exemption that holds, the first in exempt_ranges()' order. */
NEOERR *exempt_find(int person_id, const char *day, struct exemption *ex, bool *found);

/* SQL for a reader that wants the exemptions over a span of days in a
 * statement of its own making (read/calendar.c): the columns, in
 * exempt_fill()'s order, and what they are selected from, binding the
 * span's last day, its first day and the person. */
#define EXEMPT_RANGE_COLUMNS \
	"e.id, e.kind, e.status, cls.name, e.reason, e.starts_on, e.ends_on"
#define EXEMPT_RANGE_FROM \
	"FROM people p JOIN checkin_exemptions e ON " EXEMPT_NAMES \
	" AND e.starts_on <= ? AND (e.ends_on IS NULL OR e.ends_on >= ?) " \
	"LEFT JOIN org_units cls ON cls.id = e.class_id WHERE p.id = ?"

/* *ex from the cursor's columns first .. first + 6 (EXEMPT_RANGE_COLUMNS). */
void exempt_fill(DB_CURSOR *c, int first, struct exemption *ex);

/* Pure: whether a comes before b in exempt_ranges()' order. */
bool exempt_before(const struct exemption *a, const struct exemption *b);

/* The exemptions naming person_id on some day from `from` to `to`
 * ("YYYY-MM-DD"), open-ended first, then by the latest end, then the
 * oldest: at most `max` into ex[], *n of them (n == max: maybe more). */
NEOERR *exempt_ranges(int person_id, const char *from, const char *to,
		      struct exemption *ex, int max, int *n);

/* Pure: the first of ex[0..n) that holds on `day`, NULL for none: with
 * ex[] from exempt_ranges() over days that include `day`, what
 * exempt_find() answers for that day. */
const struct exemption *exempt_pick(const struct exemption *ex, int n, const char *day);

/* A new exemption: kind "status" (status set), "class" (class_id) or
 * "person" (person_id); ends_on NULL or "" for open-ended. */
struct exempt_new {
	const char *kind;
	const char *status;
	long long class_id;
	long long person_id;
	const char *reason;
	const char *starts_on;
	const char *ends_on;
};

/* Stores it, made by actor a now, with its audit row (exempt.add) in one transaction; *id the
 * new row's. HC_ERR_BADREQ for a kind without its target, an unknown
 * class or person, or a range that ends before it starts. */
NEOERR *exempt_add(const struct actor *a, const struct exempt_new *x, long long *id);

/* Ends an exemption now (it applies no more, and stays listed) with its
 * audit row (exempt.end). HC_ERR_NOTFOUND for no such exemption,
 * HC_ERR_CONFLICT when it was already ended. */
NEOERR *exempt_end(const struct actor *a, long long id);

#endif
