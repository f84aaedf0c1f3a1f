/*
 * sheet.h - roster spreadsheets uploaded by admins, read into rows of
 * UTF-8 cells. Two formats, told apart by their magic bytes (never by the
 * file name): .xlsx (the first worksheet) and .csv (RFC 4180) in UTF-8,
 * with or without a BOM, or else in GB18030 (which includes GBK: what
 * Excel on a Chinese Windows saves as "CSV"), converted to UTF-8.
 *
 * Uploads come from outside, so every size is capped before the work it
 * would cost (struct sheet_limits); a cap exceeded is HC_ERR_TOOLARGE,
 * malformed input HC_ERR_BADREQ, both naming what was wrong and, when it
 * is row-specific, the row as the admin sees it in Excel.
 *
 * Row i of a SHEET is Excel row i + 1 (CSV: record i + 1): empty rows in
 * the middle are kept, so row numbers in messages match the admin's file.
 * Trailing empty rows, and trailing empty cells of a row, are dropped.
 */
#ifndef HC_SHEET_H
#define HC_SHEET_H

#include "core/err.h"
#include <stddef.h>

struct sheet_limits {
	size_t max_file;         /* bytes of the upload */
	size_t max_uncompressed; /* xlsx: bytes inflated, all parts together */
	int max_rows;            /* rows, the header included */
	int max_cols;            /* columns */
	size_t max_cell;         /* bytes of one cell's text */
};

/* 20 MiB file, 200 MiB uncompressed, 100000 rows, 64 columns, 1000 bytes
 * per cell. sheet_read() uses these when given NULL. */
extern const struct sheet_limits sheet_default_limits;

typedef struct sheet SHEET;

/* What was wrong with a file, for the person who uploaded it: a key of the
 * language pack (sheet.*) and where, as they see it in Excel. The error
 * raised says the same in English, for the log. */
struct sheet_problem {
	const char *key;   /* NULL: no problem recorded */
	int row;           /* 1-based; 0: the whole file */
	int col;           /* 1-based; 0: the whole row */
	long limit;        /* the cap that was passed, for the too_* keys */
};

/* Reads an upload of len bytes. filename is used only in messages. On
 * success *out is a SHEET the caller owns (sheet_free); on error *out is
 * NULL. A cell beyond max_rows / max_cols is an error only when it holds
 * text: formatted-but-empty cells far out do not fail an upload. */
NEOERR *sheet_read(const char *data, size_t len, const char *filename,
		   const struct sheet_limits *lim, SHEET **out);

/* sheet_read(), and on an error *why says what and where (why may be
 * NULL; it is cleared first). */
NEOERR *sheet_read_why(const char *data, size_t len, const char *filename,
		       const struct sheet_limits *lim, SHEET **out,
		       struct sheet_problem *why);

/* Column number (1-based) as Excel names it: 1 "A", 28 "AB". */
void sheet_col_name(int col, char out[8]);

/* A bad row of an import, as its report shows it. */
struct sheet_error {
	int row;
	char col[8];             /* the column's name ("C"); "" for the whole row */
	const char *key;         /* the language pack's message (a literal) */
	char *detail;            /* the cell's text, or a row number; "" for none */
};

/* An import's bad rows: all counted (n), the first `shown` kept in e[]
 * (kept of them). Zeroed is empty; sheet_errors_free() frees it. */
struct sheet_errors {
	int n, kept;
	struct sheet_error *e;
};

/* Counts one bad row (col 0: the whole row; detail NULL: "") and keeps
 * it while fewer than shown are kept (and memory allows: the count is
 * what refuses a file). */
void sheet_errors_add(struct sheet_errors *l, int shown, int row, int col, const char *key,
		      const char *detail);
void sheet_errors_free(struct sheet_errors *l);

/* Rows, up to the last one with a non-empty cell. */
int sheet_rows(const SHEET *s);
/* Columns of a row, up to its last non-empty cell; 0 for an empty or
 * missing row. */
int sheet_cols(const SHEET *s, int row);
/* A cell's text, owned by the SHEET; "" for an empty or missing cell.
 * Numbers are kept as written in the file (xlsx: "42", "37.5", "46349"
 * for a date), booleans read "TRUE" / "FALSE". */
const char *sheet_cell(const SHEET *s, int row, int col);
/* The cell's text without the spaces, tabs and carriage returns around
 * it, into buf (n bytes, cut to fit); returns buf. */
const char *sheet_cell_trimmed(const SHEET *s, int row, int col, char *buf, size_t n);

/* Dates: Excel stores a date cell as a serial number of days, and a CSV
 * or a text cell holds "YYYY-MM-DD". Callers accept both, through
 * sheet_day(), which also knows the workbook's date system (1900 or the
 * old Mac 1904). */

/* Day number (days since 1970-01-01, as days.h) of an Excel serial in the
 * 1900 date system: 25569 is 1970-01-01, the fraction (time of day) is
 * dropped. -1 for serials before 1900-03-01 (Excel's phantom 1900-02-29
 * makes earlier ones ambiguous), after 9999-12-31, or not finite. */
int sheet_excel_serial_to_day(double serial);

/* A date cell as a day number: "YYYY-MM-DD" text, or a serial number
 * (converted in the workbook's date system); -1 for anything else. */
int sheet_day(const SHEET *s, int row, int col);

/* Frees the SHEET and sets *s to NULL; accepts NULL and *s == NULL. */
void sheet_free(SHEET **s);

#endif
