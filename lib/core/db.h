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

/* Copies one row's columns into a struct's fields, in order, each read
 * by its field's C type, chosen at compile time:
 *   DB_FILL(c, 0, g->id, g->group, g->name);
 * int and long long get db_int() (0 for NULL), bool db_int() != 0, a char
 * array the column's text cut to fit (db_copy(): NULL as ""). Any other
 * type, or a char pointer that is not an array, does not compile. Columns
 * first, first + 1, ... go to the fields named; a field that needs a
 * conversion is read by hand after it. At most 32 fields. */
struct db_dst {
	char type;      /* 'i' int, 'l' long long, 'b' bool, 's' char array */
	void *p;
	size_t size;
};
void db_fill(DB_CURSOR *c, int first, const struct db_dst *d, int n);

/* The -1 array size stops a char * that is not an array (its address is
 * a char **, an array's a char (*)[N]). */
#define DB_DST(x) ((struct db_dst){ \
	(char)(_Generic((x), int: 'i', long long: 'l', bool: 'b', char *: 's') + \
	       0 * sizeof (char[_Generic(&(x), char **: -1, default: 1)])), \
	(void *)&(x), sizeof (x) })
#define DB_FILL(c, first, ...) \
	db_fill((c), (first), (const struct db_dst[]){ DB_DSTS_(__VA_ARGS__) }, \
		(int)(sizeof (const struct db_dst[]){ DB_DSTS_(__VA_ARGS__) } / \
		      sizeof (struct db_dst)))
/* The first row of *cur, if any, into the fields (DB_FILL() from column
 * first), then *cur freed: a row read by hand (locked FOR UPDATE in a
 * transaction) in one step:
 *   found = DB_FIRST(&c, 0, phone, college);
 * Returns whether there was a row; the fields are untouched when not. */
bool db_first(DB_CURSOR **cur, int first, const struct db_dst *d, int n);
#define DB_FIRST(cur, first, ...) \
	db_first((cur), (first), (const struct db_dst[]){ DB_DSTS_(__VA_ARGS__) }, \
		 (int)(sizeof (const struct db_dst[]){ DB_DSTS_(__VA_ARGS__) } / \
		       sizeof (struct db_dst)))
#define DB_CAT_(a, b) DB_CAT2_(a, b)
#define DB_CAT2_(a, b) a##b
#define DB_NARG_(...) DB_PICK_(__VA_ARGS__, 32, 31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0)
#define DB_PICK_(_1, _2, _3, _4, _5, _6, _7, _8, _9, _10, _11, _12, _13, _14, _15, _16, _17, _18, _19, _20, _21, _22, _23, _24, _25, _26, _27, _28, _29, _30, _31, _32, n, ...) n
#define DB_DSTS_(...) DB_CAT_(DB_D, DB_NARG_(__VA_ARGS__))(__VA_ARGS__)
#define DB_D1(a) DB_DST(a)
#define DB_D2(a, ...) DB_DST(a), DB_D1(__VA_ARGS__)
#define DB_D3(a, ...) DB_DST(a), DB_D2(__VA_ARGS__)
#define DB_D4(a, ...) DB_DST(a), DB_D3(__VA_ARGS__)
#define DB_D5(a, ...) DB_DST(a), DB_D4(__VA_ARGS__)
#define DB_D6(a, ...) DB_DST(a), DB_D5(__VA_ARGS__)
#define DB_D7(a, ...) DB_DST(a), DB_D6(__VA_ARGS__)
#define DB_D8(a, ...) DB_DST(a), DB_D7(__VA_ARGS__)
#define DB_D9(a, ...) DB_DST(a), DB_D8(__VA_ARGS__)
#define DB_D10(a, ...) DB_DST(a), DB_D9(__VA_ARGS__)
#define DB_D11(a, ...) DB_DST(a), DB_D10(__VA_ARGS__)
#define DB_D12(a, ...) DB_DST(a), DB_D11(__VA_ARGS__)
#define DB_D13(a, ...) DB_DST(a), DB_D12(__VA_ARGS__)
#define DB_D14(a, ...) DB_DST(a), DB_D13(__VA_ARGS__)
#define DB_D15(a, ...) DB_DST(a), DB_D14(__VA_ARGS__)
#define DB_D16(a, ...) DB_DST(a), DB_D15(__VA_ARGS__)
#define DB_D17(a, ...) DB_DST(a), DB_D16(__VA_ARGS__)
#define DB_D18(a, ...) DB_DST(a), DB_D17(__VA_ARGS__)
#define DB_D19(a, ...) DB_DST(a), DB_D18(__VA_ARGS__)
#define DB_D20(a, ...) DB_DST(a), DB_D19(__VA_ARGS__)
#define DB_D21(a, ...) DB_DST(a), DB_D20(__VA_ARGS__)
#define DB_D22(a, ...) DB_DST(a), DB_D21(__VA_ARGS__)
#define DB_D23(a, ...) DB_DST(a), DB_D22(__VA_ARGS__)
#define DB_D24(a, ...) DB_DST(a), DB_D23(__VA_ARGS__)
#define DB_D25(a, ...) DB_DST(a), DB_D24(__VA_ARGS__)
#define DB_D26(a, ...) DB_DST(a), DB_D25(__VA_ARGS__)
#define DB_D27(a, ...) DB_DST(a), DB_D26(__VA_ARGS__)
#define DB_D28(a, ...) DB_DST(a), DB_D27(__VA_ARGS__)
#define DB_D29(a, ...) DB_DST(a), DB_D28(__VA_ARGS__)
#define DB_D30(a, ...) DB_DST(a), DB_D29(__VA_ARGS__)
#define DB_D31(a, ...) DB_DST(a), DB_D30(__VA_ARGS__)
#define DB_D32(a, ...) DB_DST(a), DB_D31(__VA_ARGS__)

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
