#!/usr/bin/env bash
# A connection killed inside a transaction (KILL CONNECTION from a second
# client, as a failover or a dropped TCP connection would) before each
# statement in turn of four multi-statement flows: a feverish check-in
# with its review-queue item, a make-up fill, a make-up decision, a
# basic-info correction. Every outcome is all or nothing, and whatever was
# acknowledged is stored. The kill comes from lib/core/db.c's test hook
# (Test.KillFile, armed by tests/run.sh): "N" kills before the Nth
# statement of the first attempt (START TRANSACTION is 1, COMMIT the last),
# "N always" in every attempt; "reply" loses the answer of the next write
# outside a transaction (section 5).
. "$(dirname "$0")/lib.sh"
: "${HC_KILL_FILE:?run through tests/run.sh}"

d() { TZ=Asia/Shanghai date -d "$1" +%F; }
today=$(d today)
LOG=$HC_VAR/log/error.log
kills() { grep -c 'Test.KillFile: killed connection' "$LOG"; }
arm() { printf '%s\n' "$1" >"$HC_KILL_FILE"; }
disarm() { rm -f "$HC_KILL_FILE"; }
trap 'disarm; rm -rf "$T"' EXIT

cid=$(sql "SELECT person_id FROM accounts WHERE login = 'counselor'")
# A student of the counselor's with basic info and a login of their own.
S=$(sql "SELECT p.id FROM people p JOIN counselor_assignments ca ON ca.student_id = p.id
	JOIN basic_info b ON b.person_id = p.id JOIN accounts a ON a.person_id = p.id
	WHERE ca.counselor_id = $cid AND a.login = p.number ORDER BY p.id DESC LIMIT 1")
num=$(sql "SELECT number FROM people WHERE id = $S")
check "a student to test with" test -n "$S"

# -- 1. a feverish check-in: the report and its anomaly item ---------------
fever() {
	FORM_PAGE=/checkin post "$num" /checkin --data-urlencode "temperature=38.6" \
		--data-urlencode "city=北京" --data-urlencode "in_city=1" --data-urlencode "on_campus=0" \
		--data-urlencode "abroad=0" --data-urlencode "risk_area=0" \
		--data-urlencode "cohabitant_returned=0" --data-urlencode "returned_to_city=0" \
		--data-urlencode "quarantine=none" --data-urlencode "diagnosis=none"
}
# reports, their open anomaly items, items pointing at nothing
checkin_state() {
	sql "SELECT (SELECT COUNT(*) FROM daily_reports WHERE person_id = $S AND day = '$today'),
		(SELECT COUNT(*) FROM queue_items q JOIN daily_reports d ON d.id = q.ref_id
		 WHERE q.kind = 'anomaly' AND q.person_id = $S AND d.day = '$today'),
		(SELECT COUNT(*) FROM queue_items q LEFT JOIN daily_reports d ON d.id = q.ref_id
		 WHERE q.kind = 'anomaly' AND q.person_id = $S AND d.id IS NULL)" | tr '\t' ' '
}
checkin_reset() {
	sql "DELETE q FROM queue_items q JOIN daily_reports d ON d.id = q.ref_id
		WHERE q.kind = 'anomaly' AND d.person_id = $S AND d.day = '$today';
	     DELETE FROM daily_reports WHERE person_id = $S AND day = '$today'"
}

# all_or_nothing FLOW N GOT ACKED: GOT is "whole", "none" or anything else
# (half); an acknowledged request must be whole.
results=""
all_or_nothing() {
	local flow=$1 n=$2 got=$3 acked=$4
	results="$results $n:$STATUS:$got"
	if [ "$got" != whole ] && [ "$got" != none ]; then
		echo "#   $flow, kill before statement $n: half-stored ($got), status $STATUS"
		return 1
	fi
	if [ "$acked" = 1 ] && [ "$got" != whole ]; then
		echo "#   $flow, kill before statement $n: acknowledged ($STATUS) but not stored"
		return 1
	fi
}

# run_flow NAME MAX SETUP ACT STATE ACKED: for N = 1..MAX, kill before
# statement N; checks all-or-nothing, and that every kill before COMMIT
# was absorbed by a re-run (acknowledged and whole).
run_flow() {
	local name=$1 max=$2 setup=$3 act=$4 state=$5 acked=$6 n k0 a fired=0 bad=0 got
	results=""
	for n in $(seq 1 "$max"); do
		"$setup"
		k0=$(kills)
		arm "$n"
		"$act"
		disarm
		got=$("$state")
		if [ "$(kills)" -gt "$k0" ]; then
			fired=$n
		fi
		a=0; "$acked" && a=1
		all_or_nothing "$name" "$n" "$got" "$a" || bad=$((bad + 1))
		[ "$(kills)" -gt "$k0" ] || break
	done
	echo "#   $name: $results"
	check "$name: nothing half-stored, nothing acknowledged lost ($fired statements killed in turn)" eq "$bad" 0
	check "$name: the hook reached COMMIT (more than 3 statements)" test "$fired" -gt 3
	# Kills before statements 1..fired-1 found a new connection and a re-run.
	local i=0 okk=0
	for r in $results; do
		i=$((i + 1))
		[ "$i" -lt "$fired" ] || break
		case "$r" in *:whole) okk=$((okk + 1)) ;; esac
	done
	check "$name: a kill before any statement but COMMIT is re-run and stored" eq "$okk" $((fired - 1))
	got=$(echo "$results" | tr ' ' '\n' | grep "^$fired:" | cut -d: -f2)
	check "$name: a kill at COMMIT answers 503 (its outcome unknown to the page)" eq "$got" 503
}

checkin_setup() { checkin_reset; }
checkin_act() { fever; }
checkin_got() {
	case "$(checkin_state)" in
	"1 1 0") echo whole ;; "0 0 0") echo none ;; *) checkin_state ;;
	esac
}
acked_303() { status_is 303; }

login "$num"
checkin_reset
fever
check "without a kill the feverish check-in is stored with its queue item" eq "$(checkin_state)" "1 1 0"
run_flow "feverish check-in" 12 checkin_setup checkin_act checkin_got acked_303

checkin_reset
arm "3 always"
fever
disarm
check "killed in every attempt: 503" status_is 503
check "and nothing stored" eq "$(checkin_state)" "0 0 0"
fever
check "and the next try is stored" eq "$(checkin_state)" "1 1 0"

# -- 2. a make-up fill: the report and the request marked filled -----------
DF=$(d '9 days ago')
fill_setup() {
	sql "DELETE q FROM queue_items q JOIN makeup_requests m ON m.id = q.ref_id
		WHERE q.kind = 'makeup' AND m.person_id = $S AND m.day = '$DF';
	     DELETE FROM makeup_requests WHERE person_id = $S AND day = '$DF';
	     DELETE FROM daily_reports WHERE person_id = $S AND day = '$DF';
	     INSERT INTO makeup_requests (person_id, day, reason, state, created_at, decided_by, decided_at)
		VALUES ($S, '$DF', 'test', 'approved', NOW(), $cid, NOW())"
}
fill_act() {
	FORM_PAGE="/makeup/fill?day=$DF" post "$num" /makeup/fill --data-urlencode "day=$DF" \
		--data-urlencode "temperature=36.5" --data-urlencode "city=北京" --data-urlencode "in_city=1" \
		--data-urlencode "on_campus=0" --data-urlencode "abroad=0" --data-urlencode "risk_area=0" \
		--data-urlencode "cohabitant_returned=0" --data-urlencode "returned_to_city=0" \
		--data-urlencode "quarantine=none" --data-urlencode "diagnosis=none"
}
fill_got() {
	local s; s=$(sql "SELECT (SELECT COUNT(*) FROM daily_reports WHERE person_id = $S AND day = '$DF'
		AND is_makeup = 1), (SELECT state FROM makeup_requests WHERE person_id = $S AND day = '$DF')" | tr '\t' ' ')
	case "$s" in "1 filled") echo whole ;; "0 approved") echo none ;; *) echo "$s" ;; esac
}
fill_setup
fill_act
check "without a kill the make-up fill is stored" eq "$(fill_got)" whole
run_flow "make-up fill" 12 fill_setup fill_act fill_got acked_303

# -- 3. a make-up decision: request, queue item, message, outbox, audit -----
DM=$(d '11 days ago')
decide_setup() {
	sql "DELETE q FROM queue_items q JOIN makeup_requests m ON m.id = q.ref_id
		WHERE q.kind = 'makeup' AND m.person_id = $S AND m.day = '$DM';
	     DELETE FROM makeup_requests WHERE person_id = $S AND day = '$DM';
	     DELETE FROM messages WHERE person_id = $S AND body = '$DM';
	     DELETE FROM outbox WHERE person_id = $S AND payload LIKE '%$DM%';
	     DELETE FROM audit_log WHERE action = 'makeup.approve' AND subject_person_id = $S;
	     INSERT INTO makeup_requests (person_id, day, reason, created_at) VALUES ($S, '$DM', 'test', NOW());
	     INSERT INTO queue_items (kind, ref_id, person_id, created_at)
		SELECT 'makeup', id, $S, NOW() FROM makeup_requests WHERE person_id = $S AND day = '$DM'"
	ITEM=$(sql "SELECT q.id FROM queue_items q JOIN makeup_requests m ON m.id = q.ref_id
		WHERE q.kind = 'makeup' AND m.person_id = $S AND m.day = '$DM'")
}
decide_act() {
	FORM_PAGE=/review post counselor /review/decide --data-urlencode "id=$ITEM" \
		--data-urlencode "decision=approve"
}
decide_got() {
	local s; s=$(sql "SELECT (SELECT state FROM makeup_requests WHERE person_id = $S AND day = '$DM'),
		(SELECT state FROM queue_items WHERE id = $ITEM),
		(SELECT COUNT(*) FROM messages WHERE person_id = $S AND body = '$DM'),
		(SELECT COUNT(*) FROM outbox WHERE person_id = $S AND payload LIKE '%$DM%'),
		(SELECT COUNT(*) FROM audit_log WHERE action = 'makeup.approve' AND subject_person_id = $S)" | tr '\t' ' ')
	case "$s" in "approved decided 1 1 1") echo whole ;; "pending open 0 0 0") echo none ;; *) echo "$s" ;; esac
}
acked_done() { status_is 200 && body_has 'class="outcome-done"'; }
login counselor
decide_setup
decide_act
check "without a kill the decision is stored whole" eq "$(decide_got)" whole
run_flow "make-up decision" 14 decide_setup decide_act decide_got acked_done

# -- 4. a basic-info correction: basic_info, people.boarding, the audit -----
BOARD=1
basic_setup() {
	BOARD=$((1 - BOARD))
	PHONE=1380000$((1000 + RANDOM % 9000))
	AUDITS=$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'basic_info.correct' AND subject_person_id = $S")
	sql "UPDATE people SET boarding = $((1 - BOARD)) WHERE id = $S;
	     UPDATE basic_info SET boarding = $((1 - BOARD)) WHERE person_id = $S"
}
basic_act() {
	FORM_PAGE="/checkin/basic_fix?person=$S" post admin /checkin/basic_fix --data-urlencode "person=$S" \
		--data-urlencode "phone=$PHONE" --data-urlencode "home_address=北京市海淀区学院路1号" \
		--data-urlencode "emergency_contact=王" --data-urlencode "emergency_phone=13900000000" \
		--data-urlencode "boarding=$BOARD" --data-urlencode "dorm=$([ "$BOARD" = 1 ] && echo 学十楼 203)"
}
basic_got() {
	local s; s=$(sql "SELECT (SELECT phone = '$PHONE' AND boarding = $BOARD FROM basic_info WHERE person_id = $S),
		(SELECT boarding = $BOARD FROM people WHERE id = $S),
		(SELECT COUNT(*) - $AUDITS FROM audit_log WHERE action = 'basic_info.correct' AND subject_person_id = $S)" | tr '\t' ' ')
	case "$s" in "1 1 1") echo whole ;; "0 0 0") echo none ;; *) echo "$s" ;; esac
}
login admin
basic_setup
basic_act
check "without a kill the correction is stored whole" eq "$(basic_got)" whole
run_flow "basic-info correction" 10 basic_setup basic_act basic_got acked_303

# -- 5. a write outside a transaction whose answer is lost -------------------
# A student's first basic info is one INSERT (autocommit). "reply" runs that
# write and then drops its connection, as a reply lost on the way back
# would: the write may have landed, so it is not sent again (a write
# without a unique key would be stored twice); the page answers 503, and
# the student's next visit finds the form done.
N=$(sql "SELECT a.login FROM accounts a JOIN people p ON p.id = a.person_id
	WHERE p.identity <> 'staff' AND a.disabled = 0 AND a.login = p.number
	AND NOT EXISTS (SELECT 1 FROM basic_info b WHERE b.person_id = p.id)
	AND NOT EXISTS (SELECT 1 FROM login_failures lf WHERE lf.login = a.login)
	ORDER BY p.id LIMIT 1")
NP=$(sql "SELECT person_id FROM accounts WHERE login = '$N'")
check "a student without basic info to test with" test -n "$N"
login "$N"
get "$N" /checkin
tok=$(csrf)
arm reply
req "$N" POST /checkin/basic --data-urlencode "csrf=$tok" --data-urlencode "phone=13800000000" \
	--data-urlencode "home_address=北京市海淀区学院路1号" --data-urlencode "emergency_contact=王" \
	--data-urlencode "emergency_phone=13900000000" --data-urlencode "boarding=0"
disarm
check "a write outside a transaction whose reply is lost answers 503" status_is 503
check "  the hook did run" grep -q 'Test.KillFile: reply of a write lost' "$LOG"
check "  and it was stored once, not sent again" \
	eq "$(sql "SELECT COUNT(*) FROM basic_info WHERE person_id = $NP")" 1
get "$N" /checkin
check "  the student's next visit finds the basic info given" \
	eval 'status_is 200 && body_lacks "name=\"emergency_phone\""'
