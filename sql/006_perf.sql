-- Version 6: the dashboard's list walks people in (class, number) order
-- and stops at the page's end, instead of sorting everyone in scope.
-- (This version also made the revision triggers, person_revs and
-- dash_rollups, retired by 010: a database made since never has them.)
ALTER TABLE people ADD KEY ix_people_class_number (class_id, number), DROP KEY ix_people_class;
