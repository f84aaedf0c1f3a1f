-- Version 11: the card facts also hold what the big table shows and filters
-- on besides the card (14 days in the city, pickup, tested locally,
-- submitted, the first travel leg, the gate of arrival), so that /table and
-- /report read a row by keys with no subquery; and a card_facts row goes
-- with its person or term (no trigger depends on it: a cascade leaves
-- nothing stale). The view and the rows follow.

ALTER TABLE card_facts
  ADD COLUMN city_days TINYINT UNSIGNED NOT NULL DEFAULT 0,  -- of the latest report
  ADD COLUMN needs_pickup TINYINT(1) NOT NULL DEFAULT 0,
  ADD COLUMN tested_locally TINYINT(1) NOT NULL DEFAULT 0,
  ADD COLUMN submitted_at DATETIME NULL,
  ADD COLUMN first_leg_day DATE NULL,
  ADD COLUMN arrived_gate INT NULL,
  DROP FOREIGN KEY fk_cf_person, DROP FOREIGN KEY fk_cf_term;
ALTER TABLE card_facts
  ADD CONSTRAINT fk_cf_person FOREIGN KEY (person_id) REFERENCES people(id) ON DELETE CASCADE,
  ADD CONSTRAINT fk_cf_term FOREIGN KEY (term_id) REFERENCES terms(id) ON DELETE CASCADE;

-- The view (sql/views/card_facts_expected.sql) and the rows follow:
-- rebuild: card_facts

