/*
 * csv2xlsx.c - for the tests: writes simple CSV (no quotes, no commas in
 * cells) from stdin as an .xlsx file, as a spreadsheet program would.
 *   csv2xlsx OUT.xlsx < rows.csv
 */
#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>

int main(int argc, char **argv)
{
	char line[4096];
	lxw_workbook *wb;
	lxw_worksheet *ws;
	int row = 0;

	if (argc != 2)
		return 2;
	wb = workbook_new(argv[1]);
	ws = workbook_add_worksheet(wb, NULL);
	while (fgets(line, sizeof line, stdin)) {
		char *rest = line, *f;
		int col = 0;
		line[strcspn(line, "\r\n")] = '\0';
		/* strsep, not strtok: an empty field is a column too. */
		while ((f = strsep(&rest, ",")) != NULL) {
			if (*f)
				worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, f, NULL);
			col++;
		}
		row++;
	}
	return workbook_close(wb) == LXW_NO_ERROR ? 0 : 1;
}
