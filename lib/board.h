/*
 * board.h - the change board: one small file, mapped shared by every page
 * process of this host, that says whose data changed and when, so that a
 * process may keep what it read from the database without asking again on
 * every request.
 *
 * Every change gets the next number of one counter. The board keeps, per
 * person id, the number of the last change to that person (what
 * person_revs counts in the database, sql/006_perf.sql and 007), and the
 * number of the last change that concerned everyone. A reader takes
 * board_now() before it reads the database and keeps that number with what
 * it read; later, board_unchanged(person, number) says whether anything of
 * that person was marked since. Writers mark after their commit (db_txn
 * does it for every transaction, from what the triggers noted), so a reader
 * never keeps data older than a mark it has seen.
 *
 * The board knows only this host's writers. Changes made elsewhere (another
 * host, plain SQL) are seen when the keeper's own time limit runs out
 * (Cache.RecheckMs); `hc-board touch` marks everyone by hand.
 *
 * Configuration: Cache.Board (a path, best on tmpfs; empty: no board, and
 * nothing is kept across requests), Cache.BoardSlots (person ids below this
 * have their own slot; the others count as always changed).
 */
#ifndef HC_BOARD_H
#define HC_BOARD_H

#include <ClearSilver.h>
#include <stdbool.h>
#include <stdint.h>

/* Maps the board at path, or reports why not. With create, a missing or
 * empty file is made into a board with room for slots ids; without, it
 * must be one already. Opening again replaces the mapping. */
NEOERR *board_open(const char *path, uint32_t slots, bool create);

/* The board of the configuration, opened on first use; false when there
 * is none (not configured, or it could not be opened: said once on
 * stderr). Page processes (board_may_create()) make it when it is missing;
 * tools only use one that is there, so that a tool run as another user
 * (root, cron) never makes a board the pages cannot write. */
bool board_ready(void);
void board_may_create(void);

void board_close(void);

/* The number of the latest change marked; 0 without a board. */
uint64_t board_now(void);

/* Marks a change of person (0: what every card shares). */
void board_mark(int person);

/* Marks a change that may concern anyone. */
void board_mark_all(void);

/* Nothing of person nor of everyone has been marked after `since`.
 * False without a board and for ids it has no slot for. */
bool board_unchanged(int person, uint64_t since);

/* The number of the last change marked for person (or for everyone, if
 * later); UINT64_MAX for an id without a slot, 0 without a board. */
uint64_t board_last(int person);

/* Marks each person of a list like "12,40,7" ("*": everyone), as the
 * triggers leave it in @hc_touched (sql/007_board.sql). */
void board_mark_list(const char *list);

#endif
