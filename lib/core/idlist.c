/* idlist.c - see idlist.h. */
#include "core/idlist.h"

#include <stdlib.h>

#include <stdio.h>
#include <string.h>

void idlist_init(struct idlist *l, char *buf, size_t size)
{
	l->buf = buf;
	l->size = size;
	l->n = 0;
	l->len = (size_t)snprintf(buf, size, "[]");
}

bool idlist_add(struct idlist *l, long long id)
{
	char one[24];
	int k = snprintf(one, sizeof one, "%s%lld]", l->n ? "," : "", id);

	/* Over the closing bracket: len - 1 + k bytes and the NUL. */
	if (l->len == 0 || l->len - 1 + (size_t)k + 1 > l->size)
		return false;
	memcpy(l->buf + l->len - 1, one, (size_t)k + 1);
	l->len += (size_t)k - 1;
	l->n++;
	return true;
}

NEOERR *idlist_append(STRING *s, long long id)
{
	if (s->len == 0)
		return nerr_pass(string_appendf(s, "[%lld]", id));
	s->buf[--s->len] = '\0';
	return nerr_pass(string_appendf(s, "%s%lld]", s->len > 1 ? "," : "", id));
}

NEOERR *idlist_from_rows(STRING *s, HDF *list, const char *name)
{
	NEOERR *err = STATUS_OK;

	for (HDF *h = list ? hdf_obj_child(list) : NULL; h && err == STATUS_OK; h = hdf_obj_next(h))
		if (hdf_get_value(h, name, NULL))
			err = idlist_append(s, atoll(hdf_get_value(h, name, "0")));
	return nerr_pass(err);
}

HDF *idlist_row(HDF *list, const char *name, long long id)
{
	for (HDF *h = list ? hdf_obj_child(list) : NULL; h; h = hdf_obj_next(h))
		if (hdf_get_value(h, name, NULL) && atoll(hdf_get_value(h, name, "0")) == id)
			return h;
	return NULL;
}
