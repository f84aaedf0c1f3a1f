/*
 * test_invite.c - the invitation link's token (lib/domain/invite.c):
 * "<id>.<32 hex>", the MAC bound to the key, the id and the row's nonce,
 * and the parser that reads the id of a token from a URL (outside input)
 * on a table of well- and ill-formed ones.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "domain/invite.h"

static unsigned char key[INVITE_KEY_BYTES], other_key[INVITE_KEY_BYTES];
static const char nonce[] = "00112233445566778899aabbccddeeff";

static int setup(void **state)
{
	(void)state;
	if (sodium_init() < 0)
		return -1;
	memset(key, 7, sizeof key);
	memset(other_key, 8, sizeof other_key);
	return 0;
}

static void token_shape_and_id(void **state)
{
	char tok[INVITE_TOKEN_MAX];

	(void)state;
	invite_token_make(key, 42, nonce, tok);
	assert_int_equal(strlen(tok), 3 + 32);
	assert_int_equal(invite_token_id(tok), 42);
	invite_token_make(key, 2147483647LL, nonce, tok);
	assert_int_equal(invite_token_id(tok), 2147483647LL);
}

static void mac_bound_to_key_id_nonce(void **state)
{
	char a[INVITE_TOKEN_MAX], b[INVITE_TOKEN_MAX];

	(void)state;
	invite_token_make(key, 42, nonce, a);
	invite_token_make(key, 42, nonce, b);
	assert_string_equal(a, b);
	invite_token_make(other_key, 42, nonce, b);
	assert_string_not_equal(a + 3, b + 3);
	invite_token_make(key, 42, "ffeeddccbbaa99887766554433221100", b);
	assert_string_not_equal(a + 3, b + 3);
	invite_token_make(key, 43, nonce, b);
	assert_string_not_equal(a + 3, b + 3);
}

static void bad_tokens_name_no_id(void **state)
{
	static const char *const bad[] = {
		NULL, "", ".", "42", "42.", ".00112233445566778899aabbccddeeff",
		"042.00112233445566778899aabbccddeeff",              /* leading zero */
		"0.00112233445566778899aabbccddeeff",                /* id 0 */
		"2147483648.00112233445566778899aabbccddeeff",       /* past INT_MAX */
		"99999999999.00112233445566778899aabbccddeeff",      /* 11 digits */
		"42.00112233445566778899aabbccddeef",                /* 31 hex */
		"42.00112233445566778899aabbccddeeff0",              /* 33 hex */
		"42.00112233445566778899AABBCCDDEEFF",               /* upper case */
		"42.0011223344556677889 9aabbccddeeff",
		"42.00112233445566778899aabbccddeefg",
		"-42.00112233445566778899aabbccddeeff",
		"42x00112233445566778899aabbccddeeff",
		"42.00112233445566778899aabbccddeeff.42.00112233445566778899aabbccddeeff",
	};

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (invite_token_id(bad[i]) != 0)
			fail_msg("token %zu (%s) was read as id %lld", i, bad[i] ? bad[i] : "NULL",
				 invite_token_id(bad[i]));
	}
	assert_int_equal(invite_token_id("7.00112233445566778899aabbccddeeff"), 7);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(token_shape_and_id),
		cmocka_unit_test(mac_bound_to_key_id_nonce),
		cmocka_unit_test(bad_tokens_name_no_id),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
