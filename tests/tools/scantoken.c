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
 */
#include "web/app.h"
#include "domain/gate.h"
#include "domain/pass.h"
#include "web/sess.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int main(int argc, char **argv)
{
	unsigned char key[GATE_KEY_BYTES];
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
		sess_subkey("booking", key);
		pass_token_make(key, &b, at, randombytes_random(), tok);
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
	sess_subkey(other ? "not-the-scan-key" : pass.entrance_id ? "pass" : "scan", key);
	for (; pass.entrance_id && i < argc; i++) {
		char tok[PASS_TOKEN_LEN + 1];
		pass.person_id = atoi(argv[i]);
		pass_token_make(key, &pass, at, randombytes_random(), tok);
		puts(tok);
	}
	for (; i < argc; i++) {
		char tok[GATE_TOKEN_LEN + 1];
		gate_token_make(key, atoi(argv[i]), at, randombytes_random(), tok);
		puts(tok);
	}
	return 0;
}
