/* personexport.c - see personexport.h. One statement a section. */
#include "read/personexport.h"
#include "core/db.h"

#include <string.h>

struct section {
	const char *name;
	const char *sql;     /* one JSON object a row; binds the person's id once */
};

static const struct section sections[] = {
	{ "person", "SELECT JSON_OBJECT('number', p.number, 'name', p.name, 'identity', p.identity, "
	  "'gender', p.gender, 'id_card', p.id_card, 'phone', p.phone, 'college', col.name, "
	  "'class', cls.name, 'boarding', p.boarding, 'dorm', p.dorm, 'status', p.status, "
	  "'created_at', p.created_at) FROM people p LEFT JOIN org_units col ON col.id = p.college_id "
	  "LEFT JOIN org_units cls ON cls.id = p.class_id WHERE p.id = ?" },
	{ "basic_info", "SELECT JSON_OBJECT('phone', phone, 'home_address', home_address, "
	  "'emergency_contact', emergency_contact, 'emergency_phone', emergency_phone, "
	  "'boarding', boarding, 'dorm', dorm, 'filled_at', filled_at, 'updated_at', updated_at) "
	  "FROM basic_info WHERE person_id = ?" },
	{ "daily_reports", "SELECT JSON_OBJECT('day', d.day, 'submitted_at', d.submitted_at, "
	  "'temperature', d.temperature, 'symptoms', d.symptoms, 'city', d.city, 'in_city', d.in_city, "
	  "'on_campus', d.on_campus, 'abroad', d.abroad, 'location_changed', d.location_changed, "
	  "'risk_area_14d', d.risk_area_14d, 'cohabitant_returned', d.cohabitant_returned, "
	  "'returned_to_city', d.returned_to_city, 'quarantine', d.quarantine, 'diagnosis', d.diagnosis, "
	  "'other_abnormal', d.other_abnormal, 'anomaly_flags', d.anomaly_flags, "
	  "'anomaly_state', d.anomaly_state, 'is_makeup', d.is_makeup, 'filled_by', f.name, "
	  "'bulk_filled', d.bulk_filled_by IS NOT NULL, 'verified_by', v.name, 'verified_at', d.verified_at, 'verify_reason', d.verify_reason, "
	  /* The answers to the daily form's optional questions (a retired
	   * one's too), with what was asked. */
	  "'answers', JSON_EXTRACT((SELECT JSON_ARRAYAGG(JSON_OBJECT('question_zh', q.label_zh, "
	  "  'question_en', q.label_en, 'kind', q.kind, 'options_zh', q.options_zh, "
	  "  'answer', a.answer) ORDER BY q.position) FROM report_answers a "
	  "  JOIN report_questions q ON q.id = a.question_id WHERE a.report_id = d.id), '$')) "
	  "FROM daily_reports d LEFT JOIN people f ON f.id = d.filled_by "
	  "LEFT JOIN people v ON v.id = d.verified_by WHERE d.person_id = ? ORDER BY d.day" },
	{ "replaced_reports", "SELECT JSON_OBJECT('day', h.day, 'replaced_at', h.replaced_at, "
	  "'replaced_by', r.name, 'report', JSON_EXTRACT(h.snapshot, '$')) FROM daily_report_history h "
	  "LEFT JOIN people r ON r.id = h.replaced_by WHERE h.person_id = ? ORDER BY h.day, h.id" },
	{ "makeup_requests", "SELECT JSON_OBJECT('day', m.day, 'reason', m.reason, 'state', m.state, "
	  "'created_at', m.created_at, 'decided_by', d.name, 'decided_at', m.decided_at, "
	  "'decision_reason', m.decision_reason) FROM makeup_requests m "
	  "LEFT JOIN people d ON d.id = m.decided_by WHERE m.person_id = ? ORDER BY m.day" },
	{ "return_applications", "SELECT JSON_OBJECT('term', t.name, 'state', ra.state, "
	  "'quiz_passed_at', ra.quiz_passed_at, 'pledge_accepted_at', ra.pledge_accepted_at, "
	  "'reason', ra.reason, 'itinerary', ra.itinerary, 'allowed_from', ra.allowed_from, "
	  "'allowed_until', ra.allowed_until, 'needs_pickup', ra.needs_pickup, "
	  "'submitted_at', ra.submitted_at, 'sent_back_reason', ra.sent_back_reason) "
	  "FROM return_applications ra JOIN terms t ON t.id = ra.term_id WHERE ra.person_id = ? "
	  "ORDER BY t.starts_on" },
	{ "travel_legs", "SELECT JSON_OBJECT('term', t.name, 'seq', tl.seq, 'mode', tl.mode, "
	  "'number', tl.number, 'day', tl.day, 'from', tl.from_place, 'to', tl.to_place) "
	  "FROM travel_legs tl JOIN return_applications ra ON ra.id = tl.application_id "
	  "JOIN terms t ON t.id = ra.term_id WHERE ra.person_id = ? ORDER BY t.starts_on, tl.seq" },
	{ "uploads", "SELECT JSON_OBJECT('term', t.name, 'kind', u.kind, 'filename', u.filename, "
	  "'type', u.mime, 'size', u.size, 'sha256', LOWER(HEX(u.sha256)), 'uploaded_at', u.uploaded_at) "
	  "FROM uploads u JOIN return_applications ra ON ra.id = u.application_id "
	  "JOIN terms t ON t.id = ra.term_id WHERE ra.person_id = ? ORDER BY u.uploaded_at" },
	{ "reviews", "SELECT JSON_OBJECT('term', t.name, 'stage', rv.stage, 'decision', rv.decision, "
	  "'reviewer', p.name, 'decided_at', rv.decided_at, 'reason', rv.reason) FROM reviews rv "
	  "JOIN return_applications ra ON ra.id = rv.application_id JOIN terms t ON t.id = ra.term_id "
	  "LEFT JOIN people p ON p.id = rv.reviewer_id WHERE ra.person_id = ? ORDER BY rv.decided_at" },
	{ "arrivals", "SELECT JSON_OBJECT('term', t.name, 'kind', a.kind, 'at', a.at, 'gate', g.name, "
	  "'boarding', a.boarding) FROM arrivals a JOIN terms t ON t.id = a.term_id "
	  "LEFT JOIN gates g ON g.id = a.gate_id WHERE a.person_id = ? ORDER BY a.at" },
	{ "central_tests", "SELECT JSON_OBJECT('term', t.name, 'sampled_at', ct.sampled_at, "
	  "'result', ct.result, 'source', ct.source, 'recorded_by', p.name, 'recorded_at', ct.recorded_at) "
	  "FROM central_tests ct JOIN terms t ON t.id = ct.term_id "
	  "LEFT JOIN people p ON p.id = ct.recorded_by WHERE ct.person_id = ? ORDER BY ct.sampled_at" },
	{ "exemptions", "SELECT JSON_OBJECT('kind', e.kind, 'reason', e.reason, 'starts_on', e.starts_on, "
	  "'ends_on', e.ends_on, 'ended_at', e.ended_at) FROM checkin_exemptions e "
	  "WHERE e.person_id = ? ORDER BY e.starts_on" },
	{ "proxy_fillers", "SELECT JSON_OBJECT('student', s.name, 'filler', fp.name, "
	  "'filler_number', fp.number, 'relation', f.relation, 'named_at', f.named_at, "
	  "'revoked_at', f.revoked_at) FROM proxy_fillers f JOIN people s ON s.id = f.student_id "
	  "JOIN people fp ON fp.id = f.filler_id WHERE ? IN (f.student_id, f.filler_id) ORDER BY f.id" },
	{ "messages", "SELECT JSON_OBJECT('kind', kind, 'body', body, 'created_at', created_at, "
	  "'read_at', read_at) FROM messages WHERE person_id = ? ORDER BY created_at, id" },
	{ "audit", "SELECT JSON_OBJECT('at', l.at, 'by', p.name, 'by_number', p.number, "
	  "'action', l.action, 'object', l.object_kind, 'detail', l.detail, 'from', l.addr) "
	  "FROM audit_log l LEFT JOIN people p ON p.id = l.actor_id "
	  "WHERE l.subject_person_id = ? ORDER BY l.at, l.id" },
	{ 0 }
};

const char *const person_export_sections[] = { "person", "basic_info", "daily_reports",
	"replaced_reports", "makeup_requests", "return_applications", "travel_legs", "uploads",
	"reviews", "arrivals", "central_tests", "exemptions", "proxy_fillers", "messages", "audit",
	NULL };

NEOERR *person_export_json(int person_id, const char *generated_at, STRING *out)
{
	NEOERR *err = string_appendf(out, "{\"generated_at\":\"%s\"", generated_at);

	for (const struct section *s = sections; err == STATUS_OK && s->name; s++) {
		DB_CURSOR *c = NULL;
		bool one = !strcmp(s->name, "person") || !strcmp(s->name, "basic_info");
		int n = 0;

		err = string_appendf(out, ",\"%s\":%s", s->name, one ? "" : "[");
		if (err == STATUS_OK)
			err = db_query(&c, s->sql, "i", (long long)person_id);
		while (err == STATUS_OK && db_next(c)) {
			const char *row = db_str(c, 0);
			if (n++ && !one)
				err = string_append(out, ",");
			if (err == STATUS_OK)
				err = string_append(out, row ? row : "null");
		}
		db_cursor_free(&c);
		if (err == STATUS_OK && one && n == 0)
			err = string_append(out, "null");
		if (err == STATUS_OK && !one)
			err = string_append(out, "]");
	}
	if (err == STATUS_OK)
		err = string_append(out, "}\n");
	return nerr_pass(err);
}
