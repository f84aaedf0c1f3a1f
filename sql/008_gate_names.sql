-- Version 8: a gate's name is shown with every arrival at it (the card, the
-- big table), so renaming a gate is a change of what every card shares
-- (person_revs row 0, sql/006_perf.sql). A new printed code or a new
-- device changes no name and bumps nothing.

CREATE TRIGGER gates_rev_upd AFTER UPDATE ON gates FOR EACH ROW
  INSERT INTO person_revs (person_id, rev) SELECT 0, 1 FROM DUAL
  WHERE NOT (NEW.name <=> OLD.name)
  ON DUPLICATE KEY UPDATE rev = rev + 1;
