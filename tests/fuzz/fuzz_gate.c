/*
 * fuzz_gate.c - libFuzzer harness for the gate's parsers of outside input
 * (lib/domain/gate.c): the card QR's token as a gate phone hands it to /scan?t=,
 * and the gate's printed code as a student's phone opens /scan/gate/CODE.
 *
 * Beyond "no crash": a token that passes decodes to a person id > 0 issued
 * within the allowed minute, and making a token for that person at that
 * time under the same key with another nonce gives another token that
 * passes too; a code that passes names the gate it was asked about.
 */
#include "domain/gate.h"

#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NOW 1790000000LL

static unsigned char key[GATE_KEY_BYTES], pk[TOKEN_PK_BYTES], sk[TOKEN_SK_BYTES];

/* With FUZZ_GATE_SEEDS=DIR, writes good tokens and codes under the
 * harness's key into DIR first: mutations of them reach the checks past
 * the signature, which random bytes never do. */
static void write_seeds(const char *dir)
{
	char path[4096], tok[GATE_TOKEN_MAX + 1], code[GATE_CODE_LEN + 1];
	FILE *f;

	for (int i = 0; i < 4; i++) {
		struct gate_token c = { .person_id = 1 + i * 977, .state = i,
					.number = "2020000001", .name = "张三" };
		gate_token_make(sk, &c, NOW - i * 20, (unsigned long)i, tok);
		snprintf(path, sizeof path, "%s/token%d", dir, i);
		if ((f = fopen(path, "w")) != NULL) {
			fputs(tok, f);
			fclose(f);
		}
		gate_code_make(key, 1 + i, 1, code);
		snprintf(path, sizeof path, "%s/code%d", dir, i);
		if ((f = fopen(path, "w")) != NULL) {
			fputs(code, f);
			fclose(f);
		}
	}
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *seeds = getenv("FUZZ_GATE_SEEDS");

	(void)argc;
	(void)argv;
	if (sodium_init() < 0)
		abort();
	memset(key, 7, sizeof key);
	token_keypair(key, pk, sk);
	if (seeds)
		write_seeds(seeds);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	struct gate_token t;
	int id;

	if (s == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	if (gate_token_check(pk, s, NOW, &t) == TOKEN_OK) {
		char again[GATE_TOKEN_MAX + 1];
		struct gate_token t2;

		if (t.person_id <= 0 || t.issued_at > NOW + GATE_TOKEN_SKEW ||
		    NOW - t.issued_at > GATE_TOKEN_TTL)
			abort();
		gate_token_make(sk, &t, t.issued_at, 12345, again);
		if (gate_token_check(pk, again, NOW, &t2) != TOKEN_OK ||
		    t2.person_id != t.person_id || t2.state != t.state ||
		    strcmp(t2.name, t.name) || strcmp(t2.number, t.number))
			abort();
	}
	id = gate_code_gate_id(s);
	if (id < 0)
		abort();
	if (gate_code_ok(key, s, id ? id : 1, 1) && gate_code_gate_id(s) != (id ? id : 1))
		abort();
	free(s);
	return 0;
}
