/* tablexport.c - see tablexport.h. */
#include "read/tablexport.h"
#include "core/conf.h"
#include "core/csv.h"
#include "core/xlsxfile.h"
#include "core/days.h"
#include "core/lang.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

enum cell_kind { CELL_TEXT, CELL_DATE, CELL_DATETIME };

static const struct column {
	const char *name;          /* lang key table.col.<name> */
	enum cell_kind kind;
	double width;
} columns[] = {
	{ "number", CELL_TEXT, 14 }, { "name", CELL_TEXT, 10 }, { "college", CELL_TEXT, 20 },
	{ "identity", CELL_TEXT, 8 }, { "id_card", CELL_TEXT, 20 }, { "counselor", CELL_TEXT, 10 },
	{ "quiz", CELL_TEXT, 8 }, { "app", CELL_TEXT, 12 }, { "card", CELL_TEXT, 16 },
	{ "allowed_from", CELL_DATE, 12 }, { "allowed_until", CELL_DATE, 12 },
	{ "submitted_at", CELL_DATETIME, 17 }, { "city14", CELL_TEXT, 8 },
	{ "boarding", CELL_TEXT, 8 }, { "pickup", CELL_TEXT, 8 }, { "tested", CELL_TEXT, 8 },
	{ "travelled", CELL_TEXT, 8 }, { "arrived_at", CELL_DATETIME, 17 },
	{ "gate", CELL_TEXT, 10 }, { "moved", CELL_TEXT, 8 },
};
#define NCOLUMNS ((int)(sizeof columns / sizeof columns[0]))

/* One cell as text (dates as YYYY-MM-DD, times as YYYY-MM-DD HH:MM). */
static const char *cell(const char *lang, const struct table_row *row, int c, bool full_id,
			char *buf, size_t n)
{
	char key[96];
	const char *yes = lang_text(lang, "table.yes"), *no = lang_text(lang, "table.no");

	switch (c) {
	case 0: return row->number;
	case 1: return row->name;
	case 2: return row->college;
	case 3:
		snprintf(key, sizeof key, "identity.%s", row->identity == TI_GRAD ? "grad" :
			 row->identity == TI_STAFF ? "staff" : "undergrad");
		return lang_text(lang, key);
	case 4:
		if (full_id)
			return row->id_card;
		table_mask_id(row->id_card, buf);
		return buf;
	case 5: return row->counselor;
	case 6: return row->quiz_done ? lang_text(lang, "table.quiz.done") : lang_text(lang, "table.quiz.todo");
	case 7:
		snprintf(key, sizeof key, "table.app.%s", table_stage_name(row->app));
		return lang_text(lang, key);
	case 8:
		snprintf(key, sizeof key, "card.state.%s", card_state_name(row->card));
		return lang_text(lang, key);
	case 9:
	case 10: {
		int d = c == 9 ? row->allowed_from : row->allowed_until;
		if (d <= 0 || n < 11)
			return "";
		day_format(d, buf);
		return buf;
	}
	case 11: return row->submitted_at;
	case 12: return row->city14 ? yes : no;
	case 13: return row->boarding ? yes : no;
	case 14: return row->needs_pickup ? yes : no;
	case 15: return row->tested_locally ? yes : no;
	case 16: return row->travelled ? yes : no;
	case 17: return row->arrived_at;
	case 18: return row->gate;
	case 19: return row->moved_in ? yes : no;
	}
	return "";
}

NEOERR *tablexport_csv(const char *lang, const struct table_set *set, const int *idx, int n,
			 bool full_id, STRING *out)
{
	char key[96], buf[64];

	string_append(out, "\xEF\xBB\xBF");
	for (int c = 0; c < NCOLUMNS; c++) {
		snprintf(key, sizeof key, "table.col.%s", columns[c].name);
		csv_cell(out, lang_text(lang, key), c + 1 == NCOLUMNS);
	}
	for (int i = 0; i < n; i++)
		for (int c = 0; c < NCOLUMNS; c++)
			csv_cell(out, cell(lang, &set->rows[idx[i]], c, full_id, buf, sizeof buf),
				       c + 1 == NCOLUMNS);
	return STATUS_OK;
}

static bool to_datetime(const char *s, lxw_datetime *dt)
{
	int y, mo, d, h = 0, mi = 0;

	if (!s || sscanf(s, "%4d-%2d-%2d %2d:%2d", &y, &mo, &d, &h, &mi) < 3)
		return false;
	*dt = (lxw_datetime){ y, mo, d, h, mi, 0 };
	return true;
}

/* The whole set through libxlsxwriter's constant-memory mode: each row is
 * flushed to the temporary file once the next begins. */
NEOERR *tablexport_xlsx(const char *lang, const struct table_set *set, const int *idx, int n,
			  bool full_id, char **data, size_t *len)
{
	const char *tmpdir = conf_str("Paths.UploadTmp", "/tmp");
	lxw_workbook_options opts = { .constant_memory = LXW_TRUE, .tmpdir = (char *)tmpdir };
	static unsigned serial;   /* one process: its exports one after another */
	char path[1024], key[96], buf[64], safe[200];
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *bold, *date, *datetime;

	snprintf(path, sizeof path, "%s/table-%d-%u.xlsx", tmpdir, (int)getpid(), ++serial);
	wb = workbook_new_opt(path, &opts);
	if (wb == NULL)
		return nerr_raise(NERR_IO, "cannot create %s", path);
	ws = workbook_add_worksheet(wb, "返校信息大表");
	bold = workbook_add_format(wb);
	format_set_bold(bold);
	date = workbook_add_format(wb);
	format_set_num_format(date, "yyyy-mm-dd");
	datetime = workbook_add_format(wb);
	format_set_num_format(datetime, "yyyy-mm-dd hh:mm");
	for (int c = 0; c < NCOLUMNS; c++) {
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, columns[c].width, NULL);
		snprintf(key, sizeof key, "table.col.%s", columns[c].name);
		worksheet_write_string(ws, 0, (lxw_col_t)c, lang_text(lang, key), bold);
	}
	for (int i = 0; i < n; i++) {
		const struct table_row *row = &set->rows[idx[i]];
		for (int c = 0; c < NCOLUMNS; c++) {
			const char *v = cell(lang, row, c, full_id, buf, sizeof buf);
			lxw_datetime dt;

			if (!v || !*v)
				continue;
			if (columns[c].kind != CELL_TEXT && to_datetime(v, &dt))
				worksheet_write_datetime(ws, (lxw_row_t)(i + 1), (lxw_col_t)c, &dt,
							 columns[c].kind == CELL_DATE ? date : datetime);
			else
				worksheet_write_string(ws, (lxw_row_t)(i + 1), (lxw_col_t)c,
						       csv_neutralise(v, safe, sizeof safe), NULL);
		}
	}
	return nerr_pass(xlsx_close_read(wb, path, data, len));
}
