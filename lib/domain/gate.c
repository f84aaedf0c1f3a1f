/* gate.c - see gate.h. */
#include "domain/gate.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#define CODE_PAYLOAD_BYTES 8 /* gate, serial */

/* The printed gate code's MAC (a secret key: nobody verifies it but us). */
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

/* The length of s cut to at most max bytes, not inside a UTF-8 character. */
static size_t utf8_cut(const char *s, size_t max)
{
	size_t n = strnlen(s, max + 1);

	if (n <= max)
		return n;
	n = max;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return n;
}

void gate_token_make(const unsigned char sk[TOKEN_SK_BYTES], const struct gate_token *t,
		     long long now, unsigned long nonce, char out[GATE_TOKEN_MAX + 1])
{
	unsigned char b[TOKEN_BODY_MAX];
	size_t nn = strnlen(t->number, GATE_NUMBER_MAX), nm = utf8_cut(t->name, GATE_NAME_MAX);

	token_put_u32(b, (unsigned long)t->person_id);
	b[4] = (unsigned char)t->state;
	b[5] = (unsigned char)nn;
	memcpy(b + 6, t->number, nn);
	memcpy(b + 6 + nn, t->name, nm);
	token_seal(sk, TOKEN_KIND_CARD, now, nonce, b, 6 + nn + nm, out, GATE_TOKEN_MAX + 1);
}

enum gate_token_status gate_token_check(const unsigned char pk[TOKEN_PK_BYTES],
					const char *token, long long now,
					struct gate_token *t)
{
	struct token_open o;
	enum gate_token_status s = token_check(pk, TOKEN_KIND_CARD, token, now, 6,
					       6 + GATE_NUMBER_MAX + GATE_NAME_MAX, &o);
	size_t nn;

	memset(t, 0, sizeof *t);
	if (s == TOKEN_MALFORMED || s == TOKEN_BAD_SIGNATURE)
		return s;
	nn = o.body[5];
	if (nn > GATE_NUMBER_MAX || 6 + nn > o.n || o.n - 6 - nn > GATE_NAME_MAX ||
	    o.body[4] >= CARD_STATE_COUNT || token_get_u32(o.body) == 0 ||
	    token_get_u32(o.body) > 0x7fffffffUL ||
	    memchr(o.body + 6, '\0', o.n - 6) != NULL)
		return TOKEN_BAD_SIGNATURE;  /* never issued: a key misused elsewhere */
	t->person_id = (int)token_get_u32(o.body);
	t->issued_at = o.issued_at;
	t->state = o.body[4];
	memcpy(t->number, o.body + 6, nn);
	memcpy(t->name, o.body + 6 + nn, o.n - 6 - nn);
	memcpy(t->mac, o.id, GATE_MAC_BYTES);
	return s;
}

void gate_code_make(const unsigned char key[GATE_KEY_BYTES], int gate_id,
		    int serial, char out[GATE_CODE_LEN + 1])
{
	unsigned char b[CODE_PAYLOAD_BYTES], mac[GATE_MAC_BYTES];
	char tail[40];

	/* The top bit keeps a gate's payload apart from a card token's,
	 * should the two ever share a key. */
	token_put_u32(b, 0x80000000ul | (unsigned long)gate_id);
	token_put_u32(b + 4, (unsigned long)serial);
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

enum scan_reason gate_state_reason(enum card_state s)
{
	return deny_reason(s);
}

enum scan_result gate_offline_result(const struct gate_token *t)
{
	return t->state == CARD_MAY_RETURN ? SCAN_ALLOW : SCAN_DENY;
}

enum scan_reason gate_offline_flag(enum gate_token_status at_scan, long long scanned_at,
				   long long now, const struct scan_verdict *server)
{
	if (at_scan != TOKEN_OK || scanned_at > now + GATE_TOKEN_SKEW)
		return SCAN_EXPIRED_CODE;
	if (server->result == SCAN_DENY)
		return server->reason;
	return SCAN_OK;
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
