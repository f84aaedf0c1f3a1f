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
