/* questions.c - see questions.h. */
#include "read/questions.h"
#include "core/db.h"
#include "core/idlist.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool english(const char *lang)
{
	return lang && !strncmp(lang, "en", 2);
}

/* The n-th line (1..) of s, without its "\r", into out. */
static void nth_line(const char *s, int n, char *out, size_t size)
{
	int line = 1;

	out[0] = '\0';
	while (s && *s && line < n) {
		if (*s++ == '\n')
			line++;
	}
	if (s == NULL || line != n)
		return;
	size_t len = strcspn(s, "\n");
	if (len && s[len - 1] == '\r')
		len--;
	snprintf(out, size, "%.*s", (int)len, s);
}

/* The lines of s that are not blank, as <key>.<m>.{Value, Label}. */
static void options(HDF *out, const char *key, const char *s)
{
	char k[160], label[256];
	int m = 0;

	while (s && *s) {
		size_t len = strcspn(s, "\n");
		nth_line(s, 1, label, sizeof label);
		if (label[strspn(label, " \t")] != '\0') {
			snprintf(k, sizeof k, "%s.%d.Value", key, m);
			hdf_set_int_value(out, k, m + 1);
			snprintf(k, sizeof k, "%s.%d.Label", key, m);
			hdf_set_value(out, k, label);
			m++;
		}
		s += len + (s[len] == '\n');
	}
}

NEOERR *questions_form(HDF *out, const char *prefix, const char *lang, int *n)
{
	bool en = english(lang);
	DB_CURSOR *c = NULL;
	char key[160];
	int i = 0;
	NEOERR *err = db_query(&c, "SELECT id, kind, required, label_zh, label_en, options_zh, "
			       " options_en FROM report_questions WHERE retired_at IS NULL "
			       "ORDER BY position", NULL);

	if (err)
		return nerr_pass(err);
	for (; db_next(c); i++) {
		snprintf(key, sizeof key, "%s.%d.Id", prefix, i);
		hdf_set_value(out, key, db_str(c, 0));
		snprintf(key, sizeof key, "%s.%d.Name", prefix, i);
		hdf_set_valuef(out, "%s=q%s", key, db_str(c, 0));
		snprintf(key, sizeof key, "%s.%d.Kind", prefix, i);
		hdf_set_value(out, key, db_str(c, 1));
		snprintf(key, sizeof key, "%s.%d.Required", prefix, i);
		hdf_set_value(out, key, db_str(c, 2));
		snprintf(key, sizeof key, "%s.%d.Label", prefix, i);
		hdf_set_value(out, key, db_str(c, en ? 4 : 3));
		if (!strcmp(db_str(c, 1), "choice")) {
			snprintf(key, sizeof key, "%s.%d.Opt", prefix, i);
			options(out, key, db_str(c, en ? 6 : 5));
		}
	}
	db_cursor_free(&c);
	if (n)
		*n = i;
	return STATUS_OK;
}

NEOERR *questions_list(HDF *out, const char *prefix)
{
	return nerr_pass(db_rows(out, prefix, NULL,
		"SELECT q.id, q.position, q.kind, q.required, q.label_zh, q.label_en, "
		" q.options_zh, q.options_en, DATE_FORMAT(q.created_at, '%Y-%m-%d %H:%i') AS created_at, "
		" DATE_FORMAT(q.retired_at, '%Y-%m-%d %H:%i') AS retired_at, "
		" (SELECT COUNT(*) FROM report_answers a WHERE a.question_id = q.id) AS answers "
		"FROM report_questions q "
		"ORDER BY q.retired_at IS NOT NULL, IF(q.retired_at IS NULL, q.position, 0), "
		" q.retired_at DESC, q.id DESC LIMIT 200", NULL));
}

#define ANSWER_COLUMNS "a.report_id, IF(? = 'en', q.label_en, q.label_zh), q.kind, a.answer, " \
	" IF(? = 'en', q.options_en, q.options_zh), q.retired_at IS NOT NULL "

/* One answer's row into <key>.{Label, Kind, Answer, Text, Retired}. */
static void answer_row(HDF *out, const char *key, DB_CURSOR *c)
{
	char k[200], text[256];
	const char *kind = db_str(c, 2), *answer = db_str(c, 3);

	snprintf(k, sizeof k, "%s.Label", key);
	hdf_set_value(out, k, db_str(c, 1));
	snprintf(k, sizeof k, "%s.Kind", key);
	hdf_set_value(out, k, kind);
	snprintf(k, sizeof k, "%s.Answer", key);
	hdf_set_value(out, k, answer);
	snprintf(text, sizeof text, "%s", answer);
	if (!strcmp(kind, "choice"))
		nth_line(db_str(c, 4), atoi(answer), text, sizeof text);
	snprintf(k, sizeof k, "%s.Text", key);
	hdf_set_value(out, k, text);
	snprintf(k, sizeof k, "%s.Retired", key);
	hdf_set_int_value(out, k, (int)db_int(c, 5));
}

NEOERR *questions_answers(HDF *out, const char *reports, const char *lang, int person_id)
{
	const char *l = english(lang) ? "en" : "zh-CN";
	HDF *list = hdf_get_obj(out, reports);
	DB_CURSOR *c = NULL;
	NEOERR *err;

	if (list == NULL || hdf_obj_child(list) == NULL)
		return STATUS_OK;
	/* The person's answers, of the reports listed (the latest 200). */
	err = db_query(&c, "SELECT " ANSWER_COLUMNS
		"FROM report_answers a JOIN report_questions q ON q.id = a.question_id "
		"JOIN daily_reports d ON d.id = a.report_id "
		"WHERE d.person_id = ? ORDER BY a.report_id, q.position, q.id",
		"ssi", l, l, (long long)person_id);
	if (err)
		return nerr_pass(err);
	HDF *rep = NULL;
	long long rep_id = 0;
	int m = 0;
	while (db_next(c)) {
		long long id = db_int(c, 0);
		char key[64];

		if (id != rep_id) {
			rep_id = id;
			m = 0;
			rep = idlist_row(list, "id", id);
		}
		if (rep == NULL)
			continue;
		snprintf(key, sizeof key, "Answer.%d", m++);
		answer_row(rep, key, c);
	}
	db_cursor_free(&c);
	return STATUS_OK;
}

NEOERR *questions_report_answers(HDF *out, const char *prefix, const char *lang,
				 long long report_id)
{
	const char *l = english(lang) ? "en" : "zh-CN";
	DB_CURSOR *c = NULL;
	char key[160];
	int m = 0;
	NEOERR *err = db_query(&c, "SELECT " ANSWER_COLUMNS
		"FROM report_answers a JOIN report_questions q ON q.id = a.question_id "
		"WHERE a.report_id = ? ORDER BY q.position, q.id", "ssi", l, l, report_id);

	if (err)
		return nerr_pass(err);
	while (db_next(c)) {
		snprintf(key, sizeof key, "%s.%d", prefix, m++);
		answer_row(out, key, c);
	}
	db_cursor_free(&c);
	return STATUS_OK;
}

NEOERR *questions_of_day(HDF *out, const char *prefix, const char *day, const char *lang)
{
	return nerr_pass(db_rows(out, prefix, NULL,
		"SELECT id, IF(? = 'en', label_en, label_zh) AS label, kind FROM report_questions "
		"WHERE created_at < CAST(? AS DATE) + INTERVAL 1 DAY "
		" AND (retired_at IS NULL OR retired_at >= CAST(? AS DATE)) "
		"ORDER BY position, id LIMIT 200", "sss", english(lang) ? "en" : "zh-CN", day, day));
}

NEOERR *questions_rows_answers(HDF *out, const char *rows, const char *reports,
			      const char *lang)
{
	const char *l = english(lang) ? "en" : "zh-CN";
	HDF *list = hdf_get_obj(out, rows);
	DB_CURSOR *c = NULL;
	NEOERR *err = STATUS_OK;

	if (reports && reports[0] && strcmp(reports, "[]"))
		err = db_query(&c, "SELECT a.report_id, a.question_id, q.kind, a.answer, "
			" IF(? = 'en', q.options_en, q.options_zh) FROM report_answers a "
			"JOIN JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT PATH '$')) j ON j.id = a.report_id "
			"JOIN report_questions q ON q.id = a.question_id", "ss", l, reports);
	while (err == STATUS_OK && c && db_next(c)) {
		long long report = db_int(c, 0);
		char key[40], text[256];
		HDF *h = idlist_row(list, "report", report);

		if (h == NULL)
			continue;
		snprintf(text, sizeof text, "%s", db_str(c, 3) ? db_str(c, 3) : "");
		if (!strcmp(db_str(c, 2), "choice"))
			nth_line(db_str(c, 4), atoi(text), text, sizeof text);
		snprintf(key, sizeof key, "Q.%lld", db_int(c, 1));
		err = hdf_set_value(h, key, text);
	}
	db_cursor_free(&c);
	return nerr_pass(err);
}
