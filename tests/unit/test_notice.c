/* test_notice.c - when a 待办 digest goes (lib/domain/notice.h): the
 * quiet hours on a table of cases, the window's end across midnight, and
 * the times a person may type. The notices themselves run over HTTP
 * (t0080). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdbool.h>
#include <string.h>
#include <cmocka.h>

#include "domain/notice.h"

#define M(h, m) ((h) * 60 + (m))

static void quiet_hours_table(void **state)
{
	static const struct { int minute, from, until, want; bool next; } cases[] = {
		/* 22:00-07:00, across midnight */
		{ M(21, 59), M(22, 0), M(7, 0), M(21, 59), false },
		{ M(22, 0), M(22, 0), M(7, 0), M(7, 0), true },
		{ M(23, 30), M(22, 0), M(7, 0), M(7, 0), true },
		{ M(0, 0), M(22, 0), M(7, 0), M(7, 0), false },
		{ M(6, 59), M(22, 0), M(7, 0), M(7, 0), false },
		{ M(7, 0), M(22, 0), M(7, 0), M(7, 0), false },
		{ M(12, 0), M(22, 0), M(7, 0), M(12, 0), false },
		/* 12:00-14:00, the same day (a nap) */
		{ M(11, 59), M(12, 0), M(14, 0), M(11, 59), false },
		{ M(12, 0), M(12, 0), M(14, 0), M(14, 0), false },
		{ M(13, 59), M(12, 0), M(14, 0), M(14, 0), false },
		{ M(14, 0), M(12, 0), M(14, 0), M(14, 0), false },
		/* none: equal ends, or unset */
		{ M(23, 0), M(8, 0), M(8, 0), M(23, 0), false },
		{ M(23, 0), -1, M(7, 0), M(23, 0), false },
	};
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		bool next = !cases[i].next;
		int got = notice_quiet_end(cases[i].minute, cases[i].from, cases[i].until, &next);

		assert_int_equal(got, cases[i].want);
		assert_int_equal(next, cases[i].next);
	}
}

static void due_at_table(void **state)
{
	static const struct { const char *now; int digest, from, until; const char *want; } cases[] = {
		{ "2026-11-30 10:00:07", 15, M(22, 0), M(7, 0), "2026-11-30 10:15:07" },
		/* the window ends in the quiet hours: the morning */
		{ "2026-11-30 21:50:00", 15, M(22, 0), M(7, 0), "2026-12-01 07:00:00" },
		{ "2026-11-30 23:10:00", 15, M(22, 0), M(7, 0), "2026-12-01 07:00:00" },
		{ "2026-12-01 02:10:00", 15, M(22, 0), M(7, 0), "2026-12-01 07:00:00" },
		{ "2026-12-01 06:50:00", 15, M(22, 0), M(7, 0), "2026-12-01 07:05:00" },
		/* across midnight and a month's end, no quiet hours */
		{ "2026-12-31 23:55:30", 15, -1, -1, "2027-01-01 00:10:30" },
		{ "2026-11-30 10:00:00", 0, M(22, 0), M(7, 0), "2026-11-30 10:00:00" },
	};
	char out[20];

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		notice_due_at(cases[i].now, cases[i].digest, cases[i].from, cases[i].until, out);
		assert_string_equal(out, cases[i].want);
	}
}

static void minute_parse(void **state)
{
	(void)state;
	assert_int_equal(notice_minute_parse("22:00"), M(22, 0));
	assert_int_equal(notice_minute_parse("07:05"), M(7, 5));
	assert_int_equal(notice_minute_parse("7:05"), M(7, 5));
	assert_int_equal(notice_minute_parse("23:59:00"), M(23, 59));
	assert_int_equal(notice_minute_parse("24:00"), -1);
	assert_int_equal(notice_minute_parse("12:60"), -1);
	assert_int_equal(notice_minute_parse("12"), -1);
	assert_int_equal(notice_minute_parse("12:00x"), -1);
	assert_int_equal(notice_minute_parse(""), -1);
	assert_int_equal(notice_minute_parse(NULL), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(quiet_hours_table),
		cmocka_unit_test(due_at_table),
		cmocka_unit_test(minute_parse),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
