/* test_domain.c - the rules of lib/domain called directly, as a page or a
 * tool calls them, with a struct actor and against a real MariaDB, without
 * Apache: check-in, make-up, the return application's transitions, the
 * review pipeline (two deciders on one item: one wins), scope, and the
 * audit rows each write leaves.
 *
 * The database: the one $HC_UNIT_CONF configures (tests/run.sh starts one
 * per run with tools/stack.sh dbonly), else one of its own started here
 * the same way under var/ and purged at the end. Its data is demogen's
 * (100 students, seed 7): ids 1..7 are student, grad, counselor,
 * reviewer, admin, gate, dorm; student and grad belong to counselor 3,
 * are on the current term's roster, have no return application and have
 * reported every day of the last 20 but today. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/db.h"
#include "core/days.h"
#include "core/err.h"
#include "domain/arrival.h"
#include "domain/booking.h"
#include "domain/centraltest.h"
#include "domain/checkin.h"
#include "domain/gateadmin.h"
#include "domain/leave.h"
#include "domain/guest.h"
#include "domain/makeup.h"
#include "domain/peopleimport.h"
#include "domain/places.h"
#include "domain/proxyfill.h"
#include "domain/queue.h"
#include "domain/returnapp.h"
#include "domain/review.h"
#include "domain/scope.h"
#include "read/cardfacts.h"
#include "read/checkins.h"
#include "read/directory.h"
#include "core/idlist.h"
#include "core/sheet.h"
#include "web/app.h"
#include "web/sess.h"

#include "unitdb.h"

static const struct report healthy = {
	.temp_tenths = 365, .city = "北京市", .in_city = true, .on_campus = false
};

/* ---- check-in ------------------------------------------------------------ */

static void checkin_one_a_day(void **state)
{
	struct actor a = who(STUDENT);
	struct report_submission s = { .person_id = STUDENT, .day = day_today(), .rep = &healthy };
	char d[11];

	(void)state;
	day_format(day_today(), d);
	assert_int_equal(SCALAR("SELECT COUNT(*) FROM daily_reports WHERE person_id = ? AND day = ?",
				"is", (long long)a.person_id, d), 0);
	OK(report_submit(&s));
	assert_true(s.report_id > 0);
	assert_int_equal(s.flags, 0);
	assert_int_equal(SCALAR("SELECT anomaly FROM daily_reports WHERE id = ?", "i", s.report_id), 0);
	/* As the check-in page reads it back. */
	struct day_report rep;
	bool found = false;
	OK(checkins_day(STUDENT, day_today(), &rep, &found));
	assert_true(found);
	assert_int_equal(rep.id, s.report_id);
	assert_string_equal(rep.temperature, "36.5");
	assert_string_equal(rep.city, healthy.city);
	assert_false(rep.anomaly);

	/* The same day again: refused, with when it was reported; one row. */
	struct report_submission again = { .person_id = STUDENT, .day = day_today(), .rep = &healthy };
	NEOERR *err = report_submit(&again);
	assert_true(nerr_match(err, HC_ERR_CONFLICT));
	nerr_ignore(&err);
	assert_memory_equal(again.existing_at, d, 10);
	assert_int_equal(SCALAR("SELECT COUNT(*) FROM daily_reports WHERE person_id = ? AND day = ?",
				"is", (long long)a.person_id, d), 1);
}

/* A fever opens an anomaly in the counselor's queue; two staff decide it
 * at once, each in a process (and connection) of its own: one clears it,
 * the other is told who did; one audit row. */
static void checkin_anomaly_two_deciders(void **state)
{
	struct report fever = healthy;
	struct report_submission s = { .person_id = GRAD, .day = day_today(), .rep = &fever };
	const int deciders[2] = { COUNSELOR, ADMIN };
	struct review_result res[2];
	long long item;
	int fd[2][2];
	pid_t pid[2];

	(void)state;
	fever.temp_tenths = 385;
	OK(report_submit(&s));
	assert_true(s.flags & ANOM_FEVER);
	assert_int_equal(SCALAR("SELECT anomaly FROM daily_reports WHERE id = ?", "i", s.report_id), 1);
	item = SCALAR("SELECT id FROM queue_items WHERE kind = 'anomaly' AND ref_id = ? "
		      "AND state = 'open'", "i", s.report_id);
	assert_true(item > 0);

	db_close_all();  /* each child opens its own connection */
	for (int i = 0; i < 2; i++) {
		assert_int_equal(pipe(fd[i]), 0);
		pid[i] = fork();
		assert_true(pid[i] >= 0);
		if (pid[i] == 0) {
			struct actor a = who(deciders[i]);
			struct review_result r = { 0 };
			NEOERR *err = review_decide(&a, item, "approve", "", NULL, NULL, &r);
			if (err) {
				nerr_ignore(&err);
				_exit(1);
			}
			if (write(fd[i][1], &r, sizeof r) != (ssize_t)sizeof r)
				_exit(2);
			_exit(0);
		}
		close(fd[i][1]);
	}
	for (int i = 0; i < 2; i++) {
		int st;
		assert_int_equal(read(fd[i][0], &res[i], sizeof res[i]), (ssize_t)sizeof res[i]);
		close(fd[i][0]);
		assert_int_equal(waitpid(pid[i], &st, 0), pid[i]);
		assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	}
	int won = res[0].outcome == RO_DONE ? 0 : 1, lost = 1 - won;
	assert_int_equal(res[won].outcome, RO_DONE);
	assert_int_equal(res[lost].outcome, RO_ALREADY);
	struct actor winner = who(deciders[won]);
	assert_string_equal(res[lost].by, winner.name);
	assert_int_equal(SCALAR("SELECT anomaly_state = 'cleared' FROM daily_reports WHERE id = ?",
				"i", s.report_id), 1);
	assert_int_equal(SCALAR("SELECT decided_by FROM queue_items WHERE id = ?", "i", item),
			 deciders[won]);
	assert_int_equal(audit_rows(deciders[won], "anomaly.clear", s.report_id), 1);
	assert_int_equal(audit_rows(deciders[lost], "anomaly.clear", s.report_id), 0);
}

/* ---- make-up ------------------------------------------------------------- */

static void makeup_request_decide_fill(void **state)
{
	struct actor st = who(STUDENT), co = who(COUNSELOR), rv = who(REVIEWER);
	int day = day_today() - 25;  /* in the term, before the 20 reported days */
	const char *no = NULL;
	struct review_result r;
	char d[11];

	(void)state;
	day_format(day, d);
	/* The limits: today, a reported day, outside the term. */
	OK(makeup_apply(&st, day_today(), "forgot", &no));
	assert_string_equal(no, "makeup.no.not_past");
	OK(makeup_apply(&st, day_today() - 2, "forgot", &no));
	assert_string_equal(no, "makeup.no.reported");
	OK(makeup_apply(&st, day_parse("2026-01-05"), "forgot", &no));
	assert_string_equal(no, "makeup.no.outside_term");
	assert_int_equal(SCALAR("SELECT COUNT(*) FROM makeup_requests WHERE person_id = ?", "i",
				(long long)STUDENT), 0);

	OK(makeup_apply(&st, day, "没有网络", &no));
	assert_null(no);
	long long req = SCALAR("SELECT id FROM makeup_requests WHERE person_id = ? AND day = ? "
			       "AND state = 'pending'", "is", (long long)STUDENT, d);
	assert_true(req > 0);
	assert_int_equal(audit_rows(STUDENT, "makeup.apply", req), 1);
	/* One open request a day. */
	OK(makeup_apply(&st, day, "again", &no));
	assert_string_equal(no, "makeup.no.open_request");
	assert_int_equal(SCALAR("SELECT COUNT(*) FROM makeup_requests WHERE person_id = ?", "i",
				(long long)STUDENT), 1);

	long long item = SCALAR("SELECT id FROM queue_items WHERE kind = 'makeup' AND ref_id = ? "
				"AND state = 'open'", "i", req);
	assert_true(item > 0);
	/* Not the college reviewer's kind; a rejection needs a reason. */
	OK(review_decide(&rv, item, "approve", "", NULL, NULL, &r));
	assert_int_equal(r.outcome, RO_FORBIDDEN);
	OK(review_decide(&co, item, "reject", "", NULL, NULL, &r));
	assert_int_equal(r.outcome, RO_NEEDS_REASON);
	assert_int_equal(SCALAR("SELECT state = 'pending' FROM makeup_requests WHERE id = ?", "i", req), 1);

	OK(review_decide(&co, item, "approve", "", NULL, NULL, &r));
	assert_int_equal(r.outcome, RO_DONE);
	assert_int_equal(SCALAR("SELECT state = 'approved' FROM makeup_requests WHERE id = ?", "i", req), 1);
	assert_int_equal(SCALAR("SELECT decided_by FROM makeup_requests WHERE id = ?", "i", req), COUNSELOR);
	assert_int_equal(audit_rows(COUNSELOR, "makeup.approve", req), 1);
	/* Decided twice: the second is told who decided, and changes nothing. */
	OK(review_decide(&co, item, "reject", "too late", NULL, NULL, &r));
	assert_int_equal(r.outcome, RO_ALREADY);
	assert_string_equal(r.by, co.name);
	assert_int_equal(SCALAR("SELECT state = 'approved' FROM makeup_requests WHERE id = ?", "i", req), 1);
	assert_int_equal(audit_rows(COUNSELOR, "makeup.reject", req), 0);

	/* The approved day is filled, once, as a make-up. */
	struct report_submission s = { .person_id = STUDENT, .day = day, .rep = &healthy };
	OK(makeup_fill(&s));
	assert_int_equal(SCALAR("SELECT is_makeup FROM daily_reports WHERE id = ?", "i", s.report_id), 1);
	assert_int_equal(SCALAR("SELECT state = 'filled' FROM makeup_requests WHERE id = ?", "i", req), 1);
	struct report_submission s2 = { .person_id = STUDENT, .day = day - 1, .rep = &healthy };
	NEOERR *err = makeup_fill(&s2);
	assert_true(nerr_match(err, HC_ERR_FORBIDDEN));
	nerr_ignore(&err);
}

/* ---- the return application ---------------------------------------------- */

static int covered[32];      /* per row of ret_transitions[] */

static void app_state(int person, char state[16], char stage[8])
{
	DB_CURSOR *c = NULL;

	OK(db_query(&c, "SELECT ra.state, COALESCE(ra.sent_back_stage, '') FROM return_applications ra "
		    "JOIN terms t ON t.id = ra.term_id WHERE ra.person_id = ? "
		    "ORDER BY t.starts_on DESC LIMIT 1", "i", (long long)person));
	assert_true(db_next(c));
	snprintf(state, 16, "%s", db_str(c, 0));
	snprintf(stage, 8, "%s", db_str(c, 1));
	db_cursor_free(&c);
}

/* Runs `step` on person's application in (state, stage) and checks that
 * it lands where ret_transitions[] says `event` leads. */
#define TRANSITION(person, event, step) do { \
	char s0[16], g0[8], s1[16], g1[8]; \
	app_state(person, s0, g0); \
	const struct ret_transition *t_ = ret_next(s0, g0, event); \
	assert_non_null(t_); \
	step; \
	app_state(person, s1, g1); \
	assert_string_equal(s1, t_->to); \
	assert_string_equal(g1, t_->to_stage ? t_->to_stage : ""); \
	covered[t_ - ret_transitions]++; \
} while (0)

static long long open_item(int person, const char *kind)
{
	return SCALAR("SELECT id FROM queue_items WHERE person_id = ? AND kind = ? "
		      "AND state = 'open'", "is", (long long)person, kind);
}

static void decide(int actor, int person, const char *kind, const char *decision,
		   const char *from, const char *until)
{
	struct actor a = who(actor);
	struct review_result r;

	OK(review_decide(&a, open_item(person, kind), decision, "照片不清楚", from, until, &r));
	assert_int_equal(r.outcome, RO_DONE);
}

static void evidence(struct ret_step *s, bool grad)
{
	static const char *const kinds[] = { "health_code", "nucleic_acid", "vaccination",
					     "advisor_consent" };
	struct ret_leg leg = { "train", "G101", "2026-12-01", "上海", "北京" };
	unsigned char png[64] = "\x89PNG\r\n\x1a\n";

	OK(ret_save_legs(s, &leg, 1, false));
	for (int i = 0; i < (grad ? 4 : 3); i++) {
		png[10] = (unsigned char)i;
		png[11] = (unsigned char)s->a->person_id;
		OK(ret_store_upload(s, kinds[i], "code.png", png, sizeof png));
	}
	OK(ret_submit_evidence(s));
}

static void return_every_transition(void **state)
{
	struct actor st = who(STUDENT), gr = who(GRAD), co = who(COUNSELOR);
	long long term = SCALAR("SELECT term_id FROM roster_entries WHERE person_id = ?", "i",
				(long long)STUDENT);
	struct ret_step s = { &st, (int)term, NULL }, g = { &gr, (int)term, NULL };
	struct ret_application app = { "回校上课", "上海-北京" };
	char from[11], until[11], st0[16], sg0[8];
	struct review_result r;
	NEOERR *err;

	(void)state;
	memset(covered, 0, sizeof covered);
	day_format(day_today(), from);
	day_format(day_today() + 7, until);

	/* Out of order: the application before the quiz, evidence in draft. */
	err = ret_submit_application(&s, &app);
	assert_true(nerr_match(err, HC_ERR_FORBIDDEN));
	nerr_ignore(&err);
	OK(ret_pass_quiz(&s));
	OK(ret_accept_pledge(&s));
	app_state(STUDENT, st0, sg0);
	assert_string_equal(st0, "draft");
	assert_null(ret_next("draft", "", RET_EVIDENCE));
	err = ret_submit_evidence(&s);
	assert_true(nerr_match(err, HC_ERR_FORBIDDEN));
	assert_string_equal(s.refusal, "return.no.first_review_first");
	nerr_ignore(&err);
	app_state(STUDENT, st0, sg0);
	assert_string_equal(st0, "draft");

	TRANSITION(STUDENT, RET_APPLY, OK(ret_submit_application(&s, &app)));
	long long app_id = SCALAR("SELECT id FROM return_applications WHERE person_id = ? "
				  "AND term_id = ?", "ii", (long long)STUDENT, term);
	assert_int_equal(audit_rows(STUDENT, "return.apply", app_id), 1);
	TRANSITION(STUDENT, RET_FIRST_SEND_BACK,
		   decide(COUNSELOR, STUDENT, "first_review", "send_back", NULL, NULL));
	TRANSITION(STUDENT, RET_APPLY, OK(ret_submit_application(&s, &app)));
	/* A first approval needs a window that is not over. */
	OK(review_decide(&co, open_item(STUDENT, "first_review"), "approve", "", "2026-01-01",
			 "2026-01-02", &r));
	assert_int_equal(r.outcome, RO_BAD_WINDOW);
	TRANSITION(STUDENT, RET_FIRST_APPROVE,
		   decide(COUNSELOR, STUDENT, "first_review", "approve", from, until));
	assert_int_equal(audit_rows(COUNSELOR, "return.first_approve", app_id), 1);
	assert_int_equal(SCALAR("SELECT allowed_until = ? FROM return_applications WHERE id = ?",
				"si", until, app_id), 1);
	TRANSITION(STUDENT, RET_EVIDENCE, evidence(&s, false));
	TRANSITION(STUDENT, RET_SECOND_SEND_BACK,
		   decide(REVIEWER, STUDENT, "second_review", "send_back", NULL, NULL));
	TRANSITION(STUDENT, RET_EVIDENCE, OK(ret_submit_evidence(&s)));
	TRANSITION(STUDENT, RET_SECOND_APPROVE,
		   decide(REVIEWER, STUDENT, "second_review", "approve", NULL, NULL));
	assert_int_equal(audit_rows(REVIEWER, "return.second_approve", app_id), 1);
	assert_int_equal(audit_rows(REVIEWER, "return.second_send_back", app_id), 1);

	/* Approved is final: a forbidden transition changes nothing. */
	assert_null(ret_next("approved", "", RET_APPLY));
	err = ret_submit_application(&s, &app);
	assert_true(nerr_match(err, HC_ERR_FORBIDDEN));
	assert_string_equal(s.refusal, "return.no.not_editable");
	nerr_ignore(&err);
	app_state(STUDENT, st0, sg0);
	assert_string_equal(st0, "approved");

	/* The grad to a rejection (four files: the advisor's consent too). */
	OK(ret_pass_quiz(&g));
	OK(ret_accept_pledge(&g));
	TRANSITION(GRAD, RET_APPLY, OK(ret_submit_application(&g, &app)));
	TRANSITION(GRAD, RET_FIRST_APPROVE,
		   decide(COUNSELOR, GRAD, "first_review", "approve", from, until));
	TRANSITION(GRAD, RET_EVIDENCE, evidence(&g, true));
	TRANSITION(GRAD, RET_SECOND_REJECT,
		   decide(REVIEWER, GRAD, "second_review", "reject", NULL, NULL));

	/* Every row of the table was taken. */
	for (const struct ret_transition *t = ret_transitions; t->from; t++)
		if (!covered[t - ret_transitions])
			fail_msg("%s/%s -> %s not exercised", t->from,
				 t->from_stage ? t->from_stage : "", t->to);
}

/* ---- scope ---------------------------------------------------------------- */

static void counselor_sees_only_theirs(void **state)
{
	struct actor co = who(COUNSELOR);
	long long other = SCALAR("SELECT student_id FROM counselor_assignments "
				 "WHERE counselor_id <> ? ORDER BY student_id LIMIT 1", "i",
				 (long long)COUNSELOR);
	NEOERR *err;
	bool mine = true;

	(void)state;
	assert_true(other > 0);
	OK(scope_require(&co, STUDENT));
	OK(scope_require_other(&co, GRAD));
	err = scope_require(&co, (int)other);
	assert_true(nerr_match(err, HC_ERR_FORBIDDEN));
	nerr_ignore(&err);
	err = scope_require(&co, 999999);
	assert_true(nerr_match(err, HC_ERR_NOTFOUND));
	nerr_ignore(&err);
	err = scope_require_other(&co, COUNSELOR);
	assert_true(nerr_match(err, HC_ERR_FORBIDDEN));
	nerr_ignore(&err);

	/* An item of another counselor's student: not in the queue, not
	 * decided, no audit row. */
	long long item = SCALAR("SELECT q.id FROM queue_items q WHERE q.state = 'open' "
				"AND q.kind = 'anomaly' AND q.person_id NOT IN "
				"(SELECT student_id FROM counselor_assignments WHERE counselor_id = ?) "
				"ORDER BY q.id LIMIT 1", "i", (long long)COUNSELOR);
	assert_true(item > 0);
	OK(queue_has_item(&co, item, &mine));
	assert_false(mine);
	struct review_result r;
	OK(review_decide(&co, item, "approve", "", NULL, NULL, &r));
	assert_int_equal(r.outcome, RO_FORBIDDEN);
	assert_int_equal(SCALAR("SELECT state = 'open' FROM queue_items WHERE id = ?", "i", item), 1);
	assert_int_equal(SCALAR("SELECT COUNT(*) FROM audit_log WHERE actor_id = ? AND "
				"subject_person_id = (SELECT person_id FROM queue_items WHERE id = ?)",
				"ii", (long long)COUNSELOR, item), 0);
}

/* ---- a gate phone's enrolment (the write /scan/enrol makes) --------------- */

static void gate_phone_enrols_once(void **state)
{
	struct actor ad = who(ADMIN);
	struct gate_info g;
	struct enrol_wait w;
	char link[ARRIVAL_SECRET_LEN + 1], cred[ARRIVAL_SECRET_LEN + 1];
	unsigned char h[32], ch[32];
	long long gate = 0;
	bool found = false, enrolled = false;

	(void)state;
	OK(gateadmin_add_gate(&ad, "gate", "单元测试门", &gate));
	OK(gateadmin_add_device(&ad, gate, "手机一", link, &g, &found));
	assert_true(found);
	assert_true(arrival_secret_hash(link, h));
	OK(gateadmin_enrol_find(h, &w, &found));
	assert_true(found);
	assert_string_equal(w.device, "手机一");
	assert_string_equal(w.gate, "单元测试门");
	assert_string_equal(w.kind, "gate");

	arrival_secret_new(cred, ch);
	OK(gateadmin_enrol(h, ch, &enrolled));
	assert_true(enrolled);
	assert_int_equal(SCALAR("SELECT COUNT(*) FROM gate_devices WHERE gate_id = ? AND "
				"credential_hash = ? AND enrol_hash IS NULL AND enrolled_at IS NOT NULL",
				"ib", gate, ch, (size_t)32), 1);
	/* The link is spent: a second phone gets nothing. */
	OK(gateadmin_enrol_find(h, &w, &found));
	assert_false(found);
	arrival_secret_new(cred, ch);
	OK(gateadmin_enrol(h, ch, &enrolled));
	assert_false(enrolled);
	assert_int_equal(SCALAR("SELECT COUNT(*) FROM gate_devices WHERE credential_hash = ?",
				"b", ch, (size_t)32), 0);
	assert_int_equal(SCALAR("SELECT COUNT(*) FROM audit_log WHERE actor_id = ? AND "
				"action = 'gate_add' AND object_id = ?", "ii", (long long)ADMIN, gate), 1);

	/* The staff's list of gates holds it. */
	struct gate_info list[GATEADMIN_MAX_GATES];
	int n = 0;
	bool listed = false;
	OK(gateadmin_gates("gate", list, GATEADMIN_MAX_GATES, &n));
	for (int i = 0; i < n; i++)
		listed = listed || list[i].id == gate;
	assert_true(listed);
}

/* ---- collecting for others (issue 16, seed 004) ----------------------- */

/* Two students with accounts beyond the demo logins, and a third. */
static int other_student(int n)
{
	return (int)SCALAR("SELECT p.id FROM people p JOIN accounts a ON a.person_id = p.id "
			   "WHERE p.identity <> 'staff' AND p.id > 7 ORDER BY p.id LIMIT 1 OFFSET ?",
			   "i", (long long)n);
}

static void number_of(int person, char out[33])
{
	DB_CURSOR *c = NULL;

	OK(db_query(&c, "SELECT number FROM people WHERE id = ?", "i", (long long)person));
	assert_true(db_next(c));
	snprintf(out, 33, "%s", db_str(c, 0));
	db_cursor_free(&c);
}

/* 代填人: named by number, at most two, never oneself; the named one's
 * report is stored as theirs and audited; once revoked, the same
 * submission is refused inside its transaction and nothing is stored. */
static void proxy_filler_named_then_revoked(void **state)
{
	int s = other_student(0), f1 = other_student(1), f2 = other_student(2), f3 = other_student(3);
	struct actor a = who(s);
	struct outcome out;
	char num[33], d[11];
	long long naming;
	bool may = true;

	(void)state;
	day_format(day_today(), d);
	OK(db_exec(NULL, NULL, "DELETE FROM daily_reports WHERE person_id = ? AND day = ?", "is",
		   (long long)s, d));
	OK(proxy_name(&a, "NO-SUCH-NUMBER", "roommate", &out));
	assert_false(out.ok);
	assert_string_equal(out.field, "number");
	number_of(s, num);
	OK(proxy_name(&a, num, "roommate", &out));
	assert_false(out.ok);
	assert_string_equal(out.msg, "fillers.err.self");
	number_of(f1, num);
	OK(proxy_name(&a, num, "cousin", &out));
	assert_false(out.ok);
	assert_string_equal(out.field, "relation");
	OK(proxy_name(&a, num, "roommate", &out));
	assert_true(out.ok);
	naming = out.id;
	assert_int_equal(audit_rows(s, "proxy.name", naming), 1);
	OK(proxy_name(&a, num, "roommate", &out));
	assert_false(out.ok);
	assert_string_equal(out.msg, "fillers.err.already");
	number_of(f2, num);
	OK(proxy_name(&a, num, "classmate", &out));
	assert_true(out.ok);
	number_of(f3, num);
	OK(proxy_name(&a, num, "family", &out));
	assert_false(out.ok);
	assert_string_equal(out.msg, "fillers.err.full");

	OK(proxy_may_fill(f1, s, &may));
	assert_true(may);
	OK(proxy_may_fill(f3, s, &may));
	assert_false(may);

	/* Revoked: the submission that passed the page's check is refused
	 * in its transaction. */
	OK(proxy_revoke(&a, naming, &out));
	assert_true(out.ok);
	assert_int_equal(audit_rows(s, "proxy.revoke", naming), 1);
	OK(proxy_revoke(&a, naming, &out));
	assert_true(out.not_found);
	struct report_submission late = { .person_id = s, .day = day_today(), .filled_by = f1,
		.rep = &healthy, .also = proxy_fill_still_named };
	NEOERR *err = report_submit(&late);
	assert_true(nerr_match(err, HC_ERR_FORBIDDEN));
	nerr_ignore(&err);
	assert_int_equal(SCALAR("SELECT COUNT(*) FROM daily_reports WHERE person_id = ? AND day = ?",
				"is", (long long)s, d), 0);
	/* The other named filler's is stored, theirs, audited. */
	struct report_submission ok = { .person_id = s, .day = day_today(), .filled_by = f2,
		.rep = &healthy, .also = proxy_fill_still_named };
	OK(report_submit(&ok));
	assert_int_equal(SCALAR("SELECT filled_by FROM daily_reports WHERE id = ?", "i", ok.report_id), f2);
	assert_int_equal(audit_rows(f2, "report.proxy_fill", ok.report_id), 1);
}

/* The QR's narrow read (card_verdict_load_bare()) gives everyone the
 * verdict and the name and number the card page's read gives. */
static void card_bare_read_agrees(void **state)
{
	DB_CURSOR *c = NULL;
	int n = 0, today = day_today();

	(void)state;
	OK(db_query(&c, "SELECT id FROM people ORDER BY id", ""));
	while (db_next(c)) {
		int id = (int)db_int(c, 0);
		struct card_info full, bare;
		struct card_verdict vf, vb;

		OK(card_verdict_load(id, today, &full, &vf));
		OK(card_verdict_load_bare(id, today, &bare, &vb));
		assert_int_equal(vb.state, vf.state);
		assert_int_equal(vb.colour, vf.colour);
		assert_int_equal(vb.show_qr, vf.show_qr);
		assert_int_equal(vb.nreasons, vf.nreasons);
		for (int i = 0; i < vf.nreasons; i++) {
			assert_int_equal(vb.reasons[i].code, vf.reasons[i].code);
			assert_int_equal(vb.reasons[i].day, vf.reasons[i].day);
		}
		assert_string_equal(bare.name, full.name);
		assert_string_equal(bare.number, full.number);
		assert_string_equal(bare.identity, full.identity);
		n++;
	}
	db_cursor_free(&c);
	assert_true(n > 100);
}

/* The check-in's on-campus test (REPORT_ON_CAMPUS, one statement) says
 * what the card facts and the leave at the gate say: arrived, not away. */
static void on_campus_as_facts_and_leave_say(void **state)
{
	DB_CURSOR *c = NULL;
	int today = day_today(), yes = 0, no = 0;
	char td[11];

	(void)state;
	day_format(today, td);
	OK(db_query(&c, "SELECT id FROM people ORDER BY id", ""));
	while (db_next(c)) {
		int id = (int)db_int(c, 0);
		struct card_info ci;
		struct leave_gate g = { 0 };
		bool campus, want;

		OK(card_facts_load(id, today, &ci));
		if (ci.facts.arrived)
			OK(leave_at_gate(id, td, NULL, &g));
		want = ci.facts.arrived && g.phase != LEAVE_AWAY;
		OK(report_on_campus(id, today, &campus));
		assert_int_equal(campus, want);
		campus ? yes++ : no++;
	}
	db_cursor_free(&c);
	assert_true(no > 0);
	(void)yes;
}

/* 无账号人员: a bad number refused at its field, nothing stored; a good
 * one added to the counselor's group; another counselor may neither add
 * to it nor declare; the group's declaration stored as the collector's,
 * a second of the day replacing it. */
static void guest_added_and_declared(void **state)
{
	struct actor c = who(COUNSELOR), adm = who(ADMIN);
	int other = (int)SCALAR("SELECT person_id FROM roles WHERE role = 'counselor' AND person_id <> ? "
				"ORDER BY person_id LIMIT 1", "i", (long long)COUNSELOR);
	struct actor o = who(other);
	struct guest_new g = { COUNSELOR, "Dorian Lam", "foreign_teacher", "resident",
		"110101199003074478", "美国" };
	struct outcome out;
	struct report fever = healthy;
	unsigned flags = 0;
	long long before = SCALAR("SELECT COUNT(*) FROM guests", NULL);
	bool may = true;
	NEOERR *err;

	(void)state;
	OK(guest_add(&c, &g, &out));
	assert_false(out.ok);
	assert_string_equal(out.field, "id_number");
	assert_string_equal(out.msg, "idnum.err.checksum");
	g.id_number = "11010119990230123X";
	OK(guest_add(&c, &g, &out));
	assert_string_equal(out.msg, "idnum.err.date");
	g.id_type = "licence";
	OK(guest_add(&c, &g, &out));
	assert_string_equal(out.field, "id_type");
	assert_int_equal(SCALAR("SELECT COUNT(*) FROM guests", NULL), before);

	g.id_type = "resident";
	g.id_number = "34052419800101001X";
	OK(guest_add(&o, &g, &out));
	assert_true(out.forbidden);
	OK(guest_add(&adm, &g, &out));
	assert_true(out.forbidden);
	OK(guest_add(&c, &g, &out));
	assert_true(out.ok);
	long long id = out.id;
	assert_int_equal(audit_rows(COUNSELOR, "guest.add", id), 1);
	OK(guest_add(&c, &g, &out));
	assert_false(out.ok);
	assert_string_equal(out.msg, "collect.err.duplicate");

	OK(guest_may_collect(&o, COUNSELOR, &may));
	assert_false(may);
	err = guest_declare(&o, (int)id, day_today(), &healthy, &flags);
	assert_true(nerr_match(err, HC_ERR_FORBIDDEN));
	nerr_ignore(&err);
	fever.temp_tenths = 383;
	OK(guest_declare(&c, (int)id, day_today(), &fever, &flags));
	assert_true(flags & ANOM_FEVER);
	OK(guest_declare(&c, (int)id, day_today(), &healthy, &flags));
	assert_int_equal(flags, 0);
	assert_int_equal(SCALAR("SELECT COUNT(*) FROM guest_reports WHERE guest_id = ? "
				"AND declared_by = ? AND anomaly_flags = ''", "ii", id, (long long)COUNSELOR), 1);
	assert_int_equal(audit_rows(COUNSELOR, "guest.declare", id), 2);
	struct report last;
	bool found = false;
	OK(guest_last_report((int)id, day_today(), &last, &found));
	assert_true(found);
	assert_int_equal(last.temp_tenths, 365);
}

/* ---- venue booking with the clock set explicitly (issue 15) ------------ */

static const char *booking_state(long long id)
{
	static char state[12];
	DB_CURSOR *c = NULL;

	state[0] = '\0';
	OK(db_query(&c, "SELECT state FROM bookings WHERE id = ?", "i", id));
	if (db_next(c))
		snprintf(state, sizeof state, "%s", db_str(c, 0));
	db_cursor_free(&c);
	return state;
}

/* Every time below is given, none is the machine's: a booking holds
 * through the 20th minute after its start (Policy.BookingGraceMinutes) and
 * lapses at it, for the sweep and the venue's scan alike, its place
 * freed; checked in inside the grace, it ends by itself when the slot is
 * over; the third no-show in 30 days suspends booking until the last
 * one's start plus Policy.BookingSuspendDays, to the second. */
static void booking_lapse_and_suspension_by_the_clock(void **state)
{
	struct actor ad = who(ADMIN), st = who(STUDENT);
	struct booking_policy p;
	enum booking_refusal why;
	enum booking_scan out;
	unsigned char mac[16] = { 1, 2, 3 };
	char until[17];
	long long bath = 0, venue = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0;
	bool found = false;
	int n = -1;

	(void)state;
	booking_policy(&p);
	assert_int_equal(p.grace_minutes, 20);
	assert_int_equal(p.no_shows, 3);
	assert_int_equal(p.suspend_days, 7);
	OK(places_add_building(&ad, "单元测试浴室", "bath", false, &bath));
	OK(venue_add(&ad, bath, "单元测试淋浴", "06:00", "22:00", 30, 1, &venue, &found));
	assert_true(found);
#define SLOT_BOOKED(at) SCALAR("SELECT COALESCE(MAX(booked), 0) FROM venue_slots " \
			       "WHERE venue_id = ? AND starts_at = ?", "is", venue, at)

	/* Booked at 09:00 for 10:00: held at 10:19:59, lapsed at 10:20:00. */
	OK(booking_make(&st, STUDENT, venue, "2030-03-04 10:00:00", "2030-03-04 09:00:00", &b1, &why, until));
	assert_int_equal(why, BK_OK);
	assert_int_equal(SLOT_BOOKED("2030-03-04 10:00:00"), 1);
	OK(booking_sweep(STUDENT, "2030-03-04 10:19:59", &n));
	assert_int_equal(n, 0);
	assert_string_equal(booking_state(b1), "booked");
	OK(booking_sweep(STUDENT, "2030-03-04 10:20:00", &n));
	assert_int_equal(n, 1);
	assert_string_equal(booking_state(b1), "lapsed");
	assert_int_equal(SLOT_BOOKED("2030-03-04 10:00:00"), 0);
	OK(booking_scan(b1, STUDENT, (int)bath, 365, mac, "2030-03-04 10:20:30", &out));
	assert_int_equal(out, BS_LAPSED);

	/* The scan at the 20th minute: lapsed too, and its place freed. */
	OK(booking_make(&st, STUDENT, venue, "2030-03-04 10:30:00", "2030-03-04 10:25:00", &b2, &why, until));
	assert_int_equal(why, BK_OK);
	OK(booking_scan(b2, STUDENT, (int)bath, 365, mac, "2030-03-04 10:50:00", &out));
	assert_int_equal(out, BS_LAPSED);
	assert_string_equal(booking_state(b2), "lapsed");
	assert_int_equal(SLOT_BOOKED("2030-03-04 10:30:00"), 0);

	/* Two lapses so far: booking still allowed; checked in at 11:19:59,
	 * the 11:00 slot ends by itself at 11:30. */
	OK(booking_make(&st, STUDENT, venue, "2030-03-04 11:00:00", "2030-03-04 10:55:00", &b3, &why, until));
	assert_int_equal(why, BK_OK);
	OK(booking_scan(b3, STUDENT, (int)bath, 365, mac, "2030-03-04 11:19:59", &out));
	assert_int_equal(out, BS_CHECKED_IN);
	OK(booking_sweep(STUDENT, "2030-03-04 11:29:59", &n));
	assert_string_equal(booking_state(b3), "in");
	OK(booking_sweep(STUDENT, "2030-03-04 11:30:00", &n));
	assert_string_equal(booking_state(b3), "ended");
	assert_int_equal(SCALAR("SELECT ended_how = 'timeout' FROM bookings WHERE id = ?", "i", b3), 1);

	/* The third no-show: suspended until 2030-03-11 12:00 (the 12:00
	 * slot's start plus 7 days), with the reason, nothing booked. */
	OK(booking_make(&st, STUDENT, venue, "2030-03-04 12:00:00", "2030-03-04 11:40:00", &b4, &why, until));
	assert_int_equal(why, BK_OK);
	OK(booking_sweep(STUDENT, "2030-03-04 12:20:00", &n));
	assert_string_equal(booking_state(b4), "lapsed");
	OK(booking_make(&st, STUDENT, venue, "2030-03-04 13:00:00", "2030-03-04 12:30:00", &b5, &why, until));
	assert_int_equal(why, BK_SUSPENDED);
	assert_string_equal(until, "2030-03-11 12:00");
	assert_int_equal(b5, 0);
	OK(booking_make(&st, STUDENT, venue, "2030-03-11 13:00:00", "2030-03-11 11:59:59", &b5, &why, until));
	assert_int_equal(why, BK_SUSPENDED);
	OK(booking_make(&st, STUDENT, venue, "2030-03-11 13:00:00", "2030-03-11 12:00:01", &b5, &why, until));
	assert_int_equal(why, BK_OK);
	assert_true(b5 > 0);
	assert_int_equal(SCALAR("SELECT COUNT(*) FROM bookings WHERE person_id = ? AND state = 'lapsed'",
				"i", (long long)STUDENT), 3);
#undef SLOT_BOOKED
}

/* ---- core/db and core/idlist against the database ------------------------ */

/* A read model's list under its prefix (db_rows_at), and a set of ids
 * bound as one JSON array (idlist) as the rules bind them. */
static void db_lists_and_id_sets(void **state)
{
	HDF *h = NULL;
	char buf[64], key[64];
	struct idlist l;
	int n = -1;
	NEOERR *err;

	(void)state;
	OK(hdf_init(&h));
	OK(db_rows_at(h, "Page.Person", "Role", &n, "SELECT role FROM roles WHERE person_id = ? "
		      "ORDER BY role", "i", (long long)ADMIN));
	assert_int_equal(n, SCALAR("SELECT COUNT(*) FROM roles WHERE person_id = ?", "i",
				   (long long)ADMIN));
	assert_true(n > 0);
	for (int i = 0; i < n; i++) {
		snprintf(key, sizeof key, "Page.Person.Role.%d.role", i);
		assert_non_null(hdf_get_value(h, key, NULL));
	}
	assert_null(hdf_get_value(h, "Page.Person.Role.0.Role", NULL));
	err = db_rows_at(h, "Page", "Xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
			 "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
			 NULL, "SELECT 1", NULL);
	assert_non_null(err);
	nerr_ignore(&err);
	hdf_destroy(&h);

	idlist_init(&l, buf, sizeof buf);
	assert_int_equal(SCALAR("SELECT COUNT(*) FROM JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT PATH '$')) j",
				"s", buf), 0);
	assert_true(idlist_add(&l, STUDENT));
	assert_true(idlist_add(&l, GRAD));
	assert_true(idlist_add(&l, 9000000000LL));
	assert_int_equal(SCALAR("SELECT COUNT(*) FROM people WHERE id IN (SELECT j.id FROM "
				"JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT PATH '$')) j)", "s", buf), 2);
	assert_int_equal(SCALAR("SELECT SUM(j.id) FROM JSON_TABLE(?, '$[*]' COLUMNS "
				"(id BIGINT PATH '$')) j", "s", buf), STUDENT + GRAD + 9000000000LL);
}

/* DB_FILL: each field read by its type, SQL NULL as 0 / false / "",
 * text cut to its array, columns taken from an offset. */
static void db_fill_by_type(void **state)
{
	struct {
		int i;
		long long l;
		bool b, f;
		char s[6];
		char big[32];
	} r;
	DB_CURSOR *c = NULL;

	(void)state;
	OK(db_query(&c, "SELECT 'skip', -42, 9000000000, 7, 0, 'abcdefghij', 'hello', "
		    "NULL, NULL, NULL, NULL", NULL));
	assert_true(db_next(c));
	memset(&r, 0x55, sizeof r);
	DB_FILL(c, 1, r.i, r.l, r.b, r.f, r.s, r.big);
	assert_int_equal(r.i, -42);
	assert_true(r.l == 9000000000LL);
	assert_true(r.b);
	assert_false(r.f);
	assert_string_equal(r.s, "abcde");
	assert_string_equal(r.big, "hello");

	memset(&r, 0x55, sizeof r);
	DB_FILL(c, 7, r.i, r.l, r.b, r.s);
	assert_int_equal(r.i, 0);
	assert_true(r.l == 0);
	assert_false(r.b);
	assert_string_equal(r.s, "");
	assert_int_equal((unsigned char)r.big[0], 0x55);   /* not named: untouched */

	memset(&r, 0x55, sizeof r);
	DB_FILL(c, 0, r.big);
	assert_string_equal(r.big, "skip");
	assert_int_equal(r.i, 0x55555555);
	db_cursor_free(&c);
}

/* DB_FIRST: the first row into the fields and the cursor freed; no row,
 * the fields untouched (and the cursor freed as well). */
static void db_first_row(void **state)
{
	DB_CURSOR *c = NULL;
	int n = 7;
	char s[8] = "kept";

	(void)state;
	OK(db_query(&c, "SELECT 1, 'one' UNION ALL SELECT 2, 'two'", NULL));
	assert_true(DB_FIRST(&c, 0, n, s));
	assert_null(c);
	assert_int_equal(n, 1);
	assert_string_equal(s, "one");

	n = 7;
	snprintf(s, sizeof s, "kept");
	OK(db_query(&c, "SELECT 1, 'one' FROM DUAL WHERE 1 = 0", NULL));
	assert_false(DB_FIRST(&c, 0, n, s));
	assert_null(c);
	assert_int_equal(n, 7);
	assert_string_equal(s, "kept");
}

/* The imports answer with a typed report, not template data (issue 19):
 * a preview's counts, its bad rows, the people it adds and the fields it
 * changes; nothing is written while a row is bad. */
static void imports_report_typed(void **state)
{
	struct actor adm = who(ADMIN);
	char number[33] = "", name[65] = "", identity[12] = "", college[65] = "", csv[512];
	char today[11];
	struct pimport_report rep;
	struct ctest_report crep;
	SHEET *s = NULL;
	DB_CURSOR *c = NULL;
	long long tests = SCALAR("SELECT COUNT(*) FROM central_tests", NULL);

	(void)state;
	OK(db_query(&c, "SELECT p.number, p.name, p.identity, o.name FROM people p "
		    "JOIN org_units o ON o.id = p.college_id WHERE p.id = ?", "i",
		    (long long)STUDENT));
	assert_true(db_next(c));
	snprintf(number, sizeof number, "%s", db_str(c, 0));
	snprintf(name, sizeof name, "%s", db_str(c, 1));
	snprintf(identity, sizeof identity, "%s", db_str(c, 2));
	snprintf(college, sizeof college, "%s", db_str(c, 3));
	db_cursor_free(&c);
	snprintf(csv, sizeof csv, "学号/工号,姓名,身份,学院\n%s,改名测试,%s,%s\n"
		 "U9990001,新人甲,本科生,%s\nU9990002,,本科生,%s\n", number, identity, college,
		 college, college);
	OK(sheet_read(csv, strlen(csv), "people.csv", NULL, &s));
	OK(pimport_run(&adm, s, "people.csv", true, &rep));
	sheet_free(&s);
	assert_int_equal(rep.rows, 3);
	assert_int_equal(rep.added, 1);
	assert_int_equal(rep.changed, 1);
	assert_int_equal(rep.unchanged, 0);
	assert_false(rep.applied);
	assert_int_equal(rep.errors.n, 1);
	assert_int_equal(rep.errors.kept, 1);
	assert_int_equal(rep.errors.e[0].row, 4);
	assert_string_equal(rep.errors.e[0].col, "B");
	assert_string_equal(rep.errors.e[0].key, "pimport.err.no_name");
	assert_int_equal(rep.nadds, 1);
	assert_string_equal(rep.adds[0].number, "U9990001");
	assert_string_equal(rep.adds[0].identity, "undergrad");
	assert_string_equal(rep.adds[0].college, college);
	assert_int_equal(rep.nchanges, 1);
	assert_string_equal(rep.changes[0].number, number);
	assert_int_equal(rep.changes[0].nfields, 1);
	assert_string_equal(rep.changes[0].fields[0].name, "name");
	assert_string_equal(rep.changes[0].fields[0].old, name);
	assert_string_equal(rep.changes[0].fields[0].new_, "改名测试");
	pimport_report_free(&rep);
	assert_int_equal(SCALAR("SELECT COUNT(*) FROM people WHERE number = 'U9990001'", NULL), 0);
	assert_int_equal(SCALAR("SELECT COUNT(*) FROM people WHERE id = ? AND name = '改名测试'",
				"i", (long long)STUDENT), 0);

	day_format(day_today(), today);
	snprintf(csv, sizeof csv, "学号,采样时间,检测结果\n%s,%s 08:00,阴性\n"
		 "NOSUCH999,%s 08:00,阴性\n", number, today, today);
	OK(sheet_read(csv, strlen(csv), "tests.csv", NULL, &s));
	OK(ctest_import(&adm, s, "tests.csv", &crep));
	sheet_free(&s);
	assert_false(crep.applied);
	assert_int_equal(crep.errors.n, 1);
	assert_int_equal(crep.errors.e[0].row, 3);
	assert_string_equal(crep.errors.e[0].col, "A");
	assert_non_null(strstr(crep.errors.e[0].key, "ctest.err."));
	assert_string_equal(crep.errors.e[0].detail, "NOSUCH999");
	ctest_report_free(&crep);
	assert_int_equal(SCALAR("SELECT COUNT(*) FROM central_tests", NULL), tests);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(checkin_one_a_day),
		cmocka_unit_test(card_bare_read_agrees),
		cmocka_unit_test(on_campus_as_facts_and_leave_say),
		cmocka_unit_test(checkin_anomaly_two_deciders),
		cmocka_unit_test(makeup_request_decide_fill),
		cmocka_unit_test(return_every_transition),
		cmocka_unit_test(counselor_sees_only_theirs),
		cmocka_unit_test(gate_phone_enrols_once),
		cmocka_unit_test(proxy_filler_named_then_revoked),
		cmocka_unit_test(guest_added_and_declared),
		cmocka_unit_test(imports_report_typed),
		cmocka_unit_test(booking_lapse_and_suspension_by_the_clock),
		cmocka_unit_test(db_lists_and_id_sets),
		cmocka_unit_test(db_fill_by_type),
		cmocka_unit_test(db_first_row),
	};
	return cmocka_run_group_tests_name("domain", tests, setup, teardown);
}
