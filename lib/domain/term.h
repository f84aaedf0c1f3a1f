/*
 * term.h - which term is in progress on a day, as SQL, stated once: the
 * term whose dates hold the day, the one started last if terms overlap.
 * A scalar subquery naming the term's id; bind the day twice.
 *
 *   "SELECT name FROM terms WHERE id = " TERM_NOW_ID, "ss", day, day
 *
 * (The big table's term chooser falls back to the latest term when none is
 * in progress: lib/read/table.c.)
 */
#ifndef HC_TERM_H
#define HC_TERM_H

#define TERM_NOW_ID "(SELECT tn.id FROM terms tn WHERE tn.starts_on <= ? AND tn.ends_on >= ? " \
	"ORDER BY tn.starts_on DESC LIMIT 1)"

#endif
