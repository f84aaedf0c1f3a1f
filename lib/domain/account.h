/*
 * account.h - the accounts people log in with, and the roles they act in.
 * An admin makes an account (the password chosen then must be changed at
 * the first login), disables it (its sessions end in the same
 * transaction) or enables it, unlocks it after failed logins, and hands
 * over a one-time reset link (24 hours, usable once; only its hash is
 * kept). Roles are given and taken with their scope: a college for a
 * college reviewer, a college admin or a department head (dept_head: the
 * first reviewer of its staff's returns). The last school admin is never
 * taken away (by a role removed or an account disabled). The school admin
 * acts on everyone; a college admin on their own college's people who are
 * no school admin, and gives only counselor, reviewer and department head
 * roles there.
 * Passwords arrive hashed (lib/web/auth.h), but for the check of the old
 * one on a change.
 */
#ifndef HC_ACCOUNT_H
#define HC_ACCOUNT_H

#include "core/outcome.h"
#include <ClearSilver.h>

#define ACCOUNT_TOKEN_LEN 43          /* the reset link's token */
#define ACCOUNT_RESET_SECONDS 86400L

/* Someone a person names (a 代填人, a group's collector): the person with
 * a live account whose number is given, never the actor. *id that person;
 * else *id 0 and *why "number" (no such account) or "self". */
NEOERR *account_nameable(const struct actor *a, const char *number, long long *id,
			 const char **why);

/* Outcome fields: login (taken, or the person has an account). */
NEOERR *account_create(const struct actor *a, int person_id, const char *login,
		       const char *pw_hash, bool must_change, struct outcome *out);

NEOERR *account_set_disabled(const struct actor *a, int person_id, bool disabled,
			     struct outcome *out);

/* Forgets the failed logins that lock the account. */
NEOERR *account_unlock(const struct actor *a, int person_id, struct outcome *out);

/* A new reset link's token (earlier unused ones are void). */
NEOERR *account_reset_issue(const struct actor *a, int person_id,
			    char token[ACCOUNT_TOKEN_LEN + 1], struct outcome *out);

/* Whether token is a reset link that may still be used; *person its
 * account's person. */
NEOERR *account_reset_valid(const char *token, int *person, bool *valid);

/* Uses the link: the new password, the account's sessions ended, its
 * failed logins forgotten. Refused (out->ok false, msg
 * "password.reset_gone") when used, expired or unknown. */
NEOERR *account_reset_use(const char *token, const char *pw_hash,
			  const char *request_id, const char *addr, struct outcome *out);

/* The actor's own change: the old password checked first (field
 * old_password), the must-change mark cleared, other sessions kept. */
NEOERR *account_change_password(const struct actor *a, const char *old_password,
				const char *pw_hash, struct outcome *out);

/* role: "counselor", "reviewer", "admin", "gate", "dorm", "college_admin", "dept_head";
 * org_id: the college of a reviewer, college admin or department head,
 * else 0. Outcome
 * fields: role, org_id. */
NEOERR *account_grant(const struct actor *a, int person_id, const char *role, int org_id,
		      struct outcome *out);
NEOERR *account_revoke(const struct actor *a, int person_id, const char *role,
		       struct outcome *out);

/* The first school admin of an empty school (tools/hcadmin.c): a staff
 * person numbered login, their account (no change required: they chose
 * the password) and the admin role, in one transaction with its audit
 * row. Refused (msg "account.err.has_admin") when an enabled school
 * admin exists; field login when the number or login is taken. */
NEOERR *account_first_admin(const char *login, const char *name, const char *pw_hash,
			    struct outcome *out);

#endif
