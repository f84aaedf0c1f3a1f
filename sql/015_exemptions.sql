-- Version 15: who must check in (打卡对象, seed 001: 不含入伍士官生、已办理
-- 退学/休学手续的学生、某些班级), and the audit trail made searchable.
--
-- A person's status (在读 / 休学 / 退学 / 入伍) and the exemptions from
-- the daily check-in: by status, by class or by person, each with a reason
-- and a date range (ends_on NULL: open-ended), managed by the school admin
-- on /exempt. An exemption is ended, never deleted (ended_at), so the
-- dashboard of a past day still counts as it did. Nothing here is a card
-- fact: the card's state does not change with an exemption (lib/domain/
-- exempt.h says why); the card, the dashboard and the reminders read the
-- rules through one predicate, EXEMPT_ON().

ALTER TABLE people
  ADD COLUMN IF NOT EXISTS status ENUM('active','suspended','withdrawn','enlisted')
    NOT NULL DEFAULT 'active',
  ADD KEY IF NOT EXISTS ix_people_status (status);

CREATE TABLE IF NOT EXISTS checkin_exemptions (
  id          INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  kind        ENUM('status','class','person') NOT NULL,
  status      ENUM('suspended','withdrawn','enlisted') NULL,
  class_id    INT NULL,
  person_id   INT NULL,
  reason      VARCHAR(200) NOT NULL,
  starts_on   DATE NOT NULL,
  ends_on     DATE NULL,
  created_by  INT NOT NULL,
  created_at  DATETIME NOT NULL,
  ended_by    INT NULL,
  ended_at    DATETIME NULL,
  KEY ix_exempt_person (person_id),
  KEY ix_exempt_class (class_id),
  CONSTRAINT fk_ex_class FOREIGN KEY (class_id) REFERENCES org_units(id),
  CONSTRAINT fk_ex_person FOREIGN KEY (person_id) REFERENCES people(id),
  -- Exactly the one target its kind names.
  CONSTRAINT ck_ex_target CHECK (
    (kind = 'status' AND status IS NOT NULL AND class_id IS NULL AND person_id IS NULL) OR
    (kind = 'class' AND class_id IS NOT NULL AND status IS NULL AND person_id IS NULL) OR
    (kind = 'person' AND person_id IS NOT NULL AND status IS NULL AND class_id IS NULL)),
  CONSTRAINT ck_ex_range CHECK (ends_on IS NULL OR ends_on >= starts_on)
) ENGINE=InnoDB;

-- /audit searches by who, what and when; the student's own page by whom
-- (ix_audit_subject, version 1).
ALTER TABLE audit_log
  ADD KEY IF NOT EXISTS ix_audit_actor (actor_id, at),
  ADD KEY IF NOT EXISTS ix_audit_action (action, at);
