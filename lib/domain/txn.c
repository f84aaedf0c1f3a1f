/* txn.c - see txn.h. */
#include "domain/txn.h"
#include "core/db.h"
#include "core/days.h"

struct run {
	NEOERR *(*fn)(struct txn *t);
	struct txn t;
};

static NEOERR *attempt(void *ctx)
{
	struct run *r = ctx;

	clock_now(r->t.now);
	return nerr_pass(r->fn(&r->t));
}

NEOERR *txn_run(NEOERR *(*fn)(struct txn *t), const struct actor *a, long long id,
		const void *in, void *out)
{
	struct run r = { fn, { .a = a, .id = id, .in = in, .out = out } };

	return nerr_pass(db_txn(attempt, &r));
}
