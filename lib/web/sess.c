/*
 * sess.c - see sess.h. The cookie carries 32 random bytes; the database
 * keeps only their hash, so a leaked table does not leak sessions. The CSRF
 * token is an HMAC of the cookie token under the site's secret key: bound
 * to the session, checkable without a database round trip.
 */
#include "web/sess.h"
#include "core/conf.h"
#include "core/db.h"
#include "core/days.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define TOKEN_BYTES 32

static unsigned char secret[crypto_auth_hmacsha256_KEYBYTES];

NEOERR *sess_init(void)
{
	const char *path = conf_str("Auth.SecretFile", NULL);
	char hex[2 * sizeof secret + 2];
	size_t got = 0;
	FILE *f;

	if (path == NULL)
		return nerr_raise(NERR_ASSERT, "Auth.SecretFile is not configured");
	f = fopen(path, "r");
	if (f == NULL)
		return nerr_raise_errno(NERR_IO, "cannot read %s", path);
	if (fgets(hex, sizeof hex, f) == NULL)
		hex[0] = '\0';
	fclose(f);
	if (sodium_hex2bin(secret, sizeof secret, hex, strlen(hex), "\n", &got, NULL) ||
	    got != sizeof secret)
		return nerr_raise(NERR_ASSERT, "%s: want %zu hex bytes", path, sizeof secret);
	return STATUS_OK;
}

void sess_subkey(const char *purpose, unsigned char out[32])
{
	crypto_auth_hmacsha256_state st;

	crypto_auth_hmacsha256_init(&st, secret, sizeof secret);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)"key|", 4);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)purpose, strlen(purpose));
	crypto_auth_hmacsha256_final(&st, out);
}

void sess_signkey(const char *purpose, unsigned char pk[32], unsigned char sk[64])
{
	unsigned char seed[32], sk_[crypto_sign_SECRETKEYBYTES];

	sess_subkey(purpose, seed);
	crypto_sign_seed_keypair(pk, sk ? sk : sk_, seed);
	sodium_memzero(seed, sizeof seed);
	sodium_memzero(sk_, sizeof sk_);
}

bool sess_remote_user_mode(void)
{
	return !strcmp(conf_str("Auth.Mode", "local"), "remote_user");
}

/*
 * Tokens of logged-in sessions have the top bit of their first byte set;
 * a visitor's anonymous token (what a login form's CSRF token is bound to)
 * has it clear. A request with an anonymous token is then answered without
 * looking for a session that cannot exist: the login page, a gate phone.
 * Clearing the bit of a real token only makes its holder anonymous.
 */
#define SESSION_BIT 0x80

static void new_token(char out[48], bool session)
{
	unsigned char b[TOKEN_BYTES];

	randombytes_buf(b, sizeof b);
	b[0] = session ? (unsigned char)(b[0] | SESSION_BIT) : (unsigned char)(b[0] & ~SESSION_BIT);
	sodium_bin2base64(out, 48, b, sizeof b, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

/* *session: the token is one a login made (see new_token()). */
static bool token_well_formed(const char *t, bool *session)
{
	unsigned char b[TOKEN_BYTES];
	size_t got = 0;

	*session = false;
	/* The alphabet is checked here: libsodium's decoder takes some bytes
	 * above 0x7f as digits (found by tests/fuzz/fuzz_session.c). */
	if (t == NULL || strlen(t) != 43 ||
	    strspn(t, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") != 43)
		return false;
	if (sodium_base642bin(b, sizeof b, t, 43, NULL, &got, NULL,
			      sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 || got != TOKEN_BYTES)
		return false;
	*session = (b[0] & SESSION_BIT) != 0;
	return true;
}

static void token_hash(const char *token, unsigned char out[32])
{
	crypto_generichash(out, 32, (const unsigned char *)token, strlen(token), NULL, 0);
}

const char *sess_role_hdf_name(unsigned bit)
{
	switch (bit) {
	case R_STUDENT: return "Who.Is.Student";
	case R_STAFF: return "Who.Is.Staff";
	case R_COUNSELOR: return "Who.Is.Counselor";
	case R_REVIEWER: return "Who.Is.Reviewer";
	case R_ADMIN: return "Who.Is.Admin";
	case R_GATE: return "Who.Is.Gate";
	case R_DORM: return "Who.Is.Dorm";
	case R_COLLEGE_ADMIN: return "Who.Is.CollegeAdmin";
	case R_DEPT_HEAD: return "Who.Is.DeptHead";
	}
	return "Who.Is.Unknown";
}

static unsigned role_bit(const char *role)
{
	static const struct { const char *name; unsigned bit; } map[] = {
		{ "counselor", R_COUNSELOR }, { "reviewer", R_REVIEWER },
		{ "admin", R_ADMIN }, { "gate", R_GATE }, { "dorm", R_DORM },
		{ "college_admin", R_COLLEGE_ADMIN }, { "dept_head", R_DEPT_HEAD },
	};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (!strcmp(map[i].name, role))
			return map[i].bit;
	return 0;
}


/* Who a person is, with their roles, in one row. */
#define WHO_COLUMNS \
	"SELECT p.id, p.name, p.number, p.identity, p.college_id, a.login, " \
	" GROUP_CONCAT(CONCAT(r.role, ':', COALESCE(r.org_id, 0))), a.must_change_pw " \
	"FROM people p JOIN accounts a ON a.person_id = p.id AND a.disabled = 0 " \
	"LEFT JOIN roles r ON r.person_id = p.id "

static void who_from_row(DB_CURSOR *c, struct actor *w)
{
	const char *roles = db_str(c, 6);

	memset(w, 0, sizeof *w);
	DB_FILL(c, 0, w->person_id, w->name, w->number);
	w->roles = !strcmp(db_str(c, 3), "staff") ? R_STAFF : R_STUDENT;
	DB_FILL(c, 4, w->college_id, w->login);
	w->must_change_pw = db_int(c, 7) != 0;
	while (roles && *roles) {
		char name[24] = "";
		int org = 0, n = 0;

		if (sscanf(roles, "%23[a-z_]:%d%n", name, &org, &n) != 2)
			break;
		unsigned bit = role_bit(name);
		w->roles |= bit;
		if (bit == R_REVIEWER)
			w->reviewer_college_id = org;
		if (bit == R_COLLEGE_ADMIN)
			w->admin_college_id = org;
		if (bit == R_DEPT_HEAD)
			w->head_college_id = org;
		roles += n;
		if (*roles == ',')
			roles++;
	}
}

/* Reads the cursor's one row (if any) into *w and frees the cursor. */
static void who_fetch(DB_CURSOR **c, struct actor *w, bool *found)
{
	*found = db_next(*c) && db_str(*c, 0);
	if (*found)
		who_from_row(*c, w);
	else
		memset(w, 0, sizeof *w);
	db_cursor_free(c);
}

NEOERR *sess_load_who(int person_id, struct actor *w, bool *found)
{
	DB_CURSOR *c = NULL;
	NEOERR *err = db_query(&c, WHO_COLUMNS "WHERE p.id = ? GROUP BY p.id",
			       "i", (long long)person_id);

	if (err)
		return nerr_pass(err);
	who_fetch(&c, w, found);
	return STATUS_OK;
}

/*
 * Who a request is, read anew on every request in one statement: by the
 * session token's hash (local mode) or by the login name Apache vouches
 * for (remote_user mode). A logout, an expiry or a disabled account takes
 * effect on the very next request, on every host.
 */
NEOERR *sess_load(struct req *r)
{
	const char *cookie = hdf_get_value(r->hdf, "Cookie.hc_sid", NULL);
	unsigned char h[32];
	char now[20];
	DB_CURSOR *c = NULL;
	bool session = false, found;
	NEOERR *err;

	memset(&r->who, 0, sizeof r->who);
	if (token_well_formed(cookie, &session)) {
		db_copy(r->sid, sizeof r->sid, cookie);
	} else {
		new_token(r->sid, false);
		r->sid_is_new = true;
	}
	if (sess_remote_user_mode()) {
		const char *ru = hdf_get_value(r->hdf, "CGI.RemoteUser", NULL);
		if (ru == NULL)
			return STATUS_OK;
		err = db_query(&c, WHO_COLUMNS "WHERE a.login = ? GROUP BY p.id", "s", ru);
	} else {
		if (r->sid_is_new || !session)
			return STATUS_OK;
		token_hash(r->sid, h);
		clock_now(now);
		err = db_query(&c, WHO_COLUMNS "JOIN sessions s ON s.person_id = p.id "
			"WHERE s.token_hash = ? AND s.expires_at > ? GROUP BY p.id",
			"bs", h, sizeof h, now);
	}
	if (err)
		return nerr_pass(err);
	who_fetch(&c, &r->who, &found);
	r->session_lost = session && !found && !sess_remote_user_mode();
	return STATUS_OK;
}

void sess_csrf_token(struct req *r, char out[48])
{
	unsigned char mac[crypto_auth_hmacsha256_BYTES];
	crypto_auth_hmacsha256_state st;

	crypto_auth_hmacsha256_init(&st, secret, sizeof secret);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)"csrf|", 5);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)r->sid, strlen(r->sid));
	crypto_auth_hmacsha256_final(&st, mac);
	sodium_bin2base64(out, 48, mac, sizeof mac, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

bool sess_csrf_ok(struct req *r, const char *token)
{
	char want[48];

	/* A fresh cookie token means the browser sent none: nothing to match. */
	if (token == NULL || r->sid_is_new || strlen(token) != 43)
		return false;
	sess_csrf_token(r, want);
	return sodium_memcmp(want, token, 43) == 0;
}

/* The request's session is gone from the database (a logout, or a new
 * login over it). */
static NEOERR *end_session(struct req *r)
{
	unsigned char h[32];

	token_hash(r->sid, h);
	return nerr_pass(db_exec(NULL, NULL, "DELETE FROM sessions WHERE token_hash = ?",
				 "b", h, sizeof h));
}

NEOERR *sess_login(struct req *r, int person_id)
{
	unsigned char h[32];
	char now[20], expires[20];
	time_t t = time(NULL) + 3600L * conf_int("Auth.SessionHours", 12);
	struct tm tm;
	bool found;
	NEOERR *err;

	if (!r->sid_is_new && (err = end_session(r)))
		return nerr_pass(err);
	new_token(r->sid, true);
	r->sid_is_new = true;
	token_hash(r->sid, h);
	clock_now(now);
	localtime_r(&t, &tm);
	strftime(expires, sizeof expires, "%Y-%m-%d %H:%M:%S", &tm);
	err = db_exec(NULL, NULL,
		"INSERT INTO sessions (token_hash, person_id, created_at, expires_at, addr) "
		"VALUES (?, ?, ?, ?, ?)", "bisss", h, sizeof h, (long long)person_id,
		now, expires, hdf_get_value(r->hdf, "CGI.RemoteAddress", NULL));
	if (err)
		return nerr_pass(err);
	return nerr_pass(sess_load_who(person_id, &r->who, &found));
}

NEOERR *sess_logout(struct req *r)
{
	NEOERR *err = end_session(r);

	if (err)
		return nerr_pass(err);
	memset(&r->who, 0, sizeof r->who);
	new_token(r->sid, false);
	r->sid_is_new = true;
	return STATUS_OK;
}
