/*
 * fuzz_input.c - libFuzzer harness for the gate (lib/web/input.c) with its
 * parsers (lib/web/params.c) and the UTF-8 check (lib/core/utf8.c): a request's
 * query string, Cookie header, Content-Type and body, as any client may
 * send them. An input is those four separated by NUL bytes; the first
 * byte picks the action (a plain form, a form with a list and a textarea,
 * an upload).
 *
 * Beyond "no crash": whatever passes the gate is good text (no invalid
 * UTF-8, no control character but where the action allows one), under a
 * plain name; a file lies inside the body.
 */
#include "web/input.h"
#include "core/conf.h"
#include "web/form.h"
#include "core/utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* What input.c takes from app.c, without FastCGI and MariaDB. */
NERR_TYPE HC_ERR_BADREQ, HC_ERR_TOOLARGE, HC_ERR_NOTFOUND;
int conf_int(const char *name, int def) { (void)name; return def; }

static NEOERR *no_handler(struct req *r) { (void)r; return STATUS_OK; }
static const struct form_field fields[] = {
	{ "city", FORM_TEXT, true, 1, 64, NULL },
	{ "temperature", FORM_DECIMAL, true, 34, 43, NULL },
	{ 0 }
};
static const struct form form = { "fuzz", fields };
static const struct action actions[] = {
	{ "", M_POST, R_ANON, no_handler },
	{ "", M_POST, R_ANON, no_handler, .lists = "id", .lines = "notes", .form = &form },
	{ "", M_POST, R_ANON, no_handler, .flags = A_UPLOAD, .lists = "id",
	  .params = PARAMS({ "id", P_ID }, { "page", P_INT, .min = 0, .max = 99 },
			   { "day", P_DAY }, { "decision", P_ENUM, .values = "approve send_back" }) },
};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	nerr_init();
	nerr_register(&HC_ERR_BADREQ, "BadRequest");
	nerr_register(&HC_ERR_TOOLARGE, "TooLarge");
	nerr_register(&HC_ERR_NOTFOUND, "NotFound");
	return 0;
}

/* Every value under node passes utf8_bad_at() with what may be allowed. */
static void check_tree(HDF *node, unsigned allow)
{
	for (HDF *c = node ? hdf_obj_child(node) : NULL; c; c = hdf_obj_next(c)) {
		const char *v = hdf_obj_value(c);
		const char *name = hdf_obj_name(c);

		if (v && utf8_bad_at(v, strlen(v), allow) >= 0)
			abort();
		if (name == NULL || strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") != strlen(name))
			abort();
		check_tree(c, allow);
	}
}

/* The next NUL-separated field of data[*at..size). */
static char *field(const uint8_t *data, size_t size, size_t *at, size_t *len)
{
	const uint8_t *start = data + *at;
	const uint8_t *nul = memchr(start, 0, size - *at);
	size_t n = nul ? (size_t)(nul - start) : size - *at;
	char *s = malloc(n + 1);

	if (s == NULL)
		abort();
	memcpy(s, start, n);
	s[n] = '\0';
	*at += n + (nul != NULL);
	*len = n;
	return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct req r = { 0 };
	const struct action *a;
	char *query, *cookies, *ctype, length[32];
	size_t at = 1, n;
	long declared;
	HDF *hdf = NULL;
	NEOERR *err;

	if (size < 1)
		return 0;
	a = &actions[data[0] % 3];
	query = field(data, size, &at, &n);
	cookies = field(data, size, &at, &n);
	ctype = field(data, size, &at, &n);
	r.body_len = size - at;
	r.body = malloc(r.body_len + 1);
	if (r.body == NULL || hdf_init(&hdf))
		abort();
	memcpy(r.body, data + at, r.body_len);
	r.body[r.body_len] = '\0';
	r.hdf = hdf;
	snprintf(length, sizeof length, "%zu", r.body_len);
	err = input_check_head(a, ctype, length, &declared);
	if (err == STATUS_OK && (size_t)declared != r.body_len)
		abort();
	if (err == STATUS_OK)
		err = input_parse(&r, a, query, cookies, ctype);
	if (err == STATUS_OK) {
		check_tree(hdf_get_obj(hdf, "Cookie"), 0);
		/* Only "notes" may hold line breaks: look at the rest. */
		hdf_remove_tree(hdf, "Query.notes");
		check_tree(hdf_get_obj(hdf, "Query"), 0);
		for (int i = 0; i < r.nfiles; i++)
			if (r.files[i].data < r.body ||
			    r.files[i].data + r.files[i].len > r.body + r.body_len)
				abort();
		if (r.nfiles && !(a->flags & A_UPLOAD))
			abort();
		/* The typed parameters: what passes reads back in range. */
		err = input_check_params(&r, a->params);
		if (err == STATUS_OK && a->params) {
			const char *v = hdf_get_value(hdf, "Query.page", NULL);
			long long page = v ? strtoll(v, NULL, 10) : 0;
			if (page < 0 || page > 99)
				abort();
		}
	}
	nerr_ignore(&err);
	hdf_destroy(&hdf);
	free(r.body);
	free(query);
	free(cookies);
	free(ctype);
	return 0;
}
