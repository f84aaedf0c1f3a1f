/* test_rules.c - the rules of running a school called directly, with a
 * struct actor and against the unit tests' MariaDB (unitdb.h), without
 * Apache: the organisation's tree (make, rename, retire, merge), roles
 * and accounts (the last school admin kept; a reset link used once, in
 * time, ending the sessions; the old password checked), people (made, kept while
 * they have records, handed to a counselor with their class), a day
 * student's commute report, terms and batches, the temperature rounds,
 * the reminders' times, a building's passages (once per code, who is
 * inside, a fever at the door), and a purge (last: it deletes) whose dry run
 * foretells it. Each checks what
 * was stored, what was refused (nothing stored) and the audit row. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdbool.h>
#include <cmocka.h>

#include "unitdb.h"
#include "core/days.h"
#include "domain/account.h"
#include "domain/checkin.h"
#include "domain/commute.h"
#include "domain/leave.h"
#include "domain/org.h"
#include "domain/passage.h"
#include "domain/people.h"
#include "domain/places.h"
#include "domain/purge.h"
#include "domain/remind.h"
#include "domain/roster.h"
#include "domain/rounds.h"
#include "web/auth.h"

/* Whether call failed with the error type want (and forgets the error). */
static bool fails_with(NEOERR *err, NERR_TYPE want)
{
	bool m = err && nerr_match(err, want);

	nerr_ignore(&err);
	return m;
}

/* ---- the organisation ------------------------------------------------------ */

static long long unit_rows(const char *code)
{
	return SCALAR("SELECT COUNT(*) FROM org_units WHERE code = ?", "s", code);
}

/* A unit made by a; its id. */
static long long org_made(const struct actor *a, const char *kind, long long parent,
			  const char *code, const char *name)
{
	struct outcome o = { 0 };

	OK(org_create(a, kind, (int)parent, code, name, &o));
	assert_true(o.ok);
	return o.id;
}

/* A unit refused for field: as many rows with code as before (rows). */
static void org_refused(const struct actor *a, const char *kind, long long parent,
			const char *code, const char *field, long long rows)
{
	struct outcome o = { 0 };

	OK(org_create(a, kind, (int)parent, code, "被拒", &o));
	assert_false(o.ok);
	assert_string_equal(o.field, field);
	assert_int_equal(unit_rows(code), rows);
}

static void org_tree_changes(void **state)
{
	struct actor admin = who(ADMIN);
	struct outcome o = { 0 };
	long long college, a, b;
	int moved = (int)SCALAR("SELECT id FROM people WHERE identity = 'undergrad' "
				"ORDER BY id DESC LIMIT 1", NULL);

	(void)state;
	college = org_made(&admin, "college", 0, "UTC1", "单元测试学院");
	assert_int_equal(audit_rows(ADMIN, "org.create", college), 1);
	/* The code is the school's: a second unit with it is refused, unstored. */
	org_refused(&admin, "college", 0, "UTC1", "code", 1);
	/* A class under a class is refused. */
	a = org_made(&admin, "class", college, "UTC1A", "测试1班");
	org_refused(&admin, "class", a, "UTC1X", "parent_id", 0);
	b = org_made(&admin, "class", college, "UTC1B", "测试2班");

	/* A college with classes in use is not retired. */
	o = (struct outcome){ 0 };
	OK(org_retire(&admin, (int)college, &o));
	assert_false(o.ok);
	assert_string_equal(o.msg, "org.err.in_use_below");
	assert_int_equal(SCALAR("SELECT retired_at IS NULL FROM org_units WHERE id = ?", "i",
				college), 1);

	o = (struct outcome){ 0 };
	OK(org_rename(&admin, (int)a, "UTC1A", "测试一班", &o));
	assert_true(o.ok);
	assert_int_equal(SCALAR("SELECT name = '测试一班' FROM org_units WHERE id = ?", "i", a), 1);
	assert_int_equal(audit_rows(ADMIN, "org.rename", a), 1);

	/* A merge moves the class's people and retires it, naming the target. */
	OK(db_exec(NULL, NULL, "UPDATE people SET college_id = ?, class_id = ? WHERE id = ?",
		   "iii", college, a, (long long)moved));
	o = (struct outcome){ 0 };
	OK(org_merge(&admin, (int)a, (int)b, &o));
	assert_true(o.ok);
	assert_int_equal(o.n, 1);
	assert_int_equal(SCALAR("SELECT class_id FROM people WHERE id = ?", "i", (long long)moved), b);
	assert_int_equal(SCALAR("SELECT merged_into FROM org_units WHERE id = ? "
				"AND retired_at IS NOT NULL", "i", a), b);
	assert_int_equal(audit_rows(ADMIN, "org.merge", a), 1);

	/* Into a retired unit: refused. */
	o = (struct outcome){ 0 };
	OK(org_merge(&admin, (int)b, (int)a, &o));
	assert_false(o.ok);
	assert_string_equal(o.field, "into");
}

/* ---- roles and accounts ---------------------------------------------------- */

static long long has_role(int person, const char *role)
{
	return SCALAR("SELECT COUNT(*) FROM roles WHERE person_id = ? AND role = ?", "is",
		      (long long)person, role);
}

static void roles_and_the_last_admin(void **state)
{
	struct actor admin = who(ADMIN);
	struct outcome o = { 0 };
	/* Staff who is neither a reviewer nor an admin (the gate keeper). */
	int staff = (int)SCALAR("SELECT p.id FROM people p WHERE p.identity = 'staff' AND NOT "
				"EXISTS (SELECT 1 FROM roles r WHERE r.person_id = p.id "
				"AND r.role IN ('reviewer', 'admin', 'counselor')) "
				"ORDER BY p.id LIMIT 1", NULL);
	int college = (int)SCALAR("SELECT id FROM org_units WHERE kind = 'college' "
				  "AND retired_at IS NULL ORDER BY id LIMIT 1", NULL);

	(void)state;
	assert_true(staff > 0);
	/* A college reviewer needs a college. */
	OK(account_grant(&admin, staff, "reviewer", 0, &o));
	assert_false(o.ok);
	assert_string_equal(o.field, "org_id");
	assert_int_equal(has_role(staff, "reviewer"), 0);
	o = (struct outcome){ 0 };
	OK(account_grant(&admin, staff, "reviewer", college, &o));
	assert_true(o.ok);
	assert_int_equal(SCALAR("SELECT org_id FROM roles WHERE person_id = ? AND role = 'reviewer'",
				"i", (long long)staff), college);
	assert_int_equal(audit_rows(ADMIN, "role.grant", staff), 1);

	/* A student is given no staff role. */
	o = (struct outcome){ 0 };
	OK(account_grant(&admin, STUDENT, "counselor", 0, &o));
	assert_false(o.ok);
	assert_string_equal(o.msg, "roles.err.not_staff");
	assert_int_equal(has_role(STUDENT, "counselor"), 0);

	o = (struct outcome){ 0 };
	OK(account_revoke(&admin, staff, "reviewer", &o));
	assert_true(o.ok);
	assert_int_equal(has_role(staff, "reviewer"), 0);

	/* The only school admin keeps the role, and the account. */
	assert_int_equal(SCALAR("SELECT COUNT(*) FROM roles WHERE role = 'admin'", NULL), 1);
	o = (struct outcome){ 0 };
	OK(account_revoke(&admin, ADMIN, "admin", &o));
	assert_false(o.ok);
	assert_int_equal(has_role(ADMIN, "admin"), 1);
	o = (struct outcome){ 0 };
	OK(account_set_disabled(&admin, ADMIN, true, &o));
	assert_false(o.ok);
	assert_int_equal(SCALAR("SELECT disabled FROM accounts WHERE person_id = ?", "i",
				(long long)ADMIN), 0);

	/* A login in use is refused for a new account. */
	o = (struct outcome){ 0 };
	OK(account_create(&admin, staff, "admin", "$argon2id$x", true, &o));
	assert_false(o.ok);
	assert_string_equal(o.field, "login");
}

/* A reset link: the latest only, once, in time; it ends the sessions. */
static void reset_link_once_and_in_time(void **state)
{
	struct actor admin = who(ADMIN);
	int person = (int)SCALAR("SELECT a.person_id FROM accounts a JOIN people p ON "
				 "p.id = a.person_id WHERE p.identity = 'undergrad' "
				 "AND a.disabled = 0 ORDER BY a.person_id DESC LIMIT 1", NULL);
	struct actor s = who(person);
	char t1[ACCOUNT_TOKEN_LEN + 1], t2[ACCOUNT_TOKEN_LEN + 1], t3[ACCOUNT_TOKEN_LEN + 1];
	char h1[128], h2[128];
	struct outcome o = { 0 };
	bool valid = false;
	int whose = 0;

	(void)state;
	OK(auth_hash_password("first-Pass-1", h1));
	OK(auth_hash_password("second-Pass-2", h2));
	OK(account_reset_issue(&admin, person, t1, &o));
	assert_true(o.ok);
	OK(account_reset_issue(&admin, person, t2, &o));
	OK(account_reset_valid(t1, &whose, &valid));
	assert_false(valid);                    /* the later link voids the earlier */
	OK(account_reset_valid(t2, &whose, &valid));
	assert_true(valid);
	assert_int_equal(whose, person);

	OK(db_exec(NULL, NULL, "INSERT INTO sessions (token_hash, person_id, created_at, "
		   "expires_at) VALUES (UNHEX(SHA2('test_rules', 256)), ?, NOW(), "
		   "NOW() + INTERVAL 1 DAY)", "i", (long long)person));
	o = (struct outcome){ 0 };
	OK(account_reset_use(t2, h1, "unit", "127.0.0.1", &o));
	assert_true(o.ok);
	assert_int_equal(SCALAR("SELECT COUNT(*) FROM sessions WHERE person_id = ?", "i",
				(long long)person), 0);
	assert_int_equal(SCALAR("SELECT pw_hash = ? FROM accounts WHERE person_id = ?", "si",
				h1, (long long)person), 1);
	o = (struct outcome){ 0 };
	OK(account_reset_use(t2, h2, "unit", "127.0.0.1", &o));
	assert_false(o.ok);                     /* used */
	assert_string_equal(o.msg, "password.reset_gone");

	OK(account_reset_issue(&admin, person, t3, &o));
	OK(db_exec(NULL, NULL, "UPDATE password_resets SET expires_at = NOW() - INTERVAL 1 MINUTE "
		   "WHERE person_id = ? AND used_at IS NULL", "i", (long long)person));
	o = (struct outcome){ 0 };
	OK(account_reset_use(t3, h2, "unit", "127.0.0.1", &o));
	assert_false(o.ok);                     /* expired */
	assert_int_equal(SCALAR("SELECT pw_hash = ? FROM accounts WHERE person_id = ?", "si",
				h1, (long long)person), 1);

	/* One's own change checks the old password first. */
	o = (struct outcome){ 0 };
	OK(account_change_password(&s, "not-the-password", h2, &o));
	assert_false(o.ok);
	assert_string_equal(o.field, "old_password");
	o = (struct outcome){ 0 };
	OK(account_change_password(&s, "first-Pass-1", h2, &o));
	assert_true(o.ok);
	assert_int_equal(SCALAR("SELECT pw_hash = ? FROM accounts WHERE person_id = ?", "si",
				h2, (long long)person), 1);
	assert_int_equal(audit_rows(person, "account.password", person), 1);
}

/* ---- people --------------------------------------------------------------- */

static void people_made_kept_and_handed_over(void **state)
{
	struct actor admin = who(ADMIN);
	struct outcome o = { 0 };
	int college = (int)SCALAR("SELECT parent_id FROM org_units WHERE kind = 'class' "
				  "AND retired_at IS NULL ORDER BY id LIMIT 1", NULL);
	int klass = (int)SCALAR("SELECT id FROM org_units WHERE kind = 'class' "
				"AND retired_at IS NULL ORDER BY id LIMIT 1", NULL);
	int other = (int)SCALAR("SELECT id FROM people p JOIN roles r ON r.person_id = p.id "
				"AND r.role = 'counselor' WHERE p.id <> ? ORDER BY p.id LIMIT 1",
				"i", (long long)COUNSELOR);
	struct person_input in = { .number = "U7000001", .name = "单元测试生",
		.identity = "undergrad", .status = "active", .phone = "",
		.college_id = college, .class_id = klass, .counselor_id = COUNSELOR,
		.boarding = true };
	long long id;

	(void)state;
	OK(people_save(&admin, &in, &o));
	assert_true(o.ok);
	id = o.id;
	assert_int_equal(SCALAR("SELECT counselor_id FROM counselor_assignments WHERE "
				"student_id = ?", "i", id), COUNSELOR);
	assert_int_equal(audit_rows(ADMIN, "person.create", id), 1);

	/* A number is one person's. */
	o = (struct outcome){ 0 };
	in.name = "重号";
	OK(people_save(&admin, &in, &o));
	assert_false(o.ok);
	assert_string_equal(o.field, "number");
	assert_int_equal(SCALAR("SELECT COUNT(*) FROM people WHERE number = 'U7000001'", NULL), 1);

	/* Someone with reports stays (their status says they left). */
	o = (struct outcome){ 0 };
	OK(people_delete(&admin, STUDENT, &o));
	assert_false(o.ok);
	assert_int_equal(SCALAR("SELECT COUNT(*) FROM people WHERE id = ?", "i",
				(long long)STUDENT), 1);

	/* The class given to another counselor takes its students along. */
	long long in_class = SCALAR("SELECT COUNT(*) FROM people WHERE class_id = ? "
				    "AND identity <> 'staff'", "i", (long long)klass);
	o = (struct outcome){ 0 };
	OK(people_counselor_class(&admin, other, klass, true, &o));
	assert_true(o.ok);
	assert_int_equal(SCALAR("SELECT COUNT(*) FROM people p JOIN counselor_assignments ca "
				"ON ca.student_id = p.id WHERE p.class_id = ? AND ca.counselor_id = ?",
				"ii", (long long)klass, (long long)other), in_class);
	assert_int_equal(SCALAR("SELECT counselor_id FROM counselor_assignments WHERE "
				"student_id = ?", "i", id), other);
	assert_true(SCALAR("SELECT COUNT(*) FROM audit_log WHERE action = 'counselor.reassign' "
			   "AND subject_person_id = ?", "i", id) >= 1);

	/* One with no records goes. */
	o = (struct outcome){ 0 };
	OK(people_delete(&admin, (int)id, &o));
	assert_true(o.ok);
	assert_int_equal(SCALAR("SELECT COUNT(*) FROM people WHERE id = ?", "i", id), 0);
	assert_int_equal(audit_rows(ADMIN, "person.delete", id), 1);
}

/* ---- a day student's commute report ----------------------------------------- */

static void commute_applied_once(void **state)
{
	int day_student = (int)SCALAR("SELECT p.id FROM people p JOIN counselor_assignments ca "
				      "ON ca.student_id = p.id WHERE p.boarding = 0 "
				      "AND p.identity = 'undergrad' ORDER BY p.id LIMIT 1", NULL);
	int boarder = (int)SCALAR("SELECT id FROM people WHERE boarding = 1 "
				  "AND identity = 'undergrad' ORDER BY id LIMIT 1", NULL);
	struct actor s = who(day_student), t = who(boarder);
	enum dated_problem p;
	struct commute_gate g;
	long long id = 0;
	char from[11], until[11];

	(void)state;
	day_format(day_today(), from);
	day_format(day_today() + 30, until);
	OK(dated_apply(&t, &commute_kind, boarder, from, until, "校外某处", "走读", &id, &p));
	assert_int_equal(p, DATED_NOT_DAY);
	assert_int_equal(SCALAR("SELECT COUNT(*) FROM commutes WHERE person_id = ?", "i",
				(long long)boarder), 0);

	OK(dated_apply(&s, &commute_kind, day_student, until, from, "校外某处", "走读", &id, &p));
	assert_int_equal(p, DATED_BAD_DAYS);
	OK(dated_apply(&s, &commute_kind, day_student, from, until, "海淀区某小区", "家住附近",
		       &id, &p));
	assert_int_equal(p, DATED_OK);
	assert_true(id > 0);
	assert_int_equal(SCALAR("SELECT COUNT(*) FROM queue_items WHERE kind = 'commute' "
				"AND ref_id = ? AND state = 'open'", "i", id), 1);
	assert_int_equal(audit_rows(day_student, "commute.apply", id), 1);

	/* One waits already: a second is refused. */
	OK(dated_apply(&s, &commute_kind, day_student, from, until, "另一处", "又一次", &id, &p));
	assert_int_equal(p, DATED_OPEN_ALREADY);
	assert_int_equal(SCALAR("SELECT COUNT(*) FROM commutes WHERE person_id = ?", "i",
				(long long)day_student), 1);

	OK(commute_at_gate(day_student, from, &g));
	assert_int_equal(g.phase, COMMUTE_PENDING);
}

/* A leave is the other kind of dated request: its first day may not be
 * past, its days at most Policy.LeaveMaxDays, one open at a time (any
 * student, boarder or not); queued and audited as "leave". Days relative
 * to today, in the order sent. */
static void leave_applied_once(void **state)
{
	static const struct { int first, last; enum dated_problem want; } sent[] = {
		{ 2, 0, DATED_BAD_DAYS },
		{ 0, LEAVE_MAX_DAYS + 5, DATED_TOO_LONG },
		{ -1, 2, DATED_PAST },
		{ 0, 2, DATED_OK },
		{ 2, 2, DATED_OPEN_ALREADY },
	};
	struct actor s = who(GRAD);
	long long id, made = 0;

	(void)state;
	for (size_t i = 0; i < sizeof sent / sizeof sent[0]; i++) {
		char first[11], last[11];
		enum dated_problem p;

		day_format(day_today() + sent[i].first, first);
		day_format(day_today() + sent[i].last, last);
		OK(dated_apply(&s, &leave_kind, GRAD, first, last, "北京", "回家", &id, &p));
		assert_int_equal(p, sent[i].want);
		assert_int_equal(id != 0, p == DATED_OK);
		if (p == DATED_OK)
			made = id;
	}
	assert_int_equal(SCALAR("SELECT COUNT(*) FROM leaves WHERE person_id = ?", "i",
				(long long)GRAD), 1);
	assert_int_equal(SCALAR("SELECT COUNT(*) FROM queue_items WHERE kind = 'leave' "
				"AND ref_id = ? AND state = 'open'", "i", made), 1);
	assert_int_equal(audit_rows(GRAD, "leave.apply", made), 1);
}

/* ---- terms and batches ------------------------------------------------------ */

static void terms_and_batches_named_once(void **state)
{
	struct actor admin = who(ADMIN);
	struct term_info t;

	(void)state;
	OK(roster_current_term(&t));
	assert_true(t.id > 0);
	/* A term's name is taken: 409, nothing added. */
	long long terms = SCALAR("SELECT COUNT(*) FROM terms", NULL);
	assert_true(fails_with(roster_add_term(&admin, t.name, "2031-02-20", "2031-07-10"),
			       HC_ERR_CONFLICT));
	assert_int_equal(SCALAR("SELECT COUNT(*) FROM terms", NULL), terms);

	OK(roster_add_batch(&admin, "单元测试批次", t.starts_on, t.starts_on));
	assert_int_equal(SCALAR("SELECT COUNT(*) FROM return_batches WHERE term_id = ? "
				"AND name = '单元测试批次'", "i", (long long)t.id), 1);
	assert_true(fails_with(roster_add_batch(&admin, "单元测试批次", t.starts_on, t.starts_on),
			       HC_ERR_CONFLICT));
	assert_int_equal(SCALAR("SELECT COUNT(*) FROM return_batches WHERE term_id = ? "
				"AND name = '单元测试批次'", "i", (long long)t.id), 1);
	assert_int_equal(SCALAR("SELECT COUNT(*) FROM audit_log WHERE action = 'batch.add' "
				"AND detail = '单元测试批次'", NULL), 1);
}

/* ---- the temperature rounds -------------------------------------------------- */

static void rounds_after_the_daily_report(void **state)
{
	struct actor admin = who(ADMIN);
	char today[11];
	int person = (int)SCALAR("SELECT p.id FROM people p WHERE p.identity = 'undergrad' "
				 "AND NOT EXISTS (SELECT 1 FROM daily_reports d WHERE "
				 "d.person_id = p.id AND d.day = ?) ORDER BY p.id LIMIT 1", "s",
				 (day_format(day_today(), today), today));
	struct actor s = who(person);
	struct round_conf on[ROUNDS] = { { true, "00:00", "23:59" }, { false, "18:00", "21:00" } };
	static const struct report fine = { .temp_tenths = 364, .city = "北京市", .in_city = true };
	struct report_submission daily = { .person_id = person, .day = day_today(), .rep = &fine };
	enum round_outcome ro;
	bool anomaly = true;

	(void)state;
	OK(rounds_save(&admin, on));
	assert_int_equal(SCALAR("SELECT COUNT(*) FROM audit_log WHERE action = 'round.settings'",
				NULL), 1);
	OK(round_submit(&s, 0, 365, false, false, false, &ro, &anomaly));
	assert_int_equal(ro, ROUND_NO_DAILY);
	OK(round_submit(&s, 1, 365, false, false, false, &ro, &anomaly));
	assert_int_equal(ro, ROUND_CLOSED);

	OK(report_submit(&daily));
	OK(round_submit(&s, 0, 385, true, false, false, &ro, &anomaly));
	assert_int_equal(ro, ROUND_DONE);
	assert_true(anomaly);
	/* The fever opens the day's report's anomaly: the card turns red. */
	assert_int_equal(SCALAR("SELECT anomaly FROM daily_reports WHERE id = ?", "i",
				daily.report_id), 1);
	OK(round_submit(&s, 0, 365, false, false, false, &ro, &anomaly));
	assert_int_equal(ro, ROUND_ALREADY);
	assert_int_equal(SCALAR("SELECT COUNT(*) FROM audit_log WHERE action = 'round.report' "
				"AND actor_id = ?", "i", (long long)person), 1);
}

/* ---- the reminders' times ---------------------------------------------------- */

static void remind_slots_once_each(void **state)
{
	struct actor admin = who(ADMIN);
	bool dup = true, found = false;

	(void)state;
	OK(remind_slot_add(&admin, "06:45", &dup));
	assert_false(dup);
	OK(remind_slot_add(&admin, "06:45", &dup));
	assert_true(dup);
	assert_int_equal(SCALAR("SELECT COUNT(*) FROM audit_log WHERE action = 'remind.slot_add' "
				"AND actor_id = ?", "i", (long long)ADMIN), 1);
	OK(remind_slot_remove(&admin, "06:45", &found));
	assert_true(found);
	OK(remind_slot_remove(&admin, "06:45", &found));
	assert_false(found);
}

/* ---- a building's passages ------------------------------------------------- */

static void passage_once_per_code(void **state)
{
	struct actor admin = who(ADMIN);
	int person = (int)SCALAR("SELECT id FROM people WHERE identity = 'grad' "
				 "ORDER BY id DESC LIMIT 1", NULL);
	unsigned char in[GATE_MAC_BYTES] = { 7, 7, 1 }, out[GATE_MAC_BYTES] = { 7, 7, 2 },
		      hot[GATE_MAC_BYTES] = { 7, 7, 3 };
	long long building = 0, entrance = 0;
	bool found = false, recorded = false;
	struct passage_seen seen;
	const struct actor device = { 0 };   /* an enrolled phone: nobody logged in */

	(void)state;
	OK(places_add_building(&admin, "单元测试图书馆", "library", false, &building));
	OK(places_add_entrance(&admin, building, "北门", &entrance, &found));
	assert_true(found);
	struct passage_new x = { .person_id = person, .building_id = (int)building,
		.entrance_id = (int)entrance, .entrance_name = "北门", .direction = PASS_IN,
		.mac = in, .verdict = { SCAN_ALLOW, SCAN_OK }, .temperature_tenths = 365 };

	OK(passage_record(&device, &x, &recorded));
	assert_true(recorded);
	assert_int_equal(SCALAR("SELECT building_id FROM building_presence WHERE person_id = ?",
				"i", (long long)person), building);
	/* The same code from a second phone changes nothing. */
	OK(passage_record(&device, &x, &recorded));
	assert_false(recorded);
	assert_int_equal(SCALAR("SELECT COUNT(*) FROM passages WHERE person_id = ?", "i",
				(long long)person), 1);
	OK(passage_find_token(in, &seen));
	assert_true(seen.found);
	assert_string_equal(seen.result, "allow");
	assert_string_equal(seen.where, "单元测试图书馆 · 北门");   /* the gate as named */

	x.direction = PASS_OUT;
	x.mac = out;
	OK(passage_record(&device, &x, &recorded));
	assert_true(recorded);
	assert_int_equal(SCALAR("SELECT COUNT(*) FROM building_presence WHERE person_id = ?", "i",
				(long long)person), 0);

	/* A fever at the door: denied, the counselor's queue, the card red. */
	x.direction = PASS_IN;
	x.mac = hot;
	x.verdict = (struct scan_verdict){ SCAN_DENY, SCAN_FEVER };
	x.temperature_tenths = 386;
	OK(passage_record(&device, &x, &recorded));
	assert_true(recorded);
	assert_int_equal(SCALAR("SELECT COUNT(*) FROM building_presence WHERE person_id = ?", "i",
				(long long)person), 0);
	assert_int_equal(SCALAR("SELECT COUNT(*) FROM queue_items WHERE kind = 'fever' "
				"AND person_id = ? AND state = 'open'", "i", (long long)person), 1);
	assert_int_equal(SCALAR("SELECT door_fever IS NOT NULL FROM card_facts WHERE "
				"person_id = ?", "i", (long long)person), 1);
}

/* ---- retention: a dry run foretells the purge (last: it deletes) ------------ */

static void purge_dry_run_foretells(void **state)
{
	struct actor admin = who(ADMIN);
	struct retention keep_none, back;
	static struct purge_report dry, real;
	int after = (int)SCALAR("SELECT DATEDIFF(MAX(ends_on), '1970-01-01') + 1 FROM terms", NULL);
	long long reports = SCALAR("SELECT COUNT(*) FROM daily_reports", NULL);
	long long runs = SCALAR("SELECT COUNT(*) FROM purge_runs", NULL);

	(void)state;
	for (int k = 0; k < PK_COUNT; k++)
		keep_none.days[k] = k == PK_AUDIT ? -1 : 0;
	OK(retention_save(&admin, &keep_none));
	OK(retention_load(&back));
	assert_memory_equal(back.days, keep_none.days, sizeof back.days);
	assert_int_equal(SCALAR("SELECT COUNT(*) FROM audit_log WHERE action = 'retention.change' "
				"AND actor_id = ?", "i", (long long)ADMIN), 1);

	/* The day after every term's end: everything but the audit is due. */
	OK(purge_run(&keep_none, after, true, false, "test_rules", "/nonexistent", &dry));
	assert_true(dry.n > 0);
	assert_int_equal(dry.run_id, 0);
	assert_int_equal(SCALAR("SELECT COUNT(*) FROM purge_runs", NULL), runs);
	assert_int_equal(SCALAR("SELECT COUNT(*) FROM daily_reports", NULL), reports);

	OK(purge_run(&keep_none, after, false, true, "test_rules", "/nonexistent", &real));
	assert_true(real.run_id > 0);
	assert_int_equal(real.n, dry.n);
	for (int i = 0; i < dry.n; i++) {
		assert_int_equal(real.line[i].kind, dry.line[i].kind);
		assert_int_equal(real.line[i].term_id, dry.line[i].term_id);
		assert_true(real.line[i].rows == dry.line[i].rows);
	}
	assert_int_equal(SCALAR("SELECT COUNT(*) FROM daily_reports d JOIN terms t "
				"ON d.day BETWEEN t.starts_on AND t.ends_on", NULL), 0);
	assert_int_equal(SCALAR("SELECT COUNT(*) FROM purge_lines WHERE run_id = ?", "i",
				real.run_id), real.n);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(org_tree_changes),
		cmocka_unit_test(roles_and_the_last_admin),
		cmocka_unit_test(reset_link_once_and_in_time),
		cmocka_unit_test(people_made_kept_and_handed_over),
		cmocka_unit_test(commute_applied_once),
		cmocka_unit_test(leave_applied_once),
		cmocka_unit_test(terms_and_batches_named_once),
		cmocka_unit_test(rounds_after_the_daily_report),
		cmocka_unit_test(remind_slots_once_each),
		cmocka_unit_test(passage_once_per_code),
		cmocka_unit_test(purge_dry_run_foretells),
	};
	return cmocka_run_group_tests_name("rules", tests, setup, teardown);
}
