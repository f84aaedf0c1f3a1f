/*
 * policy.h - the school's rules that change with the epidemic (issue 21):
 * the fever threshold, the check-ins asked for before the return day, the
 * make-up limits and the summary deadline. Kept in the database (table
 * policies, sql/022_policies.sql; a NULL column is the configuration's
 * Policy.* value) and read by each request that applies one, so that a
 * change made on /policy holds from the next request on every host.
 *
 * A change to the fever threshold judges again today's reports that no one
 * has decided on yet (anomaly_state none or open): those that cross the new
 * threshold open an anomaly (in the review queue, the card red), those
 * whose only flag was a fever below it close theirs. Earlier days and
 * decided reports keep their verdict. The check-in reads the threshold with
 * a shared lock in its transaction, so no report is judged by a threshold
 * that is being replaced. The other numbers are read where they apply and
 * change no stored fact: the streak is counted when a card is computed.
 */
#ifndef HC_POLICY_RULES_H
#define HC_POLICY_RULES_H

#include "core/actor.h"
#include "core/err.h"

#include <stdbool.h>

struct policy {
	int fever_tenths;          /* 373: 37.3 °C; 360 .. 400 */
	int streak_days;           /* 1 .. POLICY_STREAK_MAX */
	int makeup_days_back;      /* 0: any past day of the term; else 1 .. 365 */
	int makeup_per_term;       /* 0: no limit; else 1 .. 366 */
	char summary_deadline[6];  /* "HH:MM" */
	int questions_n;           /* the daily form's active questions
				    * (domain/question.h keeps it); not set
				    * by policy_apply() */
};

/* The configuration's values (Policy.*, conf/healthcard.hdf). */
void policy_defaults(struct policy *p);

/* The rules in force: the stored row over the configuration's values. */
NEOERR *policy_load(struct policy *p);

/* The same inside a transaction, with a shared lock on the row: a change
 * of the rules waits for the transaction, and it for the change. */
NEOERR *policy_load_locked(struct policy *p);

/* The first field of p out of its bounds, by its form name, or NULL.
 * Pure. */
const char *policy_bad_field(const struct policy *p);

/* Minutes after midnight of "HH:MM" (-1 when it is not one). Pure. */
int policy_minutes(const char *hhmm);

/* A report of `today` whose verdict a new threshold changes. */
struct fever_change {
	long long report_id;
	int person_id;
	int temp_tenths;
	unsigned flags_before, flags_after;  /* enum anomaly_flag bits (domain/checkin.h) */
	bool opens;              /* no anomaly before, one after */
	bool closes;             /* an open anomaly before, none after */
	int other_open_day;      /* the person's oldest other open anomaly; 0 none */
};

/* The undecided reports of `today` whose fever flag differs under
 * fever_tenths, ordered by person; the caller frees *out. lock: inside
 * the transaction that changes them (FOR UPDATE). The preview and the
 * change both list them here. */
NEOERR *policy_fever_changes(int today, int fever_tenths, bool lock,
			     struct fever_change **out, int *n);

/* What a change did, for the page. */
struct policy_effect {
	int reports_opened, reports_closed, reports_reflagged;
	int fevers_cleared;      /* door fevers (policy_reset_cards()) */
	bool changed;            /* false: the values were those in force */
};

/* Stores p as the rules in force, with today's reports judged again when
 * the threshold changed (their queue items and card facts with them), and
 * one audit row (policy.change) with the old and the new values; one
 * transaction. */
NEOERR *policy_apply(const struct actor *a, const struct policy *p, int today,
		     struct policy_effect *out);

/* The end of a wave: every open anomaly closed (cleared, with the reason
 * as the verifier's words, by the actor), their queue items decided, the
 * card facts with them, an audit row per report (anomaly.clear) and one for
 * the reset (policy.close_anomalies); one transaction. Reports sent back
 * stay the students' to re-submit. out->reports_closed: how many. */
NEOERR *policy_close_anomalies(const struct actor *a, const char *reason,
			       struct policy_effect *out);

/* What a close or a reset would clear now: the open anomalies, and when
 * fevers is not NULL the open door fevers (the records those lock). */
NEOERR *policy_open_counts(long long *anomalies, long long *fevers);

/* The states a bulk reset returns every card to (policy_reset_cards()). */
enum card_reset {
	/* What the check-ins and the reviews say: every red hold an admin may
	 * lift is lifted: the open anomalies closed and the fevers measured
	 * at a building's entrance not yet cleared are cleared, with the
	 * reason, as their counselor would. Left as they are: a report sent
	 * back (the student's to re-submit: a false report is not erased) and
	 * a positive central test (a laboratory's result, lifted only by a
	 * later negative one). */
	CARD_RESET_CHECKINS
};

/* Every card returned to `to`: for CARD_RESET_CHECKINS what
 * policy_close_anomalies() does, and every open door fever cleared
 * (passages.fever_state, their queue items decided, card_facts.door_fever
 * with them), an audit row per fever (door_fever.clear) and one for the
 * reset (policy.reset_cards, with the counts before and after); one
 * transaction. out->reports_closed, out->fevers_cleared: how many. */
NEOERR *policy_reset_cards(const struct actor *a, enum card_reset to, const char *reason,
			   struct policy_effect *out);

/* A new term (terms) opened with the rules in force copied to it
 * (term_policies: the numbers and the active questions) and a card row
 * for everyone (card_facts); one transaction, audited (policy.open_term,
 * the old: none, the new: the term, its rules and its cards).
 * HC_ERR_CONFLICT when the name is taken. */
struct term_open {
	const char *name;        /* 1..64 characters */
	const char *starts_on, *ends_on;   /* YYYY-MM-DD, ends_on >= starts_on */
	/* out */
	int term_id;
	int cards;               /* card rows made */
};
NEOERR *policy_open_term(const struct actor *a, struct term_open *t);

#endif
