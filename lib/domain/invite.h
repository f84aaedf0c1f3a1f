/*
 * invite.h - 邀请卡片 (seed 004, 1.3): a counselor's invitation to their
 * group (a class of theirs, or all their students), a link and its QR to
 * share in the class chat. Opening it brings a member to their first
 * login (an imported account: the initial password, then their own) and
 * marks them joined; the group's page counts joined against its members.
 *
 * The link's token is "<id>.<mac>": the invitation's row id and 32 hex
 * digits of an HMAC-SHA256, under the site's "invite" key, of the id and
 * the row's random nonce. A forged or mistyped token fails the MAC; a
 * revoked invitation (revoked_at) is refused; one live invitation a group:
 * making a new one revokes the old.
 */
#ifndef HC_INVITE_H
#define HC_INVITE_H

#include "core/actor.h"
#include "core/err.h"

#include <stdbool.h>

#define INVITE_KEY_BYTES 32
#define INVITE_TOKEN_MAX 48   /* 10 digits, '.', 32 hex, NUL */

/* The token of invitation id with nonce (32 hex digits). Pure. */
void invite_token_make(const unsigned char key[INVITE_KEY_BYTES], long long id,
		       const char *nonce, char out[INVITE_TOKEN_MAX]);

/* The id a well-formed token names (1 .. 2^31-1), else 0; the MAC is not
 * checked here. Pure. */
long long invite_token_id(const char *token);

/* A new invitation for the actor's group (class_id 0: all their students;
 * else one of their classes, which the caller checked), revoking the live
 * one; its token into out. Audited (invite.issue). */
NEOERR *invite_issue(const struct actor *a, int class_id,
		     const unsigned char key[INVITE_KEY_BYTES], char out[INVITE_TOKEN_MAX]);

/* The live invitation of the actor's group: *found, its id and token. */
NEOERR *invite_current(const struct actor *a, int class_id,
		       const unsigned char key[INVITE_KEY_BYTES], bool *found,
		       long long *id, char out[INVITE_TOKEN_MAX]);

/* Revokes the live invitation of the actor's group; *done false when there
 * was none. Audited (invite.revoke). */
NEOERR *invite_revoke(const struct actor *a, int class_id, bool *done);

enum invite_status {
	INVITE_OK,           /* valid and live */
	INVITE_BAD,          /* malformed, unknown or forged */
	INVITE_REVOKED       /* revoked */
};

/* What a valid token names. */
struct invite_info {
	long long id;
	int counselor_id;
	int class_id;               /* 0: all the counselor's students */
	char counselor_name[257];
	char class_name[401];       /* "" for none */
};

/* Checks a token against its row. */
NEOERR *invite_open(const unsigned char key[INVITE_KEY_BYTES], const char *token,
		    enum invite_status *st, struct invite_info *info);

/* Is person a member of the invitation's group? */
NEOERR *invite_is_member(const struct invite_info *info, int person, bool *member);

enum invite_join_outcome {
	JOIN_DONE,           /* marked joined now */
	JOIN_ALREADY,        /* joined before: nothing changes */
	JOIN_STRANGER,       /* not a member of the group: nothing changes */
	JOIN_INVALID         /* the token is bad or revoked (meanwhile) */
};

/* The actor joins through the token: checked again and marked in one
 * transaction with its audit row (invite.join). */
NEOERR *invite_join(const struct actor *a, const unsigned char key[INVITE_KEY_BYTES],
		    const char *token, enum invite_join_outcome *out);

#endif
