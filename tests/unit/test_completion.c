/* test_completion.c - the colleges' completion rate (read/completion.h):
 * tenths of a percent, rounded half up, none when nobody was expected.
 * The rates over real data: t0085. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "read/completion.h"

static void permille(void **state)
{
	(void)state;
	assert_int_equal(completion_permille(0, 0), -1);
	assert_int_equal(completion_permille(0, 10), 0);
	assert_int_equal(completion_permille(10, 10), 1000);
	assert_int_equal(completion_permille(1, 3), 333);
	assert_int_equal(completion_permille(2, 3), 667);
	assert_int_equal(completion_permille(953, 1000), 953);
	assert_int_equal(completion_permille(1, 2000), 1);   /* 0.05 % rounds up */
	assert_int_equal(completion_permille(29999, 30000), 1000);
	assert_int_equal(completion_permille(29950, 30000), 998);
}

int main(void)
{
	const struct CMUnitTest tests[] = { cmocka_unit_test(permille) };
	return cmocka_run_group_tests(tests, NULL, NULL);
}
