/* xlsxfile.c - see xlsxfile.h. */
#include "core/xlsxfile.h"

#include <unistd.h>

NEOERR *xlsx_close_read(lxw_workbook *wb, const char *path, char **buf, size_t *len)
{
	NEOERR *err;
	int n = 0;

	if (workbook_close(wb) != LXW_NO_ERROR) {
		unlink(path);
		return nerr_raise(NERR_IO, "cannot write %s", path);
	}
	err = ne_load_file_len(path, buf, &n);
	unlink(path);
	if (err)
		return nerr_pass(err);
	*len = (size_t)n;
	return STATUS_OK;
}

NEOERR *xlsx_template(const char *path, const char *sheet, const char *const *headers,
		      int ncols, const char *const *examples, int nexamples, double width,
		      char **buf, size_t *len)
{
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws;
	lxw_format *bold;

	if (wb == NULL)
		return nerr_raise(NERR_IO, "cannot create %s", path);
	ws = workbook_add_worksheet(wb, sheet);
	bold = workbook_add_format(wb);
	format_set_bold(bold);
	for (int c = 0; c < ncols; c++) {
		worksheet_write_string(ws, 0, (lxw_col_t)c, headers[c], bold);
		for (int r = 0; r < nexamples; r++)
			worksheet_write_string(ws, (lxw_row_t)(r + 1), (lxw_col_t)c,
					       examples[r * ncols + c], NULL);
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, width, NULL);
	}
	return nerr_pass(xlsx_close_read(wb, path, buf, len));
}
