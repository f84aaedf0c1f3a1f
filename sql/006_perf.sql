-- Version 6: revisions, so that pages may keep what they read.
--
-- person_revs holds one counter per person, bumped in the same transaction
-- as every write to a row that the card or "who is logged in" reads:
-- people, accounts, roles, counselor_assignments, roster_entries,
-- return_applications, travel_legs, uploads, daily_reports, arrivals,
-- messages. Row 0 is the revision of what every card shares: terms,
-- org_units, and people (a counselor's name and phone are on the cards of
-- their students). A process may keep a person's card facts or identity as
-- long as the two revisions it read them under are unchanged
-- (lib/cardfacts.h, lib/sess.c). The triggers below do the bumping, so
-- every writer (pages, tools, plain SQL) is covered; a write to a table
-- that is not listed here, and that a card comes to read, needs a trigger
-- here or card_facts_invalidate() in its transaction.
-- A missing row means revision 0.

CREATE TABLE person_revs (
  person_id  INT NOT NULL PRIMARY KEY,   -- 0: what all cards share
  rev        BIGINT UNSIGNED NOT NULL
) ENGINE=InnoDB;

-- One per person and table event. "bump" is always the same statement:
-- INSERT INTO person_revs ... ON DUPLICATE KEY UPDATE rev = rev + 1.

CREATE TRIGGER people_rev_ins AFTER INSERT ON people FOR EACH ROW
  INSERT INTO person_revs (person_id, rev) VALUES (0, 1) ON DUPLICATE KEY UPDATE rev = rev + 1;
CREATE TRIGGER people_rev_upd AFTER UPDATE ON people FOR EACH ROW
  INSERT INTO person_revs (person_id, rev) VALUES (OLD.id, 1), (NEW.id, 1), (0, 1)
  ON DUPLICATE KEY UPDATE rev = rev + 1;
CREATE TRIGGER people_rev_del AFTER DELETE ON people FOR EACH ROW
  INSERT INTO person_revs (person_id, rev) VALUES (OLD.id, 1), (0, 1)
  ON DUPLICATE KEY UPDATE rev = rev + 1;

CREATE TRIGGER accounts_rev_ins AFTER INSERT ON accounts FOR EACH ROW
  INSERT INTO person_revs (person_id, rev) VALUES (NEW.person_id, 1)
  ON DUPLICATE KEY UPDATE rev = rev + 1;
CREATE TRIGGER accounts_rev_upd AFTER UPDATE ON accounts FOR EACH ROW
  INSERT INTO person_revs (person_id, rev) VALUES (OLD.person_id, 1), (NEW.person_id, 1)
  ON DUPLICATE KEY UPDATE rev = rev + 1;
CREATE TRIGGER accounts_rev_del AFTER DELETE ON accounts FOR EACH ROW
  INSERT INTO person_revs (person_id, rev) VALUES (OLD.person_id, 1)
  ON DUPLICATE KEY UPDATE rev = rev + 1;

CREATE TRIGGER roles_rev_ins AFTER INSERT ON roles FOR EACH ROW
  INSERT INTO person_revs (person_id, rev) VALUES (NEW.person_id, 1)
  ON DUPLICATE KEY UPDATE rev = rev + 1;
CREATE TRIGGER roles_rev_upd AFTER UPDATE ON roles FOR EACH ROW
  INSERT INTO person_revs (person_id, rev) VALUES (OLD.person_id, 1), (NEW.person_id, 1)
  ON DUPLICATE KEY UPDATE rev = rev + 1;
CREATE TRIGGER roles_rev_del AFTER DELETE ON roles FOR EACH ROW
  INSERT INTO person_revs (person_id, rev) VALUES (OLD.person_id, 1)
  ON DUPLICATE KEY UPDATE rev = rev + 1;

CREATE TRIGGER ca_rev_ins AFTER INSERT ON counselor_assignments FOR EACH ROW
  INSERT INTO person_revs (person_id, rev) VALUES (NEW.student_id, 1)
  ON DUPLICATE KEY UPDATE rev = rev + 1;
CREATE TRIGGER ca_rev_upd AFTER UPDATE ON counselor_assignments FOR EACH ROW
  INSERT INTO person_revs (person_id, rev) VALUES (OLD.student_id, 1), (NEW.student_id, 1)
  ON DUPLICATE KEY UPDATE rev = rev + 1;
CREATE TRIGGER ca_rev_del AFTER DELETE ON counselor_assignments FOR EACH ROW
  INSERT INTO person_revs (person_id, rev) VALUES (OLD.student_id, 1)
  ON DUPLICATE KEY UPDATE rev = rev + 1;

CREATE TRIGGER org_units_rev_ins AFTER INSERT ON org_units FOR EACH ROW
  INSERT INTO person_revs (person_id, rev) VALUES (0, 1) ON DUPLICATE KEY UPDATE rev = rev + 1;
CREATE TRIGGER org_units_rev_upd AFTER UPDATE ON org_units FOR EACH ROW
  INSERT INTO person_revs (person_id, rev) VALUES (0, 1) ON DUPLICATE KEY UPDATE rev = rev + 1;
CREATE TRIGGER org_units_rev_del AFTER DELETE ON org_units FOR EACH ROW
  INSERT INTO person_revs (person_id, rev) VALUES (0, 1) ON DUPLICATE KEY UPDATE rev = rev + 1;

CREATE TRIGGER terms_rev_ins AFTER INSERT ON terms FOR EACH ROW
  INSERT INTO person_revs (person_id, rev) VALUES (0, 1) ON DUPLICATE KEY UPDATE rev = rev + 1;
CREATE TRIGGER terms_rev_upd AFTER UPDATE ON terms FOR EACH ROW
  INSERT INTO person_revs (person_id, rev) VALUES (0, 1) ON DUPLICATE KEY UPDATE rev = rev + 1;
CREATE TRIGGER terms_rev_del AFTER DELETE ON terms FOR EACH ROW
  INSERT INTO person_revs (person_id, rev) VALUES (0, 1) ON DUPLICATE KEY UPDATE rev = rev + 1;

CREATE TRIGGER roster_rev_ins AFTER INSERT ON roster_entries FOR EACH ROW
  INSERT INTO person_revs (person_id, rev) VALUES (NEW.person_id, 1)
  ON DUPLICATE KEY UPDATE rev = rev + 1;
CREATE TRIGGER roster_rev_upd AFTER UPDATE ON roster_entries FOR EACH ROW
  INSERT INTO person_revs (person_id, rev) VALUES (OLD.person_id, 1), (NEW.person_id, 1)
  ON DUPLICATE KEY UPDATE rev = rev + 1;
CREATE TRIGGER roster_rev_del AFTER DELETE ON roster_entries FOR EACH ROW
  INSERT INTO person_revs (person_id, rev) VALUES (OLD.person_id, 1)
  ON DUPLICATE KEY UPDATE rev = rev + 1;

CREATE TRIGGER ra_rev_ins AFTER INSERT ON return_applications FOR EACH ROW
  INSERT INTO person_revs (person_id, rev) VALUES (NEW.person_id, 1)
  ON DUPLICATE KEY UPDATE rev = rev + 1;
CREATE TRIGGER ra_rev_upd AFTER UPDATE ON return_applications FOR EACH ROW
  INSERT INTO person_revs (person_id, rev) VALUES (OLD.person_id, 1), (NEW.person_id, 1)
  ON DUPLICATE KEY UPDATE rev = rev + 1;
CREATE TRIGGER ra_rev_del AFTER DELETE ON return_applications FOR EACH ROW
  INSERT INTO person_revs (person_id, rev) VALUES (OLD.person_id, 1)
  ON DUPLICATE KEY UPDATE rev = rev + 1;

-- Legs and uploads belong to an application: its person.
CREATE TRIGGER legs_rev_ins AFTER INSERT ON travel_legs FOR EACH ROW
  INSERT INTO person_revs (person_id, rev)
  SELECT ra.person_id, 1 FROM return_applications ra WHERE ra.id = NEW.application_id
  ON DUPLICATE KEY UPDATE rev = person_revs.rev + 1;
CREATE TRIGGER legs_rev_upd AFTER UPDATE ON travel_legs FOR EACH ROW
  INSERT INTO person_revs (person_id, rev)
  SELECT ra.person_id, 1 FROM return_applications ra
  WHERE ra.id IN (OLD.application_id, NEW.application_id)
  ON DUPLICATE KEY UPDATE rev = person_revs.rev + 1;
CREATE TRIGGER legs_rev_del AFTER DELETE ON travel_legs FOR EACH ROW
  INSERT INTO person_revs (person_id, rev)
  SELECT ra.person_id, 1 FROM return_applications ra WHERE ra.id = OLD.application_id
  ON DUPLICATE KEY UPDATE rev = person_revs.rev + 1;

CREATE TRIGGER uploads_rev_ins AFTER INSERT ON uploads FOR EACH ROW
  INSERT INTO person_revs (person_id, rev)
  SELECT ra.person_id, 1 FROM return_applications ra WHERE ra.id = NEW.application_id
  ON DUPLICATE KEY UPDATE rev = person_revs.rev + 1;
CREATE TRIGGER uploads_rev_upd AFTER UPDATE ON uploads FOR EACH ROW
  INSERT INTO person_revs (person_id, rev)
  SELECT ra.person_id, 1 FROM return_applications ra
  WHERE ra.id IN (OLD.application_id, NEW.application_id)
  ON DUPLICATE KEY UPDATE rev = person_revs.rev + 1;
CREATE TRIGGER uploads_rev_del AFTER DELETE ON uploads FOR EACH ROW
  INSERT INTO person_revs (person_id, rev)
  SELECT ra.person_id, 1 FROM return_applications ra WHERE ra.id = OLD.application_id
  ON DUPLICATE KEY UPDATE rev = person_revs.rev + 1;

CREATE TRIGGER reports_rev_ins AFTER INSERT ON daily_reports FOR EACH ROW
  INSERT INTO person_revs (person_id, rev) VALUES (NEW.person_id, 1)
  ON DUPLICATE KEY UPDATE rev = rev + 1;
CREATE TRIGGER reports_rev_upd AFTER UPDATE ON daily_reports FOR EACH ROW
  INSERT INTO person_revs (person_id, rev) VALUES (OLD.person_id, 1), (NEW.person_id, 1)
  ON DUPLICATE KEY UPDATE rev = rev + 1;
CREATE TRIGGER reports_rev_del AFTER DELETE ON daily_reports FOR EACH ROW
  INSERT INTO person_revs (person_id, rev) VALUES (OLD.person_id, 1)
  ON DUPLICATE KEY UPDATE rev = rev + 1;

-- The gate and the dorm record arrivals here: the card turns blue.
CREATE TRIGGER arrivals_rev_ins AFTER INSERT ON arrivals FOR EACH ROW
  INSERT INTO person_revs (person_id, rev) VALUES (NEW.person_id, 1)
  ON DUPLICATE KEY UPDATE rev = rev + 1;
CREATE TRIGGER arrivals_rev_upd AFTER UPDATE ON arrivals FOR EACH ROW
  INSERT INTO person_revs (person_id, rev) VALUES (OLD.person_id, 1), (NEW.person_id, 1)
  ON DUPLICATE KEY UPDATE rev = rev + 1;
CREATE TRIGGER arrivals_rev_del AFTER DELETE ON arrivals FOR EACH ROW
  INSERT INTO person_revs (person_id, rev) VALUES (OLD.person_id, 1)
  ON DUPLICATE KEY UPDATE rev = rev + 1;

CREATE TRIGGER messages_rev_ins AFTER INSERT ON messages FOR EACH ROW
  INSERT INTO person_revs (person_id, rev) VALUES (NEW.person_id, 1)
  ON DUPLICATE KEY UPDATE rev = rev + 1;
CREATE TRIGGER messages_rev_upd AFTER UPDATE ON messages FOR EACH ROW
  INSERT INTO person_revs (person_id, rev) VALUES (OLD.person_id, 1), (NEW.person_id, 1)
  ON DUPLICATE KEY UPDATE rev = rev + 1;
CREATE TRIGGER messages_rev_del AFTER DELETE ON messages FOR EACH ROW
  INSERT INTO person_revs (person_id, rev) VALUES (OLD.person_id, 1)
  ON DUPLICATE KEY UPDATE rev = rev + 1;

-- The dashboard's list walks people in (class, number) order and stops at
-- the page's end, instead of sorting everyone in scope.
ALTER TABLE people ADD KEY ix_people_class_number (class_id, number), DROP KEY ix_people_class;

-- The dashboard's roll-ups (by class, the 14-day trend) as HDF text, one
-- row per scope and day, shared by every process: whoever finds a row
-- older than a minute takes the lease and rebuilds it while the others
-- keep showing the old one. Times are Unix seconds.
CREATE TABLE dash_rollups (
  name         VARCHAR(80) NOT NULL PRIMARY KEY,
  built_at     BIGINT NOT NULL,          -- 0: never built
  lease_until  BIGINT NOT NULL,          -- a rebuild in progress until then
  body         MEDIUMTEXT NOT NULL
) ENGINE=InnoDB;
