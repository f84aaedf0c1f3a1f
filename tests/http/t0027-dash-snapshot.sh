#!/usr/bin/env bash
# The one time-bounded cache (issue 12, lib/read/figures_cache.h): the school's and a
# college's dashboard figures come from a snapshot in the database at most
# Dash.SnapshotSeconds old, the same on every web host, and the page says
# when it was made; a counselor's figures are live. The suite's own host
# runs without snapshots (its flows read figures right after writing them);
# this test starts a second host, on the same database, with them.
. "$(dirname "$0")/lib.sh"

AGE=5
PB=$((HC_PORT + 81))
B=http://127.0.0.1:$PB
A=$URL
trap 'HC_HOST=b "$ROOT/tools/stack.sh" webstop "$HC_VAR" >/dev/null 2>&1; rm -rf "$(readlink -f "$HC_VAR/rt-b")" "$HC_VAR/rt-b" "$T"' EXIT
if ! HC_HOST=b HC_EXTRA_CONF="Dash.SnapshotSeconds = $AGE" \
	"$ROOT/tools/stack.sh" webstart "$HC_VAR" "$PB" >"$T/b.log" 2>&1; then
	sed 's/^/#   /' "$T/b.log" | tail -20
	check "a web host with dashboard snapshots starts" false
	exit 0
fi
on() { local h=$1; shift; URL=$h; req "$@"; URL=$A; }
fig() { grep -o "id=\"fig-$1\">[0-9]*<" "$BODY" | sed 's/.*>\([0-9]*\)</\1/'; }
made_at() { grep -o 'id="snapshot-at">[^<]*' "$BODY" | grep -o '[0-9][0-9]:[0-9][0-9]:[0-9][0-9]'; }

today=$(TZ=Asia/Shanghai date +%F)
who=$(sql "SELECT a.login FROM accounts a JOIN people p ON p.id = a.person_id
	WHERE p.identity <> 'staff' AND a.login REGEXP '^[0-9]+$'
	AND EXISTS (SELECT 1 FROM basic_info b WHERE b.person_id = p.id)
	AND NOT EXISTS (SELECT 1 FROM daily_reports d WHERE d.person_id = p.id AND d.day = '$today')
	AND NOT EXISTS (SELECT 1 FROM login_failures lf WHERE lf.login = a.login)
	ORDER BY p.id DESC LIMIT 1 OFFSET 30")
login admin
raw_sql "DELETE FROM snapshots"
on "$B" admin GET /dashboard
r0=$(fig reported)
check "the school's dashboard on a host with snapshots says when its figures were made" \
	eval 'status_is 200 && [ -n "$(made_at)" ]'
check "  and one snapshot of the school's day is stored" \
	eq "$(raw_sql "SELECT COUNT(*) FROM snapshots WHERE kind = 'school' AND day = '$today' AND made_at IS NOT NULL")" 1
at0=$(made_at)

login "$who"
report "$who" 36.6
check "a check-in through the other host" status_is 303
on "$B" admin GET /dashboard
check "  within $AGE s, the school's figures are the snapshot's (reported $r0) and say so" \
	eval 'eq "$(fig reported)" "$r0" && eq "$(made_at)" "$at0"'
on "$A" admin GET /dashboard
check "  the host without snapshots counts it at once" \
	eval 'eq "$(fig reported)" $((r0 + 1)) && [ -z "$(made_at)" ]'

sleep "$AGE"
on "$B" admin GET /dashboard
check "after $AGE s the snapshot is made again and counts it" \
	eval 'eq "$(fig reported)" $((r0 + 1)) && [ "$(made_at)" != "$at0" ]'

# A rebuild claimed by another request: the old snapshot is shown meanwhile
# (its time says how old), and once the claim lapses the next request builds.
# (In the pages' time zone, Time.Zone: lib/db.c sets the session's to it.)
zone="SET time_zone = '$(TZ=Asia/Shanghai date +%:z)';"
raw_sql "$zone UPDATE snapshots SET made_at = NOW(6) - INTERVAL 100 SECOND,
	claimed_until = NOW(6) + INTERVAL 30 SECOND WHERE kind = 'school'"
old=$(raw_sql "SELECT DATE_FORMAT(made_at, '%H:%i:%s') FROM snapshots WHERE kind = 'school' AND day = '$today'")
on "$B" admin GET /dashboard
check "while another request holds the rebuild, the older snapshot is shown with its time" \
	eval 'status_is 200 && eq "$(made_at)" "$old"'
raw_sql "$zone UPDATE snapshots SET claimed_until = NOW(6) - INTERVAL 1 SECOND WHERE kind = 'school'"
on "$B" admin GET /dashboard
check "  when the claim lapses, the next request builds it anew" \
	eval '[ "$(made_at)" != "$old" ] && eq "$(fig reported)" $((r0 + 1))'

login reviewer
on "$B" reviewer GET /dashboard
check "a college reviewer's dashboard comes from the college's snapshot" \
	eval 'status_is 200 && [ -n "$(made_at)" ] && [ "$(raw_sql "SELECT COUNT(*) FROM snapshots WHERE kind = '"'college'"'")" -ge 1 ]'
login counselor
on "$B" counselor GET /dashboard
check "a counselor's figures are live (no snapshot time shown)" \
	eval 'status_is 200 && [ -z "$(made_at)" ]'
