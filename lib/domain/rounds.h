/*
 * rounds.h - 午晚检 (seed 000's 防控填报): temperature rounds beside the
 * daily report, at noon and in the evening, each switched on by the school
 * admin with its window. A round is a short report (temperature, symptoms)
 * once per person, day and round, after the day's daily report; a fever
 * or a symptom in it opens that report's anomaly as the daily report
 * does (the card turns red, the counselor verifies it in the queue, and
 * hears of it: domain/notice.h). Rounds never block the card: the day
 * counts as done with the daily report.
 */
#ifndef HC_ROUNDS_H
#define HC_ROUNDS_H

#include "core/actor.h"
#include "core/err.h"
#include "domain/scope.h"

#include <ClearSilver.h>
#include <stdbool.h>

#define ROUNDS 2
/* "noon", "evening", NULL. */
extern const char *const round_names[];

struct round_conf {
	bool enabled;
	char opens[6], closes[6];    /* "HH:MM" */
};

/* The admin's settings, by round_names[]. */
NEOERR *rounds_load(struct round_conf out[ROUNDS]);
/* Stores them, audited (round.settings). */
NEOERR *rounds_save(const struct actor *a, const struct round_conf in[ROUNDS]);

/* Pure: is the round open at `minute` of the day (opens <= minute < closes)? */
bool round_open_at(const struct round_conf *r, int minute);

enum round_outcome {
	ROUND_DONE,          /* stored */
	ROUND_CLOSED,        /* switched off, or outside its window */
	ROUND_NO_DAILY,      /* today's daily report first */
	ROUND_ALREADY        /* reported already */
};

/* The actor's own round report of today: temp_tenths (365 = 36.5 °C) and
 * the symptoms. One transaction: the report, the anomaly it opens, the
 * audit row. *anomaly: whether it was abnormal. */
NEOERR *round_submit(const struct actor *a, int round, int temp_tenths, bool fever,
		     bool cough, bool diarrhoea, enum round_outcome *o, bool *anomaly);

#endif
