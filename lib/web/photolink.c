/* photolink.c - see photolink.h. */
#include "web/photolink.h"
#include "web/sess.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#define SIG_BYTES 16

static void sign(long long id, long long exp, char hex[2 * SIG_BYTES + 1])
{
	unsigned char key[32], mac[crypto_auth_hmacsha256_BYTES];
	char msg[48];

	snprintf(msg, sizeof msg, "%lld|%lld", id, exp);
	sess_subkey("photo", key);
	crypto_auth_hmacsha256(mac, (const unsigned char *)msg, strlen(msg), key);
	sodium_memzero(key, sizeof key);
	sodium_bin2hex(hex, 2 * SIG_BYTES + 1, mac, SIG_BYTES);
}

void photolink_make(long long id, long long now, char *out, size_t n)
{
	char hex[2 * SIG_BYTES + 1];
	long long exp = now + PHOTOLINK_TTL;

	sign(id, exp, hex);
	snprintf(out, n, "/pass/photo_img?id=%lld&exp=%lld&sig=%s", id, exp, hex);
}

bool photolink_ok(long long id, long long exp, const char *sig, long long now)
{
	char want[2 * SIG_BYTES + 1];

	if (sig == NULL || strlen(sig) != 2 * SIG_BYTES || exp < now || exp > now + PHOTOLINK_TTL + 60)
		return false;
	sign(id, exp, want);
	return sodium_memcmp(want, sig, 2 * SIG_BYTES) == 0;
}
