/*
 * imports.h - an import's typed report (domain/centraltest.h,
 * domain/peopleimport.h) as its page shows it, under out (the page's
 * "Import" node).
 */
#ifndef HC_READ_IMPORTS_H
#define HC_READ_IMPORTS_H

#include "core/err.h"
#include "domain/centraltest.h"
#include "domain/peopleimport.h"

#include <ClearSilver.h>

/* File, Rows, Positive, Bad, Error.N.{Row, Col, Key, Detail}, and
 * Applied = 1 when it was stored. */
NEOERR *ctest_report_hdf(HDF *out, const char *filename, const struct ctest_report *rep);

/* Rows, Added, Changed, Unchanged, Bad; Error.N.{Row, Col, Key, Detail};
 * Add.N.{number, name, identity, college, class}; Change.N.{number, name},
 * Change.N.Field.M.{name, old, new}; Applied = 1 when it was written. */
NEOERR *pimport_report_hdf(HDF *out, const struct pimport_report *rep);

#endif
