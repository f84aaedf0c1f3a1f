-- Version 14 (issue 14): the school run from the pages, without a
-- database client. The organisation gains majors (a college's majors hold
-- its classes) and keeps what is retired or merged for history; people
-- get a status (在读/休学/退学/毕业/入伍; staff who left); accounts say
-- whether their password must be changed at the next login (made by an
-- admin); a college admin is an admin for one college (roles.org_id);
-- a password reset is a one-time link, of which only a hash is kept.
-- Nothing here moves the card facts (card_facts_expected reads none of it).

ALTER TABLE org_units
  MODIFY kind ENUM('school','college','class','major') NOT NULL,
  ADD COLUMN retired_at DATETIME NULL,
  ADD COLUMN merged_into INT NULL,
  ADD CONSTRAINT fk_org_merged FOREIGN KEY (merged_into) REFERENCES org_units(id);

ALTER TABLE people
  ADD COLUMN status ENUM('active','suspended','withdrawn','graduated','enlisted','left')
    NOT NULL DEFAULT 'active';

ALTER TABLE accounts
  ADD COLUMN must_change_pw TINYINT(1) NOT NULL DEFAULT 0;

ALTER TABLE roles
  MODIFY role ENUM('counselor','reviewer','admin','gate','dorm','college_admin') NOT NULL;

CREATE TABLE password_resets (
  token_hash  BINARY(32) NOT NULL PRIMARY KEY,
  person_id   INT NOT NULL,
  created_by  INT NULL,
  created_at  DATETIME NOT NULL,
  expires_at  DATETIME NOT NULL,
  used_at     DATETIME NULL,
  KEY ix_pr_person (person_id),
  CONSTRAINT fk_pr_person FOREIGN KEY (person_id) REFERENCES people(id)
) ENGINE=InnoDB;
