/*
 * mintsess.c - logged-in sessions for many students at once, for the
 * benchmark: a write measured over 30,000 distinct students needs 30,000
 * sessions, and 30,000 logins through /login would spend ~25 CPU-minutes
 * in argon2id before the first measured request.
 *
 *   mintsess [--purge] [PERSON_ID...]      ids as arguments, or one a line
 *                                         on stdin when none are given
 *   mintsess --purge-only
 *
 * Each session is a row of `sessions` as sess_login() writes it (the hash
 * of a fresh token, created now, expiring after Auth.SessionHours), marked
 * addr = 'mintsess' so that --purge deletes the ones minted before.
 * Prints one line a person: PERSON_ID TAB COOKIE TAB CSRF, where COOKIE is
 * the hc_sid value and CSRF the form token the pages expect with it (from
 * sess_csrf_token(); URL-safe base64, so it goes into a form body as is).
 * Reads the site's key and database like the pages do ($HEALTHCARD_CONF).
 *
 * The token's shape and hash repeat lib/web/sess.c's new_token() and
 * token_hash(), which are private there; tools/bench.sh checks a minted
 * cookie on /card and its CSRF token on /checkin before it measures, so a
 * change to either fails the benchmark instead of measuring redirects.
 *
 * Exit status: 0, 1 on a database or configuration error, 2 on bad usage.
 */
#include "web/app.h"
#include "core/conf.h"
#include "core/db.h"
#include "web/sess.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define TOKEN_BYTES 32
#define SESSION_BIT 0x80           /* lib/web/sess.c: a logged-in session's token */
#define MINT_ADDR "mintsess"

struct mint {
	int *ids;
	size_t n;
	bool purge;
	char (*tokens)[48];          /* n cookie tokens, filled by mint_in_txn() */
};

static void mint_token(char out[48])
{
	unsigned char b[TOKEN_BYTES];

	randombytes_buf(b, sizeof b);
	b[0] |= SESSION_BIT;
	sodium_bin2base64(out, 48, b, sizeof b, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

static void stamp(time_t t, char out[20])
{
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(out, 20, "%Y-%m-%d %H:%M:%S", &tm);
}

/* All or nothing: a half-minted list would measure fewer students than
 * it says. db_txn() may run this again; every try draws new tokens. */
static NEOERR *mint_in_txn(void *arg)
{
	struct mint *m = arg;
	char now[20], expires[20];
	time_t t = time(NULL);
	NEOERR *err;

	stamp(t, now);
	stamp(t + 3600L * conf_int("Auth.SessionHours", 12), expires);
	if (m->purge) {
		err = db_exec(NULL, NULL, "DELETE FROM sessions WHERE addr = ?", "s", MINT_ADDR);
		if (err)
			return nerr_pass(err);
	}
	for (size_t i = 0; i < m->n; i++) {
		unsigned char h[32];

		mint_token(m->tokens[i]);
		crypto_generichash(h, sizeof h, (const unsigned char *)m->tokens[i],
				   strlen(m->tokens[i]), NULL, 0);
		err = db_exec(NULL, NULL,
			"INSERT INTO sessions (token_hash, person_id, created_at, expires_at, addr) "
			"VALUES (?, ?, ?, ?, ?)", "bisss", h, sizeof h, (long long)m->ids[i],
			now, expires, MINT_ADDR);
		if (err)
			return nerr_pass(err);
	}
	return STATUS_OK;
}

/* Appends a person id from text (trailing blanks allowed); false if it is
 * not one, or on running out of memory. */
static bool add_id(struct mint *m, size_t *cap, const char *s)
{
	char *end;
	long v = strtol(s, &end, 10);

	while (*end == ' ' || *end == '\t' || *end == '\n' || *end == '\r')
		end++;
	if (s == end || *end != '\0' || v <= 0 || v > 2147483647L)
		return false;
	if (m->n == *cap) {
		int *more = realloc(m->ids, (*cap = *cap ? *cap * 2 : 1024) * sizeof *more);
		if (more == NULL)
			return false;
		m->ids = more;
	}
	m->ids[m->n++] = (int)v;
	return true;
}

static int usage(void)
{
	fprintf(stderr, "usage: mintsess [--purge] [PERSON_ID...]   (ids on stdin when none)\n"
			"       mintsess --purge-only\n");
	return 2;
}

int main(int argc, char **argv)
{
	struct mint m = { 0 };
	size_t cap = 0;
	bool only_purge = false;
	int i = 1, rc = 1;
	NEOERR *err;

	for (; i < argc && !strncmp(argv[i], "--", 2); i++) {
		if (!strcmp(argv[i], "--purge"))
			m.purge = true;
		else if (!strcmp(argv[i], "--purge-only"))
			m.purge = only_purge = true;
		else
			return usage();
	}
	if (only_purge && i < argc)
		return usage();
	if (i < argc) {
		for (; i < argc; i++)
			if (!add_id(&m, &cap, argv[i])) {
				fprintf(stderr, "mintsess: not a person id: %s\n", argv[i]);
				rc = usage();
				goto cleanup;
			}
	} else if (!only_purge) {
		char line[64];

		while (fgets(line, sizeof line, stdin))
			if (!add_id(&m, &cap, line)) {
				fprintf(stderr, "mintsess: not a person id: %s", line);
				rc = usage();
				goto cleanup;
			}
	}

	err = app_init_tool();
	if (err == STATUS_OK)
		err = sess_init();
	if (err == STATUS_OK && m.n > 0 && (m.tokens = calloc(m.n, sizeof *m.tokens)) == NULL)
		err = nerr_raise(NERR_NOMEM, "%zu tokens", m.n);
	if (err == STATUS_OK)
		err = db_txn(mint_in_txn, &m);
	if (err) {
		nerr_log_error(err);
		nerr_ignore(&err);
		goto cleanup;
	}
	for (size_t k = 0; k < m.n; k++) {
		struct req r = { 0 };
		char csrf[48];

		memcpy(r.sid, m.tokens[k], sizeof r.sid);
		sess_csrf_token(&r, csrf);
		printf("%d\t%s\t%s\n", m.ids[k], m.tokens[k], csrf);
	}
	rc = fflush(stdout) == 0 ? 0 : 1;
cleanup:
	db_close_all();
	free(m.tokens);
	free(m.ids);
	return rc;
}
