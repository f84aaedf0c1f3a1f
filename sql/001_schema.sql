-- healthcard schema, version 1: the whole domain of DOMAIN.md.
-- InnoDB, utf8mb4; a primary key on every table; invariants as constraints.
-- Times are stored as DATETIME in the school's time zone (conf Time.Zone);
-- days (DATE) are calendar days in that zone.

CREATE TABLE schema_version (
  version     INT NOT NULL PRIMARY KEY,
  applied_at  DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
) ENGINE=InnoDB;

-- School, colleges and classes: one tree.
CREATE TABLE org_units (
  id         INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  kind       ENUM('school','college','class') NOT NULL,
  parent_id  INT NULL,
  code       VARCHAR(32) NOT NULL,
  name       VARCHAR(100) NOT NULL,
  UNIQUE KEY uq_org_code (kind, code),
  KEY ix_org_parent (parent_id),
  CONSTRAINT fk_org_parent FOREIGN KEY (parent_id) REFERENCES org_units(id)
) ENGINE=InnoDB;

-- Everyone: students (undergrad, grad) and staff.
CREATE TABLE people (
  id          INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  number      VARCHAR(32) NOT NULL,          -- 学号 / 工号
  name        VARCHAR(64) NOT NULL,
  identity    ENUM('undergrad','grad','staff') NOT NULL,
  gender      ENUM('m','f') NULL,
  id_card     VARCHAR(18) NULL,              -- masked in lists
  phone       VARCHAR(32) NULL,
  college_id  INT NULL,
  class_id    INT NULL,
  boarding    TINYINT(1) NOT NULL DEFAULT 1, -- 住校 1 / 走读 0
  dorm        VARCHAR(64) NULL,
  created_at  DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  UNIQUE KEY uq_people_number (number),
  KEY ix_people_college (college_id),
  KEY ix_people_class (class_id),
  CONSTRAINT fk_people_college FOREIGN KEY (college_id) REFERENCES org_units(id),
  CONSTRAINT fk_people_class FOREIGN KEY (class_id) REFERENCES org_units(id)
) ENGINE=InnoDB;

CREATE TABLE accounts (
  person_id   INT NOT NULL PRIMARY KEY,
  login       VARCHAR(64) NOT NULL,
  pw_hash     VARCHAR(128) NULL,             -- argon2id string; NULL under remote_user
  disabled    TINYINT(1) NOT NULL DEFAULT 0,
  lang        VARCHAR(8) NULL,
  UNIQUE KEY uq_accounts_login (login),
  CONSTRAINT fk_accounts_person FOREIGN KEY (person_id) REFERENCES people(id)
) ENGINE=InnoDB;

-- Roles beyond student/staff identity. org_id: the college of a college
-- reviewer, the gate of gate staff; NULL otherwise.
CREATE TABLE roles (
  person_id  INT NOT NULL,
  role       ENUM('counselor','reviewer','admin','gate','dorm') NOT NULL,
  org_id     INT NULL,
  PRIMARY KEY (person_id, role),
  CONSTRAINT fk_roles_person FOREIGN KEY (person_id) REFERENCES people(id),
  CONSTRAINT fk_roles_org FOREIGN KEY (org_id) REFERENCES org_units(id)
) ENGINE=InnoDB;

-- One current counselor per student; history lives in audit_log.
CREATE TABLE counselor_assignments (
  student_id    INT NOT NULL PRIMARY KEY,
  counselor_id  INT NOT NULL,
  since         DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  KEY ix_ca_counselor (counselor_id),
  CONSTRAINT fk_ca_student FOREIGN KEY (student_id) REFERENCES people(id),
  CONSTRAINT fk_ca_counselor FOREIGN KEY (counselor_id) REFERENCES people(id)
) ENGINE=InnoDB;

-- 基本信息: filled once by the student, then changed only by a counselor.
CREATE TABLE basic_info (
  person_id          INT NOT NULL PRIMARY KEY,
  phone              VARCHAR(32) NOT NULL,
  home_address       VARCHAR(200) NOT NULL,
  emergency_contact  VARCHAR(64) NOT NULL,
  emergency_phone    VARCHAR(32) NOT NULL,
  boarding           TINYINT(1) NOT NULL,
  dorm               VARCHAR(64) NULL,
  filled_at          DATETIME NOT NULL,
  updated_by         INT NULL,
  updated_at         DATETIME NULL,
  CONSTRAINT fk_bi_person FOREIGN KEY (person_id) REFERENCES people(id)
) ENGINE=InnoDB;

-- 每日上报: one per person per day (the unique key is the rule).
CREATE TABLE daily_reports (
  id                   BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  person_id            INT NOT NULL,
  day                  DATE NOT NULL,
  submitted_at         DATETIME NOT NULL,
  temperature          DECIMAL(3,1) NOT NULL,
  symptoms             SET('fever','cough','diarrhoea') NOT NULL DEFAULT '',
  city                 VARCHAR(64) NOT NULL,
  in_city              TINYINT(1) NOT NULL,
  on_campus            TINYINT(1) NOT NULL,
  abroad               TINYINT(1) NOT NULL DEFAULT 0,
  location_changed     TINYINT(1) NOT NULL DEFAULT 0,
  risk_area_14d        TINYINT(1) NOT NULL DEFAULT 0,
  cohabitant_returned  TINYINT(1) NOT NULL DEFAULT 0,
  returned_to_city     TINYINT(1) NOT NULL DEFAULT 0,
  quarantine           ENUM('none','school','home') NOT NULL DEFAULT 'none',
  diagnosis            ENUM('none','suspected','confirmed') NOT NULL DEFAULT 'none',
  other_abnormal       VARCHAR(200) NULL,
  anomaly              TINYINT(1) NOT NULL DEFAULT 0,
  anomaly_state        ENUM('none','open','cleared','sent_back') NOT NULL DEFAULT 'none',
  data_changed         TINYINT(1) NOT NULL DEFAULT 0,
  is_makeup            TINYINT(1) NOT NULL DEFAULT 0,
  filled_by            INT NULL,              -- counselor who proxy-filled (代填)
  UNIQUE KEY uq_report_day (person_id, day),
  KEY ix_report_day (day, person_id),
  KEY ix_report_open_anomaly (anomaly_state, person_id),
  CONSTRAINT fk_dr_person FOREIGN KEY (person_id) REFERENCES people(id),
  CONSTRAINT ck_dr_temp CHECK (temperature BETWEEN 34.0 AND 43.0)
) ENGINE=InnoDB;

-- A report replaced after a send-back (退回) is kept here, verbatim.
CREATE TABLE daily_report_history (
  id           BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  report_id    BIGINT NOT NULL,
  person_id    INT NOT NULL,
  day          DATE NOT NULL,
  replaced_at  DATETIME NOT NULL,
  replaced_by  INT NULL,
  snapshot     TEXT NOT NULL,                 -- the old row as JSON
  KEY ix_drh_person_day (person_id, day)
) ENGINE=InnoDB;

CREATE TABLE terms (
  id         INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name       VARCHAR(64) NOT NULL,
  starts_on  DATE NOT NULL,
  ends_on    DATE NOT NULL,
  UNIQUE KEY uq_terms_name (name),
  CONSTRAINT ck_terms_range CHECK (ends_on >= starts_on)
) ENGINE=InnoDB;

-- 补卡申请: one day per request; at most one open (pending/approved) per day.
CREATE TABLE makeup_requests (
  id              BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  person_id       INT NOT NULL,
  day             DATE NOT NULL,
  reason          VARCHAR(500) NOT NULL,
  state           ENUM('pending','approved','rejected','withdrawn','filled') NOT NULL DEFAULT 'pending',
  created_at      DATETIME NOT NULL,
  decided_by      INT NULL,
  decided_at      DATETIME NULL,
  decision_reason VARCHAR(500) NULL,
  open_day        DATE AS (IF(state IN ('pending','approved'), day, NULL)) PERSISTENT,
  UNIQUE KEY uq_makeup_open (person_id, open_day),
  KEY ix_makeup_person (person_id, day),
  CONSTRAINT fk_mr_person FOREIGN KEY (person_id) REFERENCES people(id)
) ENGINE=InnoDB;

-- 应返批次: the return batches of a term.
CREATE TABLE return_batches (
  id            INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  term_id       INT NOT NULL,
  name          VARCHAR(64) NOT NULL,
  return_from   DATE NOT NULL,
  return_until  DATE NOT NULL,
  UNIQUE KEY uq_batch_name (term_id, name),
  CONSTRAINT fk_rb_term FOREIGN KEY (term_id) REFERENCES terms(id),
  CONSTRAINT ck_rb_range CHECK (return_until >= return_from)
) ENGINE=InnoDB;

-- 返校名单: one roster entry per person per term.
CREATE TABLE roster_entries (
  id         BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  term_id    INT NOT NULL,
  person_id  INT NOT NULL,
  batch_id   INT NOT NULL,
  added_at   DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  added_by   INT NULL,
  UNIQUE KEY uq_roster_person (term_id, person_id),
  KEY ix_roster_batch (batch_id),
  CONSTRAINT fk_re_term FOREIGN KEY (term_id) REFERENCES terms(id),
  CONSTRAINT fk_re_person FOREIGN KEY (person_id) REFERENCES people(id),
  CONSTRAINT fk_re_batch FOREIGN KEY (batch_id) REFERENCES return_batches(id)
) ENGINE=InnoDB;

-- 返校申请: one per person per term, walked through its states.
CREATE TABLE return_applications (
  id                  BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  term_id             INT NOT NULL,
  person_id           INT NOT NULL,
  quiz_passed_at      DATETIME NULL,
  pledge_accepted_at  DATETIME NULL,
  reason              VARCHAR(500) NULL,
  itinerary           VARCHAR(1000) NULL,
  confirm_no_symptoms TINYINT(1) NOT NULL DEFAULT 0,
  confirm_no_risk     TINYINT(1) NOT NULL DEFAULT 0,
  confirm_no_contact  TINYINT(1) NOT NULL DEFAULT 0,
  confirm_code_green  TINYINT(1) NOT NULL DEFAULT 0,
  state               ENUM('draft','first_review','sent_back','evidence','second_review','approved','rejected') NOT NULL DEFAULT 'draft',
  sent_back_stage     ENUM('first','second') NULL,
  sent_back_reason    VARCHAR(500) NULL,
  allowed_from        DATE NULL,              -- 允许返校时间
  allowed_until       DATE NULL,              -- 返校截止时间
  needs_pickup        TINYINT(1) NOT NULL DEFAULT 0,
  tested_locally      TINYINT(1) NOT NULL DEFAULT 0,
  submitted_at        DATETIME NULL,
  updated_at          DATETIME NULL,
  UNIQUE KEY uq_app_person (term_id, person_id),
  KEY ix_app_state (term_id, state),
  CONSTRAINT fk_ra_term FOREIGN KEY (term_id) REFERENCES terms(id),
  CONSTRAINT fk_ra_person FOREIGN KEY (person_id) REFERENCES people(id),
  CONSTRAINT ck_ra_window CHECK (allowed_until IS NULL OR allowed_from IS NULL OR allowed_until >= allowed_from)
) ENGINE=InnoDB;

-- Every review decision (初审 / 复审), in order.
CREATE TABLE reviews (
  id              BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  application_id  BIGINT NOT NULL,
  stage           ENUM('first','second') NOT NULL,
  decision        ENUM('approve','reject','send_back') NOT NULL,
  reviewer_id     INT NOT NULL,
  decided_at      DATETIME NOT NULL,
  reason          VARCHAR(500) NULL,
  KEY ix_reviews_app (application_id, decided_at),
  CONSTRAINT fk_rv_app FOREIGN KEY (application_id) REFERENCES return_applications(id),
  CONSTRAINT fk_rv_reviewer FOREIGN KEY (reviewer_id) REFERENCES people(id)
) ENGINE=InnoDB;

-- 乘车信息: the legs of the way back.
CREATE TABLE travel_legs (
  id              BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  application_id  BIGINT NOT NULL,
  seq             TINYINT NOT NULL,
  mode            ENUM('train','flight','bus','car','ship','other') NOT NULL,
  number          VARCHAR(32) NULL,
  day             DATE NOT NULL,
  from_place      VARCHAR(64) NOT NULL,
  to_place        VARCHAR(64) NOT NULL,
  UNIQUE KEY uq_leg_seq (application_id, seq),
  CONSTRAINT fk_tl_app FOREIGN KEY (application_id) REFERENCES return_applications(id)
) ENGINE=InnoDB;

-- Evidence files; the bytes live on disk under the upload directory.
CREATE TABLE uploads (
  id              BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  application_id  BIGINT NOT NULL,
  kind            ENUM('health_code','nucleic_acid','vaccination','advisor_consent','itinerary') NOT NULL,
  filename        VARCHAR(200) NOT NULL,
  mime            VARCHAR(64) NOT NULL,
  size            INT NOT NULL,
  sha256          BINARY(32) NOT NULL,
  stored_name     VARCHAR(100) NOT NULL,
  uploaded_at     DATETIME NOT NULL,
  UNIQUE KEY uq_upload_kind (application_id, kind),
  CONSTRAINT fk_up_app FOREIGN KEY (application_id) REFERENCES return_applications(id)
) ENGINE=InnoDB;

-- Gates and dorm entrances, and the phones enrolled at them.
CREATE TABLE gates (
  id         INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  kind       ENUM('gate','dorm') NOT NULL,
  name       VARCHAR(64) NOT NULL,
  code_hash  BINARY(32) NULL,                 -- the printed gate code's token
  UNIQUE KEY uq_gate_name (kind, name)
) ENGINE=InnoDB;

CREATE TABLE gate_devices (
  id               INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  gate_id          INT NOT NULL,
  name             VARCHAR(64) NOT NULL,
  enrol_hash       BINARY(32) NULL,           -- one-time link; NULL once used
  credential_hash  BINARY(32) NULL,
  created_by       INT NOT NULL,
  created_at       DATETIME NOT NULL,
  enrolled_at      DATETIME NULL,
  revoked_at       DATETIME NULL,
  UNIQUE KEY uq_device_enrol (enrol_hash),
  UNIQUE KEY uq_device_cred (credential_hash),
  CONSTRAINT fk_gd_gate FOREIGN KEY (gate_id) REFERENCES gates(id)
) ENGINE=InnoDB;

-- 报到 and 入宿: at most one of each kind per person per term.
CREATE TABLE arrivals (
  id           BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  person_id    INT NOT NULL,
  term_id      INT NOT NULL,
  kind         ENUM('gate','dorm') NOT NULL,
  at           DATETIME NOT NULL,
  gate_id      INT NULL,
  device_id    INT NULL,
  scanned_by   INT NULL,
  boarding     TINYINT(1) NOT NULL,           -- boarding status when recorded
  UNIQUE KEY uq_arrival (person_id, term_id, kind),
  KEY ix_arrival_at (term_id, kind, at),
  CONSTRAINT fk_ar_person FOREIGN KEY (person_id) REFERENCES people(id),
  CONSTRAINT fk_ar_term FOREIGN KEY (term_id) REFERENCES terms(id),
  CONSTRAINT fk_ar_gate FOREIGN KEY (gate_id) REFERENCES gates(id)
) ENGINE=InnoDB;

-- The reviewer's queue: every kind of item in one table. ref_id points into
-- the kind's own table (makeup_requests, daily_reports, return_applications).
CREATE TABLE queue_items (
  id            BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  kind          ENUM('makeup','anomaly','first_review','second_review') NOT NULL,
  ref_id        BIGINT NOT NULL,
  person_id     INT NOT NULL,                 -- the student the item is about
  created_at    DATETIME NOT NULL,
  state         ENUM('open','decided','withdrawn') NOT NULL DEFAULT 'open',
  decision      VARCHAR(16) NULL,
  decided_by    INT NULL,
  decided_at    DATETIME NULL,
  reason        VARCHAR(500) NULL,
  open_ref      BIGINT AS (IF(state = 'open', ref_id, NULL)) PERSISTENT,
  UNIQUE KEY uq_queue_open (kind, open_ref),
  KEY ix_queue_person (person_id, state),
  KEY ix_queue_open (state, kind, created_at),
  CONSTRAINT fk_qi_person FOREIGN KEY (person_id) REFERENCES people(id)
) ENGINE=InnoDB;

-- In-app messages (消息) shown on the student's pages.
CREATE TABLE messages (
  id          BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  person_id   INT NOT NULL,
  kind        VARCHAR(32) NOT NULL,
  body        VARCHAR(500) NOT NULL,
  created_at  DATETIME NOT NULL,
  read_at     DATETIME NULL,
  KEY ix_msg_person (person_id, created_at),
  CONSTRAINT fk_msg_person FOREIGN KEY (person_id) REFERENCES people(id)
) ENGINE=InnoDB;

-- Delivery beyond the site (SMS, WeChat Work, mail), drained by a sender.
CREATE TABLE outbox (
  id          BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  person_id   INT NOT NULL,
  channel     VARCHAR(16) NOT NULL,
  payload     VARCHAR(1000) NOT NULL,
  created_at  DATETIME NOT NULL,
  sent_at     DATETIME NULL,
  attempts    INT NOT NULL DEFAULT 0,
  KEY ix_outbox_pending (sent_at, id)
) ENGINE=InnoDB;

-- 一键提醒: one reminder per person per day.
CREATE TABLE reminders (
  person_id  INT NOT NULL,
  day        DATE NOT NULL,
  sent_by    INT NOT NULL,
  sent_at    DATETIME NOT NULL,
  PRIMARY KEY (person_id, day)
) ENGINE=InnoDB;

-- 数据上报: a counselor's daily summary, frozen once submitted.
CREATE TABLE daily_summaries (
  id            BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  counselor_id  INT NOT NULL,
  day           DATE NOT NULL,
  submitted_at  DATETIME NOT NULL,
  figures       TEXT NOT NULL,
  notes         VARCHAR(2000) NULL,
  UNIQUE KEY uq_summary_day (counselor_id, day),
  CONSTRAINT fk_ds_counselor FOREIGN KEY (counselor_id) REFERENCES people(id)
) ENGINE=InnoDB;

-- Every write, attributable: who, when, what, why.
CREATE TABLE audit_log (
  id                 BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  at                 DATETIME NOT NULL,
  actor_id           INT NULL,
  action             VARCHAR(48) NOT NULL,
  subject_person_id  INT NULL,
  object_kind        VARCHAR(32) NULL,
  object_id          BIGINT NULL,
  detail             VARCHAR(2000) NULL,
  request_id         CHAR(16) NULL,
  addr               VARCHAR(45) NULL,
  KEY ix_audit_subject (subject_person_id, at),
  KEY ix_audit_at (at)
) ENGINE=InnoDB;

-- Sessions live here so that any process on any host serves any request.
-- Only a hash of the cookie's token is stored.
CREATE TABLE sessions (
  token_hash   BINARY(32) NOT NULL PRIMARY KEY,
  person_id    INT NOT NULL,
  created_at   DATETIME NOT NULL,
  expires_at   DATETIME NOT NULL,
  addr         VARCHAR(45) NULL,
  KEY ix_sessions_person (person_id),
  KEY ix_sessions_expiry (expires_at),
  CONSTRAINT fk_sess_person FOREIGN KEY (person_id) REFERENCES people(id)
) ENGINE=InnoDB;

-- Failed logins, for rate limiting per account and per address.
CREATE TABLE login_failures (
  id     BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  at     DATETIME NOT NULL,
  login  VARCHAR(64) NOT NULL,
  addr   VARCHAR(45) NOT NULL,
  KEY ix_lf_login (login, at),
  KEY ix_lf_addr (addr, at)
) ENGINE=InnoDB;
