-- Version 24: the daily form's optional questions, and the rules a term
-- opened with (issue 21).
--
-- report_questions: questions the school admin adds to the daily report on
-- /policy/questions, beside the fixed fields of daily_reports. Each has a
-- type (yesno, choice, number, text), is required or not, has its text
-- and, for a choice, its options (one a line) in both languages. A
-- question is never edited: it is retired (retired_at) and a new one
-- added, so that an answer always means what was asked. Active questions
-- are read in `position` order by one indexed query (ix_rq_active).
--
-- report_answers: one row per report and question answered, written in
-- the check-in's transaction. A choice's answer is its option's number
-- (1..n), shown in the reader's language; yesno "1" or "0"; a number or a
-- text as given. Retiring a question keeps its answers (readable on
-- /person). A purge of reports takes their answers with them (CASCADE).
--
-- policies.questions_n: how many questions are active, written in the
-- transaction of every change to them. The check-in reads the policies row
-- already (the fever threshold, with a shared lock): when it says 0, no
-- statement more is issued for questions; a change of the questions takes
-- the row's exclusive lock first, so a check-in never validates against a
-- list that is being changed.
--
-- term_policies: the rules a term opened with, copied from those in force
-- when the admin opened it on /policy/term (the rules themselves stay one
-- row, in force for every term; this is the term's record of them).

CREATE TABLE IF NOT EXISTS report_questions (
  id          INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  position    SMALLINT NOT NULL,
  kind        ENUM('yesno','choice','number','text') NOT NULL,
  required    TINYINT(1) NOT NULL DEFAULT 0,
  label_zh    VARCHAR(200) NOT NULL,
  label_en    VARCHAR(200) NOT NULL,
  options_zh  VARCHAR(1000) NULL,           -- a choice's options, one a line
  options_en  VARCHAR(1000) NULL,
  created_at  DATETIME NOT NULL,
  created_by  INT NOT NULL,
  retired_at  DATETIME NULL,
  retired_by  INT NULL,
  -- NULL once retired: the active ones hold their positions uniquely.
  active_pos  SMALLINT AS (IF(retired_at IS NULL, position, NULL)) PERSISTENT,
  UNIQUE KEY uq_rq_active (active_pos),
  KEY ix_rq_active (retired_at, position)
) ENGINE=InnoDB;

CREATE TABLE IF NOT EXISTS report_answers (
  report_id    BIGINT NOT NULL,
  question_id  INT NOT NULL,
  answer       VARCHAR(200) NOT NULL,
  PRIMARY KEY (report_id, question_id),
  KEY ix_ra_question (question_id),
  CONSTRAINT fk_ra_report FOREIGN KEY (report_id) REFERENCES daily_reports(id) ON DELETE CASCADE,
  CONSTRAINT fk_ra_question FOREIGN KEY (question_id) REFERENCES report_questions(id)
) ENGINE=InnoDB;

ALTER TABLE policies ADD COLUMN IF NOT EXISTS questions_n SMALLINT NOT NULL DEFAULT 0;

CREATE TABLE IF NOT EXISTS term_policies (
  term_id           INT NOT NULL PRIMARY KEY,
  fever_tenths      SMALLINT NOT NULL,
  streak_days       TINYINT NOT NULL,
  makeup_days_back  SMALLINT NOT NULL,
  makeup_per_term   SMALLINT NOT NULL,
  summary_deadline  CHAR(5) NOT NULL,
  questions         VARCHAR(1000) NOT NULL,   -- the active questions' ids, in order: "[3,5]"
  copied_from_term  INT NULL,
  copied_at         DATETIME NOT NULL,
  copied_by         INT NOT NULL,
  CONSTRAINT fk_tp_term FOREIGN KEY (term_id) REFERENCES terms(id) ON DELETE CASCADE
) ENGINE=InnoDB;
