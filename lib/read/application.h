/*
 * application.h - a return application as its pages read it: the
 * student's term, roster entry and application (the return page), and
 * what an application carries besides its row, its travel legs and
 * uploads, as the student's page and the reviewer's item both show them.
 */
#ifndef HC_READ_APPLICATION_H
#define HC_READ_APPLICATION_H

#include "core/err.h"

#include <ClearSilver.h>
#include <stdbool.h>

/* <prefix>.Leg.<n>.* (seq, mode, number, day, from_place, to_place) in
 * order, and <prefix>.Upload.<n>.* (id, kind, filename, mime, size,
 * dup_reason, uploaded_at) by kind, of application app. */
NEOERR *appdetail_load(HDF *out, const char *prefix, long long app);

/* The current term and the student's roster entry and application, into
 * out as Return.* (with Return.Leg.<n>.* and Return.Upload.<n>.*);
 * *term_id 0 when there is no current term. A read for the page. */
NEOERR *ret_load(HDF *out, int person, int *term_id, bool *on_roster);

#endif
