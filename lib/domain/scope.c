/* scope.c - see scope.h. */
#include "domain/scope.h"
#include "core/db.h"

bool scope_allows(const struct actor *v, const struct subject *s)
{
	if (v->person_id == 0)
		return false;
	if (v->person_id == s->person_id)
		return true;
	if (v->roles & R_ADMIN)
		return true;
	if ((v->roles & R_REVIEWER) && v->reviewer_college_id != 0 &&
	    v->reviewer_college_id == s->college_id)
		return true;
	if ((v->roles & R_COUNSELOR) && s->counselor_id == v->person_id)
		return true;
	if ((v->roles & R_DEPT_HEAD) && s->staff && v->head_college_id != 0 &&
	    v->head_college_id == s->college_id)
		return true;
	return false;
}

bool scope_allows_acting(const struct actor *v, const struct subject *s)
{
	return v->person_id != s->person_id && scope_allows(v, s);
}

NEOERR *scope_load_subject(int person_id, struct subject *s, bool *found)
{
	DB_CURSOR *c = NULL;
	NEOERR *err;

	*s = (struct subject){ 0 };
	err = db_query(&c,
		"SELECT p.id, p.college_id, ca.counselor_id, p.identity = 'staff' FROM people p "
		"LEFT JOIN counselor_assignments ca ON ca.student_id = p.id "
		"WHERE p.id = ?", "i", (long long)person_id);
	if (err)
		return nerr_pass(err);
	*found = db_next(c);
	if (*found) {
		DB_FILL(c, 0, s->person_id, s->college_id, s->counselor_id, s->staff);
	}
	db_cursor_free(&c);
	return STATUS_OK;
}

static NEOERR *judge(const struct actor *viewer, const struct subject *s, bool found,
		     int person_id, bool (*allows)(const struct actor *, const struct subject *))
{
	if (!found)
		return nerr_raise(HC_ERR_NOTFOUND, "no person %d", person_id);
	if (!allows(viewer, s))
		return nerr_raise(HC_ERR_FORBIDDEN, "person %d out of scope for %d",
				  person_id, viewer->person_id);
	return STATUS_OK;
}

NEOERR *scope_check(const struct actor *viewer, const struct subject *s, bool found,
		    int person_id)
{
	return nerr_pass(judge(viewer, s, found, person_id, scope_allows));
}

static NEOERR *require(const struct actor *viewer, int person_id,
		       bool (*allows)(const struct actor *, const struct subject *))
{
	struct subject s;
	bool found;
	NEOERR *err = scope_load_subject(person_id, &s, &found);

	return nerr_pass(err ? err : judge(viewer, &s, found, person_id, allows));
}

NEOERR *scope_require(const struct actor *viewer, int person_id)
{
	return nerr_pass(require(viewer, person_id, scope_allows));
}

NEOERR *scope_require_other(const struct actor *viewer, int person_id)
{
	return nerr_pass(require(viewer, person_id, scope_allows_acting));
}

enum scope_kind scope_kind_of(const struct actor *w, long long *bound)
{
	if (w->roles & R_ADMIN) {
		*bound = 1;
		return SCOPE_SCHOOL;
	}
	if ((w->roles & R_REVIEWER) && w->reviewer_college_id) {
		*bound = w->reviewer_college_id;
		return SCOPE_COLLEGE;
	}
	*bound = w->person_id;
	return SCOPE_COUNSELOR;
}
