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

bool url_prefix_ok(const char *prefix)
{
	size_t n = 0;

	if (prefix == NULL)
		return false;
	if (prefix[0] == '\0')
		return true;
	for (const char *p = prefix; *p; p++, n++) {
		if (n >= 100)
			return false;
		if (*p == '/') {
			/* Each segment starts with a slash and is not empty. */
			if (p[1] == '/' || p[1] == '\0')
				return false;
			continue;
		}
		if (p == prefix || !((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
				     (*p >= '0' && *p <= '9') || strchr("._~-", *p)))
			return false;
	}
	return true;
}

const char *url_strip_prefix(const char *path, const char *prefix)
{
	size_t n = prefix ? strlen(prefix) : 0;

	if (path == NULL || path[0] != '/')
		return NULL;
	if (n == 0)
		return path;
	if (strncmp(path, prefix, n) != 0)
		return NULL;
	if (path[n] == '/')
		return path + n;
	/* The prefix itself: a link to its root. Its query cannot be kept
	 * without a slash before it, so the root alone. */
	if (path[n] == '\0' || path[n] == '?')
		return "/";
	return NULL;
}
