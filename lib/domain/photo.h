/*
 * photo.h - the ID photo (证件照, seed 003 三②③, FAQ ③): the student
 * uploads one for the building pass; the entrance's (and the gate's)
 * answer shows it so the guard compares faces. Judged by its bytes (a
 * JPEG or PNG whose header decodes: core/image.h), its size
 * (Policy.PhotoMaxBytes) and dimensions (Policy.PhotoMinSide ..
 * Policy.PhotoMaxSide pixels), and a limited number of uploads per term
 * (Policy.PhotoUploadsPerTerm, seed 003: 上传次数有限制). A reviewer in
 * scope may reject a non-compliant one with a reason: the student sees it
 * and uploads again within the limit. Every change is audited.
 */
#ifndef HC_PHOTO_H
#define HC_PHOTO_H

#include "core/actor.h"
#include "core/err.h"

#include <stdbool.h>
#include <stddef.h>

#define PHOTO_MAX_BYTES (2 * 1024 * 1024)
#define PHOTO_MIN_SIDE 100
#define PHOTO_MAX_SIDE 4000
#define PHOTO_UPLOADS_PER_TERM 3

enum photo_problem {
	PH_OK,
	PH_NOT_IMAGE,      /* not a JPEG or PNG whose header decodes */
	PH_TOO_LARGE,      /* more bytes than Policy.PhotoMaxBytes */
	PH_DIMENSIONS,     /* a side under PhotoMinSide or over PhotoMaxSide */
	PH_LIMIT           /* the term's uploads are used up */
};

/* The limits in force (the configuration, else the defaults above). */
struct photo_limits {
	long max_bytes;
	int min_side, max_side, per_term;
};
void photo_limits(struct photo_limits *l);

/* The checks that need no database: bytes, type, dimensions. Pure but
 * for the header decoding. *mime, *w, *h are set when it is a picture. */
enum photo_problem photo_check(const struct photo_limits *l, const unsigned char *data,
			       size_t len, const char **mime, int *w, int *h);

/*
 * Stores the actor's new photo (after photo_check()): the bytes in the
 * uploads' storage, the row, the earlier one replaced, audited, in one
 * transaction that first counts the term's uploads under the person's
 * row lock (two uploads at once cannot both pass the limit). *problem
 * PH_LIMIT when nothing was stored.
 */
NEOERR *photo_upload(const struct actor *a, const unsigned char *data, size_t len,
		     const char *mime, int width, int height, long long *id,
		     enum photo_problem *problem);

/* A reviewer rejects the person's current photo with a reason (in scope:
 * HC_ERR_FORBIDDEN otherwise); *found false when it is not current. */
NEOERR *photo_reject(const struct actor *a, long long photo_id, const char *reason,
		     bool *found);

/* A photo's stored file, its type and owner; *found false when none. */
struct photo_file {
	long long person_id;
	char stored_name[65];
	char mime[17];
	char state[10];
};
NEOERR *photo_find(long long id, struct photo_file *f, bool *found);

/* The person's current photo (active) id, 0 when none. */
NEOERR *photo_current(int person_id, long long *id);

/* How many uploads the person made in the term in progress. */
NEOERR *photo_uploads_this_term(int person_id, long long *n);

#endif
