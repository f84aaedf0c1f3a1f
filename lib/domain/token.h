/*
 * token.h - the one codec of the signed QR tokens: the card's code at the
 * gate (domain/gate.h), the building pass and a booking's code
 * (domain/pass.h). Pure: keys and the time are arguments.
 *
 * A token is, in bytes,
 *   kind (1) | issued at (4, Unix seconds, big-endian) | nonce (4) | body
 *   | Ed25519 signature of everything before it (64)
 * written in RFC 4648 base32 without padding (A-Z, 2-7): the characters
 * of a QR code's alphanumeric mode, so a code costs 5.5 bits a character
 * and the URL around it stays plain. Anyone holding the public key can
 * verify a token (the gate phone offline); only the site can make one.
 * The kind byte keeps one kind's token from passing for another's.
 *
 * The signing key is derived from a 32-byte seed (crypto_sign_seed_keypair),
 * the seed from the site's secret and a purpose (web/sess.h sess_subkey):
 * no new secret to keep, the same keys on every web host.
 */
#ifndef HC_TOKEN_H
#define HC_TOKEN_H

#include <stdbool.h>
#include <stddef.h>

#define TOKEN_TTL 60          /* seconds a token is accepted */
#define TOKEN_SKEW 5          /* a phone's clock may run this far ahead */
#define TOKEN_SEED_BYTES 32
#define TOKEN_PK_BYTES 32
#define TOKEN_SK_BYTES 64
#define TOKEN_SIG_BYTES 64
#define TOKEN_ID_BYTES 16     /* what identifies a token: replays */
#define TOKEN_HEAD_BYTES 9    /* kind, issued at, nonce */
#define TOKEN_BODY_MAX 64
#define TOKEN_BYTES_MAX (TOKEN_HEAD_BYTES + TOKEN_BODY_MAX + TOKEN_SIG_BYTES)
#define TOKEN_TEXT_MAX ((TOKEN_BYTES_MAX * 8 + 4) / 5)  /* characters, without the NUL */

/* The kinds of token, one signing key each. */
enum token_kind { TOKEN_KIND_CARD = 'C', TOKEN_KIND_PASS = 'P', TOKEN_KIND_BOOKING = 'B' };

enum gate_token_status {
	TOKEN_OK,
	TOKEN_MALFORMED,     /* truncated, padded, not base32, wrong length */
	TOKEN_BAD_SIGNATURE, /* forged, altered, or signed with another key */
	TOKEN_EXPIRED,       /* older than TOKEN_TTL */
	TOKEN_FROM_FUTURE    /* issued later than now + TOKEN_SKEW */
};

/* The key pair of a seed. */
void token_keypair(const unsigned char seed[TOKEN_SEED_BYTES],
		   unsigned char pk[TOKEN_PK_BYTES], unsigned char sk[TOKEN_SK_BYTES]);

/* Writes the token of kind with body (n <= TOKEN_BODY_MAX bytes) issued at
 * `now` into out (outsz bytes: TOKEN_TEXT_MAX + 1 holds any); nonce: randombytes_random(). */
void token_seal(const unsigned char sk[TOKEN_SK_BYTES], enum token_kind kind,
		long long now, unsigned long nonce, const unsigned char *body, size_t n,
		char *out, size_t outsz);

/* What a token said. */
struct token_open {
	long long issued_at;
	unsigned char body[TOKEN_BODY_MAX];
	size_t n;
	unsigned char id[TOKEN_ID_BYTES]; /* a hash of the signed token */
};

/*
 * Checks text as a token of kind with a body of min..max bytes as of
 * `now`; *o is filled whenever the signature is good (also for
 * TOKEN_EXPIRED and TOKEN_FROM_FUTURE: whose code it was is known).
 */
enum gate_token_status token_check(const unsigned char pk[TOKEN_PK_BYTES],
				   enum token_kind kind, const char *text, long long now,
				   size_t min, size_t max, struct token_open *o);

/* RFC 4648 base32 without padding; decode is strict (upper case, no
 * padding, zero trailing bits) and returns the byte count, or -1. */
size_t token_base32(const unsigned char *b, size_t n, char *out, size_t outsz);
long token_unbase32(const char *s, size_t len, unsigned char *out, size_t outsz);

/* Big-endian helpers shared by the tokens' bodies. */
void token_put_u32(unsigned char *p, unsigned long v);
unsigned long token_get_u32(const unsigned char *p);

#endif
