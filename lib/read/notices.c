/* notices.c - see notices.h. */
#include "read/notices.h"
#include "core/db.h"

#include <stdio.h>

NEOERR *notice_list_load(HDF *out, const char *prefix, int person)
{
	char key[96];
	long long unread = 0;
	NEOERR *err;

	err = db_rows_at(out, prefix, "Row", NULL,
		"SELECT n.id, n.kind, n.item_id AS item, p.id AS subject, p.name, p.number, "
		" DATE_FORMAT(n.created_at, '%m-%d %H:%i') AS at, n.read_at IS NULL AS unread, "
		" q.state = 'open' AS open "
		"FROM notices n JOIN people p ON p.id = n.subject_id "
		"LEFT JOIN queue_items q ON q.id = n.item_id "
		"WHERE n.person_id = ? ORDER BY n.id DESC LIMIT 20", "i", (long long)person);
	if (err == STATUS_OK)
		err = db_scalar(&unread, NULL, "SELECT COUNT(*) FROM notices "
				"WHERE person_id = ? AND read_at IS NULL", "i", (long long)person);
	if (err)
		return nerr_pass(err);
	snprintf(key, sizeof key, "%s.Unread", prefix);
	hdf_set_int_value(out, key, (int)unread);
	return STATUS_OK;
}

NEOERR *remind_slots_load(HDF *out, const char *prefix)
{
	return nerr_pass(db_rows(out, prefix, NULL,
		"SELECT TIME_FORMAT(at_time, '%H:%i') AS at FROM reminder_slots ORDER BY at_time",
		NULL));
}
