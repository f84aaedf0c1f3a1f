/*
 * outcome.h - the answer a rule gives (the school's administration: org.h,
 * people.h, account.h; the collector's tools), which a page maps to its
 * words (form_refused(), lib/web/form.h); and the scope they check on the
 * actor (core/actor.h: a page passes its session's, a command-line tool
 * one of its own, person 0). Plain data: no rule and no request.
 */
#ifndef HC_OUTCOME_H
#define HC_OUTCOME_H

#include "core/actor.h"
#include "core/err.h"

#include <stdbool.h>

/* May act on the whole school. */
static inline bool actor_school_admin(const struct actor *a)
{
	return (a->roles & R_ADMIN) != 0;
}

/* What a rule decided. ok false: nothing was written; field names the
 * form field at fault ("" for the form as a whole) and msg the language
 * key of the reason. forbidden: the actor may not act there at all (a
 * college admin outside their college): the page answers 403. */
struct outcome {
	bool ok;
	bool forbidden;
	bool not_found;
	const char *field;
	const char *msg;
	long long id;             /* the row made or changed */
	long long n;              /* rows moved (a merge), and the like */
};

/* A refusal: nothing written, the field at fault and the reason's key. */
static inline void outcome_refuse(struct outcome *out, const char *field, const char *msg)
{
	out->ok = false;
	out->field = field;
	out->msg = msg;
}

/* A refusal when cond holds; returns cond. A transaction's step reads
 *     if (err || outcome_refuse_if(x->out, below, "", "org.err.in_use_below"))
 *             return nerr_pass(err);
 * err comes first: a query that failed decides nothing. */
static inline bool outcome_refuse_if(struct outcome *out, bool cond, const char *field,
				     const char *msg)
{
	if (cond)
		outcome_refuse(out, field, msg);
	return cond;
}

/* A rule's transaction ended in err: a unique key taken meanwhile
 * (HC_ERR_CONFLICT, another form sent at once) is the refusal field and
 * msg, not an error. Returns err, or STATUS_OK for the refusal. */
static inline NEOERR *outcome_conflict(NEOERR *err, struct outcome *out, const char *field,
				       const char *msg)
{
	if (nerr_match(err, HC_ERR_CONFLICT)) {
		nerr_ignore(&err);
		outcome_refuse(out, field, msg);
	}
	return err;
}

/* Nothing written: the thing acted on is not there (the page answers 404). */
static inline void outcome_not_found(struct outcome *out)
{
	out->ok = false;
	out->not_found = true;
}

/* Nothing written: the actor may not act there at all (403). */
static inline void outcome_forbidden(struct outcome *out)
{
	out->ok = false;
	out->forbidden = true;
}

/* Pure: may the actor act on things of college_id (0: of no college)? */
static inline bool actor_may_college(const struct actor *a, int college_id)
{
	return actor_school_admin(a) ||
	       (a->admin_college_id != 0 && a->admin_college_id == college_id);
}

/* The thing acted on, of college_id (0: of no college): not there (404)
 * or not the actor's to act on (403) ends the rule. Returns whether it
 * does: a transaction's step reads
 *     if (err || outcome_out_of_reach(x->out, x->a, found, college))
 *             return nerr_pass(err); */
static inline bool outcome_out_of_reach(struct outcome *out, const struct actor *a, bool found,
					int college_id)
{
	if (!found)
		outcome_not_found(out);
	else if (!actor_may_college(a, college_id))
		outcome_forbidden(out);
	else
		return false;
	return true;
}

#endif
