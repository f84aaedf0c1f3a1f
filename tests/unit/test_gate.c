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

/* A token for person id, green, with a student's number and a Chinese name. */
static void make(int id, long long at, unsigned long nonce, char tok[GATE_TOKEN_MAX + 1])
{
	struct gate_token c = { .person_id = id, .state = CARD_MAY_RETURN,
				.number = "2020123456", .name = "张三丰" };

	gate_token_make(sk, &c, at, nonce, tok);
}

static void token_round_trip(void **state)
{
	char tok[GATE_TOKEN_MAX + 1];
	struct gate_token t;

	(void)state;
	make(4242, NOW, 1234, tok);
	/* 9 + 25 + 64 = 98 bytes: 157 characters of A-Z2-7. */
	assert_int_equal(strlen(tok), 157);
	assert_int_equal(strspn(tok, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"), strlen(tok));
	assert_int_equal(gate_token_check(pk, tok, NOW, &t), TOKEN_OK);
	assert_int_equal(t.person_id, 4242);
	assert_int_equal(t.issued_at, NOW);
	assert_int_equal(t.state, CARD_MAY_RETURN);
	assert_string_equal(t.number, "2020123456");
	assert_string_equal(t.name, "张三丰");
	/* Every code drawn is another code, even within the same second. */
	char again[GATE_TOKEN_MAX + 1];
	make(4242, NOW, 1235, again);
	assert_string_not_equal(tok, again);
	struct gate_token t2;
	assert_int_equal(gate_token_check(pk, again, NOW, &t2), TOKEN_OK);
	assert_int_equal(gate_token_check(pk, tok, NOW, &t), TOKEN_OK);
	assert_memory_not_equal(t.mac, t2.mac, GATE_MAC_BYTES);  /* replays tell them apart */
	/* A red card says so, signed. */
	struct gate_token red = { .person_id = 7, .state = CARD_ABNORMAL, .number = "1", .name = "" };
	gate_token_make(sk, &red, NOW, 1, tok);
	assert_int_equal(gate_token_check(pk, tok, NOW, &t), TOKEN_OK);
	assert_int_equal(t.state, CARD_ABNORMAL);
	assert_string_equal(t.name, "");
	/* A long name is cut at a character, never inside one. */
	struct gate_token longname = { .person_id = 8, .state = CARD_MAY_RETURN,
		.number = "123456789012345678901234567890", .name = "阿卜杜热合曼·买买提依明" };
	gate_token_make(sk, &longname, NOW, 1, tok);
	assert_int_equal(gate_token_check(pk, tok, NOW, &t), TOKEN_OK);
	assert_int_equal(strlen(t.name), 23);   /* 6 × 3 + 2 + 3: the next 买 would pass 24 */
	assert_string_equal(t.name, "阿卜杜热合曼·买");
	assert_string_equal(t.number, "12345678901234567890");
}

static void token_age(void **state)
{
	char tok[GATE_TOKEN_MAX + 1];
	struct gate_token t;

	(void)state;
	make(1, NOW, 1234, tok);
	assert_int_equal(gate_token_check(pk, tok, NOW + GATE_TOKEN_TTL, &t), TOKEN_OK);
	assert_int_equal(gate_token_check(pk, tok, NOW + GATE_TOKEN_TTL + 1, &t), TOKEN_EXPIRED);
	/* Expired, yet the signature was good: whose code it was is known. */
	assert_int_equal(t.person_id, 1);
	assert_string_equal(t.name, "张三丰");
	assert_int_equal(gate_token_check(pk, tok, NOW - GATE_TOKEN_SKEW, &t), TOKEN_OK);
	assert_int_equal(gate_token_check(pk, tok, NOW - GATE_TOKEN_SKEW - 1, &t),
			 TOKEN_FROM_FUTURE);
}

static void token_forgeries(void **state)
{
	char tok[GATE_TOKEN_MAX + 1], bad[GATE_TOKEN_MAX + 8];
	struct gate_token t;
	unsigned char b[TOKEN_BYTES_MAX];
	long n;

	(void)state;
	make(99, NOW, 1234, tok);
	assert_int_equal(gate_token_check(other_pk, tok, NOW, &t), TOKEN_BAD_SIGNATURE);
	assert_int_equal(t.person_id, 0);
	/* Signed with another key: bad under the site's. */
	struct gate_token c = { .person_id = 99, .state = CARD_MAY_RETURN };
	gate_token_make(other_sk, &c, NOW, 1, bad);
	assert_int_equal(gate_token_check(pk, bad, NOW, &t), TOKEN_BAD_SIGNATURE);
	/* Every single changed character is caught. */
	for (size_t i = 0; i < strlen(tok); i++) {
		memcpy(bad, tok, sizeof tok);
		bad[i] = bad[i] == 'A' ? 'B' : 'A';
		enum gate_token_status s = gate_token_check(pk, bad, NOW, &t);
		assert_true(s == TOKEN_BAD_SIGNATURE || s == TOKEN_MALFORMED);
	}
	/* Every single changed byte, and bit: the state byte red to green,
	 * the name, the time... nothing passes. */
	n = token_unbase32(tok, strlen(tok), b, sizeof b);
	assert_true(n > 0);
	for (long i = 0; i < n; i++) {
		for (int bit = 0; bit < 8; bit++) {
			b[i] ^= (unsigned char)(1 << bit);
			token_base32(b, (size_t)n, bad, sizeof bad);
			assert_int_equal(gate_token_check(pk, bad, NOW, &t), TOKEN_BAD_SIGNATURE);
			b[i] ^= (unsigned char)(1 << bit);
		}
	}
	token_base32(b, (size_t)n, bad, sizeof bad);
	assert_string_equal(bad, tok);
	/* A building pass's token under the same key is no card's. */
	unsigned char body[13] = { 0, 0, 0, 99 };
	token_seal(sk, TOKEN_KIND_PASS, NOW, 1, body, sizeof body, bad, sizeof bad);
	assert_int_equal(gate_token_check(pk, bad, NOW, &t), TOKEN_BAD_SIGNATURE);
}

static void token_malformed(void **state)
{
	char tok[GATE_TOKEN_MAX + 1], bad[GATE_TOKEN_MAX + 8];
	struct gate_token t;
	size_t n;

	(void)state;
	make(5, NOW, 1234, tok);
	n = strlen(tok);
	assert_int_equal(gate_token_check(pk, NULL, NOW, &t), TOKEN_MALFORMED);
	assert_int_equal(gate_token_check(pk, "", NOW, &t), TOKEN_MALFORMED);
	memcpy(bad, tok, sizeof tok);
	bad[n - 1] = '\0';   /* truncated */
	assert_int_not_equal(gate_token_check(pk, bad, NOW, &t), TOKEN_OK);
	bad[n - 8] = '\0';   /* five bytes short: the signature is cut */
	assert_int_not_equal(gate_token_check(pk, bad, NOW, &t), TOKEN_OK);
	snprintf(bad, sizeof bad, "%s=", tok);   /* padded */
	assert_int_equal(gate_token_check(pk, bad, NOW, &t), TOKEN_MALFORMED);
	memcpy(bad, tok, sizeof tok);
	bad[3] = 'a';                     /* lower case: not the encoder's */
	assert_int_equal(gate_token_check(pk, bad, NOW, &t), TOKEN_MALFORMED);
	bad[3] = '1';                     /* not in base32 */
	assert_int_equal(gate_token_check(pk, bad, NOW, &t), TOKEN_MALFORMED);
	/* Longer than any token: not decoded at all. */
	memset(bad, 'A', sizeof bad - 1);
	bad[sizeof bad - 1] = '\0';
	assert_int_equal(gate_token_check(pk, bad, NOW, &t), TOKEN_MALFORMED);
	/* A signed payload with person 0 was never issued. */
	struct gate_token zero = { .person_id = 0, .state = CARD_MAY_RETURN };
	gate_token_make(sk, &zero, NOW, 1234, bad);
	assert_int_equal(gate_token_check(pk, bad, NOW, &t), TOKEN_BAD_SIGNATURE);
	/* Nor a state out of range. */
	struct gate_token odd = { .person_id = 3, .state = CARD_STATE_COUNT };
	gate_token_make(sk, &odd, NOW, 1234, bad);
	assert_int_equal(gate_token_check(pk, bad, NOW, &t), TOKEN_BAD_SIGNATURE);
}

/* The offline verdicts: what the phone shows, and what the server flags. */
static void offline_verdicts(void **state)
{
	struct gate_token green = { .person_id = 1, .state = CARD_MAY_RETURN };
	struct gate_token red = { .person_id = 1, .state = CARD_ABNORMAL };
	struct gate_token boarder = { .person_id = 1, .state = CARD_MAY_RETURN_BOARDER };
	struct scan_verdict allow = { SCAN_ALLOW, SCAN_OK }, already = { SCAN_ALREADY, SCAN_ARRIVED },
		deny = { SCAN_DENY, SCAN_NOT_APPROVED };

	(void)state;
	assert_int_equal(gate_offline_result(&green), SCAN_ALLOW);
	assert_int_equal(gate_offline_result(&red), SCAN_DENY);
	assert_int_equal(gate_offline_result(&boarder), SCAN_DENY);  /* the gate's rule: green "may return" */
	assert_int_equal(gate_offline_flag(TOKEN_OK, NOW, NOW + 3600, &allow), SCAN_OK);
	assert_int_equal(gate_offline_flag(TOKEN_OK, NOW, NOW, &already), SCAN_OK);
	assert_int_equal(gate_offline_flag(TOKEN_OK, NOW, NOW, &deny), SCAN_NOT_APPROVED);
	assert_int_equal(gate_offline_flag(TOKEN_EXPIRED, NOW, NOW, &allow), SCAN_EXPIRED_CODE);
	assert_int_equal(gate_offline_flag(TOKEN_FROM_FUTURE, NOW, NOW, &allow), SCAN_EXPIRED_CODE);
	/* A scan time past the server's clock: the phone's clock is not believed. */
	assert_int_equal(gate_offline_flag(TOKEN_OK, NOW + GATE_TOKEN_SKEW + 1, NOW, &allow),
			 SCAN_EXPIRED_CODE);
	assert_int_equal(gate_offline_flag(TOKEN_OK, NOW + GATE_TOKEN_SKEW, NOW, &allow), SCAN_OK);
	assert_int_equal(gate_state_reason(CARD_ABNORMAL), SCAN_ABNORMAL);
}

static void base32(void **state)
{
	/* RFC 4648's test vectors, without padding. */
	static const char *const in[] = { "", "f", "fo", "foo", "foob", "fooba", "foobar" };
	static const char *const out[] = { "", "MY", "MZXQ", "MZXW6", "MZXW6YQ", "MZXW6YTB",
					   "MZXW6YTBOI" };
	char s[32];
	unsigned char b[32];

	(void)state;
	for (int i = 0; i < 7; i++) {
		token_base32((const unsigned char *)in[i], strlen(in[i]), s, sizeof s);
		assert_string_equal(s, out[i]);
		assert_int_equal(token_unbase32(out[i], strlen(out[i]), b, sizeof b),
				 (long)strlen(in[i]));
		assert_memory_equal(b, in[i], strlen(in[i]));
	}
	/* One spelling: trailing bits set, an impossible length. */
	assert_int_equal(token_unbase32("MZ", 2, b, sizeof b), -1);
	assert_int_equal(token_unbase32("MZX", 3, b, sizeof b), -1);
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
	char tok[GATE_TOKEN_MAX + 1];
	make(12, 1, 1234, tok);
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
		cmocka_unit_test(base32),
		cmocka_unit_test(offline_verdicts),
		cmocka_unit_test(gate_codes),
		cmocka_unit_test(scan_verdicts),
		cmocka_unit_test(only_green_passes_the_gate),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
