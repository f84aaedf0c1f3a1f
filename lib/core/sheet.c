/*
 * sheet.c - roster spreadsheets (see sheet.h).
 *
 * Both readers fill one builder (struct build, build_text/build_set),
 * which owns the caps on rows, columns and cell length. The CSV reader
 * walks the bytes once. The xlsx reader opens the zip from memory with
 * libzip and streams its XML parts through expat in chunks, counting the
 * bytes it inflates: a zip bomb lies in its directory, so the directory's
 * sizes are checked first and the running count still guards the work.
 *
 * Cell text lives in one arena (SHEET.text); cells hold offsets into it,
 * offset 0 being "". Shared strings are stored there once and cells of
 * type "s" point at them, so a sheet that repeats one long string a
 * million times costs one copy, not a million.
 */
#include "core/sheet.h"
#include "core/days.h"

#include <expat.h>
#include <iconv.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

const struct sheet_limits sheet_default_limits = {
	.max_file = (size_t)20 << 20,
	.max_uncompressed = (size_t)200 << 20,
	.max_rows = 100000,
	.max_cols = 64,
	.max_cell = 1000,
};

enum {
	XML_MAX_DEPTH = 32,     /* a worksheet nests 7 deep */
	ZIP_MAX_ENTRIES = 10000,
	XML_CHUNK = 65536,
	REL_MAX = 1000,         /* worksheet relationships remembered */
	EXCEL_MAX_ROWS = 1048576,
	EXCEL_MAX_COLS = 16384,
};

#define SST_TOOLONG SIZE_MAX    /* a shared string longer than max_cell */

struct sheet_row {
	int ncols, cap;
	size_t *cells;          /* offsets into SHEET.text */
};

struct sheet {
	struct sheet_row *rows;
	int nrows, cap_rows;
	char *text;             /* the arena: text[0] is "" */
	size_t text_len, text_cap;
	bool date1904;          /* serials count from 1904-01-01 */
};

/* What both readers fill: the SHEET, its caps, the name for messages. */
struct build {
	SHEET *s;
	const struct sheet_limits *lim;
	char name[64];
	struct sheet_problem *why;   /* never NULL inside the readers */
};

/* Notes what went wrong for the uploader; the first note stands. */
static void problem(struct build *b, const char *key, int row, int col, long limit)
{
	if (b->why->key == NULL)
		*b->why = (struct sheet_problem){ key, row, col, limit };
}

/* ---- the SHEET -------------------------------------------------------- */

int sheet_rows(const SHEET *s)
{
	return s ? s->nrows : 0;
}

int sheet_cols(const SHEET *s, int row)
{
	if (s == NULL || row < 0 || row >= s->nrows)
		return 0;
	return s->rows[row].ncols;
}

const char *sheet_cell(const SHEET *s, int row, int col)
{
	if (s == NULL || row < 0 || row >= s->nrows || col < 0 || col >= s->rows[row].ncols)
		return "";
	return s->text + s->rows[row].cells[col];
}

const char *sheet_cell_trimmed(const SHEET *s, int row, int col, char *buf, size_t n)
{
	const char *t = sheet_cell(s, row, col);
	size_t len;

	while (*t == ' ' || *t == '\t')
		t++;
	snprintf(buf, n, "%s", t);
	len = strlen(buf);
	while (len && (buf[len - 1] == ' ' || buf[len - 1] == '\t' || buf[len - 1] == '\r'))
		buf[--len] = '\0';
	return buf;
}

void sheet_free(SHEET **s)
{
	if (s == NULL || *s == NULL)
		return;
	for (int i = 0; i < (*s)->cap_rows; i++)
		free((*s)->rows[i].cells);
	free((*s)->rows);
	free((*s)->text);
	free(*s);
	*s = NULL;
}

int sheet_excel_serial_to_day(double serial)
{
	/* 61 is 1900-03-01, 2958465 is 9999-12-31. */
	if (!isfinite(serial) || serial < 61 || serial >= 2958466)
		return -1;
	return (int)floor(serial) - 25569;
}

int sheet_day(const SHEET *s, int row, int col)
{
	const char *t = sheet_cell(s, row, col);
	char *end;
	double serial;
	int day;

	if (t[0] < '0' || t[0] > '9')
		return -1;
	day = day_parse(t);
	if (day != -1)
		return day;
	serial = strtod(t, &end);
	if (*end != '\0')
		return -1;
	if (s->date1904)
		serial += 1462;  /* 1904-01-01 is serial 1462 of the 1900 system */
	return sheet_excel_serial_to_day(serial);
}

static NEOERR *sheet_new(SHEET **out)
{
	SHEET *s = calloc(1, sizeof *s);

	if (s == NULL)
		return nerr_raise(NERR_NOMEM, "allocating a sheet");
	s->text_cap = 4096;
	s->text = malloc(s->text_cap);
	if (s->text == NULL) {
		free(s);
		return nerr_raise(NERR_NOMEM, "allocating a sheet");
	}
	s->text[0] = '\0';
	s->text_len = 1;
	*out = s;
	return STATUS_OK;
}

/* Copies n bytes into the arena; *off is where they start (0 when n is 0). */
static NEOERR *text_add(SHEET *s, const char *p, size_t n, size_t *off)
{
	size_t need = s->text_len + n + 1, cap = s->text_cap;
	char *t;

	*off = 0;
	if (n == 0)
		return STATUS_OK;
	if (need > cap) {
		while (cap < need)
			cap *= 2;
		t = realloc(s->text, cap);
		if (t == NULL)
			return nerr_raise(NERR_NOMEM, "sheet text of %zu bytes", cap);
		s->text = t;
		s->text_cap = cap;
	}
	memcpy(s->text + s->text_len, p, n);
	s->text[s->text_len + n] = '\0';
	*off = s->text_len;
	s->text_len = need;
	return STATUS_OK;
}

/* ---- the builder: caps, then storage ---------------------------------- */

/* "A", "B", ... "Z", "AA": the column as Excel names it. */
static void col_name(int col, char out[8])
{
	char tmp[8];
	int n = 0, i = 0;

	for (col++; col > 0 && n < 7; col = (col - 1) / 26)
		tmp[n++] = (char)('A' + (col - 1) % 26);
	while (n > 0)
		out[i++] = tmp[--n];
	out[i] = '\0';
}

void sheet_col_name(int col, char out[8])
{
	col_name(col - 1, out);
}

void sheet_errors_add(struct sheet_errors *l, int shown, int row, int col, const char *key,
		      const char *detail)
{
	struct sheet_error *e;

	l->n++;
	if (l->kept >= shown || (l->e == NULL && (l->e = calloc((size_t)shown, sizeof *l->e)) == NULL))
		return;
	e = &l->e[l->kept];
	e->row = row;
	e->col[0] = '\0';
	if (col > 0)
		sheet_col_name(col, e->col);
	e->key = key;
	if ((e->detail = strdup(detail ? detail : "")) != NULL)
		l->kept++;
}

void sheet_errors_free(struct sheet_errors *l)
{
	for (int i = 0; i < l->kept; i++)
		free(l->e[i].detail);
	free(l->e);
	*l = (struct sheet_errors){ 0 };
}

/* Keeps the file name short enough to leave room for the message, without
 * cutting a UTF-8 character in half. */
static void set_name(struct build *b, const char *filename)
{
	size_t n;

	if (filename == NULL || *filename == '\0')
		filename = "upload";
	n = strlen(filename);
	if (n >= sizeof b->name) {
		n = sizeof b->name - 1;
		while (n > 0 && ((unsigned char)filename[n] & 0xc0) == 0x80)
			n--;
	}
	memcpy(b->name, filename, n);
	b->name[n] = '\0';
}

/* The caps on where a cell is and how long its text (n bytes) is. */
static NEOERR *build_check(struct build *b, int row, int col, size_t n)
{
	char cn[8];

	if (row < 0 || col < 0)  /* the readers never ask; a safety net */
		return nerr_raise(HC_ERR_BADREQ, "%s: a cell outside the sheet", b->name);
	if (row >= b->lim->max_rows) {
		problem(b, "sheet.too_many_rows", row + 1, 0, b->lim->max_rows);
		return nerr_raise(HC_ERR_TOOLARGE, "%s: more than %d rows (row %d has data)",
				  b->name, b->lim->max_rows, row + 1);
	}
	col_name(col, cn);
	if (col >= b->lim->max_cols) {
		problem(b, "sheet.too_many_cols", row + 1, col + 1, b->lim->max_cols);
		return nerr_raise(HC_ERR_TOOLARGE, "%s row %d: more than %d columns (column %s has data)",
				  b->name, row + 1, b->lim->max_cols, cn);
	}
	if (n > b->lim->max_cell) {
		problem(b, "sheet.cell_too_long", row + 1, col + 1, (long)b->lim->max_cell);
		return nerr_raise(HC_ERR_TOOLARGE, "%s row %d column %s: cell longer than %zu bytes",
				  b->name, row + 1, cn, b->lim->max_cell);
	}
	return STATUS_OK;
}

/* The array arr of *cap items of size bytes, grown to hold index i:
 * doubled (from first), at most max items, the new ones zeroed; *cap
 * follows. NULL when memory runs out (arr and *cap as they were). */
static void *grow(void *arr, size_t size, int *cap, int i, int first, int max)
{
	int want = *cap ? *cap : first;
	char *p;

	while (want <= i)
		want = want > INT32_MAX / 2 ? i + 1 : want * 2;
	if (want > max)
		want = max;
	p = realloc(arr, (size_t)want * size);
	if (p == NULL)
		return NULL;
	memset(p + (size_t)*cap * size, 0, (size_t)(want - *cap) * size);
	*cap = want;
	return p;
}

/* Stores the arena offset off at row, col, which build_check() passed. */
static NEOERR *build_set(struct build *b, int row, int col, size_t off)
{
	SHEET *s = b->s;
	struct sheet_row *r;
	void *p;

	if (row >= s->cap_rows) {
		p = grow(s->rows, sizeof *s->rows, &s->cap_rows, row, 64, b->lim->max_rows);
		if (p == NULL)
			return nerr_raise(NERR_NOMEM, "%d rows", row + 1);
		s->rows = p;
	}
	r = &s->rows[row];
	if (col >= r->cap) {
		p = grow(r->cells, sizeof *r->cells, &r->cap, col, 8, b->lim->max_cols);
		if (p == NULL)
			return nerr_raise(NERR_NOMEM, "%d cells", col + 1);
		r->cells = p;
	}
	r->cells[col] = off;
	if (col >= r->ncols)
		r->ncols = col + 1;
	if (row >= s->nrows)
		s->nrows = row + 1;
	return STATUS_OK;
}

/* Stores n bytes of text at row, col; empty text stores nothing. */
static NEOERR *build_text(struct build *b, int row, int col, const char *p, size_t n)
{
	NEOERR *err;
	size_t off;

	if (n == 0)
		return STATUS_OK;
	err = build_check(b, row, col, n);
	if (err == STATUS_OK)
		err = text_add(b->s, p, n, &off);
	if (err == STATUS_OK)
		err = build_set(b, row, col, off);
	return nerr_pass(err);
}

/* ---- CSV --------------------------------------------------------------- */

/* Offset of the first byte that is not UTF-8 text, or len: overlong
 * forms and surrogates are not UTF-8; control characters other than tab
 * and line ends are not text (NUL would cut a C string, and the rest mark
 * a binary file). */
static size_t utf8_text_invalid_at(const unsigned char *p, size_t len)
{
	size_t i = 0;

	while (i < len) {
		unsigned c = p[i];
		unsigned lo = 0x80, hi = 0xbf;
		int more;

		if (c < 0x80) {
			if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
				return i;
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf)
			more = 1;
		else if (c >= 0xe0 && c <= 0xef)
			more = 2;
		else if (c >= 0xf0 && c <= 0xf4)
			more = 3;
		else
			return i;
		if (c == 0xe0)
			lo = 0xa0;
		else if (c == 0xed)
			hi = 0x9f;
		else if (c == 0xf0)
			lo = 0x90;
		else if (c == 0xf4)
			hi = 0x8f;
		if (i + (size_t)more >= len)
			return i;
		if (p[i + 1] < lo || p[i + 1] > hi)
			return i;
		for (int k = 2; k <= more; k++)
			if ((p[i + k] & 0xc0) != 0x80)
				return i;
		i += (size_t)more + 1;
	}
	return len;
}

static int line_of(const char *p, size_t off)
{
	int line = 1;

	for (size_t i = 0; i < off; i++)
		line += p[i] == '\n';
	return line;
}

/* One field, unquoted: the bytes up to a comma or a line end. */
static size_t csv_plain(const char *p, size_t len, size_t i)
{
	while (i < len && p[i] != ',' && p[i] != '\n' && p[i] != '\r')
		i++;
	return i;
}

/* One quoted field starting at p[*i] == '"': unescapes "" into field
 * (at most max_cell + 1 bytes), advances *i past the closing quote and
 * counts the line ends inside. Returns false when the quote never closes. */
static bool csv_quoted(const char *p, size_t len, size_t *i, char *field, size_t max,
		       size_t *n, int *lines)
{
	size_t k = *i + 1;

	*n = 0;
	for (;;) {
		if (k == len)
			return false;
		if (p[k] == '"') {
			if (k + 1 < len && p[k + 1] == '"')
				k++;
			else
				break;
		}
		*lines += p[k] == '\n';
		if (*n <= max)
			field[(*n)++] = p[k];
		k++;
	}
	*i = k + 1;
	return true;
}

/* RFC 4180: fields separated by commas, records by CRLF, LF or CR; a
 * field in double quotes may hold commas, line ends and "" for a quote.
 * A quote inside an unquoted field is kept as text, as Excel does. */
static NEOERR *csv_read(struct build *b, const char *p, size_t len)
{
	size_t max = b->lim->max_cell, i = 0, n, end;
	char *field = malloc(max + 1);
	int row = 0, col = 0, line = 1, first;
	NEOERR *err = STATUS_OK;

	if (field == NULL)
		return nerr_raise(NERR_NOMEM, "a field of %zu bytes", max + 1);
	while (i < len) {
		first = line;
		if (p[i] == '"') {
			if (!csv_quoted(p, len, &i, field, max, &n, &line)) {
				problem(b, "sheet.quote_open", first, col + 1, 0);
				err = nerr_raise(HC_ERR_BADREQ, "%s line %d: a quoted field never ends",
						 b->name, first);
				goto cleanup;
			}
			if (i < len && p[i] != ',' && p[i] != '\n' && p[i] != '\r') {
				problem(b, "sheet.after_quote", line, col + 1, 0);
				err = nerr_raise(HC_ERR_BADREQ, "%s line %d: text after a closing quote",
						 b->name, line);
				goto cleanup;
			}
			err = build_text(b, row, col, field, n);
		} else {
			end = csv_plain(p, len, i);
			err = build_text(b, row, col, p + i, end - i);
			i = end;
		}
		if (err)
			goto cleanup;
		if (i == len)
			break;
		if (p[i] == ',') {
			i++;
			col++;
			continue;
		}
		if (p[i] == '\r')
			i++;
		if (i < len && p[i] == '\n')
			i++;
		line++;
		row++;
		col = 0;
	}
cleanup:
	free(field);
	return nerr_pass(err);
}

/* ---- xlsx: the zip ----------------------------------------------------- */

struct rel {
	char id[64];
	char target[256];       /* the part's path in the zip */
};

struct xlsx {
	struct build *b;
	zip_t *zip;
	size_t inflated;        /* bytes inflated so far, all parts together */
	size_t *sst;            /* shared strings: arena offsets or SST_TOOLONG */
	size_t nsst, cap_sst, max_sst;
	struct rel *rels;       /* the workbook's worksheet relationships */
	int nrels;
	char sheet_path[256];
	char sst_path[256];
};

static NEOERR *xlsx_open(struct xlsx *x, const char *data, size_t len)
{
	zip_error_t ze;
	zip_source_t *src;

	zip_error_init(&ze);
	src = zip_source_buffer_create(data, len, 0, &ze);
	if (src == NULL) {
		zip_error_fini(&ze);
		return nerr_raise(NERR_NOMEM, "zip source");
	}
	/* Not ZIP_CHECKCONS: it refuses harmless quirks of common zip writers
	 * (libzip issues #341, QGIS #52198); the caps here guard the work. */
	x->zip = zip_open_from_source(src, ZIP_RDONLY, &ze);
	if (x->zip == NULL) {
		NEOERR *err = nerr_raise(HC_ERR_BADREQ, "%s: not a readable .xlsx file (%s)",
					 x->b->name, zip_error_strerror(&ze));
		zip_source_free(src);
		zip_error_fini(&ze);
		return err;
	}
	zip_error_fini(&ze);
	return STATUS_OK;
}

/* The directory's word on sizes, checked before anything is inflated. */
static NEOERR *xlsx_check_directory(struct xlsx *x)
{
	const struct sheet_limits *lim = x->b->lim;
	zip_int64_t n = zip_get_num_entries(x->zip, 0);
	size_t total = 0;
	zip_stat_t st;

	if (n > ZIP_MAX_ENTRIES)
		return nerr_raise(HC_ERR_TOOLARGE, "%s: %lld files in the archive, more than %d",
				  x->b->name, (long long)n, ZIP_MAX_ENTRIES);
	for (zip_int64_t i = 0; i < n; i++) {
		if (zip_stat_index(x->zip, (zip_uint64_t)i, 0, &st) < 0)
			return nerr_raise(HC_ERR_BADREQ, "%s: damaged archive (%s)",
					  x->b->name, zip_strerror(x->zip));
		if (!(st.valid & ZIP_STAT_SIZE))
			continue;
		if (st.size > lim->max_uncompressed - total)
			return nerr_raise(HC_ERR_TOOLARGE,
					  "%s: its directory says it inflates to more than %zu bytes",
					  x->b->name, lim->max_uncompressed);
		total += (size_t)st.size;
	}
	return STATUS_OK;
}

/* ---- xlsx: streaming XML ----------------------------------------------- */

struct xml_ctx;
typedef void (*xml_start_fn)(struct xml_ctx *xc, const char *name, const char **attrs);
typedef void (*xml_end_fn)(struct xml_ctx *xc, const char *name);

struct xml_ctx {
	XML_Parser p;
	struct xlsx *x;
	const char *part;       /* the zip entry, for messages */
	NEOERR *err;            /* the first error a handler raised */
	bool done;              /* a handler has what it needs: stop, no error */
	int depth;
	xml_start_fn start;
	xml_end_fn end;
	/* character data, kept only while collect is set, capped at max_cell */
	bool collect, text_over;
	char *text;
	size_t text_len;
	/* sharedStrings and worksheet state */
	bool in_item;           /* inside <si> or <c> */
	bool in_data, in_row, in_is; /* inside <sheetData>, <row>, <is> */
	int rph;                /* inside <rPh>: phonetic hints, not text */
	int row, col;
	char type;              /* a cell's t: 's', 'b', 'i' (inlineStr), 'n' */
};

static void xml_fail(struct xml_ctx *xc, NEOERR *err)
{
	if (xc->err == STATUS_OK)
		xc->err = err;
	else
		nerr_ignore(&err);
	XML_StopParser(xc->p, XML_FALSE);
}

static void xml_finish(struct xml_ctx *xc)
{
	xc->done = true;
	XML_StopParser(xc->p, XML_FALSE);
}

/* Names come as "namespace|local" (XML_ParserCreateNS); the local part is
 * what the parts are written in. */
static const char *local_name(const char *name)
{
	const char *bar = strrchr(name, '|');

	return bar ? bar + 1 : name;
}

static const char *attr(const char **attrs, const char *name)
{
	for (int i = 0; attrs[i]; i += 2)
		if (!strcmp(attrs[i], name))
			return attrs[i + 1];
	return NULL;
}

static void XMLCALL on_start(void *data, const XML_Char *name, const XML_Char **attrs)
{
	struct xml_ctx *xc = data;

	if (xc->err || xc->done)
		return;
	if (++xc->depth > XML_MAX_DEPTH) {
		xml_fail(xc, nerr_raise(HC_ERR_BADREQ, "%s: %s nests elements more than %d deep",
					xc->x->b->name, xc->part, XML_MAX_DEPTH));
		return;
	}
	xc->start(xc, local_name(name), attrs);
}

static void XMLCALL on_end(void *data, const XML_Char *name)
{
	struct xml_ctx *xc = data;

	if (xc->err || xc->done)
		return;
	xc->depth--;
	xc->end(xc, local_name(name));
}

static void XMLCALL on_text(void *data, const XML_Char *s, int len)
{
	struct xml_ctx *xc = data;
	size_t max = xc->x->b->lim->max_cell;

	if (xc->err || xc->done || !xc->collect || xc->text_over)
		return;
	if ((size_t)len > max - xc->text_len) {
		xc->text_over = true;
		return;
	}
	memcpy(xc->text + xc->text_len, s, (size_t)len);
	xc->text_len += (size_t)len;
}

/* A DOCTYPE is where entity tricks (billion laughs, external entities)
 * live, and no spreadsheet part has one. */
static void XMLCALL on_doctype(void *data, const XML_Char *name, const XML_Char *sysid,
			       const XML_Char *pubid, int has_internal_subset)
{
	struct xml_ctx *xc = data;

	xml_fail(xc, nerr_raise(HC_ERR_BADREQ, "%s: %s has a DOCTYPE, refused",
				xc->x->b->name, xc->part));
}

static void XMLCALL on_entity(void *data, const XML_Char *name, int is_param,
			      const XML_Char *value, int value_len, const XML_Char *base,
			      const XML_Char *sysid, const XML_Char *pubid, const XML_Char *notation)
{
	struct xml_ctx *xc = data;

	xml_fail(xc, nerr_raise(HC_ERR_BADREQ, "%s: %s declares an entity, refused",
				xc->x->b->name, xc->part));
}

static void text_reset(struct xml_ctx *xc)
{
	xc->text_len = 0;
	xc->text_over = false;
}

/* Hands one chunk to expat: an error a handler raised wins over expat's. */
static NEOERR *xml_feed(struct xml_ctx *xc, int n, bool final)
{
	NEOERR *err;

	if (XML_ParseBuffer(xc->p, n, final) == XML_STATUS_OK)
		return STATUS_OK;
	if (xc->err) {
		err = xc->err;
		xc->err = STATUS_OK;
		return err;
	}
	if (xc->done)
		return STATUS_OK;
	return nerr_raise(HC_ERR_BADREQ, "%s: %s line %lu: %s", xc->x->b->name, xc->part,
			  (unsigned long)XML_GetCurrentLineNumber(xc->p),
			  XML_ErrorString(XML_GetErrorCode(xc->p)));
}

/* Inflates one part in chunks straight into expat's buffer, counting every
 * byte against max_uncompressed. */
static NEOERR *xml_stream(struct xml_ctx *xc, zip_uint64_t idx)
{
	struct xlsx *x = xc->x;
	size_t max = x->b->lim->max_uncompressed;
	zip_file_t *zf = zip_fopen_index(x->zip, idx, 0);
	NEOERR *err = STATUS_OK;
	zip_int64_t n;
	void *buf;

	if (zf == NULL)
		return nerr_raise(HC_ERR_BADREQ, "%s: cannot open %s (%s)", x->b->name, xc->part,
				  zip_strerror(x->zip));
	do {
		buf = XML_GetBuffer(xc->p, XML_CHUNK);
		if (buf == NULL) {
			err = nerr_raise(NERR_NOMEM, "XML buffer");
			break;
		}
		n = zip_fread(zf, buf, XML_CHUNK);
		if (n < 0) {
			err = nerr_raise(HC_ERR_BADREQ, "%s: %s is damaged (%s)", x->b->name,
					 xc->part, zip_file_strerror(zf));
			break;
		}
		if ((size_t)n > max - x->inflated) {
			err = nerr_raise(HC_ERR_TOOLARGE, "%s: %s inflates past %zu bytes in all",
					 x->b->name, xc->part, max);
			break;
		}
		x->inflated += (size_t)n;
		err = xml_feed(xc, (int)n, n == 0);
	} while (err == STATUS_OK && n > 0 && !xc->done);
	zip_fclose(zf);
	return err;
}

/* Parses the part at path with the handlers in xc; *found is false, and
 * nothing is raised, when the archive has no such part. */
static NEOERR *xml_parse_part(struct xlsx *x, const char *path, struct xml_ctx *xc,
			      bool *found)
{
	zip_int64_t idx = zip_name_locate(x->zip, path, 0);
	NEOERR *err;

	*found = idx >= 0;
	if (idx < 0)
		return STATUS_OK;
	xc->x = x;
	xc->part = path;
	xc->text = malloc(x->b->lim->max_cell + 1);
	xc->p = XML_ParserCreateNS(NULL, '|');
	if (xc->p == NULL || xc->text == NULL) {
		err = nerr_raise(NERR_NOMEM, "XML parser");
		goto cleanup;
	}
	XML_SetUserData(xc->p, xc);
	XML_SetElementHandler(xc->p, on_start, on_end);
	XML_SetCharacterDataHandler(xc->p, on_text);
	XML_SetStartDoctypeDeclHandler(xc->p, on_doctype);
	XML_SetEntityDeclHandler(xc->p, on_entity);
	XML_SetParamEntityParsing(xc->p, XML_PARAM_ENTITY_PARSING_NEVER);
	err = xml_stream(xc, (zip_uint64_t)idx);
cleanup:
	if (xc->p)
		XML_ParserFree(xc->p);
	free(xc->text);
	if (xc->err)  /* raised after the one already returned */
		nerr_ignore(&xc->err);
	return err;
}

/* ---- xlsx: which parts ------------------------------------------------- */

/* A relationship's Target is relative to xl/, or absolute in the package. */
static void rel_path(char out[256], const char *target)
{
	if (target[0] == '/')
		snprintf(out, 256, "%s", target + 1);
	else
		snprintf(out, 256, "xl/%s", target);
}

static bool ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), m = strlen(tail);

	return n >= m && !strcmp(s + n - m, tail);
}

static void rels_start(struct xml_ctx *xc, const char *name, const char **attrs)
{
	struct xlsx *x = xc->x;
	const char *id = attr(attrs, "Id"), *type = attr(attrs, "Type");
	const char *target = attr(attrs, "Target");
	struct rel *r;

	if (strcmp(name, "Relationship") || !id || !type || !target)
		return;
	if (ends_with(type, "/sharedStrings") && x->sst_path[0] == '\0') {
		rel_path(x->sst_path, target);
		return;
	}
	if (!ends_with(type, "/worksheet") || x->nrels == REL_MAX ||
	    strlen(id) >= sizeof r->id || strlen(target) >= sizeof r->target - 3)
		return;
	r = &x->rels[x->nrels++];
	snprintf(r->id, sizeof r->id, "%s", id);
	rel_path(r->target, target);
}

static void no_end(struct xml_ctx *xc, const char *name)
{
}

/* The first <sheet> of the workbook (tab order) that is a worksheet. */
static void workbook_start(struct xml_ctx *xc, const char *name, const char **attrs)
{
	struct xlsx *x = xc->x;
	const char *v;

	if (!strcmp(name, "workbookPr")) {
		v = attr(attrs, "date1904");
		x->b->s->date1904 = v && (!strcmp(v, "1") || !strcmp(v, "true"));
		return;
	}
	if (strcmp(name, "sheet"))
		return;
	/* r:id, whatever the prefix: the relationships namespace's "id". */
	for (int i = 0; attrs[i]; i += 2) {
		if (!ends_with(attrs[i], "|id"))
			continue;
		for (int k = 0; k < x->nrels; k++) {
			if (!strcmp(x->rels[k].id, attrs[i + 1])) {
				snprintf(x->sheet_path, sizeof x->sheet_path, "%s", x->rels[k].target);
				xml_finish(xc);
				return;
			}
		}
	}
}

/* Finds the first worksheet and the shared strings through the workbook and
 * its relationships; falls back to the usual names when either is missing
 * or names a part that is not there. */
static NEOERR *xlsx_find_parts(struct xlsx *x)
{
	struct xml_ctx rels = { .start = rels_start, .end = no_end };
	struct xml_ctx book = { .start = workbook_start, .end = no_end };
	NEOERR *err;
	bool found;

	x->rels = calloc(REL_MAX, sizeof *x->rels);
	if (x->rels == NULL)
		return nerr_raise(NERR_NOMEM, "relationships");
	err = xml_parse_part(x, "xl/_rels/workbook.xml.rels", &rels, &found);
	if (err == STATUS_OK)
		err = xml_parse_part(x, "xl/workbook.xml", &book, &found);
	if (err)
		return nerr_pass(err);
	if (x->sheet_path[0] == '\0' || zip_name_locate(x->zip, x->sheet_path, 0) < 0)
		snprintf(x->sheet_path, sizeof x->sheet_path, "xl/worksheets/sheet1.xml");
	if (x->sst_path[0] == '\0' || zip_name_locate(x->zip, x->sst_path, 0) < 0)
		snprintf(x->sst_path, sizeof x->sst_path, "xl/sharedStrings.xml");
	return STATUS_OK;
}

/* ---- xlsx: shared strings ---------------------------------------------- */

static NEOERR *sst_push(struct xlsx *x, size_t off)
{
	size_t cap;
	size_t *p;

	if (x->nsst == x->max_sst)
		return nerr_raise(HC_ERR_TOOLARGE, "%s: more than %zu shared strings",
				  x->b->name, x->max_sst);
	if (x->nsst == x->cap_sst) {
		cap = x->cap_sst ? x->cap_sst * 2 : 256;
		if (cap > x->max_sst)
			cap = x->max_sst;
		p = realloc(x->sst, cap * sizeof *p);
		if (p == NULL)
			return nerr_raise(NERR_NOMEM, "%zu shared strings", cap);
		x->sst = p;
		x->cap_sst = cap;
	}
	x->sst[x->nsst++] = off;
	return STATUS_OK;
}

/* <si> holds <t>, or rich-text runs <r><t>, concatenated; <rPh><t> are
 * phonetic hints, not part of the text. */
static void sst_start(struct xml_ctx *xc, const char *name, const char **attrs)
{
	if (!strcmp(name, "si")) {
		xc->in_item = true;
		text_reset(xc);
	} else if (!strcmp(name, "rPh")) {
		xc->rph++;
	} else if (!strcmp(name, "t")) {
		xc->collect = xc->in_item && xc->rph == 0;
	}
}

static void sst_end(struct xml_ctx *xc, const char *name)
{
	NEOERR *err = STATUS_OK;
	size_t off = SST_TOOLONG;

	if (!strcmp(name, "t")) {
		xc->collect = false;
	} else if (!strcmp(name, "rPh")) {
		xc->rph--;
	} else if (!strcmp(name, "si") && xc->in_item) {
		xc->in_item = false;
		/* Too long is an error only if the first sheet uses it. */
		if (!xc->text_over)
			err = text_add(xc->x->b->s, xc->text, xc->text_len, &off);
		if (err == STATUS_OK)
			err = sst_push(xc->x, off);
		if (err)
			xml_fail(xc, err);
	}
}

static NEOERR *xlsx_read_sst(struct xlsx *x)
{
	struct xml_ctx xc = { .start = sst_start, .end = sst_end };
	bool found;

	/* No sheet can use more distinct strings than it has cells. */
	x->max_sst = (size_t)x->b->lim->max_rows * (size_t)x->b->lim->max_cols;
	return nerr_pass(xml_parse_part(x, x->sst_path, &xc, &found));
}

/* ---- xlsx: the worksheet ----------------------------------------------- */

/* "C5" -> row 4, col 2; false when it is not a cell reference. */
static bool parse_ref(const char *ref, int *row, int *col)
{
	int c = 0, r = 0, letters = 0, digits = 0;

	for (; *ref >= 'A' && *ref <= 'Z' && letters < 3; ref++, letters++)
		c = c * 26 + (*ref - 'A' + 1);
	for (; *ref >= '0' && *ref <= '9' && digits < 7; ref++, digits++)
		r = r * 10 + (*ref - '0');
	if (*ref || letters == 0 || digits == 0 || c > EXCEL_MAX_COLS || r < 1 || r > EXCEL_MAX_ROWS)
		return false;
	*row = r - 1;
	*col = c - 1;
	return true;
}

static bool parse_row_number(const char *s, int *row)
{
	int r = 0, digits = 0;

	for (; *s >= '0' && *s <= '9' && digits < 7; s++, digits++)
		r = r * 10 + (*s - '0');
	if (*s || digits == 0 || r < 1 || r > EXCEL_MAX_ROWS)
		return false;
	*row = r - 1;
	return true;
}

static void ws_row_start(struct xml_ctx *xc, const char **attrs)
{
	const char *r = attr(attrs, "r");

	if (r == NULL ? xc->row + 1 >= EXCEL_MAX_ROWS : !parse_row_number(r, &xc->row)) {
		xml_fail(xc, nerr_raise(HC_ERR_BADREQ, "%s: %s has a bad row number after row %d",
					xc->x->b->name, xc->part, xc->row + 1));
		return;
	}
	if (r == NULL)
		xc->row++;
	xc->col = -1;
	xc->in_row = true;
}

static void ws_cell_start(struct xml_ctx *xc, const char **attrs)
{
	const char *r = attr(attrs, "r"), *t = attr(attrs, "t");
	int row = xc->row;

	if (r == NULL ? xc->col + 1 >= EXCEL_MAX_COLS : !parse_ref(r, &row, &xc->col)) {
		xml_fail(xc, nerr_raise(HC_ERR_BADREQ, "%s row %d: a bad cell reference",
					xc->x->b->name, xc->row + 1));
		return;
	}
	if (r == NULL)
		xc->col++;
	xc->row = row;
	xc->in_item = true;
	xc->in_is = false;
	xc->rph = 0;
	xc->type = !t ? 'n' : !strcmp(t, "s") ? 's' : !strcmp(t, "b") ? 'b' :
		   !strcmp(t, "inlineStr") ? 'i' : 'n';
	text_reset(xc);
}

static void ws_start(struct xml_ctx *xc, const char *name, const char **attrs)
{
	if (!strcmp(name, "sheetData"))
		xc->in_data = true;
	else if (!xc->in_data)
		return;
	else if (!xc->in_item && !strcmp(name, "row"))
		ws_row_start(xc, attrs);
	else if (!xc->in_item && xc->in_row && !strcmp(name, "c"))
		ws_cell_start(xc, attrs);
	else if (!xc->in_item)
		return;
	else if (!strcmp(name, "v"))
		xc->collect = true;
	else if (!strcmp(name, "is"))
		xc->in_is = true;
	else if (!strcmp(name, "rPh"))
		xc->rph++;
	else if (!strcmp(name, "t"))
		xc->collect = xc->in_is && xc->rph == 0;
}

/* A shared-string cell: its index, checked, then the string's offset. */
static NEOERR *ws_shared(struct xml_ctx *xc)
{
	struct xlsx *x = xc->x;
	char cn[8];
	size_t idx = 0, off;
	NEOERR *err;

	col_name(xc->col, cn);
	for (size_t i = 0; i < xc->text_len; i++) {
		if (xc->text[i] < '0' || xc->text[i] > '9' || idx > x->nsst) {
			idx = SIZE_MAX;
			break;
		}
		idx = idx * 10 + (size_t)(xc->text[i] - '0');
	}
	if (idx >= x->nsst)
		return nerr_raise(HC_ERR_BADREQ, "%s row %d column %s: no shared string %.20s",
				  x->b->name, xc->row + 1, cn, xc->text);
	off = x->sst[idx];
	if (off == 0)
		return STATUS_OK;
	/* Its length was measured once, when the shared strings were read. */
	err = build_check(x->b, xc->row, xc->col, off == SST_TOOLONG ? x->b->lim->max_cell + 1 : 1);
	if (err == STATUS_OK)
		err = build_set(x->b, xc->row, xc->col, off);
	return nerr_pass(err);
}

static NEOERR *ws_cell_end(struct xml_ctx *xc)
{
	char cn[8];

	if (xc->text_over) {
		col_name(xc->col, cn);
		problem(xc->x->b, "sheet.cell_too_long", xc->row + 1, xc->col + 1,
			(long)xc->x->b->lim->max_cell);
		return nerr_raise(HC_ERR_TOOLARGE, "%s row %d column %s: cell longer than %zu bytes",
				  xc->x->b->name, xc->row + 1, cn, xc->x->b->lim->max_cell);
	}
	xc->text[xc->text_len] = '\0';
	if (xc->text_len == 0)
		return STATUS_OK;
	if (xc->type == 's')
		return nerr_pass(ws_shared(xc));
	if (xc->type == 'b' && (!strcmp(xc->text, "1") || !strcmp(xc->text, "0")))
		return nerr_pass(build_text(xc->x->b, xc->row, xc->col,
					    xc->text[0] == '1' ? "TRUE" : "FALSE", 4 + (xc->text[0] == '0')));
	return nerr_pass(build_text(xc->x->b, xc->row, xc->col, xc->text, xc->text_len));
}

static void ws_end(struct xml_ctx *xc, const char *name)
{
	NEOERR *err;

	if (!strcmp(name, "sheetData")) {
		xml_finish(xc);  /* what follows (merges, print setup) is not data */
	} else if (!xc->in_item) {
		if (!strcmp(name, "row"))
			xc->in_row = false;
	} else if (!strcmp(name, "v") || !strcmp(name, "t")) {
		xc->collect = false;
	} else if (!strcmp(name, "is")) {
		xc->in_is = false;
	} else if (!strcmp(name, "rPh")) {
		xc->rph--;
	} else if (!strcmp(name, "c")) {
		xc->in_item = false;
		xc->collect = false;
		err = ws_cell_end(xc);
		if (err)
			xml_fail(xc, err);
	}
}

static NEOERR *xlsx_read_sheet(struct xlsx *x)
{
	struct xml_ctx xc = { .start = ws_start, .end = ws_end, .row = -1 };
	NEOERR *err;
	bool found;

	err = xml_parse_part(x, x->sheet_path, &xc, &found);
	if (err == STATUS_OK && !found) {
		problem(x->b, "sheet.no_worksheet", 0, 0, 0);
		err = nerr_raise(HC_ERR_BADREQ, "%s: an .xlsx file without a worksheet", x->b->name);
	}
	return nerr_pass(err);
}

static NEOERR *xlsx_read(struct build *b, const char *data, size_t len)
{
	struct xlsx x = { .b = b };
	NEOERR *err;

	err = xlsx_open(&x, data, len);
	if (err)
		return nerr_pass(err);
	err = xlsx_check_directory(&x);
	if (err == STATUS_OK)
		err = xlsx_find_parts(&x);
	if (err == STATUS_OK)
		err = xlsx_read_sst(&x);
	if (err == STATUS_OK)
		err = xlsx_read_sheet(&x);
	zip_discard(x.zip);
	free(x.sst);
	free(x.rels);
	return nerr_pass(err);
}

/* ---- the entry point --------------------------------------------------- */

static bool starts_with(const char *data, size_t len, const char *magic, size_t n)
{
	return len >= n && !memcmp(data, magic, n);
}

/* Files admins pick by mistake, named in the message (and *key for the
 * uploader). */
static const char *binary_kind(const char *data, size_t len, const char **key)
{
	if (starts_with(data, len, "\xd0\xcf\x11\xe0", 4))
		return *key = "sheet.xls", "an old .xls or a password-protected workbook: save it as .xlsx";
	if (starts_with(data, len, "%PDF-", 5))
		return *key = "sheet.pdf", "a PDF";
	if (starts_with(data, len, "\x89PNG", 4) || starts_with(data, len, "\xff\xd8\xff", 3) ||
	    starts_with(data, len, "GIF8", 4))
		return *key = "sheet.image", "an image";
	if (starts_with(data, len, "PK\x05\x06", 4))
		return *key = "sheet.damaged", "an empty zip archive";
	return NULL;
}

/* Excel on a Chinese Windows saves "CSV" in GB18030 (GBK is its two-byte
 * part). The whole file is converted strictly: bytes that are not GB18030
 * either leave it refused, never half-read. *out is malloc'd (the caller
 * frees it); false when the bytes are not GB18030. */
static bool gb18030_to_utf8(const char *in, size_t len, char **out, size_t *out_len)
{
	/* A GB18030 character of n bytes is at most n + 1 bytes of UTF-8. */
	size_t cap = len * 2 + 4, left_in = len, left_out = cap;
	char *buf = malloc(cap), *ip = (char *)in, *op = buf;
	iconv_t cd = iconv_open("UTF-8", "GB18030");
	bool ok = false;

	if (buf == NULL || cd == (iconv_t)-1)
		goto cleanup;
	if (iconv(cd, &ip, &left_in, &op, &left_out) == (size_t)-1 || left_in != 0)
		goto cleanup;
	if (iconv(cd, NULL, NULL, &op, &left_out) == (size_t)-1)
		goto cleanup;
	*out = buf;
	*out_len = (size_t)(op - buf);
	buf = NULL;
	ok = true;
cleanup:
	if (cd != (iconv_t)-1)
		iconv_close(cd);
	free(buf);
	return ok;
}

NEOERR *sheet_read(const char *data, size_t len, const char *filename,
		   const struct sheet_limits *lim, SHEET **out)
{
	return nerr_pass(sheet_read_why(data, len, filename, lim, out, NULL));
}

/* A .csv: UTF-8 first (a BOM dropped), then GB18030; the text must be
 * text (no NUL or other control characters) either way. */
static NEOERR *csv_decode_read(struct build *b, const char *data, size_t len)
{
	char *converted = NULL;
	size_t bad, n;
	NEOERR *err;

	if (starts_with(data, len, "\xef\xbb\xbf", 3)) {
		data += 3;
		len -= 3;
	}
	bad = utf8_text_invalid_at((const unsigned char *)data, len);
	if (bad < len && gb18030_to_utf8(data, len, &converted, &n)) {
		data = converted;
		len = n;
		bad = utf8_text_invalid_at((const unsigned char *)data, len);
	}
	if (bad < len) {
		problem(b, "sheet.not_text", line_of(data, bad), 0, 0);
		err = nerr_raise(HC_ERR_BADREQ,
				 "%s: not an .xlsx or .csv file (line %d is neither UTF-8 nor GB18030 text)",
				 b->name, line_of(data, bad));
	} else {
		err = csv_read(b, data, len);
	}
	free(converted);
	return nerr_pass(err);
}

NEOERR *sheet_read_why(const char *data, size_t len, const char *filename,
		       const struct sheet_limits *lim, SHEET **out,
		       struct sheet_problem *why)
{
	struct sheet_problem ignored;
	struct build b = { .lim = lim ? lim : &sheet_default_limits, .why = why ? why : &ignored };
	const char *kind, *key = NULL;
	NEOERR *err;

	*out = NULL;
	*b.why = (struct sheet_problem){ 0 };
	set_name(&b, filename);
	if (data == NULL || len == 0) {
		problem(&b, "sheet.empty", 0, 0, 0);
		return nerr_raise(HC_ERR_BADREQ, "%s: the file is empty", b.name);
	}
	if (len > b.lim->max_file) {
		problem(&b, "sheet.too_big", 0, 0, (long)b.lim->max_file);
		return nerr_raise(HC_ERR_TOOLARGE, "%s: %zu bytes, more than %zu", b.name, len,
				  b.lim->max_file);
	}
	kind = binary_kind(data, len, &key);
	if (kind) {
		problem(&b, key, 0, 0, 0);
		return nerr_raise(HC_ERR_BADREQ, "%s: not an .xlsx or .csv file (%s)",
				  b.name, kind);
	}
	err = sheet_new(&b.s);
	if (err)
		return nerr_pass(err);
	if (starts_with(data, len, "PK\x03\x04", 4))
		err = xlsx_read(&b, data, len);
	else
		err = csv_decode_read(&b, data, len);
	if (err) {
		/* The workbook's inner failures (zip, XML) are one thing to the
		 * uploader: the file is damaged, or too big. */
		problem(&b, nerr_match(err, HC_ERR_TOOLARGE) ? "sheet.too_big" : "sheet.damaged",
			0, 0, 0);
		sheet_free(&b.s);
		return nerr_pass(err);
	}
	*out = b.s;
	return STATUS_OK;
}
