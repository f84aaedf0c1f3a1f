/*
 * pass.h - the building pass's rules (健康出入证, seed 003 三), pure as
 * gate.h's: the pass QR's signed token and the verdict an entrance's scan
 * gives. No I/O, no clock: the key, the time and the facts are arguments,
 * so both are unit-tested on tables of cases.
 *
 * The token is the shared codec's (domain/token.h, kind 'P', Ed25519)
 * with a body of 13 bytes:
 *   person (4 bytes, big-endian) | building (4) | entrance (4)
 *   | direction (1: 0 in, 1 out)
 * (a booking's code: the booking's id in place of the entrance).
 * Signed with a key of its own (not the card's), good for GATE_TOKEN_TTL
 * seconds as the card's code, and drawn anew on the page every 30 s.
 */
#ifndef HC_PASS_H
#define HC_PASS_H

#include "domain/card.h"
#include "domain/gate.h"

#include <stdbool.h>

#define PASS_TOKEN_LEN 138    /* characters, without the NUL */

enum pass_direction { PASS_IN, PASS_OUT };

struct pass_token {
	int person_id;
	long long issued_at;
	int building_id;
	int entrance_id;
	enum pass_direction direction;
	unsigned char mac[GATE_MAC_BYTES]; /* identifies the code: one passage each */
};

/* Writes the token (PASS_TOKEN_LEN + 1 bytes); nonce: randombytes_random(). */
void pass_token_make(const unsigned char sk[TOKEN_SK_BYTES], const struct pass_token *p,
		     long long now, unsigned long nonce, char out[PASS_TOKEN_LEN + 1]);

/* Checks a token as of `now`, as gate_token_check(): *t is filled whenever
 * the signature is good. */
enum gate_token_status pass_token_check(const unsigned char pk[TOKEN_PK_BYTES],
					const char *token, long long now,
					struct pass_token *t);

/*
 * Who holds a building pass: a person whose return is complete (a blue
 * card), or one who never needed a return application (staff who are not
 * on the term's roster). A red card holds none. Pure.
 */
bool pass_holder(const char *identity, const struct card_facts *f,
		 const struct card_verdict *card);

/* An approved temporary pass (临时出入, domain/temppass.h) for the
 * building: none, one whose window holds now, one still to come, or only
 * ones over already. */
enum pass_temp { PASS_TEMP_NONE, PASS_TEMP_NOW, PASS_TEMP_NOT_YET, PASS_TEMP_OVER };

/* What the entrance knows when the pass is scanned. */
struct pass_scan {
	int station_entrance;        /* the scanning device's entrance */
	const struct pass_token *t;
	bool holder;                 /* pass_holder() now */
	bool red;                    /* the card is red now */
	bool may_enter;              /* the building admits the person's groups */
	int temperature_tenths;      /* at the door; 0: not measured */
	int fever_tenths;            /* Policy.FeverCelsius x 10 */
	enum pass_temp temp;         /* a temporary pass for the building */
};

/*
 * The verdict: the code must be for this entrance; going out is always let
 * through (nobody is kept inside; the passage keeps "who is in" right);
 * going in needs a pass, no red card, a building that admits the person
 * (or, for either, a temporary pass whose window holds now: one outside
 * its window says so), and a temperature below the fever threshold (a fever: SCAN_DENY,
 * SCAN_FEVER, which the caller records as an anomaly). A temperature is
 * asked for going in: without one the answer is SCAN_ALLOW with
 * *needs_temperature set (the page asks for it, nothing is recorded).
 */
void pass_decide(const struct pass_scan *s, struct scan_verdict *out, bool *needs_temperature);

/* "in" / "out", and back (-1 for anything else). */
const char *pass_direction_name(enum pass_direction d);
int pass_direction_of(const char *name);

/* A temperature as typed ("36.5", "37"), in tenths of a degree; 0 when
 * it is not one between 30.0 and 45.0 with at most one decimal. */
int pass_temperature_tenths(const char *s);

#endif
