/*
 * question.h - the daily form's optional questions (issue 21): what the
 * school admin asks beside the fixed fields of the report (report_questions,
 * sql/024_daily_questions.sql), their rules, and their changes.
 *
 * A question has a type, is required or not, and has its text (and a
 * choice its options) in both languages. It is added, retired or moved,
 * never edited, so an answer keeps the meaning of what was asked; a
 * retired question's answers stay (read/questions.h shows them). Each
 * change is one transaction that takes the policies row's lock first and
 * keeps policies.questions_n, which the check-in reads with the threshold:
 * 0 there, and no statement more is spent on questions.
 *
 * The form's field of question N is named "q<N>".
 */
#ifndef HC_QUESTION_H
#define HC_QUESTION_H

#include "core/actor.h"
#include "core/err.h"
#include "core/formdef.h"

#include <stdbool.h>

#define QUESTION_MAX 20          /* active at once */
#define QUESTION_OPTIONS_MAX 10  /* a choice's options */
#define QUESTION_LABEL_MAX 200   /* characters */
#define QUESTION_OPTION_MAX 60   /* characters, each option */
#define QUESTION_TEXT_MAX 100    /* characters of a text answer */
#define QUESTION_NUMBER_MAX 12   /* characters of a number answer */

enum question_kind { QK_YESNO, QK_CHOICE, QK_NUMBER, QK_TEXT };

/* Its stored name ("yesno", ...), and back (-1 when none). */
const char *question_kind_name(enum question_kind k);
int question_kind_parse(const char *s);

/* What validating an answer needs. */
struct question {
	int id;
	enum question_kind kind;
	bool required;
	int noptions;            /* a choice's; 0 otherwise */
};

/* The message key of what is wrong with value as an answer to q (NULL or
 * "" is no answer), or NULL when it is good. Pure. */
const char *question_answer_error(const struct question *q, const char *value);

/* A bad answer: its field ("q12") and the message's language-pack key. */
struct question_bad {
	char field[16];
	const char *msg;
};

/* Each answer read through get ("q<id>") checked against q[0..n); the bad
 * ones into bad[] (at most QUESTION_MAX); returns how many. Pure. */
int question_check(const struct question *q, int n, form_get_fn get, void *ctx,
		   struct question_bad bad[QUESTION_MAX]);

/* The active questions, in order, into q[QUESTION_MAX]. */
NEOERR *question_load_active(struct question q[QUESTION_MAX], int *n);

/* Inside the check-in's transaction: the answers of report_id stored (a
 * replaced report's old ones deleted first), those given only. */
NEOERR *question_store_answers(long long report_id, const struct question *q, int n,
			       form_get_fn get, void *ctx, bool replace);

/* A new question, as the admin gave it. Options: one a line, as many in
 * both languages (a choice has 2 .. QUESTION_OPTIONS_MAX). */
struct question_new {
	enum question_kind kind;
	bool required;
	const char *label_zh, *label_en;
	const char *options_zh, *options_en;   /* "" unless a choice */
};

/* The field of qn that is wrong, by its form name ("options_en"), with
 * the message key in *msg; NULL when it is good. Pure. */
const char *question_new_bad(const struct question_new *qn, const char **msg);

/* Lines of s (options), counted; blank lines do not count. Pure. */
int question_option_count(const char *s);

/* Adds it after the last active one; *id its id. HC_ERR_CONFLICT when
 * QUESTION_MAX are active. One audited transaction (question.add). */
NEOERR *question_add(const struct actor *a, const struct question_new *qn, int *id);

/* Retires an active question (question.retire, with what it was);
 * HC_ERR_NOTFOUND when it is not an active one. */
NEOERR *question_retire(const struct actor *a, int id);

/* Moves an active question one place up (up) or down among the active
 * ones (question.move, with the old and new order); at the end already:
 * nothing. HC_ERR_NOTFOUND when it is not an active one. */
NEOERR *question_move(const struct actor *a, int id, bool up);

#endif
