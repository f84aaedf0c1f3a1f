/*
 * notice.h - 待办 (seed 000: "您有新的任务需要处理"): whoever works a queue
 * item hears of it when it arrives. Each item gives each of them a notice
 * in the app, written by the transaction that opened the item (the caller's:
 * nothing half-written), and, on each channel they chose (短信, 企业微信,
 * mail), a share of one outbox message: the items arriving within
 * Notify.DigestMinutes of the first are counted in that one message, which
 * the outbox holds back (its next_attempt_at) until the window ends, or
 * until the morning when the window ends in the person's quiet hours.
 *
 * Who works an item is the queue's rule (domain/queue.c): the student's
 * counselor for make-ups, anomalies and first reviews, the college's
 * reviewers for second reviews. The school admin, who sees every queue,
 * is not told of each item.
 */
#ifndef HC_NOTICE_H
#define HC_NOTICE_H

#include "core/actor.h"
#include "core/err.h"

#include <ClearSilver.h>
#include <stdbool.h>

/* The channels beyond the app, as outbox.channel holds them. */
extern const char *const notice_channels[];

/* Inside the transaction that opened queue item `item` of `kind` about
 * `student` at `now`: the notices and the digests' outbox rows. */
NEOERR *notice_item_opened(long long item, const char *kind, long long student,
			   const char *now);

/* Pure: the minute of the day (0..1439) a message due at `minute` may go:
 * `minute` itself outside the quiet hours [from, until) (minutes of the
 * day; from > until spans midnight; from == until: no quiet hours), else
 * `until`, with *next_day set when that is the next day. */
int notice_quiet_end(int minute, int from, int until, bool *next_day);

/* "HH:MM" to minutes of the day; -1 when it is not a time. */
int notice_minute_parse(const char *hhmm);

/* Pure: the digest of `now` ("YYYY-MM-DD HH:MM:SS"): when it goes, after
 * digest_minutes and past the quiet hours, as DATETIME text (20 bytes). */
void notice_due_at(const char *now, int digest_minutes, int quiet_from, int quiet_until,
		   char out[20]);

/* A person's choice. */
struct notice_prefs {
	bool channel[3];          /* by notice_channels[] */
	char email[255];
	char quiet_from[6];       /* "HH:MM", "" for the school's */
	char quiet_until[6];
};

/* The person's choice (all off, the school's hours, when never made). */
NEOERR *notice_prefs_load(int person, struct notice_prefs *p);

/* Stores the actor's own choice, audited (notice.prefs). */
NEOERR *notice_prefs_save(const struct actor *a, const struct notice_prefs *p);

/* Marks every notice of the actor's read; *n how many were unread. */
NEOERR *notice_mark_read(const struct actor *a, unsigned long long *n);

#endif
