/* token.c - see token.h. */
#include "domain/token.h"

#include <sodium.h>
#include <string.h>

static const char b32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

void token_put_u32(unsigned char *p, unsigned long v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

unsigned long token_get_u32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 |
	       (unsigned long)p[2] << 8 | p[3];
}

size_t token_base32(const unsigned char *b, size_t n, char *out, size_t outsz)
{
	unsigned long acc = 0;
	int bits = 0;
	size_t o = 0;

	for (size_t i = 0; i < n; i++) {
		acc = (acc << 8) | b[i];
		bits += 8;
		while (bits >= 5 && o + 1 < outsz) {
			out[o++] = b32[(acc >> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	if (bits > 0 && o + 1 < outsz)
		out[o++] = b32[(acc << (5 - bits)) & 31];
	if (outsz)
		out[o] = '\0';
	return o;
}

long token_unbase32(const char *s, size_t len, unsigned char *out, size_t outsz)
{
	unsigned long acc = 0;
	int bits = 0;
	size_t o = 0;

	/* A length no encoder gives (1, 3 or 6 characters past a block of 8). */
	if (len % 8 == 1 || len % 8 == 3 || len % 8 == 6)
		return -1;
	for (size_t i = 0; i < len; i++) {
		int v;
		char c = s[i];

		if (c >= 'A' && c <= 'Z')
			v = c - 'A';
		else if (c >= '2' && c <= '7')
			v = c - '2' + 26;
		else
			return -1;
		acc = ((acc << 5) | (unsigned long)v) & 0xffff;
		bits += 5;
		if (bits >= 8) {
			if (o >= outsz)
				return -1;
			out[o++] = (unsigned char)(acc >> (bits - 8));
			bits -= 8;
		}
	}
	/* The bits left over must be zero: one token, one spelling. */
	if (bits > 0 && (acc & ((1ul << bits) - 1)) != 0)
		return -1;
	return (long)o;
}

void token_keypair(const unsigned char seed[TOKEN_SEED_BYTES],
		   unsigned char pk[TOKEN_PK_BYTES], unsigned char sk[TOKEN_SK_BYTES])
{
	crypto_sign_seed_keypair(pk, sk, seed);
}

void token_seal(const unsigned char sk[TOKEN_SK_BYTES], enum token_kind kind,
		long long now, unsigned long nonce, const unsigned char *body, size_t n,
		char *out, size_t outsz)
{
	unsigned char b[TOKEN_BYTES_MAX];

	if (n > TOKEN_BODY_MAX)
		n = TOKEN_BODY_MAX;
	b[0] = (unsigned char)kind;
	token_put_u32(b + 1, (unsigned long)now);
	token_put_u32(b + 5, nonce);
	memcpy(b + TOKEN_HEAD_BYTES, body, n);
	crypto_sign_detached(b + TOKEN_HEAD_BYTES + n, NULL, b, TOKEN_HEAD_BYTES + n, sk);
	token_base32(b, TOKEN_HEAD_BYTES + n + TOKEN_SIG_BYTES, out, outsz);
}

enum gate_token_status token_check(const unsigned char pk[TOKEN_PK_BYTES],
				   enum token_kind kind, const char *text, long long now,
				   size_t min, size_t max, struct token_open *o)
{
	unsigned char b[TOKEN_BYTES_MAX];
	size_t len;
	long got;

	memset(o, 0, sizeof *o);
	/* Length first: the decoder never sees more than a token's worth. */
	if (text == NULL || (len = strnlen(text, TOKEN_TEXT_MAX + 1)) > TOKEN_TEXT_MAX)
		return TOKEN_MALFORMED;
	got = token_unbase32(text, len, b, sizeof b);
	if (got < (long)(TOKEN_HEAD_BYTES + TOKEN_SIG_BYTES + min) ||
	    got > (long)(TOKEN_HEAD_BYTES + TOKEN_SIG_BYTES + max))
		return TOKEN_MALFORMED;
	o->n = (size_t)got - TOKEN_HEAD_BYTES - TOKEN_SIG_BYTES;
	if (crypto_sign_verify_detached(b + TOKEN_HEAD_BYTES + o->n, b,
					TOKEN_HEAD_BYTES + o->n, pk) != 0 || b[0] != (unsigned char)kind) {
		o->n = 0;
		return TOKEN_BAD_SIGNATURE;
	}
	o->issued_at = (long long)token_get_u32(b + 1);
	memcpy(o->body, b + TOKEN_HEAD_BYTES, o->n);
	crypto_generichash(o->id, sizeof o->id, b, (size_t)got, NULL, 0);
	if (o->issued_at > now + TOKEN_SKEW)
		return TOKEN_FROM_FUTURE;
	if (now - o->issued_at > TOKEN_TTL)
		return TOKEN_EXPIRED;
	return TOKEN_OK;
}
