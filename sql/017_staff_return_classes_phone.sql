-- Version 17 (issue 14): staff returning to their posts (返岗, seed 002),
-- counselors given whole classes, and the student's phone confirmed once.
--
-- A department head (部门负责人, role dept_head, org_id: the college or
-- department) is the first reviewer of the return applications of the
-- staff and teachers of that unit; the college reviewer then does the
-- second review, as for students.

ALTER TABLE roles
  MODIFY role ENUM('counselor','reviewer','admin','gate','dorm','college_admin','dept_head') NOT NULL;

-- A counselor's classes: giving a class assigns every student in it (and
-- moves their pending work with them, as a reassignment does); a person
-- later added to or imported into the class without a counselor of their
-- own gets the class's. One counselor a class.
CREATE TABLE IF NOT EXISTS counselor_classes (
  class_id      INT NOT NULL PRIMARY KEY,
  counselor_id  INT NOT NULL,
  since         DATETIME NOT NULL,
  given_by      INT NULL,
  KEY ix_cc_counselor (counselor_id),
  CONSTRAINT fk_cc_class FOREIGN KEY (class_id) REFERENCES org_units(id),
  CONSTRAINT fk_cc_counselor FOREIGN KEY (counselor_id) REFERENCES people(id)
) ENGINE=InnoDB;

-- The phone a person confirmed (HNU binds it at the first login): by a
-- short code sent through the outbox, or by an admin's hand where no SMS
-- gateway is configured. people.phone is what they gave; phone_confirmed
-- is the number that was confirmed, so a later change of people.phone
-- shows as unconfirmed.
ALTER TABLE people
  ADD COLUMN IF NOT EXISTS phone_confirmed VARCHAR(32) NULL,
  ADD COLUMN IF NOT EXISTS phone_confirmed_at DATETIME NULL;

-- The one code in flight a person: only its hash; it expires and allows
-- a few attempts.
CREATE TABLE IF NOT EXISTS phone_codes (
  person_id   INT NOT NULL PRIMARY KEY,
  phone       VARCHAR(32) NOT NULL,
  code_hash   BINARY(32) NOT NULL,
  created_at  DATETIME NOT NULL,
  expires_at  DATETIME NOT NULL,
  attempts    INT NOT NULL DEFAULT 0,
  CONSTRAINT fk_pc_person FOREIGN KEY (person_id) REFERENCES people(id)
) ENGINE=InnoDB;
