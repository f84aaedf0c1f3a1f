/*
 * org.h - the organisation: the school, its colleges, their majors and
 * classes (org_units, one tree). Units are made, renamed, retired (kept
 * for history: the people and records that name them keep them, but no
 * chooser offers them any more) and merged (the people, the units below
 * and the college's roles move into the target, the source is retired
 * with merged_into naming it). The school admin acts on every unit; a
 * college admin on their own college's majors and classes only.
 * Each change and its audit row commit together.
 */
#ifndef HC_ORG_H
#define HC_ORG_H

#include "core/outcome.h"
#include <ClearSilver.h>

/* A unit as the rules see it. */
struct org_unit {
	int id;
	char kind[12];       /* "school", "college", "major", "class" */
	int parent_id;
	int college_id;      /* the college it lies in (itself for a college) */
	bool retired;
};

/* Loads unit id; *found false when there is none. */
NEOERR *org_load(int id, struct org_unit *u, bool *found);

/* kind "college" (parent 0: under the school), "major" (parent: a
 * college) or "class" (parent: a college or one of its majors). Outcome
 * fields: kind, parent_id, code, name. */
NEOERR *org_create(const struct actor *a, const char *kind, int parent_id,
		   const char *code, const char *name, struct outcome *out);

/* A new code and name for unit id. */
NEOERR *org_rename(const struct actor *a, int id, const char *code, const char *name,
		   struct outcome *out);

/* Retires unit id: refused while a unit below it is still in use. */
NEOERR *org_retire(const struct actor *a, int id, struct outcome *out);

/* Merges unit id into unit into (the same kind, both in use): out->n is
 * the number of people moved. */
NEOERR *org_merge(const struct actor *a, int id, int into, struct outcome *out);

#endif
