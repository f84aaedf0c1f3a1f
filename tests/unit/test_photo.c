/*
 * test_photo.c - an uploaded picture judged by its bytes (core/image.c,
 * domain/photo.c's photo_check()): a JPEG and a PNG made here with
 * libjpeg and libpng decode to their dimensions; a text file, magic bytes
 * before garbage, a cut-off header are no picture; the size and the
 * dimensions are checked against the limits.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/image.h"
#include "domain/photo.h"
/* ClearSilver (through photo.h) has its INT32 already: jmorecfg.h skips
 * its own when XMD_H is defined. */
#define XMD_H
#include <jpeglib.h>
#include <png.h>

/* A grey JPEG of w x h, in memory (free() it). */
static unsigned char *make_jpeg(int w, int h, unsigned long *len)
{
	struct jpeg_compress_struct c;
	struct jpeg_error_mgr e;
	unsigned char *out = NULL, *row = malloc((size_t)w);
	JSAMPROW rows[1] = { row };

	memset(row, 128, (size_t)w);
	c.err = jpeg_std_error(&e);
	jpeg_create_compress(&c);
	jpeg_mem_dest(&c, &out, len);
	c.image_width = (JDIMENSION)w;
	c.image_height = (JDIMENSION)h;
	c.input_components = 1;
	c.in_color_space = JCS_GRAYSCALE;
	jpeg_set_defaults(&c);
	jpeg_start_compress(&c, TRUE);
	while (c.next_scanline < c.image_height)
		jpeg_write_scanlines(&c, rows, 1);
	jpeg_finish_compress(&c);
	jpeg_destroy_compress(&c);
	free(row);
	return out;
}

/* A grey PNG of w x h, in memory (free() it). */
static unsigned char *make_png(int w, int h, size_t *len)
{
	png_image img;
	unsigned char *pixels = calloc((size_t)w * (size_t)h, 1), *out;

	memset(&img, 0, sizeof img);
	img.version = PNG_IMAGE_VERSION;
	img.width = (png_uint_32)w;
	img.height = (png_uint_32)h;
	img.format = PNG_FORMAT_GRAY;
	png_image_write_get_memory_size(img, *len, 0, pixels, 0, NULL);
	out = malloc(*len);
	assert_true(png_image_write_to_memory(&img, out, len, 0, pixels, 0, NULL));
	free(pixels);
	return out;
}

static void probes(void **state)
{
	struct image_info info;
	unsigned long jlen = 0;
	size_t plen = 0;
	unsigned char *j = make_jpeg(300, 400, &jlen), *p = make_png(320, 240, &plen);
	unsigned char garbage[600];

	(void)state;
	assert_true(image_probe(j, jlen, &info));
	assert_string_equal(info.mime, "image/jpeg");
	assert_int_equal(info.width, 300);
	assert_int_equal(info.height, 400);
	assert_true(image_probe(p, plen, &info));
	assert_string_equal(info.mime, "image/png");
	assert_int_equal(info.width, 320);
	assert_int_equal(info.height, 240);
	/* Cut off inside the header: the decoder says no. */
	assert_false(image_probe(j, 20, &info));
	assert_false(image_probe(p, 20, &info));
	/* Magic bytes before garbage. */
	memset(garbage, 0x41, sizeof garbage);
	memcpy(garbage, "\xff\xd8\xff\xe0", 4);
	assert_false(image_probe(garbage, sizeof garbage, &info));
	memcpy(garbage, "\x89PNG\r\n\x1a\n", 8);
	assert_false(image_probe(garbage, sizeof garbage, &info));
	assert_false(image_probe((const unsigned char *)"just text", 9, &info));
	assert_false(image_probe(NULL, 0, &info));
	free(j);
	free(p);
}

static void checks(void **state)
{
	struct photo_limits l = { .max_bytes = 100000, .min_side = 100, .max_side = 1000, .per_term = 3 };
	unsigned long jlen = 0;
	size_t slen = 0, blen = 0;
	unsigned char *j = make_jpeg(300, 400, &jlen), *s = make_png(50, 400, &slen),
		*b = make_png(1200, 200, &blen);
	const char *mime;
	int w, h;

	(void)state;
	assert_int_equal(photo_check(&l, j, jlen, &mime, &w, &h), PH_OK);
	assert_string_equal(mime, "image/jpeg");
	assert_int_equal(w * 10000 + h, 300 * 10000 + 400);
	assert_int_equal(photo_check(&l, s, slen, &mime, &w, &h), PH_DIMENSIONS);
	assert_int_equal(photo_check(&l, b, blen, &mime, &w, &h), PH_DIMENSIONS);
	assert_int_equal(photo_check(&l, (const unsigned char *)"text", 4, &mime, &w, &h), PH_NOT_IMAGE);
	l.max_bytes = (long)jlen - 1;
	assert_int_equal(photo_check(&l, j, jlen, &mime, &w, &h), PH_TOO_LARGE);
	free(j);
	free(s);
	free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(probes),
		cmocka_unit_test(checks),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
