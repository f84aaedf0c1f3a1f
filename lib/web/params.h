/*
 * params.h - the request's own syntaxes, split without judging the text:
 * application/x-www-form-urlencoded (the query string and form bodies),
 * the Cookie header and the Content-Type header. Pure and reentrant;
 * lib/web/input.c checks what they yield. Fuzzed by tests/fuzz/fuzz_input.c.
 */
#ifndef HC_PARAMS_H
#define HC_PARAMS_H

#include <ClearSilver.h>
#include <stdbool.h>
#include <stddef.h>

/* Called once per name=value pair with both decoded, NUL-terminated
 * (the decoded text may itself hold NULs: the lengths are the truth). */
typedef NEOERR *(*params_fn)(void *ctx, const char *name, size_t name_len,
			     const char *value, size_t value_len);

/* Splits s[0..len) at '&', each pair at its first '=', and decodes '+'
 * and %XX. A '%' without two hex digits is HC_ERR_BADREQ; empty pairs
 * ("a=1&&b=2") are skipped. */
NEOERR *params_urlencoded(const char *s, size_t len, params_fn fn, void *ctx);

/* Splits a Cookie header ("a=1; b=2") into its pairs, values as sent
 * (cookies are not %-decoded: ours never need it). Pairs without '='
 * are skipped, as browsers do. */
NEOERR *params_cookies(const char *header, params_fn fn, void *ctx);

/* A Content-Type header taken apart. */
struct media_type {
	char type[64];           /* lower case, "multipart/form-data" */
	char charset[32];        /* lower case; "" when not given */
	char boundary[72];       /* as given, unquoted; "" when not given */
	bool boundary_bad;       /* given, but not 1..70 of RFC 2046's bchars */
};

/* False when the header is not "type/subtype *(; name=value)". */
bool params_media_type(const char *header, struct media_type *m);

#endif
