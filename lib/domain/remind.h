/*
 * remind.h - 每日上报提醒 (seed 000) at the times the school admin sets: at
 * each slot, everyone still unreported that day (exempt people excepted:
 * domain/exempt.h) gets one reminder, in the app and through the outbox,
 * and each counselor with students among them is told how many are still
 * missing. At most once per person, day and slot (scheduled_reminders'
 * key): a run repeated, or two at once, sends nothing twice. Run by
 * build/hc-remind from cron or a systemd timer (conf/hc-remind.*).
 */
#ifndef HC_REMIND_H
#define HC_REMIND_H

#include "core/actor.h"
#include "core/err.h"

#include <ClearSilver.h>
#include <stdbool.h>

/* What a batch of reminders just recorded sends, in its transaction: an
 * in-app message to each (the day, rendered in the reader's language) and
 * an outbox row in the language pack's words (notify_text). The rows of
 * `batch` in scheduled_reminders (the admin's times, below) or, with
 * scheduled false, in reminders (a counselor's, from the dashboard). */
NEOERR *remind_notify_batch(bool scheduled, const char *batch, const char *day,
			    const char *now);

/* A slot at "HH:MM", audited; *dup when it exists already. */
NEOERR *remind_slot_add(const struct actor *a, const char *hhmm, bool *dup);

/* Removes the slot, audited; *found false when there was none. */
NEOERR *remind_slot_remove(const struct actor *a, const char *hhmm, bool *found);

/* The slot due at `now` ("YYYY-MM-DD HH:MM:SS"): the latest at or before
 * its time of day, into slot ("HH:MM"); *found false before the first. */
NEOERR *remind_slot_due(const char *now, char slot[6], bool *found);

struct remind_result {
	unsigned long long people;      /* reminded now */
	unsigned long long counselors;  /* told how many of theirs are missing */
};

/* Reminds for `slot` ("HH:MM") of `day` ("YYYY-MM-DD") everyone not yet
 * reminded for it, in one transaction. */
NEOERR *remind_run(const char *day, const char *slot, struct remind_result *res);

#endif
