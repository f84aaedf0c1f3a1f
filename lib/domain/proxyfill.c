/* proxyfill.c - see proxyfill.h. */
#include "domain/proxyfill.h"
#include "domain/account.h"
#include "domain/audit.h"
#include "domain/checkin.h"
#include "core/db.h"
#include "core/days.h"

#include <stdio.h>
#include <string.h>

const char *const proxy_relations[] = { "roommate", "classmate", "family", "other", NULL };

static bool relation_known(const char *s)
{
	for (int i = 0; s && proxy_relations[i]; i++)
		if (!strcmp(s, proxy_relations[i]))
			return true;
	return false;
}

struct naming {
	const struct actor *a;
	const char *number, *relation;
	long long id;
	struct outcome *out;
};

static NEOERR *name_in_txn(void *ctx)
{
	struct naming *x = ctx;
	long long me = 0, filler = 0, live = 0, same = 0;
	const char *why = NULL;
	char now[20], detail[96];
	NEOERR *err;

	*x->out = (struct outcome){ .ok = true };
	/* The student's own row, locked: two namings sent at once are
	 * counted one after the other, so a third never slips in. */
	err = db_scalar(&me, NULL, "SELECT id FROM people WHERE id = ? FOR UPDATE", "i",
			(long long)x->a->person_id);
	if (err == STATUS_OK)
		err = account_nameable(x->a, x->number, &filler, &why);
	if (err || outcome_refuse_if(x->out, why != NULL, "number", why && !strcmp(why, "self")
								   ? "fillers.err.self" : "fillers.err.number"))
		return nerr_pass(err);
	err = db_scalar(&live, NULL, "SELECT COUNT(*) FROM proxy_fillers WHERE student_id = ? "
			"AND revoked_at IS NULL", "i", (long long)x->a->person_id);
	if (err == STATUS_OK)
		err = db_scalar(&same, NULL, "SELECT COUNT(*) FROM proxy_fillers WHERE student_id = ? "
				"AND filler_id = ? AND revoked_at IS NULL", "ii",
				(long long)x->a->person_id, filler);
	if (err || outcome_refuse_if(x->out, same, "number", "fillers.err.already"))
		return nerr_pass(err);
	if (outcome_refuse_if(x->out, live >= PROXY_MAX_FILLERS, "number", "fillers.err.full"))
		return STATUS_OK;
	clock_now(now);
	err = db_exec(NULL, &x->out->id, "INSERT INTO proxy_fillers (student_id, filler_id, "
		      "relation, named_at) VALUES (?, ?, ?, ?)", "iiss",
		      (long long)x->a->person_id, filler, x->relation, now);
	if (err)
		return nerr_pass(err);
	snprintf(detail, sizeof detail, "filler %lld %s", filler, x->relation);
	return nerr_pass(audit_write(x->a, now, "proxy.name", x->a->person_id, "proxy_filler",
				     x->out->id, detail));
}

NEOERR *proxy_name(const struct actor *a, const char *number, const char *relation,
		   struct outcome *out)
{
	struct naming x = { a, number, relation, 0, out };

	if (!relation_known(relation)) {
		*out = (struct outcome){ 0 };
		outcome_refuse(out, "relation", "form.err.choice");
		return STATUS_OK;
	}
	if (!number || !number[0]) {
		*out = (struct outcome){ 0 };
		outcome_refuse(out, "number", "fillers.err.number");
		return STATUS_OK;
	}
	return nerr_pass(db_txn(name_in_txn, &x));
}

static NEOERR *revoke_in_txn(void *ctx)
{
	struct naming *x = ctx;
	unsigned long long n = 0;
	long long filler = 0;
	char now[20], detail[64];
	bool found;
	NEOERR *err;

	*x->out = (struct outcome){ .ok = true, .id = x->id };
	err = db_scalar(&filler, &found, "SELECT filler_id FROM proxy_fillers WHERE id = ? "
			"AND student_id = ? AND revoked_at IS NULL FOR UPDATE", "ii", x->id,
			(long long)x->a->person_id);
	if (err)
		return nerr_pass(err);
	if (!found) {
		outcome_not_found(x->out);
		return STATUS_OK;
	}
	clock_now(now);
	err = db_exec(&n, NULL, "UPDATE proxy_fillers SET revoked_at = ? WHERE id = ?", "si",
		      now, x->id);
	if (err)
		return nerr_pass(err);
	snprintf(detail, sizeof detail, "filler %lld", filler);
	return nerr_pass(audit_write(x->a, now, "proxy.revoke", x->a->person_id, "proxy_filler",
				     x->id, detail));
}

NEOERR *proxy_revoke(const struct actor *a, long long id, struct outcome *out)
{
	struct naming x = { a, NULL, NULL, id, out };

	return nerr_pass(db_txn(revoke_in_txn, &x));
}

NEOERR *proxy_may_fill(int filler, int student, bool *may)
{
	long long n = 0;
	NEOERR *err = db_scalar(&n, NULL, "SELECT COUNT(*) FROM proxy_fillers WHERE "
				"student_id = ? AND filler_id = ? AND revoked_at IS NULL", "ii",
				(long long)student, (long long)filler);

	*may = n > 0;
	return nerr_pass(err);
}

NEOERR *proxy_fill_still_named(void *ctx, struct report_submission *s)
{
	long long n = 0;
	NEOERR *err;

	(void)ctx;
	err = db_scalar(&n, NULL, "SELECT COUNT(*) FROM proxy_fillers WHERE student_id = ? "
			"AND filler_id = ? AND revoked_at IS NULL LOCK IN SHARE MODE", "ii",
			(long long)s->person_id, (long long)s->filled_by);
	if (err)
		return nerr_pass(err);
	if (n == 0)
		return nerr_raise(HC_ERR_FORBIDDEN, "person %d is no filler of %d any more",
				  s->filled_by, s->person_id);
	return STATUS_OK;
}
