/*
 * test_policy.c - issue 21's pure rules: the bounds of the school's rules
 * (lib/domain/policy.c) and the cells of a central testing file
 * (lib/domain/centraltest.c): sample times and results as people write
 * them, and what is refused.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "domain/centraltest.h"
#include "domain/policy.h"
#include "domain/question.h"

static struct policy good(void)
{
	struct policy p = { 373, 14, 0, 0, "11:30" };
	return p;
}

static void policy_bounds(void **state)
{
	struct policy p = good();

	(void)state;
	assert_null(policy_bad_field(&p));
	p.fever_tenths = 359;
	assert_string_equal(policy_bad_field(&p), "fever");
	p = good();
	p.fever_tenths = 400;
	assert_null(policy_bad_field(&p));
	p.streak_days = 0;
	assert_string_equal(policy_bad_field(&p), "streak_days");
	p = good();
	p.streak_days = 61;
	assert_string_equal(policy_bad_field(&p), "streak_days");
	p = good();
	p.makeup_days_back = -1;
	assert_string_equal(policy_bad_field(&p), "makeup_days_back");
	p = good();
	p.makeup_per_term = 367;
	assert_string_equal(policy_bad_field(&p), "makeup_per_term");
	p = good();
	strcpy(p.summary_deadline, "24:00");
	assert_string_equal(policy_bad_field(&p), "summary_deadline");
}

static void policy_times(void **state)
{
	(void)state;
	assert_int_equal(policy_minutes("11:30"), 690);
	assert_int_equal(policy_minutes("00:00"), 0);
	assert_int_equal(policy_minutes("23:59"), 1439);
	assert_int_equal(policy_minutes("24:00"), -1);
	assert_int_equal(policy_minutes("11:60"), -1);
	assert_int_equal(policy_minutes("1:30"), -1);
	assert_int_equal(policy_minutes("11-30"), -1);
	assert_int_equal(policy_minutes("ab:cd"), -1);
	assert_int_equal(policy_minutes(""), -1);
	assert_int_equal(policy_minutes(NULL), -1);
}

static void sample_times(void **state)
{
	char out[20];

	(void)state;
	assert_true(ctest_parse_time("2026-11-30 08:30", false, out));
	assert_string_equal(out, "2026-11-30 08:30:00");
	assert_true(ctest_parse_time("2026/11/30 08:30:15", false, out));
	assert_string_equal(out, "2026-11-30 08:30:15");
	assert_true(ctest_parse_time("2026-11-30T23:59", false, out));
	assert_string_equal(out, "2026-11-30 23:59:00");
	assert_true(ctest_parse_time("2026-11-30", false, out));
	assert_string_equal(out, "2026-11-30 00:00:00");
	/* An Excel date-time: 46356.5 is 2026-11-30 at noon. */
	assert_true(ctest_parse_time("46356.5", true, out));
	assert_string_equal(out, "2026-11-30 12:00:00");
	assert_false(ctest_parse_time("46356.5", false, out));
	assert_false(ctest_parse_time("2026-11-31 08:00", false, out));
	assert_false(ctest_parse_time("2026-11-30 24:00", false, out));
	assert_false(ctest_parse_time("2026-11-30 08:60", false, out));
	assert_false(ctest_parse_time("2026-11/30", false, out));
	assert_false(ctest_parse_time("2026-11-30 8:30", false, out));
	assert_false(ctest_parse_time("yesterday", true, out));
	assert_false(ctest_parse_time("", true, out));
}

static void results(void **state)
{
	(void)state;
	assert_string_equal(ctest_parse_result("阴性"), "negative");
	assert_string_equal(ctest_parse_result("Negative"), "negative");
	assert_string_equal(ctest_parse_result("阳性"), "positive");
	assert_string_equal(ctest_parse_result("POSITIVE"), "positive");
	assert_null(ctest_parse_result("不知道"));
	assert_null(ctest_parse_result(""));
	assert_null(ctest_parse_result("阴性 "));
}

/* The daily form's questions: each kind's answers, and a new question's
 * texts and options. */
static void question_answers(void **state)
{
	struct question yn = { 1, QK_YESNO, true, 0 }, ch = { 2, QK_CHOICE, false, 3 };
	struct question num = { 3, QK_NUMBER, false, 0 }, txt = { 4, QK_TEXT, true, 0 };
	char long_text[QUESTION_TEXT_MAX * 3 + 8];

	(void)state;
	assert_null(question_answer_error(&yn, "1"));
	assert_null(question_answer_error(&yn, "0"));
	assert_string_equal(question_answer_error(&yn, ""), "form.err.required");
	assert_string_equal(question_answer_error(&yn, NULL), "form.err.required");
	assert_string_equal(question_answer_error(&yn, "yes"), "form.err.choice");
	assert_null(question_answer_error(&ch, ""));          /* optional */
	assert_null(question_answer_error(&ch, "1"));
	assert_null(question_answer_error(&ch, "3"));
	assert_string_equal(question_answer_error(&ch, "4"), "form.err.choice");
	assert_string_equal(question_answer_error(&ch, "0"), "form.err.choice");
	assert_string_equal(question_answer_error(&ch, "01"), "form.err.choice");
	assert_string_equal(question_answer_error(&ch, "2x"), "form.err.choice");
	assert_null(question_answer_error(&num, "8000"));
	assert_null(question_answer_error(&num, "-1.5"));
	assert_string_equal(question_answer_error(&num, "1e3"), "form.err.number");
	assert_string_equal(question_answer_error(&num, "nan"), "form.err.number");
	assert_string_equal(question_answer_error(&num, "1."), "form.err.number");
	assert_string_equal(question_answer_error(&num, ".5"), "form.err.number");
	assert_string_equal(question_answer_error(&num, "1234567890123"), "form.err.toolong");
	assert_null(question_answer_error(&txt, "无"));
	memset(long_text, 'a', QUESTION_TEXT_MAX + 1);
	long_text[QUESTION_TEXT_MAX + 1] = '\0';
	assert_string_equal(question_answer_error(&txt, long_text), "form.err.toolong");
	assert_string_equal(question_answer_error(&txt, "a\nb"), "form.err.chars");
}

static void question_new_rules(void **state)
{
	struct question_new qn = { QK_CHOICE, false, "楼", "Building", "一\n二\r\n\n", "One\nTwo" };
	const char *msg = NULL;

	(void)state;
	assert_int_equal(question_option_count("一\n二\r\n\n  \n"), 2);
	assert_int_equal(question_option_count(""), 0);
	assert_null(question_new_bad(&qn, &msg));
	qn.options_en = "One";
	assert_string_equal(question_new_bad(&qn, &msg), "options_en");
	assert_string_equal(msg, "question.err.options_same");
	qn.options_zh = "一";
	assert_string_equal(question_new_bad(&qn, &msg), "options_zh");
	qn.kind = QK_YESNO;                    /* options not asked */
	assert_null(question_new_bad(&qn, &msg));
	qn.label_en = "  ";
	assert_string_equal(question_new_bad(&qn, &msg), "label_en");
	assert_string_equal(msg, "form.err.required");
	assert_int_equal(question_kind_parse("choice"), QK_CHOICE);
	assert_int_equal(question_kind_parse("multi"), -1);
	assert_string_equal(question_kind_name(QK_NUMBER), "number");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(policy_bounds),
		cmocka_unit_test(policy_times),
		cmocka_unit_test(sample_times),
		cmocka_unit_test(results),
		cmocka_unit_test(question_answers),
		cmocka_unit_test(question_new_rules),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
