/*
 * err.h - the error types every layer raises, each mapped to an HTTP
 * status in one place (app_fail() in lib/web/app.c). Raise them with
 * nerr_raise(HC_ERR_FORBIDDEN, "...") from a rule, a helper or a handler.
 */
#ifndef HC_ERR_H
#define HC_ERR_H

#include <ClearSilver.h>

extern NERR_TYPE HC_ERR_BADREQ;    /* 400 */
extern NERR_TYPE HC_ERR_FORBIDDEN; /* 403 */
extern NERR_TYPE HC_ERR_NOTFOUND;  /* 404 */
extern NERR_TYPE HC_ERR_METHOD;    /* 405 */
extern NERR_TYPE HC_ERR_CONFLICT;  /* 409 */
extern NERR_TYPE HC_ERR_TOOLARGE;  /* 413 */
extern NERR_TYPE HC_ERR_TOOMANY;   /* 429 */
extern NERR_TYPE HC_ERR_DBDOWN;    /* 503 */
extern NERR_TYPE HC_ERR_RETRY;     /* deadlock: db_txn() retries */

/* Registers the types with ClearSilver; once per process, before any is
 * raised. */
void err_init(void);

#endif
