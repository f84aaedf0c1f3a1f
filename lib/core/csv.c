/* csv.c - see csv.h. */
#include "core/csv.h"

#include <stdio.h>
#include <string.h>

static bool looks_like_formula(const char *v)
{
	return v[0] && strchr("=+-@\t\r", v[0]);
}

const char *csv_neutralise(const char *v, char *buf, size_t n)
{
	v = v ? v : "";
	if (looks_like_formula(v)) {
		snprintf(buf, n, "'%s", v);
		return buf;
	}
	return v;
}

void csv_cell(STRING *out, const char *v, bool last)
{
	v = v ? v : "";
	string_append_char(out, '"');
	if (looks_like_formula(v))
		string_append_char(out, '\'');
	for (const char *p = v; *p; p++) {
		if (*p == '"')
			string_append_char(out, '"');
		string_append_char(out, *p);
	}
	string_append(out, last ? "\"\r\n" : "\",");
}
