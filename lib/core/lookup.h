/*
 * lookup.h - a table from strings to ids that owns copies of its keys
 * (ClearSilver's NE_HASH keeps only the pointers it is given): the
 * imports' "number -> person", "code -> unit" maps.
 */
#ifndef HC_LOOKUP_H
#define HC_LOOKUP_H

#include <ClearSilver.h>

struct lookup {
	NE_HASH *h;
	ULIST *keys;
};

NEOERR *lookup_init(struct lookup *l);
/* Adds key (copied) -> value; value 0 reads as "absent". */
NEOERR *lookup_put(struct lookup *l, const char *key, long value);
/* Adds the rows of a two-column query: the first the key, the second the
 * value; fmt NULL for none, or "i" with arg its one bind. */
NEOERR *lookup_load(struct lookup *l, const char *sql, const char *fmt, long long arg);
/* The value of key, 0 when absent. */
long lookup_get(struct lookup *l, const char *key);
void lookup_free(struct lookup *l);

#endif
