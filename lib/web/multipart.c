/* multipart.c - see multipart.h. */
#include "web/multipart.h"
#include "core/err.h"

#include <ctype.h>
#include <stdbool.h>
#include <string.h>

#define MAX_HEADERS 8192

/* The first occurrence of needle in hay[0..len), or NULL. */
static const char *find(const char *hay, size_t len, const char *needle, size_t n)
{
	return n <= len ? memmem(hay, len, needle, n) : NULL;
}

/* Copies the value of parameter name (quoted or not) from a header value
 * such as 'form-data; name="file"; filename="a.png"' into out. */
static bool header_param(const char *v, size_t vlen, const char *name,
			 char *out, size_t n)
{
	size_t nlen = strlen(name);
	const char *end = v + vlen, *p = v;

	while (p < end) {
		const char *semi = memchr(p, ';', (size_t)(end - p));
		if (semi == NULL)
			return false;
		p = semi + 1;
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if ((size_t)(end - p) <= nlen || strncasecmp(p, name, nlen) || p[nlen] != '=')
			continue;
		p += nlen + 1;
		size_t k = 0;
		if (p < end && *p == '"') {
			/* Browsers send a quote in a name as %22 (HTML's form
			 * submission rules); a backslash escape is taken too. */
			for (p++; p < end && *p != '"'; p++) {
				if (*p == '\\' && p + 1 < end)
					p++;
				if (k + 1 >= n)
					return false;
				out[k++] = *p;
			}
			if (p >= end)
				return false;
		} else {
			for (; p < end && *p != ';' && *p != ' ' && *p != '\t'; p++) {
				if (k + 1 >= n)
					return false;
				out[k++] = *p;
			}
		}
		out[k] = '\0';
		return true;
	}
	return false;
}

/* Reads one part's header lines from h[0..len) into part. */
static NEOERR *part_headers(const char *h, size_t len, struct multipart_part *part)
{
	bool disposition = false;
	const char *end = h + len;

	while (h < end) {
		const char *eol = find(h, (size_t)(end - h), "\r\n", 2);
		const char *line_end = eol ? eol : end;
		const char *colon = memchr(h, ':', (size_t)(line_end - h));
		const char *v;
		size_t name_len, vlen;

		if (colon == NULL)
			return nerr_raise(HC_ERR_BADREQ, "a part's header line without ':'");
		name_len = (size_t)(colon - h);
		v = colon + 1;
		while (v < line_end && (*v == ' ' || *v == '\t'))
			v++;
		vlen = (size_t)(line_end - v);
		if (name_len == 19 && !strncasecmp(h, "Content-Disposition", 19)) {
			if (disposition)
				return nerr_raise(HC_ERR_BADREQ, "two Content-Disposition headers in a part");
			disposition = true;
			if (vlen < 9 || strncasecmp(v, "form-data", 9) ||
			    (vlen > 9 && v[9] != ';' && v[9] != ' '))
				return nerr_raise(HC_ERR_BADREQ, "a part that is not form-data");
			if (!header_param(v, vlen, "name", part->name, sizeof part->name) ||
			    part->name[0] == '\0')
				return nerr_raise(HC_ERR_BADREQ, "a part without a name");
			part->has_filename = header_param(v, vlen, "filename", part->filename,
							  sizeof part->filename);
		} else if (name_len == 12 && !strncasecmp(h, "Content-Type", 12)) {
			if (vlen >= sizeof part->content_type)
				return nerr_raise(HC_ERR_BADREQ, "a part's Content-Type too long");
			memcpy(part->content_type, v, vlen);
			part->content_type[vlen] = '\0';
		}
		h = eol ? eol + 2 : end;
	}
	if (!disposition)
		return nerr_raise(HC_ERR_BADREQ, "a part without Content-Disposition");
	return STATUS_OK;
}

NEOERR *multipart_parse(const char *body, size_t len, const char *boundary,
			multipart_fn fn, void *ctx)
{
	char delim[80];          /* "\r\n--" boundary */
	size_t dlen, blen = boundary ? strlen(boundary) : 0;
	const char *p, *end = body + len;
	int parts = 0;

	if (blen == 0 || blen > 70)
		return nerr_raise(HC_ERR_BADREQ, "no usable multipart boundary");
	dlen = (size_t)snprintf(delim, sizeof delim, "\r\n--%s", boundary);
	/* The first delimiter opens the body (no preamble from a browser),
	 * or follows a preamble line. */
	if (len >= dlen - 2 && !memcmp(body, delim + 2, dlen - 2))
		p = body + dlen - 2;
	else if ((p = find(body, len, delim, dlen)) != NULL)
		p += dlen;
	else
		return nerr_raise(HC_ERR_BADREQ, "no multipart delimiter in the body");

	for (;;) {
		struct multipart_part part;
		const char *h, *hend, *next;
		NEOERR *err;

		/* After a delimiter: "--" closes the body, else CRLF (after
		 * optional white space) opens a part. */
		if (end - p >= 2 && p[0] == '-' && p[1] == '-')
			return parts ? STATUS_OK :
			       nerr_raise(HC_ERR_BADREQ, "a multipart body without parts");
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
			return nerr_raise(HC_ERR_BADREQ, "a delimiter not followed by CRLF");
		h = p + 2;
		if (++parts > MULTIPART_MAX_PARTS)
			return nerr_raise(HC_ERR_BADREQ, "more than %d parts", MULTIPART_MAX_PARTS);
		if (end - h >= 2 && h[0] == '\r' && h[1] == '\n') {
			hend = h;          /* no header at all */
		} else {
			hend = find(h, (size_t)(end - h) < MAX_HEADERS ? (size_t)(end - h) : MAX_HEADERS,
				    "\r\n\r\n", 4);
			if (hend == NULL)
				return nerr_raise(HC_ERR_BADREQ, "a part's headers do not end");
		}
		memset(&part, 0, sizeof part);
		err = part_headers(h, (size_t)(hend - h), &part);
		if (err)
			return nerr_pass(err);
		part.data = hend + (hend == h ? 2 : 4);
		next = find(part.data, (size_t)(end - part.data), delim, dlen);
		if (next == NULL)
			return nerr_raise(HC_ERR_BADREQ, "a part without a closing delimiter");
		part.len = (size_t)(next - part.data);
		err = fn(ctx, &part);
		if (err)
			return nerr_pass(err);
		p = next + dlen;
	}
}
