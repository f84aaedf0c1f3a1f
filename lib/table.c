/* table.c - see table.h. */
#include "table.h"
#include "db.h"
#include "days.h"

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

void table_row_facts(const struct table_row *row, int today, struct card_facts *f)
{
	memset(f, 0, sizeof *f);
	f->today = today;
	f->on_roster = true;                /* the table holds rostered rows only */
	f->app = row->app;
	f->quiz_done = row->quiz_done;
	f->pledge_done = row->pledge_done;
	f->allowed_from = row->allowed_from;
	f->allowed_until = row->allowed_until;
	for (int i = 0; i < CARD_STREAK_DAYS; i++)
		f->reported[i] = (row->streak >> i) & 1u;
	f->open_anomaly_day = row->anomaly_day;
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

/* The streak is read only where card_state() looks at it: an approved
 * application without an arrival (tests/unit/test_table.c holds card_state
 * to that). Open anomalies are few and read apart (anomalies_sql): a
 * subquery per row would walk every report of every person.
 * Binds: the latest report's day; streak from, from, today; the term; then
 * the scope's id. The light variant (the report) leaves out the text
 * columns and "in the city for 14 days", which no figure filters on. */
#define LOAD_SELECT(city14, texts) \
	"SELECT p.id, p.college_id, " texts ", p.identity, " \
	" p.boarding, ra.quiz_passed_at IS NOT NULL, ra.pledge_accepted_at IS NOT NULL, " \
	" ra.needs_pickup, ra.tested_locally, " city14 ", " \
	" ra.state, ra.allowed_from, ra.allowed_until, " \
	" DATE_FORMAT(ra.submitted_at, '%Y-%m-%d %H:%i'), NULL, " \
	" (SELECT MIN(tl.day) FROM travel_legs tl WHERE tl.application_id = ra.id), " \
	" CASE WHEN ra.state = 'approved' AND ag.id IS NULL THEN " \
	"  (SELECT BIT_OR(1 << DATEDIFF(d.day, ?)) FROM daily_reports d " \
	"   WHERE d.person_id = p.id AND d.day >= ? AND d.day < ?) END, " \
	" DATE_FORMAT(ag.at, '%Y-%m-%d %H:%i'), g.name, ag.boarding, ad.id IS NOT NULL " \
	"FROM roster_entries re JOIN people p ON p.id = re.person_id " \
	"LEFT JOIN return_applications ra ON ra.term_id = re.term_id AND ra.person_id = p.id " \
	"LEFT JOIN arrivals ag ON ag.person_id = p.id AND ag.term_id = re.term_id AND ag.kind = 'gate' " \
	"LEFT JOIN gates g ON g.id = ag.gate_id " \
	"LEFT JOIN arrivals ad ON ad.person_id = p.id AND ad.term_id = re.term_id AND ad.kind = 'dorm'"
#define FULL_TEXTS "p.number, p.name, " \
	"(SELECT col.name FROM org_units col WHERE col.id = p.college_id), " \
	"(SELECT c.name FROM counselor_assignments ca JOIN people c ON c.id = ca.counselor_id " \
	" WHERE ca.student_id = p.id), p.id_card"
#define FULL_CITY14 "(SELECT d.in_city_days >= 14 FROM daily_reports d " \
	"WHERE d.person_id = p.id AND d.day <= ? ORDER BY d.day DESC LIMIT 1)"

#define LIGHT_CITY14 "0 AND ? IS NOT NULL"
#define LIGHT_TEXTS "'', '', '', '', ''"
/* Some people only: a JSON array of their ids, bound as one string. */
#define SOME_IDS "JSON_TABLE(?, '$[*]' COLUMNS (id INT PATH '$')) some"
#define SOME_PEOPLE " JOIN " SOME_IDS " ON some.id = p.id"

static const char *const load_sql[] = SCOPE_VARIANTS(
	LOAD_SELECT(FULL_CITY14, FULL_TEXTS), "AND re.term_id = ?");
static const char *const light_sql[] = SCOPE_VARIANTS(
	LOAD_SELECT(LIGHT_CITY14, LIGHT_TEXTS), "AND re.term_id = ?");
static const char *const load_some_sql[] = SCOPE_VARIANTS(
	LOAD_SELECT(FULL_CITY14, FULL_TEXTS) SOME_PEOPLE, "AND re.term_id = ?");
static const char *const light_some_sql[] = SCOPE_VARIANTS(
	LOAD_SELECT(LIGHT_CITY14, LIGHT_TEXTS) SOME_PEOPLE, "AND re.term_id = ?");

static const char anomalies_sql[] =
	"SELECT person_id, MIN(day) FROM daily_reports WHERE anomaly_state = 'open' "
	"GROUP BY person_id";
static const char anomalies_some_sql[] =
	"SELECT d.person_id, MIN(d.day) "
	"FROM " SOME_IDS " "
	"JOIN daily_reports d ON d.person_id = some.id "
	"WHERE d.anomaly_state = 'open' GROUP BY d.person_id";


static int day_or_0(const char *s)
{
	int d = s ? day_parse(s) : -1;
	return d > 0 ? d : 0;
}

static void read_row(DB_CURSOR *c, int today, struct table_row *row)
{
	static const char *const ids[] = { "undergrad", "grad", "staff", NULL };
	const char *stage = db_str(c, 14);
	int i;

	memset(row, 0, sizeof *row);
	row->person_id = (int)db_int(c, 0);
	row->college_id = (int)db_int(c, 1);
	db_copy(row->number, sizeof row->number, db_str(c, 2));
	db_copy(row->name, sizeof row->name, db_str(c, 3));
	db_copy(row->college, sizeof row->college, db_str(c, 4));
	db_copy(row->counselor, sizeof row->counselor, db_str(c, 5));
	db_copy(row->id_card, sizeof row->id_card, db_str(c, 6));
	i = db_str(c, 7) ? index_of(ids, db_str(c, 7)) : -1;
	row->identity = i < 0 ? TI_UNDERGRAD : (enum table_identity)i;
	row->boarding = db_int(c, 8) != 0;
	row->quiz_done = db_int(c, 9) != 0;
	row->pledge_done = db_int(c, 10) != 0;
	row->needs_pickup = db_int(c, 11) != 0;
	row->tested_locally = db_int(c, 12) != 0;
	row->city14 = db_int(c, 13) != 0;
	i = stage ? index_of(stage_names, stage) : -1;
	row->app = i > 0 ? (enum app_stage)i : APP_NONE;
	row->allowed_from = day_or_0(db_str(c, 15));
	row->allowed_until = day_or_0(db_str(c, 16));
	db_copy(row->submitted_at, sizeof row->submitted_at, db_str(c, 17));
	row->submitted_day = day_or_0(db_str(c, 17));
	row->anomaly_day = day_or_0(db_str(c, 18));
	row->first_leg_day = day_or_0(db_str(c, 19));
	row->travelled = row->first_leg_day && row->first_leg_day <= today;
	row->streak = (unsigned)db_int(c, 20);
	db_copy(row->arrived_at, sizeof row->arrived_at, db_str(c, 21));
	row->arrived = db_str(c, 21) != NULL;
	row->arrived_day = day_or_0(db_str(c, 21));
	db_copy(row->gate, sizeof row->gate, db_str(c, 22));
	row->arrived_as_boarder = db_int(c, 23) != 0;
	row->moved_in = db_int(c, 24) != 0;
}

static int cmp_pid(const void *a, const void *b, void *arg)
{
	const struct table_row *rows = arg;
	return cmp_int(rows[*(const int *)a].person_id, rows[*(const int *)b].person_id);
}

/* The open anomalies, onto the rows they belong to; then every row's
 * card state. some: the JSON array of the people the rows are of (NULL:
 * the rows may be anyone's). */
static NEOERR *finish_rows(struct table_set *set, int today, const char *some)
{
	DB_CURSOR *c = NULL;
	int *by_pid = malloc(sizeof *by_pid * (size_t)(set->n ? set->n : 1));
	NEOERR *err;

	if (by_pid == NULL)
		return nerr_raise(NERR_NOMEM, "table index");
	for (int i = 0; i < set->n; i++)
		by_pid[i] = i;
	qsort_r(by_pid, (size_t)set->n, sizeof *by_pid, cmp_pid, set->rows);
	err = some ? db_query(&c, anomalies_some_sql, "s", some) : db_query(&c, anomalies_sql, NULL);
	if (err) {
		free(by_pid);
		return nerr_pass(err);
	}
	while (db_next(c)) {
		int pid = (int)db_int(c, 0), lo = 0, hi = set->n - 1;
		while (lo <= hi) {
			int mid = (lo + hi) / 2, have = set->rows[by_pid[mid]].person_id;
			if (have == pid) {
				set->rows[by_pid[mid]].anomaly_day = day_or_0(db_str(c, 1));
				break;
			}
			if (have < pid)
				lo = mid + 1;
			else
				hi = mid - 1;
		}
	}
	db_cursor_free(&c);
	free(by_pid);
	for (int i = 0; i < set->n; i++) {
		struct table_row *row = &set->rows[i];
		struct card_facts facts;
		struct card_verdict v;

		table_row_facts(row, today, &facts);
		card_state(&facts, &v);
		row->card = v.state;
	}
	return STATUS_OK;
}

/*
 * The rows of a whole school cost MariaDB about half a second, so each
 * process keeps its last load, with every person's revision as it was
 * read just before the rows (person_revs: bumped by triggers on every
 * table a row is read from; row 0 for the names all rows share: people,
 * org units, terms, gates). On the next request for the same rows:
 *  - none of the source tables changed since (InnoDB's UPDATE_TIME, to the
 *    second, and seen at least two seconds old, so that a change in the
 *    same second cannot slip by): the rows are handed out as they are;
 *  - else the revisions are read again, and only the rows of the people
 *    whose revision moved are read again, in one statement. A new shared
 *    revision, or more than TABLE_REFRESH_MAX people, and everything is
 *    read again.
 */
#define TABLE_REFRESH_MAX 2000
#define TABLE_MAX_PERSON_ID (1 << 24)

static const char changed_sql[] =
	"SELECT COALESCE(MAX(UNIX_TIMESTAMP(UPDATE_TIME)), 0), "
	" COALESCE(SUM(UNIX_TIMESTAMP(UPDATE_TIME)), 0), COUNT(UPDATE_TIME), UNIX_TIMESTAMP() "
	"FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN "
	"('people', 'roster_entries', 'return_applications', 'travel_legs', 'arrivals', "
	" 'daily_reports', 'counselor_assignments', 'org_units', 'gates', 'person_revs')";

struct table_stamp { long long newest, sum, count, now; };

/* Revisions by person id; ids past n count as revision 0. beyond: a
 * person id too large to keep a revision for was seen (then nothing is
 * read again in part). */
struct table_revs { long long *rev; int n; bool beyond; };

static struct {
	bool valid, light;
	enum scope_kind s;
	long long bound;
	int term_id, today;
	struct table_stamp stamp;   /* as read before the rows were last brought up to date */
	struct table_revs revs;
	struct table_set set;
} kept;

static NEOERR *tables_stamp(struct table_stamp *st)
{
	DB_CURSOR *c = NULL;
	NEOERR *err = db_query(&c, changed_sql, NULL);

	if (err)
		return nerr_pass(err);
	memset(st, 0, sizeof *st);
	if (db_next(c)) {
		st->newest = db_int(c, 0);
		st->sum = db_int(c, 1);
		st->count = db_int(c, 2);
		st->now = db_int(c, 3);
	}
	db_cursor_free(&c);
	return STATUS_OK;
}

/* Nothing changed since the kept stamp, as far as it can tell: it must be
 * the same and have been at least two seconds old when read, or a change
 * in that same second would leave it the same. */
static bool unchanged_since_kept(const struct table_stamp *st)
{
	const struct table_stamp *k = &kept.stamp;

	return k->now - k->newest >= 2 && k->newest == st->newest && k->sum == st->sum &&
	       k->count == st->count;
}

static long long rev_of(const struct table_revs *rv, int id)
{
	return id >= 0 && id < rv->n ? rv->rev[id] : 0;
}

/* The ids that rv or the kept revisions hold a revision for are below this. */
static int revs_span(const struct table_revs *rv)
{
	return rv->n > kept.revs.n ? rv->n : kept.revs.n;
}

/* Every person's revision. */
static NEOERR *read_revs(struct table_revs *rv)
{
	DB_CURSOR *c = NULL;
	NEOERR *err = db_query(&c, "SELECT person_id, rev FROM person_revs", NULL);

	memset(rv, 0, sizeof *rv);
	if (err)
		return nerr_pass(err);
	while (db_next(c)) {
		long long id = db_int(c, 0);
		if (id < 0 || id >= TABLE_MAX_PERSON_ID) {
			rv->beyond = true;
			continue;
		}
		if (id >= rv->n) {
			int n = rv->n ? rv->n : 1024;
			while (n <= id)
				n *= 2;
			long long *grown = realloc(rv->rev, (size_t)n * sizeof *grown);
			if (grown == NULL) {
				db_cursor_free(&c);
				free(rv->rev);
				memset(rv, 0, sizeof *rv);
				return nerr_raise(NERR_NOMEM, "table revisions");
			}
			memset(grown + rv->n, 0, (size_t)(n - rv->n) * sizeof *grown);
			rv->rev = grown;
			rv->n = n;
		}
		rv->rev[id] = db_int(c, 1);
	}
	db_cursor_free(&c);
	return STATUS_OK;
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

/* The rows of the scope (some: only these people, a JSON array). */
static NEOERR *load_rows(struct table_set *set, enum scope_kind s, long long bound,
			 int term_id, int today, bool light, const char *some)
{
	char td[11], from[11];
	DB_CURSOR *c = NULL;
	NEOERR *err;

	memset(set, 0, sizeof *set);
	day_format(today, td);
	day_format(today - CARD_STREAK_DAYS, from);
	if (some)
		err = db_query(&c, light ? light_some_sql[s] : load_some_sql[s], "sssssii",
			       td, from, from, td, some, bound, (long long)term_id);
	else
		err = db_query(&c, light ? light_sql[s] : load_sql[s], "ssssii", td, from, from,
			       td, bound, (long long)term_id);
	if (err)
		return nerr_pass(err);
	while (db_next(c)) {
		struct table_row *row = row_append(set);
		if (row == NULL) {
			db_cursor_free(&c);
			table_set_free(set);
			return nerr_raise(NERR_NOMEM, "table rows");
		}
		read_row(c, today, row);
	}
	db_cursor_free(&c);
	err = finish_rows(set, today, some);
	if (err)
		table_set_free(set);
	return nerr_pass(err);
}

static void forget_kept(void)
{
	if (kept.valid)
		free(kept.set.rows);
	free(kept.revs.rev);
	memset(&kept, 0, sizeof kept);
}

/* The people whose revision moved between the kept revisions and rv;
 * false when they are too many, or the shared revision moved. */
static bool moved_people(const struct table_revs *rv, int *ids, int *count)
{
	int n = revs_span(rv);

	*count = 0;
	if (rv->beyond || rev_of(rv, 0) != rev_of(&kept.revs, 0))
		return false;
	for (int id = 1; id < n; id++) {
		if (rev_of(rv, id) == rev_of(&kept.revs, id))
			continue;
		if (*count == TABLE_REFRESH_MAX)
			return false;
		ids[(*count)++] = id;
	}
	return true;
}

/* The kept rows with the rows of `fresh` (the people of ids, read again)
 * in place of theirs: replaced, added, or gone when a person has no row
 * any more. Every id, and so every fresh row's, is below n. */
static NEOERR *merge_rows(const struct table_set *fresh, const int *ids, int count, int n)
{
	int *pos = malloc((size_t)n * sizeof *pos);
	struct table_set *k = &kept.set;

	if (pos == NULL)
		return nerr_raise(NERR_NOMEM, "table merge");
	for (int i = 0; i < n; i++)
		pos[i] = -1;
	for (int i = 0; i < k->n; i++)
		if (k->rows[i].person_id > 0 && k->rows[i].person_id < n)
			pos[k->rows[i].person_id] = i;
	/* In place, or added at the end. */
	for (int j = 0; j < fresh->n; j++) {
		const struct table_row *row = &fresh->rows[j];
		int i = pos[row->person_id];

		if (i < 0) {
			if (row_append(k) == NULL) {
				free(pos);
				return nerr_raise(NERR_NOMEM, "table rows");
			}
			i = k->n - 1;
		}
		k->rows[i] = *row;
		pos[row->person_id] = -2 - i;     /* fresh: stays */
	}
	/* Gone: a person of the list whose row was kept but not read again. */
	for (int j = 0; j < count; j++) {
		int i = pos[ids[j]];

		if (i < 0)
			continue;
		k->rows[i] = k->rows[--k->n];
		if (i < k->n) {
			/* A row kept for someone who never had a revision (rostered
			 * before sql/006) may have an id past n: not in pos. */
			int moved = k->rows[i].person_id;
			if (moved > 0 && moved < n)
				pos[moved] = pos[moved] <= -2 ? -2 - i : i;
		}
		pos[ids[j]] = -1;
	}
	free(pos);
	return STATUS_OK;
}

/* The kept rows brought up to date, reading only the people whose
 * revision moved; *done false when everything must be read again. */
static NEOERR *refresh_some(const struct table_stamp *st, bool *done)
{
	struct table_revs rv = { 0 };
	struct table_set fresh = { 0 };
	STRING json;
	int *ids = malloc(TABLE_REFRESH_MAX * sizeof *ids), count = 0;
	NEOERR *err = STATUS_OK;

	*done = false;
	string_init(&json);
	if (ids == NULL) {
		err = nerr_raise(NERR_NOMEM, "table refresh");
		goto cleanup;
	}
	err = read_revs(&rv);
	if (err || !moved_people(&rv, ids, &count))
		goto cleanup;
	if (count > 0) {
		err = string_append(&json, "[");
		for (int j = 0; j < count && err == STATUS_OK; j++)
			err = string_appendf(&json, j ? ",%d" : "%d", ids[j]);
		if (err == STATUS_OK)
			err = string_append(&json, "]");
		if (err == STATUS_OK)
			err = load_rows(&fresh, kept.s, kept.bound, kept.term_id, kept.today,
					kept.light, json.buf);
		if (err == STATUS_OK)
			err = merge_rows(&fresh, ids, count, revs_span(&rv));
		if (err) {
			/* The kept rows may be half merged: none are kept. */
			forget_kept();
			goto cleanup;
		}
	}
	free(kept.revs.rev);
	kept.revs = rv;
	memset(&rv, 0, sizeof rv);    /* now kept's */
	kept.stamp = *st;
	*done = true;
cleanup:
	table_set_free(&fresh);
	string_clear(&json);
	free(rv.rev);
	free(ids);
	return nerr_pass(err);
}

NEOERR *table_load(struct table_set *set, enum scope_kind s, long long bound,
		   int term_id, int today, int college_id, bool light)
{
	struct table_stamp st;
	struct table_revs rv;
	bool done = false;
	NEOERR *err;

	memset(set, 0, sizeof *set);
	err = tables_stamp(&st);
	if (err)
		return nerr_pass(err);
#define KEPT_FOR(scope, id) (kept.valid && kept.light == light && kept.s == (scope) && \
	kept.bound == (id) && kept.term_id == term_id && kept.today == today)
	/* The whole school narrowed to one college: the school's kept rows
	 * hold it (the filter picks the college), else that college's scope. */
	if (s == SCOPE_SCHOOL && college_id > 0 && !KEPT_FOR(s, bound)) {
		s = SCOPE_COLLEGE;
		bound = college_id;
	}
	if (KEPT_FOR(s, bound)) {
		if (!unchanged_since_kept(&st)) {
			err = refresh_some(&st, &done);
			if (err)
				return nerr_pass(err);
		} else {
			done = true;
		}
	}
#undef KEPT_FOR
	if (!done) {
		/* Everything again: the revisions first, so that what is kept
		 * is at least as new as they say. */
		forget_kept();
		err = read_revs(&rv);
		if (err)
			return nerr_pass(err);
		err = load_rows(&kept.set, s, bound, term_id, today, light, NULL);
		if (err) {
			free(rv.rev);
			return nerr_pass(err);
		}
		kept.valid = true;
		kept.light = light;
		kept.s = s;
		kept.bound = bound;
		kept.term_id = term_id;
		kept.today = today;
		kept.revs = rv;
		kept.stamp = st;
	}
	*set = kept.set;
	set->borrowed = true;
	return STATUS_OK;
}

void table_set_free(struct table_set *set)
{
	if (!set->borrowed)
		free(set->rows);
	memset(set, 0, sizeof *set);
}

/* ---- the term ------------------------------------------------------------ */

NEOERR *table_chosen_term(struct req *r, const char *prefix, int *term)
{
	const char *p = app_param(r, "term", NULL);
	char key[64], td[11], *end = NULL;
	long long id = 0, asked = p ? strtoll(p, &end, 10) : 0;
	bool found = false;
	NEOERR *err;

	snprintf(key, sizeof key, "%s.Terms", prefix);
	err = db_rows(r->hdf, key, NULL,
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
			hdf_set_value(r->hdf, key, tr(r, "table.bad_term"));
		}
	}
	if (!found) {
		day_format(app_today(), td);
		err = db_scalar(&id, &found, "SELECT id FROM terms ORDER BY "
				"(starts_on <= ? AND ends_on >= ?) DESC, starts_on DESC LIMIT 1",
				"ss", td, td);
		if (err)
			return nerr_pass(err);
	}
	*term = (int)id;
	snprintf(key, sizeof key, "%s.Term", prefix);
	hdf_set_int_value(r->hdf, key, (int)id);
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
