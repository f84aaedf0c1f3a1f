#!/usr/bin/env bash
# Two web hosts, one database (issue 12): a second Apache with its own page
# processes on the suite's MariaDB. A write through one host is seen on the
# very next request through the other: a check-in turning a card red, a
# logout, a disabled account. Nothing is kept in a page process that the
# other host's write could make wrong.
. "$(dirname "$0")/lib.sh"

PB=$((HC_PORT + 80))
B=http://127.0.0.1:$PB
A=$URL
trap 'HC_HOST=b "$ROOT/tools/stack.sh" webstop "$HC_VAR" >/dev/null 2>&1; rm -rf "$(readlink -f "$HC_VAR/rt-b")" "$HC_VAR/rt-b" "$T"' EXIT
if ! HC_HOST=b "$ROOT/tools/stack.sh" webstart "$HC_VAR" "$PB" >"$T/b.log" 2>&1; then
	sed 's/^/#   /' "$T/b.log" | tail -20
	check "a second web host starts on the same database" false
	exit 0
fi
check "a second web host starts on the same database" eval 'curl -sf -o /dev/null "$B/login"'
check "  with page processes of its own" test "$(readlink -f "$HC_VAR/rt-b")" != "$(readlink -f "$HC_VAR/rt")"

# on HOST WHO METHOD PATH [curl args]: one request through that host, with
# WHO's cookies (one jar: a browser behind a balancer that changes hosts).
on() { local h=$1; shift; URL=$h; req "$@"; URL=$A; }

today=$(TZ=Asia/Shanghai date +%F)
who=$(sql "SELECT a.login FROM accounts a JOIN people p ON p.id = a.person_id
	JOIN card_facts cf ON cf.person_id = p.id
	WHERE p.identity <> 'staff' AND a.login REGEXP '^[0-9]+$'
	AND NOT EXISTS (SELECT 1 FROM daily_reports d WHERE d.person_id = p.id AND d.day = '$today')
	AND NOT EXISTS (SELECT 1 FROM daily_reports d WHERE d.person_id = p.id AND d.anomaly_state = 'open')
	AND NOT EXISTS (SELECT 1 FROM login_failures lf WHERE lf.login = a.login)
	ORDER BY p.id DESC LIMIT 1 OFFSET 20")
pid=$(sql "SELECT person_id FROM accounts WHERE login = '$who'")
login "$who"
check "logged in through host A" status_is 303
for i in 1 2 3 4; do on "$B" "$who" GET /card; done
check "host B knows the session (same database, same key)" eval 'status_is 200 && body_lacks "card-red"'
URL=$A report "$who" 38.9
check "a feverish check-in through host A" status_is 303
on "$B" "$who" GET /card
check "  the very next card through host B is red" body_has 'card-red'

cp "$T/jar.$who" "$T/jar.stale"   # a second tab still holds the session
on "$B" "$who" GET /logout
tok=$(csrf)
on "$B" "$who" POST /logout --data-urlencode "csrf=$tok"
check "a logout through host B" status_is 303
on "$A" stale GET /card
check "  the logged-out session is refused on the very next request through A" \
	eval 'status_is 303 && header_has "Location: /login"'

login "$who"
on "$A" "$who" GET /card
check "logged in again through A" status_is 200
sql "UPDATE accounts SET disabled = 1 WHERE person_id = $pid"
on "$B" "$who" GET /card
check "a disabled account is turned away on the very next request through B" \
	eval 'status_is 303 && header_has "Location: /login"'
on "$A" "$who" GET /card
check "  and through A" eval 'status_is 303 && header_has "Location: /login"'
sql "UPDATE accounts SET disabled = 0 WHERE person_id = $pid"

# The school's rules (issue 21): changed on /policy through host A, in
# force on the very next request through B, in every page process there
# (N requests: each of the pool has served one).
who2=$(sql "SELECT a.login FROM accounts a JOIN people p ON p.id = a.person_id
	WHERE p.identity = 'undergrad' AND a.login REGEXP '^[0-9]+$' AND a.login <> '$who'
	AND NOT EXISTS (SELECT 1 FROM daily_reports d WHERE d.person_id = p.id AND d.day = '$today')
	AND EXISTS (SELECT 1 FROM basic_info b WHERE b.person_id = p.id)
	AND NOT EXISTS (SELECT 1 FROM login_failures lf WHERE lf.login = a.login)
	ORDER BY p.id DESC LIMIT 1 OFFSET 30")
login admin
for i in 1 2 3 4 5 6 7 8; do on "$B" admin GET /policy; done
check "host B's /policy: 37.3 in force" body_has 'id="now-fever">37.3 °C'
on "$A" admin GET "/policy/preview?fever=37.0&streak_days=5&makeup_days_back=0&makeup_per_term=0&summary_deadline=11:30"
tok=$(csrf)
on "$A" admin POST /policy/apply --data-urlencode "csrf=$tok" --data-urlencode fever=37.0 --data-urlencode streak_days=5 \
	--data-urlencode makeup_days_back=0 --data-urlencode makeup_per_term=0 --data-urlencode summary_deadline=11:30
check "the threshold lowered to 37.0 through host A" status_is 303
b_says() { for i in 1 2 3 4 5 6 7 8; do on "$B" admin GET /policy; body_has "$1" || return 1; done; }
check "  every /policy process of host B says so at once" b_says 'id="now-fever">37.0 °C'
login "$who2"
URL=$B report "$who2" 37.1
check "a check-in at 37.1 through host B right after: an anomaly" eq "$(sql "SELECT anomaly_state FROM daily_reports
	WHERE day = '$today' AND person_id = (SELECT person_id FROM accounts WHERE login = '$who2')")" open
sql "UPDATE policies SET fever_tenths = NULL, streak_days = NULL, makeup_days_back = NULL,
	makeup_per_term = NULL, summary_deadline = NULL" >/dev/null
