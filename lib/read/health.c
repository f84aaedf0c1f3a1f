/*
 * health.c - see health.h.
 */
#include "read/health.h"
#include "core/db.h"

#include <stdio.h>

void health_check(struct health *h)
{
	NEOERR *err = db_ready(&h->ready, h->why, sizeof h->why);

	if (err != STATUS_OK) {
		NEOERR *e = err;

		while (e && e->next)   /* the innermost message says why */
			e = e->next;
		snprintf(h->why, sizeof h->why, "%s", e && e->desc[0] ? e->desc : "no database");
		h->ready = false;
		nerr_ignore(&err);
	}
}
