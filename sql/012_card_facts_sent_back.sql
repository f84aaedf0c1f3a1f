-- Version 12: a report sent back (退回) blocks the card like a missing one
-- (issue 20, FAQ 3 of seed 000). sent_back is the oldest day whose report
-- the counselor sent back and the student has not re-submitted yet: the
-- card is red with the counselor's reason and a link to that day's form.
-- The day no longer counts in reported_mask until it is re-submitted. The
-- view and the rows follow (the new column last, as the table has it).

ALTER TABLE card_facts ADD COLUMN sent_back DATE NULL;

-- The view (sql/views/card_facts_expected.sql) and the rows follow:
-- rebuild: card_facts

