/* imports.c - see imports.h. */
#include "read/imports.h"

#include <stdio.h>

/* names[i] = values[i] under h (NULL names end; a NULL value is skipped). */
static NEOERR *set_texts(HDF *h, const char *const names[], const char *const values[])
{
	NEOERR *err = STATUS_OK;

	for (int i = 0; err == STATUS_OK && names[i]; i++)
		if (values[i])
			err = hdf_set_value(h, names[i], values[i]);
	return nerr_pass(err);
}

/* The same with numbers. */
static NEOERR *set_counts(HDF *h, const char *const names[], const int values[])
{
	NEOERR *err = STATUS_OK;

	for (int i = 0; err == STATUS_OK && names[i]; i++)
		err = hdf_set_int_value(h, names[i], values[i]);
	return nerr_pass(err);
}

/* <name>.<i> under out, made. */
static NEOERR *row_node(HDF *out, const char *name, int i, HDF **h)
{
	char k[64];

	snprintf(k, sizeof k, "%s.%d", name, i);
	return nerr_pass(hdf_get_node(out, k, h));
}

/* Error.N.{Row, Col, Key, Detail}: the bad rows kept; then Bad, and
 * Applied = 1 when the import was stored. */
static NEOERR *errors_hdf(HDF *out, const struct sheet_errors *l, bool applied)
{
	static const char *const texts[] = { "Col", "Key", "Detail", NULL };
	HDF *h;
	NEOERR *err = STATUS_OK;

	for (int i = 0; err == STATUS_OK && i < l->kept; i++) {
		const struct sheet_error *e = &l->e[i];

		err = row_node(out, "Error", i, &h);
		if (err == STATUS_OK)
			err = hdf_set_int_value(h, "Row", e->row);
		if (err == STATUS_OK)
			err = set_texts(h, texts, (const char *const[]){ e->col, e->key, e->detail });
	}
	if (err == STATUS_OK)
		err = hdf_set_int_value(out, "Bad", l->n);
	if (err == STATUS_OK && applied)
		err = hdf_set_int_value(out, "Applied", 1);
	return nerr_pass(err);
}

NEOERR *ctest_report_hdf(HDF *out, const char *filename, const struct ctest_report *rep)
{
	static const char *const counts[] = { "Rows", "Positive", NULL };
	NEOERR *err = hdf_set_value(out, "File", filename);

	if (err == STATUS_OK)
		err = errors_hdf(out, &rep->errors, rep->applied);
	if (err == STATUS_OK)
		err = set_counts(out, counts, (const int[]){ rep->rows, rep->positive });
	return nerr_pass(err);
}

NEOERR *pimport_report_hdf(HDF *out, const struct pimport_report *rep)
{
	static const char *const counts[] = { "Rows", "Added", "Changed", "Unchanged", NULL };
	static const char *const add[] = { "number", "name", "identity", "college", "class", NULL };
	static const char *const change[] = { "number", "name", NULL };
	static const char *const field[] = { "name", "old", "new", NULL };
	HDF *h, *f;
	NEOERR *err = errors_hdf(out, &rep->errors, rep->applied);

	for (int i = 0; err == STATUS_OK && i < rep->nadds; i++) {
		const struct pimport_add *ad = &rep->adds[i];

		err = row_node(out, "Add", i, &h);
		if (err == STATUS_OK)
			err = set_texts(h, add, (const char *const[]){ ad->number, ad->name,
				ad->identity, ad->college, ad->klass });
	}
	for (int i = 0; err == STATUS_OK && i < rep->nchanges; i++) {
		const struct pimport_change *ch = &rep->changes[i];

		err = row_node(out, "Change", i, &h);
		if (err == STATUS_OK)
			err = set_texts(h, change, (const char *const[]){ ch->number, ch->name });
		for (int m = 0; err == STATUS_OK && m < ch->nfields; m++) {
			const struct pimport_field *fd = &ch->fields[m];

			err = row_node(h, "Field", m, &f);
			if (err == STATUS_OK)
				err = set_texts(f, field, (const char *const[]){ fd->name, fd->old,
					fd->new_ });
		}
	}
	if (err == STATUS_OK)
		err = set_counts(out, counts, (const int[]){ rep->rows, rep->added, rep->changed,
			rep->unchanged });
	return nerr_pass(err);
}
