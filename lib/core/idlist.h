/*
 * idlist.h - whole numbers as a JSON array ("[3,17,42]"), the one way a
 * set of ids is bound to a statement: one 's' bind, any count, read back
 * by JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT PATH '$')). The text is a
 * closed array after every call ("[]" when empty), so what is bound is
 * always valid JSON, even when a fixed buffer fills up.
 */
#ifndef HC_IDLIST_H
#define HC_IDLIST_H

#include <ClearSilver.h>
#include <stdbool.h>
#include <stddef.h>

/* A list in a caller's buffer (size >= 3). */
struct idlist {
	char *buf;
	size_t size, len;
	int n;                  /* ids in it */
};

/* Starts l on buf as "[]". */
void idlist_init(struct idlist *l, char *buf, size_t size);
/* Appends id; false, and the list unchanged, when it would not fit. */
bool idlist_add(struct idlist *l, long long id);

/* The same on a growing STRING holding a closed array ("[]" to start
 * with, so that an empty list is bound as one) or nothing ("[id]"). */
NEOERR *idlist_append(STRING *s, long long id);

/* The ids under each child of list that has `name` (a list of rows as
 * db_rows() writes them: <row>.<name>), appended as idlist_append() does. */
NEOERR *idlist_from_rows(STRING *s, HDF *list, const char *name);

/* The first child of list whose <name> is id; NULL for none. */
HDF *idlist_row(HDF *list, const char *name, long long id);

#endif
