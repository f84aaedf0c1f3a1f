/*
 * app.c - the FastCGI loop and the request cycle (see app.h).
 *
 * ClearSilver's CGI layer reads its environment and writes its output
 * through cgiwrap; cgiwrap_init_emu() points those six callbacks at the
 * current FCGX_Request, so cgi_init()/cgi_parse() work unchanged under
 * FastCGI. One HDF per request, handed to cgi_init(), which owns it.
 */
#include "web/app.h"
#include "core/sheet.h"
#include "core/conf.h"
#include "core/db.h"
#include "web/sess.h"
#include "core/days.h"
#include "core/lang.h"
#include "web/input.h"
#include "core/url.h"
#include "core/qr.h"

#include <dirent.h>
#include <fcgiapp.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <zlib.h>

static FCGX_Request *current;   /* the request cgiwrap talks to */
static HDF *lang_roots[LANG_COUNT]; /* the packs under "L", for templates */

/* Parsed templates, kept for the life of the process: parsing is most of
 * a page's rendering cost. Each render points the parse at the request's
 * HDF; the language pack is the parse's global HDF, so it is never copied
 * into a request. */
#define TEMPLATE_CACHE 48
static struct { char name[64]; CSPARSE *cs; } template_cache[TEMPLATE_CACHE];
static HDF *parse_hdf;          /* what templates are parsed against */
static const char *site_prefix = ""; /* Site.Prefix: the path the site lives under */

/* ---- cgiwrap bridge ---------------------------------------------------- */

static int bridge_read(void *data, char *buf, int n)
{
	(void)data;
	return FCGX_GetStr(buf, n, current->in);
}

static int bridge_writef(void *data, const char *fmt, va_list ap)
{
	(void)data;
	return FCGX_VFPrintF(current->out, fmt, ap);
}

static int bridge_write(void *data, const char *buf, int n)
{
	(void)data;
	return FCGX_PutStr(buf, n, current->out);
}

/* The request's variables with the length of each name, indexed once per
 * request: FCGX_GetParam() runs strncmp() over every variable for every
 * name, and cgi_init() asks for some fifty names, most of them absent. */
#define ENV_INDEX 256
static struct { const char *var; size_t namelen; } env_index[ENV_INDEX];
static int env_count;
static bool env_overflow;       /* more variables than the index holds */

static void index_env(void)
{
	env_count = 0;
	env_overflow = false;
	for (char **e = current->envp; *e; e++) {
		const char *eq = strchr(*e, '=');
		if (eq == NULL)
			continue;
		if (env_count == ENV_INDEX) {
			env_overflow = true;
			return;
		}
		env_index[env_count].var = *e;
		env_index[env_count++].namelen = (size_t)(eq - *e);
	}
}

static const char *param(const char *name)
{
	size_t len = strlen(name);

	if (env_overflow)
		return FCGX_GetParam(name, current->envp);
	for (int i = 0; i < env_count; i++)
		if (env_index[i].namelen == len && !memcmp(env_index[i].var, name, len))
			return env_index[i].var + len + 1;
	return NULL;
}

/* What ClearSilver must not see: cgi_init() parses the query string and
 * the cookies as soon as it finds them, before the gate (lib/web/input.c)
 * has judged them. The gate reads them from the environment itself. */
static bool hidden_from_clearsilver(const char *name)
{
	return !strcmp(name, "QUERY_STRING") || !strcmp(name, "HTTP_COOKIE");
}

/* cgiwrap frees what getenv and iterenv return: hand out copies. */
static char *bridge_getenv(void *data, const char *name)
{
	const char *v;

	(void)data;
	if (hidden_from_clearsilver(name))
		return NULL;
	v = param(name);
	return v ? strdup(v) : NULL;
}

static int bridge_putenv(void *data, const char *k, const char *v)
{
	/* The FastCGI environment is the server's; nothing may change it. */
	(void)data; (void)k; (void)v;
	return 0;
}

static int bridge_iterenv(void *data, int i, char **k, char **v)
{
	const char *e, *eq;

	(void)data;
	*k = *v = NULL;
	for (int n = 0; n < i; n++)
		if (current->envp[n] == NULL)
			return 0;
	e = current->envp[i];
	if (e == NULL)
		return 0;
	eq = strchr(e, '=');
	if (eq == NULL)
		return 0;
	*k = strndup(e, (size_t)(eq - e));
	*v = strdup(*k && hidden_from_clearsilver(*k) ? "" : eq + 1);
	return 0;
}

/* A short hash of what htdocs/ (beside the templates' folder) holds: the
 * pages ask for /static/style.css?v=HASH, which Apache lets browsers keep
 * for a year, so a changed file is a new URL the moment it is deployed.
 * Order-free (a sum over the files), so every process agrees. */
static void static_version(const char *template_dir, char out[9])
{
	char dir[1024], path[1280];
	unsigned long sum = 0;
	struct dirent *e;
	DIR *d;

	snprintf(dir, sizeof dir, "%s/../htdocs", template_dir);
	d = opendir(dir);
	while (d != NULL && (e = readdir(d)) != NULL) {
		char *text = NULL;
		NEOERR *err;

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		err = ne_load_file(path, &text);
		if (err) {
			nerr_ignore(&err);
			continue;
		}
		sum += crc32(crc32(0L, (const Bytef *)e->d_name, (uInt)strlen(e->d_name)),
			     (const Bytef *)text, (uInt)strlen(text));
		free(text);
	}
	if (d != NULL)
		closedir(d);
	snprintf(out, 9, "%08lx", sum & 0xffffffffUL);
}

static NEOERR *load_packs(void)
{
	const char *dir = conf_str("Paths.Templates", "templates");
	char version[9];
	NEOERR *err = lang_load(dir);

	for (int i = 0; err == STATUS_OK && i < LANG_COUNT; i++) {
		err = hdf_init(&lang_roots[i]);
		if (err == STATUS_OK)
			err = hdf_copy(lang_roots[i], "L", lang_pack(i));
	}
	if (err)
		return nerr_pass(err);
	static_version(dir, version);
	/* Every link, form, redirect, cookie and QR code carries the path the
	 * site is served under ("" at a host's root, "/healthcard" under a
	 * prefix, as conf/healthcard-apache.conf's HC_PREFIX): the templates
	 * write <?cs var:Site.Prefix ?>/card, the C below adds it. */
	site_prefix = conf_str("Site.Prefix", "");
	if (!url_prefix_ok(site_prefix))
		return nerr_raise(NERR_ASSERT, "Site.Prefix \"%s\": empty, or /name with no "
				  "trailing slash", site_prefix);
	for (int i = 0; i < LANG_COUNT; i++) {
		err = hdf_set_value(lang_roots[i], "Static.Version", version);
		if (err == STATUS_OK)
			err = hdf_set_value(lang_roots[i], "Site.Prefix", site_prefix);
		if (err)
			return nerr_pass(err);
	}
	/* Escaping is decided when a template is parsed: always HTML. */
	err = hdf_init(&parse_hdf);
	if (err == STATUS_OK)
		err = hdf_set_value(parse_hdf, "Config.VarEscapeMode", "html");
	if (err == STATUS_OK)
		err = hdf_set_value(parse_hdf, "hdf.loadpaths.0", dir);
	return nerr_pass(err);
}

const char *tr(struct req *r, const char *key)
{
	return hdf_get_value(r->pack, key, key);
}

void app_export_named_list(struct req *r, const char *prefix, const char *const *names,
			   const char *pack)
{
	char key[128], label[128];

	for (int i = 0; names[i]; i++) {
		snprintf(key, sizeof key, "%s.%d.name", prefix, i);
		hdf_set_value(r->hdf, key, names[i]);
		snprintf(label, sizeof label, "%s.%s", pack, names[i]);
		snprintf(key, sizeof key, "%s.%d.label", prefix, i);
		hdf_set_value(r->hdf, key, tr(r, label));
	}
}

void app_qr_refresh(struct req *r, int seconds, const char *stamp_key)
{
	hdf_set_int_value(r->hdf, "Page.Refresh", seconds);
	hdf_set_int_value(r->hdf, "Page.RefreshNoScript", 1);
	hdf_set_value(r->hdf, "Page.Script.0", "card.js");
	hdf_set_int_value(r->hdf, stamp_key, (int)randombytes_uniform(1000000000u));
}

void tr_fill(struct req *r, const char *key, const char *value, char *out, size_t n)
{
	const char *tmpl = tr(r, key);
	const char *p = strstr(tmpl, "{day}");

	if (p == NULL || value == NULL)
		snprintf(out, n, "%s", tmpl);
	else
		snprintf(out, n, "%.*s%s%s", (int)(p - tmpl), tmpl, value, p + 5);
}

/* ---- clock ------------------------------------------------------------ */

void app_site_url(struct req *r, const char *path, char *out, size_t n)
{
	const char *base = conf_str("Site.BaseUrl", NULL);

	if (base && *base)
		snprintf(out, n, "%s%s%s", base, site_prefix, path);
	else
		snprintf(out, n, "%s://%s%s%s", r->is_https ? "https" : "http",
			 hdf_get_value(r->hdf, "HTTP.Host", "localhost"), site_prefix, path);
}

NEOERR *app_send_qr(struct req *r, const char *page, const char *token)
{
	char path[256], url[512];
	STRING svg;
	NEOERR *err;

	snprintf(path, sizeof path, "%s?t=%s", page, token);
	app_site_url(r, path, url, sizeof url);
	string_init(&svg);
	err = qr_svg(url, &svg);
	if (err == STATUS_OK)
		err = app_send(r, "image/svg+xml", svg.buf, svg.len);
	string_clear(&svg);
	return nerr_pass(err);
}

void app_set_cookie(struct req *r, const char *name, const char *value,
		    const char *path, long max_age)
{
	app_header(r, "Set-Cookie: %s=%s; Path=%s%s; Max-Age=%ld; HttpOnly; SameSite=Lax%s",
		   name, value, site_prefix, site_prefix[0] && !strcmp(path, "/") ? "" : path,
		   max_age, r->is_https ? "; Secure" : "");
}

void app_now(char out[20])
{
	clock_now(out);
}

int app_today(void)
{
	return day_today();
}

/* ---- response --------------------------------------------------------- */

void app_header(struct req *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	string_appendvf(&r->headers, fmt, ap);
	va_end(ap);
	string_append(&r->headers, "\r\n");
}

static const char *status_text(int status)
{
	switch (status) {
	case 200: return "OK";
	case 303: return "See Other";
	case 400: return "Bad Request";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 410: return "Gone";
	case 413: return "Payload Too Large";
	case 429: return "Too Many Requests";
	case 503: return "Service Unavailable";
	default:  return "Internal Server Error";
	}
}

/* Writes the status line, the security headers, the session cookie when it
 * changed, the page's own headers and the body. */
static void send_response(struct req *r, const char *ctype, const char *body, size_t len)
{
	FCGX_Stream *out = current->out;

	FCGX_FPrintF(out, "Status: %d %s\r\n", r->status, status_text(r->status));
	if (ctype)
		FCGX_FPrintF(out, "Content-Type: %s\r\n", ctype);
	/* fcgi2 has its own printf: no %zu. */
	FCGX_FPrintF(out, "Content-Length: %lu\r\n", (unsigned long)(body ? len : 0));
	FCGX_FPrintF(out,
		"Content-Security-Policy: default-src 'self'; img-src 'self' data:; "
		"style-src 'self'; script-src 'self'; object-src 'none'; "
		"base-uri 'none'; form-action 'self'; frame-ancestors 'none'\r\n"
		"X-Frame-Options: DENY\r\n"
		"X-Content-Type-Options: nosniff\r\n"
		"Referrer-Policy: same-origin\r\n"
		"Cache-Control: no-store\r\n");
	if (r->sid_is_new && r->sid[0])
		FCGX_FPrintF(out, "Set-Cookie: hc_sid=%s; Path=%s; HttpOnly; SameSite=Lax%s\r\n",
			     r->sid, site_prefix[0] ? site_prefix : "/", r->is_https ? "; Secure" : "");
	if (r->headers.len)
		FCGX_PutStr(r->headers.buf, r->headers.len, out);
	FCGX_PutS("\r\n", out);
	if (body && len)
		FCGX_PutStr(body, (int)len, out);
	r->responded = true;
}

NEOERR *app_send(struct req *r, const char *ctype, const char *body, size_t len)
{
	send_response(r, ctype, body, len);
	return STATUS_OK;
}

static NEOERR *render_out(void *ctx, char *s)
{
	return nerr_pass(string_append((STRING *)ctx, s));
}

/* The parsed template, from the cache or parsed now. */
static NEOERR *template_cache_get(const char *tmpl, CSPARSE **out)
{
	int free_slot = -1;
	CSPARSE *cs = NULL;
	NEOERR *err;

	for (int i = 0; i < TEMPLATE_CACHE; i++) {
		if (template_cache[i].cs && !strcmp(template_cache[i].name, tmpl)) {
			*out = template_cache[i].cs;
			return STATUS_OK;
		}
		if (!template_cache[i].cs && free_slot < 0)
			free_slot = i;
	}
	err = cs_init(&cs, parse_hdf);
	if (err == STATUS_OK)
		err = cgi_register_strfuncs(cs);
	if (err == STATUS_OK)
		err = cs_parse_file(cs, tmpl);
	if (err) {
		cs_destroy(&cs);
		return nerr_pass(err);
	}
	if (free_slot >= 0 && strlen(tmpl) < sizeof template_cache[0].name) {
		snprintf(template_cache[free_slot].name, sizeof template_cache[0].name, "%s", tmpl);
		template_cache[free_slot].cs = cs;
	}
	*out = cs;
	return STATUS_OK;
}

NEOERR *app_render_to(struct req *r, const char *tmpl, STRING *out)
{
	CSPARSE *cs = NULL;
	bool cached;
	NEOERR *err;

	err = template_cache_get(tmpl, &cs);
	if (err)
		return nerr_pass(err);
	cached = false;
	for (int i = 0; i < TEMPLATE_CACHE; i++)
		cached |= template_cache[i].cs == cs;
	cs->hdf = r->hdf;
	cs->global_hdf = lang_roots[lang_index(r->lang)];
	err = cs_render(cs, out, render_out);
	cs->hdf = parse_hdf;
	cs->global_hdf = NULL;
	if (!cached)
		cs_destroy(&cs);
	return nerr_pass(err);
}

NEOERR *app_render(struct req *r, const char *tmpl)
{
	STRING out;
	NEOERR *err;

	string_init(&out);
	err = app_render_to(r, tmpl, &out);
	/* Templates are indented for their reader; the page drops the lines
	 * that only held template tags and the spaces at line ends
	 * (ClearSilver's level 1: <pre>, <textarea> and tags are untouched). */
	if (err == STATUS_OK)
		cgi_html_ws_strip(&out, 1);
	if (err == STATUS_OK)
		send_response(r, "text/html; charset=utf-8", out.buf, (size_t)out.len);
	string_clear(&out);
	return nerr_pass(err);
}

NEOERR *app_redirect(struct req *r, const char *path)
{
	/* Only local paths: never an open redirect. */
	if (!url_local_path(path))
		path = "/";
	r->status = 303;
	app_header(r, "Location: %s%s", site_prefix, path);
	send_response(r, "text/plain; charset=utf-8", "", 0);
	return STATUS_OK;
}

NEOERR *app_redirectf(struct req *r, const char *fmt, ...)
{
	char path[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(path, sizeof path, fmt, ap);
	va_end(ap);
	return nerr_pass(app_redirect(r, path));
}

const char *app_param(struct req *r, const char *name, const char *def)
{
	char key[128];

	snprintf(key, sizeof key, "Query.%s", name);
	return hdf_get_value(r->hdf, key, def);
}

const char *app_path_arg(struct req *r)
{
	const char *p = hdf_get_value(r->hdf, "CGI.PathInfo", "");

	p += strspn(p, "/");
	p += strcspn(p, "/");
	p += strspn(p, "/");
	return p;
}

const char *app_query(void *r, const char *name)
{
	return app_param(r, name, NULL);
}

long long app_num(struct req *r, const char *name, long long def)
{
	const char *v = app_param(r, name, NULL);

	return v ? strtoll(v, NULL, 10) : def;
}

int app_nums(struct req *r, const char *name, long long *out, int max)
{
	char key[128];
	HDF *node;
	int n = 0;

	snprintf(key, sizeof key, "Query.%s", name);
	node = hdf_get_obj(r->hdf, key);
	if (node == NULL || max < 1)
		return 0;
	/* ClearSilver puts a name given more than once under Query.<name>.N. */
	if (hdf_obj_child(node) == NULL) {
		out[n++] = strtoll(hdf_obj_value(node), NULL, 10);
		return n;
	}
	for (HDF *c = hdf_obj_child(node); c && n < max; c = hdf_obj_next(c))
		out[n++] = strtoll(hdf_obj_value(c), NULL, 10);
	return n;
}

int app_day(struct req *r, const char *name)
{
	const char *v = app_param(r, name, NULL);

	return v ? day_parse(v) : -1;
}

/* ---- errors: one place ------------------------------------------------ */

struct err_map { NERR_TYPE *type; int status; const char *key; };

static int status_of(NEOERR *err, const char **key)
{
	const struct err_map map[] = {
		{ &HC_ERR_BADREQ, 400, "error.badreq" },
		{ &HC_ERR_FORBIDDEN, 403, "error.forbidden" },
		{ &HC_ERR_NOTFOUND, 404, "error.notfound" },
		{ &HC_ERR_METHOD, 405, "error.method" },
		{ &HC_ERR_CONFLICT, 409, "error.conflict" },
		{ &HC_ERR_TOOLARGE, 413, "error.toolarge" },
		{ &HC_ERR_TOOMANY, 429, "error.toomany" },
		{ &HC_ERR_DBDOWN, 503, "error.dbdown" },
		{ &HC_ERR_RETRY, 503, "error.busy" },
	};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
		if (nerr_match(err, *map[i].type)) {
			*key = map[i].key;
			return map[i].status;
		}
	}
	*key = "error.internal";
	return 500;
}

/* Logs the traceback with the request id to the FastCGI error stream
 * (Apache's error log) and shows a plain page carrying only that id. */
static void app_fail(struct req *r, NEOERR *err)
{
	const char *key;
	int status = status_of(err, &key);
	STRING tb;
	NEOERR *err2;

	string_init(&tb);
	nerr_error_traceback(err, &tb);
	FCGX_FPrintF(current->err, "healthcard[%s] %s %s: status %d\n%s\n",
		     r->id, getenv("HC_PAGE") ? getenv("HC_PAGE") : "",
		     r->method ? r->method : "-", status, tb.buf ? tb.buf : "");
	string_clear(&tb);
	nerr_ignore(&err);
	if (r->responded)
		return;
	r->status = status;
	if (status == 503)
		app_header(r, "Retry-After: 5");
	if (r->hdf) {
		hdf_set_int_value(r->hdf, "Error.Status", status);
		hdf_set_value(r->hdf, "Error.Message", tr(r, key));
		err2 = app_render(r, "error.cs");
		if (err2 == STATUS_OK)
			return;
		nerr_ignore(&err2);
	}
	char text[64];
	snprintf(text, sizeof text, "Error. Request id: %s\n", r->id);
	send_response(r, "text/plain; charset=utf-8", text, strlen(text));
}

/* ---- the guards ------------------------------------------------------- */

/* Finds the action for a name and method; *allowed collects the methods
 * the name accepts, to tell 404 from 405. */
static const struct action *find_action(const struct page *page, const char *name,
					unsigned method, unsigned *allowed)
{
	*allowed = 0;
	for (const struct action *a = page->actions; a->fn; a++) {
		if (strcmp(a->name, name))
			continue;
		*allowed |= a->methods;
		if (a->methods & method)
			return a;
	}
	return NULL;
}

/* The action is the first PATH_INFO segment: /review/decide -> "decide". */
static void action_name(char *out, size_t n, const char *path_info)
{
	const char *p = path_info ? path_info : "";
	size_t len;

	while (*p == '/')
		p++;
	len = strcspn(p, "/");
	if (len >= n)
		len = n - 1;
	memcpy(out, p, len);
	out[len] = '\0';
}

static void pick_language(struct req *r)
{
	const char *q = app_param(r, "lang", NULL);
	const char *c = hdf_get_value(r->hdf, "Cookie.hc_lang", NULL);
	const char *al = hdf_get_value(r->hdf, "HTTP.AcceptLanguage", "");
	int en;

	if (q && (!strcmp(q, "en") || !strcmp(q, "zh-CN"))) {
		en = !strcmp(q, "en");
		app_set_cookie(r, "hc_lang", lang_names[en], "/", 31536000L);
	} else if (c && (!strcmp(c, "en") || !strcmp(c, "zh-CN"))) {
		en = !strcmp(c, "en");
	} else {
		/* The first language the browser names decides. */
		en = !strncasecmp(al, "en", 2);
	}
	r->lang = lang_names[en];
	r->pack = lang_pack(en);
	hdf_set_value(r->hdf, "Page.Lang", r->lang);
	hdf_set_value(r->hdf, "Page.OtherLang", strcmp(r->lang, "en") ? "en" : "zh-CN");
}

/* A browser names the page's origin on a POST; when it names one, it must
 * be ours. "null" (privacy modes, some in-app browsers) says nothing: the
 * CSRF token still has to match. */
static bool same_origin(void)
{
	const char *origin = param("HTTP_ORIGIN");
	const char *host = param("HTTP_HOST");
	const char *p;

	if (origin == NULL || !strcmp(origin, "null"))
		return true;
	p = strstr(origin, "://");
	return p && host && !strcmp(p + 3, host);
}

/* Reads the body whose length input_check_head() accepted into r->body
 * (NUL-terminated: the parsers may treat it as a string). */
static NEOERR *read_body(struct req *r, long length)
{
	int got = 0;

	r->body = malloc((size_t)length + 1);
	if (r->body == NULL)
		return nerr_raise(NERR_NOMEM, "a body of %ld bytes", length);
	while (got < length) {
		int n = FCGX_GetStr(r->body + got, (int)(length - got), current->in);
		if (n <= 0)
			break;
		got += n;
	}
	r->body[got] = '\0';
	r->body_len = (size_t)got;
	if (got < length)
		return nerr_raise(HC_ERR_BADREQ, "body of %d bytes, CONTENT_LENGTH %ld", got, length);
	return STATUS_OK;
}

/* What every page and the error page need, before anything can fail. */
static void set_page_data(struct req *r, const struct page *page)
{
	HDF *h = r->hdf;

	pick_language(r);
	hdf_set_value(h, "Page.Name", page->name);
	hdf_set_value(h, "Page.RequestId", r->id);
	hdf_set_value(h, "Page.School", conf_str("School.Name", "healthcard"));
}

/* The session's CSRF token and who is logged in. */
static void set_who_data(struct req *r)
{
	HDF *h = r->hdf;
	char csrf[48];

	hdf_set_value(h, "Page.Action", r->action);
	if (r->is_https)
		hdf_set_int_value(h, "Page.Https", 1);
	sess_csrf_token(r, csrf);
	hdf_set_value(h, "Page.Csrf", csrf);
	if (r->who.person_id) {
		hdf_set_int_value(h, "Who.Id", r->who.person_id);
		hdf_set_value(h, "Who.Name", r->who.name);
		hdf_set_value(h, "Who.Login", r->who.login);
		hdf_set_value(h, "Who.Number", r->who.number);
		for (int i = 0; i < R_NROLES; i++)
			if (r->who.roles & (1u << i))
				hdf_set_int_value(h, sess_role_hdf_name(1u << i), 1);
		/* The staff menu on every page offers what the policy allows. */
		if (r->who.roles & R_COUNSELOR)
			hdf_set_int_value(h, "Policy.CounselorsMayImport",
					  conf_int("Policy.CounselorsMayImport", 0));
	}
}

/* Apache's status for a request it refused itself, as one of ours. */
static NEOERR *apache_refused(int status)
{
	switch (status) {
	case 400: return nerr_raise(HC_ERR_BADREQ, "Apache refused the request");
	case 403: return nerr_raise(HC_ERR_FORBIDDEN, "Apache refused the request");
	case 404: return nerr_raise(HC_ERR_NOTFOUND, "Apache found nothing");
	case 405: return nerr_raise(HC_ERR_METHOD, "Apache refused the method");
	case 411: return nerr_raise(HC_ERR_BADREQ, "a body without Content-Length");
	case 413: return nerr_raise(HC_ERR_TOOLARGE, "Apache refused the body");
	case 503: return nerr_raise(HC_ERR_DBDOWN, "Apache could not serve");
	default: return nerr_raise(NERR_ASSERT, "Apache answered %d", status);
	}
}

/* The path of this site a same-origin Referer names, or NULL. */
static const char *referer_path(void)
{
	const char *ref = param("HTTP_REFERER"), *host = param("HTTP_HOST"), *p;
	size_t n;

	if (ref == NULL || host == NULL || (p = strstr(ref, "://")) == NULL)
		return NULL;
	p += 3;
	n = strlen(host);
	if (strncmp(p, host, n) != 0 || p[n] != '/')
		return NULL;
	p = url_strip_prefix(p + n, site_prefix);
	return url_local_path(p) ? p : NULL;
}

/* 303 to the login page, which comes back to where the person was: the
 * page asked for (a GET), or for a form sent (a POST) the page it was
 * sent from. A request whose login session is gone says it expired. */
static NEOERR *to_login(struct req *r, const struct page *page, bool posted)
{
	char next[600], back[64];
	const char *uri = posted ? referer_path() : url_strip_prefix(param("REQUEST_URI"), site_prefix);
	char *esc = NULL;
	bool expired = r->session_lost;

	if (uri == NULL) {
		snprintf(back, sizeof back, "/%s", page->name);
		uri = back;
	}
	if (cgi_url_escape(uri, &esc) != STATUS_OK || strlen(esc) > 500) {
		free(esc);
		esc = NULL;
	}
	snprintf(next, sizeof next, "/login?%s%s%s", expired ? "expired=1" : "",
		 esc && expired ? "&" : "", esc ? "next=" : "");
	if (esc)
		snprintf(next + strlen(next), sizeof next - strlen(next), "%s", esc);
	free(esc);
	return nerr_pass(app_redirect(r, next));
}

static NEOERR *run_request(struct req *r, const struct page *page)
{
	const struct action *a;
	char name[64];
	NEOERR *err;
	unsigned method, allowed;
	long length;

	/* Apache's own refusal (an ErrorDocument in conf/healthcard-apache.conf)
	 * arrives as an internal redirect: the app's error page with Apache's
	 * status, and nothing else read or done. */
	if (param("REDIRECT_STATUS") && atoi(param("REDIRECT_STATUS")) >= 400)
		return nerr_pass(apache_refused(atoi(param("REDIRECT_STATUS"))));
	r->method = param("REQUEST_METHOD");
	method = r->method && !strcmp(r->method, "POST") ? M_POST :
		 r->method && (!strcmp(r->method, "GET") || !strcmp(r->method, "HEAD")) ? M_GET : 0;
	action_name(name, sizeof name, param("PATH_INFO"));
	a = find_action(page, name, method, &allowed);
	if (a == NULL && allowed == 0)
		return nerr_raise(HC_ERR_NOTFOUND, "no action '%s' on page %s", name, page->name);
	if (a == NULL) {
		app_header(r, "Allow: %s", allowed == M_POST ? "POST" :
			   allowed == M_GET ? "GET, HEAD" : "GET, HEAD, POST");
		return nerr_raise(HC_ERR_METHOD, "method %s not allowed", r->method);
	}
	r->action = a->name;
	/* The gate: nothing from the request is parsed before the action
	 * is known, and no body is read before its size and type are. */
	err = input_check_head(a, param("CONTENT_TYPE"), param("CONTENT_LENGTH"), &length);
	if (err == STATUS_OK && method == M_POST && length > 0)
		err = read_body(r, length);
	if (err == STATUS_OK)
		err = input_parse(r, a, param("QUERY_STRING"), param("HTTP_COOKIE"),
				  param("CONTENT_TYPE"));
	if (err)
		return nerr_pass(err);
	/* Now that the query and the cookies are known: ?lang= and hc_lang. */
	pick_language(r);
	err = db_ensure();
	if (err == STATUS_OK)
		err = sess_load(r);
	if (err)
		return nerr_pass(err);
	/* A form sent after the login expired (the phone left on a page over
	 * lunch) is not an attack: the person logs in again and comes back
	 * to the page they were on. Nothing of the form is acted on. */
	if (method == M_POST && !(a->roles & R_ANON) && r->who.person_id == 0 && same_origin())
		return nerr_pass(to_login(r, page, true));
	if (method == M_POST && (!same_origin() || !sess_csrf_ok(r, app_param(r, "csrf", NULL))))
		return nerr_raise(HC_ERR_FORBIDDEN, "CSRF check failed");
	set_who_data(r);
	/* What the actor lends a rule from its request. */
	r->who.lang = r->lang;
	r->who.request_id = r->id;
	r->who.addr = hdf_get_value(r->hdf, "CGI.RemoteAddress", "");
	if (!(a->roles & R_ANON)) {
		if (r->who.person_id == 0)
			return nerr_pass(to_login(r, page, false));
		if (!(a->roles & r->who.roles))
			return nerr_raise(HC_ERR_FORBIDDEN, "role 0x%x may not %s/%s",
					  r->who.roles, page->name, a->name);
		/* An account an admin made changes its password before anything
		 * else (the page /password, and logging out, stay open). */
		if (r->who.must_change_pw && strcmp(page->name, "password") &&
		    strcmp(page->name, "logout"))
			return nerr_pass(app_redirect(r, "/password"));
	}
	err = input_check_params(r, a->params);
	if (err)
		return nerr_pass(err);
	r->status = 200;
	return nerr_pass(a->fn(r));
}

static void request_id(char out[17])
{
	unsigned char b[8];

	randombytes_buf(b, sizeof b);
	sodium_bin2hex(out, 17, b, sizeof b);
}

static void serve_one(const struct page *page)
{
	struct req r = { 0 };
	HDF *hdf = NULL;
	NEOERR *err;

	string_init(&r.headers);
	request_id(r.id);
	r.lang = lang_names[0];
	r.pack = lang_pack(0);
	r.status = 200;
	/* Behind a proxy that ends TLS, Apache sees plain HTTP: the site's
	 * configured address says what the browser uses. */
	r.is_https = param("HTTPS") != NULL ||
		     strncasecmp(conf_str("Site.BaseUrl", ""), "https://", 8) == 0;

	err = hdf_init(&hdf);
	if (err == STATUS_OK) {
		/* Set for every request, never left to a template to load. */
		hdf_set_value(hdf, "Config.VarEscapeMode", "html");
		hdf_set_value(hdf, "Config.TimeFooter", "0");
		hdf_set_value(hdf, "hdf.loadpaths.0", conf_str("Paths.Templates", "templates"));
		err = cgi_init(&r.cgi, hdf);  /* takes ownership of hdf */
		if (err == STATUS_OK) {
			r.hdf = r.cgi->hdf;
			set_page_data(&r, page);
		} else {
			hdf_destroy(&hdf);
		}
	}
	if (err == STATUS_OK)
		err = run_request(&r, page);
	if (err)
		app_fail(&r, err);
	else if (!r.responded)
		app_fail(&r, nerr_raise(NERR_ASSERT, "handler sent no response"));
	cgi_destroy(&r.cgi);
	string_clear(&r.headers);
	free(r.body);
}

NEOERR *app_init_tool(void)
{
	if (sodium_init() < 0)
		return nerr_raise(NERR_ASSERT, "sodium_init");
	err_init();
	return nerr_pass(conf_load());
}

int app_main(const struct page *page)
{
	FCGX_Request request;
	NEOERR *err;

	if (sodium_init() < 0)
		return 1;
	err_init();
	setenv("HC_PAGE", page->name, 1);
	err = conf_load();
	if (err == STATUS_OK)
		err = load_packs();
	if (err == STATUS_OK)
		err = sess_init();
	if (err) {
		STRING tb;
		string_init(&tb);
		nerr_error_traceback(err, &tb);
		fprintf(stderr, "healthcard %s: cannot start: %s\n", page->name, tb.buf);
		return 1;
	}
	FCGX_Init();
	FCGX_InitRequest(&request, 0, 0);
	cgiwrap_init_emu(NULL, bridge_read, bridge_writef, bridge_write,
			 bridge_getenv, bridge_putenv, bridge_iterenv);
	while (FCGX_Accept_r(&request) >= 0) {
		current = &request;
		index_env();
		serve_one(page);
		FCGX_Finish_r(&request);
		current = NULL;
	}
	db_close_all();
	return 0;
}

NEOERR *app_read_sheet(struct req *r, const char *data, size_t size, const char *name,
		       const char *too_large_key, SHEET **s)
{
	struct sheet_limits lim = sheet_default_limits;
	struct sheet_problem why;
	char text[512];
	NEOERR *err;

	*s = NULL;
	lim.max_file = (size_t)conf_int("Uploads.MaxBytes", 10485760);
	if (too_large_key && size > lim.max_file) {
		r->status = 413;
		hdf_set_value(r->hdf, "Page.Message", tr(r, too_large_key));
		return STATUS_OK;
	}
	err = sheet_read_why(data, size, name, &lim, s, &why);
	if (nerr_match(err, HC_ERR_BADREQ) || nerr_match(err, HC_ERR_TOOLARGE)) {
		r->status = nerr_match(err, HC_ERR_TOOLARGE) ? 413 : 400;
		nerr_ignore(&err);
		/* Said in the page's language, with the row and column. */
		app_sheet_problem(r, &why, text, sizeof text);
		hdf_set_value(r->hdf, "Page.Message", tr(r, "roster.unreadable"));
		hdf_set_value(r->hdf, "Page.Detail", text);
		*s = NULL;
	}
	return nerr_pass(err);
}

/* "第 3 行 第 B 列: 引号没有闭合。" from what the reader noted; {n} in
 * the message is the cap that was passed. */
void app_sheet_problem(struct req *r, const struct sheet_problem *why, char *out, size_t n)
{
	const char *msg = tr(r, why->key ? why->key : "sheet.damaged");
	const char *cap = strstr(msg, "{n}");
	char at[128] = "", col[8];

	if (why->row > 0)
		snprintf(at, sizeof at, "%s %d %s", tr(r, "roster.row"), why->row,
			 tr(r, "roster.row_suffix"));
	if (why->col > 0) {
		sheet_col_name(why->col, col);
		snprintf(at + strlen(at), sizeof at - strlen(at), " %s %s %s",
			 tr(r, "sheet.col"), col, tr(r, "sheet.col_suffix"));
	}
	if (cap)
		snprintf(out, n, "%s%s%.*s%ld%s", at, at[0] ? ": " : "", (int)(cap - msg), msg,
			 why->limit, cap + 3);
	else
		snprintf(out, n, "%s%s%s", at, at[0] ? ": " : "", msg);
}
