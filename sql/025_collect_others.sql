-- Version 25: collecting for others (issue 16, seed 004 学校采集员工作台).
--
-- 代填人: a student names up to two people who may fill the daily report
-- for them, and may revoke them. A filler logs in (a roommate or a
-- classmate, or a teacher: anyone with an account, named by 学号/工号):
-- a relative without an account could not log in to fill anything, and
-- the report they file must be attributable to a person. The report's
-- daily_reports.filled_by is the filler, as for a counselor's 代填; the
-- counselor and the student see the filler's name. A revoked naming stays
-- (revoked_at) for the record; live_filler is the filler while the naming
-- holds, so one person is named once at a time.
CREATE TABLE IF NOT EXISTS proxy_fillers (
  id          INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  student_id  INT NOT NULL,
  filler_id   INT NOT NULL,
  relation    ENUM('roommate','classmate','family','other') NOT NULL,
  named_at    DATETIME NOT NULL,
  revoked_at  DATETIME NULL,
  live_filler INT AS (IF(revoked_at IS NULL, filler_id, NULL)) PERSISTENT,
  UNIQUE KEY uq_proxy_live (student_id, live_filler),
  KEY ix_proxy_filler (filler_id, revoked_at),
  CONSTRAINT fk_pf_student FOREIGN KEY (student_id) REFERENCES people(id),
  CONSTRAINT fk_pf_filler FOREIGN KEY (filler_id) REFERENCES people(id)
) ENGINE=InnoDB;

-- 无账号人员 (外籍教师, visiting staff): people the school has no account
-- for, kept apart from `people` (no number, no login, no card, no return,
-- no reminder), in a counselor's group (counselor_id; the college of the
-- counselor when added, for the college's figures). Their papers: one of
-- the five 证件类型 (lib/domain/idnum.h) and its number, unique per type.
CREATE TABLE IF NOT EXISTS guests (
  id           INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  counselor_id INT NOT NULL,
  college_id   INT NULL,
  name         VARCHAR(64) NOT NULL,
  kind         ENUM('foreign_teacher','visiting_staff','other') NOT NULL,
  id_type      ENUM('resident','passport','hk_macau','taiwan','foreign_pr') NOT NULL,
  id_number    VARCHAR(20) NOT NULL,
  nationality  VARCHAR(64) NOT NULL,
  added_by     INT NOT NULL,
  added_at     DATETIME NOT NULL,
  UNIQUE KEY uq_guest_papers (id_type, id_number),
  KEY ix_guest_counselor (counselor_id),
  KEY ix_guest_college (college_id),
  CONSTRAINT fk_guest_counselor FOREIGN KEY (counselor_id) REFERENCES people(id),
  CONSTRAINT fk_guest_college FOREIGN KEY (college_id) REFERENCES org_units(id),
  CONSTRAINT fk_guest_added_by FOREIGN KEY (added_by) REFERENCES people(id)
) ENGINE=InnoDB;

-- 外籍教师申报: what the collector declared for a guest on a day (only when
-- something changed, seed 004: no declaration is needed otherwise), the
-- daily report's fields; the latest of a day counts (a second one the
-- same day replaces it, audited with the old values).
CREATE TABLE IF NOT EXISTS guest_reports (
  id                   BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  guest_id             INT NOT NULL,
  day                  DATE NOT NULL,
  declared_at          DATETIME NOT NULL,
  declared_by          INT NOT NULL,
  temperature          DECIMAL(3,1) NOT NULL,
  symptoms             SET('fever','cough','diarrhoea') NOT NULL DEFAULT '',
  city                 VARCHAR(64) NOT NULL,
  in_city              TINYINT(1) NOT NULL,
  on_campus            TINYINT(1) NOT NULL,
  abroad               TINYINT(1) NOT NULL DEFAULT 0,
  risk_area_14d        TINYINT(1) NOT NULL DEFAULT 0,
  cohabitant_returned  TINYINT(1) NOT NULL DEFAULT 0,
  returned_to_city     TINYINT(1) NOT NULL DEFAULT 0,
  quarantine           ENUM('none','school','home') NOT NULL DEFAULT 'none',
  diagnosis            ENUM('none','suspected','confirmed') NOT NULL DEFAULT 'none',
  other_abnormal       VARCHAR(200) NULL,
  anomaly_flags        SET('fever','symptom','risk_area','diagnosis','quarantine','other') NOT NULL DEFAULT '',
  UNIQUE KEY uq_guest_day (guest_id, day),
  KEY ix_guest_report_day (day),
  CONSTRAINT fk_gr_guest FOREIGN KEY (guest_id) REFERENCES guests(id),
  CONSTRAINT fk_gr_by FOREIGN KEY (declared_by) REFERENCES people(id),
  CONSTRAINT ck_gr_temp CHECK (temperature BETWEEN 34.0 AND 43.0)
) ENGINE=InnoDB;

-- 采集员: a counselor names a colleague (by 工号, with an account) who may
-- add and declare for the counselor's group too. A designation per group,
-- not a role: it is the counselor's to give and take, and it reaches only
-- their guests.
CREATE TABLE IF NOT EXISTS guest_collectors (
  counselor_id INT NOT NULL,
  collector_id INT NOT NULL,
  named_at     DATETIME NOT NULL,
  PRIMARY KEY (counselor_id, collector_id),
  KEY ix_collector (collector_id),
  CONSTRAINT fk_gc_counselor FOREIGN KEY (counselor_id) REFERENCES people(id),
  CONSTRAINT fk_gc_collector FOREIGN KEY (collector_id) REFERENCES people(id)
) ENGINE=InnoDB;
