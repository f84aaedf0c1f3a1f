#!/usr/bin/env bash
# The fault drill's short form (tools/drill.sh; make drill is the long one),
# last of the HTTP tests because it kills mariadbd and page processes of
# this stack: check-ins, make-up decisions and gate scans under load with
# durable commits while page processes die, mariadbd is killed and
# restarted, and 30 /checkin processes die in a burst. Fails on anything
# acknowledged and lost, stored twice, or half-stored, and on a page that
# does not serve again within 10 s of the DB restart or 5 s of the burst.
# About 30 s; bounded at 60.
. "$(dirname "$0")/lib.sh"

out=$T/drill.out
DRILL_SHORT=1 DRILL_TIMES_FAIL=${DRILL_TIMES_FAIL:-1} timeout 60 \
	"$ROOT/tools/drill.sh" --on "$HC_VAR" "$HC_PORT" >"$out" 2>"$T/drill.err"
rc=$?
sed 's/^/#   /' "$out" "$T/drill.err"
verdict=$(grep -o 'acknowledged [0-9]*.*half-stored [0-9]*' "$out")
check "the drill ran to its verdict" grep -q '^drill: \(PASS\|FAIL\)' "$out"
check "under kills: nothing acknowledged lost, duplicated or half-stored ($verdict)" \
	grep -q 'lost 0, duplicated 0, half-stored 0' "$out"
check "something was acknowledged" grep -q 'acknowledged [1-9]' "$out"
check "the drill passed" test "$rc" = 0
get anon /login
check "afterwards the stack serves again" status_is 200
