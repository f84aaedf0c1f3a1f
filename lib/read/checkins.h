/*
 * checkins.h - what a person's own pages read of their days: the latest
 * in-app messages (/card), the day's report, the sent-back days, the
 * basic info and the term's calendar (/checkin), the make-up requests and
 * their history (/makeup), the phone and its confirmation (/phone). Reads
 * only; the caller checks scope first.
 * Lists and whole rows go under `prefix` of `out`, named by their columns
 * (as read/person.h); a single answer is typed.
 */
#ifndef HC_CHECKINS_H
#define HC_CHECKINS_H

#include "core/err.h"

#include <ClearSilver.h>
#include <stdbool.h>

/* The latest in-app messages, newest first (the page puts them in words). */
#define CHECKINS_MESSAGES 5
struct message {
	char kind[33];
	char body[2001];         /* VARCHAR(500): 4 bytes a character at most */
	char at[12];             /* "MM-DD HH:MM" */
};
NEOERR *checkins_messages(int person, struct message out[CHECKINS_MESSAGES], int *n);

/* Was the person's report of `day` sent back (may be filled again)? */
NEOERR *checkins_sent_back(int person, int day, bool *sent_back);

/* The oldest sent-back day other than `day`; *found false for none. */
struct sent_back {
	char day[11];
	char reason[2001];       /* "" for none */
};
NEOERR *checkins_other_sent_back(int person, int day, struct sent_back *sb, bool *found);

/* The report of a day, as the check-in page shows it. */
struct day_report {
	long long id;
	char at[6];              /* HH:MM it was sent */
	char temperature[8];     /* as stored: "36.5" */
	char city[257];
	bool anomaly;
	char anomaly_flags[80];  /* "fever,symptom"; "" for none */
	char anomaly_state[16];  /* "" for none */
	bool is_makeup;
	long long filled_by;     /* 0: the person themself */
	char filler[65];         /* who filled it (代填人): their name; "" for none */
	char verify_reason[2001]; /* "" for none */
	char bulk_by[257];       /* 快速填充: the collector's name, not
				  * confirmed by the person; "" for none */
};
/* The person's report of `day`; *found false for none. */
NEOERR *checkins_day(int person, int day, struct day_report *rep, bool *found);

/* Has the person given their basic info? */
NEOERR *checkins_has_basic(int person, bool *has);

/* The basic info as stored (domain/checkin.h's basic_form). */
struct basic_row {
	char phone[129];
	char home_address[801];
	char emergency_contact[257];
	char emergency_phone[129];
	bool boarding;
	char dorm[257];          /* "" for none */
	int questions_n;         /* the daily form's active questions (read in
				  * the same statement: none, no statement more) */
};
/* *found false before it is given. */
NEOERR *checkins_basic(int person, struct basic_row *b, bool *found);

/* <prefix>.Term.{id, name, starts_on} (the term of `today`) and
 * <prefix>.Day.<n>.{day, state, filler}: each day of the term up to today
 * (60 at most), latest first, in read/calendar.h's states (done, bulk:
 * filled in bulk, not confirmed by the person, made_up, sent_back, exempt,
 * today, pending, approved or missed); filler: who filled it for them. */
NEOERR *checkins_calendar(HDF *out, const char *prefix, int person, const char *today);

/* <mine>.<n>: the person's make-up requests (100 latest) with who decided
 * and who holds them; <history>.<n>: their audit rows, oldest first. */
NEOERR *checkins_makeups(HDF *out, const char *mine, const char *history, int person);

/* Has `day` (YYYY-MM-DD) an approved make-up request, to fill? */
NEOERR *checkins_makeup_approved(int person, const char *day, bool *approved);

/* <prefix>.{phone, confirmed, confirmed_at, pending, pending_phone,
 * expires_at, attempts_left} for person. */
NEOERR *phone_load(HDF *out, const char *prefix, int person);

#endif
