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

#endif
