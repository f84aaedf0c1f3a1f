/* invite.c - see invite.h. */
#include "domain/invite.h"
#include "domain/audit.h"
#include "core/db.h"
#include "core/days.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#define MAC_HEX 32

static void mac_hex(const unsigned char key[INVITE_KEY_BYTES], long long id,
		    const char *nonce, char out[MAC_HEX + 1])
{
	unsigned char full[crypto_auth_hmacsha256_BYTES];
	char msg[80];
	int n = snprintf(msg, sizeof msg, "invite:%lld:%s", id, nonce);

	crypto_auth_hmacsha256(full, (const unsigned char *)msg, (size_t)n, key);
	sodium_bin2hex(out, MAC_HEX + 1, full, MAC_HEX / 2);
}

void invite_token_make(const unsigned char key[INVITE_KEY_BYTES], long long id,
		       const char *nonce, char out[INVITE_TOKEN_MAX])
{
	char mac[MAC_HEX + 1];

	mac_hex(key, id, nonce, mac);
	snprintf(out, INVITE_TOKEN_MAX, "%lld.%s", id, mac);
}

long long invite_token_id(const char *token)
{
	long long id = 0;
	size_t i = 0, len;

	if (token == NULL || (len = strnlen(token, INVITE_TOKEN_MAX)) >= INVITE_TOKEN_MAX)
		return 0;
	for (; i < len && token[i] >= '0' && token[i] <= '9' && i < 10; i++)
		id = id * 10 + (token[i] - '0');
	if (i == 0 || token[0] == '0' || token[i] != '.' || id > 2147483647LL ||
	    len - i - 1 != MAC_HEX)
		return 0;
	for (size_t j = i + 1; j < len; j++)
		if (!((token[j] >= '0' && token[j] <= '9') || (token[j] >= 'a' && token[j] <= 'f')))
			return 0;
	return id;
}

struct issue_ctx {
	const struct actor *a;
	int class_id;
	const unsigned char *key;
	char *out;
};

static NEOERR *revoke_live(const struct actor *a, int class_id, const char *now,
			   unsigned long long *n)
{
	return nerr_pass(db_exec(n, NULL,
		"UPDATE group_invites SET revoked_at = ?, revoked_by = ? "
		"WHERE counselor_id = ? AND class_id <=> NULLIF(?, 0) AND revoked_at IS NULL",
		"siii", now, (long long)a->person_id, (long long)a->person_id,
		(long long)class_id));
}

static NEOERR *issue_in_txn(void *arg)
{
	struct issue_ctx *x = arg;
	unsigned char raw[16];
	char nonce[33], now[20], detail[32];
	long long id = 0;
	NEOERR *err;

	clock_now(now);
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(nonce, sizeof nonce, raw, sizeof raw);
	err = revoke_live(x->a, x->class_id, now, NULL);
	if (err == STATUS_OK)
		err = db_exec(NULL, &id, "INSERT INTO group_invites (counselor_id, class_id, nonce, "
			      "created_at) VALUES (?, NULLIF(?, 0), ?, ?)", "iiss",
			      (long long)x->a->person_id, (long long)x->class_id, nonce, now);
	if (err)
		return nerr_pass(err);
	snprintf(detail, sizeof detail, "class=%d", x->class_id);
	invite_token_make(x->key, id, nonce, x->out);
	return nerr_pass(audit_write(x->a, now, "invite.issue", 0, "group_invite", id, detail));
}

NEOERR *invite_issue(const struct actor *a, int class_id,
		     const unsigned char key[INVITE_KEY_BYTES], char out[INVITE_TOKEN_MAX])
{
	struct issue_ctx x = { a, class_id, key, out };
	return nerr_pass(db_txn(issue_in_txn, &x));
}

NEOERR *invite_current(const struct actor *a, int class_id,
		       const unsigned char key[INVITE_KEY_BYTES], bool *found,
		       long long *id, char out[INVITE_TOKEN_MAX])
{
	DB_CURSOR *c = NULL;
	NEOERR *err = db_query(&c, "SELECT id, nonce FROM group_invites "
		"WHERE counselor_id = ? AND class_id <=> NULLIF(?, 0) AND revoked_at IS NULL "
		"ORDER BY id DESC LIMIT 1", "ii", (long long)a->person_id, (long long)class_id);

	if (err)
		return nerr_pass(err);
	*found = db_next(c);
	if (*found) {
		*id = db_int(c, 0);
		invite_token_make(key, *id, db_str(c, 1), out);
	}
	db_cursor_free(&c);
	return STATUS_OK;
}

struct revoke_ctx {
	const struct actor *a;
	int class_id;
	bool *done;
};

static NEOERR *revoke_in_txn(void *arg)
{
	struct revoke_ctx *x = arg;
	unsigned long long n = 0;
	char now[20], detail[32];
	NEOERR *err;

	clock_now(now);
	err = revoke_live(x->a, x->class_id, now, &n);
	*x->done = n > 0;
	if (err || n == 0)
		return nerr_pass(err);
	snprintf(detail, sizeof detail, "class=%d", x->class_id);
	return nerr_pass(audit_write(x->a, now, "invite.revoke", 0, "group_invite", 0, detail));
}

NEOERR *invite_revoke(const struct actor *a, int class_id, bool *done)
{
	struct revoke_ctx x = { a, class_id, done };
	return nerr_pass(db_txn(revoke_in_txn, &x));
}

/* Reads and checks the token's row; `lock` takes it FOR UPDATE (a join
 * then waits for a revocation in flight, and the other way round). */
static NEOERR *open_token(const unsigned char key[INVITE_KEY_BYTES], const char *token,
			  bool lock, enum invite_status *st, struct invite_info *info)
{
	long long id = invite_token_id(token);
	char want[INVITE_TOKEN_MAX];
	DB_CURSOR *c = NULL;
	NEOERR *err;

	memset(info, 0, sizeof *info);
	*st = INVITE_BAD;
	if (id == 0)
		return STATUS_OK;
	err = db_query(&c, lock ?
		"SELECT i.nonce, i.revoked_at IS NOT NULL, i.counselor_id, COALESCE(i.class_id, 0), "
		" c.name, o.name FROM group_invites i JOIN people c ON c.id = i.counselor_id "
		"LEFT JOIN org_units o ON o.id = i.class_id WHERE i.id = ? FOR UPDATE" :
		"SELECT i.nonce, i.revoked_at IS NOT NULL, i.counselor_id, COALESCE(i.class_id, 0), "
		" c.name, o.name FROM group_invites i JOIN people c ON c.id = i.counselor_id "
		"LEFT JOIN org_units o ON o.id = i.class_id WHERE i.id = ?", "i", id);
	if (err)
		return nerr_pass(err);
	if (db_next(c)) {
		invite_token_make(key, id, db_str(c, 0), want);
		if (strlen(want) == strlen(token) &&
		    sodium_memcmp(want, token, strlen(want)) == 0) {
			*st = db_int(c, 1) ? INVITE_REVOKED : INVITE_OK;
			info->id = id;
			DB_FILL(c, 2, info->counselor_id, info->class_id,
				info->counselor_name, info->class_name);
		}
	}
	db_cursor_free(&c);
	return STATUS_OK;
}

NEOERR *invite_open(const unsigned char key[INVITE_KEY_BYTES], const char *token,
		    enum invite_status *st, struct invite_info *info)
{
	return nerr_pass(open_token(key, token, false, st, info));
}

NEOERR *invite_is_member(const struct invite_info *info, int person, bool *member)
{
	long long n = 0;
	NEOERR *err = db_scalar(&n, NULL,
		"SELECT COUNT(*) FROM counselor_assignments ca JOIN people p ON p.id = ca.student_id "
		"WHERE ca.counselor_id = ? AND ca.student_id = ? AND (? = 0 OR p.class_id = ?)",
		"iiii", (long long)info->counselor_id, (long long)person,
		(long long)info->class_id, (long long)info->class_id);

	*member = n > 0;
	return nerr_pass(err);
}

struct join_ctx {
	const struct actor *a;
	const unsigned char *key;
	const char *token;
	enum invite_join_outcome *out;
};

static NEOERR *join_in_txn(void *arg)
{
	struct join_ctx *x = arg;
	struct invite_info info;
	enum invite_status st;
	unsigned long long n = 0;
	bool member;
	char now[20];
	NEOERR *err = open_token(x->key, x->token, true, &st, &info);

	if (err)
		return nerr_pass(err);
	if (st != INVITE_OK) {
		*x->out = JOIN_INVALID;
		return STATUS_OK;
	}
	err = invite_is_member(&info, x->a->person_id, &member);
	if (err)
		return nerr_pass(err);
	if (!member) {
		*x->out = JOIN_STRANGER;
		return STATUS_OK;
	}
	clock_now(now);
	err = db_exec(&n, NULL, "INSERT IGNORE INTO group_joins (person_id, invite_id, joined_at) "
		      "VALUES (?, ?, ?)", "iis", (long long)x->a->person_id, info.id, now);
	if (err)
		return nerr_pass(err);
	*x->out = n ? JOIN_DONE : JOIN_ALREADY;
	if (n == 0)
		return STATUS_OK;
	return nerr_pass(audit_write(x->a, now, "invite.join", x->a->person_id, "group_invite",
				     info.id, NULL));
}

NEOERR *invite_join(const struct actor *a, const unsigned char key[INVITE_KEY_BYTES],
		    const char *token, enum invite_join_outcome *out)
{
	struct join_ctx x = { a, key, token, out };
	return nerr_pass(db_txn(join_in_txn, &x));
}
