/*
 * phone.h - the person's phone, confirmed once (HNU binds it at the first
 * login, seed 002). With an SMS gateway behind the outbox (conf
 * Phone.Gateway = 1), the person asks for a short code sent to the number
 * they typed and enters it: the code is six digits, kept as a hash only,
 * valid Phone.CodeMinutes (10), Phone.MaxAttempts (5) tries, one new code
 * a minute at most. Without a gateway, an admin (the school's, or a
 * college admin for their college) confirms the stored number by hand.
 * Every step is audited (phone.code_sent, phone.confirm,
 * phone.confirm_by_hand, phone.code_wrong); people.phone is the number
 * given, people.phone_confirmed the one confirmed.
 */
#ifndef HC_PHONE_H
#define HC_PHONE_H

#include "core/actor.h"
#include "core/err.h"
#include "core/outcome.h"

#include <ClearSilver.h>
#include <stdbool.h>

/* Is an SMS gateway configured (Phone.Gateway)? */
bool phone_gateway(void);

/* A mainland mobile number: 11 digits, 1[3-9]xxxxxxxxx. Pure. */
bool phone_valid(const char *phone);

/* Whether person's stored phone is the confirmed one. */
NEOERR *phone_is_confirmed(int person, bool *confirmed);

/* The actor asks for a code for phone: stored as their phone (not yet
 * confirmed), the code queued in the outbox. Refused: field phone
 * (phone.err.format), "" (phone.err.no_gateway, phone.err.too_soon). */
NEOERR *phone_send_code(const struct actor *a, const char *phone, struct outcome *out);

/* The actor enters the code. Refused (field code): phone.err.no_code,
 * phone.err.expired, phone.err.attempts, phone.err.wrong (the attempt
 * counted and audited). */
NEOERR *phone_confirm_code(const struct actor *a, const char *code, struct outcome *out);

/* An admin confirms person's stored phone by hand. Refused:
 * phone.err.none (no phone stored); forbidden outside a college admin's
 * college; not_found. */
NEOERR *phone_confirm_by_hand(const struct actor *a, int person, struct outcome *out);

#endif
