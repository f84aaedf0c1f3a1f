/*
 * fuzz_session.c - libFuzzer harness for cookies and session tokens: a
 * Cookie header through the gate (lib/web/input.c, lib/web/params.c) to the
 * session cookie's token check and the CSRF token bound to it
 * (lib/web/sess.c, included here for its static token_well_formed()). An
 * input is the Cookie header, a NUL, then a CSRF token to try.
 *
 * Beyond "no crash": a well-formed token is 43 characters of base64url;
 * the CSRF token made for it passes and the tried one passes only when it
 * is that token.
 */
#include "../../lib/web/sess.c"

#include "web/input.h"

#include <stdint.h>

static NEOERR *no_handler(struct req *r) { (void)r; return STATUS_OK; }
static const struct action page = { "", M_GET, R_ANON, no_handler };

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	NEOERR *err;

	(void)argc;
	(void)argv;
	err = app_init_tool();
	nerr_ignore(&err);
	memset(secret, 9, sizeof secret);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nul = memchr(data, 0, size);
	size_t hlen = nul ? (size_t)(nul - data) : size;
	char *header = malloc(hlen + 1), *tried = NULL;
	struct req r = { 0 };
	HDF *hdf = NULL;
	const char *cookie;
	bool session;
	NEOERR *err;

	if (header == NULL || hdf_init(&hdf))
		abort();
	memcpy(header, data, hlen);
	header[hlen] = '\0';
	if (nul) {
		tried = malloc(size - hlen);
		if (tried == NULL)
			abort();
		memcpy(tried, nul + 1, size - hlen - 1);
		tried[size - hlen - 1] = '\0';
	}
	r.hdf = hdf;
	err = input_parse(&r, &page, NULL, header, NULL);
	cookie = hdf_get_value(hdf, "Cookie.hc_sid", NULL);
	if (err == STATUS_OK && token_well_formed(cookie, &session)) {
		char want[48];

		if (strlen(cookie) != 43 ||
		    strspn(cookie, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") != 43)
			abort();
		snprintf(r.sid, sizeof r.sid, "%s", cookie);
		sess_csrf_token(&r, want);
		if (!sess_csrf_ok(&r, want))
			abort();
		if (tried && sess_csrf_ok(&r, tried) != (strcmp(tried, want) == 0))
			abort();
	}
	nerr_ignore(&err);
	hdf_destroy(&hdf);
	free(header);
	free(tried);
	return 0;
}
