/* test_lib.c - the pure helpers of lib/: days, form validation, scope. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/days.h"
#include "web/form.h"
#include "domain/scope.h"
#include "domain/phone.h"
#include "core/url.h"
#include "core/utf8.h"
#include "core/err.h"
#include "core/lang.h"
#include "core/conf.h"
#include "core/idlist.h"
#include "core/outcome.h"
#include "core/hdfput.h"

static void days_round_trip(void **state)
{
	char s[11];
	(void)state;
	assert_int_equal(day_from_ymd(1970, 1, 1), 0);
	assert_int_equal(day_parse("2026-11-23"), day_from_ymd(2026, 11, 23));
	assert_int_equal(day_parse("2024-03-01") - day_parse("2024-02-28"), 2);
	assert_int_equal(day_parse("2026-03-01") - day_parse("2026-02-28"), 1);
	for (int d = day_parse("1999-12-25"); d < day_parse("2031-01-10"); d += 17) {
		day_format(d, s);
		assert_int_equal(day_parse(s), d);
	}
	assert_int_equal(day_parse("2026-11-23 08:12:00"), day_from_ymd(2026, 11, 23));
}

static void days_reject_bad(void **state)
{
	(void)state;
	const char *bad[] = { "", "2026-02-29", "2026-13-01", "2026-00-10", "2026-1-1",
			      "20261123", "2026-11-31", "abcd-ef-gh", "2026-11-23x", NULL };
	for (int i = 0; bad[i]; i++)
		assert_int_equal(day_parse(bad[i]), -1);
	assert_int_equal(day_parse(NULL), -1);
}

static const char *const quarantine[] = { "none", "school", "home", NULL };
static const struct form_field f_text = { "t", FORM_TEXT, true, 1, 4, NULL };
static const struct form_field f_opt = { "o", FORM_TEXT, false, 0, 10, NULL };
static const struct form_field f_temp = { "temp", FORM_DECIMAL, true, 34, 43, NULL };
static const struct form_field f_int = { "n", FORM_INT, true, 1, 10, NULL };
static const struct form_field f_date = { "d", FORM_DATE, true, 0, 0, NULL };
static const struct form_field f_bool = { "b", FORM_BOOL, false, 0, 0, NULL };
static const struct form_field f_choice = { "q", FORM_CHOICE, true, 0, 0, quarantine };

static void form_validates(void **state)
{
	(void)state;
	assert_string_equal(form_field_error(&f_text, NULL), "form.err.required");
	assert_string_equal(form_field_error(&f_text, ""), "form.err.required");
	assert_null(form_field_error(&f_opt, ""));
	assert_null(form_field_error(&f_text, "张三李四"));      /* 4 characters, 12 bytes */
	assert_string_equal(form_field_error(&f_text, "张三李四五"), "form.err.toolong");
	assert_string_equal(form_field_error(&f_text, "a\001b"), "form.err.chars");
	assert_string_equal(form_field_error(&f_text, "\xff\xfe"), "form.err.chars");
	assert_null(form_field_error(&f_temp, "36.5"));
	assert_null(form_field_error(&f_temp, "37"));
	assert_string_equal(form_field_error(&f_temp, "36.55"), "form.err.number");
	assert_string_equal(form_field_error(&f_temp, "45"), "form.err.range");
	assert_string_equal(form_field_error(&f_temp, "hot"), "form.err.number");
	assert_string_equal(form_field_error(&f_temp, "nan"), "form.err.number");
	assert_string_equal(form_field_error(&f_int, "3.5"), "form.err.number");
	assert_string_equal(form_field_error(&f_int, " 3"), "form.err.number");
	assert_null(form_field_error(&f_int, "10"));
	assert_null(form_field_error(&f_date, "2026-11-23"));
	assert_string_equal(form_field_error(&f_date, "2026-11-31"), "form.err.date");
	assert_null(form_field_error(&f_bool, "1"));
	assert_string_equal(form_field_error(&f_bool, "yes"), "form.err.choice");
	assert_null(form_field_error(&f_choice, "home"));
	assert_string_equal(form_field_error(&f_choice, "hotel"), "form.err.choice");
}

/* Issue 13, finding 5: strtod() took hex, exponents and more. */
static void form_numbers_strict(void **state)
{
	(void)state;
	const char *bad[] = { "0x24.8", "0x25", "3.65e1", "+36.5", "36.5 ", "36.5abc",
			      "inf", "-nan", "36.", ".5", "3 6", "36,5", "１２", "",
			      "99999999999999999999", NULL };
	for (int i = 0; bad[i]; i++)
		if (*bad[i])
			assert_string_equal(form_field_error(&f_temp, bad[i]), "form.err.number");
	assert_string_equal(form_field_error(&f_int, "0x5"), "form.err.number");
	assert_string_equal(form_field_error(&f_int, "5abc"), "form.err.number");
	assert_string_equal(form_field_error(&f_int, "-0"), "form.err.range");
	assert_null(form_field_error(&f_temp, "36.0"));
	assert_null(form_field_error(&f_temp, "42.9"));
	assert_int_equal(form_id("12"), 12);
	assert_int_equal(form_id("000000000000000042"), 42);
	assert_int_equal(form_id("999999999999999999"), 999999999999999999LL);
	const char *not_ids[] = { "", "0", "12abc", " 12", "+12", "-12", "0x1f", "1e3", "12 ",
				  "1234567890123456789", NULL };
	for (int i = 0; not_ids[i]; i++)
		assert_int_equal(form_id(not_ids[i]), 0);
	assert_int_equal(form_id(NULL), 0);
}

#define BAD(s, allow) utf8_bad_at(s, sizeof s - 1, allow)

static void utf8_checks(void **state)
{
	(void)state;
	assert_int_equal(BAD("", 0), -1);
	assert_int_equal(BAD("Beijing 北京 🙂 é", 0), -1);
	assert_int_equal(BAD("\xc2\xa0\xef\xbf\xbd\xf4\x8f\xbf\xbf", 0), -1); /* NBSP, U+FFFD, U+10FFFF */
	assert_int_equal(BAD("a\xc0\x80", 0), 1);        /* overlong NUL */
	assert_int_equal(BAD("\xc1\xbf", 0), 0);          /* overlong '~' */
	assert_int_equal(BAD("\xe0\x80\xaf", 0), 0);      /* overlong '/' */
	assert_int_equal(BAD("\xf0\x8f\xbf\xbf", 0), 0);  /* overlong U+FFFF */
	assert_int_equal(BAD("\xf7\xbf\xbf\xbf", 0), 0);  /* above U+10FFFF */
	assert_int_equal(BAD("\xf4\x90\x80\x80", 0), 0);  /* U+110000 */
	assert_int_equal(BAD("\xed\xa0\x80", 0), 0);      /* a surrogate */
	assert_int_equal(BAD("\xed\xbf\xbf", 0), 0);      /* a surrogate */
	assert_int_equal(BAD("x\xe4\xb8", 0), 1);         /* cut short */
	assert_int_equal(BAD("\xe4\x41\xad", 0), 0);      /* not a continuation */
	assert_int_equal(BAD("\x80", 0), 0);
	assert_int_equal(BAD("\xfe\xff", 0), 0);
	assert_int_equal(BAD("Bei\0jing", 0), 3);
	assert_int_equal(BAD("a\x01", 0), 1);
	assert_int_equal(BAD("a\x7f", 0), 1);
	assert_int_equal(BAD("a\xc2\x85", 0), 1);          /* C1 NEL */
	assert_int_equal(BAD("a\tb", 0), 1);
	assert_int_equal(BAD("a\tb", UTF8_TAB), -1);
	assert_int_equal(BAD("a\r\nb", UTF8_TAB), 1);
	assert_int_equal(BAD("a\r\nb", UTF8_LINES), -1);
	assert_int_equal(utf8_chars("张三 ab🙂"), 6);
}

static void scope_rules(void **state)
{
	(void)state;
	struct subject s = { .person_id = 10, .counselor_id = 20, .college_id = 3 };
	struct actor self = { .person_id = 10, .roles = R_STUDENT };
	struct actor other = { .person_id = 11, .roles = R_STUDENT };
	struct actor counselor = { .person_id = 20, .roles = R_STAFF | R_COUNSELOR };
	struct actor counselor2 = { .person_id = 21, .roles = R_STAFF | R_COUNSELOR };
	struct actor reviewer = { .person_id = 30, .roles = R_STAFF | R_REVIEWER, .reviewer_college_id = 3 };
	struct actor reviewer2 = { .person_id = 31, .roles = R_STAFF | R_REVIEWER, .reviewer_college_id = 4 };
	struct actor admin = { .person_id = 40, .roles = R_STAFF | R_ADMIN };
	struct actor gate = { .person_id = 50, .roles = R_STAFF | R_GATE };
	struct actor nobody = { 0 };

	assert_true(scope_allows(&self, &s));
	assert_false(scope_allows(&other, &s));
	assert_true(scope_allows(&counselor, &s));
	assert_false(scope_allows(&counselor2, &s));
	assert_true(scope_allows(&reviewer, &s));
	assert_false(scope_allows(&reviewer2, &s));
	assert_true(scope_allows(&admin, &s));
	assert_false(scope_allows(&gate, &s));
	assert_false(scope_allows(&nobody, &s));
	/* A reassigned student leaves the old counselor's scope. */
	s.counselor_id = 21;
	assert_false(scope_allows(&counselor, &s));
	assert_true(scope_allows(&counselor2, &s));
	/* Acting as staff: never on oneself (a counselor who is also a
	 * student of their own, an admin's own report). */
	assert_false(scope_allows_acting(&self, &s));
	assert_true(scope_allows_acting(&counselor2, &s));
	assert_true(scope_allows_acting(&admin, &s));
	struct subject own = { .person_id = 40, .counselor_id = 40, .college_id = 3 };
	assert_true(scope_allows(&admin, &own));
	assert_false(scope_allows_acting(&admin, &own));
	/* A department head: the staff of their unit, no student. */
	struct actor head = { .person_id = 60, .roles = R_STAFF | R_DEPT_HEAD, .head_college_id = 3 };
	struct actor head2 = { .person_id = 61, .roles = R_STAFF | R_DEPT_HEAD, .head_college_id = 4 };
	struct subject teacher = { .person_id = 70, .college_id = 3, .staff = true };
	assert_true(scope_allows(&head, &teacher));
	assert_false(scope_allows(&head2, &teacher));
	assert_false(scope_allows(&head, &s));
	assert_false(scope_allows(&counselor, &teacher));
}

/* The phone numbers a code may be sent to (seed 002). */
static void phone_numbers(void **state)
{
	(void)state;
	assert_true(phone_valid("13912345678"));
	assert_true(phone_valid("19900000000"));
	assert_false(phone_valid("12912345678"));   /* no such prefix */
	assert_false(phone_valid("23912345678"));
	assert_false(phone_valid("1391234567"));    /* ten digits */
	assert_false(phone_valid("139123456789"));
	assert_false(phone_valid("1391234567a"));
	assert_false(phone_valid(""));
	assert_false(phone_valid(NULL));
}

/* Where a redirect may send a browser (issue 13, finding 3). */
static void local_paths(void **state)
{
	static const char *const ok[] = {
		"/", "/card", "/checkin?day=2026-11-30&done=1", "/login?next=%2Fcard",
		"/table?term=1&q=%E5%8C%97", "/a:b@c", NULL,
	};
	static const char *const bad[] = {
		"", "card", "//evil.example/", "/\\evil.example", "/\t/evil.example/phish",
		"/\n/evil.example", "/\r\nSet-Cookie: x=1", "/ /evil", "/\x7f", "/\xe5\x8c\x97",
		"https://evil.example/", "/x\"onmouseover=1", "/<script>", "/a`b", "/{x}", "/a|b", "/a^b",
		NULL,
	};
	char longest[1100];

	for (int i = 0; ok[i]; i++)
		assert_true(url_local_path(ok[i]));
	for (int i = 0; bad[i]; i++) {
		if (url_local_path(bad[i]))
			fail_msg("accepted as local: \"%s\"", bad[i]);
	}
	assert_false(url_local_path(NULL));
	memset(longest, 'a', sizeof longest - 1);
	longest[0] = '/';
	longest[sizeof longest - 1] = '\0';
	assert_false(url_local_path(longest));
}

/* The path the site is served under (Site.Prefix, issue 17), and the
 * site's own path of what a browser sent under it. */
static void site_prefixes(void **state)
{
	static const char *const ok[] = { "", "/healthcard", "/a/b-c.d_e~f", "/X1", NULL };
	static const char *const bad[] = {
		"/", "healthcard", "/healthcard/", "//x", "/a//b", "/a b", "/a?b", "/a\"b",
		"/a<b", "/\xe5\x8c\x97", NULL,
	};
	char longest[120];

	(void)state;
	for (int i = 0; ok[i]; i++)
		if (!url_prefix_ok(ok[i]))
			fail_msg("refused as a prefix: \"%s\"", ok[i]);
	for (int i = 0; bad[i]; i++)
		if (url_prefix_ok(bad[i]))
			fail_msg("accepted as a prefix: \"%s\"", bad[i]);
	assert_false(url_prefix_ok(NULL));
	memset(longest, 'a', sizeof longest - 1);
	longest[0] = '/';
	longest[sizeof longest - 1] = '\0';
	assert_false(url_prefix_ok(longest));

	assert_string_equal(url_strip_prefix("/card?x=1", ""), "/card?x=1");
	assert_string_equal(url_strip_prefix("/healthcard/card?x=1", "/healthcard"), "/card?x=1");
	assert_string_equal(url_strip_prefix("/healthcard/", "/healthcard"), "/");
	assert_string_equal(url_strip_prefix("/healthcard", "/healthcard"), "/");
	assert_string_equal(url_strip_prefix("/healthcard?lang=en", "/healthcard"), "/");
	assert_null(url_strip_prefix("/healthcardx/card", "/healthcard"));
	assert_null(url_strip_prefix("/card", "/healthcard"));
	assert_null(url_strip_prefix("card", ""));
	assert_null(url_strip_prefix(NULL, "/healthcard"));
}

/* The outbox's texts come from the language packs (outbox.* in
 * templates/lang/), in both languages; the zh-CN ones are word for word
 * those the pages wrote in C before. */
static void outbox_texts(void **state)
{
	const char *root = getenv("ROOT");
	char dir[1024], out[700], key[80];
	int n = 0;

	(void)state;
	err_init();
	snprintf(dir, sizeof dir, "%s/templates", root ? root : ".");
	assert_null(lang_load(dir));
	lang_fill("zh-CN", "outbox.makeup_rejected", "2026-03-01", "晚了 {day}", out, sizeof out);
	assert_string_equal(out, "【健康打卡】您 2026-03-01 的补卡申请未通过：晚了 {day}");
	lang_fill("zh-CN", "outbox.cleared", "2026-03-01", NULL, out, sizeof out);
	assert_string_equal(out, "【健康打卡】您 2026-03-01 的异常打卡已由辅导员核实。");
	lang_fill("zh-CN", "outbox.return_sent_back", "", "缺票据", out, sizeof out);
	assert_string_equal(out, "【返校申请】已退回，请修改后重新提交：缺票据");
	lang_fill("en", "outbox.sent_back", "2026-03-01", "Wrong city.", out, sizeof out);
	assert_string_equal(out, "[Health check-in] Your check-in of 2026-03-01 was sent back by "
			    "your counselor: please report that day again, truthfully. Wrong city.");
	lang_fill("fr", "outbox.remind", NULL, NULL, out, sizeof out);
	assert_string_equal(out, "【健康打卡】您今日尚未完成健康打卡，请尽快登录系统上报。");
	lang_fill("en", "outbox.remind", NULL, NULL, out, 8);
	assert_string_equal(out, "[Health");
	lang_fill("en", "outbox.none", "2026-03-01", NULL, out, sizeof out);
	assert_string_equal(out, "outbox.none");
	for (HDF *h = hdf_obj_child(hdf_get_obj(lang_pack(0), "outbox")); h; h = hdf_obj_next(h), n++) {
		snprintf(key, sizeof key, "outbox.%s", hdf_obj_name(h));
		if (hdf_get_value(lang_pack(1), key, NULL) == NULL)
			fail_msg("%s is missing from en.hdf", key);
	}
	/* 9, the phone's code (issue 14), three of issue 16's, and a fever at
	 * an entrance opened and cleared, a temporary pass and a leave approved
	 * and rejected (issue 15); an ID photo rejected, a commute report
	 * approved and rejected (issue 15, sql/027). */
	assert_int_equal(n, 22);
	lang_fill("zh-CN", "outbox.phone_code", "15", "042917", out, sizeof out);
	assert_string_equal(out, "【健康打卡】您的手机验证码为 042917，15 分钟内有效，请勿告诉他人。");
}

/* The texts that name the check-in streak say the rule in force: {days}
 * is left in the packs and the configuration, and filled by the page
 * with the number it counts (the rule lives in the database). */
static void streak_texts(void **state)
{
	const char *root = getenv("ROOT");
	char dir[1024], path[] = "/tmp/hc-streak-XXXXXX", text[200];
	HDF *copy = NULL;
	FILE *f;
	int fd;

	(void)state;
	err_init();
	snprintf(dir, sizeof dir, "%s/templates", root ? root : ".");
	assert_null(lang_load(dir));
	assert_non_null(strstr(lang_text("en", "card.why.streak"), "each of the {days} days"));
	snprintf(text, sizeof text, "%s", lang_text("zh-CN", "scan.why.checkins_missing"));
	conf_text_days(text, sizeof text, 14);
	assert_non_null(strstr(text, "返校前 14 天"));
	assert_null(strstr(text, "{days}"));
	snprintf(text, sizeof text, "{days}-{days} {days}");
	conf_text_days(text, sizeof text, 7);
	assert_string_equal(text, "7-7 7");
	/* The configured default, and a copy of the notice filled. */
	fd = mkstemp(path);
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	fputs("Policy.StreakDays = 7\nReturn.Notice = 返校前 {days} 天须每天打卡\n"
	      "Return.Quiz.0.Option.1 = {days} 天\nReturn.Quiz.0.Answer = 1\n", f);
	fclose(f);
	setenv("HEALTHCARD_CONF", path, 1);
	assert_null(conf_load());
	assert_int_equal(conf_streak_days(), 7);
	assert_string_equal(conf_str("Return.Notice", ""), "返校前 {days} 天须每天打卡");
	assert_null(hdf_init(&copy));
	assert_null(hdf_copy(copy, "R", hdf_get_obj(conf_hdf(), "Return")));
	assert_null(conf_fill_days(hdf_get_obj(copy, "R"), 5));
	assert_string_equal(hdf_get_value(copy, "R.Notice", ""), "返校前 5 天须每天打卡");
	assert_string_equal(hdf_get_value(copy, "R.Quiz.0.Option.1", ""), "5 天");
	hdf_destroy(&copy);
	/* Out of range: what the card counts (1 to 60). */
	f = fopen(path, "w");
	fputs("Policy.StreakDays = 100\n", f);
	fclose(f);
	assert_null(conf_load());
	assert_int_equal(conf_streak_days(), 60);
	unlink(path);
	unsetenv("HEALTHCARD_CONF");
}

/* A set of ids bound as one JSON array: closed after every call, never
 * cut in the middle of a number when the buffer fills. */
static void idlist_json(void **state)
{
	char buf[12];
	struct idlist l;
	STRING s;
	(void)state;

	idlist_init(&l, buf, sizeof buf);
	assert_string_equal(buf, "[]");
	assert_true(idlist_add(&l, 7));
	assert_string_equal(buf, "[7]");
	assert_true(idlist_add(&l, 123));
	assert_true(idlist_add(&l, -4));
	assert_string_equal(buf, "[7,123,-4]");
	assert_int_equal(l.n, 3);
	assert_false(idlist_add(&l, 5));        /* "[7,123,-4,5]" is 12 bytes and the NUL */
	assert_string_equal(buf, "[7,123,-4]");
	assert_int_equal(l.n, 3);
	assert_int_equal(l.len, strlen(buf));

	string_init(&s);
	assert_null(idlist_append(&s, 9));
	assert_string_equal(s.buf, "[9]");
	string_clear(&s);
	assert_null(string_append(&s, "[]"));
	assert_null(idlist_append(&s, 1));
	assert_null(idlist_append(&s, 9000000000LL));
	assert_string_equal(s.buf, "[1,9000000000]");
	string_clear(&s);
}

/* The steps of a rule's transaction: a refusal only when its condition
 * holds, and then the field and key; 404 before 403; a taken key a
 * refusal, any other error passed on. */
static void outcome_steps(void **state)
{
	struct outcome o = { .ok = true };
	struct actor college_admin = { .person_id = 7, .admin_college_id = 3 };
	struct actor school = { .person_id = 1, .roles = R_ADMIN };
	NEOERR *err;

	(void)state;
	err_init();
	assert_false(outcome_refuse_if(&o, false, "f", "k"));
	assert_true(o.ok);
	assert_null(o.msg);
	assert_true(outcome_refuse_if(&o, true, "role", "roles.err.has_students"));
	assert_false(o.ok);
	assert_string_equal(o.field, "role");
	assert_string_equal(o.msg, "roles.err.has_students");

	o = (struct outcome){ .ok = true };
	assert_false(outcome_out_of_reach(&o, &college_admin, true, 3));
	assert_true(o.ok);
	assert_true(outcome_out_of_reach(&o, &college_admin, false, 4));
	assert_true(o.not_found);
	assert_false(o.forbidden);
	o = (struct outcome){ .ok = true };
	assert_true(outcome_out_of_reach(&o, &college_admin, true, 4));
	assert_true(o.forbidden);
	assert_false(o.not_found);
	assert_false(o.ok);
	o = (struct outcome){ .ok = true };
	assert_false(outcome_out_of_reach(&o, &school, true, 4));
	assert_true(o.ok);

	o = (struct outcome){ .ok = true };
	assert_null(outcome_conflict(STATUS_OK, &o, "login", "account.err.login_taken"));
	assert_true(o.ok);
	assert_null(outcome_conflict(nerr_raise(HC_ERR_CONFLICT, "dup"), &o, "login",
				     "account.err.login_taken"));
	assert_false(o.ok);
	assert_string_equal(o.msg, "account.err.login_taken");
	o = (struct outcome){ .ok = true };
	err = outcome_conflict(nerr_raise(HC_ERR_DBDOWN, "gone"), &o, "login", "x");
	assert_true(nerr_match(err, HC_ERR_DBDOWN));
	assert_true(o.ok);
	nerr_ignore(&err);
}

/* HDF_PUT: each field written by its type under prefix; a zero number,
 * a false bool, an empty text and a NULL pointer left unset, as db_rows()
 * leaves NULL. */
static void hdf_put_by_type(void **state)
{
	struct {
		int i, zero;
		long long l;
		bool b, f;
		char s[8], empty[4];
		const char *ptr, *none;
	} v = { -42, 0, 9000000000LL, true, false, "abc", "", "text", NULL };
	HDF *h = NULL;

	(void)state;
	assert_null(hdf_init(&h));
	assert_null(HDF_PUT(h, "X.Y", HDF_F(v, i), HDF_F(v, zero), HDF_F(v, l), HDF_F(v, b),
			    HDF_F(v, f), HDF_F(v, s), HDF_F(v, empty), HDF_AS("other", v.s),
			    HDF_F(v, ptr), HDF_F(v, none)));
	assert_string_equal(hdf_get_value(h, "X.Y.ptr", "-"), "text");
	assert_null(hdf_get_value(h, "X.Y.none", NULL));
	assert_string_equal(hdf_get_value(h, "X.Y.i", "-"), "-42");
	assert_string_equal(hdf_get_value(h, "X.Y.l", "-"), "9000000000");
	assert_string_equal(hdf_get_value(h, "X.Y.b", "-"), "1");
	assert_string_equal(hdf_get_value(h, "X.Y.s", "-"), "abc");
	assert_string_equal(hdf_get_value(h, "X.Y.other", "-"), "abc");
	assert_null(hdf_get_value(h, "X.Y.zero", NULL));
	assert_null(hdf_get_value(h, "X.Y.f", NULL));
	assert_null(hdf_get_value(h, "X.Y.empty", NULL));
	hdf_destroy(&h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(days_round_trip),
		cmocka_unit_test(days_reject_bad),
		cmocka_unit_test(form_validates),
		cmocka_unit_test(form_numbers_strict),
		cmocka_unit_test(utf8_checks),
		cmocka_unit_test(scope_rules),
		cmocka_unit_test(phone_numbers),
		cmocka_unit_test(local_paths),
		cmocka_unit_test(site_prefixes),
		cmocka_unit_test(outbox_texts),
		cmocka_unit_test(streak_texts),
		cmocka_unit_test(idlist_json),
		cmocka_unit_test(outcome_steps),
		cmocka_unit_test(hdf_put_by_type),
	};
	return cmocka_run_group_tests_name("lib", tests, NULL, NULL);
}
