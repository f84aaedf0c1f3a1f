-- Version 2: what the daily check-in loop needs beyond version 1.

-- Consecutive days in the school's city ending with this report (capped),
-- so "in the city for all of the last 14 days" is one comparison per row.
ALTER TABLE daily_reports
  ADD COLUMN in_city_days TINYINT UNSIGNED NOT NULL DEFAULT 0 AFTER in_city,
  ADD COLUMN anomaly_flags SET('fever','symptom','risk_area','diagnosis','quarantine','other') NOT NULL DEFAULT '' AFTER anomaly,
  ADD COLUMN verified_by INT NULL,
  ADD COLUMN verified_at DATETIME NULL,
  ADD COLUMN verify_reason VARCHAR(500) NULL;

-- One click of 一键提醒 is a batch: the messages and outbox rows are made
-- from exactly the reminders that click inserted.
ALTER TABLE reminders
  ADD COLUMN batch CHAR(16) NOT NULL DEFAULT '',
  ADD KEY ix_reminders_batch (batch);

-- The outbox sender's bookkeeping: retries with back-off, then failure.
ALTER TABLE outbox
  ADD COLUMN next_attempt_at DATETIME NULL,
  ADD COLUMN failed_at DATETIME NULL,
  ADD COLUMN last_error VARCHAR(500) NULL,
  ADD KEY ix_outbox_due (sent_at, failed_at, next_attempt_at);
