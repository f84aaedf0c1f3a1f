/*
 * multipart.h - multipart/form-data (RFC 7578) over a body already in
 * memory, for the actions that take an upload.
 *
 * Why not ClearSilver's parser (cgi/rfc2388.c in 0.10.5): it keeps the
 * boundary's pointer and length in static variables across requests, so
 * a body without "boundary=" makes it dereference NULL (a process dies on
 * any anonymous POST: issue 13, finding 1), and a boundary of another
 * length that lands at a freed boundary's address is matched with the
 * old length (2 in 80 uploads from alternating browsers failed). It also
 * parses before the action, its cap and the CSRF check are known, and
 * writes every file part to a temporary file. This parser is small,
 * keeps no state between calls, copies nothing (parts point into the
 * body) and is fuzzed (tests/fuzz/fuzz_multipart.c).
 */
#ifndef HC_MULTIPART_H
#define HC_MULTIPART_H

#include <ClearSilver.h>
#include <stdbool.h>
#include <stddef.h>

/* One part: name and filename from its Content-Disposition (filename NULL
 * when it is a plain field), content_type "" when not given, and its
 * bytes, pointing into the body. */
struct multipart_part {
	char name[128];
	char filename[256];
	char content_type[128];
	bool has_filename;
	const char *data;
	size_t len;
};

typedef NEOERR *(*multipart_fn)(void *ctx, const struct multipart_part *part);

/* At most this many parts in a body. */
#define MULTIPART_MAX_PARTS 64

/* Calls fn for each part of body[0..len) delimited by boundary, in order.
 * Anything malformed (no delimiter, no closing delimiter, a part without
 * a name, headers past 8 KiB, more than MULTIPART_MAX_PARTS parts) is
 * HC_ERR_BADREQ. */
NEOERR *multipart_parse(const char *body, size_t len, const char *boundary,
			multipart_fn fn, void *ctx);

#endif
