/*
 * health.h - whether this web host can serve, for a load balancer's
 * health check (cgi-bin/healthz.c): its page processes reach a database
 * node that serves (on a Galera cluster, a synced member of the primary
 * component; core/db.c's DB.Fallback nodes included).
 */
#ifndef HC_HEALTH_H
#define HC_HEALTH_H

#include <stdbool.h>

struct health {
	bool ready;
	char why[200];   /* the node's state, or why there is no node */
};

/* Never fails: a database that cannot be reached is a "not ready". */
void health_check(struct health *h);

#endif
