-- Version 26 (issue 16, seed 004 学校采集员工作台): bulk quick-fill, the
-- daily summary's hand-added figures, and invitations to a group.
--
-- 快速填充未报数据: a counselor fills every unreported member of their group
-- for today from each one's last report. Such a report is an ordinary
-- daily report (it counts as reported, for the dashboard and the card's
-- streak) with bulk_filled_by set to the collector: "data not confirmed by
-- the student", shown to the counselor and on the student's card and
-- calendar. The student's own check-in that day replaces it in place and
-- clears the column (the old version kept in daily_report_history).
-- A nullable column at the end: instant on MariaDB 10.3+, no table copy.
ALTER TABLE daily_reports
  ADD COLUMN IF NOT EXISTS bulk_filled_by INT NULL;

-- 数据上报: the figures the members' reports cannot give, typed in by the
-- counselor beside the notes, frozen with the rest (a JSON object of
-- non-negative integers).
ALTER TABLE daily_summaries
  ADD COLUMN IF NOT EXISTS hand_figures TEXT NULL;

-- 邀请卡片: one live invitation per group (a class of the counselor's, or
-- class_id NULL: all the counselor's students). The link carries the id
-- and an HMAC of the id and the nonce under the site's key: a forged link
-- fails the MAC, a revoked one (revoked_at) is refused, and making a new
-- one revokes the old.
CREATE TABLE IF NOT EXISTS group_invites (
  id            INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  counselor_id  INT NOT NULL,
  class_id      INT NULL,
  nonce         CHAR(32) NOT NULL,
  created_at    DATETIME NOT NULL,
  revoked_at    DATETIME NULL,
  revoked_by    INT NULL,
  KEY ix_gi_counselor (counselor_id, class_id, revoked_at),
  CONSTRAINT fk_gi_counselor FOREIGN KEY (counselor_id) REFERENCES people(id),
  CONSTRAINT fk_gi_class FOREIGN KEY (class_id) REFERENCES org_units(id)
) ENGINE=InnoDB;

-- Who has joined through an invitation (加入组织): once per person; the
-- group's page counts them against its members.
CREATE TABLE IF NOT EXISTS group_joins (
  person_id     INT NOT NULL PRIMARY KEY,
  invite_id     INT NOT NULL,
  joined_at     DATETIME NOT NULL,
  KEY ix_gj_invite (invite_id),
  CONSTRAINT fk_gj_person FOREIGN KEY (person_id) REFERENCES people(id),
  CONSTRAINT fk_gj_invite FOREIGN KEY (invite_id) REFERENCES group_invites(id)
) ENGINE=InnoDB;
