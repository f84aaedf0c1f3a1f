/* params.c - see params.h. */
#include "web/params.h"
#include "core/err.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)tolower((unsigned char)c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Decodes s[0..len) into out (room for len + 1); returns the decoded
 * length or -1 for a bad escape. */
static long url_decode(const char *s, size_t len, char *out)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++) {
		if (s[i] == '+') {
			out[n++] = ' ';
		} else if (s[i] == '%') {
			int hi, lo;
			if (len - i < 3 || (hi = hex_value(s[i + 1])) < 0 ||
			    (lo = hex_value(s[i + 2])) < 0)
				return -1;
			out[n++] = (char)(hi * 16 + lo);
			i += 2;
		} else {
			out[n++] = s[i];
		}
	}
	out[n] = '\0';
	return (long)n;
}

NEOERR *params_urlencoded(const char *s, size_t len, params_fn fn, void *ctx)
{
	char *name = NULL, *value = NULL;
	size_t at = 0;
	NEOERR *err = STATUS_OK;

	while (at < len && err == STATUS_OK) {
		const char *pair = s + at, *amp = memchr(pair, '&', len - at), *eq;
		size_t pair_len = amp ? (size_t)(amp - pair) : len - at;
		size_t name_len;
		long nl, vl;

		at += pair_len + 1;
		if (pair_len == 0)
			continue;
		eq = memchr(pair, '=', pair_len);
		name_len = eq ? (size_t)(eq - pair) : pair_len;
		name = malloc(name_len + 1);
		value = malloc(pair_len - name_len + 1);
		if (name == NULL || value == NULL) {
			err = nerr_raise(NERR_NOMEM, "a parameter of %zu bytes", pair_len);
			goto cleanup;
		}
		nl = url_decode(pair, name_len, name);
		vl = eq ? url_decode(eq + 1, pair_len - name_len - 1, value) : 0;
		if (!eq)
			value[0] = '\0';
		if (nl < 0 || vl < 0) {
			err = nerr_raise(HC_ERR_BADREQ, "a bad %%-escape in a parameter");
			goto cleanup;
		}
		err = fn(ctx, name, (size_t)nl, value, (size_t)vl);
		free(name);
		free(value);
		name = value = NULL;
	}
cleanup:
	free(name);
	free(value);
	return nerr_pass(err);
}

NEOERR *params_cookies(const char *header, params_fn fn, void *ctx)
{
	const char *p = header;
	char *pair = NULL;
	NEOERR *err = STATUS_OK;

	while (p && *p && err == STATUS_OK) {
		size_t len = strcspn(p, ";"), name_len, value_len;
		const char *start = p, *eq;

		p += len;
		if (*p == ';')
			p++;
		while (len > 0 && (*start == ' ' || *start == '\t')) {
			start++;
			len--;
		}
		while (len > 0 && (start[len - 1] == ' ' || start[len - 1] == '\t'))
			len--;
		eq = memchr(start, '=', len);
		if (eq == NULL || eq == start)
			continue;
		name_len = (size_t)(eq - start);
		value_len = len - name_len - 1;
		pair = malloc(len + 2);
		if (pair == NULL)
			return nerr_raise(NERR_NOMEM, "a cookie of %zu bytes", len);
		memcpy(pair, start, name_len);
		pair[name_len] = '\0';
		memcpy(pair + name_len + 1, eq + 1, value_len);
		pair[name_len + 1 + value_len] = '\0';
		err = fn(ctx, pair, name_len, pair + name_len + 1, value_len);
		free(pair);
		pair = NULL;
	}
	return nerr_pass(err);
}

/* RFC 2046's bchars, the space not last. */
static bool boundary_ok(const char *b, size_t len)
{
	if (len == 0 || len > 70 || b[len - 1] == ' ')
		return false;
	for (size_t i = 0; i < len; i++)
		if (!isalnum((unsigned char)b[i]) && !strchr("'()+_,-./:=? ", b[i]))
			return false;
	return true;
}

static bool token_char(char c)
{
	return c > 0x20 && c < 0x7f && !strchr("()<>@,;:\\\"/[]?={}", c);
}

/* Copies a parameter's value (a token or a quoted string) into out;
 * returns where it ends, or NULL when it is malformed or too long. */
static const char *param_value(const char *p, char *out, size_t n, size_t *len)
{
	size_t k = 0;

	if (*p == '"') {
		for (p++; *p && *p != '"'; p++) {
			if (*p == '\\' && p[1])
				p++;
			if (k + 1 >= n)
				return NULL;
			out[k++] = *p;
		}
		if (*p != '"')
			return NULL;
		p++;
	} else {
		for (; token_char(*p); p++) {
			if (k + 1 >= n)
				return NULL;
			out[k++] = *p;
		}
	}
	out[k] = '\0';
	*len = k;
	return p;
}

bool params_media_type(const char *header, struct media_type *m)
{
	const char *p = header;
	size_t k = 0;
	bool slash = false;

	memset(m, 0, sizeof *m);
	while (*p == ' ' || *p == '\t')
		p++;
	for (; token_char(*p) || *p == '/'; p++) {
		if (k + 1 >= sizeof m->type)
			return false;
		slash |= *p == '/';
		m->type[k++] = (char)tolower((unsigned char)*p);
	}
	if (!slash || m->type[0] == '/' || m->type[k - 1] == '/')
		return false;
	for (;;) {
		char name[32], value[128];
		size_t nk = 0, vlen;

		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0')
			return true;
		if (*p++ != ';')
			return false;
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0')
			return true;          /* a trailing ';' */
		for (; token_char(*p); p++) {
			if (nk + 1 >= sizeof name)
				return false;
			name[nk++] = (char)tolower((unsigned char)*p);
		}
		name[nk] = '\0';
		if (nk == 0 || *p++ != '=')
			return false;
		p = param_value(p, value, sizeof value, &vlen);
		if (p == NULL)
			return false;
		if (!strcmp(name, "charset")) {
			if (vlen >= sizeof m->charset)
				return false;
			for (size_t i = 0; i <= vlen; i++)
				m->charset[i] = (char)tolower((unsigned char)value[i]);
		} else if (!strcmp(name, "boundary")) {
			m->boundary_bad = !boundary_ok(value, vlen);
			if (!m->boundary_bad)
				memcpy(m->boundary, value, vlen + 1);
		}
	}
}
