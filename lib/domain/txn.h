/*
 * txn.h - a rule's transaction on one row, by an actor: the body gets the
 * actor, the row's id, the rule's own input and output and the time of the
 * attempt, so a rule on a row declares no context struct of its own and
 * reads the clock in one place. Retried as a whole on deadlock (db_txn()).
 */
#ifndef HC_TXN_H
#define HC_TXN_H

#include "core/actor.h"
#include "core/err.h"

struct txn {
	const struct actor *a;
	long long id;          /* the row acted on */
	const void *in;        /* the rule's own input, or NULL */
	void *out;             /* the rule's own output, or NULL */
	char now[20];          /* the attempt's time, "YYYY-MM-DD HH:MM:SS" (Time.Zone) */
};

/* Runs fn in one transaction (db_txn()), now set at each attempt. */
NEOERR *txn_run(NEOERR *(*fn)(struct txn *t), const struct actor *a, long long id,
		const void *in, void *out);

#endif
