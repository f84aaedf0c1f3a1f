/*
 * gate.h - the gate's rules, pure: the card QR's signed token and the
 * verdict a scan gives. No I/O, no clock: the key and the time are
 * arguments, so both are unit-tested on tables of cases and every caller
 * (the scan endpoint, the gate's printed code, the dorm) agrees.
 *
 * The token (domain/token.h, kind 'C') is signed with Ed25519, so the
 * gate phone can verify it without the server; its body says what the
 * phone needs to decide offline:
 *   person id (4 bytes, big-endian) | card state at signing (1)
 *   | number's length (1) | number (at most GATE_NUMBER_MAX bytes)
 *   | name (the rest: at most GATE_NAME_MAX bytes of UTF-8, cut short)
 * About 100 bytes, 160 base32 characters for a student. A token is good
 * for GATE_TOKEN_TTL seconds after it was issued, so a screenshot is
 * useless; the card draws a new one about every 30 seconds. Online, the
 * gate computes the card anew whatever the token says.
 */
#ifndef HC_GATE_H
#define HC_GATE_H

#include <stdbool.h>
#include <stddef.h>

#include "domain/card.h"
#include "domain/token.h"

#define GATE_TOKEN_TTL TOKEN_TTL   /* seconds a token is accepted */
#define GATE_TOKEN_SKEW TOKEN_SKEW /* a phone's clock may run this far ahead */
#define GATE_TOKEN_MAX TOKEN_TEXT_MAX /* characters, without the NUL */
#define GATE_MAC_BYTES TOKEN_ID_BYTES /* a token's identity (a hash of it) */
#define GATE_KEY_BYTES 32          /* the printed gate code's HMAC key */
#define GATE_NUMBER_MAX 20
#define GATE_NAME_MAX 24

struct gate_token {
	int person_id;
	long long issued_at;
	int state;                         /* enum card_state at signing */
	char number[33];                   /* cut to GATE_NUMBER_MAX in the token */
	char name[65];                     /* cut to GATE_NAME_MAX, at a character */
	unsigned char mac[GATE_MAC_BYTES]; /* identifies the token: replays */
};

/* Writes the token for t (person_id, state, number, name; a longer name
 * is cut at a character) issued at `now`; nonce: randombytes_random()
 * (an argument, to keep this pure). */
void gate_token_make(const unsigned char sk[TOKEN_SK_BYTES], const struct gate_token *t,
		     long long now, unsigned long nonce, char out[GATE_TOKEN_MAX + 1]);

/* Checks a token as of `now`; fills *t whenever the signature is good
 * (also for TOKEN_EXPIRED, so the answer can say whose code it was). */
enum gate_token_status gate_token_check(const unsigned char pk[TOKEN_PK_BYTES],
					const char *token, long long now,
					struct gate_token *t);

/*
 * The gate's printed code (the inverse scan: the student's phone opens
 * it): "<gate id>-<22 characters>", the characters a MAC of the gate's id
 * and serial, so a new serial voids every earlier print and nothing needs
 * storing. GATE_CODE_LEN + 1 bytes with the NUL, at most.
 */
#define GATE_CODE_LEN 40
void gate_code_make(const unsigned char key[GATE_KEY_BYTES], int gate_id,
		    int serial, char out[GATE_CODE_LEN + 1]);
/* Reads the gate id out of a code; 0 when it is not shaped like one. */
int gate_code_gate_id(const char *code);
/* True when code is the gate's code under this serial. */
bool gate_code_ok(const unsigned char key[GATE_KEY_BYTES], const char *code,
		  int gate_id, int serial);

/* Where the scan happens: the campus gate (报到), a dorm (入宿), or a
 * building's entrance (the building pass, domain/pass.h). */
enum gate_kind { GATE_KIND_GATE, GATE_KIND_DORM, GATE_KIND_ENTRANCE };

/* gates.kind as stored ("gate", "dorm", "entrance"), and back (NULL or
 * anything else: the campus gate). */
const char *gate_kind_name(enum gate_kind k);
enum gate_kind gate_kind_of(const char *name);

enum scan_result {
	SCAN_ALLOW,    /* record the arrival / move-in now */
	SCAN_ALREADY,  /* recorded before: say when and where, record nothing */
	SCAN_DENY
};

/* Why a scan is denied (or already done); names in gate_reason_name(). */
enum scan_reason {
	SCAN_OK,
	SCAN_UNKNOWN_DEVICE,   /* not an enrolled device, or a revoked one */
	SCAN_BAD_CODE,         /* malformed or forged token */
	SCAN_EXPIRED_CODE,     /* too old (or from the future) */
	SCAN_REPLAYED,         /* this very code already recorded a scan */
	SCAN_NOT_ON_ROSTER,
	SCAN_NOT_APPROVED,     /* no approved application */
	SCAN_ABNORMAL,         /* an open anomaly in the check-ins */
	SCAN_CHECKINS_MISSING, /* the 14-day streak is incomplete */
	SCAN_WINDOW_NOT_OPEN,
	SCAN_WINDOW_CLOSED,
	SCAN_ARRIVED,          /* SCAN_ALREADY at the gate */
	SCAN_MOVED_IN,         /* SCAN_ALREADY at the dorm */
	SCAN_NOT_ARRIVED,      /* dorm: the gate has not recorded the arrival */
	SCAN_NOT_BOARDER,      /* dorm: a day student */
	SCAN_JUST_ADMITTED,    /* SCAN_ALREADY: this very code was admitted */
	/* The building pass (domain/pass.h). */
	SCAN_NOT_HERE,         /* a card's code at an entrance, a pass at the gate */
	SCAN_WRONG_ENTRANCE,   /* the pass names another entrance */
	SCAN_NO_PASS,          /* the return is not complete: no building pass */
	SCAN_NOT_ALLOWED,      /* a restricted building the person is not listed for */
	SCAN_FEVER,            /* the temperature at the door is a fever */
	SCAN_TEMP_NOT_YET,     /* a temporary pass whose window has not opened */
	SCAN_TEMP_OVER,        /* a temporary pass whose window is over */
	SCAN_BOOKING_TOO_EARLY,/* a booking scanned well before its start */
	SCAN_BOOKING_LAPSED,   /* not checked in within the grace */
	SCAN_BOOKING_DONE,     /* ended or cancelled */
	SCAN_REASON_COUNT
};

struct scan_verdict {
	enum scan_result result;
	enum scan_reason reason;
};

/*
 * The verdict for a student whose card, computed now, is `card` (with the
 * facts it was computed from). At the gate only a green "may return" card
 * is let in; at the dorm a boarder who came through the gate and has not
 * moved in yet (blue "move-in pending", or green "may return (boarder)"
 * after turning boarder); at a building's entrance nobody (a card's code
 * is not a building pass). Pure.
 */
void gate_decide(enum gate_kind kind, const struct card_facts *f,
		 const struct card_verdict *card, struct scan_verdict *out);

/*
 * The gate offline. The phone, without the server, shows ALLOW for a
 * token whose card was green ("may return") when it was signed, DENY for
 * any other: gate_offline_result(). Uploaded later, the scan is checked by
 * the server: gate_offline_flag() says why its own rules would have
 * refused an ALLOW (SCAN_OK: they agree): the token's age at the time the
 * phone claims to have scanned (status: gate_token_check() as of that
 * time), a claimed time later than now, or `server`, the verdict of the
 * card as the stored facts give it on the scan's day. Pure.
 */
enum scan_result gate_offline_result(const struct gate_token *t);
/* Why a card in state s keeps the student out at the gate. */
enum scan_reason gate_state_reason(enum card_state s);
enum scan_reason gate_offline_flag(enum gate_token_status at_scan, long long scanned_at,
				   long long now, const struct scan_verdict *server);

/* The reason for a token that failed its check. */
enum scan_reason gate_token_reason(enum gate_token_status s);

/* Stable names: language-pack keys (scan.why.<name>) and tests. */
const char *gate_reason_name(enum scan_reason r);
const char *gate_result_name(enum scan_result r);

#endif
