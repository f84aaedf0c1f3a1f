/*
 * tablexport.h - the big table's rows as spreadsheets, the columns of the
 * page in its order: .csv (UTF-8 with a BOM, so Excel reads it right) and
 * .xlsx (libxlsxwriter in constant-memory mode). Headers in the request's
 * language, dates as real dates in .xlsx, text a spreadsheet could take for
 * a formula neutralised, ID numbers whole only when full_id.
 */
#ifndef HC_TABLEXPORT_H
#define HC_TABLEXPORT_H

#include "core/err.h"
#include "read/table.h"

#include <ClearSilver.h>

/* Appends the rows idx[0..n) of set to out; headers and words in lang
 * ("zh-CN", "en"). */
NEOERR *tablexport_csv(const char *lang, const struct table_set *set, const int *idx, int n,
		       bool full_id, STRING *out);

/* Writes the rows to a temporary file under Paths.UploadTmp, reads it back
 * into *data (the caller frees it) and removes it. */
NEOERR *tablexport_xlsx(const char *lang, const struct table_set *set, const int *idx, int n,
			bool full_id, char **data, size_t *len);

#endif
