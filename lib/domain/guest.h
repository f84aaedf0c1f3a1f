/*
 * guest.h - 无账号人员 (seed 004's 外籍教师申报; visiting staff): people the
 * school has no account for, in a counselor's group, declared for by
 * the group's collector (采集员) when their situation changes.
 *
 * A group is a counselor's: the counselor adds people to it, and may name
 * colleagues (by 工号, with an account) as its collectors, who then add
 * and declare for it too. Nobody else acts on a group's people; the
 * school admin and the college's reviewer see them (their figures count
 * them), read-only.
 *
 * A declaration is the daily report's fields (report_form), filed by the
 * collector for that person on a day (guest_reports, declared_by). Seed
 * 004: none is needed while nothing changes, so nobody without an account
 * is ever "unreported"; the dashboard shows them on a line of their own.
 */
#ifndef HC_GUEST_H
#define HC_GUEST_H

#include "core/actor.h"
#include "core/err.h"
#include "domain/checkin.h"
#include "core/outcome.h"

#include <ClearSilver.h>
#include <stdbool.h>

/* "foreign_teacher", "visiting_staff", "other", NULL. */
extern const char *const guest_kinds[];

struct guest_new {
	int group;                   /* the counselor's person id */
	const char *name, *kind, *id_type, *id_number, *nationality;
};

/* Adds a person to a group the actor collects for, audited (guest.add).
 * Refused with the field at fault: an ID number that fails its type's
 * rules (out->msg the idnum.err.* key), one already added (field
 * id_number), an unknown kind or type. out->forbidden: not the actor's
 * group. out->id the new guest. */
NEOERR *guest_add(const struct actor *a, const struct guest_new *g, struct outcome *out);

/* May the actor add to and declare for the group of counselor `group`:
 * that counselor, or a collector they named. */
NEOERR *guest_may_collect(const struct actor *a, int group, bool *may);

/* A guest as the declaration form shows them. */
struct guest_row {
	int id, group, college_id;
	char name[65], kind[20], id_type[16], id_number[21], nationality[65];
};
/* *found false for none. */
NEOERR *guest_load(int id, struct guest_row *g, bool *found);

/* The guest's latest declaration before `day`, for the form's values;
 * *found false for none. */
NEOERR *guest_last_report(int guest, int day, struct report *rep, bool *found);

/* Declares for the guest on `day` what the form gave, replacing that
 * day's declaration if there is one (the latest counts, seed 004), with
 * the audit row guest.declare (detail: the day, the flags; a replaced
 * one's old values). HC_ERR_FORBIDDEN when the actor may not collect for
 * the guest's group, HC_ERR_NOTFOUND for no such guest. *flags the
 * anomaly flags (checkin.h). */
NEOERR *guest_declare(const struct actor *a, int guest, int day, const struct report *rep,
		      unsigned *flags);

/* The counselor names a collector by number (an enabled account, not
 * themself): out->field "number" when refused. Audited (collector.name). */
NEOERR *guest_collector_name(const struct actor *a, const char *number, struct outcome *out);
/* And takes it back: out->not_found when there was none. Audited
 * (collector.revoke). */
NEOERR *guest_collector_revoke(const struct actor *a, int collector, struct outcome *out);

#endif
