/*
 * hcremind.c - 每日上报提醒 at the school admin's times (/notices), for cron
 * or a systemd timer (conf/hc-remind.cron, conf/hc-remind.{service,timer}):
 *
 *   hc-remind               the slot due now: the latest at or before the
 *                           time of day; nothing before the first slot
 *   hc-remind --slot HH:MM  that slot of today (one the admin set)
 *
 * reminds everyone still unreported today (exempt people excepted), in
 * the app and through the outbox, and tells each counselor how many of
 * theirs are missing (lib/domain/remind.h). At most once per person, day
 * and slot: run it every few minutes, or twice by mistake, and nothing
 * is sent twice. One line on stdout says what it did. Exit status: 0 done
 * (or nothing due), 1 the database failed, 2 bad options or configuration.
 * Uses the pages' configuration ($HEALTHCARD_CONF) and database user.
 */
#include "web/app.h"
#include "core/conf.h"
#include "core/days.h"
#include "core/lang.h"
#include "domain/notice.h"
#include "domain/remind.h"
#include "read/notices.h"

#include <stdio.h>
#include <string.h>

static int usage(void)
{
	fprintf(stderr, "usage: hc-remind [--slot HH:MM]\n");
	return 2;
}

int main(int argc, char **argv)
{
	const char *want = NULL;
	char now[20], day[11], slot[6] = "";
	struct remind_result res;
	bool found = false;
	NEOERR *err;

	if (argc == 3 && !strcmp(argv[1], "--slot") && notice_minute_parse(argv[2]) >= 0)
		want = argv[2];
	else if (argc != 1)
		return usage();
	err = app_init_tool();
	if (err == STATUS_OK)
		err = lang_load(conf_str("Paths.Templates", "templates"));
	if (err) {
		nerr_log_error(err);
		return 2;
	}
	clock_now(now);
	snprintf(day, sizeof day, "%.10s", now);
	if (want) {
		HDF *slots = NULL;

		err = hdf_init(&slots);
		if (err == STATUS_OK)
			err = remind_slots_load(slots, "S");
		for (HDF *s = err ? NULL : hdf_get_child(slots, "S"); s; s = hdf_obj_next(s))
			if (notice_minute_parse(hdf_get_value(s, "at", "")) == notice_minute_parse(want)) {
				snprintf(slot, sizeof slot, "%s", hdf_get_value(s, "at", ""));
				found = true;
			}
		hdf_destroy(&slots);
		if (err == STATUS_OK && !found) {
			fprintf(stderr, "hc-remind: %s is not a reminder time (set them on /notices)\n", want);
			return 2;
		}
	} else {
		err = remind_slot_due(now, slot, &found);
	}
	if (err == STATUS_OK && !found) {
		printf("hc-remind: %s: no reminder time due yet today\n", day);
		return 0;
	}
	if (err == STATUS_OK)
		err = remind_run(day, slot, &res);
	if (err) {
		nerr_log_error(err);
		return 1;
	}
	printf("hc-remind: %s %s: %llu people reminded, %llu counselors told\n", day, slot,
	       res.people, res.counselors);
	return 0;
}
