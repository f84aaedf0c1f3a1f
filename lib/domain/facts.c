/* facts.c - see facts.h. Each function is one statement over the rows it
 * moves; sql/009_card_facts.sql says what every column means. */
#include "domain/facts.h"
#include "core/db.h"
#include "core/days.h"

NEOERR *facts_checkin(int person_id, int day)
{
	char d[11];

	day_format(day, d);
	/* A later day shifts the mask (to 0 past 64 days); an earlier one
	 * sets its bit (none past 64 days). Assigned left to right: the mask
	 * is computed with the old reported_to. */
	return nerr_pass(db_exec(NULL, NULL,
		"UPDATE card_facts SET reported_mask = IF(reported_to IS NULL OR ? > reported_to, "
		"  (reported_mask << DATEDIFF(?, COALESCE(reported_to, ?))) | 1, "
		"  reported_mask | (1 << DATEDIFF(reported_to, ?))), "
		" reported_to = GREATEST(COALESCE(reported_to, ?), ?), "
		" open_anomaly = (SELECT MIN(d.day) FROM daily_reports d "
		"  WHERE d.anomaly_state = 'open' AND d.person_id = ?), "
		" sent_back = (SELECT MIN(d.day) FROM daily_reports d "
		"  WHERE d.anomaly_state = 'sent_back' AND d.person_id = ?), "
		" city_days = (SELECT d.in_city_days FROM daily_reports d "
		"  WHERE d.person_id = ? ORDER BY d.day DESC LIMIT 1) "
		"WHERE person_id = ?", "ssssssiiii", d, d, d, d, d, d,
		(long long)person_id, (long long)person_id, (long long)person_id,
		(long long)person_id));
}

NEOERR *facts_new_report(int person_id, int day, int in_city_days, bool anomaly)
{
	char d[11];

	day_format(day, d);
	/* As facts_checkin(), with the report's own values instead of reading
	 * them back: city_days and open_anomaly are assigned before
	 * reported_to, so they compare with the old one. */
	return nerr_pass(db_exec(NULL, NULL,
		"UPDATE card_facts SET "
		" city_days = IF(reported_to IS NULL OR ? > reported_to, ?, city_days), "
		" open_anomaly = IF(?, LEAST(COALESCE(open_anomaly, ?), ?), open_anomaly), "
		" reported_mask = IF(reported_to IS NULL OR ? > reported_to, "
		"  (reported_mask << DATEDIFF(?, COALESCE(reported_to, ?))) | 1, "
		"  reported_mask | (1 << DATEDIFF(reported_to, ?))), "
		" reported_to = GREATEST(COALESCE(reported_to, ?), ?) "
		"WHERE person_id = ?", "siissssssssi", d, (long long)in_city_days,
		(long long)anomaly, d, d, d, d, d, d, d, d, (long long)person_id));
}

NEOERR *facts_anomaly(int person_id)
{
	/* A sent-back day counts as missing until it is re-submitted (its
	 * bit goes; facts_checkin() sets it again); clearing keeps the bit. */
	return nerr_pass(db_exec(NULL, NULL,
		"UPDATE card_facts SET open_anomaly = (SELECT MIN(d.day) FROM daily_reports d "
		"  WHERE d.anomaly_state = 'open' AND d.person_id = ?), "
		" sent_back = (SELECT MIN(d.day) FROM daily_reports d "
		"  WHERE d.anomaly_state = 'sent_back' AND d.person_id = ?), "
		" reported_mask = reported_mask & ~(SELECT COALESCE(BIT_OR(1 << DATEDIFF(reported_to, d.day)), 0) "
		"  FROM daily_reports d WHERE d.anomaly_state = 'sent_back' AND d.person_id = ? "
		"  AND d.day BETWEEN reported_to - INTERVAL 63 DAY AND reported_to) "
		"WHERE person_id = ?", "iiii",
		(long long)person_id, (long long)person_id, (long long)person_id,
		(long long)person_id));
}

/* The evidence bits as card_facts_expected computes them, for the rows
 * the WHERE clause that follows names. */
#define APPLICATION_FACTS \
		"UPDATE card_facts f JOIN people p ON p.id = f.person_id " \
		"LEFT JOIN return_applications ra ON ra.term_id = f.term_id AND ra.person_id = f.person_id " \
		"SET f.app = ra.state, f.quiz_done = COALESCE(ra.quiz_passed_at IS NOT NULL, 0), " \
		" f.pledge_done = COALESCE(ra.pledge_accepted_at IS NOT NULL, 0), " \
		" f.review_reason = ra.sent_back_reason, " \
		" f.allowed_from = ra.allowed_from, f.allowed_until = ra.allowed_until, " \
		" f.needs_pickup = COALESCE(ra.needs_pickup, 0), " \
		" f.submitted_at = ra.submitted_at, " \
		" f.first_leg_day = (SELECT MIN(tl.day) FROM travel_legs tl " \
		"  WHERE tl.application_id = ra.id), " \
		" f.evidence_missing = IF(ra.id IS NULL, 0, " \
		"  (NOT EXISTS (SELECT 1 FROM travel_legs tl WHERE tl.application_id = ra.id)) " \
		"  | ((14 | IF(p.identity = 'grad', 16, 0)) & ~COALESCE((SELECT BIT_OR(1 << FIELD(u.kind, " \
		"   'health_code', 'nucleic_acid', 'vaccination', 'advisor_consent')) " \
		"   FROM uploads u WHERE u.application_id = ra.id), 0))) "

NEOERR *facts_application(int person_id, int term_id)
{
	return nerr_pass(db_exec(NULL, NULL, APPLICATION_FACTS
		"WHERE f.person_id = ? AND f.term_id = ?", "ii",
		(long long)person_id, (long long)term_id));
}

NEOERR *facts_roster(int term_id, const char *ids)
{
	return nerr_pass(db_exec(NULL, NULL,
		"UPDATE card_facts f JOIN JSON_TABLE(?, '$[*]' COLUMNS (id INT PATH '$')) j "
		" ON f.person_id = j.id AND f.term_id = ? "
		"SET f.on_roster = EXISTS (SELECT 1 FROM roster_entries re "
		" WHERE re.term_id = f.term_id AND re.person_id = f.person_id)",
		"si", ids, (long long)term_id));
}

NEOERR *facts_arrival(int person_id, int term_id)
{
	return nerr_pass(db_exec(NULL, NULL,
		"UPDATE card_facts f LEFT JOIN arrivals g ON g.person_id = f.person_id "
		" AND g.term_id = f.term_id AND g.kind = 'gate' "
		"SET f.arrived_at = g.at, f.arrived_as_boarder = COALESCE(g.boarding, 0), "
		" f.arrived_gate = g.gate_id, "
		" f.moved_in = EXISTS (SELECT 1 FROM arrivals a WHERE a.person_id = f.person_id "
		"  AND a.term_id = f.term_id AND a.kind = 'dorm') "
		"WHERE f.person_id = ? AND f.term_id = ?", "ii",
		(long long)person_id, (long long)term_id));
}

NEOERR *facts_boarding(int person_id)
{
	return nerr_pass(db_exec(NULL, NULL,
		"UPDATE card_facts f JOIN people p ON p.id = f.person_id "
		"SET f.boarding = p.boarding WHERE f.person_id = ?", "i", (long long)person_id));
}

NEOERR *facts_term(int term_id)
{
	return nerr_pass(db_exec(NULL, NULL,
		/* The view's reports are read once for all (sql/009). */
		"SET STATEMENT optimizer_switch = 'split_materialized=off' FOR "
		"INSERT INTO card_facts SELECT * FROM card_facts_expected WHERE term_id = ?",
		"i", (long long)term_id));
}

NEOERR *facts_person(int person_id)
{
	/* A new person's rows hold nothing but their boarding (no report,
	 * application or arrival yet); a changed one's boarding and, through
	 * the identity, the evidence a graduate owes. Not read from the view:
	 * MariaDB re-executing a prepared statement over card_facts_expected
	 * fails (error 1356) in a process that ran it once. */
	NEOERR *err = db_exec(NULL, NULL, "INSERT INTO card_facts (person_id, term_id, boarding) "
		"SELECT p.id, t.id, p.boarding FROM people p JOIN terms t WHERE p.id = ? "
		"ON DUPLICATE KEY UPDATE boarding = VALUES(boarding)", "i", (long long)person_id);

	if (err == STATUS_OK)
		err = db_exec(NULL, NULL, APPLICATION_FACTS "WHERE f.person_id = ?", "i",
			      (long long)person_id);
	return nerr_pass(err);
}

NEOERR *facts_people(const char *ids)
{
	/* As facts_person(), over the ids: a JOIN on the JSON's rows, so the
	 * statements lock those people's rows only. */
	NEOERR *err = db_exec(NULL, NULL, "INSERT INTO card_facts (person_id, term_id, boarding) "
		"SELECT p.id, t.id, p.boarding FROM JSON_TABLE(?, '$[*]' COLUMNS (id INT PATH '$')) j "
		"JOIN people p ON p.id = j.id JOIN terms t WHERE TRUE "
		"ON DUPLICATE KEY UPDATE boarding = VALUES(boarding)", "s", ids);

	if (err == STATUS_OK)
		err = db_exec(NULL, NULL, APPLICATION_FACTS
			"WHERE f.person_id IN (SELECT j.id FROM JSON_TABLE(?, '$[*]' "
			"COLUMNS (id INT PATH '$')) j)", "s", ids);
	return nerr_pass(err);
}

NEOERR *facts_door_fever(int person_id)
{
	return nerr_pass(db_exec(NULL, NULL,
		"UPDATE card_facts SET door_fever = (SELECT MIN(DATE(ps.at)) FROM passages ps "
		"  WHERE ps.person_id = ? AND ps.fever_state = 'open') "
		"WHERE person_id = ?", "ii", (long long)person_id, (long long)person_id));
}

NEOERR *facts_central_tests(const char *ids)
{
	/* Every term's row of those people: a result belongs to the term its
	 * sample day falls in. */
	return nerr_pass(db_exec(NULL, NULL,
		"UPDATE card_facts f JOIN JSON_TABLE(?, '$[*]' COLUMNS (id INT PATH '$')) j "
		" ON f.person_id = j.id "
		"SET f.tested_locally = EXISTS (SELECT 1 FROM central_tests ct "
		"  WHERE ct.person_id = f.person_id AND ct.term_id = f.term_id AND ct.result = 'negative'), "
		" f.positive_test = (SELECT IF(ct.result = 'positive', DATE(ct.sampled_at), NULL) "
		"  FROM central_tests ct WHERE ct.person_id = f.person_id AND ct.term_id = f.term_id "
		"  ORDER BY ct.sampled_at DESC LIMIT 1)", "s", ids));
}

NEOERR *facts_reports(int person_id)
{
	/* What card_facts_expected computes from the person's reports, read
	 * through uq_report_day for this person alone: the view itself would
	 * group every report of the school (seconds a person). The mask is
	 * the view's: the bits of the 64 days up to the latest (a shift past
	 * 63 is 0 there too). */
	return nerr_pass(db_exec(NULL, NULL,
		"UPDATE card_facts SET "
		" reported_mask = COALESCE((SELECT BIT_OR(IF(d.anomaly_state = 'sent_back', 0, "
		"   1 << DATEDIFF(m.last, d.day))) FROM daily_reports d "
		"  JOIN (SELECT MAX(day) AS last FROM daily_reports WHERE person_id = ?) m "
		"  WHERE d.person_id = ? AND d.day BETWEEN m.last - INTERVAL 63 DAY AND m.last), 0), "
		" reported_to = (SELECT MAX(d.day) FROM daily_reports d WHERE d.person_id = ?), "
		" open_anomaly = (SELECT MIN(d.day) FROM daily_reports d "
		"  WHERE d.anomaly_state = 'open' AND d.person_id = ?), "
		" sent_back = (SELECT MIN(d.day) FROM daily_reports d "
		"  WHERE d.anomaly_state = 'sent_back' AND d.person_id = ?), "
		" city_days = COALESCE((SELECT d.in_city_days FROM daily_reports d "
		"  WHERE d.person_id = ? ORDER BY d.day DESC LIMIT 1), 0) "
		"WHERE person_id = ?", "iiiiiii", (long long)person_id, (long long)person_id,
		(long long)person_id, (long long)person_id, (long long)person_id,
		(long long)person_id, (long long)person_id));
}
