-- Version 27: what issue 15 still lacked on campus (seed 003 三, seed 000
-- FAQ 7). The ID photo (证件照) the entrance's answer shows; the day
-- student's standing commute report (走读报备) approved in the review
-- queue, and their daily ways out and in at the campus gate; the people
-- the admin lists as holding a building pass without a return application
-- (seed 003 三③); and a dorm building on people, so that a building
-- restricted to "its residents" admits the students who live in it.

-- 证件照: one current photo a person (state 'active'); an upload replaces
-- it ('replaced'), a reviewer's rejection keeps it with the reason
-- ('rejected': the student sees why and uploads again). The uploads of a
-- term are counted against Policy.PhotoUploadsPerTerm. The bytes are in
-- Paths.Uploads, named by their SHA-256 as the return's evidence.
CREATE TABLE IF NOT EXISTS photos (
  id             BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  person_id      INT NOT NULL,
  term_id        INT NULL,                  -- the term in progress at the upload
  mime           VARCHAR(16) NOT NULL,
  width          INT NOT NULL,
  height         INT NOT NULL,
  size           INT NOT NULL,
  sha256         BINARY(32) NOT NULL,
  stored_name    CHAR(64) NOT NULL,
  uploaded_at    DATETIME NOT NULL,
  state          ENUM('active','replaced','rejected') NOT NULL DEFAULT 'active',
  rejected_by    INT NULL,
  rejected_at    DATETIME NULL,
  reject_reason  VARCHAR(200) NULL,
  KEY ix_photo_person (person_id, state),
  KEY ix_photo_term (person_id, term_id),
  KEY ix_photo_state (state, uploaded_at),
  CONSTRAINT fk_ph_person FOREIGN KEY (person_id) REFERENCES people(id),
  CONSTRAINT fk_ph_term FOREIGN KEY (term_id) REFERENCES terms(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- 走读报备: a day student's standing report (address, from, until, why),
-- approved by the counselor in the review queue (kind 'commute'). While
-- an approved one holds today, the campus gate lets them out and back in
-- every day: each scan is a row of commute_passages (the code's unique
-- mac decides a race between two phones).
CREATE TABLE IF NOT EXISTS commutes (
  id               BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  person_id        INT NOT NULL,
  address          VARCHAR(200) NOT NULL,
  valid_from       DATE NOT NULL,
  valid_until      DATE NOT NULL,
  reason           VARCHAR(200) NOT NULL,
  state            ENUM('pending','approved','rejected') NOT NULL DEFAULT 'pending',
  created_at       DATETIME NOT NULL,
  decided_by       INT NULL,
  decided_at       DATETIME NULL,
  decision_reason  VARCHAR(500) NULL,
  KEY ix_commute_person (person_id, state),
  CONSTRAINT fk_cm_person FOREIGN KEY (person_id) REFERENCES people(id),
  CONSTRAINT ck_cm_days CHECK (valid_until >= valid_from)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS commute_passages (
  id          BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  commute_id  BIGINT NOT NULL,
  person_id   INT NOT NULL,
  direction   ENUM('out','in') NOT NULL,
  at          DATETIME NOT NULL,
  gate_id     INT NULL,
  token_mac   BINARY(16) NOT NULL,
  UNIQUE KEY uq_cp_token (token_mac),
  KEY ix_cp_person (person_id, at),
  CONSTRAINT fk_cp_commute FOREIGN KEY (commute_id) REFERENCES commutes(id),
  CONSTRAINT fk_cp_person FOREIGN KEY (person_id) REFERENCES people(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE queue_items
  MODIFY kind ENUM('makeup','anomaly','first_review','second_review','fever','temp_pass','leave','commute') NOT NULL;

-- Seed 003 三③: people the admin lists as holding a building pass with no
-- return application (staff on campus, specific students).
CREATE TABLE IF NOT EXISTS pass_holders (
  person_id   INT NOT NULL PRIMARY KEY,
  added_by    INT NULL,
  added_at    DATETIME NOT NULL,
  note        VARCHAR(100) NULL,
  CONSTRAINT fk_ph_holder FOREIGN KEY (person_id) REFERENCES people(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The building a person lives in (a dorm); a restricted building's
-- access row with identity 'residents' admits the people whose dorm
-- building it is.
ALTER TABLE people
  ADD COLUMN IF NOT EXISTS dorm_building_id INT NULL,
  ADD CONSTRAINT fk_people_dorm_building FOREIGN KEY IF NOT EXISTS (dorm_building_id) REFERENCES buildings(id);

ALTER TABLE building_access
  MODIFY identity ENUM('undergrad','grad','staff','residents') NULL;
