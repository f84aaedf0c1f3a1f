/* image.c - see image.h. */
#include "core/image.h"

#include <stdio.h>   /* before jpeglib.h, which needs FILE */
#include <jpeglib.h>
#include <png.h>
#include <setjmp.h>
#include <string.h>

struct jpeg_fail {
	struct jpeg_error_mgr mgr;
	jmp_buf jump;
};

static void jpeg_fail_exit(j_common_ptr cinfo)
{
	struct jpeg_fail *f = (struct jpeg_fail *)cinfo->err;

	longjmp(f->jump, 1);
}

static void jpeg_quiet(j_common_ptr cinfo, int level)
{
	(void)cinfo;
	(void)level;
}

static bool jpeg_probe(const unsigned char *data, size_t len, struct image_info *out)
{
	struct jpeg_decompress_struct cinfo;
	struct jpeg_fail f;
	volatile bool ok = false;

	memset(&cinfo, 0, sizeof cinfo);
	cinfo.err = jpeg_std_error(&f.mgr);
	f.mgr.error_exit = jpeg_fail_exit;
	f.mgr.emit_message = jpeg_quiet;
	if (setjmp(f.jump)) {
		jpeg_destroy_decompress(&cinfo);
		return false;
	}
	jpeg_create_decompress(&cinfo);
	jpeg_mem_src(&cinfo, data, (unsigned long)len);
	if (jpeg_read_header(&cinfo, TRUE) == JPEG_HEADER_OK) {
		/* The start of decoding checks the tables the header named. */
		jpeg_calc_output_dimensions(&cinfo);
		out->width = (int)cinfo.image_width;
		out->height = (int)cinfo.image_height;
		ok = out->width > 0 && out->height > 0;
	}
	jpeg_destroy_decompress(&cinfo);
	return ok;
}

static bool png_probe(const unsigned char *data, size_t len, struct image_info *out)
{
	png_image img;
	bool ok;

	memset(&img, 0, sizeof img);
	img.version = PNG_IMAGE_VERSION;
	ok = png_image_begin_read_from_memory(&img, data, len) != 0;
	if (ok) {
		out->width = (int)img.width;
		out->height = (int)img.height;
		ok = out->width > 0 && out->height > 0;
	}
	png_image_free(&img);
	return ok;
}

bool image_probe(const unsigned char *data, size_t len, struct image_info *out)
{
	memset(out, 0, sizeof *out);
	if (len >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF) {
		out->mime = "image/jpeg";
		return jpeg_probe(data, len, out);
	}
	if (len >= 8 && !memcmp(data, "\x89PNG\r\n\x1a\n", 8)) {
		out->mime = "image/png";
		return png_probe(data, len, out);
	}
	return false;
}
