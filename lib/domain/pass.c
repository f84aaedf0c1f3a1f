/* pass.c - see pass.h. */
#include "domain/pass.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAYLOAD_BYTES 21  /* person, issued at, nonce, building, entrance, direction */
#define TOKEN_BYTES (PAYLOAD_BYTES + GATE_MAC_BYTES)

static void sign(const unsigned char key[GATE_KEY_BYTES], const unsigned char *payload,
		 unsigned char mac[GATE_MAC_BYTES])
{
	unsigned char full[crypto_auth_hmacsha256_BYTES];

	crypto_auth_hmacsha256(full, payload, PAYLOAD_BYTES, key);
	memcpy(mac, full, GATE_MAC_BYTES);
}

static void put_u32(unsigned char *p, unsigned long v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

static unsigned long get_u32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 |
	       (unsigned long)p[2] << 8 | p[3];
}

void pass_token_make(const unsigned char key[GATE_KEY_BYTES], const struct pass_token *p,
		     long long now, unsigned long nonce, char out[PASS_TOKEN_LEN + 1])
{
	unsigned char b[TOKEN_BYTES];

	put_u32(b, (unsigned long)p->person_id);
	put_u32(b + 4, (unsigned long)now);
	put_u32(b + 8, nonce);
	put_u32(b + 12, (unsigned long)p->building_id);
	put_u32(b + 16, (unsigned long)p->entrance_id);
	b[20] = p->direction == PASS_OUT ? 1 : 0;
	sign(key, b, b + PAYLOAD_BYTES);
	sodium_bin2base64(out, PASS_TOKEN_LEN + 1, b, sizeof b,
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

enum gate_token_status pass_token_check(const unsigned char key[GATE_KEY_BYTES],
					const char *token, long long now,
					struct pass_token *t)
{
	unsigned char b[TOKEN_BYTES], want[GATE_MAC_BYTES];
	size_t got = 0;
	const char *end = NULL;

	memset(t, 0, sizeof *t);
	if (token == NULL || strnlen(token, PASS_TOKEN_LEN + 1) != PASS_TOKEN_LEN)
		return TOKEN_MALFORMED;
	if (sodium_base642bin(b, sizeof b, token, PASS_TOKEN_LEN, NULL, &got, &end,
			      sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
	    got != sizeof b || end != token + PASS_TOKEN_LEN)
		return TOKEN_MALFORMED;
	sign(key, b, want);
	if (sodium_memcmp(want, b + PAYLOAD_BYTES, GATE_MAC_BYTES) != 0)
		return TOKEN_BAD_SIGNATURE;
	t->person_id = (int)get_u32(b);
	t->issued_at = (long long)get_u32(b + 4);
	t->building_id = (int)get_u32(b + 12);
	t->entrance_id = (int)get_u32(b + 16);
	t->direction = b[20] ? PASS_OUT : PASS_IN;
	memcpy(t->mac, b + PAYLOAD_BYTES, GATE_MAC_BYTES);
	if (t->person_id <= 0 || t->building_id <= 0 || t->entrance_id <= 0 || b[20] > 1)
		return TOKEN_BAD_SIGNATURE;  /* never issued */
	if (t->issued_at > now + GATE_TOKEN_SKEW)
		return TOKEN_FROM_FUTURE;
	if (now - t->issued_at > GATE_TOKEN_TTL)
		return TOKEN_EXPIRED;
	return TOKEN_OK;
}

bool pass_holder(const char *identity, const struct card_facts *f,
		 const struct card_verdict *card)
{
	if (card->colour == COLOUR_RED)
		return false;
	if (card->colour == COLOUR_BLUE)
		return true;
	/* Staff on campus never apply to return (seed 003 三③), unless the
	 * admin rostered them (返岗): then their card decides as a student's. */
	return identity && !strcmp(identity, "staff") && !f->on_roster;
}

static void verdict(struct scan_verdict *out, enum scan_result res, enum scan_reason why)
{
	out->result = res;
	out->reason = why;
}

void pass_decide(const struct pass_scan *s, struct scan_verdict *out, bool *needs_temperature)
{
	*needs_temperature = false;
	if (s->t->entrance_id != s->station_entrance) {
		verdict(out, SCAN_DENY, SCAN_WRONG_ENTRANCE);
		return;
	}
	if (s->t->direction == PASS_OUT) {
		verdict(out, SCAN_ALLOW, SCAN_OK);
		return;
	}
	if (s->red)
		verdict(out, SCAN_DENY, SCAN_ABNORMAL);
	else if ((!s->holder || !s->may_enter) && s->temp == PASS_TEMP_NOT_YET)
		verdict(out, SCAN_DENY, SCAN_TEMP_NOT_YET);
	else if ((!s->holder || !s->may_enter) && s->temp == PASS_TEMP_OVER)
		verdict(out, SCAN_DENY, SCAN_TEMP_OVER);
	else if (!s->holder && s->temp != PASS_TEMP_NOW)
		verdict(out, SCAN_DENY, SCAN_NO_PASS);
	else if (!s->may_enter && s->temp != PASS_TEMP_NOW)
		verdict(out, SCAN_DENY, SCAN_NOT_ALLOWED);
	else if (s->temperature_tenths == 0) {
		verdict(out, SCAN_ALLOW, SCAN_OK);
		*needs_temperature = true;
	} else if (s->temperature_tenths >= s->fever_tenths)
		verdict(out, SCAN_DENY, SCAN_FEVER);
	else
		verdict(out, SCAN_ALLOW, SCAN_OK);
}

const char *pass_direction_name(enum pass_direction d)
{
	return d == PASS_OUT ? "out" : "in";
}

int pass_direction_of(const char *name)
{
	if (name && !strcmp(name, "in"))
		return PASS_IN;
	if (name && !strcmp(name, "out"))
		return PASS_OUT;
	return -1;
}

int pass_temperature_tenths(const char *s)
{
	int whole = 0, tenth = 0, n = 0, i = 0;

	if (s == NULL)
		return 0;
	while (s[i] >= '0' && s[i] <= '9' && n < 3) {
		whole = whole * 10 + (s[i++] - '0');
		n++;
	}
	if (n == 0 || n > 2)
		return 0;
	if (s[i] == '.') {
		i++;
		if (s[i] < '0' || s[i] > '9')
			return 0;
		tenth = s[i++] - '0';
	}
	if (s[i] != '\0')
		return 0;
	whole = whole * 10 + tenth;
	return whole >= 300 && whole <= 450 ? whole : 0;
}
