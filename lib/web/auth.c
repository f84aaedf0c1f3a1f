/*
 * auth.c - see auth.h. A wrong login costs the same time as a wrong
 * password (a dummy hash is verified), so timing does not tell which
 * accounts exist.
 */
#include "web/auth.h"
#include "web/app.h"
#include "core/conf.h"
#include "core/db.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

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

/* One attempt, inside one transaction. The account's row is locked first,
 * so parallel attempts on one account are counted one after the other:
 * never more verified than the limit allows. A login that names no
 * account has nothing to protect and no row to lock. */
struct attempt {
	const char *login, *password;
	const char *addr;
	const char *dummy;
	int window;
	int person_id;
	bool locked;
};

static NEOERR *attempt_in_txn(void *ctx)
{
	struct attempt *a = ctx;
	DB_CURSOR *c = NULL;
	char hash[crypto_pwhash_STRBYTES] = "";
	char since[20], now[20];
	long long id = 0, fails = 0;
	NEOERR *err;

	a->person_id = 0;
	a->locked = false;
	err = db_query(&c,
		"SELECT person_id, pw_hash FROM accounts "
		"WHERE login = ? AND disabled = 0 FOR UPDATE", "s", a->login);
	if (err)
		return nerr_pass(err);
	if (db_next(c) && db_str(c, 1)) {
		id = db_int(c, 0);
		snprintf(hash, sizeof hash, "%s", db_str(c, 1));
	}
	db_cursor_free(&c);
	minutes_ago(since, a->window);
	err = db_scalar(&fails, NULL,
		"SELECT COUNT(*) FROM login_failures WHERE login = ? AND at > ?",
		"ss", a->login, since);
	if (err)
		return nerr_pass(err);
	if (fails >= conf_int("Auth.MaxFailsPerAccount", 5)) {
		a->locked = true;
		return STATUS_OK;
	}
	if (crypto_pwhash_str_verify(id ? hash : a->dummy, a->password,
				     strlen(a->password)) == 0 && id) {
		a->person_id = (int)id;
		return nerr_pass(db_exec(NULL, NULL,
			"DELETE FROM login_failures WHERE login = ?", "s", a->login));
	}
	app_now(now);
	return nerr_pass(db_exec(NULL, NULL,
		"INSERT INTO login_failures (at, login, addr) VALUES (?, ?, ?)",
		"sss", now, a->login, a->addr));
}

/* An address past its limit (password spraying, or a campus NAT) is
 * slowed, never locked: its wrong answers come later, up to two seconds.
 * A right password is never held back, and one address's failures never
 * lock an account they did not name. */
static void slow_address(const char *addr, int window)
{
	char since[20];
	long long n = 0;
	int over;

	minutes_ago(since, window);
	if (db_scalar(&n, NULL,
		      "SELECT COUNT(*) FROM login_failures WHERE addr = ? AND at > ?",
		      "ss", addr, since) != STATUS_OK)
		return;  /* the limit is a courtesy; the answer stays right */
	over = (int)(n - conf_int("Auth.MaxFailsPerAddress", 30));
	if (over > 0)
		usleep(over >= 20 ? 2000000u : 100000u * (unsigned)over);
}

NEOERR *auth_check_password(const char *login, const char *password,
			    const char *addr, int *person_id, int *retry_minutes)
{
	/* Verified when the login is unknown, to spend the same time. */
	static char dummy[crypto_pwhash_STRBYTES];
	struct attempt a = { login, password, addr, dummy, 0, 0, false };
	NEOERR *err;

	a.window = conf_int("Auth.FailWindowMinutes", 15);
	*person_id = 0;
	*retry_minutes = a.window;
	if (dummy[0] == '\0' && auth_hash_password("not a password", dummy) != STATUS_OK)
		return nerr_raise(NERR_NOMEM, "dummy hash");
	err = db_txn(attempt_in_txn, &a);
	if (err)
		return nerr_pass(err);
	if (a.locked)
		return nerr_raise(HC_ERR_TOOMANY, "account %s locked", login);
	if (a.person_id == 0)
		slow_address(addr, a.window);
	*person_id = a.person_id;
	return STATUS_OK;
}
