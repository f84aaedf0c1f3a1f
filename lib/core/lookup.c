/* lookup.c - see lookup.h. */
#include "core/lookup.h"
#include "core/db.h"

#include <stdlib.h>
#include <string.h>

NEOERR *lookup_init(struct lookup *l)
{
	NEOERR *err = ne_hash_init(&l->h, ne_hash_str_hash, ne_hash_str_comp);
	if (err == STATUS_OK)
		err = uListInit(&l->keys, 1024, 0);
	return nerr_pass(err);
}

NEOERR *lookup_put(struct lookup *l, const char *key, long value)
{
	char *k = strdup(key);
	NEOERR *err;

	if (k == NULL)
		return nerr_raise(NERR_NOMEM, "lookup key");
	err = uListAppend(l->keys, k);
	if (err) {
		free(k);
		return nerr_pass(err);
	}
	return nerr_pass(ne_hash_insert(l->h, k, (void *)value));
}

long lookup_get(struct lookup *l, const char *key)
{
	return (long)ne_hash_lookup(l->h, (void *)key);
}

void lookup_free(struct lookup *l)
{
	if (l->h)
		ne_hash_destroy(&l->h);
	if (l->keys)
		uListDestroy(&l->keys, ULIST_FREE);
}

NEOERR *lookup_load(struct lookup *l, const char *sql, const char *fmt, long long arg)
{
	DB_CURSOR *c = NULL;
	NEOERR *err = fmt ? db_query(&c, sql, fmt, arg) : db_query(&c, sql, NULL);

	if (err)
		return nerr_pass(err);
	while (err == STATUS_OK && db_next(c))
		err = lookup_put(l, db_str(c, 0), (long)db_int(c, 1));
	db_cursor_free(&c);
	return nerr_pass(err);
}
