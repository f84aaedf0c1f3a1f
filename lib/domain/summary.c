/* summary.c - see summary.h. */
#include "domain/summary.h"
#include "domain/audit.h"
#include "core/db.h"
#include "core/days.h"

#include <stdio.h>

#define AS_NAME(n) #n,

const char *const summary_hand[] = { SUMMARY_HAND(AS_NAME) NULL };

struct submit_ctx {
	const struct actor *a;
	const char *day, *figures, *hand, *notes;
};

static NEOERR *submit_in_txn(void *arg)
{
	struct submit_ctx *x = arg;
	char now[20];
	NEOERR *err;

	clock_now(now);
	err = db_exec(NULL, NULL,
		"INSERT INTO daily_summaries (counselor_id, day, submitted_at, figures, hand_figures, "
		" notes) VALUES (?, ?, ?, ?, ?, NULLIF(?, ''))", "isssss",
		(long long)x->a->person_id, x->day, now, x->figures, x->hand, x->notes);
	if (err)
		return nerr_pass(err);
	return nerr_pass(audit_write(x->a, now, "summary.submit", 0, "daily_summaries", 0, x->day));
}

/* {"name":value,...} of names[0..NULL) into json (string_init()ed). */
static NEOERR *json_object(STRING *json, const char *const names[], const long long values[])
{
	NEOERR *err = string_append(json, "{");

	for (int i = 0; err == STATUS_OK && names[i]; i++)
		err = string_appendf(json, "%s\"%s\":%lld", i ? "," : "", names[i], values[i]);
	if (err == STATUS_OK)
		err = string_append(json, "}");
	return nerr_pass(err);
}

NEOERR *summary_submit(const struct actor *a, const char *day, const char *const names[],
		       const long long values[], const long long hand[], const char *notes)
{
	struct submit_ctx x = { a, day, NULL, NULL, notes };
	STRING json, hjson;
	NEOERR *err;

	for (int i = 0; summary_hand[i]; i++)
		if (hand[i] < 0 || hand[i] > SUMMARY_HAND_MAX)
			return nerr_raise(HC_ERR_BADREQ, "%s: %lld out of range", summary_hand[i],
					  hand[i]);
	string_init(&json);
	string_init(&hjson);
	err = json_object(&json, names, values);
	if (err == STATUS_OK)
		err = json_object(&hjson, summary_hand, hand);
	x.figures = json.buf;
	x.hand = hjson.buf;
	if (err == STATUS_OK)
		err = db_txn(submit_in_txn, &x);
	string_clear(&json);
	string_clear(&hjson);
	return nerr_pass(err);
}
