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

-- The view card_facts_expected is code, not history: sql/views/, made
-- anew by tools/migrate.sh after the migrations; the rows are written from
-- it once this migration is applied:
-- rebuild: card_facts

