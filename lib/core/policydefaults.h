/*
 * policydefaults.h - the defaults of the school's policy numbers, for the rule
 * that counts them (domain/card.h) and for the configuration that sets
 * them (core/conf.h: Policy.*): stated once, with no ClearSilver.
 */
#ifndef HC_POLICY_DEFAULTS_H
#define HC_POLICY_DEFAULTS_H

#define POLICY_STREAK_DAYS 14   /* Policy.StreakDays when not set */
#define POLICY_STREAK_MAX 60    /* the longest counted: the stored mask holds 64 days */

#endif
