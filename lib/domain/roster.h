/*
 * roster.h - who may return in which batch (返校批次人员名单), changed by
 * spreadsheets: three templates (add, delete, modify), every row checked
 * before anything changes, a file applied whole in one transaction or not
 * at all. The modify template can also change a student's counselor; the
 * student's pending items follow the new counselor.
 */
#ifndef HC_ROSTER_H
#define HC_ROSTER_H

#include "web/app.h"
#include "core/sheet.h"

enum roster_kind { ROSTER_ADD, ROSTER_DELETE, ROSTER_MODIFY };

/* "add", "delete", "modify" to a kind; false for anything else. */
bool roster_kind_parse(const char *name, enum roster_kind *k);

/* The template as an .xlsx file (Chinese headers, an example row). The
 * caller frees *buf. */
NEOERR *roster_template(enum roster_kind k, const char *tmpdir, char **buf, size_t *len);

/* Checks every row of the sheet against the kind's template and the
 * current data; each bad row goes to Import.Error.<n>.Row / .Reason (in
 * the request's language). When none is bad, applies the whole file in
 * one transaction and fills Import.Applied; *nbad is the number of bad
 * rows (0 when applied). counselor: 0 for the school admin (every
 * student); else the counselor importing (Policy.CounselorsMayImport),
 * whose rows must be about their own students and may not change anyone's
 * counselor. */
NEOERR *roster_import(struct req *r, enum roster_kind k, int term, int counselor,
		      const SHEET *s, const char *filename, int *nbad);

#endif
