/* test_calendar.c - the calendars' days (read/calendar.h) worked out in C
 * from a person's reports, open make-up requests and exemptions, without
 * a database: every state and the order in which they win; and the
 * exemption that holds on a day (domain/exempt.h exempt_pick()), the one
 * the card names. The same calendars against the database: t0060. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "read/calendar.h"
#include "core/days.h"

static struct exemption range(const char *from, const char *until)
{
	struct exemption e;

	memset(&e, 0, sizeof e);
	strcpy(e.kind, "person");
	strcpy(e.starts_on, from);
	strcpy(e.ends_on, until);
	return e;
}

/* Exemptions in exempt_ranges()' order: open-ended first, then the latest
 * end; the first that holds on the day is the card's. */
static void pick(void **state)
{
	struct exemption ex[3] = {
		range("2026-11-20", ""), range("2026-11-01", "2026-11-30"),
		range("2026-10-01", "2026-10-31"),
	};

	(void)state;
	assert_ptr_equal(exempt_pick(ex, 3, "2026-11-25"), &ex[0]);
	assert_ptr_equal(exempt_pick(ex, 3, "2026-11-20"), &ex[0]);  /* its first day */
	assert_ptr_equal(exempt_pick(ex, 3, "2026-11-19"), &ex[1]);
	assert_ptr_equal(exempt_pick(ex, 3, "2026-11-01"), &ex[1]);
	assert_ptr_equal(exempt_pick(ex, 3, "2026-10-31"), &ex[2]);  /* its last day */
	assert_null(exempt_pick(ex, 3, "2026-09-30"));
	assert_null(exempt_pick(ex, 0, "2026-11-25"));
	assert_null(exempt_pick(ex + 1, 2, "2026-12-01"));           /* ended the day before */

	/* The order the calendar's read keeps them in, as exempt_ranges()'
	 * ORDER BY: open-ended first, then the latest end, then the oldest. */
	struct exemption a = range("2026-11-01", ""), b = range("2026-09-01", "");
	a.id = 7;
	b.id = 3;
	assert_true(exempt_before(&b, &a));          /* both open: the oldest */
	assert_false(exempt_before(&a, &b));
	assert_true(exempt_before(&a, &ex[1]));      /* open before ended */
	assert_false(exempt_before(&ex[1], &a));
	assert_true(exempt_before(&ex[1], &ex[2]));  /* the later end first */
	assert_false(exempt_before(&ex[2], &ex[1]));
	assert_false(exempt_before(&a, &a));
}

static int day(const char *s)
{
	return day_or_0(s);
}

/* Ten days, 2026-11-21 (index 9) to today 2026-11-30 (index 0). */
static void states(void **state)
{
	int today = day("2026-11-30"), from = today - 9;
	struct exemption ex[2] = { range("2026-11-27", "2026-11-28"), range("2026-11-22", "2026-11-23") };
	struct calendar_fact f[] = {
		/* Reports: sent back, a quick-filled copy (on an exempt day: a
		 * report wins), a make-up, a plain one filled by a roommate,
		 * and one before the calendar (not shown). */
		{ day("2026-11-29"), true, "sent_back", NULL },
		{ day("2026-11-28"), true, "bulk", NULL },
		{ day("2026-11-26"), true, "made_up", NULL },
		{ day("2026-11-25"), true, "done", "Roommate" },
		{ day("2026-11-10"), true, "done", NULL },
		/* Open requests: pending, approved, and one on an exempt day
		 * (the exemption wins). */
		{ day("2026-11-24"), false, "pending", NULL },
		{ day("2026-11-21"), false, "approved", NULL },
		{ day("2026-11-22"), false, "pending", NULL },
	};
	struct calendar_day d[10];
	static const char *const want[10] = {
		"today", "sent_back", "bulk", "exempt", "made_up", "done", "pending",
		"exempt", "exempt", "approved",
	};

	(void)state;
	calendar_states(f, 8, ex, 2, from, today, today, d);
	for (int i = 0; i < 10; i++) {
		assert_int_equal(d[i].day, today - i);
		assert_string_equal(d[i].state, want[i]);
	}
	assert_string_equal(d[5].filler, "Roommate");
	assert_string_equal(d[4].filler, "");

	/* Without the exemptions those days are missed (today too, once it
	 * is past), and an open-ended exemption from before the calendar
	 * covers every day without a report, today included. */
	calendar_states(f, 8, NULL, 0, from, today, today + 1, d);
	assert_string_equal(d[0].state, "missed");
	assert_string_equal(d[3].state, "missed");
	assert_string_equal(d[8].state, "pending");
	struct exemption open = range("2026-01-01", "");
	calendar_states(f, 8, &open, 1, from, today, today, d);
	assert_string_equal(d[0].state, "exempt");
	assert_string_equal(d[1].state, "sent_back");
	assert_string_equal(d[6].state, "exempt");   /* over a pending request */
}

int main(void)
{
	const struct CMUnitTest tests[] = { cmocka_unit_test(pick), cmocka_unit_test(states) };
	return cmocka_run_group_tests(tests, NULL, NULL);
}
