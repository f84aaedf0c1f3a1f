/* input.c - see input.h. */
#include "web/input.h"
#include "core/conf.h"
#include "web/form.h"
#include "web/multipart.h"
#include "web/params.h"
#include "core/utf8.h"
#include "core/days.h"

#include <errno.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

long input_body_cap(const struct action *a)
{
	if (a->max_body > 0)
		return a->max_body;
	if (a->flags & A_UPLOAD)
		return conf_int("Uploads.MaxBytes", 10485760) + 65536L;
	return conf_int("Limits.MaxBody", 65536);
}

NEOERR *input_check_head(const struct action *a, const char *content_type,
			 const char *content_length, long *length)
{
	long cap = input_body_cap(a);
	struct media_type m;
	char *end;
	long n = 0;

	*length = 0;
	if (content_length && *content_length) {
		if (*content_length < '0' || *content_length > '9')
			return nerr_raise(HC_ERR_BADREQ, "bad CONTENT_LENGTH %.20s", content_length);
		n = strtol(content_length, &end, 10);
		if (*end != '\0' || n < 0)
			return nerr_raise(HC_ERR_BADREQ, "bad CONTENT_LENGTH %.20s", content_length);
		if (n > cap)
			return nerr_raise(HC_ERR_TOOLARGE, "body of %ld bytes, cap %ld", n, cap);
	}
	*length = n;
	if (n == 0)
		return STATUS_OK;
	if (content_type == NULL || !params_media_type(content_type, &m))
		return nerr_raise(HC_ERR_BADREQ, "a body without a readable Content-Type");
	if (m.charset[0] && strcmp(m.charset, "utf-8") && strcmp(m.charset, "utf8"))
		return nerr_raise(HC_ERR_BADREQ, "a body in charset %s", m.charset);
	if (!strcmp(m.type, "application/x-www-form-urlencoded"))
		return STATUS_OK;
	if (strcmp(m.type, "multipart/form-data"))
		return nerr_raise(HC_ERR_BADREQ, "a body of type %s", m.type);
	if (!(a->flags & A_UPLOAD))
		return nerr_raise(HC_ERR_BADREQ, "a multipart body on an action without uploads");
	if (m.boundary[0] == '\0')
		return nerr_raise(HC_ERR_BADREQ, "a multipart body without a usable boundary");
	return STATUS_OK;
}

/* Is name one of the space-separated words of list? */
static bool listed(const char *list, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = list; p && *p; ) {
		size_t len = strcspn(p, " ");
		if (len == n && !memcmp(p, name, n))
			return true;
		p += len;
		while (*p == ' ')
			p++;
	}
	return false;
}

static bool name_ok(const char *name, size_t len)
{
	if (len == 0 || len > 64)
		return false;
	for (size_t i = 0; i < len; i++) {
		char c = name[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '_' || c == '-'))
			return false;
	}
	return true;
}

static bool in_form(const struct form *f, const char *name)
{
	if (f == NULL)
		return false;
	for (const struct form_field *fd = f->fields; fd->name; fd++)
		if (!strcmp(fd->name, name))
			return true;
	return false;
}

/* The text with the bytes that made it bad left out (a form re-renders
 * what remains). */
static char *good_part(const char *s, size_t len, unsigned allow)
{
	char *out = malloc(len + 1);
	size_t n = 0, i = 0;

	if (out == NULL)
		return NULL;
	while (i < len) {
		long bad = utf8_bad_at(s + i, len - i, allow);
		size_t good = bad < 0 ? len - i : (size_t)bad;
		memcpy(out + n, s + i, good);
		n += good;
		i += good + (bad < 0 ? 0 : 1);
	}
	out[n] = '\0';
	return out;
}

static NEOERR *bad_field(struct req *r, const char *name, const char *why)
{
	hdf_set_value(r->hdf, "Error.Field", name);
	return nerr_raise(HC_ERR_BADREQ, "parameter %s: %s", name, why);
}

struct store_ctx {
	struct req *r;
	const struct action *a;
};

/* Query.<name> = value, after the rules of input.h. */
static NEOERR *store_param(void *ctx, const char *name, size_t name_len,
			   const char *value, size_t value_len)
{
	struct store_ctx *x = ctx;
	struct req *r = x->r;
	const struct action *a = x->a;
	unsigned allow = listed(a->lines, name) ? UTF8_TAB | UTF8_LINES : 0;
	char key[80], *kept = NULL;
	HDF *node;
	NEOERR *err;

	if (!name_ok(name, name_len))
		return nerr_raise(HC_ERR_BADREQ, "a parameter's name is not [A-Za-z0-9_-]{1,64}");
	snprintf(key, sizeof key, "Query.%s", name);
	node = hdf_get_obj(r->hdf, key);
	if (node && !listed(a->lists, name))
		return nerr_pass(bad_field(r, name, "given twice"));
	if (utf8_bad_at(value, value_len, allow) >= 0) {
		if (!in_form(a->form, name) || node)
			return nerr_pass(bad_field(r, name, "not good text"));
		char mark[80];

		kept = good_part(value, value_len, allow);
		if (kept == NULL)
			return nerr_raise(NERR_NOMEM, "a parameter of %zu bytes", value_len);
		snprintf(mark, sizeof mark, "Input.Refused.%s", name);
		err = hdf_set_int_value(r->hdf, mark, 1);
		if (err == STATUS_OK)
			err = hdf_set_value(r->hdf, key, kept);
		free(kept);
		return nerr_pass(err);
	}
	if (node) {
		/* A list, shaped as ClearSilver shaped it: Query.id is the last
		 * value, Query.id.0 .. Query.id.N-1 every value. */
		int n = 0;
		char idx[16];
		HDF *child = hdf_obj_child(node);

		if (child == NULL) {
			err = hdf_set_value(node, "0", hdf_obj_value(node));
			if (err)
				return nerr_pass(err);
			n = 1;
		} else {
			for (; child; child = hdf_obj_next(child))
				n++;
		}
		snprintf(idx, sizeof idx, "%d", n);
		err = hdf_set_value(node, idx, value);
		if (err)
			return nerr_pass(err);
	}
	return nerr_pass(hdf_set_value(r->hdf, key, value));
}

/* Cookie.<name> = value for our kind of cookie; others' cookies on the
 * same host (names or values we would never set) are passed over, not
 * refused: a visitor cannot remove them. The first of a name wins (the
 * most specific path comes first). */
static NEOERR *store_cookie(void *ctx, const char *name, size_t name_len,
			    const char *value, size_t value_len)
{
	struct req *r = ctx;
	char key[80];

	if (!name_ok(name, name_len) || utf8_bad_at(value, value_len, 0) >= 0 ||
	    value_len > 256)
		return STATUS_OK;
	snprintf(key, sizeof key, "Cookie.%s", name);
	if (hdf_get_obj(r->hdf, key))
		return STATUS_OK;
	return nerr_pass(hdf_set_value(r->hdf, key, value));
}

static NEOERR *store_part(void *ctx, const struct multipart_part *part)
{
	struct store_ctx *x = ctx;
	struct req *r = x->r;
	size_t nlen = strlen(part->name);
	struct req_file *f;
	NEOERR *err;

	if (!part->has_filename) {
		/* The part points into the body: the value needs its own NUL. */
		char *value = malloc(part->len + 1);
		if (value == NULL)
			return nerr_raise(NERR_NOMEM, "a part of %zu bytes", part->len);
		memcpy(value, part->data, part->len);
		value[part->len] = '\0';
		err = store_param(ctx, part->name, nlen, value, part->len);
		free(value);
		return nerr_pass(err);
	}
	/* A file: its name is the parameter's value, and must be good text. */
	err = store_param(ctx, part->name, nlen, part->filename, strlen(part->filename));
	if (err)
		return nerr_pass(err);
	if (part->filename[0] == '\0' && part->len == 0)
		return STATUS_OK;  /* the form's file input left empty */
	if (r->nfiles == REQ_MAX_FILES)
		return nerr_raise(HC_ERR_BADREQ, "more than %d files", REQ_MAX_FILES);
	f = &r->files[r->nfiles++];
	snprintf(f->name, sizeof f->name, "%s", part->name);
	f->data = part->data;
	f->len = part->len;
	return STATUS_OK;
}

NEOERR *input_parse(struct req *r, const struct action *a, const char *query,
		    const char *cookies, const char *content_type)
{
	struct store_ctx x = { r, a };
	struct media_type m;
	NEOERR *err;

	err = params_cookies(cookies, store_cookie, r);
	if (err == STATUS_OK && query)
		err = params_urlencoded(query, strlen(query), store_param, &x);
	if (err || r->body_len == 0)
		return nerr_pass(err);
	/* input_check_head() has judged the type. */
	if (!params_media_type(content_type ? content_type : "", &m))
		return nerr_raise(HC_ERR_BADREQ, "a body without a readable Content-Type");
	if (!strcmp(m.type, "multipart/form-data") && (a->flags & A_UPLOAD))
		return nerr_pass(multipart_parse(r->body, r->body_len, m.boundary, store_part, &x));
	if (!strcmp(m.type, "application/x-www-form-urlencoded"))
		return nerr_pass(params_urlencoded(r->body, r->body_len, store_param, &x));
	return nerr_raise(HC_ERR_BADREQ, "a body of type %s", m.type);
}

bool input_file(struct req *r, const char *name, const char **data, size_t *len)
{
	for (int i = 0; i < r->nfiles; i++) {
		if (!strcmp(r->files[i].name, name)) {
			*data = r->files[i].data;
			*len = r->files[i].len;
			return true;
		}
	}
	return false;
}

/* Does v parse as p says? */
static bool typed_ok(const struct action_param *p, const char *v)
{
	char *end;
	long long n;

	if (p->type == P_DAY)
		return day_parse(v) >= 0 && strlen(v) == 10;
	if (p->type == P_ENUM) {
		size_t len = strlen(v);
		for (const char *w = p->values; len && (w = strstr(w, v)); w += len)
			if ((w == p->values || w[-1] == ' ') && (w[len] == ' ' || w[len] == '\0'))
				return true;
		return false;
	}
	if (*v == '\0' || (*v != '-' && (*v < '0' || *v > '9')))
		return false;
	errno = 0;
	n = strtoll(v, &end, 10);
	if (*end != '\0' || errno)
		return false;
	if (p->type == P_ID)
		return n > 0 && n <= 2147483647LL;
	return n >= p->min && n <= p->max;
}

NEOERR *input_check_params(struct req *r, const struct action_param *params)
{
	char key[80];

	for (const struct action_param *p = params; p && p->name; p++) {
		HDF *node;
		bool bad = false;

		snprintf(key, sizeof key, "Query.%s", p->name);
		node = hdf_get_obj(r->hdf, key);
		if (node == NULL) {
			if (!p->required)
				continue;
			bad = true;
		} else if (hdf_obj_child(node)) {
			for (HDF *c = hdf_obj_child(node); c && !bad; c = hdf_obj_next(c))
				bad = !typed_ok(p, hdf_obj_value(c) ? hdf_obj_value(c) : "");
		} else {
			bad = !typed_ok(p, hdf_obj_value(node) ? hdf_obj_value(node) : "");
		}
		if (!bad)
			continue;
		hdf_set_value(r->hdf, "Error.Field", p->name);
		return nerr_raise(p->notfound ? HC_ERR_NOTFOUND : HC_ERR_BADREQ,
				  "parameter %s: %s", p->name, node ? "not of its type" : "missing");
	}
	return STATUS_OK;
}
