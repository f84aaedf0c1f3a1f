/*
 * proxyfill.h - 代填人 named by the student (seed 004: 代他人申报, the
 * filler's name shown next to the member's in every list). A student
 * names at most PROXY_MAX_FILLERS people by their number (学号/工号),
 * each with an account: a roommate, a classmate, a relative who studies
 * or works here. A relative without an account could not log in, and a
 * report must be attributable to a person who did log in. The named
 * filler may fill the student's report of today, as a counselor's 代填
 * (daily_reports.filled_by; audited report.proxy_fill); the student may
 * revoke a naming at any time, and it holds no more from the next
 * request on. Naming and revoking are audited (proxy.name, proxy.revoke).
 */
#ifndef HC_PROXYFILL_H
#define HC_PROXYFILL_H

#include "core/actor.h"
#include "core/err.h"
#include "core/outcome.h"

#include <ClearSilver.h>
#include <stdbool.h>

#define PROXY_MAX_FILLERS 2

/* "roommate", "classmate", "family", "other", NULL. */
extern const char *const proxy_relations[];

/* The actor names the person numbered `number` as their filler. Refused
 * (out->ok false, out->field "number" or "relation") for an unknown
 * number, one without an enabled account, oneself, one named already, a
 * third while two hold, or an unknown relation. out->id the naming. */
NEOERR *proxy_name(const struct actor *a, const char *number, const char *relation,
		   struct outcome *out);

/* The actor revokes their naming `id`: out->not_found when it is not
 * theirs or is revoked already. */
NEOERR *proxy_revoke(const struct actor *a, long long id, struct outcome *out);

/* May `filler` fill `student`'s report now? */
NEOERR *proxy_may_fill(int filler, int student, bool *may);

/* For report_submission.also: inside the report's transaction, the
 * naming read again with a lock, so a revocation that committed first
 * refuses the fill (HC_ERR_FORBIDDEN, nothing stored). ctx: the
 * struct report_submission itself is passed as s. */
struct report_submission;
NEOERR *proxy_fill_still_named(void *ctx, struct report_submission *s);

#endif
