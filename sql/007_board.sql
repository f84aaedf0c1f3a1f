-- Version 7: what a transaction changed, for this host's change board.
--
-- Every bump of person_revs (the triggers of 006, card_facts_invalidate())
-- also notes the person in the connection's @hc_touched, a list like
-- "12,40,0". After its commit, db_txn (lib/db.c) reads and clears the list
-- and marks those people on the change board (lib/board.h), so that the
-- page processes of this host stop trusting what they kept of them. A
-- transaction that touches many people (a roster import) turns the list
-- into "*": everyone, which costs one re-read per process instead of a
-- list as long as the roster.

CREATE TRIGGER person_revs_note_ins AFTER INSERT ON person_revs FOR EACH ROW
  SET @hc_touched = IF(@hc_touched = '*' OR LENGTH(@hc_touched) > 2000, '*',
                       CONCAT_WS(',', @hc_touched, NEW.person_id));
CREATE TRIGGER person_revs_note_upd AFTER UPDATE ON person_revs FOR EACH ROW
  SET @hc_touched = IF(@hc_touched = '*' OR LENGTH(@hc_touched) > 2000, '*',
                       CONCAT_WS(',', @hc_touched, NEW.person_id));
