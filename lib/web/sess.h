/*
 * sess.h - who is asking: sessions in the database, the CSRF token bound
 * to the session cookie, and the two identity modes (local / remote_user).
 */
#ifndef HC_SESS_H
#define HC_SESS_H

#include "web/req.h"

/* Reads the secret key; once per process. */
NEOERR *sess_init(void);

/* Fills r->who from the session cookie (local mode) or REMOTE_USER
 * (remote_user mode); gives an anonymous visitor a fresh cookie token so
 * that forms can carry a CSRF token before login. */
NEOERR *sess_load(struct req *r);

/* The CSRF token for this request's cookie (43 chars + NUL). */
void sess_csrf_token(struct req *r, char out[48]);
bool sess_csrf_ok(struct req *r, const char *token);

/* Starts a session for person_id under a new cookie token (the old one,
 * if any, is deleted: no session fixation). */
NEOERR *sess_login(struct req *r, int person_id);
/* Ends the session and hands out a fresh anonymous token. */
NEOERR *sess_logout(struct req *r);

/* Loads name, roles and college of a person into *w. */
NEOERR *sess_load_who(int person_id, struct actor *w, bool *found);

/* "Who.Is.Student" etc. for a single R_* bit. */
const char *sess_role_hdf_name(unsigned role_bit);

/* A key for one purpose ("scan", "gatecode", ...) derived from the site's
 * secret: a token made for one use can never pass as another's. */
void sess_subkey(const char *purpose, unsigned char out[32]);

/* The Ed25519 key pair of a purpose ("scan", "pass", "booking"): the
 * subkey is its seed (crypto_sign_seed_keypair), so the signing key needs
 * no file of its own and is the same on every web host. sk may be NULL
 * (only the public key is wanted); the caller wipes sk after use. */
void sess_signkey(const char *purpose, unsigned char pk[32], unsigned char sk[64]);

/* True in remote_user mode (Auth.Mode = remote_user). */
bool sess_remote_user_mode(void);

#endif
