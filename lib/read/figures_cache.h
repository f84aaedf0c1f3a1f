/*
 * figures_cache.h - the one time-bounded cache (issue 12's one exception to
 * "no cache"): figures over a whole school or a whole college, which take
 * a scan of every student's day (30,000 rows) and cannot be read through an
 * index, are kept in the database table `snapshots` and shown while they
 * are younger than max_age seconds (Dash.SnapshotSeconds). The page says
 * when they were made. Nothing is kept in a page process: every host reads
 * the same row, and no write anywhere needs to know this cache exists.
 *
 * When a snapshot is too old, one request claims its rebuild (for
 * CLAIM_SECONDS) and the others keep showing the old one, so a busy
 * dashboard never makes every process scan the school at once.
 *
 *   struct snap_key k = { "school", 0, "2026-11-30", 30, "Dash.Snapshot", roots };
 *   err = snap_load(&k, r->hdf, fill, ctx);
 *
 * fill(hdf, arg) builds the subtrees named in roots (NULL-terminated) from
 * the base tables; snap_load() either calls it or reads those subtrees back
 * from the stored snapshot, then sets <prefix>.At (HH:MM:SS, the
 * database's clock; "" when just built and not stored) and <prefix>.Age
 * (seconds). max_age <= 0 always builds and stores nothing.
 */
#ifndef HC_FIGURES_CACHE_H
#define HC_FIGURES_CACHE_H

#include <ClearSilver.h>

struct snap_key {
	const char *kind;             /* "school", "college" */
	long long scope_id;           /* 0 for the school */
	const char *day;              /* YYYY-MM-DD */
	int max_age;                  /* seconds */
	const char *prefix;           /* where .At and .Age go */
	const char *const *roots;     /* the subtrees kept */
};

typedef NEOERR *(*snap_fill_fn)(HDF *hdf, void *arg);

NEOERR *snap_load(const struct snap_key *k, HDF *hdf, snap_fill_fn fill, void *arg);

#endif
