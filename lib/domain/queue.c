/* queue.c - see queue.h. */
#include "domain/queue.h"
#include "core/db.h"
#include "core/days.h"

#include <stdio.h>
#include <string.h>

int queue_variant(const struct actor *a, long long *bound, long long *head)
{
	enum scope_kind s = scope_kind_of(a, bound);

	*head = (a->roles & R_DEPT_HEAD) ? a->person_id : 0;
	return (int)s + (*head ? 3 : 0);
}

static const char *const mine_sql[] = QUEUE_VARIANTS(
	"SELECT COUNT(*) " QUEUE_FROM, "AND q.id = ?");

NEOERR *queue_has_item(const struct actor *a, long long item, bool *mine)
{
	long long bound, head, n = 0;
	int v = queue_variant(a, &bound, &head);
	NEOERR *err = db_scalar(&n, NULL, mine_sql[v], "iiii", bound, head,
				(long long)a->person_id, item);

	*mine = n > 0;
	return nerr_pass(err);
}

NEOERR *queue_open(const char *kind, long long ref_id, long long person, long long assignee,
		   const char *now, long long *item)
{
	return nerr_pass(db_exec(NULL, item, "INSERT INTO queue_items (kind, ref_id, person_id, "
		"created_at, assignee_id) VALUES (?, ?, ?, ?, NULLIF(?, 0))", "siisi", kind, ref_id,
		person, now, assignee));
}
