/* pass.c - see pass.h. */
#include "domain/pass.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BODY_BYTES 13  /* person, building, entrance, direction */

void pass_token_make(const unsigned char sk[TOKEN_SK_BYTES], const struct pass_token *p,
		     long long now, unsigned long nonce, char out[PASS_TOKEN_LEN + 1])
{
	unsigned char b[BODY_BYTES];

	token_put_u32(b, (unsigned long)p->person_id);
	token_put_u32(b + 4, (unsigned long)p->building_id);
	token_put_u32(b + 8, (unsigned long)p->entrance_id);
	b[12] = p->direction == PASS_OUT ? 1 : 0;
	token_seal(sk, TOKEN_KIND_PASS, now, nonce, b, sizeof b, out, PASS_TOKEN_LEN + 1);
}

enum gate_token_status pass_token_check(const unsigned char pk[TOKEN_PK_BYTES],
					const char *token, long long now,
					struct pass_token *t)
{
	struct token_open o;
	enum gate_token_status s = token_check(pk, TOKEN_KIND_PASS, token, now,
					       BODY_BYTES, BODY_BYTES, &o);

	memset(t, 0, sizeof *t);
	if (s == TOKEN_MALFORMED || s == TOKEN_BAD_SIGNATURE)
		return s;
	t->person_id = (int)token_get_u32(o.body);
	t->issued_at = o.issued_at;
	t->building_id = (int)token_get_u32(o.body + 4);
	t->entrance_id = (int)token_get_u32(o.body + 8);
	t->direction = o.body[12] ? PASS_OUT : PASS_IN;
	memcpy(t->mac, o.id, GATE_MAC_BYTES);
	if (t->person_id <= 0 || t->building_id <= 0 || t->entrance_id <= 0 || o.body[12] > 1)
		return TOKEN_BAD_SIGNATURE;  /* never issued */
	return s;
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
