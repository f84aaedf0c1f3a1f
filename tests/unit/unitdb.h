/* unitdb.h - what the unit tests of the rules share: their database and
 * the checks they make on it. The database is the one $HC_UNIT_CONF
 * configures (tests/run.sh starts one per run with tools/stack.sh dbonly,
 * and every test program of the run uses it, one after another), else one
 * of the program's own started the same way under var/ and purged at the
 * end. Its data is demogen's (100 students, seed 7): ids 1..7 are
 * student, grad, counselor, reviewer, admin, gate, dorm. Included by one
 * test program each: its functions are static. */
#ifndef HC_UNITDB_H
#define HC_UNITDB_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/err.h"
#include "web/app.h"
#include "web/sess.h"

enum { STUDENT = 1, GRAD = 2, COUNSELOR = 3, REVIEWER = 4, ADMIN = 5 };

static char own_var[1024];   /* the database started here, if any */

static const char *root(void)
{
	const char *r = getenv("ROOT");
	return r ? r : ".";
}

/* Fails the test with the error's traceback. */
static void ok_(NEOERR *err, const char *what, int line)
{
	if (err) {
		STRING tb;
		string_init(&tb);
		nerr_error_traceback(err, &tb);
		nerr_ignore(&err);
		fail_msg("line %d: %s: %s", line, what, tb.buf);
	}
}
#define OK(call) ok_((call), #call, __LINE__)

/* One integer from the database (0 for no row). */
#define SCALAR(...) ({ long long v_ = 0; OK(db_scalar(&v_, NULL, __VA_ARGS__)); v_; })

static struct actor who(int person)
{
	struct actor a;
	bool found = false;

	OK(sess_load_who(person, &a, &found));
	assert_true(found);
	return a;
}

static long long audit_rows(int actor, const char *action, long long object)
{
	return SCALAR("SELECT COUNT(*) FROM audit_log WHERE actor_id = ? AND action = ? "
		      "AND object_id = ?", "isi", (long long)actor, action, object);
}


static int setup(void **state)
{
	const char *conf = getenv("HC_UNIT_CONF");
	char cmd[4096], path[1100];

	(void)state;
	if (conf == NULL) {
		snprintf(own_var, sizeof own_var, "%s/var/unit.XXXXXX", root());
		snprintf(cmd, sizeof cmd, "mkdir -p '%s/var'", root());
		if (system(cmd) != 0 || mkdtemp(own_var) == NULL)
			return -1;
		snprintf(cmd, sizeof cmd, "'%s/tools/stack.sh' dbonly '%s' --students 100 "
			 "--days 20 --seed 7 >'%s.log' 2>&1", root(), own_var, own_var);
		if (system(cmd) != 0) {
			fprintf(stderr, "unit test: no database (%s.log)\n", own_var);
			return -1;
		}
		snprintf(path, sizeof path, "%s/healthcard.hdf", own_var);
		conf = path;
	}
	setenv("HEALTHCARD_CONF", conf, 1);
	NEOERR *err = app_init_tool();
	if (err == STATUS_OK)
		err = db_ensure();
	if (err) {
		nerr_log_error(err);
		nerr_ignore(&err);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	char cmd[2200];

	(void)state;
	db_close_all();
	if (*own_var) {
		snprintf(cmd, sizeof cmd, "'%s/tools/stack.sh' purge '%s' >/dev/null 2>&1; "
			 "rm -f '%s.log'", root(), own_var, own_var);
		if (system(cmd) != 0)
			return -1;
	}
	return 0;
}

#endif
