-- Version 20: work that reaches people (issue 16): 待办 notices, scheduled
-- reminders, the position at check-in, temperature rounds.
--
-- 待办 (seed 000: 办理环节 "您有新的任务需要处理"): each time an item reaches a
-- queue, whoever works it gets a notice in the app (notices), written in
-- the transaction that opened the item, and, on the channels they chose
-- (notice_prefs), one outbox message per channel. Items arriving within
-- Notify.DigestMinutes become that one message: notice_digests holds, per
-- person and channel, the outbox row still waiting for its window to end
-- (its next_attempt_at), whose text the next item rewrites; quiet hours
-- move the window's end to the morning.
--
-- The position the browser gave at check-in (location, seed 001), only
-- with the student's permission: report_positions, one row per report
-- that has one (a table of its own: the hot daily_reports is unchanged).
--
-- 每日上报提醒 at the admin's times (reminder_slots): build/hc-remind
-- reminds everyone still unreported, at most once per person, day and
-- slot (scheduled_reminders' key), so running it twice sends nothing twice.

CREATE TABLE IF NOT EXISTS notices (
  id          BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  person_id   INT NOT NULL,                 -- who is told
  item_id     BIGINT NOT NULL,              -- queue_items.id
  kind        VARCHAR(16) NOT NULL,         -- the item's kind
  subject_id  INT NOT NULL,                 -- the student the item is about
  created_at  DATETIME NOT NULL,
  read_at     DATETIME NULL,
  KEY ix_notices_person (person_id, id),
  KEY ix_notices_unread (person_id, read_at),
  KEY ix_notices_item (item_id),
  CONSTRAINT fk_notice_person FOREIGN KEY (person_id) REFERENCES people(id),
  CONSTRAINT fk_notice_subject FOREIGN KEY (subject_id) REFERENCES people(id)
) ENGINE=InnoDB;

-- A person's choice: which channels beyond the app, the address mail goes
-- to, and their quiet hours (NULL: the school's, Notify.QuietFrom/Until).
CREATE TABLE IF NOT EXISTS notice_prefs (
  person_id   INT NOT NULL PRIMARY KEY,
  sms         TINYINT(1) NOT NULL DEFAULT 0,
  wechat      TINYINT(1) NOT NULL DEFAULT 0,
  mail        TINYINT(1) NOT NULL DEFAULT 0,
  email       VARCHAR(254) NULL,
  quiet_from  TIME NULL,
  quiet_until TIME NULL,
  updated_at  DATETIME NOT NULL,
  CONSTRAINT fk_nprefs_person FOREIGN KEY (person_id) REFERENCES people(id)
) ENGINE=InnoDB;

-- The digest still open per person and channel: its outbox row, when it
-- goes (the row's next_attempt_at while nobody has claimed it), and the
-- items it counts by kind.
CREATE TABLE IF NOT EXISTS notice_digests (
  person_id      INT NOT NULL,
  channel        VARCHAR(16) NOT NULL,
  outbox_id      BIGINT NOT NULL,
  due_at         DATETIME NOT NULL,
  makeup         INT NOT NULL DEFAULT 0,
  anomaly        INT NOT NULL DEFAULT 0,
  first_review   INT NOT NULL DEFAULT 0,
  second_review  INT NOT NULL DEFAULT 0,
  PRIMARY KEY (person_id, channel),
  CONSTRAINT fk_ndig_person FOREIGN KEY (person_id) REFERENCES people(id)
) ENGINE=InnoDB;

-- Where the phone was at check-in, as the browser's geolocation gave it
-- (WGS 84 degrees; accuracy in metres); none when not permitted.
CREATE TABLE IF NOT EXISTS report_positions (
  report_id   BIGINT NOT NULL PRIMARY KEY,
  lat         DECIMAL(9,6) NOT NULL,
  lon         DECIMAL(9,6) NOT NULL,
  accuracy_m  DECIMAL(8,1) NOT NULL,
  CONSTRAINT fk_pos_report FOREIGN KEY (report_id) REFERENCES daily_reports(id)
    ON DELETE CASCADE
) ENGINE=InnoDB;

-- 午晚检 (seed 000's 防控填报): extra temperature rounds the admin may
-- switch on, each with its window; a report per person, day and round.
-- A fever or a symptom in a round opens the day's report's anomaly, as
-- the daily report does; rounds never block the card.
CREATE TABLE IF NOT EXISTS temp_rounds (
  name        ENUM('noon','evening') NOT NULL PRIMARY KEY,
  enabled     TINYINT(1) NOT NULL DEFAULT 0,
  opens       TIME NOT NULL,
  closes      TIME NOT NULL,
  updated_by  INT NULL,
  updated_at  DATETIME NULL
) ENGINE=InnoDB;
INSERT IGNORE INTO temp_rounds (name, enabled, opens, closes)
  VALUES ('noon', 0, '11:30', '14:00'), ('evening', 0, '18:00', '22:00');

CREATE TABLE IF NOT EXISTS round_reports (
  id            BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  person_id     INT NOT NULL,
  day           DATE NOT NULL,
  round         ENUM('noon','evening') NOT NULL,
  temperature   DECIMAL(3,1) NOT NULL,
  symptoms      SET('fever','cough','diarrhoea') NOT NULL DEFAULT '',
  anomaly       TINYINT(1) NOT NULL DEFAULT 0,
  submitted_at  DATETIME NOT NULL,
  UNIQUE KEY uq_round_report (person_id, day, round),
  KEY ix_round_day (day, round),
  CONSTRAINT fk_round_person FOREIGN KEY (person_id) REFERENCES people(id)
) ENGINE=InnoDB;

-- The day's reminder times the admin sets (e.g. 09:00 and 14:00).
CREATE TABLE IF NOT EXISTS reminder_slots (
  at_time     TIME NOT NULL PRIMARY KEY,
  created_by  INT NOT NULL,
  created_at  DATETIME NOT NULL
) ENGINE=InnoDB;

-- One scheduled reminder per person, day and slot; batch: the run that
-- made it (its messages and outbox rows are made from exactly its rows).
CREATE TABLE IF NOT EXISTS scheduled_reminders (
  person_id   INT NOT NULL,
  day         DATE NOT NULL,
  slot        TIME NOT NULL,
  batch       CHAR(16) NOT NULL,
  sent_at     DATETIME NOT NULL,
  PRIMARY KEY (person_id, day, slot),
  KEY ix_sched_batch (batch)
) ENGINE=InnoDB;
