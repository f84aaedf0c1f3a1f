/* table.c - see table.h. */
#include "read/table.h"
#include "domain/policy.h"
#include "read/cardfacts.h"
#include "core/db.h"
#include "core/days.h"
#include "core/lang.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* As stored in return_applications.state, indexed by enum app_stage; "none"
 * is the filter's name for "no application row". */
static const char *const stage_names[] = { "none", "draft", "first_review",
	"sent_back", "evidence", "second_review", "approved", "rejected", NULL };

#define BIT(x) (1u << (x))
#define STAGES_SUBMITTED (BIT(APP_FIRST_REVIEW) | BIT(APP_SENT_BACK) | BIT(APP_EVIDENCE) | \
	BIT(APP_SECOND_REVIEW) | BIT(APP_APPROVED) | BIT(APP_REJECTED))
#define STAGES_FIRST_PASSED (BIT(APP_EVIDENCE) | BIT(APP_SECOND_REVIEW) | BIT(APP_APPROVED))

/* ---- the filters: one declaration ---------------------------------------- */

enum param_kind { P_COLLEGE, P_NAME, P_NUMBER, P_IDENTITY, P_FLAG, P_RANGE_LO, P_RANGE_HI,
	P_APP, P_CARD };

static const struct param {
	const char *name;
	enum param_kind kind;
	int which;                 /* enum table_flag / table_range */
} params[] = {
	{ "college", P_COLLEGE, 0 },
	{ "name", P_NAME, 0 },
	{ "number", P_NUMBER, 0 },
	{ "identity", P_IDENTITY, 0 },
	{ "sub_from", P_RANGE_LO, TR_SUBMITTED },
	{ "sub_to", P_RANGE_HI, TR_SUBMITTED },
	{ "boarding", P_FLAG, TF_BOARDING },
	{ "city14", P_FLAG, TF_CITY14 },
	{ "pickup", P_FLAG, TF_PICKUP },
	{ "tested", P_FLAG, TF_TESTED },
	{ "allow_from", P_RANGE_LO, TR_ALLOWED },
	{ "allow_to", P_RANGE_HI, TR_ALLOWED },
	{ "due_from", P_RANGE_LO, TR_DEADLINE },
	{ "due_to", P_RANGE_HI, TR_DEADLINE },
	{ "app", P_APP, 0 },
	{ "card", P_CARD, 0 },
	{ "quiz", P_FLAG, TF_QUIZ },
	{ "travelled", P_FLAG, TF_TRAVELLED },
	{ "arrived", P_FLAG, TF_ARRIVED },
	{ "arr_from", P_RANGE_LO, TR_ARRIVED },
	{ "arr_to", P_RANGE_HI, TR_ARRIVED },
	{ "moved", P_FLAG, TF_MOVED },
};
#define NPARAMS ((int)(sizeof params / sizeof params[0]))

const char *const table_params[] = { "college", "name", "number", "identity", "sub_from",
	"sub_to", "boarding", "city14", "pickup", "tested", "allow_from", "allow_to",
	"due_from", "due_to", "app", "card", "quiz", "travelled", "arrived", "arr_from",
	"arr_to", "moved", NULL };

const char *table_stage_name(enum app_stage a)
{
	return (int)a >= 0 && (int)a <= APP_REJECTED ? stage_names[a] : "none";
}

static int index_of(const char *const *names, const char *v)
{
	for (int i = 0; names[i]; i++)
		if (!strcmp(names[i], v))
			return i;
	return -1;
}

static bool parse_app(const char *v, unsigned *mask)
{
	int i = index_of(stage_names, v);

	if (i >= 0)
		*mask = BIT(i);
	else if (!strcmp(v, "submitted"))
		*mask = STAGES_SUBMITTED;
	else if (!strcmp(v, "first_passed"))
		*mask = STAGES_FIRST_PASSED;
	else
		return false;
	return true;
}

static bool parse_card(const char *v, unsigned *mask)
{
	for (int s = 0; s < CARD_STATE_COUNT; s++)
		if (!strcmp(card_state_name((enum card_state)s), v)) {
			*mask = BIT(s);
			return true;
		}
	return false;
}

/* A value that is plain printable text of at most max bytes. */
static bool text_ok(const char *v, size_t max)
{
	if (strlen(v) >= max)
		return false;
	for (const unsigned char *p = (const unsigned char *)v; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return false;
	return true;
}

static bool parse_one(struct table_filter *f, const struct param *p, const char *v)
{
	char *end;
	long n;
	int day;

	switch (p->kind) {
	case P_COLLEGE:
		n = strtol(v, &end, 10);
		if (*end || n <= 0 || n > 1000000000)
			return false;
		f->college_id = (int)n;
		return true;
	case P_NAME:
		if (!text_ok(v, sizeof f->name))
			return false;
		snprintf(f->name, sizeof f->name, "%s", v);
		return true;
	case P_NUMBER:
		if (!text_ok(v, sizeof f->number))
			return false;
		snprintf(f->number, sizeof f->number, "%s", v);
		return true;
	case P_IDENTITY: {
		static const char *const ids[] = { "undergrad", "grad", "staff", NULL };
		int i = index_of(ids, v);
		if (i < 0)
			return false;
		f->identity = (enum table_identity)i;
		return true;
	}
	case P_FLAG:
		if (strcmp(v, "0") && strcmp(v, "1"))
			return false;
		f->flag[p->which] = (signed char)(v[0] - '0');
		return true;
	case P_RANGE_LO:
	case P_RANGE_HI:
		day = strlen(v) == 10 ? day_parse(v) : -1;
		if (day <= 0)
			return false;
		if (p->kind == P_RANGE_LO)
			f->range[p->which].lo = day;
		else
			f->range[p->which].hi = day;
		return true;
	case P_APP:
		return parse_app(v, &f->app_mask);
	case P_CARD:
		return parse_card(v, &f->card_mask);
	}
	return false;
}

void table_filter_parse(struct table_filter *f, table_get_fn get, void *ctx,
			struct table_parse_notes *notes)
{
	memset(f, 0, sizeof *f);
	memset(notes, 0, sizeof *notes);
	f->identity = TI_ANY;
	for (int i = 0; i < TF_COUNT; i++)
		f->flag[i] = -1;
	for (int i = 0; i < NPARAMS; i++) {
		const char *v = get(ctx, params[i].name);

		if (v == NULL || *v == '\0')
			continue;
		if (!parse_one(f, &params[i], v) && notes->nbad < 16)
			notes->bad[notes->nbad++] = params[i].name;
	}
	/* An inverted range is read the way round it was surely meant. */
	for (int i = 0; i < TR_COUNT; i++) {
		if (f->range[i].lo && f->range[i].hi && f->range[i].lo > f->range[i].hi) {
			int t = f->range[i].lo;
			f->range[i].lo = f->range[i].hi;
			f->range[i].hi = t;
			notes->swapped = true;
		}
	}
}

static bool flag_ok(signed char want, bool have)
{
	return want < 0 || (want == 1) == have;
}

static bool range_ok(int lo, int hi, int day)
{
	if (!lo && !hi)
		return true;
	if (day == 0)
		return false;
	return (!lo || day >= lo) && (!hi || day <= hi);
}

static int cmp_id(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;
	return (x > y) - (x < y);
}

bool table_row_matches(const struct table_filter *f, const struct table_row *row)
{
	const bool have[TF_COUNT] = {
		[TF_BOARDING] = row->boarding, [TF_CITY14] = row->city14,
		[TF_PICKUP] = row->needs_pickup, [TF_TESTED] = row->tested_locally,
		[TF_QUIZ] = row->quiz_done, [TF_TRAVELLED] = row->travelled,
		[TF_ARRIVED] = row->arrived, [TF_MOVED] = row->moved_in,
	};
	const int day[TR_COUNT] = {
		[TR_SUBMITTED] = row->submitted_day, [TR_ALLOWED] = row->allowed_from,
		[TR_DEADLINE] = row->allowed_until, [TR_ARRIVED] = row->arrived_day,
	};

	if (f->college_id && f->college_id != row->college_id)
		return false;
	if (f->identity != TI_ANY && f->identity != row->identity)
		return false;
	if (f->app_mask && !(f->app_mask & BIT(row->app)))
		return false;
	if (f->card_mask && !(f->card_mask & BIT(row->card)))
		return false;
	for (int i = 0; i < TF_COUNT; i++)
		if (!flag_ok(f->flag[i], have[i]))
			return false;
	for (int i = 0; i < TR_COUNT; i++)
		if (!range_ok(f->range[i].lo, f->range[i].hi, day[i]))
			return false;
	if (f->number[0] && strncmp(row->number, f->number, strlen(f->number)))
		return false;
	if (f->name[0] && !strstr(row->name, f->name))
		return false;
	if (f->ids) {
		long long id = row->person_id;
		if (!bsearch(&id, f->ids, (size_t)f->nids, sizeof id, cmp_id))
			return false;
	}
	return true;
}

void table_row_facts(const struct table_row *row, struct card_facts *f)
{
	memset(f, 0, sizeof *f);
	f->on_roster = true;                /* the table holds rostered rows only */
	f->app = row->app;
	f->quiz_done = row->quiz_done;
	f->pledge_done = row->pledge_done;
	f->allowed_from = row->allowed_from;
	f->allowed_until = row->allowed_until;
	f->reported_to = row->reported_to;
	f->reported_mask = row->reported_mask;
	f->open_anomaly_day = row->anomaly_day;
	f->sent_back_day = row->sent_back_day;
	f->door_fever_day = row->door_fever_day;
	f->positive_test_day = row->positive_test_day;
	f->arrived = row->arrived;
	f->arrived_day = row->arrived_day;
	f->arrived_as_boarder = row->arrived_as_boarder;
	f->boarder_now = row->boarding;
	f->moved_in = row->moved_in;
	/* review_reason and evidence_missing only word the card's reasons;
	 * the state does not depend on them (tests/unit/test_table.c). */
}

/* ---- sorting ------------------------------------------------------------ */

const char *const table_sort_keys[] = { "number", "name", "college", "app", "card",
	"allowed_from", "allowed_until", "submitted", "arrived", NULL };

int table_sort_key(const char *name)
{
	return name ? index_of(table_sort_keys, name) : -1;
}

struct sort_ctx {
	const struct table_row *rows;
	int key;
	bool desc;
};

static int cmp_int(int a, int b) { return (a > b) - (a < b); }

static int cmp_rows(const void *pa, const void *pb, void *arg)
{
	const struct sort_ctx *x = arg;
	const struct table_row *a = &x->rows[*(const int *)pa], *b = &x->rows[*(const int *)pb];
	int c = 0;

	switch (x->key) {
	case 1: c = strcmp(a->name, b->name); break;
	case 2: c = strcmp(a->college, b->college); break;
	case 3: c = cmp_int(a->app, b->app); break;
	case 4: c = cmp_int(a->card, b->card); break;
	case 5: c = cmp_int(a->allowed_from, b->allowed_from); break;
	case 6: c = cmp_int(a->allowed_until, b->allowed_until); break;
	case 7: c = strcmp(a->submitted_at, b->submitted_at); break;
	case 8: c = strcmp(a->arrived_at, b->arrived_at); break;
	default: break;
	}
	if (c == 0)
		c = strcmp(a->number, b->number);
	return x->desc ? -c : c;
}

void table_sort(const struct table_row *rows, int *idx, int n, int key, bool desc)
{
	struct sort_ctx x = { rows, key, desc };

	qsort_r(idx, (size_t)n, sizeof *idx, cmp_rows, &x);
}

/* ---- cells -------------------------------------------------------------- */

void table_mask_id(const char *id, char out[19])
{
	size_t n = id ? strlen(id) : 0;

	if (n == 0) {
		out[0] = '\0';
		return;
	}
	if (n <= 4) {
		snprintf(out, 19, "****");
		return;
	}
	snprintf(out, 19, "%.2s****%s", id, id + n - 2);
}

/* ---- loading ------------------------------------------------------------ */

/* The stored facts of the term's rostered people (sql/009): one index
 * range and a few lookups by key a row. Binds: the scope's id, the term.
 * The light variant (the report) leaves out the text columns, which no
 * figure filters on. */
#define LOAD_SELECT(texts) \
	"SELECT p.id, p.college_id, " texts ", p.identity, " \
	" f.boarding, f.quiz_done, f.pledge_done, f.needs_pickup, f.tested_locally, " \
	" f.city_days >= 14, f.app, f.allowed_from, f.allowed_until, " \
	" DATE_FORMAT(f.submitted_at, '%Y-%m-%d %H:%i'), f.open_anomaly, f.first_leg_day, " \
	" f.reported_to, f.reported_mask, DATE_FORMAT(f.arrived_at, '%Y-%m-%d %H:%i'), " \
	" g.name, f.arrived_as_boarder, f.moved_in, f.sent_back, f.door_fever, f.positive_test " \
	"FROM card_facts f JOIN people p ON p.id = f.person_id " \
	"LEFT JOIN gates g ON g.id = f.arrived_gate"
#define FULL_TEXTS "p.number, p.name, col.name, c.name, p.id_card"
#define FULL_JOINS " LEFT JOIN org_units col ON col.id = p.college_id " \
	"LEFT JOIN counselor_assignments ca ON ca.student_id = p.id " \
	"LEFT JOIN people c ON c.id = ca.counselor_id"
#define LIGHT_TEXTS "'', '', '', '', ''"
#define TERM_ROWS "AND f.term_id = ? AND f.on_roster = 1"

static const char *const load_sql[] = SCOPE_VARIANTS(
	LOAD_SELECT(FULL_TEXTS) FULL_JOINS, TERM_ROWS);
static const char *const light_sql[] = SCOPE_VARIANTS(LOAD_SELECT(LIGHT_TEXTS), TERM_ROWS);

static void read_row(DB_CURSOR *c, int today, int streak_days, struct table_row *row)
{
	static const char *const ids[] = { "undergrad", "grad", "staff", NULL };
	const char *stage = db_str(c, 14);
	struct card_facts facts;
	struct card_verdict v;
	int i;

	memset(row, 0, sizeof *row);
	DB_FILL(c, 0, row->person_id, row->college_id, row->number, row->name,
		row->college, row->counselor, row->id_card);
	i = db_str(c, 7) ? index_of(ids, db_str(c, 7)) : -1;
	row->identity = i < 0 ? TI_UNDERGRAD : (enum table_identity)i;
	DB_FILL(c, 8, row->boarding, row->quiz_done, row->pledge_done,
		row->needs_pickup, row->tested_locally, row->city14);
	i = stage ? index_of(stage_names, stage) : -1;
	row->app = i > 0 ? (enum app_stage)i : APP_NONE;
	row->allowed_from = day_or_0(db_str(c, 15));
	row->allowed_until = day_or_0(db_str(c, 16));
	DB_FILL(c, 17, row->submitted_at);
	row->submitted_day = day_or_0(db_str(c, 17));
	row->anomaly_day = day_or_0(db_str(c, 18));
	row->first_leg_day = day_or_0(db_str(c, 19));
	row->travelled = row->first_leg_day && row->first_leg_day <= today;
	row->reported_to = day_or_0(db_str(c, 20));
	row->reported_mask = strtoull(db_str(c, 21) ? db_str(c, 21) : "0", NULL, 10);
	DB_FILL(c, 22, row->arrived_at);
	row->arrived = db_str(c, 22) != NULL;
	row->arrived_day = day_or_0(db_str(c, 22));
	DB_FILL(c, 23, row->gate, row->arrived_as_boarder, row->moved_in);
	row->sent_back_day = day_or_0(db_str(c, 26));
	row->door_fever_day = day_or_0(db_str(c, 27));
	row->positive_test_day = day_or_0(db_str(c, 28));
	table_row_facts(row, &facts);
	card_state(&facts, today, streak_days, &v);
	row->card = v.state;
}

/* A new row at the end of set, or NULL when memory ran out. */
static struct table_row *row_append(struct table_set *set)
{
	if (set->n == set->cap) {
		int cap = set->cap ? set->cap * 2 : 256;
		struct table_row *rows = realloc(set->rows, (size_t)cap * sizeof *rows);
		if (rows == NULL)
			return NULL;
		set->rows = rows;
		set->cap = cap;
	}
	return &set->rows[set->n++];
}

NEOERR *table_load(struct table_set *set, enum scope_kind s, long long bound,
		   int term_id, int today, int college_id, bool light)
{
	DB_CURSOR *c = NULL;
	struct policy pol;
	NEOERR *err;

	memset(set, 0, sizeof *set);
	/* The streak in force, for every row's card. */
	err = policy_load(&pol);
	if (err)
		return nerr_pass(err);
	/* The whole school narrowed to one college: that college's scope. */
	if (s == SCOPE_SCHOOL && college_id > 0) {
		s = SCOPE_COLLEGE;
		bound = college_id;
	}
	err = db_query(&c, light ? light_sql[s] : load_sql[s], "ii", bound, (long long)term_id);
	if (err)
		return nerr_pass(err);
	while (db_next(c)) {
		struct table_row *row = row_append(set);
		if (row == NULL) {
			db_cursor_free(&c);
			table_set_free(set);
			return nerr_raise(NERR_NOMEM, "table rows");
		}
		read_row(c, today, pol.streak_days, row);
	}
	db_cursor_free(&c);
	return STATUS_OK;
}

void table_set_free(struct table_set *set)
{
	free(set->rows);
	memset(set, 0, sizeof *set);
}

/* ---- the term ------------------------------------------------------------ */

NEOERR *table_chosen_term(HDF *out, const char *lang, const char *p, const char *prefix,
			  int *term)
{
	char key[64], td[11], *end = NULL;
	long long id = 0, asked = p ? strtoll(p, &end, 10) : 0;
	bool found = false;
	NEOERR *err;

	err = db_rows_at(out, prefix, "Terms", NULL,
		"SELECT id, name FROM terms ORDER BY starts_on DESC LIMIT 100", NULL);
	if (err)
		return nerr_pass(err);
	if (p && *p) {
		if (*end == '\0' && asked > 0) {
			err = db_scalar(&id, &found, "SELECT id FROM terms WHERE id = ?", "i", asked);
			if (err)
				return nerr_pass(err);
		}
		if (!found) {
			snprintf(key, sizeof key, "%s.Message", prefix);
			hdf_set_value(out, key, lang_text(lang, "table.bad_term"));
		}
	}
	if (!found) {
		day_format(day_today(), td);
		err = db_scalar(&id, &found, "SELECT id FROM terms ORDER BY "
				"(starts_on <= ? AND ends_on >= ?) DESC, starts_on DESC LIMIT 1",
				"ss", td, td);
		if (err)
			return nerr_pass(err);
	}
	*term = (int)id;
	snprintf(key, sizeof key, "%s.Term", prefix);
	hdf_set_int_value(out, key, (int)id);
	return STATUS_OK;
}

/* ---- the report's figures ------------------------------------------------ */

const struct table_figure table_figures[] = {
	{ "should_return", "", FIG_NO_RANGE },
	{ "quiz_done", "quiz=1", FIG_NO_RANGE },
	{ "applied", "app=submitted", FIG_SUBMITTED },
	{ "first_passed", "app=first_passed", FIG_SUBMITTED },
	{ "travelled", "travelled=1", FIG_SUBMITTED },
	{ "on_campus", "arrived=1", FIG_ARRIVED },
	{ "tested", "tested=1", FIG_SUBMITTED },
	{ "moved_in", "moved=1", FIG_ARRIVED },
	{ "day_applied", "boarding=0&app=submitted", FIG_SUBMITTED },
	{ "day_approved", "boarding=0&app=approved", FIG_SUBMITTED },
	{ "abnormal", "card=abnormal", FIG_NO_RANGE },
	{ NULL, NULL, FIG_NO_RANGE }
};
