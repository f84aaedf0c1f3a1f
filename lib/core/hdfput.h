/*
 * hdfput.h - a struct's fields into HDF by their C types, the mirror of
 * DB_FILL (core/db.h):
 *   HDF_PUT(hdf, "Edit.Unit", HDF_F(u, id), HDF_F(u, kind), HDF_F(u, name));
 * sets Edit.Unit.id, Edit.Unit.kind and Edit.Unit.name. An int, long long
 * or bool is written as its number, a char array as its text. What has
 * nothing to say is left unset, as a NULL column is by db_rows(): a zero
 * number, a false bool, an empty text (or a NULL pointer); so a template's
 * "if:" reads the same whether the struct came from the database or not.
 * Any other type does not compile.
 */
#ifndef HC_HDFPUT_H
#define HC_HDFPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <ClearSilver.h>

struct hdf_src {
	const char *name;
	char type;      /* 'i' int, 'l' long long, 'b' bool, 's' char array,
			 * 'p' char pointer */
	const void *p;
};

/* Sets <prefix>.<name> for each of the n fields that has something to say. */
NEOERR *hdf_put(HDF *hdf, const char *prefix, const struct hdf_src *f, int n);

/* The field s.f under its own name. */
#define HDF_F(s, f) HDF_AS(#f, (s).f)
/* A value under another name. A char array and a char pointer (NULL:
 * nothing to say) are both texts: writing needs no size. */
#define HDF_AS(name, x) ((struct hdf_src){ (name), \
	_Generic(&(x), char **: 'p', const char **: 'p', char *const *: 'p', \
		 const char *const *: 'p', \
		 default: _Generic((x), int: 'i', long long: 'l', bool: 'b', char *: 's', \
				  const char *: 's')), \
	(const void *)&(x) })
#define HDF_PUT(hdf, prefix, ...) \
	hdf_put((hdf), (prefix), (const struct hdf_src[]){ __VA_ARGS__ }, \
		(int)(sizeof (const struct hdf_src[]){ __VA_ARGS__ } / \
		      sizeof (struct hdf_src)))

#endif
