/* queue.c - see queue.h. */
#include "read/queue.h"
#include "read/application.h"
#include "domain/queue.h"
#include "core/db.h"

#include <stdio.h>

static const char *const counts_sql[] = QUEUE_VARIANTS(
	"SELECT q.kind, COUNT(*) " QUEUE_FROM, "AND q.state = 'open' GROUP BY q.kind");

/* What the list and an item's page both show of the fever, temporary
 * pass or leave an item is about; and the joins of an item's record but
 * the application (joined before it by each, the page's way). */
#define KIND_COLUMNS \
	" DATE_FORMAT(ps.at, '%Y-%m-%d %H:%i') AS fever_at, ps.temperature AS fever_temperature, " \
	" fg.name AS fever_where, tb.name AS temp_building, " \
	" DATE_FORMAT(tp.valid_from, '%Y-%m-%d %H:%i') AS temp_from, " \
	" DATE_FORMAT(tp.valid_until, '%Y-%m-%d %H:%i') AS temp_until, tp.reason AS temp_reason, " \
	" lv.starts_on AS leave_from, lv.ends_on AS leave_until, lv.destination AS leave_to, " \
	" lv.reason AS leave_reason, cm.valid_from AS commute_from, cm.valid_until AS commute_until, " \
	" cm.address AS commute_address, cm.reason AS commute_reason "
#define KIND_JOINS \
	"LEFT JOIN makeup_requests m ON q.kind = 'makeup' AND m.id = q.ref_id " \
	"LEFT JOIN daily_reports d ON q.kind = 'anomaly' AND d.id = q.ref_id " \
	"LEFT JOIN passages ps ON q.kind = 'fever' AND ps.id = q.ref_id " \
	"LEFT JOIN gates fg ON fg.id = ps.entrance_id " \
	"LEFT JOIN temp_passes tp ON q.kind = 'temp_pass' AND tp.id = q.ref_id " \
	"LEFT JOIN buildings tb ON tb.id = tp.building_id " \
	"LEFT JOIN leaves lv ON q.kind = 'leave' AND lv.id = q.ref_id " \
	"LEFT JOIN commutes cm ON q.kind = 'commute' AND cm.id = q.ref_id "

/* The page's ids are chosen first, from the queue alone; the details are
 * joined for those 100 rows only. */
static const char *const list_sql[] = QUEUE_VARIANTS(
	"SELECT q.id, q.kind, q.ref_id, DATE_FORMAT(q.created_at, '%Y-%m-%d %H:%i') AS created, "
	" p.id AS person, p.name, p.number, cls.name AS class, "
	" m.day AS makeup_day, m.reason AS makeup_reason, "
	" d.day AS report_day, d.temperature, d.anomaly_flags, "
	" ra.reason AS app_reason, ra.allowed_from, ra.allowed_until, "
	KIND_COLUMNS
	"FROM (SELECT q.id, q.kind, q.ref_id, q.created_at, q.person_id, q.assignee_id " QUEUE_FROM,
	"AND q.state = 'open' AND (? = 'all' OR q.kind = ?) "
	"ORDER BY q.created_at, q.id LIMIT 101 OFFSET ?) q "
	"JOIN people p ON p.id = q.person_id "
	"LEFT JOIN org_units cls ON cls.id = p.class_id "
	"LEFT JOIN return_applications ra ON q.kind IN ('first_review', 'second_review') "
	"  AND ra.id = q.ref_id "
	KIND_JOINS
	"ORDER BY q.created_at, q.id");

NEOERR *queue_counts_load(HDF *out, const struct actor *a)
{
	DB_CURSOR *c = NULL;
	char key[64];
	long long all = 0, bound, head;
	int v = queue_variant(a, &bound, &head);
	NEOERR *err;

	for (int i = 0; queue_kinds[i].name; i++) {
		snprintf(key, sizeof key, "Queue.Count.%s", queue_kinds[i].name);
		hdf_set_int_value(out, key, 0);
	}
	err = db_query(&c, counts_sql[v], "iii", bound, head, (long long)a->person_id);
	if (err)
		return nerr_pass(err);
	while (db_next(c)) {
		snprintf(key, sizeof key, "Queue.Count.%s", db_str(c, 0));
		hdf_set_value(out, key, db_str(c, 1));
		all += db_int(c, 1);
	}
	db_cursor_free(&c);
	hdf_set_int_value(out, "Queue.Count.all", (int)all);
	return STATUS_OK;
}

NEOERR *queue_list_load(HDF *out, const struct actor *a, const char *kind, int page)
{
	long long bound, head;
	int n = 0, v = queue_variant(a, &bound, &head);
	NEOERR *err;

	err = db_rows(out, "Queue.Item", &n, list_sql[v], "iiissi", bound, head,
		      (long long)a->person_id, kind, kind,
		      (long long)page * 100);
	if (err)
		return nerr_pass(err);
	if (n > 100) {
		hdf_remove_tree(out, "Queue.Item.100");
		hdf_set_int_value(out, "Queue.NextPage", page + 1);
	}
	if (page > 0)
		hdf_set_int_value(out, "Queue.PrevPage", page - 1);
	return STATUS_OK;
}

NEOERR *queue_person_load(HDF *out, const char *prefix, long long person)
{
	DB_CURSOR *c = NULL;
	char key[128];
	int n = 0;
	NEOERR *err;

	/* One round trip: the card is the busiest page. */
	err = db_query(&c,
		"(SELECT 0 AS latest, q.kind, DATE_FORMAT(q.created_at, '%Y-%m-%d %H:%i'), "
		"  COALESCE(m.day, d.day), NULL, NULL, NULL "
		" FROM queue_items q "
		" LEFT JOIN makeup_requests m ON q.kind = 'makeup' AND m.id = q.ref_id "
		" LEFT JOIN daily_reports d ON q.kind = 'anomaly' AND d.id = q.ref_id "
		" WHERE q.person_id = ? AND q.state = 'open' ORDER BY q.created_at, q.id LIMIT 10) "
		"UNION ALL "
		"(SELECT 1, q.kind, DATE_FORMAT(q.decided_at, '%Y-%m-%d %H:%i'), "
		"  COALESCE(m.day, d.day), q.decision, q.reason, v.name "
		" FROM queue_items q LEFT JOIN people v ON v.id = q.decided_by "
		" LEFT JOIN makeup_requests m ON q.kind = 'makeup' AND m.id = q.ref_id "
		" LEFT JOIN daily_reports d ON q.kind = 'anomaly' AND d.id = q.ref_id "
		" WHERE q.person_id = ? AND q.state = 'decided' "
		" ORDER BY q.decided_at DESC, q.id DESC LIMIT 1)", "ii", person, person);
	if (err)
		return nerr_pass(err);
	while (db_next(c)) {
		static const char *const pending[] = { "kind", "created", "day" };
		static const char *const latest[] = { "kind", "decided", "day", "decision",
			"reason", "by_name" };
		bool is_latest = db_int(c, 0) != 0;
		int cols = is_latest ? 6 : 3;

		for (int i = 0; i < cols; i++) {
			if (db_str(c, 1 + i) == NULL)
				continue;
			if (is_latest)
				snprintf(key, sizeof key, "%s.Latest.%s", prefix, latest[i]);
			else
				snprintf(key, sizeof key, "%s.Pending.%d.%s", prefix, n, pending[i]);
			hdf_set_value(out, key, db_str(c, 1 + i));
		}
		n += !is_latest;
	}
	db_cursor_free(&c);
	return STATUS_OK;
}

NEOERR *queue_item_load(HDF *out, const struct actor *a, long long item)
{
	bool found, mine;
	NEOERR *err;

	err = db_row(out, "Queue.Detail", &found,
		"SELECT q.id, q.kind, q.ref_id, q.state, q.decision, q.reason, "
		" DATE_FORMAT(q.created_at, '%Y-%m-%d %H:%i') AS created, "
		" DATE_FORMAT(q.decided_at, '%Y-%m-%d %H:%i') AS decided, v.name AS decided_by, "
		" p.id AS person, p.name, p.number, col.name AS college, cls.name AS class, "
		" m.day AS makeup_day, m.reason AS makeup_reason, m.state AS makeup_state, "
		" d.day AS report_day, d.temperature, d.anomaly_flags, d.city, "
		" p.identity, ra.reason AS app_reason, ra.itinerary, ra.needs_pickup, "
		" ra.allowed_from, ra.allowed_until, ra.state AS app_state, "
		" b.return_from, b.return_until, "
		KIND_COLUMNS
		"FROM queue_items q JOIN people p ON p.id = q.person_id "
		"LEFT JOIN return_applications ra ON q.kind IN ('first_review', 'second_review') "
		"  AND ra.id = q.ref_id "
		"LEFT JOIN roster_entries re ON re.term_id = ra.term_id AND re.person_id = ra.person_id "
		"LEFT JOIN return_batches b ON b.id = re.batch_id "
		"LEFT JOIN people v ON v.id = q.decided_by "
		"LEFT JOIN org_units col ON col.id = p.college_id "
		"LEFT JOIN org_units cls ON cls.id = p.class_id "
		KIND_JOINS
		"WHERE q.id = ?", "i", item);
	if (err)
		return nerr_pass(err);
	if (!found)
		return nerr_raise(HC_ERR_NOTFOUND, "no queue item %lld", item);
	err = queue_has_item(a, item, &mine);
	if (err)
		return nerr_pass(err);
	if (!mine)
		return nerr_raise(HC_ERR_FORBIDDEN, "item %lld is not in %d's queue",
				  item, a->person_id);
	if (hdf_get_value(out, "Queue.Detail.app_state", NULL)) {
		long long app = hdf_get_int_value(out, "Queue.Detail.ref_id", 0);
		err = appdetail_load(out, "Queue", app);
		if (err)
			return nerr_pass(err);
	}
	/* An item of a kind the registry does not know has no history. */
	const struct queue_kind *k = queue_kind_of(hdf_get_value(out, "Queue.Detail.kind", NULL));
	return nerr_pass(db_rows(out, "Queue.History", NULL,
		"SELECT DATE_FORMAT(a.at, '%Y-%m-%d %H:%i') AS at, p.name AS actor, a.action, a.detail "
		"FROM audit_log a LEFT JOIN people p ON p.id = a.actor_id "
		"WHERE a.object_kind = ? AND a.object_id = ? ORDER BY a.id",
		"si", k ? k->object_kind : "",
		(long long)hdf_get_int_value(out, "Queue.Detail.ref_id", 0)));
}
