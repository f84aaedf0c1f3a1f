/*
 * fuzz_sheet.c - libFuzzer harness for lib/core/sheet.c (see README.md).
 *
 * An input is either an upload as it comes (an .xlsx, a CSV, anything), or,
 * when it starts with "X", the parts of a workbook to zip first: up to four
 * texts separated by NUL bytes, stored (not deflated) as sheet1.xml,
 * sharedStrings.xml, workbook.xml and workbook.xml.rels. Mutating a deflated
 * zip rarely reaches the XML handlers; the "X" form does, on every run.
 */
#include "core/sheet.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

/* sheet.c raises these two; app.c, which defines them for the pages,
 * would drag in FastCGI and MariaDB. */
NERR_TYPE HC_ERR_BADREQ, HC_ERR_TOOLARGE;

static const struct sheet_limits limits = {
	.max_file = 1 << 20,
	.max_uncompressed = 4 << 20,
	.max_rows = 1000,
	.max_cols = 64,
	.max_cell = 1000,
};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	nerr_init();
	nerr_register(&HC_ERR_BADREQ, "BadRequest");
	nerr_register(&HC_ERR_TOOLARGE, "TooLarge");
	return 0;
}

/* Zips the NUL-separated parts of data into memory; NULL on failure. */
static char *zip_parts(const char *data, size_t len, size_t *out_len)
{
	static const char *const names[] = {
		"xl/worksheets/sheet1.xml", "xl/sharedStrings.xml",
		"xl/workbook.xml", "xl/_rels/workbook.xml.rels",
	};
	zip_source_t *src, *ps;
	zip_t *za;
	zip_int64_t idx, n;
	char *buf = NULL;
	size_t start = 0;

	src = zip_source_buffer_create(NULL, 0, 0, NULL);
	if (src == NULL)
		return NULL;
	za = zip_open_from_source(src, ZIP_TRUNCATE, NULL);
	if (za == NULL) {
		zip_source_free(src);
		return NULL;
	}
	zip_source_keep(src);
	for (int i = 0; i < 4 && start <= len; i++) {
		const char *nul = memchr(data + start, '\0', len - start);
		size_t end = nul ? (size_t)(nul - data) : len;

		ps = zip_source_buffer(za, data + start, end - start, 0);
		idx = ps ? zip_file_add(za, names[i], ps, 0) : -1;
		if (idx < 0) {
			zip_source_free(ps);
			break;
		}
		zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
		start = end + 1;
	}
	if (zip_close(za) < 0)
		zip_discard(za);
	else if (zip_source_open(src) == 0) {
		zip_source_seek(src, 0, SEEK_END);
		n = zip_source_tell(src);
		zip_source_seek(src, 0, SEEK_SET);
		buf = n > 0 ? malloc((size_t)n) : NULL;
		if (buf && zip_source_read(src, buf, (zip_uint64_t)n) == n) {
			*out_len = (size_t)n;
		} else {
			free(buf);
			buf = NULL;
		}
		zip_source_close(src);
	}
	zip_source_free(src);
	return buf;
}

/* Reads everything the SHEET says it has, so ASan sees every cell. */
static void touch(const SHEET *s)
{
	volatile size_t sum = 0;

	for (int r = 0; r < sheet_rows(s); r++)
		for (int c = 0; c < sheet_cols(s, r); c++)
			sum += strlen(sheet_cell(s, r, c)) + (size_t)sheet_day(s, r, c);
	(void)sum;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data;
	char *zipped = NULL;
	size_t len = size;
	SHEET *s = NULL;
	NEOERR *err;

	if (size > 0 && in[0] == 'X') {
		zipped = zip_parts(in + 1, size - 1, &len);
		if (zipped == NULL)
			return 0;
		in = zipped;
	}
	err = sheet_read(in, len, "fuzz.xlsx", &limits, &s);
	if (err == STATUS_OK) {
		touch(s);
		sheet_free(&s);
	} else if (s != NULL) {
		abort();  /* an error must leave *out NULL */
	}
	nerr_ignore(&err);
	free(zipped);
	return 0;
}
