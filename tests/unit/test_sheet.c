/*
 * test_sheet.c - lib/sheet: roster uploads. Real .xlsx files written by
 * libxlsxwriter, hand-made ones written with libzip into memory (to name
 * the first sheet through the workbook, to lie in the zip directory, to
 * carry a DOCTYPE), CSV variants, and every cap.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <math.h>
#include <xlsxwriter.h>
#include <zip.h>

#include "core/days.h"
#include "core/sheet.h"

/* ---- helpers ----------------------------------------------------------- */

/* Asserts err is of type and its message contains text; frees it. */
static void expect_error(NEOERR *err, NERR_TYPE type, const char *text)
{
	STRING msg;

	assert_non_null(err);
	string_init(&msg);
	nerr_error_string(err, &msg);
	if (!nerr_match(err, type) || strstr(msg.buf ? msg.buf : "", text) == NULL)
		fail_msg("wanted an error with \"%s\", got: %s", text, msg.buf ? msg.buf : "");
	string_clear(&msg);
	nerr_ignore(&err);
}

static void expect_ok(NEOERR *err)
{
	STRING msg;

	if (err == STATUS_OK)
		return;
	string_init(&msg);
	nerr_error_traceback(err, &msg);
	fail_msg("unexpected error: %s", msg.buf);
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n > 0);
	rewind(f);
	buf = malloc((size_t)n);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static void tmp_path(char out[64])
{
	const char *dir = getenv("TMPDIR");
	int fd;

	snprintf(out, 64, "%s/test_sheet_XXXXXX", dir ? dir : "/tmp");
	fd = mkstemp(out);
	assert_true(fd >= 0);
	close(fd);
}

/* Closes a libxlsxwriter workbook written to path and returns its bytes. */
static char *workbook_bytes(lxw_workbook *wb, const char *path, size_t *len)
{
	char *buf;

	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	buf = slurp(path, len);
	unlink(path);
	return buf;
}

static uint32_t le32(const char *p)
{
	const unsigned char *u = (const unsigned char *)p;

	return u[0] | u[1] << 8 | u[2] << 16 | (uint32_t)u[3] << 24;
}

static void set_le32(char *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (char)(v >> (8 * i));
}

struct part { const char *name; const char *data; };

/* A zip built in memory with libzip from parts (NUL-terminated texts) and
 * at most one extra part from a callback source. */
static char *zip_build(const struct part *parts, zip_source_t *(*extra)(zip_t *), size_t *len)
{
	zip_error_t ze;
	zip_source_t *src, *ps;
	zip_t *za;
	char *buf;
	zip_int64_t n;

	zip_error_init(&ze);
	src = zip_source_buffer_create(NULL, 0, 0, &ze);
	assert_non_null(src);
	za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	assert_non_null(za);
	zip_source_keep(src);
	for (; parts && parts->name; parts++) {
		ps = zip_source_buffer(za, parts->data, strlen(parts->data), 0);
		assert_non_null(ps);
		assert_true(zip_file_add(za, parts->name, ps, ZIP_FL_ENC_UTF_8) >= 0);
	}
	if (extra) {
		ps = extra(za);
		n = zip_file_add(za, "xl/worksheets/sheet1.xml", ps, ZIP_FL_ENC_UTF_8);
		assert_true(n >= 0);
		assert_int_equal(zip_set_file_compression(za, (zip_uint64_t)n, ZIP_CM_DEFLATE, 9), 0);
	}
	assert_int_equal(zip_close(za), 0);
	assert_int_equal(zip_source_open(src), 0);
	assert_int_equal(zip_source_seek(src, 0, SEEK_END), 0);
	n = zip_source_tell(src);
	assert_true(n > 0);
	assert_int_equal(zip_source_seek(src, 0, SEEK_SET), 0);
	buf = malloc((size_t)n);
	assert_non_null(buf);
	assert_int_equal(zip_source_read(src, buf, (zip_uint64_t)n), n);
	zip_source_close(src);
	zip_source_free(src);
	zip_error_fini(&ze);
	*len = (size_t)n;
	return buf;
}

static const char CONTENT_TYPES[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	"<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>";

/* A one-sheet xlsx whose sheet1.xml is sheet_xml (and sharedStrings sst). */
static char *xlsx_of(const char *sheet_xml, const char *sst, size_t *len)
{
	struct part parts[] = {
		{ "[Content_Types].xml", CONTENT_TYPES },
		{ "xl/worksheets/sheet1.xml", sheet_xml },
		{ sst ? "xl/sharedStrings.xml" : NULL, sst },
		{ NULL, NULL },
	};
	return zip_build(parts, NULL, len);
}

static SHEET *read_ok(const char *data, size_t len, const struct sheet_limits *lim)
{
	SHEET *s = NULL;

	expect_ok(sheet_read(data, len, "roster.xlsx", lim, &s));
	assert_non_null(s);
	return s;
}

/* sheet_read() and read_ok() on a C string, for CSV. */
static NEOERR *read_text(const char *text, const char *name, const struct sheet_limits *lim,
			 SHEET **s)
{
	return sheet_read(text, strlen(text), name, lim, s);
}

static SHEET *read_ok_text(const char *text, const struct sheet_limits *lim)
{
	return read_ok(text, strlen(text), lim);
}

/* ---- xlsx from libxlsxwriter ------------------------------------------- */

static void xlsx_shared_strings(void **state)
{
	char path[64], big[1500];
	lxw_workbook *wb;
	lxw_worksheet *ws, *other;
	lxw_format *date, *bold;
	lxw_datetime day = { 2026, 11, 23, 0, 0, 0 };
	lxw_rich_string_tuple f1 = { .format = NULL, .string = "张" };
	lxw_rich_string_tuple f2 = { .format = NULL, .string = "三丰" };
	lxw_rich_string_tuple *rich[] = { &f1, &f2, NULL };
	SHEET *s;
	char *data;
	size_t len;

	(void)state;
	tmp_path(path);
	wb = workbook_new(path);
	assert_non_null(wb);
	ws = workbook_add_worksheet(wb, "名单");
	other = workbook_add_worksheet(wb, "说明");
	date = workbook_add_format(wb);
	format_set_num_format(date, "yyyy-mm-dd");
	bold = workbook_add_format(wb);
	format_set_bold(bold);
	f1.format = bold;
	worksheet_write_string(ws, 0, 0, "学号", NULL);
	worksheet_write_string(ws, 0, 1, "姓名", NULL);
	worksheet_write_string(ws, 0, 2, "学院", NULL);
	worksheet_write_string(ws, 0, 3, "返校日期", NULL);
	worksheet_write_string(ws, 0, 4, "体温", NULL);
	/* Row 2: C2 left empty in the middle. */
	worksheet_write_string(ws, 1, 0, "2021001", NULL);
	worksheet_write_string(ws, 1, 1, "张三", NULL);
	worksheet_write_datetime(ws, 1, 3, &day, date);
	worksheet_write_number(ws, 1, 4, 36.5, NULL);
	/* Row 3 empty; row 4 has a number id, a styled blank, a boolean. */
	worksheet_write_number(ws, 3, 0, 2021002, NULL);
	worksheet_write_blank(ws, 3, 1, bold);
	worksheet_write_boolean(ws, 3, 2, 1, NULL);
	worksheet_write_string(ws, 3, 3, "2026-11-24", NULL);
	/* Row 5: a rich-text name, a formula with a string result, far column. */
	worksheet_write_rich_string(ws, 4, 1, rich, NULL);
	worksheet_write_formula_str(ws, 4, 2, "=\"计算机\"&\"学院\"", NULL, "计算机学院");
	worksheet_write_string(ws, 4, 27, "AB5", NULL);
	/* The second sheet is never read, even its over-long shared string. */
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	worksheet_write_string(other, 0, 0, "IGNORE ME", NULL);
	worksheet_write_string(other, 9, 0, big, NULL);
	data = workbook_bytes(wb, path, &len);

	s = read_ok(data, len, NULL);
	assert_int_equal(sheet_rows(s), 5);
	assert_int_equal(sheet_cols(s, 0), 5);
	assert_string_equal(sheet_cell(s, 0, 0), "学号");
	assert_string_equal(sheet_cell(s, 0, 3), "返校日期");
	assert_int_equal(sheet_cols(s, 1), 5);
	assert_string_equal(sheet_cell(s, 1, 0), "2021001");
	assert_string_equal(sheet_cell(s, 1, 1), "张三");
	assert_string_equal(sheet_cell(s, 1, 2), "");
	assert_string_equal(sheet_cell(s, 1, 3), "46349");
	assert_int_equal(sheet_day(s, 1, 3), day_parse("2026-11-23"));
	assert_string_equal(sheet_cell(s, 1, 4), "36.5");
	assert_int_equal(sheet_cols(s, 2), 0);
	assert_string_equal(sheet_cell(s, 2, 0), "");
	assert_int_equal(sheet_cols(s, 3), 4);
	assert_string_equal(sheet_cell(s, 3, 0), "2021002");
	assert_string_equal(sheet_cell(s, 3, 1), "");
	assert_string_equal(sheet_cell(s, 3, 2), "TRUE");
	assert_int_equal(sheet_day(s, 3, 3), day_parse("2026-11-24"));
	assert_int_equal(sheet_day(s, 1, 1), -1);
	assert_int_equal(sheet_cols(s, 4), 28);
	assert_string_equal(sheet_cell(s, 4, 0), "");
	assert_string_equal(sheet_cell(s, 4, 1), "张三丰");
	assert_string_equal(sheet_cell(s, 4, 2), "计算机学院");
	assert_string_equal(sheet_cell(s, 4, 27), "AB5");
	assert_string_equal(sheet_cell(s, 5, 0), "");
	assert_string_equal(sheet_cell(s, 0, 99), "");
	assert_string_equal(sheet_cell(s, -1, 0), "");
	sheet_free(&s);
	assert_null(s);
	sheet_free(&s);
	free(data);
}

/* constant_memory mode writes inline strings (<is><t>) instead. */
static void xlsx_inline_strings(void **state)
{
	char path[64];
	lxw_workbook_options opt = { .constant_memory = LXW_TRUE };
	lxw_workbook *wb;
	lxw_worksheet *ws;
	SHEET *s;
	char *data;
	size_t len;

	(void)state;
	tmp_path(path);
	wb = workbook_new_opt(path, &opt);
	assert_non_null(wb);
	ws = workbook_add_worksheet(wb, NULL);
	worksheet_write_string(ws, 0, 0, "姓名", NULL);
	worksheet_write_string(ws, 0, 2, "备注 <&>\"", NULL);
	worksheet_write_string(ws, 2, 1, "李四", NULL);
	worksheet_write_number(ws, 2, 2, -0.25, NULL);
	data = workbook_bytes(wb, path, &len);
	assert_non_null(memmem(data, len, "PK\x03\x04", 4));

	s = read_ok(data, len, NULL);
	assert_int_equal(sheet_rows(s), 3);
	assert_int_equal(sheet_cols(s, 0), 3);
	assert_string_equal(sheet_cell(s, 0, 0), "姓名");
	assert_string_equal(sheet_cell(s, 0, 1), "");
	assert_string_equal(sheet_cell(s, 0, 2), "备注 <&>\"");
	assert_int_equal(sheet_cols(s, 1), 0);
	assert_string_equal(sheet_cell(s, 2, 1), "李四");
	assert_string_equal(sheet_cell(s, 2, 2), "-0.25");
	sheet_free(&s);
	free(data);
}

/* ---- hand-made xlsx ----------------------------------------------------- */

static const char WORKBOOK_RELS[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
	"<Relationship Id=\"rId7\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"/xl/worksheets/roster.xml\"/>"
	"<Relationship Id=\"rId9\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"strings.xml\"/>"
	"</Relationships>";

/* The first tab is rId7 (roster.xml), not sheet1.xml; 1904 date system. */
static const char WORKBOOK[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	"<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
	"xmlns:rel=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
	"<workbookPr date1904=\"1\"/><sheets>"
	"<sheet name=\"名单\" sheetId=\"2\" rel:id=\"rId7\"/>"
	"<sheet name=\"Sheet1\" sheetId=\"1\" rel:id=\"rId1\"/>"
	"</sheets></workbook>";

static const char STRINGS[] =
	"<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"3\" uniqueCount=\"3\">"
	"<si><t>王五</t></si>"
	"<si><r><t>日本</t></r><r><t xml:space=\"preserve\"> 太郎</t></r>"
	"<rPh sb=\"0\" eb=\"2\"><t>ニホン</t></rPh></si>"
	"<si><t/></si>"
	"</sst>";

static void xlsx_first_sheet_from_workbook(void **state)
{
	const char *roster =
		"<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
		"<row r=\"2\"><c r=\"B2\" t=\"s\"><v>0</v></c><c t=\"s\"><v>1</v></c>"
		"<c r=\"E2\" t=\"s\"><v>2</v></c></row>"
		"<row><c><v>0</v></c><c t=\"b\"><v>0</v></c><c t=\"e\"><v>#N/A</v></c></row>"
		"<row r=\"6\"><c r=\"A6\"><f>TODAY()</f><v>44887</v></c></row>"
		"</sheetData><mergeCells count=\"1\"><mergeCell ref=\"A1:B1\"/></mergeCells></worksheet>";
	const char *decoy =
		"<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
		"<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>decoy</t></is></c></row>"
		"</sheetData></worksheet>";
	struct part parts[] = {
		{ "[Content_Types].xml", CONTENT_TYPES },
		{ "xl/workbook.xml", WORKBOOK },
		{ "xl/_rels/workbook.xml.rels", WORKBOOK_RELS },
		{ "xl/worksheets/sheet1.xml", decoy },
		{ "xl/worksheets/roster.xml", roster },
		{ "xl/strings.xml", STRINGS },
		{ NULL, NULL },
	};
	SHEET *s;
	char *data;
	size_t len;

	(void)state;
	data = zip_build(parts, NULL, &len);
	s = read_ok(data, len, NULL);
	assert_int_equal(sheet_rows(s), 6);
	assert_int_equal(sheet_cols(s, 0), 0);
	assert_int_equal(sheet_cols(s, 1), 3);
	assert_string_equal(sheet_cell(s, 1, 0), "");
	assert_string_equal(sheet_cell(s, 1, 1), "王五");
	assert_string_equal(sheet_cell(s, 1, 2), "日本 太郎");
	assert_string_equal(sheet_cell(s, 1, 4), "");
	assert_string_equal(sheet_cell(s, 2, 0), "0");
	assert_string_equal(sheet_cell(s, 2, 1), "FALSE");
	assert_string_equal(sheet_cell(s, 2, 2), "#N/A");
	assert_int_equal(sheet_cols(s, 3), 0);
	assert_string_equal(sheet_cell(s, 5, 0), "44887");
	/* 1904 system: serial 44887 is 2026-11-23, not 2022-11-23. */
	assert_int_equal(sheet_day(s, 5, 0), day_parse("2026-11-23"));
	sheet_free(&s);
	free(data);
}

/* Without workbook.xml, the usual sheet1.xml and sharedStrings.xml. */
static void xlsx_fallback_to_sheet1(void **state)
{
	const char *sheet =
		"<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
		"<row r=\"1\"><c r=\"C1\" t=\"s\"><v>1</v></c></row></sheetData></worksheet>";
	const char *sst = "<sst><si><t>a</t></si><si><t>赵六</t></si></sst>";
	SHEET *s;
	char *data;
	size_t len;

	(void)state;
	data = xlsx_of(sheet, sst, &len);
	s = read_ok(data, len, NULL);
	assert_int_equal(sheet_rows(s), 1);
	assert_int_equal(sheet_cols(s, 0), 3);
	assert_string_equal(sheet_cell(s, 0, 2), "赵六");
	sheet_free(&s);
	free(data);
}

static void xlsx_bad_shared_string(void **state)
{
	const char *sheet =
		"<worksheet><sheetData><row r=\"3\"><c r=\"B3\" t=\"s\"><v>2</v></c></row>"
		"</sheetData></worksheet>";
	const char *sst = "<sst><si><t>a</t></si><si><t>b</t></si></sst>";
	SHEET *s = (SHEET *)1;
	char *data;
	size_t len;

	(void)state;
	data = xlsx_of(sheet, sst, &len);
	expect_error(sheet_read(data, len, "roster.xlsx", NULL, &s), HC_ERR_BADREQ,
		     "row 3 column B: no shared string 2");
	assert_null(s);
	free(data);
}

static void xlsx_doctype_refused(void **state)
{
	const char *laughs =
		"<?xml version=\"1.0\"?><!DOCTYPE worksheet [<!ENTITY a \"aaaaaaaaaa\">"
		"<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>"
		"<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&c;</t></is></c></row>"
		"</sheetData></worksheet>";
	const char *external =
		"<?xml version=\"1.0\"?><!DOCTYPE sst [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
		"<sst><si><t>&x;</t></si></sst>";
	const char *sheet = "<worksheet><sheetData/></worksheet>";
	SHEET *s;
	char *data;
	size_t len;

	(void)state;
	data = xlsx_of(laughs, NULL, &len);
	expect_error(sheet_read(data, len, "roster.xlsx", NULL, &s), HC_ERR_BADREQ,
		     "xl/worksheets/sheet1.xml has a DOCTYPE");
	free(data);
	data = xlsx_of(sheet, external, &len);
	expect_error(sheet_read(data, len, "roster.xlsx", NULL, &s), HC_ERR_BADREQ,
		     "xl/sharedStrings.xml has a DOCTYPE");
	free(data);
	/* The same parts without the DOCTYPE are fine: the refusal is its. */
	data = xlsx_of(sheet, "<sst><si><t>x</t></si></sst>", &len);
	s = read_ok(data, len, NULL);
	assert_int_equal(sheet_rows(s), 0);
	sheet_free(&s);
	free(data);
}

static void xlsx_malformed(void **state)
{
	char sheet[4096], *p = sheet;
	SHEET *s;
	char *data;
	size_t len;

	(void)state;
	/* Nested 40 deep inside a cell. */
	p += sprintf(p, "<worksheet><sheetData><row><c t=\"inlineStr\"><is>");
	for (int i = 0; i < 40; i++)
		p += sprintf(p, "<r>");
	for (int i = 0; i < 40; i++)
		p += sprintf(p, "</r>");
	sprintf(p, "</is></c></row></sheetData></worksheet>");
	data = xlsx_of(sheet, NULL, &len);
	expect_error(sheet_read(data, len, "deep.xlsx", NULL, &s), HC_ERR_BADREQ,
		     "deep.xlsx: xl/worksheets/sheet1.xml nests elements more than 32 deep");
	free(data);

	data = xlsx_of("<worksheet><sheetData><row><c><v>1</v></row></sheetData></worksheet>", NULL, &len);
	expect_error(sheet_read(data, len, "bad.xlsx", NULL, &s), HC_ERR_BADREQ,
		     "bad.xlsx: xl/worksheets/sheet1.xml line 1: mismatched tag");
	free(data);

	data = xlsx_of("<worksheet><sheetData><row r=\"2\"><c r=\"2B\"><v>1</v></c></row>"
		       "</sheetData></worksheet>", NULL, &len);
	expect_error(sheet_read(data, len, "bad.xlsx", NULL, &s), HC_ERR_BADREQ,
		     "row 2: a bad cell reference");
	free(data);

	/* Found by fuzz_sheet: a cell outside any row (it used to land in
	 * row -1) and a row inside a cell are ignored. */
	data = xlsx_of("<worksheet><sheetData><c><v>1</v></c><row r=\"2\"><c r=\"B2\"><row/>"
		       "<v>2</v></c><c><v>3</v></c></row><c><v>4</v></c></sheetData></worksheet>",
		       NULL, &len);
	s = read_ok(data, len, NULL);
	assert_int_equal(sheet_rows(s), 2);
	assert_int_equal(sheet_cols(s, 0), 0);
	assert_int_equal(sheet_cols(s, 1), 3);
	assert_string_equal(sheet_cell(s, 1, 1), "2");
	assert_string_equal(sheet_cell(s, 1, 2), "3");
	sheet_free(&s);
	free(data);

	/* Renamed in the local header and the directory alike. */
	data = xlsx_of("<worksheet/>", NULL, &len);
	for (int i = 0; i < 2; i++) {
		char *name = memmem(data, len, "xl/worksheets/sheet1.xml", 24);
		assert_non_null(name);
		name[19] = 'X';
	}
	assert_null(memmem(data, len, "xl/worksheets/sheet1.xml", 24));
	expect_error(sheet_read(data, len, "nosheet.xlsx", NULL, &s), HC_ERR_BADREQ,
		     "nosheet.xlsx: an .xlsx file without a worksheet");
	free(data);
}

static void xlsx_truncated(void **state)
{
	const char *sheet = "<worksheet><sheetData><row><c><v>1</v></c></row></sheetData></worksheet>";
	SHEET *s;
	char *data;
	size_t len;

	(void)state;
	data = xlsx_of(sheet, NULL, &len);
	s = read_ok(data, len, NULL);
	assert_string_equal(sheet_cell(s, 0, 0), "1");
	sheet_free(&s);
	for (size_t cut = 4; cut < len; cut += 37) {
		expect_error(sheet_read(data, cut, "cut.xlsx", NULL, &s), HC_ERR_BADREQ, "cut.xlsx: ");
		assert_null(s);
	}
	/* A flipped byte in the part's data: the CRC, inflate or expat
	 * catches it. The local header: name at 30, then the extra field. */
	{
		char *hdr = (char *)memmem(data, len, "xl/worksheets/sheet1.xml", 24) - 30;
		size_t start = 30 + 24 + ((unsigned char)hdr[28] | (unsigned char)hdr[29] << 8);

		assert_memory_equal(hdr, "PK\x03\x04", 4);
		hdr[start + le32(hdr + 18) / 2] ^= 0x55;
	}
	expect_error(sheet_read(data, len, "crc.xlsx", NULL, &s), HC_ERR_BADREQ, "crc.xlsx: ");
	free(data);
}

/* ---- zip bombs ---------------------------------------------------------- */

#define BOMB_SIZE ((zip_uint64_t)300 << 20)
static const char BOMB_HEAD[] = "<worksheet><sheetData>";
static const char BOMB_TAIL[] = "</sheetData></worksheet>";

/* A libzip source yielding 300 MB of a sheet that is almost all spaces,
 * without ever holding it in memory. */
static zip_int64_t bomb_cb(void *ud, void *data, zip_uint64_t len, zip_source_cmd_t cmd)
{
	zip_uint64_t *pos = ud, n, head = sizeof BOMB_HEAD - 1, tail = sizeof BOMB_TAIL - 1;
	char *out = data;

	switch (cmd) {
	case ZIP_SOURCE_OPEN:
		*pos = 0;
		return 0;
	case ZIP_SOURCE_READ:
		n = BOMB_SIZE - *pos < len ? BOMB_SIZE - *pos : len;
		memset(out, ' ', n);
		for (zip_uint64_t i = *pos; i < head && i < *pos + n; i++)
			out[i - *pos] = BOMB_HEAD[i];
		for (zip_uint64_t i = BOMB_SIZE - tail; i < *pos + n; i++)
			if (i >= *pos)
				out[i - *pos] = BOMB_TAIL[i - (BOMB_SIZE - tail)];
		*pos += n;
		return (zip_int64_t)n;
	case ZIP_SOURCE_STAT: {
		zip_stat_t *st = data;
		zip_stat_init(st);
		st->size = BOMB_SIZE;
		st->valid |= ZIP_STAT_SIZE;
		return sizeof *st;
	}
	case ZIP_SOURCE_ERROR:
		memset(data, 0, 2 * sizeof(int));
		return 2 * sizeof(int);
	case ZIP_SOURCE_CLOSE:
	case ZIP_SOURCE_FREE:
		return 0;
	case ZIP_SOURCE_SUPPORTS:
		return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE,
						      ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
	default:
		return -1;
	}
}

static double seconds_since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) + (t1.tv_nsec - t0->tv_nsec) / 1e9;
}

static zip_uint64_t bomb_pos;

static zip_source_t *bomb_source(zip_t *za)
{
	zip_source_t *src = zip_source_function(za, bomb_cb, &bomb_pos);

	assert_non_null(src);
	return src;
}

static char *bomb;
static size_t bomb_len;

/* Built once (300 MB to deflate), used by the next two tests. */
static int bomb_setup(void **state)
{
	struct timespec t0;

	(void)state;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	bomb = zip_build(NULL, bomb_source, &bomb_len);
	print_message("built a %zu-byte zip of a 300 MB sheet in %.1f s\n", bomb_len,
		      seconds_since(&t0));
	return bomb == NULL;
}

static int bomb_teardown(void **state)
{
	(void)state;
	free(bomb);
	return 0;
}

/* The directory tells the truth: refused before inflating a byte. */
static void zip_bomb_refused(void **state)
{
	struct timespec t0;
	SHEET *s;

	(void)state;
	assert_true(bomb_len < 2u << 20);  /* 300 MB in under 2 MB */
	assert_int_equal(le32(bomb + 22), (uint32_t)BOMB_SIZE);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	expect_error(sheet_read(bomb, bomb_len, "bomb.xlsx", NULL, &s), HC_ERR_TOOLARGE,
		     "bomb.xlsx: its directory says it inflates to more than 209715200 bytes");
	assert_null(s);
	print_message("refused in %.3f s\n", seconds_since(&t0));
}

/* The directory lies (local and central headers say 1000 bytes): the
 * running count stops the inflating at the cap. */
static void zip_bomb_lying_directory(void **state)
{
	struct sheet_limits lim = sheet_default_limits;
	char *liar = malloc(bomb_len), *cd;
	struct timespec t0;
	SHEET *s;

	(void)state;
	assert_non_null(liar);
	memcpy(liar, bomb, bomb_len);
	assert_memory_equal(liar, "PK\x03\x04", 4);
	set_le32(liar + 22, 1000);
	cd = memmem(liar, bomb_len, "PK\x01\x02", 4);
	assert_non_null(cd);
	assert_int_equal(le32(cd + 24), (uint32_t)BOMB_SIZE);
	set_le32(cd + 24, 1000);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	expect_error(sheet_read(liar, bomb_len, "liar.xlsx", NULL, &s), HC_ERR_TOOLARGE,
		     "liar.xlsx: xl/worksheets/sheet1.xml inflates past 209715200 bytes in all");
	print_message("refused after the default 200 MiB in %.3f s\n", seconds_since(&t0));
	/* A smaller cap stops it sooner. */
	lim.max_uncompressed = 1 << 20;
	expect_error(sheet_read(liar, bomb_len, "liar.xlsx", &lim, &s), HC_ERR_TOOLARGE,
		     "inflates past 1048576 bytes in all");
	assert_null(s);
	free(liar);
}

/* ---- CSV ----------------------------------------------------------------- */

static void csv_with_and_without_bom(void **state)
{
	const char body[] = "学号,姓名,返校日期\n2021001,张三,2026-11-23\n";
	char bom[sizeof body + 3] = "\xef\xbb\xbf";
	SHEET *a, *b;

	(void)state;
	strcat(bom, body);
	a = read_ok(body, strlen(body), NULL);
	b = read_ok(bom, strlen(bom), NULL);
	assert_int_equal(sheet_rows(a), 2);
	assert_int_equal(sheet_rows(b), 2);
	for (int r = 0; r < 2; r++) {
		assert_int_equal(sheet_cols(a, r), 3);
		assert_int_equal(sheet_cols(b, r), 3);
		for (int c = 0; c < 3; c++)
			assert_string_equal(sheet_cell(a, r, c), sheet_cell(b, r, c));
	}
	assert_string_equal(sheet_cell(b, 0, 0), "学号");
	assert_string_equal(sheet_cell(b, 1, 1), "张三");
	assert_int_equal(sheet_day(b, 1, 2), day_parse("2026-11-23"));
	sheet_free(&a);
	sheet_free(&b);
}

static void csv_quotes_and_line_ends(void **state)
{
	const char text[] =
		"name,note,empty\r\n"
		"\"王, 五\",\"two\nlines\",\r\n"
		"\r\n"
		"\"say \"\"hi\"\"\",5\"7,\"\"\r\n"
		",,x\n"
		"last,\"\"";
	SHEET *s;

	(void)state;
	s = read_ok(text, strlen(text), NULL);
	assert_int_equal(sheet_rows(s), 6);
	assert_int_equal(sheet_cols(s, 0), 3);
	assert_string_equal(sheet_cell(s, 0, 2), "empty");
	assert_int_equal(sheet_cols(s, 1), 2);
	assert_string_equal(sheet_cell(s, 1, 0), "王, 五");
	assert_string_equal(sheet_cell(s, 1, 1), "two\nlines");
	assert_int_equal(sheet_cols(s, 2), 0);
	assert_int_equal(sheet_cols(s, 3), 2);
	assert_string_equal(sheet_cell(s, 3, 0), "say \"hi\"");
	assert_string_equal(sheet_cell(s, 3, 1), "5\"7");
	assert_int_equal(sheet_cols(s, 4), 3);
	assert_string_equal(sheet_cell(s, 4, 0), "");
	assert_string_equal(sheet_cell(s, 4, 2), "x");
	assert_string_equal(sheet_cell(s, 5, 0), "last");
	assert_int_equal(sheet_cols(s, 5), 1);
	sheet_free(&s);

	/* A trailing line end makes no extra row; a lone CR ends a line too. */
	s = read_ok_text("a\rb\r\n", NULL);
	assert_int_equal(sheet_rows(s), 2);
	assert_string_equal(sheet_cell(s, 1, 0), "b");
	sheet_free(&s);
}

static void csv_malformed(void **state)
{
	SHEET *s;

	(void)state;
	expect_error(read_text("a,b\nc,\"open\n\nx", "q.csv", NULL, &s), HC_ERR_BADREQ,
		     "q.csv line 2: a quoted field never ends");
	expect_error(read_text("a\n\"b\"c,d\n", "q.csv", NULL, &s), HC_ERR_BADREQ,
		     "q.csv line 2: text after a closing quote");
	assert_null(s);
}

static void csv_invalid_utf8(void **state)
{
	/* "学号" in GBK, as Excel on a Chinese Windows saves "CSV", and a
	 * four-byte GB18030 character (U+00A5). */
	const char gbk[] = "id,name\n1,ok\n2,\xd1\xa7\xba\xc5\n3,\x81\x30\x84\x36\n";
	/* Neither UTF-8 nor GB18030. */
	const char *bad[] = {
		"\x80\n", "\xff\n", "\xed\xa0\x80\n", "\xf4\x90\x80\x80\n", "\xe4", NULL,
	};
	SHEET *s;
	struct sheet_problem why;

	(void)state;
	s = read_ok_text(gbk, NULL);
	assert_string_equal(sheet_cell(s, 2, 1), "\xe5\xad\xa6\xe5\x8f\xb7");
	assert_string_equal(sheet_cell(s, 3, 1), "\xc2\xa5");
	sheet_free(&s);
	for (int i = 0; bad[i]; i++)
		expect_error(sheet_read(bad[i], strlen(bad[i]), "b.csv", NULL, &s), HC_ERR_BADREQ,
			     "line 1 is neither UTF-8 nor GB18030");
	expect_error(sheet_read("a\nb\0c", 5, "nul.csv", NULL, &s), HC_ERR_BADREQ,
		     "line 2 is neither");
	/* What the uploader is told: a key of the language pack, and where. */
	expect_error(sheet_read_why("a\n\x80", 3, "b.csv", NULL, &s, &why), HC_ERR_BADREQ, "line 2");
	assert_string_equal(why.key, "sheet.not_text");
	assert_int_equal(why.row, 2);
	expect_error(sheet_read_why("a,b\nc,\"d\n", 9, "q.csv", NULL, &s, &why), HC_ERR_BADREQ, "quoted");
	assert_string_equal(why.key, "sheet.quote_open");
	assert_int_equal(why.row, 2);
	assert_int_equal(why.col, 2);
	/* The longest valid forms pass. */
	s = read_ok_text("\xf4\x8f\xbf\xbf,\xef\xbf\xbd", NULL);
	assert_string_equal(sheet_cell(s, 0, 1), "\xef\xbf\xbd");
	sheet_free(&s);
}

static void other_files_refused(void **state)
{
	const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
	const char pdf[] = "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n";
	const char xls[] = "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1";
	const struct sheet_limits tiny = { 10, 100, 10, 10, 10 };
	SHEET *s;

	(void)state;
	expect_error(sheet_read(png, sizeof png - 1, "photo.xlsx", NULL, &s), HC_ERR_BADREQ,
		     "photo.xlsx: not an .xlsx or .csv file (an image)");
	expect_error(sheet_read(pdf, sizeof pdf - 1, "roster.csv", NULL, &s), HC_ERR_BADREQ,
		     "roster.csv: not an .xlsx or .csv file (a PDF)");
	expect_error(sheet_read(xls, sizeof xls - 1, "old.xls", NULL, &s), HC_ERR_BADREQ,
		     "old .xls");
	expect_error(sheet_read("", 0, "empty.csv", NULL, &s), HC_ERR_BADREQ, "empty.csv: the file is empty");
	expect_error(read_text("a,b,c,d,e,f", "big.csv", &tiny, &s), HC_ERR_TOOLARGE,
		     "big.csv: 11 bytes, more than 10");
	assert_null(s);
}

/* ---- caps ---------------------------------------------------------------- */

static void caps_rows_cols_cells(void **state)
{
	struct sheet_limits lim = sheet_default_limits;
	char path[64], big[1003];
	lxw_workbook *wb;
	lxw_worksheet *ws;
	SHEET *s;
	char *data;
	size_t len;

	(void)state;
	lim.max_rows = 3;
	lim.max_cols = 4;
	/* At the caps: fine. Empty cells and rows beyond them: fine. */
	s = read_ok_text("a,b,c,d,,,,\n1\n2\n\n\n", &lim);
	assert_int_equal(sheet_rows(s), 3);
	assert_int_equal(sheet_cols(s, 0), 4);
	sheet_free(&s);
	expect_error(read_text("h\n1\n2\n3\n", "rows.csv", &lim, &s), HC_ERR_TOOLARGE,
		     "rows.csv: more than 3 rows (row 4 has data)");
	expect_error(read_text("h\n\n\n\n\n\nx", "rows.csv", &lim, &s), HC_ERR_TOOLARGE,
		     "more than 3 rows (row 7 has data)");
	expect_error(read_text("h\na,b,c,d,e", "cols.csv", &lim, &s), HC_ERR_TOOLARGE,
		     "cols.csv row 2: more than 4 columns (column E has data)");

	/* 1001 bytes, quoted and not; 1000 bytes pass. */
	lim = sheet_default_limits;
	memset(big, 'x', sizeof big);
	big[0] = '"';
	big[1002] = '"';
	expect_error(sheet_read(big, 1003, "long.csv", &lim, &s), HC_ERR_TOOLARGE,
		     "long.csv row 1 column A: cell longer than 1000 bytes");
	expect_error(sheet_read(big, 1002, "open.csv", &lim, &s), HC_ERR_BADREQ,
		     "open.csv line 1: a quoted field never ends");
	expect_error(sheet_read(big + 1, 1001, "long.csv", &lim, &s), HC_ERR_TOOLARGE,
		     "long.csv row 1 column A: cell longer than 1000 bytes");
	s = read_ok(big + 1, 1000, &lim);
	assert_int_equal(strlen(sheet_cell(s, 0, 0)), 1000);
	sheet_free(&s);

	/* The same caps in an xlsx, shared and inline. */
	big[1002] = '\0';
	tmp_path(path);
	wb = workbook_new(path);
	ws = workbook_add_worksheet(wb, NULL);
	worksheet_write_string(ws, 0, 0, "ok", NULL);
	worksheet_write_string(ws, 6, 2, big + 1, NULL);
	data = workbook_bytes(wb, path, &len);
	expect_error(sheet_read(data, len, "long.xlsx", NULL, &s), HC_ERR_TOOLARGE,
		     "long.xlsx row 7 column C: cell longer than 1000 bytes");
	free(data);

	data = xlsx_of("<worksheet><sheetData><row r=\"2\"><c r=\"E2\" t=\"inlineStr\"><is><t>e</t></is></c>"
		       "</row></sheetData></worksheet>", NULL, &len);
	lim.max_cols = 4;
	expect_error(sheet_read(data, len, "cols.xlsx", &lim, &s), HC_ERR_TOOLARGE,
		     "cols.xlsx row 2: more than 4 columns (column E has data)");
	lim.max_cols = 5;
	s = read_ok(data, len, &lim);
	assert_string_equal(sheet_cell(s, 1, 4), "e");
	sheet_free(&s);
	free(data);

	data = xlsx_of("<worksheet><sheetData><row r=\"1048576\"><c r=\"A1048576\"><v>9</v></c>"
		       "</row></sheetData></worksheet>", NULL, &len);
	expect_error(sheet_read(data, len, "rows.xlsx", NULL, &s), HC_ERR_TOOLARGE,
		     "rows.xlsx: more than 100000 rows (row 1048576 has data)");
	assert_null(s);
	free(data);
}

/* A compact zip that decompresses past the cap, with an honest directory,
 * is refused by the directory sum even when the cap is small. */
static void caps_uncompressed_small(void **state)
{
	struct sheet_limits lim = sheet_default_limits;
	char sheet[8192];
	SHEET *s;
	char *data;
	size_t len;

	(void)state;
	snprintf(sheet, sizeof sheet, "<worksheet><sheetData>%*s</sheetData></worksheet>", 8000, "");
	data = xlsx_of(sheet, NULL, &len);
	lim.max_uncompressed = 4096;
	expect_error(sheet_read(data, len, "x.xlsx", &lim, &s), HC_ERR_TOOLARGE,
		     "x.xlsx: its directory says it inflates to more than 4096 bytes");
	lim.max_uncompressed = 9000;
	s = read_ok(data, len, &lim);
	sheet_free(&s);
	free(data);
}

/* ---- dates ---------------------------------------------------------------- */

static void serial_to_day(void **state)
{
	(void)state;
	assert_int_equal(sheet_excel_serial_to_day(25569), 0);
	assert_int_equal(sheet_excel_serial_to_day(25569.999), 0);
	assert_int_equal(sheet_excel_serial_to_day(45658), day_parse("2025-01-01"));
	assert_int_equal(sheet_excel_serial_to_day(46349.5), day_parse("2026-11-23"));
	assert_int_equal(sheet_excel_serial_to_day(61), day_parse("1900-03-01"));
	assert_int_equal(sheet_excel_serial_to_day(36586), day_parse("2000-03-01"));
	assert_int_equal(sheet_excel_serial_to_day(2958465), day_from_ymd(9999, 12, 31));
	assert_int_equal(sheet_excel_serial_to_day(60), -1);   /* Excel's 1900-02-29 */
	assert_int_equal(sheet_excel_serial_to_day(1), -1);
	assert_int_equal(sheet_excel_serial_to_day(-5), -1);
	assert_int_equal(sheet_excel_serial_to_day(2958466), -1);
	assert_int_equal(sheet_excel_serial_to_day(NAN), -1);
	assert_int_equal(sheet_excel_serial_to_day(INFINITY), -1);
}

static void day_cells(void **state)
{
	SHEET *s;

	(void)state;
	s = read_ok_text("2026-11-23,46349,46349.75,2026/11/23,46349x,,abc,2026-02-30", NULL);
	assert_int_equal(sheet_day(s, 0, 0), day_parse("2026-11-23"));
	assert_int_equal(sheet_day(s, 0, 1), day_parse("2026-11-23"));
	assert_int_equal(sheet_day(s, 0, 2), day_parse("2026-11-23"));
	for (int c = 3; c < 9; c++)
		assert_int_equal(sheet_day(s, 0, c), -1);
	sheet_free(&s);
}

static int register_errors(void **state)
{
	(void)state;
	err_init();
	return HC_ERR_BADREQ == HC_ERR_TOOLARGE;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(xlsx_shared_strings),
		cmocka_unit_test(xlsx_inline_strings),
		cmocka_unit_test(xlsx_first_sheet_from_workbook),
		cmocka_unit_test(xlsx_fallback_to_sheet1),
		cmocka_unit_test(xlsx_bad_shared_string),
		cmocka_unit_test(xlsx_doctype_refused),
		cmocka_unit_test(xlsx_malformed),
		cmocka_unit_test(xlsx_truncated),
		cmocka_unit_test_setup_teardown(zip_bomb_refused, bomb_setup, NULL),
		cmocka_unit_test_setup_teardown(zip_bomb_lying_directory, NULL, bomb_teardown),
		cmocka_unit_test(csv_with_and_without_bom),
		cmocka_unit_test(csv_quotes_and_line_ends),
		cmocka_unit_test(csv_malformed),
		cmocka_unit_test(csv_invalid_utf8),
		cmocka_unit_test(other_files_refused),
		cmocka_unit_test(caps_rows_cols_cells),
		cmocka_unit_test(caps_uncompressed_small),
		cmocka_unit_test(serial_to_day),
		cmocka_unit_test(day_cells),
	};
	return cmocka_run_group_tests_name("sheet", tests, register_errors, NULL);
}
