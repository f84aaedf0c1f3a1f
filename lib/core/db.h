/*
 * db.h - MariaDB through prepared statements only.
 *
 * One connection per process, opened lazily and re-opened on the next
 * request after it is lost. Values are bound by a format string:
 *   'i'  long long          's'  const char * (NULL binds SQL NULL)
 *   'd'  double             'b'  const void *, size_t (binary; NULL binds SQL NULL)
 * Results are read as text (NULL columns as NULL pointers).
 *
 * Connection loss raises HC_ERR_DBDOWN (pages answer 503); a deadlock, a
 * lock wait timeout or a Galera certification failure raises HC_ERR_RETRY,
 * which db_txn() retries so that callers write the happy path. Several
 * nodes may be configured (DB.Fallback.N.Socket/Host/Port): a connection
 * goes to the first that answers and is ready (README, "A cluster"). Outside a
 * transaction a statement whose connection was lost is sent once more on
 * a new one; inside, never: the transaction is lost with its connection.
 */
#ifndef HC_DB_H
#define HC_DB_H

#include <ClearSilver.h>
#include <stdbool.h>

typedef struct db_cursor DB_CURSOR;

/* Makes sure a live connection exists (cheap when it does). */
NEOERR *db_ensure(void);
/* Closes the connection (tests, shutdown). */
void db_close_all(void);
/* Whether this process can reach a database node that serves: connected
 * (now, if needed) and, on a Galera cluster, a synced member of the
 * primary component. why gets the node's state in words. HC_ERR_DBDOWN
 * when no configured node answers. */
NEOERR *db_ready(bool *ready, char *why, size_t n);

/* Runs a statement; *affected (may be NULL) gets the changed row count,
 * *insert_id (may be NULL) the AUTO_INCREMENT id it made. */
NEOERR *db_exec(unsigned long long *affected, long long *insert_id,
		const char *sql, const char *fmt, ...);

/* Opens a cursor on a SELECT; the caller owns *cur and must db_cursor_free()
 * it. Rows are buffered on the client. */
NEOERR *db_query(DB_CURSOR **cur, const char *sql, const char *fmt, ...);
bool db_next(DB_CURSOR *cur);
int db_ncols(DB_CURSOR *cur);
const char *db_colname(DB_CURSOR *cur, int i);
const char *db_str(DB_CURSOR *cur, int i);        /* NULL for SQL NULL */
long long db_int(DB_CURSOR *cur, int i);          /* 0 for SQL NULL */
unsigned long db_len(DB_CURSOR *cur, int i);
void db_cursor_free(DB_CURSOR **cur);
/* Copies a column's text into dst (n bytes, cut to fit); NULL as "". */
void db_copy(char *dst, size_t n, const char *src);

/* SELECT into HDF: rows as <prefix>.<n>.<column>; *nrows may be NULL. */
NEOERR *db_rows(HDF *hdf, const char *prefix, int *nrows,
		const char *sql, const char *fmt, ...);
/* The same as rows of <prefix>.<child>.<n>.<column>: one of the lists a
 * read model exports under its prefix. */
NEOERR *db_rows_at(HDF *hdf, const char *prefix, const char *child, int *nrows,
		   const char *sql, const char *fmt, ...);
/* SELECT of at most one row into <prefix>.<column>; *found may be NULL. */
NEOERR *db_row(HDF *hdf, const char *prefix, bool *found,
	       const char *sql, const char *fmt, ...);
/* SELECT of at most one row into a struct: fill(c, out) reads the row
 * when there is one; *found whether there was. out is left as it was
 * (the caller zeroes it) when there is none. */
NEOERR *db_one(bool *found, void (*fill)(DB_CURSOR *c, void *out), void *out,
	       const char *sql, const char *fmt, ...);
/* SELECT of one integer; *found false (and *out 0) when no row. */
NEOERR *db_scalar(long long *out, bool *found,
		  const char *sql, const char *fmt, ...);

/* Runs fn(ctx) inside a transaction: commits when it returns STATUS_OK,
 * rolls back otherwise, and runs it again (a few times, with a short
 * random pause) when it failed with HC_ERR_RETRY. A connection lost before
 * COMMIT fails every later statement of fn, and the whole of fn runs again
 * on a new connection (twice at most; HC_ERR_DBDOWN after that or when no
 * new connection opens). A connection lost at COMMIT is HC_ERR_DBDOWN: the
 * COMMIT may have landed, so nothing is run twice. fn must therefore be
 * re-runnable: it starts from ctx's inputs each time and keeps nothing
 * from an earlier run (its outputs in ctx are set again, or reset first). */
NEOERR *db_txn(NEOERR *(*fn)(void *ctx), void *ctx);

#endif
