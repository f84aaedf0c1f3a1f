/*
 * purge.h - retention (PIPL: personal health data kept no longer than
 * needed). Per kind of data the school admin sets how many days after its
 * term's end it is kept (table retention; none: kept). A purge deletes or
 * anonymises what is past its time:
 *
 *   reports   daily reports of the term's days, their replaced versions
 *             and their anomaly queue items (deleted)
 *   location  the city of the term's remaining reports (set to "")
 *   uploads   the evidence uploads of the term's applications (rows
 *             deleted, a file removed when no upload names it any more)
 *   arrivals  gate and dorm scans of the term (deleted)
 *   messages  in-app messages made during the term (deleted)
 *   audit     audit rows written during the term (deleted)
 *
 * in that order, each in short transactions (the card facts of the people
 * it touched written in the same one), so check-ins never wait long:
 * reports, location and messages 20 people a transaction, each statement
 * an equality on the person (it locks the term's rows of these people and
 * no one else's); uploads and arrivals PURGE_BATCH rows a transaction. Each run, a dry run too, stores a report: the
 * rows (and files) per kind and term with the rule that took them. A dry
 * run counts with the same predicates and deletes nothing: on data that
 * did not change meanwhile its report equals the real run's.
 */
#ifndef HC_PURGE_H
#define HC_PURGE_H

#include "core/actor.h"
#include "core/err.h"

#include <ClearSilver.h>
#include <stdbool.h>

#define PURGE_BATCH 500
#define PURGE_MAX_LINES 256

enum purge_kind { PK_REPORTS, PK_LOCATION, PK_UPLOADS, PK_ARRIVALS, PK_MESSAGES,
	PK_AUDIT, PK_COUNT };

/* The kinds' names, in the order a purge runs them (the table's ENUM). */
extern const char *const purge_kinds[PK_COUNT + 1];

/* Days kept after a term's end, per kind; -1: kept for ever. */
struct retention {
	int days[PK_COUNT];
};

NEOERR *retention_load(struct retention *r);

/* Stores the settings, audited (retention.change) with the old and the
 * new ones; one transaction. */
NEOERR *retention_save(const struct actor *a, const struct retention *r);

struct purge_line {
	enum purge_kind kind;
	int term_id;
	char term_name[65];
	int rule_days;
	long long rows, files;
};

struct purge_report {
	long long run_id;            /* 0: not stored (a preview) */
	int n;
	struct purge_line line[PURGE_MAX_LINES];
};

/* Purges (dry: counts) under r as of day `today`; run_by names who ran it
 * ("hc-purge www-data", a login). store: keep the report (purge_runs,
 * purge_lines); a page's preview of new settings does not. The files of
 * uploads are removed from upload_dir. */
NEOERR *purge_run(const struct retention *r, int today, bool dry, bool store,
		  const char *run_by, const char *upload_dir, struct purge_report *out);

#endif
