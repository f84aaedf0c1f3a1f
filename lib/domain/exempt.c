/* exempt.c - see exempt.h. */
#include "domain/exempt.h"
#include "domain/txn.h"
#include "domain/audit.h"
#include "core/db.h"
#include "core/days.h"

#include <stdio.h>
#include <string.h>

const char *const exempt_statuses[] = { "suspended", "withdrawn", "enlisted", NULL };

void exempt_fill(DB_CURSOR *c, int first, struct exemption *ex)
{
	memset(ex, 0, sizeof *ex);
	DB_FILL(c, first, ex->id, ex->kind, ex->status, ex->class_name, ex->reason,
		ex->starts_on, ex->ends_on);
}

/* Open-ended first, then the latest end, then the oldest. */
bool exempt_before(const struct exemption *a, const struct exemption *b)
{
	int ends = strcmp(a->ends_on, b->ends_on);

	if ((a->ends_on[0] == '\0') != (b->ends_on[0] == '\0'))
		return a->ends_on[0] == '\0';
	if (ends != 0)
		return ends > 0;
	return a->id < b->id;
}

NEOERR *exempt_ranges(int person_id, const char *from, const char *to,
		      struct exemption *ex, int max, int *n)
{
	DB_CURSOR *c = NULL;
	NEOERR *err;

	*n = 0;
	/* The order is exempt_before()'s. */
	err = db_query(&c, "SELECT " EXEMPT_RANGE_COLUMNS " " EXEMPT_RANGE_FROM
		" ORDER BY e.ends_on IS NULL DESC, e.ends_on DESC, e.id LIMIT ?",
		"ssii", to, from, (long long)person_id, (long long)max);
	if (err)
		return nerr_pass(err);
	while (*n < max && db_next(c))
		exempt_fill(c, 0, &ex[(*n)++]);
	db_cursor_free(&c);
	return STATUS_OK;
}

const struct exemption *exempt_pick(const struct exemption *ex, int n, const char *day)
{
	for (int i = 0; i < n; i++)
		if (strcmp(ex[i].starts_on, day) <= 0 &&
		    (ex[i].ends_on[0] == '\0' || strcmp(ex[i].ends_on, day) >= 0))
			return &ex[i];
	return NULL;
}

NEOERR *exempt_find(int person_id, const char *day, struct exemption *ex, bool *found)
{
	int n;
	NEOERR *err;

	memset(ex, 0, sizeof *ex);
	err = exempt_ranges(person_id, day, day, ex, 1, &n);
	*found = err == STATUS_OK && n > 0;
	return nerr_pass(err);
}

static bool known_status(const char *s)
{
	for (int i = 0; s && exempt_statuses[i]; i++)
		if (!strcmp(exempt_statuses[i], s))
			return true;
	return false;
}

struct add_ctx {
	const struct actor *a;
	const struct exempt_new *x;
	long long id;
};

static NEOERR *add_in_txn(void *arg)
{
	struct add_ctx *c = arg;
	char now[20];
	const struct exempt_new *x = c->x;
	bool is_status = !strcmp(x->kind, "status"), is_class = !strcmp(x->kind, "class");
	const char *ends = x->ends_on && x->ends_on[0] ? x->ends_on : NULL;
	char detail[400];
	NEOERR *err;

	clock_now(now);
	err = db_exec(NULL, &c->id,
		"INSERT INTO checkin_exemptions (kind, status, class_id, person_id, reason, "
		" starts_on, ends_on, created_by, created_at) "
		"VALUES (?, ?, NULLIF(?, 0), NULLIF(?, 0), ?, ?, ?, ?, ?)", "ssiisssis",
		x->kind, is_status ? x->status : NULL, is_class ? x->class_id : 0LL,
		!is_status && !is_class ? x->person_id : 0LL, x->reason, x->starts_on, ends,
		(long long)c->a->person_id, now);
	if (err)
		return nerr_pass(err);
	snprintf(detail, sizeof detail, "%s %s..%s %s", x->kind, x->starts_on, ends ? ends : "",
		 x->reason);
	return nerr_pass(audit_write(c->a, now, "exempt.add", !is_status && !is_class ? x->person_id : 0, "checkin_exemption",
		c->id, detail));
}

NEOERR *exempt_add(const struct actor *a, const struct exempt_new *x, long long *id)
{
	struct add_ctx c = { a, x, 0 };
	bool found = true;
	NEOERR *err;

	if (!strcmp(x->kind, "status")) {
		if (!known_status(x->status))
			return nerr_raise(HC_ERR_BADREQ, "unknown status");
	} else if (!strcmp(x->kind, "class")) {
		long long n;
		err = db_scalar(&n, &found, "SELECT id FROM org_units WHERE id = ? AND kind = 'class'",
				"i", x->class_id);
		if (err)
			return nerr_pass(err);
	} else if (!strcmp(x->kind, "person")) {
		long long n;
		err = db_scalar(&n, &found, "SELECT id FROM people WHERE id = ?", "i", x->person_id);
		if (err)
			return nerr_pass(err);
	} else {
		return nerr_raise(HC_ERR_BADREQ, "unknown kind");
	}
	if (!found)
		return nerr_raise(HC_ERR_BADREQ, "no such %s", x->kind);
	if (day_parse(x->starts_on) <= 0 ||
	    (x->ends_on && x->ends_on[0] && day_parse(x->ends_on) < day_parse(x->starts_on)))
		return nerr_raise(HC_ERR_BADREQ, "bad range");
	err = db_txn(add_in_txn, &c);
	*id = c.id;
	return nerr_pass(err);
}

static NEOERR *end_in_txn(struct txn *t)
{
	DB_CURSOR *cur = NULL;
	bool found, ended = false;
	long long subject = 0;
	NEOERR *err;

	err = db_query(&cur, "SELECT ended_at IS NOT NULL, person_id FROM checkin_exemptions "
		       "WHERE id = ? FOR UPDATE", "i", t->id);
	if (err)
		return nerr_pass(err);
	found = DB_FIRST(&cur, 0, ended, subject);
	if (!found)
		return nerr_raise(HC_ERR_NOTFOUND, "no exemption %lld", t->id);
	if (ended)
		return nerr_raise(HC_ERR_CONFLICT, "exemption %lld already ended", t->id);
	err = db_exec(NULL, NULL, "UPDATE checkin_exemptions SET ended_by = ?, ended_at = ? "
		      "WHERE id = ?", "isi", (long long)t->a->person_id, t->now, t->id);
	if (err)
		return nerr_pass(err);
	return nerr_pass(audit_write(t->a, t->now, "exempt.end", subject, "checkin_exemption",
				     t->id, NULL));
}

NEOERR *exempt_end(const struct actor *a, long long id)
{
	return nerr_pass(txn_run(end_in_txn, a, id, NULL, NULL));
}
