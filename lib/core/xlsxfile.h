/*
 * xlsxfile.h - libxlsxwriter writes to a file: the one way a page gets the
 * workbook it built as bytes to send (the roster templates, the table's
 * export).
 */
#ifndef HC_XLSXFILE_H
#define HC_XLSXFILE_H

#include <ClearSilver.h>
#include <stddef.h>
#include <xlsxwriter.h>

/* Closes wb (written to path), reads the file into *buf (the caller frees
 * it) and removes the file, whatever happens. */
NEOERR *xlsx_close_read(lxw_workbook *wb, const char *path, char **buf, size_t *len);

/* An import template (the roster's, the people's) as .xlsx bytes in *buf
 * (the caller frees it): one sheet named sheet, the ncols headers in bold
 * on the first row, nexamples example rows under them (examples row by
 * row, ncols cells each), every column width wide; written through path. */
NEOERR *xlsx_template(const char *path, const char *sheet, const char *const *headers,
		      int ncols, const char *const *examples, int nexamples, double width,
		      char **buf, size_t *len);

#endif
