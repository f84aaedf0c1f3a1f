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
