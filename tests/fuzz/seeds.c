/*
 * seeds.c - writes a seed corpus for fuzz_sheet into the folder named by
 * argv[1]: real .xlsx files from libxlsxwriter (shared strings, inline
 * strings, dates, a second sheet), CSVs, and "X" inputs (see fuzz_sheet.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

static void write_file(const char *dir, const char *name, const char *data, size_t len)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (f == NULL || fwrite(data, 1, len, f) != len || fclose(f) != 0) {
		perror(path);
		exit(1);
	}
}

static void xlsx(const char *dir, const char *name, int constant_memory)
{
	char path[4096];
	lxw_workbook_options opt = { .constant_memory = (uint8_t)constant_memory };
	lxw_datetime day = { 2026, 11, 23, 0, 0, 0 };
	lxw_workbook *wb;
	lxw_worksheet *ws, *other;
	lxw_format *date;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	wb = workbook_new_opt(path, &opt);
	if (wb == NULL)
		exit(1);
	ws = workbook_add_worksheet(wb, "名单");
	other = workbook_add_worksheet(wb, NULL);
	date = workbook_add_format(wb);
	format_set_num_format(date, "yyyy-mm-dd");
	worksheet_write_string(ws, 0, 0, "学号", NULL);
	worksheet_write_string(ws, 0, 1, "姓名", NULL);
	worksheet_write_string(ws, 0, 3, "日期", NULL);
	worksheet_write_number(ws, 1, 0, 2021001, NULL);
	worksheet_write_string(ws, 1, 1, "张三", NULL);
	worksheet_write_datetime(ws, 1, 3, &day, date);
	worksheet_write_boolean(ws, 3, 2, 1, NULL);
	worksheet_write_string(other, 0, 0, "other", NULL);
	if (workbook_close(wb) != LXW_NO_ERROR)
		exit(1);
}

int main(int argc, char **argv)
{
	static const char parts[] =
		"X<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c>"
		"<c r=\"C1\" t=\"inlineStr\"><is><r><t>a</t></r><rPh><t>b</t></rPh></is></c></row>"
		"<row><c t=\"b\"><v>1</v></c><c><v>46349</v></c></row></sheetData></worksheet>\0"
		"<sst><si><t>学号</t></si><si><r><t>x</t></r><r><t>y</t></r></si></sst>\0"
		"<workbook xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
		"<workbookPr date1904=\"1\"/><sheets><sheet r:id=\"rId1\"/></sheets></workbook>\0"
		"<Relationships><Relationship Id=\"rId1\" Type=\"x/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
		"<Relationship Id=\"rId2\" Type=\"x/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>";
	static const char csv[] = "学号,姓名,日期\r\n2021001,\"张, 三\",2026-11-23\r\n\r\n\"a\"\"b\",\"x\ny\",46349\n";
	static const char bom[] = "\xef\xbb\xbfid,name\n1,李四\n";

	if (argc != 2) {
		fprintf(stderr, "usage: %s corpus-dir\n", argv[0]);
		return 2;
	}
	xlsx(argv[1], "shared.xlsx", 0);
	xlsx(argv[1], "inline.xlsx", 1);
	write_file(argv[1], "parts.x", parts, sizeof parts - 1);
	write_file(argv[1], "roster.csv", csv, sizeof csv - 1);
	write_file(argv[1], "bom.csv", bom, sizeof bom - 1);
	return 0;
}
