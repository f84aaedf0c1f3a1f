/* photo.c - see photo.h. */
#include "domain/photo.h"
#include "domain/audit.h"
#include "domain/returnapp.h"
#include "domain/scope.h"
#include "domain/term.h"
#include "core/conf.h"
#include "core/db.h"
#include "core/days.h"
#include "core/image.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

void photo_limits(struct photo_limits *l)
{
	l->max_bytes = conf_int("Policy.PhotoMaxBytes", PHOTO_MAX_BYTES);
	l->min_side = conf_int("Policy.PhotoMinSide", PHOTO_MIN_SIDE);
	l->max_side = conf_int("Policy.PhotoMaxSide", PHOTO_MAX_SIDE);
	l->per_term = conf_int("Policy.PhotoUploadsPerTerm", PHOTO_UPLOADS_PER_TERM);
}

enum photo_problem photo_check(const struct photo_limits *l, const unsigned char *data,
			       size_t len, const char **mime, int *w, int *h)
{
	struct image_info info;

	*mime = NULL;
	*w = *h = 0;
	if ((long)len > l->max_bytes)
		return PH_TOO_LARGE;
	if (!image_probe(data, len, &info))
		return PH_NOT_IMAGE;
	*mime = info.mime;
	*w = info.width;
	*h = info.height;
	if (info.width < l->min_side || info.height < l->min_side ||
	    info.width > l->max_side || info.height > l->max_side)
		return PH_DIMENSIONS;
	return PH_OK;
}

#define THIS_TERM "term_id <=> " TERM_NOW_ID

NEOERR *photo_uploads_this_term(int person_id, long long *n)
{
	char now[20], today[11];

	clock_now(now);
	snprintf(today, sizeof today, "%.10s", now);
	return nerr_pass(db_scalar(n, NULL, "SELECT COUNT(*) FROM photos WHERE person_id = ? AND "
		THIS_TERM, "iss", (long long)person_id, today, today));
}

struct upload {
	const struct actor *a;
	const unsigned char *data;
	size_t len;
	const char *mime;
	int width, height;
	long long id;
	enum photo_problem problem;
};

static NEOERR *upload_in_txn(void *arg)
{
	struct upload *x = arg;
	struct photo_limits l;
	unsigned char hash[crypto_hash_sha256_BYTES];
	char hex[2 * crypto_hash_sha256_BYTES + 1], now[20], today[11], detail[80];
	long long used = 0, one = 0;
	NEOERR *err;

	x->id = 0;
	x->problem = PH_OK;
	photo_limits(&l);
	clock_now(now);
	snprintf(today, sizeof today, "%.10s", now);
	err = db_scalar(&one, NULL, "SELECT id FROM people WHERE id = ? FOR UPDATE", "i",
			(long long)x->a->person_id);
	if (err == STATUS_OK)
		err = db_scalar(&used, NULL, "SELECT COUNT(*) FROM photos WHERE person_id = ? AND "
			THIS_TERM, "iss", (long long)x->a->person_id, today, today);
	if (err)
		return nerr_pass(err);
	if (used >= l.per_term) {
		x->problem = PH_LIMIT;
		return STATUS_OK;
	}
	crypto_hash_sha256(hash, x->data, x->len);
	sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
	err = ret_store_file(hex, x->data, x->len);
	if (err == STATUS_OK)
		err = db_exec(NULL, NULL, "UPDATE photos SET state = 'replaced' WHERE person_id = ? "
			"AND state = 'active'", "i", (long long)x->a->person_id);
	if (err == STATUS_OK)
		err = db_exec(NULL, &x->id, "INSERT INTO photos (person_id, term_id, mime, width, "
			"height, size, sha256, stored_name, uploaded_at) "
			"VALUES (?, " TERM_NOW_ID ", ?, ?, ?, ?, ?, ?, ?)", "isssiiibss",
			(long long)x->a->person_id, today, today, x->mime, (long long)x->width,
			(long long)x->height, (long long)x->len, hash, sizeof hash, hex, now);
	snprintf(detail, sizeof detail, "%s %dx%d %zu", x->mime, x->width, x->height, x->len);
	if (err == STATUS_OK)
		err = audit_write(x->a, now, "photo.upload", x->a->person_id, "photo", x->id, detail);
	return nerr_pass(err);
}

NEOERR *photo_upload(const struct actor *a, const unsigned char *data, size_t len,
		     const char *mime, int width, int height, long long *id,
		     enum photo_problem *problem)
{
	struct upload x = { a, data, len, mime, width, height, 0, PH_OK };
	NEOERR *err = db_txn(upload_in_txn, &x);

	*id = x.id;
	*problem = x.problem;
	return nerr_pass(err);
}

struct reject {
	const struct actor *a;
	long long id;
	const char *reason;
	bool found;
};

static NEOERR *reject_in_txn(void *arg)
{
	struct reject *x = arg;
	char now[20], today[11];
	long long person = 0;
	unsigned long long n = 0;
	NEOERR *err;

	x->found = false;
	clock_now(now);
	snprintf(today, sizeof today, "%.10s", now);
	err = db_scalar(&person, &x->found, "SELECT person_id FROM photos WHERE id = ? "
			"AND state = 'active' FOR UPDATE", "i", x->id);
	if (err || !x->found)
		return nerr_pass(err);
	err = scope_require(x->a, (int)person);
	if (err == STATUS_OK)
		err = db_exec(&n, NULL, "UPDATE photos SET state = 'rejected', rejected_by = ?, "
			"rejected_at = ?, reject_reason = ? WHERE id = ?", "issi",
			(long long)x->a->person_id, now, x->reason, x->id);
	if (err == STATUS_OK)
		err = notify_student(person, now, "photo_rejected", today, x->reason);
	if (err == STATUS_OK)
		err = audit_write(x->a, now, "photo.reject", (int)person, "photo", x->id, x->reason);
	return nerr_pass(err);
}

NEOERR *photo_reject(const struct actor *a, long long photo_id, const char *reason,
		     bool *found)
{
	struct reject x = { a, photo_id, reason, false };
	NEOERR *err = db_txn(reject_in_txn, &x);

	*found = x.found;
	return nerr_pass(err);
}

static void find_row(DB_CURSOR *c, void *ctx)
{
	struct photo_file *f = ctx;

	DB_FILL(c, 0, f->person_id, f->stored_name, f->mime, f->state);
}

NEOERR *photo_find(long long id, struct photo_file *f, bool *found)
{
	memset(f, 0, sizeof *f);
	return nerr_pass(db_one(found, find_row, f, "SELECT person_id, stored_name, mime, state "
		"FROM photos WHERE id = ?", "i", id));
}

NEOERR *photo_current(int person_id, long long *id)
{
	*id = 0;
	return nerr_pass(db_scalar(id, NULL, "SELECT id FROM photos WHERE person_id = ? "
		"AND state = 'active' ORDER BY id DESC LIMIT 1", "i", (long long)person_id));
}
