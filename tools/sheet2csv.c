/*
 * sheet2csv.c - prints a roster spreadsheet (.xlsx or .csv) as CSV, read
 * by the same code as uploads (lib/core/sheet.c): what the import will see.
 *   sheet2csv FILE
 */
#include "core/err.h"
#include "core/sheet.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static void cell(const char *v, bool last)
{
	putchar('"');
	for (; *v; v++) {
		if (*v == '"')
			putchar('"');
		putchar(*v);
	}
	fputs(last ? "\"\n" : "\",", stdout);
}

int main(int argc, char **argv)
{
	char *data = NULL;
	int len = 0, cols = 0;
	SHEET *s = NULL;
	NEOERR *err;

	if (argc != 2) {
		fprintf(stderr, "usage: sheet2csv FILE\n");
		return 2;
	}
	err_init();
	err = ne_load_file_len(argv[1], &data, &len);
	if (err == STATUS_OK)
		err = sheet_read(data, (size_t)len, argv[1], NULL, &s);
	free(data);
	if (err) {
		STRING msg;
		string_init(&msg);
		nerr_error_string(err, &msg);
		fprintf(stderr, "sheet2csv: %s\n", msg.buf);
		return 1;
	}
	for (int r = 0; r < sheet_rows(s); r++)
		if (sheet_cols(s, r) > cols)
			cols = sheet_cols(s, r);
	for (int r = 0; r < sheet_rows(s); r++)
		for (int c = 0; c < cols; c++)
			cell(sheet_cell(s, r, c), c == cols - 1);
	sheet_free(&s);
	return 0;
}
