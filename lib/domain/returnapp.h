/*
 * returnapp.h - the return application (返校申请): the student's steps
 * (quiz, commitment, application, travel legs, evidence) and the two
 * reviews. Each step is refused, with the reason, when the one before it
 * is not done; while a review is pending nothing can be edited.
 */
#ifndef HC_RETURNAPP_H
#define HC_RETURNAPP_H

#include "web/app.h"

#define RET_MAX_LEGS 4

/* The current term and the student's roster entry and application, into
 * Return.*; *term_id 0 when there is no current term. */
NEOERR *ret_load(struct req *r, int person, int *term_id, bool *on_roster);

/* Checks Query.q0.. against the configured quiz; marks each wrong answer
 * in Return.Wrong.<n>; returns how many are wrong. */
int ret_quiz_wrong(struct req *r);

/* The steps. Each raises HC_ERR_FORBIDDEN with Return.Refusal set (a
 * language-pack key) when it is out of order. */
NEOERR *ret_pass_quiz(struct req *r, int person, int term);
NEOERR *ret_accept_pledge(struct req *r, int person, int term);
NEOERR *ret_submit_application(struct req *r, int person, int term);
NEOERR *ret_save_legs(struct req *r, int person, int term);
/* Stores an uploaded file (bytes already read) for `kind`. */
NEOERR *ret_store_upload(struct req *r, int person, int term, const char *kind,
			 const char *filename, const unsigned char *data, size_t len);
NEOERR *ret_submit_evidence(struct req *r, int person, int term);

/* A staff member sets application app's return window (of person, in
 * the audit row, with the old window and the reason); the card's facts
 * with it, in one transaction. */
NEOERR *ret_set_window(const struct actor *a, long long person, long long app,
		       const char *from, const char *until, const char *reason);

/* The type of an evidence file from its first bytes; NULL if not allowed. */
const char *ret_sniff_type(const unsigned char *data, size_t len);

/* What moves an application from one state to the next: the student's
 * two submissions and the reviews' verdicts (domain/review.c). */
enum ret_event {
	RET_APPLY,            /* the application (after quiz and pledge) */
	RET_FIRST_APPROVE,    /* with the return window */
	RET_FIRST_SEND_BACK,
	RET_EVIDENCE,         /* travel legs and files: edited, then submitted */
	RET_SECOND_APPROVE,
	RET_SECOND_REJECT,
	RET_SECOND_SEND_BACK
};

/* One transition: from state (and sent-back stage, NULL: any), on event,
 * to state (and stage, NULL: none). */
struct ret_transition {
	const char *from, *from_stage;
	enum ret_event event;
	const char *to, *to_stage;
};

/* Every transition of return_applications.state; ends with a zeroed
 * entry. The steps and the reviews read it, and so does its test. */
extern const struct ret_transition ret_transitions[];

/* The transition from (state, stage) on event; NULL when the event is not
 * taken there. stage "" or NULL: none. Pure. */
const struct ret_transition *ret_next(const char *state, const char *stage,
				      enum ret_event event);

/* May a first review approve with the return window [from, until]? Both
 * days valid, in order, and not over by today. Pure. */
bool ret_window_ok(const char *from, const char *until, int today);

#endif
