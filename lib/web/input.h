/*
 * input.h - a request's input, checked before any handler runs (the
 * gate in run_request()): the body's type and size against the action's
 * declaration, then every parameter (query string and body) and cookie.
 * Handlers read only what passed: Query.<name> and Cookie.<name> in the
 * request's HDF, and an upload's files through input_file().
 *
 * The rules, for every action:
 *   - a body larger than the action's cap is 413 before a byte is read;
 *   - a body is application/x-www-form-urlencoded (a charset, if named,
 *     is utf-8) or, on an action that takes an upload (A_UPLOAD),
 *     multipart/form-data with a boundary; anything else is 400;
 *   - a parameter's name is 1..64 of [A-Za-z0-9_-];
 *   - its value is good text (lib/utf8.h): tab and line breaks only in
 *     the parameters the action names in .lines;
 *   - a name given twice is 400 unless the action names it in .lists;
 *   - a parameter the action declares in .params has its type (each
 *     value of a list), and a required one is there: else 400 (404 for
 *     one marked notfound), Error.Field naming it.
 * Bad text in a field of the action's form (.form) does not stop the
 * request: the field is marked (Input.Refused.<name>) and form_check()
 * re-renders the form with 400 and a message at that field. Anything
 * else bad is HC_ERR_BADREQ with Error.Field naming the parameter.
 */
#ifndef HC_INPUT_H
#define HC_INPUT_H

#include "web/req.h"

/* The cap on an action's body: .max_body, else Uploads.MaxBytes + 64 KiB
 * for an upload action, else Limits.MaxBody. */
long input_body_cap(const struct action *a);

/* Before reading the body: its declared length against the cap (413)
 * and its type against the action (400). content_length may be NULL. */
NEOERR *input_check_head(const struct action *a, const char *content_type,
			 const char *content_length, long *length);

/* Checks and stores the query string, the cookies and the body (r->body,
 * r->body_len, read by the caller) as the rules above say. */
NEOERR *input_parse(struct req *r, const struct action *a, const char *query,
		    const char *cookies, const char *content_type);

/* After the guards, before the handler: the action's typed parameters. */
NEOERR *input_check_params(struct req *r, const struct action_param *params);

/* The bytes of the file sent as parameter name (they live as long as the
 * request); false when none was sent. Its file name is Query.<name>. */
bool input_file(struct req *r, const char *name, const char **data, size_t *len);

#endif
