/*
 * appdetail.h - what a return application carries besides its row: its
 * travel legs and its uploads, as the student's page (returnapp.c) and
 * the reviewer's item (queue.c) both show them.
 */
#ifndef HC_APPDETAIL_H
#define HC_APPDETAIL_H

#include "core/err.h"

#include <ClearSilver.h>

/* <prefix>.Leg.<n>.* (seq, mode, number, day, from_place, to_place) in
 * order, and <prefix>.Upload.<n>.* (id, kind, filename, mime, size,
 * dup_reason, uploaded_at) by kind, of application app. */
NEOERR *appdetail_load(HDF *out, const char *prefix, long long app);

#endif
