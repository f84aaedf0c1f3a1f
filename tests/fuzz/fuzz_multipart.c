/*
 * fuzz_multipart.c - libFuzzer harness for lib/web/multipart.c, the parser of
 * an upload's body. An input is a boundary line, then the body:
 * "boundary\nbody...". Beyond "no crash": every part lies inside the
 * body, its name is not empty, and its bytes hold no delimiter and are
 * followed by one (else a part ended too late or too early).
 */
#include "web/multipart.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

NERR_TYPE HC_ERR_BADREQ;

struct seen {
	const char *body;
	size_t len;
	char delim[80];
	size_t dlen;
};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	nerr_init();
	nerr_register(&HC_ERR_BADREQ, "BadRequest");
	return 0;
}

static NEOERR *check_part(void *ctx, const struct multipart_part *p)
{
	struct seen *s = ctx;

	if (p->data < s->body || p->data + p->len > s->body + s->len)
		abort();
	if (p->name[0] == '\0' || strlen(p->name) >= sizeof p->name)
		abort();
	if (p->len >= s->dlen && memmem(p->data, p->len, s->delim, s->dlen))
		abort();
	/* ... and ends right where a delimiter begins. */
	if ((size_t)(s->body + s->len - (p->data + p->len)) < s->dlen ||
	    memcmp(p->data + p->len, s->delim, s->dlen))
		abort();
	return STATUS_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *nl = memchr(data, '\n', size);
	char boundary[128];
	struct seen s;
	size_t blen;
	char *body;
	NEOERR *err;

	if (nl == NULL || (blen = (size_t)(nl - (const char *)data)) >= sizeof boundary)
		return 0;
	memcpy(boundary, data, blen);
	boundary[blen] = '\0';
	/* An exact-size copy: ASan sees any read past the body. */
	s.len = size - blen - 1;
	body = malloc(s.len ? s.len : 1);
	if (body == NULL)
		return 0;
	memcpy(body, nl + 1, s.len);
	s.body = body;
	s.dlen = (size_t)snprintf(s.delim, sizeof s.delim, "\r\n--%s", boundary);
	err = multipart_parse(body, s.len, boundary, check_part, &s);
	nerr_ignore(&err);
	free(body);
	return 0;
}
