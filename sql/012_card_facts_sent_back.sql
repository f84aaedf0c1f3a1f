-- Version 12: a report sent back (退回) blocks the card like a missing one
-- (issue 20, FAQ 3 of seed 000). sent_back is the oldest day whose report
-- the counselor sent back and the student has not re-submitted yet: the
-- card is red with the counselor's reason and a link to that day's form.
-- The day no longer counts in reported_mask until it is re-submitted. The
-- view and the rows follow (the new column last, as the table has it).

ALTER TABLE card_facts ADD COLUMN sent_back DATE NULL;

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
  COALESCE(ra.needs_pickup, 0) AS needs_pickup, COALESCE(ra.tested_locally, 0) AS tested_locally,
  ra.submitted_at,
  (SELECT MIN(tl.day) FROM travel_legs tl WHERE tl.application_id = ra.id) AS first_leg_day,
  (SELECT a.gate_id FROM arrivals a
    WHERE a.person_id = p.id AND a.term_id = t.id AND a.kind = 'gate') AS arrived_gate,
  dr.sent_back
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

SET STATEMENT optimizer_switch = 'split_materialized=off' FOR
REPLACE INTO card_facts SELECT * FROM card_facts_expected;
