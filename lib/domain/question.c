/* question.c - see question.h. */
#include "domain/question.h"
#include "core/db.h"
#include "core/idlist.h"
#include "core/days.h"
#include "core/utf8.h"
#include "domain/audit.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const kind_names[] = { "yesno", "choice", "number", "text" };

const char *question_kind_name(enum question_kind k)
{
	return (unsigned)k < 4 ? kind_names[k] : "text";
}

int question_kind_parse(const char *s)
{
	for (int i = 0; s && i < 4; i++)
		if (!strcmp(kind_names[i], s))
			return i;
	return -1;
}

/* A plain decimal number: an optional minus, digits, at most one point
 * with digits after it (no exponent, "nan" or hex, which strtod() takes). */
static bool plain_number(const char *s)
{
	int digits = 0, point = 0;

	if (*s == '-')
		s++;
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9')
			digits++;
		else if (*s == '.' && point++ == 0 && digits)
			continue;
		else
			return false;
	}
	return digits > 0 && s[-1] != '.';
}

const char *question_answer_error(const struct question *q, const char *v)
{
	if (v == NULL || *v == '\0')
		return q->required ? "form.err.required" : NULL;
	switch (q->kind) {
	case QK_YESNO:
		return strcmp(v, "1") && strcmp(v, "0") ? "form.err.choice" : NULL;
	case QK_CHOICE: {
		char *end;
		long n = strtol(v, &end, 10);
		return *end || v[0] < '1' || v[0] > '9' || n < 1 || n > q->noptions ?
			"form.err.choice" : NULL;
	}
	case QK_NUMBER:
		if (strlen(v) > QUESTION_NUMBER_MAX)
			return "form.err.toolong";
		return plain_number(v) ? NULL : "form.err.number";
	case QK_TEXT:
		if (utf8_bad_at(v, strlen(v), 0) >= 0)
			return "form.err.chars";
		return utf8_chars(v) > QUESTION_TEXT_MAX ? "form.err.toolong" : NULL;
	}
	return "form.err.choice";
}

int question_check(const struct question *q, int n, form_get_fn get, void *ctx,
		   struct question_bad bad[QUESTION_MAX])
{
	int nbad = 0;

	for (int i = 0; i < n && nbad < QUESTION_MAX; i++) {
		char field[16];
		const char *msg;

		snprintf(field, sizeof field, "q%d", q[i].id);
		msg = question_answer_error(&q[i], get(ctx, field));
		if (msg == NULL)
			continue;
		memcpy(bad[nbad].field, field, sizeof field);
		bad[nbad++].msg = msg;
	}
	return nbad;
}

int question_option_count(const char *s)
{
	int n = 0;
	bool text = false;

	for (; s && *s; s++) {
		if (*s == '\n') {
			n += text;
			text = false;
		} else if (*s != '\r' && *s != ' ' && *s != '\t') {
			text = true;
		}
	}
	return n + text;
}

/* Each non-blank line of s at most QUESTION_OPTION_MAX characters. */
static bool options_short(const char *s)
{
	while (s && *s) {
		size_t len = strcspn(s, "\n");
		char line[QUESTION_OPTION_MAX * 4 + 8];

		if (len >= sizeof line)
			return false;
		memcpy(line, s, len);
		line[len] = '\0';
		if (utf8_chars(line) > QUESTION_OPTION_MAX + 1)  /* a "\r" */
			return false;
		s += len + (s[len] == '\n');
	}
	return true;
}

const char *question_new_bad(const struct question_new *qn, const char **msg)
{
	const struct { const char *field, *v; } labels[] = {
		{ "label_zh", qn->label_zh }, { "label_en", qn->label_en } };

	for (int i = 0; i < 2; i++) {
		if (labels[i].v == NULL || labels[i].v[strspn(labels[i].v, " ")] == '\0') {
			*msg = "form.err.required";
			return labels[i].field;
		}
		if (utf8_chars(labels[i].v) > QUESTION_LABEL_MAX) {
			*msg = "form.err.toolong";
			return labels[i].field;
		}
	}
	if (qn->kind != QK_CHOICE)
		return NULL;
	int nz = question_option_count(qn->options_zh), ne = question_option_count(qn->options_en);
	if (nz < 2 || nz > QUESTION_OPTIONS_MAX || !options_short(qn->options_zh)) {
		*msg = "question.err.options";
		return "options_zh";
	}
	if (ne != nz || !options_short(qn->options_en)) {
		*msg = "question.err.options_same";
		return "options_en";
	}
	return NULL;
}

#define ACTIVE_SQL "SELECT id, kind, required, options_zh FROM report_questions " \
	"WHERE retired_at IS NULL ORDER BY position"

NEOERR *question_load_active(struct question q[QUESTION_MAX], int *n)
{
	DB_CURSOR *c = NULL;
	NEOERR *err = db_query(&c, ACTIVE_SQL, NULL);

	*n = 0;
	if (err)
		return nerr_pass(err);
	while (db_next(c) && *n < QUESTION_MAX) {
		struct question *x = &q[(*n)++];
		int k = question_kind_parse(db_str(c, 1));

		x->id = (int)db_int(c, 0);
		x->kind = k < 0 ? QK_TEXT : (enum question_kind)k;
		x->required = db_int(c, 2) != 0;
		x->noptions = x->kind == QK_CHOICE ? question_option_count(db_str(c, 3)) : 0;
	}
	db_cursor_free(&c);
	return STATUS_OK;
}

NEOERR *question_store_answers(long long report_id, const struct question *q, int n,
			       form_get_fn get, void *ctx, bool replace)
{
	NEOERR *err = STATUS_OK;

	if (replace)
		err = db_exec(NULL, NULL, "DELETE FROM report_answers WHERE report_id = ?", "i",
			      report_id);
	for (int i = 0; err == STATUS_OK && i < n; i++) {
		char field[16];
		const char *v;

		snprintf(field, sizeof field, "q%d", q[i].id);
		v = get(ctx, field);
		if (v == NULL || *v == '\0')
			continue;
		err = db_exec(NULL, NULL, "INSERT INTO report_answers (report_id, question_id, answer) "
			      "VALUES (?, ?, ?)", "iis", report_id, (long long)q[i].id, v);
	}
	return nerr_pass(err);
}

/* ---- changes ---------------------------------------------------------- */

/* The policies row locked (a check-in reading the questions waits), and
 * the active questions' ids in order as JSON ("[3,5]") into order. */
static NEOERR *lock_and_order(char *order, size_t size, int *n)
{
	DB_CURSOR *c = NULL;
	struct idlist l;
	NEOERR *err;

	err = db_exec(NULL, NULL, "INSERT IGNORE INTO policies (id) VALUES (1)", NULL);
	if (err == STATUS_OK)
		err = db_exec(NULL, NULL, "SELECT id FROM policies WHERE id = 1 FOR UPDATE", NULL);
	if (err == STATUS_OK)
		err = db_query(&c, "SELECT id FROM report_questions WHERE retired_at IS NULL "
			       "ORDER BY position FOR UPDATE", NULL);
	if (err)
		return nerr_pass(err);
	*n = 0;
	idlist_init(&l, order, size);
	while (db_next(c)) {
		idlist_add(&l, db_int(c, 0));
		(*n)++;
	}
	db_cursor_free(&c);
	return STATUS_OK;
}

static NEOERR *count_active(void)
{
	return nerr_pass(db_exec(NULL, NULL, "UPDATE policies SET questions_n = "
		"(SELECT COUNT(*) FROM report_questions WHERE retired_at IS NULL) WHERE id = 1", NULL));
}

/* The non-blank lines of s, each trimmed, joined by "\n", into out
 * (malloc'd; the caller frees). Stored so: option n is the n-th line. */
static char *clean_options(const char *s)
{
	char *out = malloc(strlen(s ? s : "") + 1);
	size_t n = 0;

	if (out == NULL)
		return NULL;
	while (s && *s) {
		size_t len = strcspn(s, "\n"), b = 0, e = len;
		while (b < e && strchr(" \t\r", s[b]))
			b++;
		while (e > b && strchr(" \t\r", s[e - 1]))
			e--;
		if (e > b) {
			if (n)
				out[n++] = '\n';
			memcpy(out + n, s + b, e - b);
			n += e - b;
		}
		s += len + (s[len] == '\n');
	}
	out[n] = '\0';
	return out;
}

struct add_ctx {
	const struct actor *a;
	const struct question_new *qn;
	int *id;
};

static NEOERR *add_in_txn(void *arg)
{
	struct add_ctx *x = arg;
	const struct question_new *qn = x->qn;
	char now[20], order[256], *oz, *oe;
	long long id = 0;
	int n;
	NEOERR *err;

	clock_now(now);
	err = lock_and_order(order, sizeof order, &n);
	if (err)
		return nerr_pass(err);
	if (n >= QUESTION_MAX)
		return nerr_raise(HC_ERR_CONFLICT, "%d questions active already", n);
	oz = clean_options(qn->kind == QK_CHOICE ? qn->options_zh : "");
	oe = clean_options(qn->kind == QK_CHOICE ? qn->options_en : "");
	if (oz == NULL || oe == NULL) {
		free(oz);
		free(oe);
		return nerr_raise(NERR_NOMEM, "options");
	}
	err = db_exec(NULL, &id, "INSERT INTO report_questions (position, kind, required, "
		" label_zh, label_en, options_zh, options_en, created_at, created_by) "
		"SELECT COALESCE(MAX(position), 0) + 1, ?, ?, ?, ?, NULLIF(?, ''), NULLIF(?, ''), ?, ? "
		"FROM report_questions",
		"sisssssi", question_kind_name(qn->kind), (long long)qn->required, qn->label_zh,
		qn->label_en, oz, oe, now, (long long)x->a->person_id);
	free(oz);
	free(oe);
	if (err == STATUS_OK)
		err = count_active();
	if (err == STATUS_OK) {
		/* The new values, as stored (the old: none). */
		DB_CURSOR *c = NULL;
		err = db_query(&c, "SELECT JSON_OBJECT('old', NULL, 'new', JSON_OBJECT('kind', kind, "
			" 'required', required, 'label_zh', label_zh, 'label_en', label_en, "
			" 'options_zh', options_zh, 'options_en', options_en, 'position', position)) "
			"FROM report_questions WHERE id = ?", "i", id);
		if (err == STATUS_OK && db_next(c))
			err = audit_write(x->a, now, "question.add", 0, "report_question", id,
					  db_str(c, 0));
		db_cursor_free(&c);
	}
	*x->id = (int)id;
	return nerr_pass(err);
}

NEOERR *question_add(const struct actor *a, const struct question_new *qn, int *id)
{
	struct add_ctx x = { a, qn, id };
	const char *msg;

	if (question_new_bad(qn, &msg))
		return nerr_raise(HC_ERR_BADREQ, "question field %s", question_new_bad(qn, &msg));
	return nerr_pass(db_txn(add_in_txn, &x));
}

struct change_ctx {
	const struct actor *a;
	int id;
	bool up;
};

static NEOERR *retire_in_txn(void *arg)
{
	struct change_ctx *x = arg;
	char now[20], order[256];
	DB_CURSOR *c = NULL;
	unsigned long long n = 0;
	char *detail = NULL;
	int nactive;
	NEOERR *err;

	clock_now(now);
	err = lock_and_order(order, sizeof order, &nactive);
	if (err == STATUS_OK)
		err = db_query(&c, "SELECT JSON_OBJECT('old', JSON_OBJECT('kind', kind, "
			" 'required', required, 'label_zh', label_zh, 'label_en', label_en, "
			" 'position', position, 'retired_at', NULL), 'new', JSON_OBJECT('retired_at', ?)) "
			"FROM report_questions WHERE id = ? AND retired_at IS NULL", "si", now,
			(long long)x->id);
	if (err)
		return nerr_pass(err);
	if (db_next(c) && db_str(c, 0))
		detail = strdup(db_str(c, 0));
	db_cursor_free(&c);
	if (detail == NULL)
		return nerr_raise(HC_ERR_NOTFOUND, "no active question %d", x->id);
	err = db_exec(&n, NULL, "UPDATE report_questions SET retired_at = ?, retired_by = ? "
		      "WHERE id = ? AND retired_at IS NULL", "sii", now,
		      (long long)x->a->person_id, (long long)x->id);
	if (err == STATUS_OK)
		err = count_active();
	if (err == STATUS_OK)
		err = audit_write(x->a, now, "question.retire", 0, "report_question", x->id, detail);
	free(detail);
	return nerr_pass(err);
}

NEOERR *question_retire(const struct actor *a, int id)
{
	struct change_ctx x = { a, id, false };
	return nerr_pass(db_txn(retire_in_txn, &x));
}

static NEOERR *move_in_txn(void *arg)
{
	struct change_ctx *x = arg;
	char now[20], before[256], after[256], detail[600];
	DB_CURSOR *c = NULL;
	long long self_pos = 0, other = 0, other_pos = 0;
	bool found = false;
	int n;
	NEOERR *err;

	clock_now(now);
	err = lock_and_order(before, sizeof before, &n);
	if (err == STATUS_OK)
		err = db_scalar(&self_pos, &found, "SELECT position FROM report_questions "
				"WHERE id = ? AND retired_at IS NULL", "i", (long long)x->id);
	if (err)
		return nerr_pass(err);
	if (!found)
		return nerr_raise(HC_ERR_NOTFOUND, "no active question %d", x->id);
	err = db_query(&c, x->up ?
		"SELECT id, position FROM report_questions WHERE retired_at IS NULL AND position < ? "
		"ORDER BY position DESC LIMIT 1" :
		"SELECT id, position FROM report_questions WHERE retired_at IS NULL AND position > ? "
		"ORDER BY position LIMIT 1", "i", self_pos);
	if (err)
		return nerr_pass(err);
	DB_FIRST(&c, 0, other, other_pos);
	if (other == 0)
		return STATUS_OK;      /* first or last already */
	/* Through a free position: the active ones' positions are unique. */
	err = db_exec(NULL, NULL, "UPDATE report_questions SET position = -1 WHERE id = ?", "i",
		      (long long)x->id);
	if (err == STATUS_OK)
		err = db_exec(NULL, NULL, "UPDATE report_questions SET position = ? WHERE id = ?",
			      "ii", self_pos, other);
	if (err == STATUS_OK)
		err = db_exec(NULL, NULL, "UPDATE report_questions SET position = ? WHERE id = ?",
			      "ii", other_pos, (long long)x->id);
	if (err == STATUS_OK)
		err = lock_and_order(after, sizeof after, &n);
	if (err)
		return nerr_pass(err);
	snprintf(detail, sizeof detail, "{\"old\":{\"order\":%s},\"new\":{\"order\":%s}}",
		 before, after);
	return nerr_pass(audit_write(x->a, now, "question.move", 0, "report_question", x->id,
				     detail));
}

NEOERR *question_move(const struct actor *a, int id, bool up)
{
	struct change_ctx x = { a, id, up };
	return nerr_pass(db_txn(move_in_txn, &x));
}
