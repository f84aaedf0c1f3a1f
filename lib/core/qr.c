/* qr.c - see qr.h. */
#include "core/qr.h"
#include "core/err.h"

#include <errno.h>
#include <string.h>
#include <qrencode.h>
#include <sodium.h>
#include <stdlib.h>

#define QUIET 4

NEOERR *qr_svg(const char *text, STRING *out)
{
	QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	NEOERR *err;
	int w, size;

	if (q == NULL)
		return nerr_raise(errno == ERANGE ? HC_ERR_BADREQ : NERR_NOMEM,
				  "cannot encode %zu bytes as a QR code", strlen(text));
	w = q->width;
	size = w + 2 * QUIET;
	err = string_appendf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
		"viewBox=\"0 0 %d %d\" shape-rendering=\"crispEdges\">"
		"<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/><path fill=\"#000\" d=\"",
		size, size, size, size);
	/* Bit 0 of each byte is the module's colour; runs of black become
	 * one horizontal segment each, which keeps the document small. */
	for (int y = 0; y < w && err == STATUS_OK; y++) {
		for (int x = 0; x < w && err == STATUS_OK; x++) {
			int run = 0;

			while (x + run < w && (q->data[y * w + x + run] & 1))
				run++;
			if (run) {
				err = string_appendf(out, "M%d %dh%dv1h-%dz",
						     x + QUIET, y + QUIET, run, run);
				x += run - 1;
			}
		}
	}
	if (err == STATUS_OK)
		err = string_append(out, "\"/></svg>");
	QRcode_free(q);
	return nerr_pass(err);
}

NEOERR *qr_data_uri(const char *text, STRING *out)
{
	STRING svg;
	char *b64 = NULL;
	size_t n;
	NEOERR *err;

	string_init(&svg);
	err = qr_svg(text, &svg);
	if (err == STATUS_OK) {
		n = sodium_base64_ENCODED_LEN(svg.len, sodium_base64_VARIANT_ORIGINAL);
		b64 = malloc(n);
		if (b64 == NULL)
			err = nerr_raise(NERR_NOMEM, "qr data uri");
	}
	if (err == STATUS_OK) {
		sodium_bin2base64(b64, n, (const unsigned char *)svg.buf, svg.len,
				  sodium_base64_VARIANT_ORIGINAL);
		err = string_appendf(out, "data:image/svg+xml;base64,%s", b64);
	}
	free(b64);
	string_clear(&svg);
	return nerr_pass(err);
}
