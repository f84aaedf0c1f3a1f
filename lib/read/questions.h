/*
 * questions.h - the daily form's optional questions (domain/question.h) as
 * the pages show them: on the form, in the admin's list, and the answers
 * beside a report, a retired question's too. lang: "zh-CN" or "en", the
 * language of the texts given.
 */
#ifndef HC_READ_QUESTIONS_H
#define HC_READ_QUESTIONS_H

#include "core/err.h"

#include <ClearSilver.h>

/* <prefix>.<n>.{Id, Name ("q<id>"), Kind, Required, Label} and, for a
 * choice, .Opt.<m>.{Value (1..), Label}: the active questions in order;
 * *n (may be NULL) how many. One indexed statement. */
NEOERR *questions_form(HDF *out, const char *prefix, const char *lang, int *n);

/* <prefix>.<n>.{id, position, kind, required, label_zh, label_en,
 * options_zh, options_en, created_at, retired_at, answers}: every
 * question, the active ones first in order, then the retired, latest
 * first. */
NEOERR *questions_list(HDF *out, const char *prefix);

/* For each report under reports (<reports>.<n>.id, as person_reports()
 * lists them), <reports>.<n>.Answer.<m>.{Label, Kind, Answer, Text,
 * Retired}: its answers in the questions' order, a retired question's
 * too. One statement for the person's reports listed. */
NEOERR *questions_answers(HDF *out, const char *reports, const char *lang, int person_id);

/* <prefix>.<n>.{id, label, kind}: the questions asked on `day`
 * ("YYYY-MM-DD": added by its end, not retired before it began), in the
 * form's order, the label in `lang`. */
NEOERR *questions_of_day(HDF *out, const char *prefix, const char *day, const char *lang);

/* For each row under `rows` with a report (<row>.report, as the
 * dashboard's list gives it), <row>.Q.<question id>: its answer, a
 * choice's as its option's text in `lang`, a yes/no as 1 or 0 (the page
 * puts it in words); `reports` the rows' report ids as a JSON array
 * (idlist_from_rows()): one statement, none for "[]". */
NEOERR *questions_rows_answers(HDF *out, const char *rows, const char *reports,
			      const char *lang);

/* <prefix>.<m>.{Label, Kind, Answer, Text, Retired}: one report's. */
NEOERR *questions_report_answers(HDF *out, const char *prefix, const char *lang,
				 long long report_id);

#endif
