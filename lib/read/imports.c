/* imports.c - see imports.h. */
#include "read/imports.h"
#include "core/hdfput.h"

#include <stdio.h>

/* names[i] = values[i] under h, a count each (0 is shown too). */
static NEOERR *set_counts(HDF *h, const char *const names[], const int values[])
{
	NEOERR *err = STATUS_OK;

	for (int i = 0; err == STATUS_OK && names[i]; i++)
		err = hdf_set_int_value(h, names[i], values[i]);
	return nerr_pass(err);
}

/* Error.N.{Row, Col, Key, Detail}: the bad rows kept; then Bad, and
 * Applied = 1 when the import was stored. */
static NEOERR *errors_hdf(HDF *out, const struct sheet_errors *l, bool applied)
{
	char k[32];
	NEOERR *err = STATUS_OK;

	for (int i = 0; err == STATUS_OK && i < l->kept; i++) {
		const struct sheet_error *e = &l->e[i];

		snprintf(k, sizeof k, "Error.%d", i);
		err = HDF_PUT(out, k, HDF_AS("Row", e->row), HDF_AS("Col", e->col),
			      HDF_AS("Key", e->key), HDF_AS("Detail", e->detail));
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
	char k[48];
	NEOERR *err = errors_hdf(out, &rep->errors, rep->applied);

	for (int i = 0; err == STATUS_OK && i < rep->nadds; i++) {
		const struct pimport_add *ad = &rep->adds[i];

		snprintf(k, sizeof k, "Add.%d", i);
		err = HDF_PUT(out, k, HDF_F(*ad, number), HDF_F(*ad, name), HDF_F(*ad, identity),
			      HDF_F(*ad, college), HDF_AS("class", ad->klass));
	}
	for (int i = 0; err == STATUS_OK && i < rep->nchanges; i++) {
		const struct pimport_change *ch = &rep->changes[i];

		snprintf(k, sizeof k, "Change.%d", i);
		err = HDF_PUT(out, k, HDF_F(*ch, number), HDF_F(*ch, name));
		for (int m = 0; err == STATUS_OK && m < ch->nfields; m++) {
			const struct pimport_field *fd = &ch->fields[m];

			snprintf(k, sizeof k, "Change.%d.Field.%d", i, m);
			err = HDF_PUT(out, k, HDF_F(*fd, name), HDF_F(*fd, old),
				      HDF_AS("new", fd->new_));
		}
	}
	if (err == STATUS_OK)
		err = set_counts(out, counts, (const int[]){ rep->rows, rep->added, rep->changed,
			rep->unchanged });
	return nerr_pass(err);
}
