/*
 * test_pass.c - the building pass's pure rules (lib/domain/pass.c): the
 * pass QR's token (round trip, tampering, another key, age), who holds a
 * pass, the entrance's verdict on a table of cases, and the temperature
 * as typed at the door.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <sodium.h>
#include <stdbool.h>
#include <string.h>

#include "domain/pass.h"
#include "domain/temppass.h"

static unsigned char key[GATE_KEY_BYTES], other_key[GATE_KEY_BYTES];
static unsigned char pk[TOKEN_PK_BYTES], sk[TOKEN_SK_BYTES];
static unsigned char other_pk[TOKEN_PK_BYTES], other_sk[TOKEN_SK_BYTES];
#define NOW 1790000000LL

static int setup(void **state)
{
	(void)state;
	if (sodium_init() < 0)
		return -1;
	memset(key, 7, sizeof key);
	memset(other_key, 8, sizeof other_key);
	token_keypair(key, pk, sk);
	token_keypair(other_key, other_pk, other_sk);
	return 0;
}

static void token_round_trip(void **state)
{
	struct pass_token p = { .person_id = 4242, .building_id = 7, .entrance_id = 19,
				.direction = PASS_OUT }, t;
	char tok[PASS_TOKEN_LEN + 1], tok2[PASS_TOKEN_LEN + 1];

	(void)state;
	pass_token_make(sk, &p, NOW, 99, tok);
	assert_int_equal(strlen(tok), PASS_TOKEN_LEN);
	assert_int_equal(pass_token_check(pk, tok, NOW + 10, &t), TOKEN_OK);
	assert_int_equal(t.person_id, 4242);
	assert_int_equal(t.building_id, 7);
	assert_int_equal(t.entrance_id, 19);
	assert_int_equal(t.direction, PASS_OUT);
	assert_int_equal(t.issued_at, NOW);
	/* Another nonce: another code, another identity for replays. */
	pass_token_make(sk, &p, NOW, 100, tok2);
	assert_string_not_equal(tok, tok2);
	/* Age and clocks. */
	assert_int_equal(pass_token_check(pk, tok, NOW + GATE_TOKEN_TTL + 1, &t), TOKEN_EXPIRED);
	assert_int_equal(t.person_id, 4242);
	assert_int_equal(pass_token_check(pk, tok, NOW - GATE_TOKEN_SKEW - 1, &t), TOKEN_FROM_FUTURE);
	/* Another key, an altered direction, a truncated code. */
	assert_int_equal(pass_token_check(other_pk, tok, NOW, &t), TOKEN_BAD_SIGNATURE);
	for (size_t i = 0; i < PASS_TOKEN_LEN - 1; i++) {
		char bad[PASS_TOKEN_LEN + 1];
		memcpy(bad, tok, sizeof bad);
		bad[i] = bad[i] == 'A' ? 'B' : 'A';
		assert_int_not_equal(pass_token_check(pk, bad, NOW, &t), TOKEN_OK);
	}
	tok[PASS_TOKEN_LEN - 1] = '\0';
	assert_int_equal(pass_token_check(pk, tok, NOW, &t), TOKEN_MALFORMED);
	assert_int_equal(pass_token_check(pk, NULL, NOW, &t), TOKEN_MALFORMED);
	/* A card's code is not a pass. */
	{
		char card[GATE_TOKEN_MAX + 1];
		struct gate_token c = { .person_id = 4242, .state = CARD_MAY_RETURN };
		gate_token_make(sk, &c, NOW, 1, card);
		assert_int_not_equal(pass_token_check(pk, card, NOW, &t), TOKEN_OK);
	}
}

static void holders(void **state)
{
	struct card_facts f = { .on_roster = true };
	struct card_verdict blue = { .colour = COLOUR_BLUE }, red = { .colour = COLOUR_RED },
		green = { .colour = COLOUR_GREEN }, grey = { .colour = COLOUR_GREY };

	(void)state;
	assert_true(pass_holder("undergrad", &f, &blue));
	assert_false(pass_holder("undergrad", &f, &green)); /* not returned yet */
	assert_false(pass_holder("undergrad", &f, &red));
	assert_false(pass_holder("staff", &f, &grey));      /* rostered staff (返岗) */
	f.on_roster = false;
	assert_true(pass_holder("staff", &f, &grey));       /* never needed a return */
	assert_false(pass_holder("staff", &f, &red));
	assert_false(pass_holder("undergrad", &f, &grey));
}

static void verdicts(void **state)
{
	static const struct {
		int entrance;            /* the station's */
		enum pass_direction dir;
		bool holder, red, may;
		int temp;
		enum pass_temp tp;
		enum scan_result result;
		enum scan_reason reason;
		bool ask;
	} cases[] = {
		{ 19, PASS_IN, true, false, true, 0, PASS_TEMP_NONE, SCAN_ALLOW, SCAN_OK, true },
		{ 19, PASS_IN, true, false, true, 365, PASS_TEMP_NONE, SCAN_ALLOW, SCAN_OK, false },
		{ 19, PASS_IN, true, false, true, 372, PASS_TEMP_NONE, SCAN_ALLOW, SCAN_OK, false },
		{ 19, PASS_IN, true, false, true, 373, PASS_TEMP_NONE, SCAN_DENY, SCAN_FEVER, false },
		{ 19, PASS_IN, true, false, true, 390, PASS_TEMP_NONE, SCAN_DENY, SCAN_FEVER, false },
		{ 20, PASS_IN, true, false, true, 365, PASS_TEMP_NONE, SCAN_DENY, SCAN_WRONG_ENTRANCE, false },
		{ 20, PASS_OUT, true, false, true, 0, PASS_TEMP_NONE, SCAN_DENY, SCAN_WRONG_ENTRANCE, false },
		{ 19, PASS_IN, false, true, true, 365, PASS_TEMP_NONE, SCAN_DENY, SCAN_ABNORMAL, false },
		{ 19, PASS_IN, false, false, true, 365, PASS_TEMP_NONE, SCAN_DENY, SCAN_NO_PASS, false },
		{ 19, PASS_IN, true, false, false, 365, PASS_TEMP_NONE, SCAN_DENY, SCAN_NOT_ALLOWED, false },
		{ 19, PASS_IN, true, false, false, 0, PASS_TEMP_NONE, SCAN_DENY, SCAN_NOT_ALLOWED, false },
		/* A temporary pass: inside its window it stands for the pass and
		 * the listing; outside it, says so; never for a red card. */
		{ 19, PASS_IN, true, false, false, 365, PASS_TEMP_NOW, SCAN_ALLOW, SCAN_OK, false },
		{ 19, PASS_IN, false, false, true, 365, PASS_TEMP_NOW, SCAN_ALLOW, SCAN_OK, false },
		{ 19, PASS_IN, false, false, false, 0, PASS_TEMP_NOW, SCAN_ALLOW, SCAN_OK, true },
		{ 19, PASS_IN, true, false, false, 365, PASS_TEMP_NOT_YET, SCAN_DENY, SCAN_TEMP_NOT_YET, false },
		{ 19, PASS_IN, true, false, false, 365, PASS_TEMP_OVER, SCAN_DENY, SCAN_TEMP_OVER, false },
		{ 19, PASS_IN, true, false, true, 365, PASS_TEMP_OVER, SCAN_ALLOW, SCAN_OK, false },
		{ 19, PASS_IN, false, true, false, 365, PASS_TEMP_NOW, SCAN_DENY, SCAN_ABNORMAL, false },
		{ 19, PASS_IN, true, false, false, 390, PASS_TEMP_NOW, SCAN_DENY, SCAN_FEVER, false },
		{ 20, PASS_IN, true, false, false, 365, PASS_TEMP_NOW, SCAN_DENY, SCAN_WRONG_ENTRANCE, false },
		/* Nobody is kept inside. */
		{ 19, PASS_OUT, false, true, false, 0, PASS_TEMP_NONE, SCAN_ALLOW, SCAN_OK, false },
		{ 19, PASS_OUT, true, false, true, 390, PASS_TEMP_NONE, SCAN_ALLOW, SCAN_OK, false },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct pass_token t = { .person_id = 1, .building_id = 7, .entrance_id = 19,
					.direction = cases[i].dir };
		struct pass_scan s = { cases[i].entrance, &t, cases[i].holder, cases[i].red,
				       cases[i].may, cases[i].temp, 373, cases[i].tp };
		struct scan_verdict v;
		bool ask;

		pass_decide(&s, &v, &ask);
		if (v.result != cases[i].result || v.reason != cases[i].reason || ask != cases[i].ask)
			fail_msg("case %zu: %s %s ask %d", i, gate_result_name(v.result),
				 gate_reason_name(v.reason), ask);
	}
}

static void times(void **state)
{
	char out[20];

	(void)state;
	assert_true(temppass_time("2026-03-01T08:30", out));
	assert_string_equal(out, "2026-03-01 08:30:00");
	assert_true(temppass_time("2026-03-01 23:59:59", out));
	assert_string_equal(out, "2026-03-01 23:59:59");
	assert_false(temppass_time("2026-02-30T08:30", out));
	assert_false(temppass_time("2026-03-01T24:00", out));
	assert_false(temppass_time("2026-03-01T08:60", out));
	assert_false(temppass_time("2026-03-01X08:30", out));
	assert_false(temppass_time("2026-03-01T8:30", out));
	assert_false(temppass_time("2026-03-01T08:30:0x", out));
	assert_false(temppass_time("2026-03-01", out));
	assert_false(temppass_time("", out));
	assert_false(temppass_time(NULL, out));
}

static void temperatures(void **state)
{
	(void)state;
	assert_int_equal(pass_temperature_tenths("36.5"), 365);
	assert_int_equal(pass_temperature_tenths("37"), 370);
	assert_int_equal(pass_temperature_tenths("30.0"), 300);
	assert_int_equal(pass_temperature_tenths("45"), 450);
	assert_int_equal(pass_temperature_tenths("45.1"), 0);
	assert_int_equal(pass_temperature_tenths("29.9"), 0);
	assert_int_equal(pass_temperature_tenths("36.55"), 0);
	assert_int_equal(pass_temperature_tenths("36."), 0);
	assert_int_equal(pass_temperature_tenths(".5"), 0);
	assert_int_equal(pass_temperature_tenths("-36"), 0);
	assert_int_equal(pass_temperature_tenths("365"), 0);
	assert_int_equal(pass_temperature_tenths(""), 0);
	assert_int_equal(pass_temperature_tenths(NULL), 0);
	assert_int_equal(pass_direction_of("in"), PASS_IN);
	assert_int_equal(pass_direction_of("out"), PASS_OUT);
	assert_int_equal(pass_direction_of("up"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(token_round_trip),
		cmocka_unit_test(holders),
		cmocka_unit_test(verdicts),
		cmocka_unit_test(temperatures),
		cmocka_unit_test(times),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
