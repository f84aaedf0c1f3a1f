/*
 * hcpurge.c - hc-purge: deletes or anonymises what is past its retention
 * (lib/domain/purge.h), in small batches, and prints the report it stores
 * (the school admin reads it on /policy). Run by cron or a systemd timer
 * (conf/hc-purge.cron, conf/hc-purge.service and .timer), with
 * $HEALTHCARD_CONF naming the configuration.
 *
 *   hc-purge             purge; the report stored and printed
 *   hc-purge --dry-run   the same report, nothing deleted
 *
 * One line a kind and term: kind, term, the rule (days after the term's
 * end), rows, files. Exit status 0, 1 on an error, 2 on a bad argument.
 */
#include "web/app.h"
#include "core/conf.h"
#include "core/days.h"
#include "domain/purge.h"

#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	static struct purge_report rep;
	struct retention r;
	struct passwd *pw = getpwuid(getuid());
	char by[64];
	bool dry = argc == 2 && !strcmp(argv[1], "--dry-run");
	NEOERR *err;

	if (argc > 2 || (argc == 2 && !dry)) {
		fprintf(stderr, "usage: hc-purge [--dry-run]\n");
		return 2;
	}
	snprintf(by, sizeof by, "hc-purge %s", pw ? pw->pw_name : "?");
	err = app_init_tool();
	if (err == STATUS_OK)
		err = retention_load(&r);
	if (err == STATUS_OK)
		err = purge_run(&r, day_today(), dry, true, by,
				conf_str("Paths.Uploads", "/var/lib/healthcard/uploads"), &rep);
	if (err) {
		nerr_log_error(err);
		return 1;
	}
	printf("purge run %lld%s\n", rep.run_id, dry ? " (dry run: nothing deleted)" : "");
	for (int i = 0; i < rep.n; i++)
		printf("%s\t%s\t%d\t%lld\t%lld\n", purge_kinds[rep.line[i].kind],
		       rep.line[i].term_name, rep.line[i].rule_days, rep.line[i].rows,
		       rep.line[i].files);
	return 0;
}
