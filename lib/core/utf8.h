/*
 * utf8.h - the one check of text from outside. Every parameter, cookie
 * and file name passes it before a handler runs (lib/web/input.c): MariaDB
 * refuses ill-formed utf8mb4 with a 500, C strings end at a NUL, and
 * control characters have no business in a name or a city.
 */
#ifndef HC_UTF8_H
#define HC_UTF8_H

#include <stddef.h>

/* Control characters a field may hold (the rest are always refused). */
#define UTF8_TAB   1u   /* U+0009 */
#define UTF8_LINES 2u   /* U+000A and U+000D: a textarea's line breaks */

/* The offset of the first byte that makes s[0..len) bad text, or -1 when
 * it is good: well-formed UTF-8 (no overlong form, no surrogate, nothing
 * above U+10FFFF), no NUL, no C0 control but those allowed, no DEL and
 * no C1 control (U+0080..U+009F). Pure. */
long utf8_bad_at(const char *s, size_t len, unsigned allow);

/* The number of characters in good text (as utf8_bad_at() passed it). */
long utf8_chars(const char *s);

#endif
