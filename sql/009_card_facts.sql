-- Version 9: the card's facts as stored data, one row per person and term.
--
-- What card_state() (lib/domain/card.c) needs, written by lib/domain/facts.c in the
-- transaction of every change that moves it. What depends on the date is
-- not stored: the 14 days before today are read from reported_mask (bit i:
-- a report on day reported_to - i), the window from allowed_from/until.
-- card_facts_expected is the same rows computed from the base tables:
-- `hc-facts check` compares the two, `hc-facts rebuild` copies it over.

CREATE TABLE card_facts (
  person_id           INT NOT NULL,
  term_id             INT NOT NULL,
  on_roster           TINYINT(1) NOT NULL DEFAULT 0,
  app                 ENUM('draft','first_review','sent_back','evidence','second_review','approved','rejected') NULL,
  quiz_done           TINYINT(1) NOT NULL DEFAULT 0,
  pledge_done         TINYINT(1) NOT NULL DEFAULT 0,
  review_reason       VARCHAR(500) NULL,
  evidence_missing    TINYINT UNSIGNED NOT NULL DEFAULT 0,  -- enum card_evidence bits
  allowed_from        DATE NULL,
  allowed_until       DATE NULL,
  reported_to         DATE NULL,                            -- the latest day reported
  reported_mask       BIGINT UNSIGNED NOT NULL DEFAULT 0,
  open_anomaly        DATE NULL,                            -- the oldest open anomaly
  boarding            TINYINT(1) NOT NULL DEFAULT 0,        -- people.boarding
  arrived_at          DATETIME NULL,                        -- the gate's arrival
  arrived_as_boarder  TINYINT(1) NOT NULL DEFAULT 0,
  moved_in            TINYINT(1) NOT NULL DEFAULT 0,        -- the dorm's arrival
  PRIMARY KEY (person_id, term_id),
  KEY ix_facts_term (term_id, on_roster),
  CONSTRAINT fk_cf_person FOREIGN KEY (person_id) REFERENCES people(id),
  CONSTRAINT fk_cf_term FOREIGN KEY (term_id) REFERENCES terms(id)
) ENGINE=InnoDB;

-- The evidence bits: no travel leg (1), then each kind not uploaded, in
-- the order of enum card_evidence; the advisor's consent for graduates.
CREATE VIEW card_facts_expected AS
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
    WHERE a.person_id = p.id AND a.term_id = t.id AND a.kind = 'dorm') AS moved_in
FROM people p JOIN terms t
LEFT JOIN return_applications ra ON ra.term_id = t.id AND ra.person_id = p.id
-- Each person's reports in two passes over them all, not a subquery per
-- report: the latest day, then the mask anchored there and the anomaly.
LEFT JOIN (SELECT d.person_id, m.reported_to,
    BIT_OR(1 << DATEDIFF(m.reported_to, d.day)) AS reported_mask,
    MIN(IF(d.anomaly_state = 'open', d.day, NULL)) AS open_anomaly
  FROM (SELECT person_id, MAX(day) AS reported_to FROM daily_reports GROUP BY person_id) m
  JOIN daily_reports d ON d.person_id = m.person_id
  GROUP BY d.person_id, m.reported_to) dr ON dr.person_id = p.id;

-- Whole-table reads of the view: the reports' derived table is built once,
-- not once per person (MariaDB's "lateral derived" plan, chosen on stale
-- statistics, took minutes for 30,000 people instead of seconds).
SET STATEMENT optimizer_switch = 'split_materialized=off' FOR
INSERT INTO card_facts SELECT * FROM card_facts_expected;
