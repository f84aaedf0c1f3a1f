/*
 * scantoken.c - card QR tokens as the card page makes them, for the HTTP
 * tests and the benchmark (a gate phone needs fresh codes for thousands of
 * students). Reads the site's key like the pages do ($HEALTHCARD_CONF).
 *
 *   scantoken [--at UNIX_SECONDS] [--other-key] PERSON_ID...
 *   scantoken [--at ...] [--other-key] --pass BUILDING ENTRANCE in|out PERSON_ID...
 *   scantoken --booking BUILDING BOOKING_ID PERSON_ID
 *   scantoken --gate-code GATE_ID SERIAL
 *
 * --pass makes building passes (domain/pass.h) as /pass/qr does, for that
 * building, entrance and direction.
 * One token per line. --at back-dates (or post-dates) the tokens;
 * --other-key signs with a key that is not the site's (a forgery).
 * A card's token says the card's state, number and name as the card page
 * computes them now (the database of $HEALTHCARD_CONF); --state NAME
 * (card_state_name: abnormal, may_return, ...) says another state.
 */
#include "web/app.h"
#include "domain/gate.h"
#include "domain/pass.h"
#include "read/cardfacts.h"
#include "core/days.h"
#include "web/sess.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int main(int argc, char **argv)
{
	unsigned char key[GATE_KEY_BYTES], pk[TOKEN_PK_BYTES], sk[TOKEN_SK_BYTES];
	const char *state = NULL;
	long long at = (long long)time(NULL);
	bool other = false;
	struct pass_token pass = { 0 };
	int i = 1;
	NEOERR *err = app_init_tool();

	if (err == STATUS_OK)
		err = sess_init();
	if (err) {
		nerr_log_error(err);
		return 1;
	}
	if (argc == 5 && !strcmp(argv[1], "--booking")) {
		/* A booking's code as /booking/qr makes it. */
		struct pass_token b = { .person_id = atoi(argv[4]), .building_id = atoi(argv[2]),
					.entrance_id = atoi(argv[3]) };
		char tok[PASS_TOKEN_LEN + 1];
		sess_signkey("booking", pk, sk);
		pass_token_make(sk, &b, at, randombytes_random(), tok);
		puts(tok);
		return 0;
	}
	if (argc == 4 && !strcmp(argv[1], "--gate-code")) {
		char code[GATE_CODE_LEN + 1];
		sess_subkey("gatecode", key);
		gate_code_make(key, atoi(argv[2]), atoi(argv[3]), code);
		puts(code);
		return 0;
	}
	for (; i < argc && !strncmp(argv[i], "--", 2); i++) {
		if (!strcmp(argv[i], "--at") && i + 1 < argc)
			at = atoll(argv[++i]);
		else if (!strcmp(argv[i], "--state") && i + 1 < argc)
			state = argv[++i];
		else if (!strcmp(argv[i], "--other-key"))
			other = true;
		else if (!strcmp(argv[i], "--pass") && i + 3 < argc) {
			pass.building_id = atoi(argv[++i]);
			pass.entrance_id = atoi(argv[++i]);
			pass.direction = !strcmp(argv[++i], "out") ? PASS_OUT : PASS_IN;
		} else {
			fprintf(stderr, "usage: scantoken [--at UNIX] [--other-key] PERSON_ID...\n");
			return 2;
		}
	}
	sess_signkey(other ? "not-the-scan-key" : pass.entrance_id ? "pass" : "scan", pk, sk);
	for (; pass.entrance_id && i < argc; i++) {
		char tok[PASS_TOKEN_LEN + 1];
		pass.person_id = atoi(argv[i]);
		pass_token_make(sk, &pass, at, randombytes_random(), tok);
		puts(tok);
	}
	for (; i < argc; i++) {
		char tok[GATE_TOKEN_MAX + 1];
		struct gate_token t = { .person_id = atoi(argv[i]) };
		struct card_info ci;
		struct card_verdict v;
		int today = day_today();

		/* The card as the card page computes it (a person who does
		 * not exist: a token for nobody, as a forger would make). */
		err = card_facts_load(t.person_id, today, &ci);
		if (err == STATUS_OK) {
			card_state(&ci.facts, today, ci.streak_days, &v);
			t.state = (int)v.state;
			snprintf(t.number, sizeof t.number, "%s", ci.number);
			snprintf(t.name, sizeof t.name, "%s", ci.name);
		} else {
			nerr_ignore(&err);
			t.state = CARD_MAY_RETURN;
		}
		for (int s = 0; state && s < CARD_STATE_COUNT; s++)
			if (!strcmp(card_state_name((enum card_state)s), state))
				t.state = s;
		gate_token_make(sk, &t, at, randombytes_random(), tok);
		puts(tok);
	}
	return 0;
}
