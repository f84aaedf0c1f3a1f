/*
 * table.h - the big info table (返校信息大表) and its report (统计报表):
 * one row per rostered student of a term in the viewer's scope.
 *
 * The rows of a scope are read with one statement (table_load); each row's
 * card state comes from card_state() on facts taken from that row, so the
 * table, the report and the card never disagree. Every filter is then one
 * pure predicate in C (table_row_matches): the page, the exports and each
 * figure of the report count with the same function.
 */
#ifndef HC_TABLE_H
#define HC_TABLE_H

#include "core/err.h"
#include "domain/card.h"
#include "domain/scope.h"

#define TABLE_PAGE_ROWS 100
#define TABLE_MAX_IDS 1000        /* selected rows in one export */

/* Yes / no filters: -1 any, 0 no, 1 yes. */
enum table_flag { TF_BOARDING, TF_CITY14, TF_PICKUP, TF_TESTED, TF_QUIZ,
	TF_TRAVELLED, TF_ARRIVED, TF_MOVED, TF_COUNT };
/* Day ranges: lo..hi inclusive, 0 open. */
enum table_range { TR_SUBMITTED, TR_ALLOWED, TR_DEADLINE, TR_ARRIVED, TR_COUNT };

enum table_identity { TI_ANY = -1, TI_UNDERGRAD, TI_GRAD, TI_STAFF };

struct table_row {
	int person_id, college_id;
	char number[33], name[65], college[101], counselor[65], id_card[19];
	enum table_identity identity;
	bool boarding, quiz_done, pledge_done, needs_pickup, tested_locally, city14;
	bool travelled;                     /* a travel leg on or before today */
	bool arrived, arrived_as_boarder, moved_in;
	enum app_stage app;
	int allowed_from, allowed_until;   /* day numbers, 0 none */
	int submitted_day, arrived_day, anomaly_day, first_leg_day;
	int sent_back_day;                 /* a report sent back, 0 none */
	int door_fever_day;                /* a fever at an entrance not cleared, 0 none */
	int positive_test_day;             /* a positive central test, 0 none */
	int reported_to;                   /* card_facts.reported_to / _mask */
	unsigned long long reported_mask;
	char submitted_at[17], arrived_at[17], gate[65];
	enum card_state card;
};

struct table_filter {
	int college_id;                 /* 0: any */
	char name[65];                  /* contained in the name; "" any */
	char number[33];                /* prefix of the number; "" any */
	enum table_identity identity;
	signed char flag[TF_COUNT];
	struct { int lo, hi; } range[TR_COUNT];
	unsigned app_mask;              /* 1 << enum app_stage; 0 any */
	unsigned card_mask;             /* 1 << enum card_state; 0 any */
	const long long *ids;           /* selected person ids, sorted; NULL any */
	int nids;
};

/* What table_filter_parse() found wrong; the view shown is the nearest
 * valid one (bad values ignored, inverted ranges swapped). */
struct table_parse_notes {
	int nbad;
	const char *bad[16];            /* names of the ignored parameters */
	bool swapped;
};

/* The URL parameters of the filters, in the order of the form. */
extern const char *const table_params[];

/* A parameter's value by name, or NULL. */
typedef const char *(*table_get_fn)(void *ctx, const char *name);

/* Reads every filter parameter through get. Pure. */
void table_filter_parse(struct table_filter *f, table_get_fn get, void *ctx,
			struct table_parse_notes *notes);

/* An application stage's stable name ("none" for no application). */
const char *table_stage_name(enum app_stage a);

/* True when the row passes every filter. Pure. */
bool table_row_matches(const struct table_filter *f, const struct table_row *row);

/* The facts card_state() needs, from a row. Pure. */
void table_row_facts(const struct table_row *row, struct card_facts *facts);

/* Sort keys; table_sort_key() gives -1 for an unknown one. */
extern const char *const table_sort_keys[];
int table_sort_key(const char *name);
/* Sorts idx (indexes into rows) by key, ties by number. Pure. */
void table_sort(const struct table_row *rows, int *idx, int n, int key, bool desc);

/* "44****12": an ID number's first and last two characters. Pure. */
void table_mask_id(const char *id, char out[19]);

/* The rows of a term in a scope; the caller frees with table_set_free(). */
struct table_set {
	struct table_row *rows;
	int n, cap;
};
/* Loads every rostered student of term_id in the scope from the stored
 * card facts, with the card state computed for `today`. college_id (0:
 * none) narrows a school-wide load to one college, which the filter asks
 * for anyway. A light load (the report) leaves number, name, college,
 * counselor and ID number empty: no figure filters on them. */
NEOERR *table_load(struct table_set *set, enum scope_kind s, long long bound,
		   int term_id, int today, int college_id, bool light);
void table_set_free(struct table_set *set);

/* The term asked for (asked: ?term=, NULL when absent) if it names one,
 * else the one in progress, else the latest: its id in *term (0: there is
 * none). Into out, for the page: the terms under <prefix>.Terms,
 * <prefix>.Term, and <prefix>.Message (in lang) when asked named no term. */
NEOERR *table_chosen_term(HDF *out, const char *lang, const char *asked,
			  const char *prefix, int *term);

/* The figures of the report (统计报表): each a table filter, written as
 * the URL parameters of the table, and which day range of the report
 * applies to it. */
struct table_figure {
	const char *name;               /* lang key report.fig.<name> */
	const char *params;             /* "app=submitted&boarding=0" */
	enum { FIG_NO_RANGE, FIG_SUBMITTED, FIG_ARRIVED } range;
};
extern const struct table_figure table_figures[];

#endif
