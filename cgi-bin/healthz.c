/*
 * healthz.c - /healthz, for a load balancer in front of several web hosts.
 *
 *   GET /healthz  200 "ready: ..." when this host reaches a database node
 *                 that serves (on a Galera cluster: synced, in the primary
 *                 component); 503 "not ready: ..." otherwise
 *
 * Not a page: no session, no template, no menu; plain text, never cached.
 * It connects as the pages do (DB.Socket or DB.Host, then DB.Fallback.N),
 * so it answers for them. One statement per poll on an open connection:
 * cheap enough to be asked every second (make bench-cluster).
 */
#include "core/conf.h"
#include "core/db.h"

#include <fcgiapp.h>
#include <stdio.h>

static void answer(FCGX_Request *req)
{
	char why[200];
	bool ready = false;
	NEOERR *err = db_ready(&ready, why, sizeof why);

	if (err != STATUS_OK) {
		NEOERR *e = err;

		while (e && e->next)   /* the innermost message says why */
			e = e->next;
		snprintf(why, sizeof why, "%s", e && e->desc[0] ? e->desc : "no database");
		nerr_ignore(&err);
	}
	FCGX_FPrintF(req->out, "Status: %s\r\nContent-Type: text/plain; charset=utf-8\r\n"
		     "Cache-Control: no-store\r\n\r\n%s: %s\n",
		     ready ? "200 OK" : "503 Service Unavailable",
		     ready ? "ready" : "not ready", why);
}

int main(void)
{
	FCGX_Request req;
	NEOERR *err = conf_load();

	if (err != STATUS_OK) {
		nerr_log_error(err);
		nerr_ignore(&err);
		return 1;
	}
	FCGX_Init();
	FCGX_InitRequest(&req, 0, 0);
	while (FCGX_Accept_r(&req) >= 0) {
		answer(&req);
		FCGX_Finish_r(&req);
	}
	return 0;
}
