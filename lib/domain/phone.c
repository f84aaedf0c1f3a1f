/* phone.c - see phone.h. */
#include "domain/phone.h"
#include "domain/audit.h"
#include "core/conf.h"
#include "core/db.h"
#include "core/days.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define CODE_DIGITS 6

bool phone_gateway(void)
{
	return conf_int("Phone.Gateway", 0) != 0;
}

bool phone_valid(const char *p)
{
	if (p == NULL || strlen(p) != 11 || p[0] != '1' || p[1] < '3' || p[1] > '9')
		return false;
	for (int i = 2; i < 11; i++)
		if (p[i] < '0' || p[i] > '9')
			return false;
	return true;
}

/* The code's hash, bound to the person and the number it was sent to. */
static void code_hash(const char *code, int person, const char *phone, unsigned char out[32])
{
	char text[96];

	snprintf(text, sizeof text, "%s:%d:%s", code, person, phone);
	crypto_generichash(out, 32, (const unsigned char *)text, strlen(text), NULL, 0);
	sodium_memzero(text, sizeof text);
}

/* "138****5678": the number in audit rows. */
static void masked(const char *phone, char out[40])
{
	size_t n = strlen(phone);

	if (n >= 7)
		snprintf(out, 40, "%.3s****%s", phone, phone + n - 4);
	else
		snprintf(out, 40, "****");
}

NEOERR *phone_is_confirmed(int person, bool *confirmed)
{
	long long yes = 0;
	NEOERR *err = db_scalar(&yes, NULL, "SELECT p.phone IS NOT NULL AND "
				"p.phone = p.phone_confirmed FROM people p WHERE p.id = ?",
				"i", (long long)person);

	*confirmed = yes != 0;
	return nerr_pass(err);
}

struct op {
	const struct actor *a;
	int person;
	const char *text;
	struct outcome *out;
};

static NEOERR *send_in_txn(void *ctx)
{
	struct op *x = ctx;
	char code[CODE_DIGITS + 1], now[20], until[20], payload[700], shown[40], until_min[12];
	unsigned char hash[32];
	long long recent = 0;
	int minutes = conf_int("Phone.CodeMinutes", 10);
	NEOERR *err;

	*x->out = (struct outcome){ .ok = true, .id = x->a->person_id };
	/* One code a minute: the outbox is no free SMS service. */
	err = db_scalar(&recent, NULL, "SELECT COUNT(*) FROM phone_codes WHERE person_id = ? "
			"AND created_at > NOW() - INTERVAL 60 SECOND FOR UPDATE", "i",
			(long long)x->a->person_id);
	if (err || outcome_refuse_if(x->out, recent, "", "phone.err.too_soon"))
		return nerr_pass(err);
	snprintf(code, sizeof code, "%0*u", CODE_DIGITS, randombytes_uniform(1000000));
	code_hash(code, x->a->person_id, x->text, hash);
	day_clock_text(time(NULL), 0, now);
	day_clock_text(time(NULL) + 60 * (minutes > 0 ? minutes : 10), 0, until);
	err = db_exec(NULL, NULL, "INSERT INTO phone_codes (person_id, phone, code_hash, created_at, "
		      "expires_at, attempts) VALUES (?, ?, ?, ?, ?, 0) ON DUPLICATE KEY UPDATE "
		      "phone = VALUES(phone), code_hash = VALUES(code_hash), "
		      "created_at = VALUES(created_at), expires_at = VALUES(expires_at), attempts = 0",
		      "isbss", (long long)x->a->person_id, x->text, hash, sizeof hash, now, until);
	/* The outbox sends to people.phone: the number typed, until confirmed. */
	if (err == STATUS_OK)
		err = db_exec(NULL, NULL, "UPDATE people SET phone = ? WHERE id = ?", "si",
			      x->text, (long long)x->a->person_id);
	/* The pack's two slots: {reason} the code, {day} its minutes. */
	snprintf(until_min, sizeof until_min, "%d", minutes > 0 ? minutes : 10);
	notify_text("phone_code", until_min, code, payload, sizeof payload);
	sodium_memzero(code, sizeof code);
	if (err == STATUS_OK)
		err = db_exec(NULL, NULL, "INSERT INTO outbox (person_id, channel, payload, created_at) "
			      "VALUES (?, ?, ?, ?)", "isss", (long long)x->a->person_id,
			      conf_str("Outbox.Channel", "sms"), payload, now);
	sodium_memzero(payload, sizeof payload);
	if (err)
		return nerr_pass(err);
	masked(x->text, shown);
	return nerr_pass(audit_write(x->a, now, "phone.code_sent", x->a->person_id, "person",
				  x->a->person_id, shown));
}

NEOERR *phone_send_code(const struct actor *a, const char *phone, struct outcome *out)
{
	struct op x = { a, a->person_id, phone, out };

	*out = (struct outcome){ .ok = true };
	if (outcome_refuse_if(out, !phone_gateway(), "", "phone.err.no_gateway"))
		return STATUS_OK;
	if (outcome_refuse_if(out, !phone_valid(phone), "phone", "phone.err.format"))
		return STATUS_OK;
	return nerr_pass(db_txn(send_in_txn, &x));
}

static NEOERR *confirm_in_txn(void *ctx)
{
	struct op *x = ctx;
	DB_CURSOR *c = NULL;
	unsigned char want[32], given[32];
	char phone[33] = "", now[20], shown[40];
	long long attempts = 0;
	bool found, expired = false;
	int max = conf_int("Phone.MaxAttempts", 5);
	NEOERR *err;

	*x->out = (struct outcome){ .ok = true, .id = x->a->person_id };
	day_clock_text(time(NULL), 0, now);
	err = db_query(&c, "SELECT phone, code_hash, attempts, expires_at <= ? FROM phone_codes "
		       "WHERE person_id = ? FOR UPDATE", "si", now, (long long)x->a->person_id);
	if (err)
		return nerr_pass(err);
	found = db_next(c);
	if (found) {
		DB_FILL(c, 0, phone);
		if (db_len(c, 1) == sizeof want)
			memcpy(want, db_str(c, 1), sizeof want);
		else
			memset(want, 0, sizeof want);
		DB_FILL(c, 2, attempts, expired);
	}
	db_cursor_free(&c);
	if (outcome_refuse_if(x->out, !found, "code", "phone.err.no_code"))
		return STATUS_OK;
	if (outcome_refuse_if(x->out, expired, "code", "phone.err.expired"))
		return STATUS_OK;
	if (outcome_refuse_if(x->out, attempts >= max, "code", "phone.err.attempts"))
		return STATUS_OK;
	code_hash(x->text, x->a->person_id, phone, given);
	masked(phone, shown);
	if (sodium_memcmp(want, given, sizeof want) != 0) {
		/* The try counts, whatever happens next: committed with the refusal. */
		err = db_exec(NULL, NULL, "UPDATE phone_codes SET attempts = attempts + 1 "
			      "WHERE person_id = ?", "i", (long long)x->a->person_id);
		if (err == STATUS_OK)
			err = audit_write(x->a, now, "phone.code_wrong", x->a->person_id, "person",
					  x->a->person_id, shown);
		if (err)
			return nerr_pass(err);
		outcome_refuse(x->out, "code", attempts + 1 >= max ? "phone.err.attempts" : "phone.err.wrong");
		return STATUS_OK;
	}
	err = db_exec(NULL, NULL, "UPDATE people SET phone = ?, phone_confirmed = ?, "
		      "phone_confirmed_at = ? WHERE id = ?", "sssi", phone, phone, now,
		      (long long)x->a->person_id);
	if (err == STATUS_OK)
		err = db_exec(NULL, NULL, "DELETE FROM phone_codes WHERE person_id = ?", "i",
			      (long long)x->a->person_id);
	if (err)
		return nerr_pass(err);
	return nerr_pass(audit_write(x->a, now, "phone.confirm", x->a->person_id, "person",
				  x->a->person_id, shown));
}

NEOERR *phone_confirm_code(const struct actor *a, const char *code, struct outcome *out)
{
	struct op x = { a, a->person_id, code, out };

	return nerr_pass(db_txn(confirm_in_txn, &x));
}

static NEOERR *by_hand_in_txn(void *ctx)
{
	struct op *x = ctx;
	DB_CURSOR *c = NULL;
	char phone[33] = "", now[20], shown[40];
	long long college = 0;
	bool found;
	NEOERR *err;

	*x->out = (struct outcome){ .ok = true, .id = x->person };
	err = db_query(&c, "SELECT COALESCE(phone, ''), COALESCE(college_id, 0) FROM people "
		       "WHERE id = ? FOR UPDATE", "i", (long long)x->person);
	if (err)
		return nerr_pass(err);
	found = DB_FIRST(&c, 0, phone, college);
	if (outcome_out_of_reach(x->out, x->a, found, (int)college))
		return STATUS_OK;
	if (outcome_refuse_if(x->out, !phone[0], "", "phone.err.none"))
		return STATUS_OK;
	day_clock_text(time(NULL), 0, now);
	err = db_exec(NULL, NULL, "UPDATE people SET phone_confirmed = phone, phone_confirmed_at = ? "
		      "WHERE id = ?", "si", now, (long long)x->person);
	if (err == STATUS_OK)
		err = db_exec(NULL, NULL, "DELETE FROM phone_codes WHERE person_id = ?", "i",
			      (long long)x->person);
	if (err)
		return nerr_pass(err);
	masked(phone, shown);
	return nerr_pass(audit_write(x->a, now, "phone.confirm_by_hand", x->person, "person",
				  x->person, shown));
}

NEOERR *phone_confirm_by_hand(const struct actor *a, int person, struct outcome *out)
{
	struct op x = { a, person, NULL, out };

	return nerr_pass(db_txn(by_hand_in_txn, &x));
}
