/*
 * req.h - the request as a handler and the guards before it see it
 * (struct req), the table of a page's actions, and the request's
 * accessors: what the web files around the cycle need (sessions fill a
 * struct req, the gate checks struct action, forms read parameters),
 * apart from the cycle itself (app.h: app_main(), rendering), which
 * includes them. The accessors are defined in app.c.
 */
#ifndef HC_REQ_H
#define HC_REQ_H

#include "core/actor.h"
#include "core/err.h"

#include <ClearSilver.h>
#include <stdbool.h>
#include <stddef.h>

/* Methods an action accepts. */
#define M_GET  1u
#define M_POST 2u

/* Who may call an action: any of the R_* bits of core/actor.h in
 * who.roles, or R_ANON. */
#define R_ANON      (1u << 31) /* no login needed */

/* A file part of an upload's body (lib/web/input.h: input_file()). */
struct req_file {
	char name[65];
	const char *data;        /* into req.body */
	size_t len;
};
#define REQ_MAX_FILES 4

struct req {
	CGI *cgi;
	HDF *hdf;                /* == cgi->hdf: the request's data set */
	char id[17];             /* request id, in logs and on error pages */
	char sid[48];            /* the session cookie's token */
	bool sid_is_new;         /* set the cookie in the response */
	bool session_lost;       /* a login's cookie that logs in no more (expired, logged out) */
	struct actor who;        /* who is logged in, lent the request's
				  * language, id and address before the
				  * handler runs */
	const char *lang;        /* "zh-CN" or "en" */
	HDF *pack;               /* the language pack (process-wide) */
	int status;
	bool is_https;
	bool responded;
	STRING headers;          /* extra response header lines */
	const char *method;
	const char *action;
	char *body;              /* the request body as read (owned), NUL-terminated */
	size_t body_len;
	struct req_file files[REQ_MAX_FILES];
	int nfiles;
};

typedef NEOERR *(*handler_fn)(struct req *r);

struct form;                     /* lib/web/form.h */

/* A typed parameter of an action, checked by the gate before the handler
 * runs (lib/web/input.h); the handler reads it with app_num() or
 * app_day(). Absent is fine unless required; present, it must parse. */
enum param_type {
	P_ID,                    /* 1 .. 2^31-1 */
	P_INT,                   /* min .. max */
	P_DAY,                   /* YYYY-MM-DD */
	P_ENUM                   /* one of values */
};
struct action_param {
	const char *name;
	enum param_type type;
	bool required;
	long long min, max;      /* P_INT */
	const char *values;      /* P_ENUM: space-separated, "clear send_back" */
	bool notfound;           /* bad is 404, not 400: an id in a link,
				  * which names nothing when mistyped */
};

/* Action flags. */
#define A_UPLOAD 1u              /* takes a multipart/form-data body */

/* One action of a page, and what its input may be (lib/web/input.h has the
 * rules). The fields after fn are optional: designated initializers. */
struct action {
	const char *name;        /* first PATH_INFO segment; "" for the page */
	unsigned methods;        /* M_GET | M_POST */
	unsigned roles;          /* R_* bits, R_ANON for no login */
	handler_fn fn;
	unsigned flags;          /* A_UPLOAD */
	long max_body;           /* bytes; 0: Limits.MaxBody, or with A_UPLOAD
				  * Uploads.MaxBytes + 64 KiB */
	const char *lists;       /* parameters that may be given more than
				  * once, space-separated: "id" */
	const char *lines;       /* parameters that may hold tab and line
				  * breaks (a textarea): "notes" */
	const struct action_param *params; /* its typed parameters, ending with a
				  * zeroed entry: PARAMS({ "id", P_ID }) */
	const struct form *form; /* the form its handler checks first with
				  * form_check(): bad text in one of its
				  * fields re-renders it */
};

/* .params = PARAMS({ "id", P_ID, true }, { "page", P_INT, .max = 99999 }) */
#define PARAMS(...) ((const struct action_param[]){ __VA_ARGS__, { 0 } })

struct page {
	const char *name;        /* the page's URL and template prefix */
	const struct action *actions; /* ends with a zeroed entry */
};

/* A language-pack string for the request's language; the key if missing. */
const char *tr(struct req *r, const char *key);

/* tr(), with "{day}" in the string replaced by value. */
void tr_fill(struct req *r, const char *key, const char *value, char *out, size_t n);

/* Query.<name>, or def. */
const char *app_param(struct req *r, const char *name, const char *def);
/* Query.<name> or NULL, r a struct req: a form_get_fn (core/formdef.h)
 * for the rules that read a form without the request. */
const char *app_query(void *r, const char *name);

/* A declared P_ID or P_INT parameter (the gate checked it), or def when
 * absent. */
long long app_num(struct req *r, const char *name, long long def);
/* A declared P_ID or P_INT list (named in .lists: id=1&id=2...) into
 * out, at most max; returns how many. */
int app_nums(struct req *r, const char *name, long long *out, int max);
/* A declared P_DAY parameter as a day number, or -1 when absent. */
int app_day(struct req *r, const char *name);

/* The second segment of the path after the page's own, and all after it:
 * "abc" of /scan/enrol/abc; "" for none. */
const char *app_path_arg(struct req *r);

#endif
