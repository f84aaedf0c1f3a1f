/*
 * board.c - see board.h. The file is a header and one 64-bit number per
 * person id, all updated with atomic operations: no lock, and a process
 * that dies mid-way leaves nothing half-written. A slot only grows.
 */
#include "board.h"
#include "app.h"

#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define BOARD_MAGIC 0x3164726f62636800ULL   /* "\0hcboard1" */
#define BOARD_DEFAULT_SLOTS (1u << 20)     /* 8 MiB, sparse */
#define BOARD_MAX_SLOTS (1u << 26)

struct board_file {
	_Atomic uint64_t magic;
	uint32_t slots;
	uint32_t reserved;
	_Atomic uint64_t seq;         /* the last change's number */
	_Atomic uint64_t all;         /* the last change that concerned everyone */
	_Atomic uint64_t slot[];      /* per person id: their last change */
};

static struct board_file *board;
static size_t board_bytes;
static int tried;                 /* board_ready(): 0 not yet, 1 done */
static bool creator;              /* board_may_create() */

void board_may_create(void)
{
	creator = true;
}

void board_close(void)
{
	if (board)
		munmap(board, board_bytes);
	board = NULL;
	board_bytes = 0;
}

NEOERR *board_open(const char *path, uint32_t slots, bool create)
{
	struct board_file *b;
	struct stat st;
	size_t bytes;
	uint64_t zero = 0;
	bool sized_here;
	int fd;

	board_close();
	if (slots == 0 || slots > BOARD_MAX_SLOTS)
		return nerr_raise(NERR_ASSERT, "board: %u slots", slots);
	fd = open(path, O_RDWR | O_CLOEXEC | (create ? O_CREAT : 0), 0600);
	if (fd < 0)
		return nerr_raise_errno(NERR_IO, "board: cannot open %s", path);
	if (fstat(fd, &st) != 0) {
		close(fd);
		return nerr_raise_errno(NERR_IO, "board: cannot stat %s", path);
	}
	/* A board already there keeps its size; a new one gets ours. Two
	 * processes creating it at once both grow it to the same size. */
	bytes = sizeof *b + (size_t)slots * sizeof b->slot[0];
	if ((size_t)st.st_size < sizeof *b && !create) {
		close(fd);
		return nerr_raise(NERR_ASSERT, "board: %s is not a healthcard board", path);
	}
	sized_here = (size_t)st.st_size < sizeof *b;
	if (sized_here && ftruncate(fd, (off_t)bytes) != 0) {
		close(fd);
		return nerr_raise_errno(NERR_IO, "board: cannot size %s", path);
	}
	if (!sized_here)
		bytes = (size_t)st.st_size;
	b = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	if (b == MAP_FAILED)
		return nerr_raise_errno(NERR_IO, "board: cannot map %s", path);
	/* Whoever sized the file writes the slot count, then the magic; the
	 * others wait for the magic (a moment at most) before trusting the
	 * count. A file found already sized is never written to unless it is
	 * a board: a wrong Cache.Board spoils nobody's file. */
	if (sized_here && atomic_load(&b->magic) == 0) {
		b->slots = (uint32_t)((bytes - sizeof *b) / sizeof b->slot[0]);
		atomic_compare_exchange_strong(&b->magic, &zero, BOARD_MAGIC);
	}
	for (int i = 0; i < 1000 && atomic_load(&b->magic) == 0; i++)
		usleep(100);
	if (atomic_load(&b->magic) != BOARD_MAGIC || b->slots == 0 ||
	    sizeof *b + (size_t)b->slots * sizeof b->slot[0] > bytes) {
		munmap(b, bytes);
		return nerr_raise(NERR_ASSERT, "board: %s is not a healthcard board", path);
	}
	board = b;
	board_bytes = bytes;
	tried = 1;
	return STATUS_OK;
}

bool board_ready(void)
{
	if (!tried) {
		const char *path = conf_str("Cache.Board", "");
		int slots = conf_int("Cache.BoardSlots", (int)BOARD_DEFAULT_SLOTS);

		tried = 1;
		if (*path) {
			NEOERR *err = board_open(path, slots > 0 ? (uint32_t)slots : 0, creator);
			if (err) {
				/* This process keeps nothing across requests (slower,
				 * never wrong), and its writes reach what the others
				 * keep only after their Cache.RecheckMs. */
				STRING s;
				string_init(&s);
				nerr_error_string(err, &s);
				fprintf(stderr, "healthcard: no change board (%s): nothing kept here, "
					"and this process's writes show elsewhere only after "
					"Cache.RecheckMs\n", s.buf ? s.buf : "");
				string_clear(&s);
				nerr_ignore(&err);
			}
		}
	}
	return board != NULL;
}

uint64_t board_now(void)
{
	return board_ready() ? atomic_load(&board->seq) : 0;
}

/* slot = max(slot, n) */
static void raise_to(_Atomic uint64_t *slot, uint64_t n)
{
	uint64_t cur = atomic_load(slot);

	while (cur < n && !atomic_compare_exchange_weak(slot, &cur, n))
		;
}

void board_mark_all(void)
{
	if (board_ready())
		raise_to(&board->all, atomic_fetch_add(&board->seq, 1) + 1);
}

void board_mark(int person)
{
	if (!board_ready())
		return;
	if (person < 0 || (uint32_t)person >= board->slots) {
		board_mark_all();
		return;
	}
	raise_to(&board->slot[person], atomic_fetch_add(&board->seq, 1) + 1);
}

bool board_unchanged(int person, uint64_t since)
{
	return board_ready() && board_last(person) <= since;
}

uint64_t board_last(int person)
{
	uint64_t p, a;

	if (!board_ready())
		return 0;
	if (person < 0 || (uint32_t)person >= board->slots)
		return UINT64_MAX;
	p = atomic_load(&board->slot[person]);
	a = atomic_load(&board->all);
	return p > a ? p : a;
}

void board_mark_list(const char *list)
{
	if (list && !strcmp(list, "*")) {
		board_mark_all();
		return;
	}
	for (const char *p = list; p && *p; ) {
		char *end;
		long id = strtol(p, &end, 10);

		if (end == p || id < 0 || id > 2147483647L || (*end != ',' && *end != '\0')) {
			board_mark_all();     /* not a list we wrote: be safe */
			return;
		}
		board_mark((int)id);
		p = *end ? end + 1 : end;
	}
}
