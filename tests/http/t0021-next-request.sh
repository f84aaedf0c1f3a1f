#!/usr/bin/env bash
# A write is seen on the very next request, whichever process serves it:
# a check-in, a counselor's decision, plain SQL followed by the documented
# repair (hc-facts rebuild), a logout, a login over a session, a disabled
# account. Every read is repeated, so that each process of the card's pool
# has served the old state just before.
. "$(dirname "$0")/lib.sh"

N=8
today=$(TZ=Asia/Shanghai date +%F)

# A student of the demo counselor with basic info, nothing today and no
# anomaly: their card is not red.
who=$(sql "SELECT a.login FROM accounts a JOIN people p ON p.id = a.person_id
	JOIN basic_info b ON b.person_id = p.id
	JOIN counselor_assignments ca ON ca.student_id = p.id
	JOIN accounts ac ON ac.person_id = ca.counselor_id AND ac.login = 'counselor'
	WHERE p.identity <> 'staff' AND a.login NOT IN ('student', 'grad')
	AND NOT EXISTS (SELECT 1 FROM daily_reports d WHERE d.person_id = p.id
		AND (d.day = '$today' OR d.anomaly_state = 'open'))
	ORDER BY p.id DESC LIMIT 1")
pid=$(sql "SELECT person_id FROM accounts WHERE login = '$who'")
login "$who"
login counselor
check "the student's card, read by every process: not red" cards "$who" /card body_lacks 'card card-red'

# A write by the student, in another program (check-in): the next card.
report "$who" 38.6
check "a feverish report is accepted" status_is 303
check "the next card, from any process, is red" cards "$who" /card body_has 'card card-red'

# A write by someone else (the counselor clears it): the next card.
rid=$(sql "SELECT id FROM daily_reports WHERE person_id = $pid AND day = '$today'")
FORM_PAGE=/dashboard post counselor /dashboard/verify --data-urlencode "report=$rid" \
	--data-urlencode "decision=clear"
check "the counselor clears the anomaly" status_is 303
check "the next card, from any process, is no longer red" cards "$who" /card body_lacks 'card card-red'

# Plain SQL, then the documented repair (the sql helper runs it).
cards "$who" /card body_lacks 'card card-red' >/dev/null
sql "UPDATE daily_reports SET anomaly = 1, anomaly_state = 'open' WHERE id = $rid"
check "plain SQL and hc-facts rebuild: the very next card is red" cards "$who" /card body_has 'card card-red'
sql "UPDATE daily_reports SET anomaly = 0, anomaly_state = 'cleared' WHERE id = $rid"
check "and back: the very next card is not red" cards "$who" /card body_lacks 'card card-red'

# A logout ends the session at once for every process.
cards "$who" /card body_has 'id="card-state"' >/dev/null
cp "$T/jar.$who" "$T/jar.old"
FORM_PAGE=/logout post "$who" /logout
check "logging out" status_is 303
check "the old cookie is turned away by every process" turned_away old /card

# A new login over a session replaces it: the old cookie ends at once too.
login "$who"
cards "$who" /card body_has 'id="card-state"' >/dev/null
cp "$T/jar.$who" "$T/jar.older"
# (/login sends a logged-in visitor home: the form's token comes from a page
# of the session, as a second tab's would.)
FORM_PAGE=/card post "$who" /login --data-urlencode "login=$who" --data-urlencode "password=demo"
check "logging in again over a session" status_is 303
check "the replaced session's cookie is turned away by every process" turned_away older /card
check "the new one works" cards "$who" /card body_has 'id="card-state"'

# A disabled account: turned away on the very next request.
sql "UPDATE accounts SET disabled = 1 WHERE login = '$who'"
check "a disabled account is turned away at once by every process" turned_away "$who" /card
sql "UPDATE accounts SET disabled = 0 WHERE login = '$who'"
login "$who"
check "and let in again once enabled" cards "$who" /card body_has 'id="card-state"'
