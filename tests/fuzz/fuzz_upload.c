/*
 * fuzz_upload.c - libFuzzer harness for the upload path as /return/upload
 * and /roster/import take it: a multipart body through the gate
 * (lib/web/input.c, lib/web/multipart.c) to input_file(), then the type check by
 * magic bytes (ret_sniff_type() in lib/domain/returnapp.c). An input is the
 * boundary, a newline, then the body.
 *
 * Beyond "no crash": the file lies inside the body, its name
 * (Query.file) is good text, and a type is named only for bytes that
 * begin with that type's magic.
 */
#include "web/input.h"
#include "domain/returnapp.h"
#include "core/utf8.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static NEOERR *no_handler(struct req *r) { (void)r; return STATUS_OK; }
static const struct action upload = { "upload", M_POST, R_STUDENT, no_handler,
				      .flags = A_UPLOAD };

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	NEOERR *err;

	(void)argc;
	(void)argv;
	/* The error types and Uploads.MaxBytes; a missing config is fine. */
	err = app_init_tool();
	nerr_ignore(&err);
	return 0;
}

static void check_type(const char *d, size_t n)
{
	const char *t = ret_sniff_type((const unsigned char *)d, n);

	if (t == NULL)
		return;
	if (!strcmp(t, "image/png") ? n < 8 || memcmp(d, "\x89PNG\r\n\x1a\n", 8) :
	    !strcmp(t, "image/jpeg") ? n < 3 || memcmp(d, "\xff\xd8\xff", 3) :
	    !strcmp(t, "application/pdf") ? n < 5 || memcmp(d, "%PDF-", 5) : 1)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *nl = memchr(data, '\n', size);
	struct req r = { 0 };
	char ctype[200], length[32];
	const char *file, *name;
	size_t blen, len;
	long declared;
	HDF *hdf = NULL;
	NEOERR *err;

	if (nl == NULL || (blen = (size_t)(nl - (const char *)data)) > 100)
		return 0;
	snprintf(ctype, sizeof ctype, "multipart/form-data; boundary=%.*s", (int)blen,
		 (const char *)data);
	r.body_len = size - blen - 1;
	r.body = malloc(r.body_len + 1);
	if (r.body == NULL || hdf_init(&hdf))
		abort();
	memcpy(r.body, nl + 1, r.body_len);
	r.body[r.body_len] = '\0';
	r.hdf = hdf;
	snprintf(length, sizeof length, "%zu", r.body_len);
	err = input_check_head(&upload, ctype, length, &declared);
	if (err == STATUS_OK)
		err = input_parse(&r, &upload, NULL, NULL, ctype);
	if (err == STATUS_OK && input_file(&r, "file", &file, &len)) {
		if (file < r.body || file + len > r.body + r.body_len)
			abort();
		name = hdf_get_value(hdf, "Query.file", NULL);
		if (name == NULL || utf8_bad_at(name, strlen(name), 0) >= 0)
			abort();
		check_type(file, len);
	}
	nerr_ignore(&err);
	hdf_destroy(&hdf);
	free(r.body);
	return 0;
}
