/*
 * app.h - the request cycle, once: every page is a table of actions handed
 * to app_main(), which runs the FastCGI loop and the guards before any
 * handler (404, 405, the body's cap and type, every parameter's text:
 * lib/web/input.h, CSRF, login, role) and sends every error to one place.
 *
 * A page's scaffolding (its form and action tables, render(), a
 * handler's story) is alike in every page on purpose: README, "What
 * repeats on purpose", declares it with the rest of what repeats in lib/.
 * What several pages do besides is a helper here or in web/form.h
 * (form_error(), app_export_named_list(), app_qr_refresh(), ...).
 */
#ifndef HC_APP_H
#define HC_APP_H

#include "web/req.h"

/* Runs the FastCGI loop for one page program; returns the exit status. */
int app_main(const struct page *page);

/* For command-line tools (not pages): error types, libsodium and the
 * configuration named by $HEALTHCARD_CONF, without the FastCGI loop. */
NEOERR *app_init_tool(void);

/* Renders templates/<tmpl> with r->hdf and sends it with r->status. */
NEOERR *app_render(struct req *r, const char *tmpl);
/* Renders it into *out (the caller's, string_init()ed) without sending:
 * for a page that keeps what it sent (app_send() it). */
NEOERR *app_render_to(struct req *r, const char *tmpl, STRING *out);

/* <prefix>.<n>.name and <prefix>.<n>.label for each entry of names (a
 * NULL-ended list): the name, and its text in the request's language
 * under <pack>.<name> ("dashboard.figure" + "total"). For a template
 * that walks a list the code declares (figures, hand-typed fields). */
void app_export_named_list(struct req *r, const char *prefix, const char *const *names,
			   const char *pack);

/* Sends a body of another type (CSV, SVG, ...) with r->status. */
NEOERR *app_send(struct req *r, const char *ctype, const char *body, size_t len);

/* 303 See Other to a local path. */
NEOERR *app_redirect(struct req *r, const char *path);
/* The same to a path made by printf (an id or a day in its query). */
NEOERR *app_redirectf(struct req *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Adds a response header line ("Name: value"). */
void app_header(struct req *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* What the spreadsheet reader said was wrong with an upload
 * (core/sheet.h), in the request's language, with its row and column
 * ("第 3 行 第 B 列: 引号没有闭合。"). */
struct sheet_problem;
void app_sheet_problem(struct req *r, const struct sheet_problem *why, char *out, size_t n);

/* Reads an uploaded spreadsheet within the upload cap (Uploads.MaxBytes)
 * into *s. One the page must refuse leaves *s NULL, the status (413 or
 * 400) and Page.Message set: too_large_key's text for a file over the cap
 * (when given; else it is unreadable like any other), roster.unreadable
 * with Page.Detail (app_sheet_problem()) for one the reader refused. */
struct sheet;
NEOERR *app_read_sheet(struct req *r, const char *data, size_t size, const char *name,
		       const char *too_large_key, struct sheet **s);

/* The site's address of path, for links that leave the browser (QR
 * codes): Site.BaseUrl from the config, else the request's scheme and
 * host, then path. */
void app_site_url(struct req *r, const char *path, char *out, size_t n);
/* A QR code (SVG, never cached) of this site's page?t=token: the card's,
 * a building pass's, a booking's. */
NEOERR *app_send_qr(struct req *r, const char *page, const char *token);

/* A page that shows a rotating QR code (the card's, a pass's, a
 * booking's): a fresh code every `seconds` (half the time the gate takes
 * one for). Without JavaScript the page reloads (Page.Refresh); card.js
 * swaps the image, fetched anew each time (no-store) under a random
 * number, stamp_key ("Card.QrStamp"). */
void app_qr_refresh(struct req *r, int seconds, const char *stamp_key);

/* A response cookie of the site's own: HttpOnly, SameSite=Lax, Secure
 * under HTTPS. max_age 0 deletes it. */
void app_set_cookie(struct req *r, const char *name, const char *value,
		    const char *path, long max_age);

/* Current wall clock in the school's time zone, "YYYY-MM-DD HH:MM:SS". */
void app_now(char out[20]);
/* Today's day number (days since 1970-01-01) in the school's time zone. */
int app_today(void);

#endif
