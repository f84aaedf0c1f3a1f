/*
 * hcboard.c - the change board by hand (lib/board.h), for IT and the tests.
 *
 *   hc-board init              make the board if it is not there (the
 *                              pages make it too; run this as their user)
 *   hc-board touch             everyone: every page process of this host
 *                              re-reads what it kept (after plain SQL, a
 *                              restore, a demo load)
 *   hc-board touch PERSON...   these people only
 *   hc-board show [PERSON...]  "now N", the latest change's number, then
 *                              "PERSON N" for each: their last change (or
 *                              everyone's, if later)
 *
 * Uses the board named by Cache.Board in the pages' configuration
 * ($HEALTHCARD_CONF). Without a board there is nothing to touch: exit 0
 * with a note on stderr, since no page keeps anything then.
 */
#include "app.h"
#include "board.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int usage(void)
{
	fprintf(stderr, "usage: hc-board init | touch [PERSON...] | show [PERSON...]\n");
	return 2;
}

/* The person ids of argv[2..], into ids; false (said on stderr) at the
 * first that is not one. */
static bool person_args(int argc, char **argv, int *ids)
{
	for (int i = 2; i < argc; i++) {
		char *end;
		long v = strtol(argv[i], &end, 10);

		if (*argv[i] == '\0' || *end != '\0' || v < 0 || v > 2147483647L) {
			fprintf(stderr, "hc-board: not a person id: %s\n", argv[i]);
			return false;
		}
		ids[i - 2] = (int)v;
	}
	return true;
}

int main(int argc, char **argv)
{
	NEOERR *err = app_init_tool();
	int *ids = calloc((size_t)argc, sizeof *ids), n = argc - 2;

	if (err || ids == NULL) {
		if (err)
			nerr_log_error(err);
		return 1;
	}
	if (argc < 2 || (strcmp(argv[1], "init") && strcmp(argv[1], "touch") &&
			 strcmp(argv[1], "show")) || (!strcmp(argv[1], "init") && argc != 2))
		return usage();
	if (!strcmp(argv[1], "init")) {
		board_may_create();
		if (!board_ready())
			return 1;     /* board_ready() said why */
		board_mark_all();
		return 0;
	}
	if (!person_args(argc, argv, ids))
		return 2;
	if (!board_ready()) {
		fprintf(stderr, "hc-board: no change board (Cache.Board unset or not made yet): "
			"no page keeps anything\n");
		return 0;
	}
	if (!strcmp(argv[1], "touch")) {
		if (n == 0)
			board_mark_all();
		for (int i = 0; i < n; i++)
			board_mark(ids[i]);
		return 0;
	}
	printf("now %llu\n", (unsigned long long)board_now());
	for (int i = 0; i < n; i++)
		printf("%d %llu\n", ids[i], (unsigned long long)board_last(ids[i]));
	return 0;
}
