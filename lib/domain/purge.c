/* purge.c - see purge.h. */
#include "domain/purge.h"
#include "core/db.h"
#include "core/idlist.h"
#include "core/days.h"
#include "domain/audit.h"
#include "domain/facts.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *const purge_kinds[PK_COUNT + 1] = { "reports", "location", "uploads",
	"arrivals", "messages", "audit", NULL };

NEOERR *retention_load(struct retention *r)
{
	DB_CURSOR *c = NULL;
	NEOERR *err;

	for (int k = 0; k < PK_COUNT; k++)
		r->days[k] = -1;
	err = db_query(&c, "SELECT kind, days FROM retention", NULL);
	if (err)
		return nerr_pass(err);
	while (db_next(c))
		for (int k = 0; k < PK_COUNT; k++)
			if (!strcmp(db_str(c, 0), purge_kinds[k]) && db_str(c, 1))
				r->days[k] = (int)db_int(c, 1);
	db_cursor_free(&c);
	return STATUS_OK;
}

struct save_ctx {
	const struct actor *a;
	const struct retention *r;
};

static void days_text(const struct retention *r, char *out, size_t n)
{
	size_t len = 0;

	for (int k = 0; k < PK_COUNT && len < n; k++)
		len += (size_t)snprintf(out + len, n - len, "%s\"%s\":%d", k ? "," : "{",
					purge_kinds[k], r->days[k]);
	if (len < n)
		snprintf(out + len, n - len, "}");
}

static NEOERR *save_in_txn(void *arg)
{
	struct save_ctx *x = arg;
	struct retention old;
	char now[20], a[200], b[200], detail[420];
	NEOERR *err;

	clock_now(now);
	err = db_exec(NULL, NULL, "SELECT kind FROM retention FOR UPDATE", NULL);
	if (err == STATUS_OK)
		err = retention_load(&old);
	for (int k = 0; err == STATUS_OK && k < PK_COUNT; k++)
		err = db_exec(NULL, NULL,
			"INSERT INTO retention (kind, days, changed_at, changed_by) "
			"VALUES (?, NULLIF(?, -1), ?, ?) ON DUPLICATE KEY UPDATE days = VALUES(days), "
			" changed_at = VALUES(changed_at), changed_by = VALUES(changed_by)",
			"sisi", purge_kinds[k], (long long)x->r->days[k], now,
			(long long)x->a->person_id);
	if (err)
		return nerr_pass(err);
	days_text(&old, a, sizeof a);
	days_text(x->r, b, sizeof b);
	snprintf(detail, sizeof detail, "{\"old\":%s,\"new\":%s}", a, b);
	return nerr_pass(audit_write(x->a, now, "retention.change", 0, "retention", 0, detail));
}

NEOERR *retention_save(const struct actor *a, const struct retention *r)
{
	struct save_ctx x = { a, r };

	for (int k = 0; k < PK_COUNT; k++)
		if (r->days[k] < -1 || r->days[k] > 36500)
			return nerr_raise(HC_ERR_BADREQ, "retention %s: %d", purge_kinds[k], r->days[k]);
	return nerr_pass(db_txn(save_in_txn, &x));
}

/* ---- the purge ------------------------------------------------------------ */

struct term {
	int id;
	char name[65], from[11], to[11];
	int end;
};

/* The count of what a kind takes in a term: the same predicates as the
 * batches below. Binds: the term's first and last day (uploads, arrivals:
 * the term's id). */
static const char *const count_sql[PK_COUNT] = {
	[PK_REPORTS] = "SELECT COUNT(*) FROM daily_reports WHERE day BETWEEN ? AND ?",
	[PK_LOCATION] = "SELECT COUNT(*) FROM daily_reports WHERE day BETWEEN ? AND ? AND city <> ''",
	[PK_UPLOADS] = "SELECT COUNT(*) FROM uploads u JOIN return_applications ra "
		"ON ra.id = u.application_id WHERE ra.term_id = ?",
	[PK_ARRIVALS] = "SELECT COUNT(*) FROM arrivals WHERE term_id = ?",
	[PK_MESSAGES] = "SELECT COUNT(*) FROM messages WHERE created_at >= ? "
		"AND created_at < ? + INTERVAL 1 DAY",
	[PK_AUDIT] = "SELECT COUNT(*) FROM audit_log WHERE at >= ? AND at < ? + INTERVAL 1 DAY",
};

/* The files the term's uploads alone name: removed with them. */
#define UPLOAD_FILES_SQL "SELECT COUNT(DISTINCT u.stored_name) FROM uploads u " \
	"JOIN return_applications ra ON ra.id = u.application_id WHERE ra.term_id = ? " \
	"AND NOT EXISTS (SELECT 1 FROM uploads o JOIN return_applications oa " \
	" ON oa.id = o.application_id WHERE o.stored_name = u.stored_name AND oa.term_id <> ?)"

static NEOERR *count_kind(enum purge_kind k, const struct term *t, long long *rows,
			  long long *files)
{
	bool found;
	NEOERR *err;

	*files = 0;
	if (k == PK_UPLOADS || k == PK_ARRIVALS)
		err = db_scalar(rows, &found, count_sql[k], "i", (long long)t->id);
	else
		err = db_scalar(rows, &found, count_sql[k], "ss", t->from, t->to);
	if (err == STATUS_OK && k == PK_UPLOADS)
		err = db_scalar(files, &found, UPLOAD_FILES_SQL, "ii", (long long)t->id,
				(long long)t->id);
	return nerr_pass(err);
}

/* A batch of people's ids, a JSON array, and who they are. */
struct batch {
	const struct term *t;
	char ids[PURGE_BATCH * 12 + 8];
	int people[PURGE_BATCH];
	int npeople;
	long long done;
	/* uploads: the ids deleted and the files they named */
	char rows[PURGE_BATCH * 21 + 8];
	char names[PURGE_BATCH][65];
	int nnames;
};

/* Adds a person to the batch once; false when they are in it already. */
static bool add_person(struct batch *b, int id)
{
	for (int i = 0; i < b->npeople; i++)
		if (b->people[i] == id)
			return false;
	b->people[b->npeople++] = id;
	return true;
}

static void ids_json(struct batch *b, DB_CURSOR *c, int col)
{
	struct idlist l;

	b->npeople = 0;
	idlist_init(&l, b->ids, sizeof b->ids);
	while (db_next(c) && b->npeople < PURGE_BATCH) {
		int id = (int)db_int(c, col);

		if (add_person(b, id))
			idlist_add(&l, id);
	}
}

/* The batch's people from the query `err` opened as *c (its first column),
 * the cursor freed. */
static NEOERR *take_people(struct batch *b, NEOERR *err, DB_CURSOR **c)
{
	b->done = 0;
	b->npeople = 0;
	if (err)
		return nerr_pass(err);
	ids_json(b, *c, 0);
	db_cursor_free(c);
	return STATUS_OK;
}

/* The end of an uploads or arrivals batch: err from its deletes, n the
 * rows they took; then the card facts of its people in the term, computed
 * again without them (fix: facts_application, facts_arrival). */
static NEOERR *batch_done(struct batch *b, NEOERR *err, unsigned long long n,
			  NEOERR *(*fix)(int person, int term))
{
	b->done = (long long)n;
	for (int i = 0; err == STATUS_OK && i < b->npeople; i++)
		err = fix(b->people[i], b->t->id);
	return nerr_pass(err);
}

#define IN_BATCH "(SELECT j.id FROM JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT PATH '$')) j)"

/* Kinds purged person by person (reports, location, messages): the next
 * PURGE_PEOPLE people who have rows of the term are read through the
 * person's index, after the last one done and without locking anything;
 * then one short transaction runs the kind's statements for each of them,
 * every statement an equality on the person and a range on the day (or
 * the time), so it locks the term's rows of these people and nothing of
 * anyone else: a check-in of today never waits on a purge batch. (A range
 * over the term's days for everyone, as this was, read and locked the
 * whole term at once: on 30,000 x 120 reports the first batch's read ran
 * past the client's timeout.) The last statement's rows are the kind's
 * count, equal to its dry-run COUNT. Binds of all: person, from, to. */
#define PURGE_PEOPLE 20
#define LIMIT_PEOPLE " LIMIT 20"   /* PURGE_PEOPLE */

struct person_kind {
	const char *next;          /* binds: after person, from, to */
	const char *stmt[3];       /* the last one is counted */
	bool repair;               /* the card facts depend on these rows */
};

static const struct person_kind person_kinds[PK_COUNT] = {
	[PK_REPORTS] = {
		"SELECT DISTINCT person_id FROM daily_reports FORCE INDEX (uq_report_day) "
		"WHERE person_id > ? AND day BETWEEN ? AND ? ORDER BY person_id" LIMIT_PEOPLE,
		{ "DELETE q FROM queue_items q JOIN daily_reports d ON q.kind = 'anomaly' "
		  "AND q.ref_id = d.id WHERE d.person_id = ? AND d.day BETWEEN ? AND ?",
		  "DELETE FROM daily_report_history WHERE person_id = ? AND day BETWEEN ? AND ?",
		  "DELETE FROM daily_reports WHERE person_id = ? AND day BETWEEN ? AND ?" },
		true },
	[PK_LOCATION] = {
		"SELECT DISTINCT person_id FROM daily_reports FORCE INDEX (uq_report_day) "
		"WHERE person_id > ? AND day BETWEEN ? AND ? AND city <> '' "
		"ORDER BY person_id" LIMIT_PEOPLE,
		{ "UPDATE daily_reports SET city = '' WHERE person_id = ? AND day BETWEEN ? AND ? "
		  "AND city <> ''" },
		false },
	[PK_MESSAGES] = {
		"SELECT DISTINCT person_id FROM messages FORCE INDEX (ix_msg_person) "
		"WHERE person_id > ? AND created_at >= ? AND created_at < ? + INTERVAL 1 DAY "
		"ORDER BY person_id" LIMIT_PEOPLE,
		{ "DELETE FROM messages WHERE person_id = ? AND created_at >= ? "
		  "AND created_at < ? + INTERVAL 1 DAY" },
		false },
};

/* The next people of kind k after b->people's last; b->npeople 0 at the end. */
static NEOERR *next_people(struct batch *b, const struct person_kind *pk, int after)
{
	DB_CURSOR *c = NULL;
	NEOERR *err = db_query(&c, pk->next, "iss", (long long)after, b->t->from, b->t->to);

	b->npeople = 0;
	if (err)
		return nerr_pass(err);
	while (db_next(c) && b->npeople < PURGE_PEOPLE)
		b->people[b->npeople++] = (int)db_int(c, 0);
	db_cursor_free(&c);
	return STATUS_OK;
}

struct person_batch {
	struct batch *b;
	const struct person_kind *pk;
};

static NEOERR *person_batch_txn(void *arg)
{
	struct person_batch *pb = arg;
	struct batch *b = pb->b;
	NEOERR *err = STATUS_OK;

	b->done = 0;
	for (int i = 0; err == STATUS_OK && i < b->npeople; i++) {
		for (int s = 0; err == STATUS_OK && s < 3 && pb->pk->stmt[s]; s++) {
			unsigned long long n = 0;
			bool last = s == 2 || !pb->pk->stmt[s + 1];

			err = db_exec(&n, NULL, pb->pk->stmt[s], "iss", (long long)b->people[i],
				      b->t->from, b->t->to);
			if (last)
				b->done += (long long)n;
		}
		if (err == STATUS_OK && pb->pk->repair)
			err = facts_reports(b->people[i]);
	}
	return nerr_pass(err);
}

/* Kind k of the term, PURGE_PEOPLE people a transaction, until none is left. */
static NEOERR *purge_by_person(enum purge_kind k, struct batch *b, long long *rows)
{
	struct person_batch pb = { b, &person_kinds[k] };
	int after = 0;
	NEOERR *err;

	for (;;) {
		err = next_people(b, pb.pk, after);
		if (err || b->npeople == 0)
			return nerr_pass(err);
		err = db_txn(person_batch_txn, &pb);
		if (err)
			return nerr_pass(err);
		*rows += b->done;
		after = b->people[b->npeople - 1];
	}
}

static NEOERR *uploads_batch(void *arg)
{
	struct batch *b = arg;
	unsigned long long n = 0;
	DB_CURSOR *c = NULL;
	struct idlist rows;
	NEOERR *err;

	b->done = 0;
	b->nnames = 0;
	b->npeople = 0;
	err = db_query(&c, "SELECT u.id, u.stored_name, ra.person_id FROM uploads u "
		"JOIN return_applications ra ON ra.id = u.application_id WHERE ra.term_id = ? "
		"ORDER BY u.id LIMIT 500 FOR UPDATE", "i", (long long)b->t->id);
	if (err)
		return nerr_pass(err);
	idlist_init(&rows, b->rows, sizeof b->rows);
	while (db_next(c)) {
		idlist_add(&rows, db_int(c, 0));
		db_copy(b->names[b->nnames++], sizeof b->names[0], db_str(c, 1));
		add_person(b, (int)db_int(c, 2));
	}
	db_cursor_free(&c);
	if (rows.n == 0)
		return STATUS_OK;
	err = db_exec(&n, NULL, "DELETE FROM uploads WHERE id IN " IN_BATCH, "s", b->rows);
	return nerr_pass(batch_done(b, err, n, facts_application));
}

static NEOERR *arrivals_batch(void *arg)
{
	struct batch *b = arg;
	unsigned long long n = 0;
	DB_CURSOR *c = NULL;
	NEOERR *err;

	err = take_people(b, db_query(&c, "SELECT DISTINCT person_id FROM arrivals WHERE term_id = ? "
		"ORDER BY person_id LIMIT 500 FOR UPDATE", "i", (long long)b->t->id), &c);
	if (err || b->npeople == 0)
		return nerr_pass(err);
	err = db_exec(&n, NULL, "DELETE FROM arrivals WHERE term_id = ? AND person_id IN " IN_BATCH,
		      "is", (long long)b->t->id, b->ids);
	return nerr_pass(batch_done(b, err, n, facts_arrival));
}

/* Removes the batch's files that no upload names any more; counts them. */
static NEOERR *remove_files(const struct batch *b, const char *dir, long long *files)
{
	for (int i = 0; i < b->nnames; i++) {
		char path[1024];
		long long left = 0;
		bool found, dup = false;
		NEOERR *err;

		for (int j = 0; j < i && !dup; j++)
			dup = !strcmp(b->names[j], b->names[i]);
		if (dup || strspn(b->names[i], "0123456789abcdef") != strlen(b->names[i]))
			continue;
		/* Kept while any upload or ID photo (photos) names it. */
		err = db_scalar(&left, &found, "SELECT (SELECT COUNT(*) FROM uploads WHERE stored_name = ?) "
				"+ (SELECT COUNT(*) FROM photos WHERE stored_name = ?)", "ss",
				b->names[i], b->names[i]);
		if (err)
			return nerr_pass(err);
		if (left)
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, b->names[i]);
		if (unlink(path) != 0 && errno != ENOENT)
			return nerr_raise_errno(NERR_IO, "cannot remove %s", path);
		(*files)++;
	}
	return STATUS_OK;
}

/* One kind in one term, in batches until nothing is left. */
static NEOERR *purge_kind(enum purge_kind k, const struct term *t, const char *dir,
			  long long *rows, long long *files)
{
	static struct batch b;     /* large: not on the stack */
	unsigned long long n;
	NEOERR *err = STATUS_OK;

	*rows = *files = 0;
	memset(&b, 0, sizeof b);
	b.t = t;
	for (;;) {
		n = 0;
		switch (k) {
		case PK_REPORTS:
		case PK_LOCATION:
		case PK_MESSAGES:
			return nerr_pass(purge_by_person(k, &b, rows));
		case PK_UPLOADS:
			err = db_txn(uploads_batch, &b);
			n = (unsigned long long)b.done;
			if (err == STATUS_OK)
				err = remove_files(&b, dir, files);
			break;
		case PK_ARRIVALS:
			err = db_txn(arrivals_batch, &b);
			n = (unsigned long long)b.done;
			break;
		case PK_AUDIT:
			err = db_exec(&n, NULL, "DELETE FROM audit_log WHERE at >= ? "
				"AND at < ? + INTERVAL 1 DAY LIMIT 500", "ss", t->from, t->to);
			break;
		default:
			break;
		}
		if (err || n == 0)
			break;
		*rows += (long long)n;
	}
	return nerr_pass(err);
}

static NEOERR *load_terms(struct term *terms, int *n, int max)
{
	DB_CURSOR *c = NULL;
	NEOERR *err = db_query(&c, "SELECT id, name, starts_on, ends_on FROM terms "
			       "ORDER BY starts_on, id", NULL);

	*n = 0;
	if (err)
		return nerr_pass(err);
	while (db_next(c) && *n < max) {
		struct term *t = &terms[(*n)++];
		DB_FILL(c, 0, t->id, t->name, t->from, t->to);
		t->end = day_parse(t->to);
	}
	db_cursor_free(&c);
	return STATUS_OK;
}

static NEOERR *store_report(const struct purge_report *rep, bool dry, const char *run_by,
			    const char *started, long long *id)
{
	char now[20];
	NEOERR *err;

	clock_now(now);
	err = db_exec(NULL, id, "INSERT INTO purge_runs (started_at, finished_at, dry_run, run_by) "
		      "VALUES (?, ?, ?, ?)", "ssis", started, now, (long long)dry, run_by);
	for (int i = 0; err == STATUS_OK && i < rep->n; i++) {
		const struct purge_line *l = &rep->line[i];
		err = db_exec(NULL, NULL, "INSERT INTO purge_lines (run_id, kind, term_id, term_name, "
			"rule_days, rows_n, files_n) VALUES (?, ?, ?, ?, ?, ?, ?)", "isisiii",
			*id, purge_kinds[l->kind], (long long)l->term_id, l->term_name,
			(long long)l->rule_days, l->rows, l->files);
	}
	return nerr_pass(err);
}

NEOERR *purge_run(const struct retention *r, int today, bool dry, bool store,
		  const char *run_by, const char *upload_dir, struct purge_report *out)
{
	static struct term terms[128];
	char started[20];
	int nterms = 0;
	NEOERR *err;

	memset(out, 0, sizeof *out);
	clock_now(started);
	err = load_terms(terms, &nterms, 128);
	/* Kind by kind, in the order of purge_kinds: a dry run's location
	 * count leaves out the reports the reports rule takes first. */
	for (int k = 0; err == STATUS_OK && k < PK_COUNT; k++) {
		if (r->days[k] < 0)
			continue;
		for (int i = 0; err == STATUS_OK && i < nterms && out->n < PURGE_MAX_LINES; i++) {
			const struct term *t = &terms[i];
			long long rows = 0, files = 0;

			if (t->end + r->days[k] >= today)
				continue;           /* not past its time */
			if (dry && k == PK_LOCATION && r->days[PK_REPORTS] >= 0 &&
			    t->end + r->days[PK_REPORTS] < today)
				rows = 0;           /* the reports go first */
			else if (dry)
				err = count_kind((enum purge_kind)k, t, &rows, &files);
			else
				err = purge_kind((enum purge_kind)k, t, upload_dir, &rows, &files);
			if (err || (rows == 0 && files == 0))
				continue;
			struct purge_line *l = &out->line[out->n++];
			l->kind = (enum purge_kind)k;
			l->term_id = t->id;
			snprintf(l->term_name, sizeof l->term_name, "%s", t->name);
			l->rule_days = r->days[k];
			l->rows = rows;
			l->files = files;
		}
	}
	if (err == STATUS_OK && store)
		err = store_report(out, dry, run_by, started, &out->run_id);
	return nerr_pass(err);
}
