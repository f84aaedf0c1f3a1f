-- Version 16 (issue 14): people imported from the campus systems (the
-- student-information and HR exports). A previewed file is kept here until
-- its uploader applies it, so that the apply may reach any web host and
-- sends no file twice; one draft a person, replaced by the next preview,
-- deleted when applied. Nothing here moves the card facts.

CREATE TABLE IF NOT EXISTS people_import_drafts (
  id          INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  person_id   INT NOT NULL,
  filename    VARCHAR(200) NOT NULL,
  data        LONGBLOB NOT NULL,
  created_at  DATETIME NOT NULL,
  KEY ix_pid_person (person_id),
  CONSTRAINT fk_pid_person FOREIGN KEY (person_id) REFERENCES people(id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- The rows of an import that add or change someone, staged for the
-- set-based statements that write them, inside the import's transaction:
-- filled and emptied there, so no other reader ever sees a row of it. A
-- permanent table (the application's user may not create temporary
-- ones); stage_id (the connection's id) keeps two imports at once apart.
CREATE TABLE IF NOT EXISTS people_import_stage (
  stage_id           BIGINT UNSIGNED NOT NULL,
  row_no             INT NOT NULL,
  person_id          INT NOT NULL,
  is_new             TINYINT NOT NULL,
  number             VARCHAR(32) NOT NULL,
  name               VARCHAR(64) NOT NULL,
  identity           VARCHAR(12) NOT NULL,
  college_id         INT NOT NULL,
  class_id           INT NOT NULL,
  phone              VARCHAR(32) NOT NULL,
  boarding           TINYINT NOT NULL,
  status             VARCHAR(12) NOT NULL,
  counselor_id       INT NOT NULL,
  old_counselor      INT NOT NULL,
  counselor_changed  TINYINT NOT NULL,
  boarding_changed   TINYINT NOT NULL,
  facts_changed      TINYINT NOT NULL,
  PRIMARY KEY (stage_id, row_no),
  KEY ix_pis_person (stage_id, person_id),
  KEY ix_pis_number (stage_id, number)
) ENGINE=InnoDB;
