/*
 * summary.h - a counselor's daily summary (每日汇总): the figures of their
 * group as they stood when submitted, frozen, with the figures they type
 * in and their notes; once a day, each with its audit row.
 */
#ifndef HC_SUMMARY_H
#define HC_SUMMARY_H

#include "core/actor.h"
#include "core/err.h"

#include <ClearSilver.h>
#include <stdbool.h>

/* The figures a counselor types in (seed 004, 3.3: 手动补充部分暂无法通过
 * 组织成员申报信息自动统计得出的数据): what their members' reports cannot
 * give, each a count of people, a non-negative integer:
 *   outside_total      people outside the group the collector also answers
 *                      for (family living on campus, contractors, visitors
 *                      without an account): 组织外人员
 *   outside_abnormal   of them, with a fever or another abnormality
 *   close_contacts     close contacts named by the health authority
 *                      (密切接触者), which no self-report says
 *   central_isolation  in the authority's central medical observation
 *                      (集中隔离医学观察), not a school site
 *   hospitalised       in hospital (住院治疗)
 * X(name) once each: the form, the JSON and the readers' columns. */
#define SUMMARY_HAND(X) X(outside_total) X(outside_abnormal) X(close_contacts) \
	X(central_isolation) X(hospitalised)
#define SUMMARY_HAND_MAX 100000
extern const char *const summary_hand[];  /* the names, ending with NULL */

/* The actor's summary of day (YYYY-MM-DD): names[0..] (ending with NULL)
 * with values[], frozen as a JSON object, the hand-added figures hand[]
 * (in summary_hand's order, each 0 .. SUMMARY_HAND_MAX, else
 * HC_ERR_BADREQ) as another, and notes ("" none); with its audit row, in
 * one transaction. HC_ERR_CONFLICT when the day has one. */
NEOERR *summary_submit(const struct actor *a, const char *day, const char *const names[],
		       const long long values[], const long long hand[], const char *notes);

#endif
