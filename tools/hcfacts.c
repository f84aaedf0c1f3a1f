/*
 * hcfacts.c - the stored card facts (card_facts, sql/009_card_facts.sql)
 * against the base tables they come from.
 *
 *   hc-facts check     recomputes every row (the view card_facts_expected)
 *                      and prints each difference, one line per column:
 *                      "person 12 term 1 open_anomaly: stored NULL,
 *                      expected 2026-11-30"; exit 1 if there is any
 *   hc-facts rebuild   writes the recomputed rows over the ones that
 *                      differ (after data was changed with plain SQL);
 *                      prints how many
 *   hc-facts repair ID...   writes the recomputed rows of these people
 *                      only, one statement each, in one transaction
 *                      (after plain SQL about a few people: no need to
 *                      read the whole school)
 *
 * Uses the pages' configuration ($HEALTHCARD_CONF) and their database user.
 */
#include "web/app.h"
#include "core/conf.h"
#include "core/db.h"

#include <stdio.h>
#include <string.h>

#define FACT_COLUMNS(X) X(on_roster) X(app) X(quiz_done) X(pledge_done) \
	X(review_reason) X(evidence_missing) X(allowed_from) X(allowed_until) \
	X(reported_to) X(reported_mask) X(open_anomaly) X(boarding) X(arrived_at) \
	X(arrived_as_boarder) X(moved_in) X(city_days) X(needs_pickup) X(tested_locally) \
	X(submitted_at) X(first_leg_day) X(arrived_gate) X(sent_back) X(door_fever) X(positive_test)

#define AS_NAME(c) #c,
#define AS_PAIR(c) ", f." #c ", e." #c
#define AS_SAME(c) " AND f." #c " <=> e." #c
#define AS_UPDATE(c) ", " #c " = VALUES(" #c ")"

static const char *const columns[] = { FACT_COLUMNS(AS_NAME) NULL };

/* The view's reports are read once for all, not per person (sql/009). */
#define WHOLE "SET STATEMENT optimizer_switch = 'split_materialized=off' FOR "
#define DIFFERING "FROM card_facts_expected e LEFT JOIN card_facts f " \
	"ON f.person_id = e.person_id AND f.term_id = e.term_id " \
	"WHERE f.person_id IS NULL OR NOT (1" FACT_COLUMNS(AS_SAME) ")"

static const char check_sql[] = WHOLE
	"SELECT e.person_id, e.term_id, f.person_id IS NULL" FACT_COLUMNS(AS_PAIR) " "
	DIFFERING " ORDER BY e.person_id, e.term_id";

/* person_id and term_id first, then the columns: the order of the view. */
static const char rebuild_sql[] = WHOLE
	"INSERT INTO card_facts SELECT e.* " DIFFERING " "
	"ON DUPLICATE KEY UPDATE person_id = VALUES(person_id)" FACT_COLUMNS(AS_UPDATE);

static const char *shown(const char *v)
{
	return v ? v : "NULL";
}

/* Prints each difference; *rows gets the number of rows that differ. */
static NEOERR *check(long long *rows)
{
	DB_CURSOR *c = NULL;
	NEOERR *err = db_query(&c, check_sql, NULL);

	*rows = 0;
	if (err)
		return nerr_pass(err);
	while (db_next(c)) {
		const char *who = db_str(c, 0), *term = db_str(c, 1);

		(*rows)++;
		if (db_int(c, 2)) {
			printf("person %s term %s: no stored row\n", who, term);
			continue;
		}
		for (int i = 0; columns[i]; i++) {
			const char *stored = db_str(c, 3 + 2 * i), *want = db_str(c, 4 + 2 * i);

			if ((stored == NULL) != (want == NULL) ||
			    (stored && strcmp(stored, want)))
				printf("person %s term %s %s: stored %s, expected %s\n", who,
				       term, columns[i], shown(stored), shown(want));
		}
	}
	db_cursor_free(&c);
	return STATUS_OK;
}

static NEOERR *rebuild_in_txn(void *arg)
{
	long long *rows = arg;
	NEOERR *err = check(rows);

	if (err == STATUS_OK && *rows > 0)
		err = db_exec(NULL, NULL, rebuild_sql, NULL);
	return nerr_pass(err);
}

struct repair {
	char **ids;
	int n;
	long long rows;
};

static NEOERR *repair_in_txn(void *arg)
{
	struct repair *r = arg;

	r->rows = 0;
	for (int i = 0; i < r->n; i++) {
		unsigned long long n = 0;
		NEOERR *err = db_exec(&n, NULL,
			"REPLACE INTO card_facts SELECT * FROM card_facts_expected "
			"WHERE person_id = ?", "s", r->ids[i]);
		if (err)
			return nerr_pass(err);
		r->rows += (long long)n;
	}
	return STATUS_OK;
}

int main(int argc, char **argv)
{
	long long rows = 0;
	NEOERR *err;
	bool repair = argc > 2 && !strcmp(argv[1], "repair");

	for (int i = 2; repair && i < argc; i++)
		if (strspn(argv[i], "0123456789") != strlen(argv[i]) || strlen(argv[i]) > 9)
			repair = false;
	if (!repair && (argc != 2 || (strcmp(argv[1], "check") && strcmp(argv[1], "rebuild")))) {
		fprintf(stderr, "usage: hc-facts check | rebuild | repair PERSON_ID...\n");
		return 2;
	}
	if (repair) {
		struct repair r = { argv + 2, argc - 2, 0 };
		err = app_init_tool();
		if (err == STATUS_OK)
			err = db_txn(repair_in_txn, &r);
		if (err) {
			nerr_log_error(err);
			return 1;
		}
		printf("%d people repaired\n", r.n);
		return 0;
	}
	err = app_init_tool();
	/* A whole school's facts take minutes to read (about 100 s on 30,000
	 * students), far past the pages' DB.ReadTimeout: the tool waits for
	 * its one long statement (Tools.ReadTimeout, 900 s). */
	if (err == STATUS_OK)
		err = hdf_set_int_value(conf_hdf(), "DB.ReadTimeout",
					conf_int("Tools.ReadTimeout", 900));
	if (err == STATUS_OK)
		err = !strcmp(argv[1], "check") ? check(&rows) : db_txn(rebuild_in_txn, &rows);
	if (err) {
		nerr_log_error(err);
		return 1;
	}
	if (!strcmp(argv[1], "check")) {
		printf("%lld rows differ\n", rows);
		return rows ? 1 : 0;
	}
	printf("%lld rows rebuilt\n", rows);
	return 0;
}
