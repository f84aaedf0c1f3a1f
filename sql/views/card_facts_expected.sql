-- card_facts_expected: the card facts (the table card_facts, sql/009 and
-- the migrations that added its columns) computed from the base tables.
-- `hc-facts check` compares the two, `hc-facts rebuild` copies it over;
-- lib/domain/facts.c writes the same values in the transaction of every
-- change that moves them.
--
-- Code, not history: tools/migrate.sh makes this view anew after the
-- numbered migrations on every run, so it is always written for the
-- newest schema. Its columns are the table's, in the table's order
-- (REPLACE INTO card_facts SELECT * FROM card_facts_expected). A migration
-- that adds a column to card_facts or changes what one holds edits this
-- file (the column last, as ALTER TABLE ... ADD COLUMN puts it) and
-- carries the line "-- rebuild: card_facts", so that the stored rows are
-- written anew from this view once that migration is applied.
--
-- The evidence bits: no travel leg (1), then each kind not uploaded, in
-- the order of enum card_evidence; the advisor's consent for graduates.
-- tested_locally and positive_test: the term's central tests (sql/022).
-- door_fever: the oldest fever at an entrance not cleared (sql/019).

CREATE OR REPLACE VIEW card_facts_expected AS
SELECT p.id AS person_id, t.id AS term_id,
  EXISTS (SELECT 1 FROM roster_entries re WHERE re.term_id = t.id AND re.person_id = p.id) AS on_roster,
  ra.state AS app,
  COALESCE(ra.quiz_passed_at IS NOT NULL, 0) AS quiz_done,
  COALESCE(ra.pledge_accepted_at IS NOT NULL, 0) AS pledge_done,
  ra.sent_back_reason AS review_reason,
  IF(ra.id IS NULL, 0,
     (NOT EXISTS (SELECT 1 FROM travel_legs tl WHERE tl.application_id = ra.id))
     | ((14 | IF(p.identity = 'grad', 16, 0)) & ~COALESCE((SELECT BIT_OR(1 << FIELD(u.kind,
         'health_code', 'nucleic_acid', 'vaccination', 'advisor_consent'))
        FROM uploads u WHERE u.application_id = ra.id), 0))) AS evidence_missing,
  ra.allowed_from, ra.allowed_until,
  dr.reported_to, COALESCE(dr.reported_mask, 0) AS reported_mask, dr.open_anomaly,
  p.boarding,
  (SELECT a.at FROM arrivals a
    WHERE a.person_id = p.id AND a.term_id = t.id AND a.kind = 'gate') AS arrived_at,
  COALESCE((SELECT a.boarding FROM arrivals a
    WHERE a.person_id = p.id AND a.term_id = t.id AND a.kind = 'gate'), 0) AS arrived_as_boarder,
  EXISTS (SELECT 1 FROM arrivals a
    WHERE a.person_id = p.id AND a.term_id = t.id AND a.kind = 'dorm') AS moved_in,
  COALESCE((SELECT d.in_city_days FROM daily_reports d
    WHERE d.person_id = p.id AND d.day = dr.reported_to), 0) AS city_days,
  COALESCE(ra.needs_pickup, 0) AS needs_pickup,
  EXISTS (SELECT 1 FROM central_tests ct WHERE ct.person_id = p.id AND ct.term_id = t.id
    AND ct.result = 'negative') AS tested_locally,
  ra.submitted_at,
  (SELECT MIN(tl.day) FROM travel_legs tl WHERE tl.application_id = ra.id) AS first_leg_day,
  (SELECT a.gate_id FROM arrivals a
    WHERE a.person_id = p.id AND a.term_id = t.id AND a.kind = 'gate') AS arrived_gate,
  dr.sent_back,
  (SELECT MIN(DATE(ps.at)) FROM passages ps
    WHERE ps.person_id = p.id AND ps.fever_state = 'open') AS door_fever,
  (SELECT IF(ct.result = 'positive', DATE(ct.sampled_at), NULL) FROM central_tests ct
    WHERE ct.person_id = p.id AND ct.term_id = t.id
    ORDER BY ct.sampled_at DESC LIMIT 1) AS positive_test
FROM people p JOIN terms t
LEFT JOIN return_applications ra ON ra.term_id = t.id AND ra.person_id = p.id
-- Each person's reports in two passes over them all, not a subquery per
-- report: the latest day, then the mask anchored there and the anomaly.
LEFT JOIN (SELECT d.person_id, m.reported_to,
    BIT_OR(IF(d.anomaly_state = 'sent_back', 0, 1 << DATEDIFF(m.reported_to, d.day))) AS reported_mask,
    MIN(IF(d.anomaly_state = 'open', d.day, NULL)) AS open_anomaly,
    MIN(IF(d.anomaly_state = 'sent_back', d.day, NULL)) AS sent_back
  FROM (SELECT person_id, MAX(day) AS reported_to FROM daily_reports GROUP BY person_id) m
  JOIN daily_reports d ON d.person_id = m.person_id
  GROUP BY d.person_id, m.reported_to) dr ON dr.person_id = p.id;
