/*
 * quickfill.h - 快速填充未报数据 (seed 004, 3.2): a counselor fills today's
 * report of the members of their group who have not reported, each from
 * their own last report, after a page that lists who.
 *
 * Per member, one transaction (report_submit() with .bulk): the report,
 * its card facts and its audit row (report.bulk_fill) commit together or
 * not at all. It is an insert-if-absent under the row lock of the
 * member's reports: a member who checked in meanwhile keeps their report
 * (counted as reported), and a member who checks in after gets theirs in
 * place of the copy. A member without an earlier report, or whose last
 * report is abnormal (a fever or a quarantine is for them to say, not a
 * copy), is skipped and counted.
 */
#ifndef HC_QUICKFILL_H
#define HC_QUICKFILL_H

#include "core/actor.h"
#include "core/err.h"

struct quickfill_result {
	int filled;          /* reports stored */
	int reported;        /* had reported meanwhile: left as they are */
	int no_report;       /* no earlier report to copy */
	int abnormal;        /* the last report is abnormal */
	int outside;         /* not a member of the group (a stale page) */
};

/* Fills `day` (today) for persons ids[0..n) of the actor's group: their
 * students, of class_id unless 0. */
NEOERR *quickfill_run(const struct actor *a, int class_id, const long long ids[], int n,
		      int day, struct quickfill_result *res);

#endif
