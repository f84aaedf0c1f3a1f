#!/usr/bin/env bash
# The change board (lib/board.h): a page process keeps a session it has
# read, and with it the card, until a write marks the person. A write made
# by any page of this host shows on the very next request, whichever
# process serves it; a logout ends the session at once; plain SQL that
# nobody announced shows within Cache.RecheckMs (1 s). Every read is
# repeated, so that each process of the card's pool holds the old state.
. "$(dirname "$0")/lib.sh"

N=8
today=$(TZ=Asia/Shanghai date +%F)
board() { HEALTHCARD_CONF="$HC_VAR/healthcard.hdf" "$ROOT/build/hc-board" show "$@"; }
# The person's last change on the board.
mark_of() { board "$1" | awk -v p="$1" '$1 == p { print $2 }'; }

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

# Kept: the same card again and again asks MariaDB (almost) nothing. The
# burst goes in one curl, well within the 1 s a kept session is trusted.
cookie="Cookie: hc_sid=$(awk '$6 == "hc_sid" { print $7 }' "$T/jar.$who" | tail -1)"
urls=(); for i in $(seq 1 40); do urls+=("$URL/card"); done
curl -s -H "$cookie" "${urls[@]}" >/dev/null
before=$(global_status Com_stmt_execute)
curl -s -H "$cookie" "${urls[@]:0:30}" >/dev/null
after=$(global_status Com_stmt_execute)
check "30 kept cards run fewer than 15 statements" test $((after - before)) -lt 15
echo "#   statements for 30 cards: $((after - before))"

# A write by the student, in another program (check-in): the next card.
mark=$(mark_of "$pid")
report "$who" 38.6
check "a feverish report is accepted" status_is 303
check "the check-in marked the student on the board" test "$(mark_of "$pid")" -gt "$mark"
check "the next card, from any process, is red" cards "$who" /card body_has 'card card-red'

# A write by someone else (the counselor clears it): the next card.
rid=$(sql "SELECT id FROM daily_reports WHERE person_id = $pid AND day = '$today'")
mark=$(mark_of "$pid")
FORM_PAGE=/dashboard post counselor /dashboard/verify --data-urlencode "report=$rid" \
	--data-urlencode "decision=clear"
check "the counselor clears the anomaly" status_is 303
check "which marked the student, not the counselor's own slot only" test "$(mark_of "$pid")" -gt "$mark"
check "the next card, from any process, is no longer red" cards "$who" /card body_lacks 'card card-red'

# Plain SQL that nobody announced: within Cache.RecheckMs.
cards "$who" /card body_lacks 'card card-red' >/dev/null
raw_sql "UPDATE daily_reports SET anomaly = 1, anomaly_state = 'open' WHERE id = $rid"
sleep 1.2
check "unannounced SQL shows within 1 s on every card" cards "$who" /card body_has 'card card-red'
sql "UPDATE daily_reports SET anomaly = 0, anomaly_state = 'cleared' WHERE id = $rid"
check "announced SQL (hc-board touch) on the very next card" cards "$who" /card body_lacks 'card card-red'

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
