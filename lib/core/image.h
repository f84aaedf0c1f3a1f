/*
 * image.h - what an uploaded picture is, judged by its bytes: a JPEG or a
 * PNG (the magic bytes), whose header a real decoder reads (libjpeg,
 * libpng) for its width and height. A file named .jpg that is anything
 * else, or a JPEG whose header is broken, is no picture. No I/O.
 */
#ifndef HC_IMAGE_H
#define HC_IMAGE_H

#include <stdbool.h>
#include <stddef.h>

struct image_info {
	const char *mime;        /* "image/jpeg" or "image/png" */
	int width, height;
};

/* True, with *out filled, when data is a JPEG or PNG whose header decodes. */
bool image_probe(const unsigned char *data, size_t len, struct image_info *out);

#endif
