/* test_review.c - the review pipeline's tables: the return application's
 * transitions (read here as the code reads them, and held against the
 * schema's states) and each review kind's effects. The pipeline's
 * transactions run over HTTP (t0011, t0013, t0014, t0015, t0025). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <glob.h>
#include <string.h>
#include <cmocka.h>

#include "core/days.h"
#include "core/err.h"
#include "core/lang.h"
#include "domain/kinds.h"
#include "domain/returnapp.h"
#include "domain/review.h"

static const char *root(void)
{
	const char *r = getenv("ROOT");
	return r ? r : ".";
}

/* The values of the ENUM of `column` in `table` of sql/001_schema.sql,
 * quoted and comma-separated ("'draft','first_review',..."). */
/* A later migration's "ALTER TABLE t ... MODIFY column ENUM(...)" wins. */
static void later_enum(const char *table, const char *column, char *out, size_t n)
{
	char pattern[1024], line[1024], head[128], col[64];
	bool in = false;
	glob_t g;

	snprintf(pattern, sizeof pattern, "%s/sql/[0-9][0-9][0-9]_*.sql", root());
	if (glob(pattern, 0, NULL, &g) != 0)
		return;
	snprintf(head, sizeof head, "ALTER TABLE %s", table);
	snprintf(col, sizeof col, "MODIFY %s ENUM(", column);
	for (size_t i = 0; i < g.gl_pathc; i++) {
		FILE *f = fopen(g.gl_pathv[i], "r");

		if (f == NULL)
			continue;
		in = false;
		while (fgets(line, sizeof line, f)) {
			if (!strncmp(line, "ALTER TABLE ", 12))
				in = !strncmp(line, head, strlen(head));
			if (in && strstr(line, col)) {
				char *a = strstr(line, col) + strlen(col), *b = strchr(a, ')');
				if (b)
					snprintf(out, n, "%.*s", (int)(b - a), a);
			}
			if (strchr(line, ';'))
				in = false;
		}
		fclose(f);
	}
	globfree(&g);
}

static void schema_enum(const char *table, const char *column, char *out, size_t n)
{
	char path[1024], line[1024], head[128], col[64];
	bool in = false;
	FILE *f;

	snprintf(path, sizeof path, "%s/sql/001_schema.sql", root());
	f = fopen(path, "r");
	assert_non_null(f);
	snprintf(head, sizeof head, "CREATE TABLE %s (", table);
	snprintf(col, sizeof col, " %s ", column);
	*out = '\0';
	while (fgets(line, sizeof line, f)) {
		if (!strncmp(line, head, strlen(head)))
			in = true;
		else if (in && !strncmp(line, ")", 1))
			break;
		else if (in && strstr(line, col) && strstr(line, "ENUM(")) {
			char *a = strstr(line, "ENUM(") + 5, *b = strchr(a, ')');
			snprintf(out, n, "%.*s", (int)(b - a), a);
			break;
		}
	}
	fclose(f);
	later_enum(table, column, out, n);
	assert_true(*out);
}

static bool in_enum(const char *values, const char *v)
{
	char q[64];
	snprintf(q, sizeof q, "'%s'", v);
	return strstr(values, q) != NULL;
}

static void transitions_match_schema(void **state)
{
	char states[512], seen[512] = "";
	(void)state;
	schema_enum("return_applications", "state", states, sizeof states);
	for (const struct ret_transition *t = ret_transitions; t->from; t++) {
		if (!in_enum(states, t->from) || !in_enum(states, t->to))
			fail_msg("%s -> %s: not a state of return_applications", t->from, t->to);
		/* One transition per state, stage and event. */
		for (const struct ret_transition *u = t + 1; u->from; u++)
			if (u->event == t->event && !strcmp(u->from, t->from) &&
			    (!u->from_stage || !t->from_stage || !strcmp(u->from_stage, t->from_stage)))
				fail_msg("two transitions from %s on %d", t->from, t->event);
		strcat(seen, "'"), strcat(seen, t->from), strcat(seen, "' '");
		strcat(seen, t->to), strcat(seen, "' ");
	}
	/* Every state of the schema takes part. */
	for (char *p = states; (p = strchr(p, '\'')); ) {
		char *e = strchr(p + 1, '\'');
		char v[32];
		snprintf(v, sizeof v, "%.*s", (int)(e - p - 1), p + 1);
		if (!in_enum(seen, v))
			fail_msg("state %s is in no transition", v);
		p = e + 1;
	}
}

static void transitions_walk(void **state)
{
	/* The whole road, with each send-back on the way. */
	static const struct { const char *state, *stage; enum ret_event ev; const char *to, *to_stage; } walk[] = {
		{ "draft", "", RET_APPLY, "first_review", NULL },
		{ "first_review", "", RET_FIRST_SEND_BACK, "sent_back", "first" },
		{ "sent_back", "first", RET_APPLY, "first_review", NULL },
		{ "first_review", "", RET_FIRST_APPROVE, "evidence", NULL },
		{ "evidence", "", RET_EVIDENCE, "second_review", NULL },
		{ "second_review", "", RET_SECOND_SEND_BACK, "sent_back", "second" },
		{ "sent_back", "second", RET_EVIDENCE, "second_review", NULL },
		{ "second_review", "", RET_SECOND_APPROVE, "approved", NULL },
	};
	(void)state;
	for (size_t i = 0; i < sizeof walk / sizeof walk[0]; i++) {
		const struct ret_transition *t = ret_next(walk[i].state, walk[i].stage, walk[i].ev);
		assert_non_null(t);
		assert_string_equal(t->to, walk[i].to);
		if (walk[i].to_stage)
			assert_string_equal(t->to_stage, walk[i].to_stage);
		else
			assert_null(t->to_stage);
	}
	/* What each state refuses. */
	assert_null(ret_next("sent_back", "first", RET_EVIDENCE));
	assert_null(ret_next("sent_back", "second", RET_APPLY));
	assert_null(ret_next("first_review", "", RET_APPLY));
	assert_null(ret_next("evidence", "", RET_APPLY));
	assert_null(ret_next("draft", "", RET_EVIDENCE));
	assert_null(ret_next("first_review", "", RET_SECOND_APPROVE));
	for (int ev = RET_APPLY; ev <= RET_SECOND_SEND_BACK; ev++) {
		assert_null(ret_next("approved", "", (enum ret_event)ev));
		assert_null(ret_next("rejected", "", (enum ret_event)ev));
	}
	assert_null(ret_next(NULL, NULL, RET_APPLY));
}

static void return_window(void **state)
{
	int today = day_parse("2026-03-10");
	(void)state;
	assert_true(ret_window_ok("2026-03-10", "2026-03-12", today));
	assert_true(ret_window_ok("2026-03-01", "2026-03-10", today));
	assert_true(ret_window_ok("2026-03-12", "2026-03-12", today));
	assert_false(ret_window_ok("2026-03-12", "2026-03-11", today));
	assert_false(ret_window_ok("2026-03-01", "2026-03-09", today));
	assert_false(ret_window_ok("", "2026-03-12", today));
	assert_false(ret_window_ok("2026-03-10", NULL, today));
	assert_false(ret_window_ok("2026-02-30", "2026-03-12", today));
}

/* The schema's queue_items.kind values into kinds; the language packs loaded. */
static void queue_kinds_and_packs(char *kinds, size_t n)
{
	char path[1024];

	err_init();
	snprintf(path, sizeof path, "%s/templates", root());
	assert_null(lang_load(path));
	schema_enum("queue_items", "kind", kinds, n);
}

static void review_kinds_table(void **state)
{
	char kinds[256];
	int n = 0;
	(void)state;
	queue_kinds_and_packs(kinds, sizeof kinds);
	for (const struct review_kind *k = review_kinds; k->kind; k++, n++) {
		assert_true(in_enum(kinds, k->kind->name));
		assert_ptr_equal(review_kind_of(k->kind->name), k);
		for (int v = 0; v < REVIEW_VERDICTS; v++) {
			const struct review_effect *e = &k->on[v];
			char key[80];
			/* A verdict a kind does not take (a fever is only cleared). */
			if (e->decision == NULL && v != REVIEW_APPROVE)
				continue;
			assert_non_null(e->decision);
			assert_non_null(e->audit);
			/* The student is told in both languages. */
			snprintf(key, sizeof key, "outbox.%s", e->notice);
			for (int l = 0; l < 2; l++)
				if (hdf_get_value(lang_pack(l), key, NULL) == NULL)
					fail_msg("%s: no %s in language %d", k->kind->name, key, l);
			if (k->check == NULL || k->apply == NULL)
				fail_msg("%s has no check or apply", k->kind->name);
			/* A return's verdict is a transition from the state it waits in. */
			if (!strcmp(k->kind->object_kind, "return_application")) {
				const struct ret_transition *t =
					ret_next(k->open_state, "", (enum ret_event)e->event);
				if (t == NULL)
					fail_msg("%s: no transition from %s on %d", k->kind->name,
						 k->open_state, e->event);
				/* A send-back leaves a stage; nothing else does. */
				assert_int_equal(t->to_stage != NULL, !strcmp(e->decision, "send_back"));
			} else {
				assert_non_null(e->state);
			}
		}
		/* Only an approval sets a return window, and only a first one. */
		assert_false(k->on[REVIEW_SEND_BACK].window || k->on[REVIEW_REJECT].window);
		assert_int_equal(k->on[REVIEW_APPROVE].window, !strcmp(k->kind->name, "first_review"));
	}
	assert_int_equal(n, 8);     /* ... and the commute report (走读报备) */
	/* A fever at an entrance is only cleared: nothing to send back. */
	assert_null(review_kind_of("fever")->on[REVIEW_SEND_BACK].decision);
	assert_null(review_kind_of("other"));
	assert_null(review_kind_of(NULL));
	/* Only a second review tells a rejection from a send-back. */
	assert_string_equal(review_kind_of("makeup")->on[REVIEW_SEND_BACK].decision, "reject");
	assert_string_equal(review_kind_of("anomaly")->on[REVIEW_REJECT].decision, "send_back");
	assert_string_equal(review_kind_of("first_review")->on[REVIEW_REJECT].decision, "send_back");
	assert_string_equal(review_kind_of("second_review")->on[REVIEW_REJECT].decision, "reject");
}

/* Every kind a queue item can hold (the schema's ENUM, after the last
 * migration that changes it) is in the registry (domain/kinds.h), in the
 * ENUM's order, with its record's audit object kind, its words in both
 * language packs and its review kind; and the registry holds nothing else. */
static void queue_kinds_registry(void **state)
{
	char kinds[256], key[80];
	const char *p;
	int n = 0;
	(void)state;
	queue_kinds_and_packs(kinds, sizeof kinds);
	for (p = kinds; (p = strchr(p, '\'')) != NULL; p = strchr(p + 1, '\'') + 1, n++) {
		char name[64];
		const char *e = strchr(p + 1, '\'');
		assert_non_null(e);
		snprintf(name, sizeof name, "%.*s", (int)(e - p - 1), p + 1);
		const struct queue_kind *k = queue_kind_of(name);
		if (k == NULL)
			fail_msg("queue_items.kind %s is not in the registry", name);
		assert_int_equal(k - queue_kinds, n);
		assert_non_null(k->object_kind);
		if (review_kind_of(name) == NULL || review_kind_of(name)->kind != k)
			fail_msg("%s has no review kind", name);
		snprintf(key, sizeof key, "review.kinds.%s", name);
		for (int l = 0; l < 2; l++)
			if (hdf_get_value(lang_pack(l), key, NULL) == NULL)
				fail_msg("%s: no %s in language %d", name, key, l);
	}
	assert_int_equal(n, KINDS);
	assert_null(queue_kinds[KINDS].name);
	assert_null(queue_kind_of("other"));
	assert_null(queue_kind_of(NULL));
	/* The history of an item is its record's audit rows. */
	assert_string_equal(queue_kind_of("makeup")->object_kind, "makeup_request");
	assert_string_equal(queue_kind_of("anomaly")->object_kind, "daily_report");
	assert_string_equal(queue_kind_of("second_review")->object_kind, "return_application");
	assert_string_equal(queue_kind_of("fever")->object_kind, "passage");
}

static void verdicts(void **state)
{
	enum review_verdict v;
	(void)state;
	assert_true(review_verdict_parse("approve", &v));
	assert_int_equal(v, REVIEW_APPROVE);
	assert_true(review_verdict_parse("send_back", &v));
	assert_int_equal(v, REVIEW_SEND_BACK);
	assert_true(review_verdict_parse("reject", &v));
	assert_int_equal(v, REVIEW_REJECT);
	assert_false(review_verdict_parse("clear", &v));
	assert_false(review_verdict_parse("", &v));
	assert_false(review_verdict_parse(NULL, &v));
	assert_string_equal(review_outcome_name(RO_ALREADY), "already");
	assert_string_equal(review_outcome_name(RO_UNSUPPORTED), "unsupported");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(transitions_match_schema),
		cmocka_unit_test(transitions_walk),
		cmocka_unit_test(return_window),
		cmocka_unit_test(review_kinds_table),
		cmocka_unit_test(queue_kinds_registry),
		cmocka_unit_test(verdicts),
	};
	return cmocka_run_group_tests_name("review", tests, NULL, NULL);
}
