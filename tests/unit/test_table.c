/*
 * test_table.c - the big table's pure parts (lib/read/table.c): reading the
 * filters (bad values ignored, ranges turned round), the row predicate,
 * sorting, ID masking, formula neutralisation, and the two facts the
 * set-based loader relies on about card_state().
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "core/days.h"
#include "core/csv.h"
#include "read/table.h"

#define TODAY 20000

/* name=value&... as the parameters of a request. */
struct q { const char *s; char buf[64]; };

static const char *get(void *ctx, const char *name)
{
	struct q *q = ctx;
	size_t n = strlen(name);

	for (const char *p = q->s; p && *p;) {
		const char *amp = strchr(p, '&');
		size_t len = amp ? (size_t)(amp - p) : strlen(p);
		if (len > n && !strncmp(p, name, n) && p[n] == '=') {
			snprintf(q->buf, sizeof q->buf, "%.*s", (int)(len - n - 1), p + n + 1);
			return q->buf;
		}
		p = amp ? amp + 1 : NULL;
	}
	return NULL;
}

static void parse(struct table_filter *f, const char *s, struct table_parse_notes *notes)
{
	struct q q = { s, "" };
	table_filter_parse(f, get, &q, notes);
}

static struct table_row row_of(void)
{
	struct table_row r;

	memset(&r, 0, sizeof r);
	r.person_id = 7;
	r.college_id = 3;
	snprintf(r.number, sizeof r.number, "2021001");
	snprintf(r.name, sizeof r.name, "王小明");
	r.identity = TI_UNDERGRAD;
	r.boarding = true;
	r.app = APP_APPROVED;
	r.allowed_from = TODAY - 1;
	r.allowed_until = TODAY + 5;
	r.submitted_day = TODAY - 10;
	r.card = CARD_MAY_RETURN;
	return r;
}

static void test_parse_good_and_bad(void **state)
{
	struct table_filter f;
	struct table_parse_notes notes;

	(void)state;
	parse(&f, "college=3&boarding=0&app=submitted&card=abnormal&identity=grad", &notes);
	assert_int_equal(notes.nbad, 0);
	assert_int_equal(f.college_id, 3);
	assert_int_equal(f.flag[TF_BOARDING], 0);
	assert_int_equal(f.flag[TF_PICKUP], -1);
	assert_int_equal(f.identity, TI_GRAD);
	assert_true(f.app_mask & (1u << APP_FIRST_REVIEW));
	assert_false(f.app_mask & (1u << APP_DRAFT));
	assert_int_equal(f.card_mask, 1u << CARD_ABNORMAL);

	parse(&f, "college=x&boarding=2&app=nonsense&card=purple&sub_from=2026-02-30&name=ok", &notes);
	assert_int_equal(notes.nbad, 5);
	assert_int_equal(f.college_id, 0);
	assert_int_equal(f.flag[TF_BOARDING], -1);
	assert_int_equal(f.app_mask, 0);
	assert_int_equal(f.card_mask, 0);
	assert_int_equal(f.range[TR_SUBMITTED].lo, 0);
	assert_string_equal(f.name, "ok");
}

static void test_inverted_range_is_swapped(void **state)
{
	struct table_filter f;
	struct table_parse_notes notes;

	(void)state;
	parse(&f, "due_from=2026-09-10&due_to=2026-09-01", &notes);
	assert_true(notes.swapped);
	assert_int_equal(f.range[TR_DEADLINE].lo, day_parse("2026-09-01"));
	assert_int_equal(f.range[TR_DEADLINE].hi, day_parse("2026-09-10"));
}

static void test_row_matches(void **state)
{
	struct table_filter f;
	struct table_parse_notes notes;
	struct table_row r = row_of();
	char q[200], d[11];

	(void)state;
	parse(&f, "", &notes);
	assert_true(table_row_matches(&f, &r));
	parse(&f, "college=4", &notes);
	assert_false(table_row_matches(&f, &r));
	parse(&f, "number=2021&name=小明&boarding=1&app=approved&card=may_return", &notes);
	assert_true(table_row_matches(&f, &r));
	parse(&f, "number=2022", &notes);
	assert_false(table_row_matches(&f, &r));
	parse(&f, "app=first_passed", &notes);
	assert_true(table_row_matches(&f, &r));
	parse(&f, "app=none", &notes);
	assert_false(table_row_matches(&f, &r));
	day_format(TODAY - 1, d);
	snprintf(q, sizeof q, "allow_from=%s&allow_to=%s", d, d);
	parse(&f, q, &notes);
	assert_true(table_row_matches(&f, &r));
	/* A range never matches a row without the day. */
	parse(&f, "arr_from=2000-01-01", &notes);
	assert_false(table_row_matches(&f, &r));
	r.arrived = true;
	r.arrived_day = TODAY;
	assert_true(table_row_matches(&f, &r));
	parse(&f, "arrived=0", &notes);
	assert_false(table_row_matches(&f, &r));
	/* Selected ids. */
	long long ids[] = { 3, 7, 9 };
	parse(&f, "", &notes);
	f.ids = ids;
	f.nids = 3;
	assert_true(table_row_matches(&f, &r));
	r.person_id = 8;
	assert_false(table_row_matches(&f, &r));
}

static void test_sort(void **state)
{
	struct table_row rows[3] = { row_of(), row_of(), row_of() };
	int idx[3] = { 0, 1, 2 };

	(void)state;
	snprintf(rows[0].number, sizeof rows[0].number, "3");
	snprintf(rows[1].number, sizeof rows[1].number, "1");
	snprintf(rows[2].number, sizeof rows[2].number, "2");
	rows[0].allowed_from = 5;
	rows[1].allowed_from = 9;
	rows[2].allowed_from = 5;
	table_sort(rows, idx, 3, table_sort_key("number"), false);
	assert_int_equal(idx[0], 1);
	assert_int_equal(idx[2], 0);
	table_sort(rows, idx, 3, table_sort_key("allowed_from"), true);
	assert_int_equal(idx[0], 1);
	assert_int_equal(idx[1], 0);     /* ties by number, the order reversed too */
	assert_int_equal(table_sort_key("id_card; DROP"), -1);
	assert_int_equal(table_sort_key(NULL), -1);
}

static void test_mask_and_neutralise(void **state)
{
	char out[19], buf[40];

	(void)state;
	table_mask_id("440101199901011234", out);
	assert_string_equal(out, "44****34");
	table_mask_id("", out);
	assert_string_equal(out, "");
	table_mask_id("123", out);
	assert_string_equal(out, "****");
	assert_string_equal(csv_neutralise("=1+1", buf, sizeof buf), "'=1+1");
	assert_string_equal(csv_neutralise("+86", buf, sizeof buf), "'+86");
	assert_string_equal(csv_neutralise("-2", buf, sizeof buf), "'-2");
	assert_string_equal(csv_neutralise("@SUM(A1)", buf, sizeof buf), "'@SUM(A1)");
	assert_string_equal(csv_neutralise("王", buf, sizeof buf), "王");
}

/* The review reason, the missing evidence, the sent-back report's reason
 * and a pending make-up word the reasons only: the table loads none. */
static void test_state_ignores_reason_texts(void **state)
{
	(void)state;
	for (int app = APP_NONE; app <= APP_REJECTED; app++) {
		struct card_facts f = { .on_roster = true, .app = (enum app_stage)app };
		struct card_verdict a, b;

		card_state(&f, TODAY, CARD_STREAK_DAYS, &a);
		f.review_reason = "x";
		f.evidence_missing = 0x1f;
		f.sent_back_reason = "x";
		f.makeup_pending_day = TODAY - 3;
		card_state(&f, TODAY, CARD_STREAK_DAYS, &b);
		assert_int_equal(a.state, b.state);
	}
}

/* The report loads light rows (no names, numbers, city14): no figure may
 * filter on them, and every figure's parameters must parse. */
static void test_figures_parse_and_stay_light(void **state)
{
	(void)state;
	for (int i = 0; table_figures[i].name; i++) {
		struct table_filter f;
		struct table_parse_notes notes;

		parse(&f, table_figures[i].params, &notes);
		assert_int_equal(notes.nbad, 0);
		assert_string_equal(f.name, "");
		assert_string_equal(f.number, "");
		assert_int_equal(f.flag[TF_CITY14], -1);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_good_and_bad),
		cmocka_unit_test(test_inverted_range_is_swapped),
		cmocka_unit_test(test_row_matches),
		cmocka_unit_test(test_sort),
		cmocka_unit_test(test_mask_and_neutralise),
		cmocka_unit_test(test_state_ignores_reason_texts),
		cmocka_unit_test(test_figures_parse_and_stay_light),
	};
	return cmocka_run_group_tests_name("table", tests, NULL, NULL);
}
