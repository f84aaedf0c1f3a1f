/* returnapp.c - see returnapp.h. */
#include "domain/returnapp.h"
#include "domain/queue.h"
#include "core/conf.h"
#include "domain/audit.h"
#include "core/db.h"
#include "domain/facts.h"
#include "domain/notice.h"
#include "core/days.h"
#include "domain/term.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int ret_quiz_wrong(const char *const answers[RET_MAX_QUIZ], bool wrong[RET_MAX_QUIZ])
{
	HDF *q = hdf_get_obj(conf_hdf(), "Return.Quiz");
	int i = 0, nwrong = 0;

	memset(wrong, 0, RET_MAX_QUIZ * sizeof *wrong);
	for (q = q ? hdf_obj_child(q) : NULL; q; q = hdf_obj_next(q), i++) {
		/* A question past the array is never answered right. */
		const char *given = i < RET_MAX_QUIZ && answers[i] ? answers[i] : "";
		if (strcmp(given, hdf_get_value(q, "Answer", "-"))) {
			if (i < RET_MAX_QUIZ)
				wrong[i] = true;
			nwrong++;
		}
	}
	return nwrong;
}

/* The application, locked for the rest of the transaction. */
struct app_row {
	long long id;
	char state[16];
	char stage[8];
	bool quiz, pledge, grad;
};

static void app_row_fill(DB_CURSOR *c, void *out)
{
	struct app_row *a = out;

	a->id = db_int(c, 0);
	snprintf(a->state, sizeof a->state, "%s", db_str(c, 1));
	snprintf(a->stage, sizeof a->stage, "%s", db_str(c, 2));
	a->quiz = db_int(c, 3) != 0;
	a->pledge = db_int(c, 4) != 0;
	a->grad = db_int(c, 5) != 0;
}

/* The person's application of the term locked; a->id 0 when there is none. */
static NEOERR *lock_app(int person, int term, struct app_row *a)
{
	memset(a, 0, sizeof *a);
	return nerr_pass(db_one(NULL, app_row_fill, a,
		"SELECT ra.id, ra.state, COALESCE(ra.sent_back_stage, ''), "
		" ra.quiz_passed_at IS NOT NULL, ra.pledge_accepted_at IS NOT NULL, "
		" p.identity = 'grad' "
		"FROM return_applications ra JOIN people p ON p.id = ra.person_id "
		"WHERE ra.person_id = ? AND ra.term_id = ? FOR UPDATE",
		"ii", (long long)person, (long long)term));
}

struct step {
	struct ret_step *who;
	int person, term;
	const struct ret_application *app;
	const struct ret_leg *legs;
	int nlegs;
	bool needs_pickup;
	const char *kind, *filename;
	const unsigned char *data;
	size_t len;
	/* Set by step_run() before the step's own work: */
	struct app_row a;             /* the application, locked (a lock step) */
	char now[20];
};

static NEOERR *refuse(struct step *s, const char *key)
{
	s->who->refusal = key;
	return nerr_raise(HC_ERR_FORBIDDEN, "return step refused: %s", key);
}

static NEOERR *audit(struct step *s, const char *action, long long app, const char *detail)
{
	return nerr_pass(audit_write(s->who->a, s->now, action, s->person,
				     "return_application", app, detail));
}

/* The step's own work, then the card's facts, in one transaction. */
struct step_txn {
	NEOERR *(*fn)(void *);
	struct step *s;
	bool lock;
};

static NEOERR *step_in_txn(void *arg)
{
	struct step_txn *x = arg;
	NEOERR *err = STATUS_OK;

	clock_now(x->s->now);
	if (x->lock)
		err = lock_app(x->s->person, x->s->term, &x->s->a);
	if (err == STATUS_OK)
		err = x->fn(x->s);

	if (err)
		return nerr_pass(err);
	return nerr_pass(facts_application(x->s->person, x->s->term));
}

/* Runs one of the student's steps in its own transaction: with lock, on
 * their application locked first (s->a; zeroed when there is none). */
static NEOERR *step_run(NEOERR *(*fn)(void *), struct step *s, bool lock)
{
	struct step_txn x = { fn, s, lock };

	s->who->refusal = NULL;
	s->person = s->who->a->person_id;
	s->term = s->who->term;
	return nerr_pass(db_txn(step_in_txn, &x));
}

static NEOERR *require_roster(struct step *s)
{
	long long n = 0;
	NEOERR *err = db_scalar(&n, NULL, "SELECT COUNT(*) FROM roster_entries "
		"WHERE term_id = ? AND person_id = ?", "ii", (long long)s->term,
		(long long)s->person);

	if (err)
		return nerr_pass(err);
	return n ? STATUS_OK : refuse(s, "return.no.roster");
}

static NEOERR *quiz_in_txn(void *arg)
{
	struct step *s = arg;
	NEOERR *err = require_roster(s);

	if (err)
		return nerr_pass(err);
	err = db_exec(NULL, NULL,
		"INSERT INTO return_applications (term_id, person_id, quiz_passed_at, updated_at) "
		"VALUES (?, ?, ?, ?) ON DUPLICATE KEY UPDATE "
		" quiz_passed_at = COALESCE(quiz_passed_at, VALUES(quiz_passed_at))",
		"iiss", (long long)s->term, (long long)s->person, s->now, s->now);
	return nerr_pass(err);
}

NEOERR *ret_pass_quiz(struct ret_step *who)
{
	struct step s = { .who = who };
	return nerr_pass(step_run(quiz_in_txn, &s, false));
}

static NEOERR *pledge_in_txn(void *arg)
{
	struct step *s = arg;

	if (!s->a.quiz)
		return refuse(s, "return.no.quiz_first");
	return nerr_pass(db_exec(NULL, NULL,
		"UPDATE return_applications SET pledge_accepted_at = COALESCE(pledge_accepted_at, ?), "
		" updated_at = ? WHERE id = ?", "ssi", s->now, s->now, s->a.id));
}

NEOERR *ret_accept_pledge(struct ret_step *who)
{
	struct step s = { .who = who };
	return nerr_pass(step_run(pledge_in_txn, &s, true));
}

const struct ret_transition ret_transitions[] = {
	{ "draft",         NULL,     RET_APPLY,            "first_review",  NULL },
	{ "sent_back",     "first",  RET_APPLY,            "first_review",  NULL },
	{ "first_review",  NULL,     RET_FIRST_APPROVE,    "evidence",      NULL },
	{ "first_review",  NULL,     RET_FIRST_SEND_BACK,  "sent_back",     "first" },
	{ "evidence",      NULL,     RET_EVIDENCE,         "second_review", NULL },
	{ "sent_back",     "second", RET_EVIDENCE,         "second_review", NULL },
	{ "second_review", NULL,     RET_SECOND_APPROVE,   "approved",      NULL },
	{ "second_review", NULL,     RET_SECOND_REJECT,    "rejected",      NULL },
	{ "second_review", NULL,     RET_SECOND_SEND_BACK, "sent_back",     "second" },
	{ 0 }
};

const struct ret_transition *ret_next(const char *state, const char *stage,
				      enum ret_event event)
{
	for (const struct ret_transition *t = ret_transitions; t->from; t++)
		if (t->event == event && !strcmp(t->from, state ? state : "") &&
		    (t->from_stage == NULL || !strcmp(t->from_stage, stage ? stage : "")))
			return t;
	return NULL;
}

bool ret_window_ok(const char *from, const char *until, int today)
{
	int f = day_parse(from ? from : ""), u = day_parse(until ? until : "");

	/* A window already over is a typing mistake: the student could
	 * never use it. */
	return f >= 0 && u >= 0 && u >= f && u >= today;
}

/* The application's form may be edited while it may be submitted. */
static bool may_edit_application(const struct app_row *a)
{
	return ret_next(a->state, a->stage, RET_APPLY) != NULL;
}

/* Legs and files likewise. */
static bool may_edit_evidence(const struct app_row *a)
{
	return ret_next(a->state, a->stage, RET_EVIDENCE) != NULL;
}

static NEOERR *open_queue_item(long long app, int person, const char *kind, const char *now)
{
	long long item = 0;
	NEOERR *err = queue_open(kind, app, person, 0, now, &item);

	if (err)
		return nerr_pass(err);
	return nerr_pass(notice_item_opened(item, kind, person, now));
}

static NEOERR *apply_in_txn(void *arg)
{
	struct step *s = arg;
	NEOERR *err;

	if (!s->a.quiz)
		return refuse(s, "return.no.quiz_first");
	if (!s->a.pledge)
		return refuse(s, "return.no.pledge_first");
	if (!may_edit_application(&s->a))
		return refuse(s, "return.no.not_editable");
	err = db_exec(NULL, NULL,
		"UPDATE return_applications SET reason = ?, itinerary = ?, confirm_no_symptoms = 1, "
		" confirm_no_risk = 1, confirm_no_contact = 1, confirm_code_green = 1, "
		" state = ?, sent_back_stage = NULL, submitted_at = ?, updated_at = ? "
		"WHERE id = ?", "sssssi", s->app->reason, s->app->itinerary,
		ret_next(s->a.state, s->a.stage, RET_APPLY)->to, s->now, s->now, s->a.id);
	if (err == STATUS_OK)
		err = open_queue_item(s->a.id, s->person, "first_review", s->now);
	if (err == STATUS_OK)
		err = audit(s, "return.apply", s->a.id, NULL);
	return nerr_pass(err);
}

NEOERR *ret_submit_application(struct ret_step *who, const struct ret_application *app)
{
	struct step s = { .who = who, .app = app };
	return nerr_pass(step_run(apply_in_txn, &s, true));
}

static NEOERR *legs_in_txn(void *arg)
{
	struct step *s = arg;
	NEOERR *err;

	if (!may_edit_evidence(&s->a))
		return refuse(s, !strcmp(s->a.state, "first_review") || may_edit_application(&s->a)
			      ? "return.no.first_review_first" : "return.no.not_editable");
	err = db_exec(NULL, NULL, "DELETE FROM travel_legs WHERE application_id = ?", "i", s->a.id);
	for (int i = 0; err == STATUS_OK && i < s->nlegs && i < RET_MAX_LEGS; i++) {
		const struct ret_leg *l = &s->legs[i];
		err = db_exec(NULL, NULL,
			"INSERT INTO travel_legs (application_id, seq, mode, number, day, from_place, to_place) "
			"VALUES (?, ?, ?, NULLIF(?, ''), ?, ?, ?)", "iisssss", s->a.id, (long long)i + 1,
			l->mode, l->number ? l->number : "", l->day, l->from, l->to);
	}
	if (err == STATUS_OK)
		err = db_exec(NULL, NULL, "UPDATE return_applications SET needs_pickup = ?, "
			"updated_at = ? WHERE id = ?", "isi", (long long)s->needs_pickup, s->now, s->a.id);
	return nerr_pass(err);
}

NEOERR *ret_save_legs(struct ret_step *who, const struct ret_leg *legs, int n,
		      bool needs_pickup)
{
	struct step s = { .who = who, .legs = legs, .nlegs = n, .needs_pickup = needs_pickup };
	return nerr_pass(step_run(legs_in_txn, &s, true));
}

const char *ret_sniff_type(const unsigned char *d, size_t n)
{
	if (n >= 3 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF)
		return "image/jpeg";
	if (n >= 8 && !memcmp(d, "\x89PNG\r\n\x1a\n", 8))
		return "image/png";
	if (n >= 5 && !memcmp(d, "%PDF-", 5))
		return "application/pdf";
	return NULL;
}

/* Writes the bytes once, named by their hash; the same content is one file. */
static NEOERR *store_bytes(const char *hex, const unsigned char *data, size_t len)
{
	const char *dir = conf_str("Paths.Uploads", "/var/lib/healthcard/uploads");
	char path[1024], tmp[1100];
	ssize_t w;
	int fd;

	snprintf(path, sizeof path, "%s/%s", dir, hex);
	if (access(path, F_OK) == 0)
		return STATUS_OK;
	snprintf(tmp, sizeof tmp, "%s.%d.tmp", path, (int)getpid());
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0640);
	if (fd < 0)
		return nerr_raise_errno(NERR_IO, "cannot create %s", tmp);
	for (size_t off = 0; off < len; off += (size_t)w) {
		w = write(fd, data + off, len - off);
		if (w <= 0) {
			close(fd);
			unlink(tmp);
			return nerr_raise_errno(NERR_IO, "cannot write %s", tmp);
		}
	}
	if (fsync(fd) != 0 || close(fd) != 0 || rename(tmp, path) != 0) {
		unlink(tmp);
		return nerr_raise_errno(NERR_IO, "cannot store %s", path);
	}
	return STATUS_OK;
}

static void ret_upload_find_row(DB_CURSOR *c, void *out)
{
	struct ret_upload *u = out;

	u->owner = (int)db_int(c, 0);
	db_copy(u->stored_name, sizeof u->stored_name, db_str(c, 1));
	db_copy(u->mime, sizeof u->mime, db_str(c, 2));
}

NEOERR *ret_upload_find(long long id, struct ret_upload *u, bool *found)
{
	memset(u, 0, sizeof *u);
	return nerr_pass(db_one(found, ret_upload_find_row, u,
		"SELECT ra.person_id, u.stored_name, u.mime FROM uploads u "
		"JOIN return_applications ra ON ra.id = u.application_id WHERE u.id = ?", "i", id));
}

NEOERR *ret_store_file(const char *hex, const unsigned char *data, size_t len)
{
	return nerr_pass(store_bytes(hex, data, len));
}

static NEOERR *upload_in_txn(void *arg)
{
	struct step *s = arg;
	unsigned char hash[crypto_hash_sha256_BYTES];
	char hex[2 * crypto_hash_sha256_BYTES + 1], today[11];
	const char *mime = ret_sniff_type(s->data, s->len);
	DB_CURSOR *c = NULL;
	long long dup = 0;
	const char *dup_reason = NULL;
	NEOERR *err;

	if (!may_edit_evidence(&s->a))
		return refuse(s, "return.no.first_review_first");
	if (!strcmp(s->kind, "advisor_consent") && !s->a.grad)
		return refuse(s, "return.no.not_grad");
	if (mime == NULL)
		return refuse(s, "return.no.file_type");
	crypto_hash_sha256(hash, s->data, s->len);
	sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
	day_format(day_today(), today);
	/* The common fake: the same picture as someone else's, or an old one. */
	err = db_query(&c,
		"SELECT u.id, ra.person_id <> ? FROM uploads u "
		"JOIN return_applications ra ON ra.id = u.application_id "
		"WHERE u.sha256 = ? AND (ra.person_id <> ? OR u.uploaded_at < ?) "
		"ORDER BY ra.person_id = ?, u.id LIMIT 1", "ibisi", (long long)s->person,
		hash, sizeof hash, (long long)s->person, today, (long long)s->person);
	if (err)
		return nerr_pass(err);
	if (db_next(c)) {
		dup = db_int(c, 0);
		dup_reason = db_int(c, 1) ? "other_student" : "earlier_day";
	}
	db_cursor_free(&c);
	err = store_bytes(hex, s->data, s->len);
	if (err == STATUS_OK)
		err = db_exec(NULL, NULL, "DELETE FROM uploads WHERE application_id = ? AND kind = ?",
			      "is", s->a.id, s->kind);
	if (err == STATUS_OK)
		err = db_exec(NULL, NULL,
			"INSERT INTO uploads (application_id, kind, filename, mime, size, sha256, "
			" stored_name, uploaded_at, dup_of, dup_reason) "
			"VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULLIF(?, 0), ?)", "isssibssis",
			s->a.id, s->kind, s->filename, mime, (long long)s->len, hash, sizeof hash,
			hex, s->now, dup, dup_reason);
	if (err == STATUS_OK)
		err = audit(s, "return.upload", s->a.id, s->kind);
	return nerr_pass(err);
}

NEOERR *ret_store_upload(struct ret_step *who, const char *kind, const char *filename,
			 const unsigned char *data, size_t len)
{
	struct step s = { .who = who, .kind = kind, .filename = filename, .data = data,
			  .len = len };
	return nerr_pass(step_run(upload_in_txn, &s, true));
}

static NEOERR *evidence_in_txn(void *arg)
{
	struct step *s = arg;
	long long legs = 0, kinds = 0;
		NEOERR *err;

	if (!may_edit_evidence(&s->a))
		return refuse(s, "return.no.first_review_first");
	err = db_scalar(&legs, NULL, "SELECT COUNT(*) FROM travel_legs WHERE application_id = ?",
			"i", s->a.id);
	if (err == STATUS_OK)
		err = db_scalar(&kinds, NULL, "SELECT COUNT(DISTINCT kind) FROM uploads "
			"WHERE application_id = ? AND kind IN ('health_code', 'nucleic_acid', "
			" 'vaccination', IF(?, 'advisor_consent', 'health_code'))",
			"ii", s->a.id, (long long)s->a.grad);
	if (err)
		return nerr_pass(err);
	if (legs == 0)
		return refuse(s, "return.no.legs");
	if (kinds < (s->a.grad ? 4 : 3))
		return refuse(s, "return.no.evidence");
	err = db_exec(NULL, NULL, "UPDATE return_applications SET state = ?, "
		"sent_back_stage = NULL, updated_at = ? WHERE id = ?", "ssi",
		ret_next(s->a.state, s->a.stage, RET_EVIDENCE)->to, s->now, s->a.id);
	if (err == STATUS_OK)
		err = open_queue_item(s->a.id, s->person, "second_review", s->now);
	if (err == STATUS_OK)
		err = audit(s, "return.evidence", s->a.id, NULL);
	return nerr_pass(err);
}

NEOERR *ret_submit_evidence(struct ret_step *who)
{
	struct step s = { .who = who };
	return nerr_pass(step_run(evidence_in_txn, &s, true));
}

/* ---- the window, set by staff from the table ---- */

struct edit_ctx {
	const struct actor *a;
	long long person, app;
	const char *from, *until, *reason;
};

static NEOERR *edit_in_txn(void *arg)
{
	struct edit_ctx *x = arg;
	char now[20], detail[800], was_from[11] = "", was_until[11] = "";
	DB_CURSOR *c = NULL;
	long long person = 0, term = 0;
	NEOERR *err;

	clock_now(now);
	err = db_query(&c, "SELECT allowed_from, allowed_until, person_id, term_id "
		       "FROM return_applications WHERE id = ? FOR UPDATE", "i", x->app);
	if (err)
		return nerr_pass(err);
	if (db_next(c)) {
		snprintf(was_from, sizeof was_from, "%s", db_str(c, 0) ? db_str(c, 0) : "-");
		snprintf(was_until, sizeof was_until, "%s", db_str(c, 1) ? db_str(c, 1) : "-");
		person = db_int(c, 2);
		term = db_int(c, 3);
	}
	db_cursor_free(&c);
	err = db_exec(NULL, NULL, "UPDATE return_applications SET allowed_from = ?, "
		      "allowed_until = ?, updated_at = ? WHERE id = ?", "sssi",
		      x->from, x->until, now, x->app);
	if (err == STATUS_OK)
		err = facts_application((int)person, (int)term);
	if (err)
		return nerr_pass(err);
	snprintf(detail, sizeof detail, "%s..%s (was %s..%s): %s", x->from, x->until,
		 was_from, was_until, x->reason);
	return nerr_pass(audit_write(x->a, now, "table.edit_window", x->person,
				     "return_application", x->app, detail));
}

NEOERR *ret_set_window(const struct actor *a, long long person, long long app,
		       const char *from, const char *until, const char *reason)
{
	struct edit_ctx x = { a, person, app, from, until, reason };
	return nerr_pass(db_txn(edit_in_txn, &x));
}
