/*
 * hcadmin.c - the first school admin of an empty school, without a
 * database client:
 *
 *   echo 'a long password' | hc-admin create LOGIN NAME
 *
 * reads the password from the first line of stdin (8 to 128 characters;
 * never from the command line, where `ps` would show it), and makes a
 * staff person numbered LOGIN, their account and the school admin role,
 * in one transaction with its audit row. Refused (exit 1) when the school
 * has an enabled school admin already: from then on, people, accounts and
 * roles are made on the pages (/people, /org). Uses the pages'
 * configuration ($HEALTHCARD_CONF) and their database user.
 *
 *   hc-admin get KEY [DEFAULT]
 *
 * prints a key of that configuration as the pages read it (its includes
 * and nested blocks resolved): healthcard-admin's way to the database's
 * name, the uploads folder, the key file.
 */
#include "web/app.h"
#include "web/auth.h"
#include "domain/account.h"
#include "core/conf.h"
#include "core/utf8.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

static int usage(void)
{
	fprintf(stderr, "usage: hc-admin create LOGIN NAME  (the password on stdin)\n"
			"       hc-admin get KEY [DEFAULT]\n");
	return 2;
}

static int get(int argc, char **argv)
{
	NEOERR *err = app_init_tool();

	if (err) {
		nerr_log_error(err);
		return 1;
	}
	printf("%s\n", conf_str(argv[2], argc > 3 ? argv[3] : ""));
	return 0;
}

int main(int argc, char **argv)
{
	char password[256] = "", hash[128];
	struct outcome o = { 0 };
	size_t len;
	long chars;
	NEOERR *err;

	if (argc >= 3 && argc <= 4 && !strcmp(argv[1], "get"))
		return get(argc, argv);
	if (argc != 4 || strcmp(argv[1], "create"))
		return usage();
	if (!*argv[2] || strlen(argv[2]) > 32 || !*argv[3] || utf8_chars(argv[3]) > 64 ||
	    utf8_bad_at(argv[2], strlen(argv[2]), 0) >= 0 ||
	    utf8_bad_at(argv[3], strlen(argv[3]), 0) >= 0) {
		fprintf(stderr, "hc-admin: LOGIN is 1 to 32 bytes, NAME 1 to 64 characters\n");
		return 2;
	}
	if (fgets(password, sizeof password, stdin) == NULL)
		password[0] = '\0';
	len = strcspn(password, "\r\n");
	password[len] = '\0';
	chars = utf8_chars(password);
	if (chars < 8 || chars > 128) {
		fprintf(stderr, "hc-admin: the password (stdin's first line) has 8 to 128 characters\n");
		return 2;
	}
	err = app_init_tool();
	if (err == STATUS_OK)
		err = auth_hash_password(password, hash);
	sodium_memzero(password, sizeof password);
	if (err == STATUS_OK)
		err = account_first_admin(argv[2], argv[3], hash, &o);
	sodium_memzero(hash, sizeof hash);
	if (err) {
		nerr_log_error(err);
		return 1;
	}
	if (!o.ok) {
		fprintf(stderr, "hc-admin: %s\n", !strcmp(o.msg, "account.err.has_admin") ?
			"the school has a school admin already: use /people" :
			"that login or number is taken");
		return 1;
	}
	printf("school admin %s (person %lld) made: log in at /login\n", argv[2], o.id);
	return 0;
}
