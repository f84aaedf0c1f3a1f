/* gate.c - see gate.h. */
#include "domain/gate.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#define PAYLOAD_BYTES 12  /* person, issued at, nonce */
#define CODE_PAYLOAD_BYTES 8 /* gate, serial */
#define TOKEN_BYTES (PAYLOAD_BYTES + GATE_MAC_BYTES)

static void sign(const unsigned char key[GATE_KEY_BYTES],
		 const unsigned char *payload, size_t n,
		 unsigned char mac[GATE_MAC_BYTES])
{
	unsigned char full[crypto_auth_hmacsha256_BYTES];

	crypto_auth_hmacsha256_state st;
	crypto_auth_hmacsha256_init(&st, key, GATE_KEY_BYTES);
	crypto_auth_hmacsha256_update(&st, payload, n);
	crypto_auth_hmacsha256_final(&st, full);
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

void gate_token_make(const unsigned char key[GATE_KEY_BYTES], int person_id,
		     long long now, unsigned long nonce, char out[GATE_TOKEN_LEN + 1])
{
	unsigned char b[TOKEN_BYTES];

	put_u32(b, (unsigned long)person_id);
	put_u32(b + 4, (unsigned long)now);
	put_u32(b + 8, nonce);
	sign(key, b, PAYLOAD_BYTES, b + PAYLOAD_BYTES);
	sodium_bin2base64(out, GATE_TOKEN_LEN + 1, b, sizeof b,
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

enum gate_token_status gate_token_check(const unsigned char key[GATE_KEY_BYTES],
					const char *token, long long now,
					struct gate_token *t)
{
	unsigned char b[TOKEN_BYTES], want[GATE_MAC_BYTES];
	size_t got = 0;
	const char *end = NULL;

	memset(t, 0, sizeof *t);
	/* Length first: the decoder must never see more than a token's worth. */
	if (token == NULL || strnlen(token, GATE_TOKEN_LEN + 1) != GATE_TOKEN_LEN)
		return TOKEN_MALFORMED;
	if (sodium_base642bin(b, sizeof b, token, GATE_TOKEN_LEN, NULL, &got, &end,
			      sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
	    got != sizeof b || end != token + GATE_TOKEN_LEN)
		return TOKEN_MALFORMED;
	sign(key, b, PAYLOAD_BYTES, want);
	if (sodium_memcmp(want, b + PAYLOAD_BYTES, GATE_MAC_BYTES) != 0)
		return TOKEN_BAD_SIGNATURE;
	t->person_id = (int)get_u32(b);
	t->issued_at = (long long)get_u32(b + 4);
	memcpy(t->mac, b + PAYLOAD_BYTES, GATE_MAC_BYTES);
	if (t->person_id <= 0)
		return TOKEN_BAD_SIGNATURE;  /* never issued: a key misused elsewhere */
	if (t->issued_at > now + GATE_TOKEN_SKEW)
		return TOKEN_FROM_FUTURE;
	if (now - t->issued_at > GATE_TOKEN_TTL)
		return TOKEN_EXPIRED;
	return TOKEN_OK;
}

void gate_code_make(const unsigned char key[GATE_KEY_BYTES], int gate_id,
		    int serial, char out[GATE_CODE_LEN + 1])
{
	unsigned char b[CODE_PAYLOAD_BYTES], mac[GATE_MAC_BYTES];
	char tail[GATE_TOKEN_LEN];

	/* The top bit keeps a gate's payload apart from a card token's,
	 * should the two ever share a key. */
	put_u32(b, 0x80000000ul | (unsigned long)gate_id);
	put_u32(b + 4, (unsigned long)serial);
	sign(key, b, sizeof b, mac);
	sodium_bin2base64(tail, sizeof tail, mac, sizeof mac,
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	snprintf(out, GATE_CODE_LEN + 1, "%d-%s", gate_id, tail);
}

int gate_code_gate_id(const char *code)
{
	long id = 0;
	int n = 0;

	if (code == NULL || strnlen(code, GATE_CODE_LEN + 1) > GATE_CODE_LEN)
		return 0;
	if (sscanf(code, "%9ld-%n", &id, &n) != 1 || n == 0 || id <= 0 ||
	    code[0] < '1' || code[0] > '9')
		return 0;
	return (int)id;
}

bool gate_code_ok(const unsigned char key[GATE_KEY_BYTES], const char *code,
		  int gate_id, int serial)
{
	char want[GATE_CODE_LEN + 1];
	size_t n;

	if (code == NULL || gate_code_gate_id(code) != gate_id)
		return false;
	gate_code_make(key, gate_id, serial, want);
	n = strlen(want);
	return strnlen(code, GATE_CODE_LEN + 1) == n && sodium_memcmp(want, code, n) == 0;
}

enum scan_reason gate_token_reason(enum gate_token_status s)
{
	switch (s) {
	case TOKEN_OK:
		return SCAN_OK;
	case TOKEN_EXPIRED:
	case TOKEN_FROM_FUTURE:
		return SCAN_EXPIRED_CODE;
	case TOKEN_MALFORMED:
	case TOKEN_BAD_SIGNATURE:
	default:
		return SCAN_BAD_CODE;
	}
}

static void verdict(struct scan_verdict *out, enum scan_result res,
		    enum scan_reason why)
{
	out->result = res;
	out->reason = why;
}

/* Why a card that is not green keeps the student out. */
static enum scan_reason deny_reason(enum card_state s)
{
	switch (s) {
	case CARD_ABNORMAL:
		return SCAN_ABNORMAL;
	case CARD_NOT_ON_ROSTER:
		return SCAN_NOT_ON_ROSTER;
	case CARD_WAITING_CHECKINS:
		return SCAN_CHECKINS_MISSING;
	case CARD_WINDOW_NOT_OPEN:
		return SCAN_WINDOW_NOT_OPEN;
	case CARD_WINDOW_CLOSED:
		return SCAN_WINDOW_CLOSED;
	default:
		return SCAN_NOT_APPROVED;
	}
}

static void decide_gate(const struct card_facts *f,
			const struct card_verdict *card, struct scan_verdict *out)
{
	if (card->state == CARD_MAY_RETURN)
		verdict(out, SCAN_ALLOW, SCAN_OK);
	else if (f->arrived && card->state != CARD_ABNORMAL)
		verdict(out, SCAN_ALREADY, SCAN_ARRIVED);
	else
		verdict(out, SCAN_DENY, deny_reason(card->state));
}

static void decide_dorm(const struct card_facts *f,
			const struct card_verdict *card, struct scan_verdict *out)
{
	if (card->state == CARD_ABNORMAL)
		verdict(out, SCAN_DENY, SCAN_ABNORMAL);
	else if (card->state == CARD_RETURNED_BOARDER || f->moved_in)
		verdict(out, SCAN_ALREADY, SCAN_MOVED_IN);
	else if (card->state == CARD_MAY_RETURN_BOARDER ||
		 (card->state == CARD_RETURNED && f->boarder_now))
		verdict(out, SCAN_ALLOW, SCAN_OK);
	else if (card->state == CARD_RETURNED)
		verdict(out, SCAN_DENY, SCAN_NOT_BOARDER);
	else if (card->state == CARD_MAY_RETURN)
		verdict(out, SCAN_DENY, f->boarder_now ? SCAN_NOT_ARRIVED : SCAN_NOT_BOARDER);
	else
		verdict(out, SCAN_DENY, deny_reason(card->state));
}

void gate_decide(enum gate_kind kind, const struct card_facts *f,
		 const struct card_verdict *card, struct scan_verdict *out)
{
	if (kind == GATE_KIND_DORM)
		decide_dorm(f, card, out);
	else if (kind == GATE_KIND_ENTRANCE)
		verdict(out, SCAN_DENY, SCAN_NOT_HERE);
	else
		decide_gate(f, card, out);
}

const char *gate_kind_name(enum gate_kind k)
{
	return k == GATE_KIND_DORM ? "dorm" : k == GATE_KIND_ENTRANCE ? "entrance" : "gate";
}

enum gate_kind gate_kind_of(const char *name)
{
	if (name && !strcmp(name, "dorm"))
		return GATE_KIND_DORM;
	if (name && !strcmp(name, "entrance"))
		return GATE_KIND_ENTRANCE;
	return GATE_KIND_GATE;
}

const char *gate_reason_name(enum scan_reason r)
{
	static const char *const names[SCAN_REASON_COUNT] = {
		[SCAN_OK] = "ok",
		[SCAN_UNKNOWN_DEVICE] = "unknown_device",
		[SCAN_BAD_CODE] = "bad_code",
		[SCAN_EXPIRED_CODE] = "expired_code",
		[SCAN_REPLAYED] = "replayed",
		[SCAN_NOT_ON_ROSTER] = "not_on_roster",
		[SCAN_NOT_APPROVED] = "not_approved",
		[SCAN_ABNORMAL] = "abnormal",
		[SCAN_CHECKINS_MISSING] = "checkins_missing",
		[SCAN_WINDOW_NOT_OPEN] = "window_not_open",
		[SCAN_WINDOW_CLOSED] = "window_closed",
		[SCAN_ARRIVED] = "arrived",
		[SCAN_MOVED_IN] = "moved_in",
		[SCAN_NOT_ARRIVED] = "not_arrived",
		[SCAN_NOT_BOARDER] = "not_boarder",
		[SCAN_JUST_ADMITTED] = "just_admitted",
		[SCAN_NOT_HERE] = "not_here",
		[SCAN_WRONG_ENTRANCE] = "wrong_entrance",
		[SCAN_NO_PASS] = "no_pass",
		[SCAN_NOT_ALLOWED] = "not_allowed",
		[SCAN_FEVER] = "fever",
		[SCAN_TEMP_NOT_YET] = "temp_not_yet",
		[SCAN_TEMP_OVER] = "temp_over",
		[SCAN_BOOKING_TOO_EARLY] = "booking_too_early",
		[SCAN_BOOKING_LAPSED] = "booking_lapsed",
		[SCAN_BOOKING_DONE] = "booking_done",
	};
	if ((int)r < 0 || (int)r >= SCAN_REASON_COUNT)
		return "unknown";
	return names[r];
}

const char *gate_result_name(enum scan_result r)
{
	switch (r) {
	case SCAN_ALLOW: return "allow";
	case SCAN_ALREADY: return "already";
	case SCAN_DENY: return "deny";
	}
	return "deny";
}
