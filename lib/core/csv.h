/*
 * csv.h - cells for spreadsheets: CSV quoting, and text that a spreadsheet
 * would take for a formula (=, +, -, @, tab, CR first) neutralised with a
 * leading quote, for every export (the table, the dashboard's list).
 */
#ifndef HC_CSV_H
#define HC_CSV_H

#include <ClearSilver.h>
#include <stdbool.h>
#include <stddef.h>

/* v, or v with a leading ' in buf when it looks like a formula. */
const char *csv_neutralise(const char *v, char *buf, size_t n);

/* Appends one CSV cell (quoted, neutralised) and a comma, or CRLF when last. */
void csv_cell(STRING *out, const char *v, bool last);

#endif
