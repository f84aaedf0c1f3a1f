/*
 * figures_cache.c - the one time-bounded cache: figures over a whole school or
 * college, kept in the database at most a few seconds old (see figures_cache.h).
 */
#include "read/figures_cache.h"
#include "core/db.h"

#include <stdlib.h>
#include <string.h>

/* How long a claim to rebuild lasts: past it, another request rebuilds (a
 * process killed while it was building holds nobody up for long). */
#define CLAIM_SECONDS "10"

/* Copies the subtrees named by roots into one HDF and writes it as text. */
static NEOERR *serialise(HDF *hdf, const char *const roots[], char **out)
{
	HDF *tmp = NULL;
	NEOERR *err = hdf_init(&tmp);

	for (int i = 0; err == STATUS_OK && roots[i]; i++) {
		HDF *node = hdf_get_obj(hdf, roots[i]);
		if (node)
			err = hdf_copy(tmp, roots[i], node);
	}
	if (err == STATUS_OK)
		err = hdf_write_string(tmp, out);
	hdf_destroy(&tmp);
	return nerr_pass(err);
}

static void set_at(HDF *hdf, const char *prefix, const char *made_at, int age)
{
	char key[96];

	snprintf(key, sizeof key, "%s.At", prefix);
	hdf_set_value(hdf, key, made_at ? made_at : "");
	snprintf(key, sizeof key, "%s.Age", prefix);
	hdf_set_int_value(hdf, key, age);
}

/* Builds the figures, stores them unless max_age is 0, and says when. */
static NEOERR *build(const struct snap_key *k, HDF *hdf, snap_fill_fn fill, void *arg,
		     bool store)
{
	char *body = NULL;
	NEOERR *err = fill(hdf, arg);

	if (err)
		return nerr_pass(err);
	if (!store) {
		set_at(hdf, k->prefix, NULL, 0);
		return STATUS_OK;
	}
	err = serialise(hdf, k->roots, &body);
	if (err == STATUS_OK)
		err = db_exec(NULL, NULL,
			"UPDATE snapshots SET body = ?, made_at = NOW(6), "
			" claimed_until = NOW(6) WHERE kind = ? AND scope_id = ? AND day = ?",
			"ssis", body, k->kind, k->scope_id, k->day);
	free(body);
	/* Old days' rows of this scope go as a new one is written. */
	if (err == STATUS_OK)
		err = db_exec(NULL, NULL,
			"DELETE FROM snapshots WHERE kind = ? AND scope_id = ? "
			" AND day < ? - INTERVAL 14 DAY", "sis", k->kind, k->scope_id, k->day);
	if (err == STATUS_OK) {
		DB_CURSOR *c = NULL;
		err = db_query(&c, "SELECT DATE_FORMAT(NOW(), '%H:%i:%s')", NULL);
		if (err == STATUS_OK && db_next(c))
			set_at(hdf, k->prefix, db_str(c, 0), 0);
		db_cursor_free(&c);
	}
	return nerr_pass(err);
}

NEOERR *snap_load(const struct snap_key *k, HDF *hdf, snap_fill_fn fill, void *arg)
{
	DB_CURSOR *c = NULL;
	unsigned long long claimed = 0;
	bool have = false;
	int age = 0;
	NEOERR *err;

	if (k->max_age <= 0)
		return nerr_pass(build(k, hdf, fill, arg, false));
	err = db_query(&c,
		"SELECT body, TIMESTAMPDIFF(SECOND, made_at, NOW(6)), "
		" DATE_FORMAT(made_at, '%H:%i:%s') FROM snapshots "
		"WHERE kind = ? AND scope_id = ? AND day = ? AND made_at IS NOT NULL",
		"sis", k->kind, k->scope_id, k->day);
	if (err)
		return nerr_pass(err);
	if (db_next(c)) {
		have = true;
		age = (int)db_int(c, 1);
		if (age < k->max_age) {
			err = hdf_read_string(hdf, db_str(c, 0) ? db_str(c, 0) : "");
			if (err == STATUS_OK)
				set_at(hdf, k->prefix, db_str(c, 2), age);
			db_cursor_free(&c);
			return nerr_pass(err);
		}
	}
	/* Too old or none: one request claims the rebuild; the others show the
	 * old figures meanwhile (never older than max_age + CLAIM_SECONDS). */
	err = db_exec(NULL, NULL,
		"INSERT IGNORE INTO snapshots (kind, scope_id, day, body) VALUES (?, ?, ?, '')",
		"sis", k->kind, k->scope_id, k->day);
	if (err == STATUS_OK)
		err = db_exec(&claimed, NULL,
			"UPDATE snapshots SET claimed_until = NOW(6) + INTERVAL "
			CLAIM_SECONDS " SECOND WHERE kind = ? AND scope_id = ? AND day = ? "
			" AND claimed_until <= NOW(6) "
			" AND (made_at IS NULL OR made_at <= NOW(6) - INTERVAL ? SECOND)",
			"sisi", k->kind, k->scope_id, k->day, k->max_age);
	if (err == STATUS_OK && claimed == 0 && have) {
		err = hdf_read_string(hdf, db_str(c, 0) ? db_str(c, 0) : "");
		if (err == STATUS_OK)
			set_at(hdf, k->prefix, db_str(c, 2), age);
		db_cursor_free(&c);
		return nerr_pass(err);
	}
	db_cursor_free(&c);
	if (err)
		return nerr_pass(err);
	/* Claimed, or nothing to show yet: build (and store only when claimed,
	 * so that two builders never overwrite each other's fresher copy). */
	return nerr_pass(build(k, hdf, fill, arg, claimed > 0));
}
