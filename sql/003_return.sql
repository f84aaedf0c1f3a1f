-- Version 3: what the return-to-campus flow needs beyond version 1.

-- An evidence file whose bytes were already uploaded by someone else, or
-- by the same student on an earlier day, is flagged for the reviewer.
ALTER TABLE uploads
  ADD COLUMN dup_of BIGINT NULL,
  ADD COLUMN dup_reason ENUM('other_student','earlier_day') NULL,
  ADD KEY ix_uploads_sha (sha256);
