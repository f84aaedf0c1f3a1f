-- Version 22: the school's rules as data (issue 21), set by the school
-- admin on /policy and read by every request from here, so that a change
-- takes effect on the next request on every web host. One row; a NULL
-- column is the configuration's value (conf/healthcard.hdf, Policy.*),
-- so a school that never opened /policy runs as before.
--
--   fever_tenths      a report at or above this temperature x 10 is an anomaly
--   streak_days       check-ins asked for on the days before the return day
--   makeup_days_back  a make-up may be asked for a day at most this many
--                     days back (0: any day of the term)
--   makeup_per_term   make-up requests a person may file in a term (0: no limit)
--   summary_deadline  counselors' daily summaries accepted until HH:MM next morning

CREATE TABLE IF NOT EXISTS policies (
  id                TINYINT NOT NULL PRIMARY KEY,
  fever_tenths      SMALLINT NULL,
  streak_days       TINYINT NULL,
  makeup_days_back  SMALLINT NULL,
  makeup_per_term   SMALLINT NULL,
  summary_deadline  CHAR(5) NULL,
  changed_at        DATETIME NULL,
  changed_by        INT NULL,
  CONSTRAINT ck_pol_one CHECK (id = 1),
  CONSTRAINT ck_pol_fever CHECK (fever_tenths IS NULL OR fever_tenths BETWEEN 360 AND 400),
  CONSTRAINT ck_pol_streak CHECK (streak_days IS NULL OR streak_days BETWEEN 1 AND 60)
) ENGINE=InnoDB;

INSERT IGNORE INTO policies (id) VALUES (1);

-- Central testing (集中检测, seed 000): the results of a campus testing
-- round, imported by the school admin or a college admin, or recorded one
-- by hand by the counselor. One row per person and sample time; term_id is
-- the term the sample day falls in. The big table's 是否在本地检测 and the
-- report's 通过集中检测人数 count a negative result of the term (no longer
-- return_applications.tested_locally, which no page set); the latest result
-- of the term being positive turns the card red (card_facts.positive_test:
-- its sample day) until a later negative one.
CREATE TABLE IF NOT EXISTS central_tests (
  id           BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  person_id    INT NOT NULL,
  term_id      INT NOT NULL,
  sampled_at   DATETIME NOT NULL,
  result       ENUM('negative','positive') NOT NULL,
  source       ENUM('import','hand') NOT NULL,
  recorded_by  INT NOT NULL,
  recorded_at  DATETIME NOT NULL,
  UNIQUE KEY uq_ct_sample (person_id, sampled_at),
  KEY ix_ct_term (term_id, person_id, sampled_at),
  KEY ix_ct_recorded (recorded_at),
  CONSTRAINT fk_ct_person FOREIGN KEY (person_id) REFERENCES people(id) ON DELETE CASCADE,
  CONSTRAINT fk_ct_term FOREIGN KEY (term_id) REFERENCES terms(id) ON DELETE CASCADE
) ENGINE=InnoDB;

ALTER TABLE card_facts ADD COLUMN IF NOT EXISTS positive_test DATE NULL;

-- The view (sql/views/card_facts_expected.sql) reads central_tests for
-- tested_locally and positive_test: return_applications.tested_locally was
-- set by no page (the demo data alone), the stored facts follow the
-- results from now on:
-- rebuild: card_facts


-- Retention (PIPL: kept no longer than needed). Per kind of data, how many
-- days after its term's end it is kept; no row (or NULL): kept. hc-purge
-- (tools/hcpurge.c, run by cron or a systemd timer: conf/) deletes or
-- anonymises what is past its time in small batches and writes a report:
-- one purge_runs row (a dry run too) and a line per kind and term.
CREATE TABLE IF NOT EXISTS retention (
  kind        ENUM('reports','location','uploads','arrivals','messages','audit') NOT NULL PRIMARY KEY,
  days        INT NULL,
  changed_at  DATETIME NOT NULL,
  changed_by  INT NOT NULL,
  CONSTRAINT ck_ret_days CHECK (days IS NULL OR days BETWEEN 0 AND 36500)
) ENGINE=InnoDB;

CREATE TABLE IF NOT EXISTS purge_runs (
  id           BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  started_at   DATETIME NOT NULL,
  finished_at  DATETIME NULL,
  dry_run      TINYINT(1) NOT NULL,
  run_by       VARCHAR(64) NOT NULL,          -- "hc-purge" and the user, or a login
  KEY ix_purge_started (started_at)
) ENGINE=InnoDB;

CREATE TABLE IF NOT EXISTS purge_lines (
  run_id     BIGINT NOT NULL,
  kind       VARCHAR(16) NOT NULL,
  term_id    INT NOT NULL,
  term_name  VARCHAR(64) NOT NULL,
  rule_days  INT NOT NULL,
  rows_n     BIGINT NOT NULL,
  files_n    BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (run_id, kind, term_id),
  CONSTRAINT fk_pl_run FOREIGN KEY (run_id) REFERENCES purge_runs(id) ON DELETE CASCADE
) ENGINE=InnoDB;
