#!/usr/bin/env bash
# Logging in, landing where the role belongs, and the student's card.
. "$(dirname "$0")/lib.sh"

get anon /login
check "login form renders" status_is 200
check "login form carries a CSRF token" test -n "$(csrf)"

login student wrongpass
check "wrong password answers 400" status_is 400
check "wrong password says so" body_has "账号或密码错误"
check "wrong password keeps the login typed" body_has 'value="student"'

login student
check "right password redirects" status_is 303
check "the session cookie is HttpOnly and SameSite" header_has "HttpOnly; SameSite=Lax"
get student /
check "a student's home is the card" header_has "Location: /card"
get student /card
check "card renders for the student" status_is 200
name=$(sql "SELECT p.name FROM people p JOIN accounts a ON a.person_id = p.id WHERE a.login = 'student'")
check "card shows the student's name" body_has "$name"
check "card shows a state" body_has 'class="card card-'
check "card says why (to apply: quiz first)" body_has "请阅读返校须知并完成答题"
counselor=$(sql "SELECT c.name FROM accounts a JOIN counselor_assignments ca ON ca.student_id = a.person_id JOIN people c ON c.id = ca.counselor_id WHERE a.login = 'student'")
check "card names the counselor" body_has "$counselor"

login counselor
get counselor /
check "a counselor lands on a home page" status_is 200
check "the home page names the role" body_has "辅导员"

get anon /card
check "the card needs a login" status_is 303
check "and sends to the login page with next" header_has "Location: /login?next=%2Fcard"

# Logging out ends the session server-side.
FORM_PAGE=/logout post student /logout
check "logout redirects to login" header_has "Location: /login"
get student /card
check "after logout the card asks for a login again" status_is 303

# A form sent after the login expired (issue 20, defect 5): not "403 no
# permission" but the login page saying so, and back to the page after.
login student
sid=$(sql "SELECT person_id FROM accounts WHERE login = 'student'")
get student /checkin
tok=$(csrf)
before=$(sql "SELECT COUNT(*) FROM daily_reports WHERE person_id = $sid")
sql "UPDATE sessions SET expires_at = '2000-01-01 00:00:00' WHERE person_id = $sid"
req student POST /checkin -e "$URL/checkin" --data-urlencode "csrf=$tok" --data-urlencode "temperature=36.5"
check "a form sent after the login expired goes to the login page" eval 'status_is 303 && header_has "Location: /login?expired=1&next=%2Fcheckin"'
check "  and stores nothing" eq "$(sql "SELECT COUNT(*) FROM daily_reports WHERE person_id = $sid")" "$before"
get student "/login?expired=1&next=%2Fcheckin"
check "  which says the login expired" body_has 'id="login-expired"'
tok=$(csrf)
req student POST /login --data-urlencode "csrf=$tok" --data-urlencode login=student \
	--data-urlencode password=demo --data-urlencode "next=/checkin"
check "  and after the login goes back to the page" header_has "Location: /checkin"
get anon2 /login
get anon2 /card
check "a visitor who never logged in is not told anything expired" eval 'status_is 303 && ! header_has "expired=1"'
