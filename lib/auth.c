/*
 * auth.c - see auth.h. A wrong login costs the same time as a wrong
 * password (a dummy hash is verified), so timing does not tell which
 * accounts exist.
 */
#include "auth.h"
#include "db.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

NEOERR *auth_hash_password(const char *password, char out[128])
{
	if (crypto_pwhash_str(out, password, strlen(password),
			      crypto_pwhash_OPSLIMIT_INTERACTIVE,
			      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		return nerr_raise(NERR_NOMEM, "crypto_pwhash_str");
	return STATUS_OK;
}

static void minutes_ago(char out[20], int minutes)
{
	time_t t = time(NULL) - 60L * minutes;
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(out, 20, "%Y-%m-%d %H:%M:%S", &tm);
}

static NEOERR *check_lockout(const char *login, const char *addr, int window)
{
	char since[20];
	long long n;
	NEOERR *err;

	minutes_ago(since, window);
	err = db_scalar(&n, NULL,
		"SELECT COUNT(*) FROM login_failures WHERE login = ? AND at > ?",
		"ss", login, since);
	if (err)
		return nerr_pass(err);
	if (n >= conf_int("Auth.MaxFailsPerAccount", 5))
		return nerr_raise(HC_ERR_TOOMANY, "account %s locked: %lld failures", login, n);
	err = db_scalar(&n, NULL,
		"SELECT COUNT(*) FROM login_failures WHERE addr = ? AND at > ?",
		"ss", addr, since);
	if (err)
		return nerr_pass(err);
	if (n >= conf_int("Auth.MaxFailsPerAddress", 30))
		return nerr_raise(HC_ERR_TOOMANY, "address %s locked: %lld failures", addr, n);
	return STATUS_OK;
}

NEOERR *auth_check_password(const char *login, const char *password,
			    const char *addr, int *person_id, int *retry_minutes)
{
	/* Verified when the login is unknown, to spend the same time. */
	static char dummy[crypto_pwhash_STRBYTES];
	int window = conf_int("Auth.FailWindowMinutes", 15);
	DB_CURSOR *c = NULL;
	char hash[crypto_pwhash_STRBYTES] = "";
	char now[20];
	long long id = 0;
	NEOERR *err;

	*person_id = 0;
	*retry_minutes = window;
	if (dummy[0] == '\0' && auth_hash_password("not a password", dummy) != STATUS_OK)
		return nerr_raise(NERR_NOMEM, "dummy hash");
	err = check_lockout(login, addr, window);
	if (err)
		return nerr_pass(err);
	err = db_query(&c,
		"SELECT person_id, pw_hash FROM accounts WHERE login = ? AND disabled = 0",
		"s", login);
	if (err)
		return nerr_pass(err);
	if (db_next(c) && db_str(c, 1)) {
		id = db_int(c, 0);
		snprintf(hash, sizeof hash, "%s", db_str(c, 1));
	}
	db_cursor_free(&c);
	if (crypto_pwhash_str_verify(id ? hash : dummy, password, strlen(password)) == 0 && id) {
		*person_id = (int)id;
		return nerr_pass(db_exec(NULL, NULL,
			"DELETE FROM login_failures WHERE login = ?", "s", login));
	}
	app_now(now);
	return nerr_pass(db_exec(NULL, NULL,
		"INSERT INTO login_failures (at, login, addr) VALUES (?, ?, ?)",
		"sss", now, login, addr));
}
