/* quickfill.c - see quickfill.h. */
#include "domain/quickfill.h"
#include "domain/checkin.h"
#include "core/db.h"
#include "core/days.h"

#include <string.h>

/* Is person a member of the actor's group (their student, of class_id
 * unless 0)? */
static NEOERR *is_member(const struct actor *a, int class_id, long long person, bool *yes)
{
	long long n = 0;
	NEOERR *err = db_scalar(&n, NULL,
		"SELECT COUNT(*) FROM counselor_assignments ca JOIN people p ON p.id = ca.student_id "
		"WHERE ca.counselor_id = ? AND ca.student_id = ? AND (? = 0 OR p.class_id = ?)",
		"iiii", (long long)a->person_id, person, (long long)class_id, (long long)class_id);

	*yes = n > 0 && person != a->person_id;
	return nerr_pass(err);
}

NEOERR *quickfill_run(const struct actor *a, int class_id, const long long ids[], int n,
		      int day, struct quickfill_result *res)
{
	memset(res, 0, sizeof *res);
	for (int i = 0; i < n; i++) {
		struct report last;
		struct report_submission s = { 0 };
		char last_day[11];
		bool member, found;
		NEOERR *err = is_member(a, class_id, ids[i], &member);

		if (err)
			return nerr_pass(err);
		if (!member) {
			res->outside++;
			continue;
		}
		/* The latest report up to the day itself: the day's own is
		 * "reported" (the transaction below decides again, locked). */
		err = report_load_last((int)ids[i], day + 1, &last, &found, last_day);
		if (err)
			return nerr_pass(err);
		if (found && day_parse(last_day) == day) {
			res->reported++;
			continue;
		}
		if (!found) {
			res->no_report++;
			continue;
		}
		s.person_id = (int)ids[i];
		s.day = day;
		s.filled_by = a->person_id;
		s.bulk = true;
		s.rep = &last;
		s.request_id = a->request_id ? a->request_id : "";
		s.addr = a->addr ? a->addr : "";
		err = report_submit(&s);
		if (nerr_handle(&err, HC_ERR_CONFLICT))
			res->reported++;
		else if (nerr_handle(&err, HC_ERR_BADREQ))
			res->abnormal++;
		else if (err)
			return nerr_pass(err);
		else
			res->filled++;
	}
	return STATUS_OK;
}
