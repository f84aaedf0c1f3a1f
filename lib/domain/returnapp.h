/*
 * returnapp.h - the return application (返校申请): the student's steps
 * (quiz, commitment, application, travel legs, evidence) and the two
 * reviews. Each step is refused, with the reason, when the one before it
 * is not done; while a review is pending nothing can be edited.
 */
#ifndef HC_RETURNAPP_H
#define HC_RETURNAPP_H

#include "core/actor.h"
#include "core/err.h"

#include <ClearSilver.h>
#include <stdbool.h>
#include <stddef.h>

#define RET_MAX_LEGS 4
#define RET_MAX_QUIZ 32

/* The given answers (answers[i] to the configured Return.Quiz's question
 * i; NULL: none) checked: wrong[i] set for each wrong one. Returns how
 * many are wrong. */
int ret_quiz_wrong(const char *const answers[RET_MAX_QUIZ], bool wrong[RET_MAX_QUIZ]);

/* Who takes a step, and in which term: the student themself (a), whose
 * audit rows it writes. When a step is out of order it raises
 * HC_ERR_FORBIDDEN and sets refusal to the reason's language-pack key
 * ("return.no.quiz_first"); NULL otherwise. */
struct ret_step {
	const struct actor *a;
	int term;
	const char *refusal;     /* out */
};

/* The application's texts (the four confirmations are the form's). */
struct ret_application {
	const char *reason, *itinerary;
};

/* One travel leg, as checked by the page's form (number may be ""). */
struct ret_leg {
	const char *mode, *number, *day, *from, *to;
};

/* The steps, each in its own transaction with the card's facts. */
NEOERR *ret_pass_quiz(struct ret_step *s);
NEOERR *ret_accept_pledge(struct ret_step *s);
NEOERR *ret_submit_application(struct ret_step *s, const struct ret_application *app);
/* Replaces the legs with legs[0..n) (at most RET_MAX_LEGS). */
NEOERR *ret_save_legs(struct ret_step *s, const struct ret_leg *legs, int n,
		      bool needs_pickup);
/* Writes an upload's bytes into Paths.Uploads named `hex` (their
 * SHA-256 in hex), once: the storage every upload shares (the ID photo's
 * too, domain/photo.h). */
NEOERR *ret_store_file(const char *hex, const unsigned char *data, size_t len);

/* Stores an uploaded file (bytes already read) for `kind`. */
NEOERR *ret_store_upload(struct ret_step *s, const char *kind, const char *filename,
			 const unsigned char *data, size_t len);
NEOERR *ret_submit_evidence(struct ret_step *s);

/* A staff member sets application app's return window (of person, in
 * the audit row, with the old window and the reason); the card's facts
 * with it, in one transaction. */
NEOERR *ret_set_window(const struct actor *a, long long person, long long app,
		       const char *from, const char *until, const char *reason);

/* An uploaded file: whose application it belongs to, its name in
 * Paths.Uploads and its type. */
struct ret_upload {
	int owner;
	char stored_name[401];
	char mime[257];
};
/* Upload id; *found false for none. */
NEOERR *ret_upload_find(long long id, struct ret_upload *u, bool *found);

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
