/*
 * url.c - see url.h.
 */
#include "core/url.h"

#include <stddef.h>
#include <string.h>

/* Browsers drop tabs and newlines from a URL and read a backslash as a
 * slash, so "/\t/evil.example" and "/\\evil.example" lead to other hosts.
 * Let through only printable ASCII that needs no quoting in a URL (other
 * text arrives percent-encoded), never "//", and nothing long. */
bool url_local_path(const char *path)
{
	size_t n = 0;

	if (path == NULL || path[0] != '/' || path[1] == '/')
		return false;
	for (const unsigned char *p = (const unsigned char *)path; *p; p++, n++) {
		if (*p <= 0x20 || *p >= 0x7f || strchr("\\\"<>`{}|^", *p) || n >= 1024)
			return false;
	}
	return true;
}
