#!/usr/bin/env bash
# Everything the card renders is HTML-escaped: <script> put into every
# field it shows comes out as text, never as markup.
. "$(dirname "$0")/lib.sh"

X='<script>alert(1)</script>'
sid=$(sql "SELECT person_id FROM accounts WHERE login = 'student'")
cid=$(sql "SELECT counselor_id FROM counselor_assignments WHERE student_id = $sid")
sql "UPDATE people SET name = CONCAT('$X', name),
	phone = '$X' WHERE id IN ($sid, $cid);
     UPDATE org_units SET name = CONCAT(name, '$X')
	WHERE id IN (SELECT college_id FROM people WHERE id = $sid)
	   OR id IN (SELECT class_id FROM people WHERE id = $sid);
     UPDATE terms SET name = CONCAT(name, '$X');
     INSERT INTO return_applications (term_id, person_id, state, sent_back_stage, sent_back_reason)
	SELECT id, $sid, 'sent_back', 'first', '$X' FROM terms
	ON DUPLICATE KEY UPDATE state = 'sent_back', sent_back_reason = '$X';"

login student
get student /card
check "card renders with hostile data" status_is 200
check "no <script> gets through" body_lacks "<script>"
check "the text is shown escaped" body_has "&lt;script&gt;alert(1)&lt;/script&gt;"
check "the reviewer's reason is shown (escaped) on a sent-back card" body_has "返校申请被退回"
get student /
login counselor
get counselor /
check "home page with a hostile name has no <script>" body_lacks "<script>"

req anon POST /login --data-urlencode "login=$X" --data-urlencode "password=x"
get anon /login
tok=$(csrf)
req anon POST /login --data-urlencode "csrf=$tok" --data-urlencode "login=$X" \
	--data-urlencode "password=x" --data-urlencode "next=\"><script>alert(2)</script>"
check "the login form re-renders the typed login escaped" body_has 'value="&lt;script&gt;'
check "and the next field escaped" body_lacks "<script>alert(2)"

# Put things back for the tests after this one.
sql "UPDATE people SET name = REPLACE(name, '$X', ''),
	phone = NULL WHERE id IN ($sid, $cid);
     UPDATE org_units SET name = REPLACE(name, '$X', '');
     UPDATE terms SET name = REPLACE(name, '$X', '');
     DELETE FROM return_applications WHERE person_id = $sid;"
