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

/* The type of an evidence file from its first bytes; NULL if not allowed. */
const char *ret_sniff_type(const unsigned char *data, size_t len);

/* A review decision on the application behind queue item `item`:
 * decision "approve", "send_back" or (second review only) "reject".
 * HC_ERR_CONFLICT when the item or the application changed meanwhile;
 * HC_ERR_BADREQ for a window missing or inverted on a first approval. */
NEOERR *ret_decide(struct req *r, long long item, long long app_id, bool second,
		   const char *decision, const char *reason,
		   const char *allowed_from, const char *allowed_until);

#endif
