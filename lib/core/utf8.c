/* utf8.c - see utf8.h. Written from RFC 3629's table of well-formed
 * byte sequences (section 4), which rules out overlong forms and
 * surrogates by the range of the second byte. */
#include "core/utf8.h"

#include <stdbool.h>

/* The range the byte after lead may take, and the sequence's length;
 * 0 for a byte that cannot start a character. */
static int sequence(unsigned char lead, unsigned char *lo, unsigned char *hi)
{
	*lo = 0x80;
	*hi = 0xbf;
	if (lead >= 0xc2 && lead <= 0xdf)
		return 2;
	if (lead >= 0xe0 && lead <= 0xef) {
		if (lead == 0xe0)
			*lo = 0xa0;       /* below: an overlong form */
		else if (lead == 0xed)
			*hi = 0x9f;       /* above: a surrogate */
		return 3;
	}
	if (lead >= 0xf0 && lead <= 0xf4) {
		if (lead == 0xf0)
			*lo = 0x90;       /* below: an overlong form */
		else if (lead == 0xf4)
			*hi = 0x8f;       /* above: past U+10FFFF */
		return 4;
	}
	return 0;                         /* 0x80..0xc1, 0xf5..0xff */
}

static bool control_allowed(unsigned char c, unsigned allow)
{
	if (c == '\t')
		return allow & UTF8_TAB;
	if (c == '\n' || c == '\r')
		return allow & UTF8_LINES;
	return false;
}

long utf8_bad_at(const char *s, size_t len, unsigned allow)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		unsigned char c = p[i], lo, hi;
		int n;

		if (c < 0x80) {
			if ((c < 0x20 || c == 0x7f) && !control_allowed(c, allow))
				return (long)i;
			i++;
			continue;
		}
		n = sequence(c, &lo, &hi);
		if (n == 0 || len - i < (size_t)n || p[i + 1] < lo || p[i + 1] > hi)
			return (long)i;
		for (int k = 2; k < n; k++)
			if ((p[i + k] & 0xc0) != 0x80)
				return (long)i;
		/* C1 controls: U+0080..U+009F are 0xc2 0x80..0x9f. */
		if (c == 0xc2 && p[i + 1] < 0xa0)
			return (long)i;
		i += (size_t)n;
	}
	return -1;
}

long utf8_chars(const char *s)
{
	long n = 0;

	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		n += (*p & 0xc0) != 0x80;
	return n;
}
