/*
 * policypreview.h - what a change of the rules (domain/policy.h) would do
 * today, before it is made: every card of the term computed with the rules
 * in force and with the new ones (card_state(), the one rule), the reports
 * of today judged again by the new threshold (the same list policy_apply()
 * changes: policy_fever_changes()), counted by change, by college, with a
 * sample of the people. Its counts are the change's effect: the cards it
 * counts are the cards the pages compute after it.
 */
#ifndef HC_POLICYPREVIEW_H
#define HC_POLICYPREVIEW_H

#include "core/err.h"
#include "domain/policy.h"

#include <ClearSilver.h>

#define PREVIEW_SAMPLE 20

/* Into out under prefix: .Term, .Cards (cards computed), .Changed (cards
 * whose state changes), .Recoloured (whose colour changes),
 * .ReportsOpened, .ReportsClosed; .Move.<n>.From / .To (state names),
 * .FromTitle / .ToTitle (in lang), .Count; .College.<n>.Name / .Changed /
 * .Opened; .Sample.<n>.Id / .Name / .Number / .College / .From / .To /
 * .FromTitle / .ToTitle / .ToColour (at most
 * PREVIEW_SAMPLE people, by number). lang names the states. */
NEOERR *policy_preview(HDF *out, const char *prefix, const char *lang,
		       const struct policy *now, const struct policy *next, int today);

/* The same for closing every open anomaly (policy_close_anomalies()):
 * the cards with no open anomaly, .ReportsClosed the open reports. */
NEOERR *policy_preview_close(HDF *out, const char *prefix, const char *lang,
			     const struct policy *now, int today);

/* The same for returning every card to its check-ins
 * (policy_reset_cards()): no open anomaly and no open door fever;
 * .ReportsClosed, .FeversCleared what it clears. */
NEOERR *policy_preview_reset(HDF *out, const char *prefix, const char *lang,
			     const struct policy *now, int today);

/* The same for a new term starting on starts_on (policy_open_term()):
 * .Cards the card rows it makes (one per person), .College.<n>.Cards by
 * college, and each card of today against the new term's on its first
 * day (no roster, application or arrival in it yet). */
NEOERR *policy_preview_term(HDF *out, const char *prefix, const char *lang,
			    const struct policy *now, int today, int starts_on);

#endif
