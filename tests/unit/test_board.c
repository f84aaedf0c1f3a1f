/*
 * test_board.c - the change board (lib/board.c): what a reader may keep,
 * marks by person and for everyone, the triggers' lists, ids without a
 * slot, and two processes sharing one file.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "board.h"

static char path[64];

static int setup(void **state)
{
	(void)state;
	snprintf(path, sizeof path, "/tmp/hc-board-test.XXXXXX");
	int fd = mkstemp(path);
	if (fd < 0)
		return -1;
	close(fd);
	unlink(path);             /* board_open() makes it */
	return board_open(path, 1000, true) == STATUS_OK ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	board_close();
	unlink(path);
	return 0;
}

static void marks_by_person(void **state)
{
	uint64_t seen;

	(void)state;
	seen = board_now();
	assert_true(board_unchanged(12, seen));
	board_mark(12);
	assert_false(board_unchanged(12, seen));
	assert_true(board_unchanged(13, seen));
	/* What is read after the mark may be kept again. */
	seen = board_now();
	assert_true(board_unchanged(12, seen));
	assert_true(board_last(12) <= seen);
}

static void mark_all_reaches_everyone(void **state)
{
	uint64_t seen;

	(void)state;
	seen = board_now();
	board_mark_all();
	assert_false(board_unchanged(0, seen));
	assert_false(board_unchanged(999, seen));
	assert_true(board_unchanged(999, board_now()));
}

static void ids_without_slot_are_never_kept(void **state)
{
	uint64_t seen;

	(void)state;
	seen = board_now();
	assert_false(board_unchanged(1000, seen));
	assert_false(board_unchanged(-1, seen));
	/* Marking one of them marks everyone: nothing can say it was not. */
	board_mark(5000);
	assert_false(board_unchanged(3, seen));
}

static void trigger_lists(void **state)
{
	uint64_t seen;

	(void)state;
	seen = board_now();
	board_mark_list("7,40,0");
	assert_false(board_unchanged(7, seen));
	assert_false(board_unchanged(40, seen));
	assert_false(board_unchanged(0, seen));
	assert_true(board_unchanged(8, seen));

	seen = board_now();
	board_mark_list("");
	board_mark_list(NULL);
	assert_true(board_unchanged(8, seen));
	assert_int_equal(board_now(), seen);

	board_mark_list("*");
	assert_false(board_unchanged(8, seen));

	/* A list that is not ours marks everyone rather than some. */
	seen = board_now();
	board_mark_list("3,x");
	assert_false(board_unchanged(500, seen));
	seen = board_now();
	board_mark_list("3;4");
	assert_false(board_unchanged(500, seen));
}

static void shared_between_processes(void **state)
{
	uint64_t seen;
	pid_t pid;
	int status = 0;

	(void)state;
	seen = board_now();
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		/* Another page process: its own mapping of the same file. */
		if (board_open(path, 1000, true) != STATUS_OK)
			_exit(1);
		board_mark(21);
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	assert_false(board_unchanged(21, seen));
	assert_true(board_unchanged(22, seen));
}

static void reopening_keeps_the_marks(void **state)
{
	uint64_t last;

	(void)state;
	board_mark(33);
	last = board_last(33);
	/* A later opener asking for another size gets the file's. */
	assert_int_equal(board_open(path, 50, false), STATUS_OK);
	assert_int_equal(board_last(33), last);
	assert_true(board_unchanged(999, board_now()));
}

static void tools_do_not_create(void **state)
{
	char other[64];
	NEOERR *err;

	(void)state;
	snprintf(other, sizeof other, "%s.none", path);
	err = board_open(other, 1000, false);
	assert_true(err != STATUS_OK);
	nerr_ignore(&err);
	assert_int_equal(access(other, F_OK), -1);
	assert_int_equal(board_open(path, 1000, false), STATUS_OK);
}

/* A file of these bytes is refused as a board, even by an opener that may
 * create one, and left as it was; then the test's board is opened again. */
static void refused_and_untouched(const char *suffix, const unsigned char *bytes, size_t n)
{
	char other[64];
	unsigned char back[4096];
	FILE *f;
	NEOERR *err;

	assert_true(n <= sizeof back);
	snprintf(other, sizeof other, "%s.%s", path, suffix);
	f = fopen(other, "w");
	assert_non_null(f);
	assert_int_equal(fwrite(bytes, 1, n, f), n);
	fclose(f);
	err = board_open(other, 100, true);
	assert_true(err != STATUS_OK);
	nerr_ignore(&err);
	assert_false(board_unchanged(1, board_now()));
	f = fopen(other, "r");
	assert_non_null(f);
	assert_int_equal(fread(back, 1, sizeof back, f), n);
	fclose(f);
	assert_memory_equal(back, bytes, n);
	unlink(other);
	assert_int_equal(board_open(path, 1000, true), STATUS_OK);
}

static void a_sized_file_is_never_written(void **state)
{
	/* Zeros where a board's magic would be: someone's file all the same. */
	static const unsigned char zeros[4096];

	(void)state;
	refused_and_untouched("zeros", zeros, sizeof zeros);
}

static void not_a_board(void **state)
{
	unsigned char text[2000];

	(void)state;
	for (size_t i = 0; i < sizeof text; i++)
		text[i] = (unsigned char)"not a board at all "[i % 19];
	refused_and_untouched("not", text, sizeof text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(marks_by_person),
		cmocka_unit_test(mark_all_reaches_everyone),
		cmocka_unit_test(ids_without_slot_are_never_kept),
		cmocka_unit_test(trigger_lists),
		cmocka_unit_test(shared_between_processes),
		cmocka_unit_test(reopening_keeps_the_marks),
		cmocka_unit_test(tools_do_not_create),
		cmocka_unit_test(a_sized_file_is_never_written),
		cmocka_unit_test(not_a_board),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
