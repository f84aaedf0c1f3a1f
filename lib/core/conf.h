/*
 * conf.h - the process-wide configuration: conf/healthcard.hdf, or the
 * file $HEALTHCARD_CONF names (which #includes it and overrides), read
 * once when a process starts. Reading it also sets the process's time
 * zone (Time.Zone), so that every day and clock is the school's.
 */
#ifndef HC_CONF_H
#define HC_CONF_H

#include <ClearSilver.h>

/* Reads the configuration and sets TZ; once per process. */
NEOERR *conf_load(void);

/* The whole data set, for a subtree (Return.Quiz); NULL before
 * conf_load(). */
HDF *conf_hdf(void);

/* One value, or def when it is not set (or before conf_load()). */
const char *conf_str(const char *name, const char *def);
int conf_int(const char *name, int def);

/* Policy.StreakDays as the card counts it: 1 to POLICY_STREAK_MAX,
 * POLICY_STREAK_DAYS when not set (core/policydefaults.h): the default of the
 * rule in force, which lives in the database (domain/policy.h). */
int conf_streak_days(void);

/* Replaces "{days}" in every value below tree by days: the texts that
 * name the number (the configured return notice and quiz) say what the
 * card counts. The rule changes while a process runs: the caller fills a
 * request's copy (return.c), never the configuration itself. */
NEOERR *conf_fill_days(HDF *tree, int days);

/* The same in one text of at most n bytes, in place. */
void conf_text_days(char *text, size_t n, int days);

#endif
