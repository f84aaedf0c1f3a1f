/*
 * auth.h - local passwords (argon2id through libsodium) and the limits on
 * failed logins, per account and per address.
 */
#ifndef HC_AUTH_H
#define HC_AUTH_H

#include "core/err.h"

/* Hashes a password for storage (argon2id, interactive limits). */
NEOERR *auth_hash_password(const char *password, char out[128]);

/* Checks login and password. On success *person_id is set; on a wrong
 * login or password it is 0 and the failure is recorded. Raises
 * HC_ERR_TOOMANY while the account is locked out (Auth.MaxFailsPerAccount
 * failures in Auth.FailWindowMinutes, counted exactly under parallel
 * attempts); then *retry_minutes says for how long at most. An address
 * past Auth.MaxFailsPerAddress is slowed, never locked out. */
NEOERR *auth_check_password(const char *login, const char *password,
			    const char *addr, int *person_id, int *retry_minutes);

#endif
