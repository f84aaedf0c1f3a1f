/*
 * test_gate.c - the gate's pure rules (lib/domain/gate.c): the card QR's token,
 * the printed gate code, and the verdict of a scan at the gate and at the
 * dorm for every card state that matters there.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <sodium.h>
#include <stdbool.h>
#include <string.h>

#include "domain/gate.h"

static unsigned char key[GATE_KEY_BYTES], other_key[GATE_KEY_BYTES];
#define NOW 1790000000LL

static int setup(void **state)
{
	(void)state;
	if (sodium_init() < 0)
		return -1;
	memset(key, 7, sizeof key);
	memset(other_key, 8, sizeof other_key);
	return 0;
}

static void token_round_trip(void **state)
{
	char tok[GATE_TOKEN_LEN + 1];
	struct gate_token t;

	(void)state;
	gate_token_make(key, 4242, NOW, 1234, tok);
	assert_int_equal(strlen(tok), GATE_TOKEN_LEN);
	assert_int_equal(gate_token_check(key, tok, NOW, &t), TOKEN_OK);
	assert_int_equal(t.person_id, 4242);
	assert_int_equal(t.issued_at, NOW);
	/* Every code drawn is another code, even within the same second. */
	char again[GATE_TOKEN_LEN + 1];
	gate_token_make(key, 4242, NOW, 1235, again);
	assert_string_not_equal(tok, again);
	struct gate_token t2;
	assert_int_equal(gate_token_check(key, again, NOW, &t2), TOKEN_OK);
	assert_int_equal(gate_token_check(key, tok, NOW, &t), TOKEN_OK);
	assert_memory_not_equal(t.mac, t2.mac, GATE_MAC_BYTES);  /* replays tell them apart */
}

static void token_age(void **state)
{
	char tok[GATE_TOKEN_LEN + 1];
	struct gate_token t;

	(void)state;
	gate_token_make(key, 1, NOW, 1234, tok);
	assert_int_equal(gate_token_check(key, tok, NOW + GATE_TOKEN_TTL, &t), TOKEN_OK);
	assert_int_equal(gate_token_check(key, tok, NOW + GATE_TOKEN_TTL + 1, &t), TOKEN_EXPIRED);
	/* Expired, yet the signature was good: whose code it was is known. */
	assert_int_equal(t.person_id, 1);
	assert_int_equal(gate_token_check(key, tok, NOW - GATE_TOKEN_SKEW, &t), TOKEN_OK);
	assert_int_equal(gate_token_check(key, tok, NOW - GATE_TOKEN_SKEW - 1, &t),
			 TOKEN_FROM_FUTURE);
}

static void token_forgeries(void **state)
{
	char tok[GATE_TOKEN_LEN + 1], bad[GATE_TOKEN_LEN + 8];
	struct gate_token t;

	(void)state;
	gate_token_make(key, 99, NOW, 1234, tok);
	assert_int_equal(gate_token_check(other_key, tok, NOW, &t), TOKEN_BAD_SIGNATURE);
	assert_int_equal(t.person_id, 0);
	/* Every single changed character is caught. */
	for (int i = 0; i < GATE_TOKEN_LEN; i++) {
		memcpy(bad, tok, sizeof tok);
		bad[i] = bad[i] == 'A' ? 'B' : 'A';
		enum gate_token_status s = gate_token_check(key, bad, NOW, &t);
		assert_true(s == TOKEN_BAD_SIGNATURE || s == TOKEN_MALFORMED);
	}
	/* The person swapped: another student's id under the old MAC. */
	char other[GATE_TOKEN_LEN + 1];
	gate_token_make(key, 100, NOW, 1234, other);
	memcpy(bad, other, 16);          /* the first 12 bytes: id, time, nonce */
	memcpy(bad + 16, tok + 16, GATE_TOKEN_LEN - 16 + 1);
	assert_int_not_equal(gate_token_check(key, bad, NOW, &t), TOKEN_OK);
}

static void token_malformed(void **state)
{
	char tok[GATE_TOKEN_LEN + 1], bad[GATE_TOKEN_LEN + 8];
	struct gate_token t;

	(void)state;
	gate_token_make(key, 5, NOW, 1234, tok);
	assert_int_equal(gate_token_check(key, NULL, NOW, &t), TOKEN_MALFORMED);
	assert_int_equal(gate_token_check(key, "", NOW, &t), TOKEN_MALFORMED);
	memcpy(bad, tok, sizeof tok);
	bad[GATE_TOKEN_LEN - 1] = '\0';   /* truncated */
	assert_int_equal(gate_token_check(key, bad, NOW, &t), TOKEN_MALFORMED);
	snprintf(bad, sizeof bad, "%s=", tok);   /* padded */
	assert_int_equal(gate_token_check(key, bad, NOW, &t), TOKEN_MALFORMED);
	memcpy(bad, tok, sizeof tok);
	bad[3] = '+';                     /* standard base64, not the URL variant */
	assert_int_equal(gate_token_check(key, bad, NOW, &t), TOKEN_MALFORMED);
	bad[3] = ' ';
	assert_int_equal(gate_token_check(key, bad, NOW, &t), TOKEN_MALFORMED);
	/* A signed payload with person 0 was never issued. */
	gate_token_make(key, 0, NOW, 1234, bad);
	assert_int_equal(gate_token_check(key, bad, NOW, &t), TOKEN_BAD_SIGNATURE);
}

static void gate_codes(void **state)
{
	char code[GATE_CODE_LEN + 1], again[GATE_CODE_LEN + 1], bad[GATE_CODE_LEN + 8];

	(void)state;
	gate_code_make(key, 12, 1, code);
	assert_int_equal(gate_code_gate_id(code), 12);
	assert_true(gate_code_ok(key, code, 12, 1));
	gate_code_make(key, 12, 1, again);
	assert_string_equal(code, again);            /* the same print every time */
	assert_false(gate_code_ok(key, code, 12, 2)); /* a new serial voids it */
	assert_false(gate_code_ok(other_key, code, 12, 1));
	assert_false(gate_code_ok(key, code, 13, 1));
	snprintf(bad, sizeof bad, "13%s", code + 2);  /* another gate's id */
	assert_false(gate_code_ok(key, bad, 13, 1));
	snprintf(bad, sizeof bad, "%sx", code);
	assert_false(gate_code_ok(key, bad, 12, 1));
	assert_int_equal(gate_code_gate_id("x-abc"), 0);
	assert_int_equal(gate_code_gate_id("0-abc"), 0);
	assert_int_equal(gate_code_gate_id("-1-abc"), 0);
	assert_int_equal(gate_code_gate_id(" 1-abc"), 0);
	assert_int_equal(gate_code_gate_id("12"), 0);
	assert_int_equal(gate_code_gate_id(NULL), 0);
	/* A card token is never a gate code, even under the same key. */
	char tok[GATE_TOKEN_LEN + 1];
	gate_token_make(key, 12, 1, 1234, tok);
	assert_false(gate_code_ok(key, tok, 12, 1));
}

struct scan_case {
	const char *name;
	enum gate_kind kind;
	enum card_state state;
	bool arrived, boarder_now, moved_in;
	enum scan_result result;
	enum scan_reason reason;
};

static const struct scan_case cases[] = {
	{ "gate green", GATE_KIND_GATE, CARD_MAY_RETURN, 0, 0, 0, SCAN_ALLOW, SCAN_OK },
	{ "gate green boarder", GATE_KIND_GATE, CARD_MAY_RETURN, 0, 1, 0, SCAN_ALLOW, SCAN_OK },
	{ "gate abnormal", GATE_KIND_GATE, CARD_ABNORMAL, 0, 0, 0, SCAN_DENY, SCAN_ABNORMAL },
	{ "gate abnormal after arrival", GATE_KIND_GATE, CARD_ABNORMAL, 1, 0, 0, SCAN_DENY, SCAN_ABNORMAL },
	{ "gate not on roster", GATE_KIND_GATE, CARD_NOT_ON_ROSTER, 0, 0, 0, SCAN_DENY, SCAN_NOT_ON_ROSTER },
	{ "gate to apply", GATE_KIND_GATE, CARD_TO_APPLY, 0, 0, 0, SCAN_DENY, SCAN_NOT_APPROVED },
	{ "gate first review", GATE_KIND_GATE, CARD_FIRST_REVIEW, 0, 0, 0, SCAN_DENY, SCAN_NOT_APPROVED },
	{ "gate sent back", GATE_KIND_GATE, CARD_SENT_BACK, 0, 0, 0, SCAN_DENY, SCAN_NOT_APPROVED },
	{ "gate rejected", GATE_KIND_GATE, CARD_REJECTED, 0, 0, 0, SCAN_DENY, SCAN_NOT_APPROVED },
	{ "gate evidence", GATE_KIND_GATE, CARD_EVIDENCE_NEEDED, 0, 0, 0, SCAN_DENY, SCAN_NOT_APPROVED },
	{ "gate second review", GATE_KIND_GATE, CARD_SECOND_REVIEW, 0, 0, 0, SCAN_DENY, SCAN_NOT_APPROVED },
	{ "gate streak", GATE_KIND_GATE, CARD_WAITING_CHECKINS, 0, 0, 0, SCAN_DENY, SCAN_CHECKINS_MISSING },
	{ "gate early", GATE_KIND_GATE, CARD_WINDOW_NOT_OPEN, 0, 0, 0, SCAN_DENY, SCAN_WINDOW_NOT_OPEN },
	{ "gate late", GATE_KIND_GATE, CARD_WINDOW_CLOSED, 0, 0, 0, SCAN_DENY, SCAN_WINDOW_CLOSED },
	{ "gate returned", GATE_KIND_GATE, CARD_RETURNED, 1, 0, 0, SCAN_ALREADY, SCAN_ARRIVED },
	{ "gate returned boarder", GATE_KIND_GATE, CARD_RETURNED_BOARDER, 1, 1, 1, SCAN_ALREADY, SCAN_ARRIVED },
	{ "gate turned boarder", GATE_KIND_GATE, CARD_MAY_RETURN_BOARDER, 1, 1, 0, SCAN_ALREADY, SCAN_ARRIVED },
	{ "dorm boarder arrived", GATE_KIND_DORM, CARD_RETURNED, 1, 1, 0, SCAN_ALLOW, SCAN_OK },
	{ "dorm turned boarder", GATE_KIND_DORM, CARD_MAY_RETURN_BOARDER, 1, 1, 0, SCAN_ALLOW, SCAN_OK },
	{ "dorm moved in", GATE_KIND_DORM, CARD_RETURNED_BOARDER, 1, 1, 1, SCAN_ALREADY, SCAN_MOVED_IN },
	{ "dorm day student arrived", GATE_KIND_DORM, CARD_RETURNED, 1, 0, 0, SCAN_DENY, SCAN_NOT_BOARDER },
	{ "dorm boarder not arrived", GATE_KIND_DORM, CARD_MAY_RETURN, 0, 1, 0, SCAN_DENY, SCAN_NOT_ARRIVED },
	{ "dorm day student not arrived", GATE_KIND_DORM, CARD_MAY_RETURN, 0, 0, 0, SCAN_DENY, SCAN_NOT_BOARDER },
	{ "dorm abnormal", GATE_KIND_DORM, CARD_ABNORMAL, 1, 1, 0, SCAN_DENY, SCAN_ABNORMAL },
	{ "dorm not approved", GATE_KIND_DORM, CARD_SECOND_REVIEW, 0, 1, 0, SCAN_DENY, SCAN_NOT_APPROVED },
};

static void scan_verdicts(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct scan_case *c = &cases[i];
		struct card_facts f = { .arrived = c->arrived, .boarder_now = c->boarder_now,
					.moved_in = c->moved_in };
		struct card_verdict v = { .state = c->state };
		struct scan_verdict sv = { (enum scan_result)-1, (enum scan_reason)-1 };

		gate_decide(c->kind, &f, &v, &sv);
		if (sv.result != c->result || sv.reason != c->reason)
			fail_msg("%s: got %s/%s, want %s/%s", c->name,
				 gate_result_name(sv.result), gate_reason_name(sv.reason),
				 gate_result_name(c->result), gate_reason_name(c->reason));
	}
}

/* Only a green card (or the dorm's boarder) is ever let through: every
 * other state, whatever the other facts say, is refused at the gate. */
static void only_green_passes_the_gate(void **state)
{
	(void)state;
	for (int s = 0; s < CARD_STATE_COUNT; s++) {
		for (int bits = 0; bits < 8; bits++) {
			struct card_facts f = { .arrived = bits & 1, .boarder_now = bits & 2,
						.moved_in = bits & 4 };
			struct card_verdict v = { .state = (enum card_state)s };
			struct scan_verdict sv;

			gate_decide(GATE_KIND_GATE, &f, &v, &sv);
			assert_int_equal(sv.result == SCAN_ALLOW, s == CARD_MAY_RETURN);
			assert_string_not_equal(gate_reason_name(sv.reason), "unknown");
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(token_round_trip),
		cmocka_unit_test(token_age),
		cmocka_unit_test(token_forgeries),
		cmocka_unit_test(token_malformed),
		cmocka_unit_test(gate_codes),
		cmocka_unit_test(scan_verdicts),
		cmocka_unit_test(only_green_passes_the_gate),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
