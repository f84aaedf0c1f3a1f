#!/usr/bin/env bash
# A fever at a building's entrance (issue 15): the temperature measured at
# the door at or above Policy.FeverCelsius denies entry, turns the card red
# (the stored card facts follow, hc-facts stays exact), puts an anomaly in
# the counselor's queue, tells the student and is audited; every later way
# in is refused while it is open, the way out never; the counselor clears
# it (one by one or in a batch) and the card is blue again.
. "$(dirname "$0")/lib.sh"

today=$(TZ=Asia/Shanghai date +%F)
tok() { HEALTHCARD_CONF=$HC_VAR/healthcard.hdf "$ROOT/build/scantoken" "$@"; }
pass() { tok --pass "$lib" "$1" "$2" "$3"; }
result_is() { body_has "data-result=\"$1\"" && body_has "data-reason=\"$2\""; }
door() {
	get "$1" "/scan/pass?t=$2"
	local k; k=$(csrf)
	[ -n "$k" ] || return 0   # answered at once: no temperature asked
	req "$1" POST /scan/pass --data-urlencode "csrf=$k" --data-urlencode "t=$2" \
		--data-urlencode "temperature=$3"
}
facts_hold() { hc_facts check >"$T/facts" 2>&1; grep -qx "0 rows differ" "$T/facts"; }
login_of() { sql "SELECT login FROM accounts WHERE person_id = $1"; }

login admin
FORM_PAGE=/places post admin /places/add_building --data-urlencode "name=七二教学楼" --data-urlencode kind=teaching
lib=$(sql "SELECT id FROM buildings WHERE name = '七二教学楼'")
FORM_PAGE=/places post admin /places/add_entrance --data-urlencode "building_id=$lib" --data-urlencode "name=东门"
door_id=$(sql "SELECT id FROM gates WHERE building_id = $lib")
FORM_PAGE=/gates post admin /gates/add_device --data-urlencode "gate_id=$door_id" --data-urlencode "name=三教东门"
post phone "$(grep -o '/scan/enrol/[A-Za-z0-9_-]*' "$BODY" | head -1)"

# Two blue cards with a counselor who logs in, as the card page computes them.
S=()
for id in $(sql "SELECT f.person_id FROM card_facts f JOIN people p ON p.id = f.person_id
	JOIN accounts a ON a.person_id = p.id JOIN counselor_assignments ca ON ca.student_id = p.id
	JOIN accounts ac ON ac.person_id = ca.counselor_id
	WHERE f.arrived_at IS NOT NULL AND f.open_anomaly IS NULL AND f.sent_back IS NULL AND f.on_roster = 1
	GROUP BY f.person_id ORDER BY ca.counselor_id = (SELECT person_id FROM accounts WHERE login = 'counselor') DESC,
	  f.person_id LIMIT 30"); do
	get admin "/card?person=$id"
	grep -q 'class="card card-blue"' "$BODY" && S+=("$id")
	[ ${#S[@]} -ge 2 ] && break
done
check "two blue cards to scan (${S[*]})" test ${#S[@]} -ge 2
A=${S[0]} B=${S[1]}
la=$(login_of "$A")
co=$(sql "SELECT a.login FROM counselor_assignments ca JOIN accounts a ON a.person_id = ca.counselor_id WHERE ca.student_id = $A")
login "$la"; login "$co"

# -- the fever ---------------------------------------------------------------------
t=$(pass "$door_id" in "$A")
door phone "$t" 37.3
check "37.3 ℃ at the door (the threshold): DENY, fever" eval 'status_is 200 && result_is deny fever && body_has "体温异常"'
check "  the answer shows the card as it is now: red" body_has "健康打卡数据异常"
pid=$(sql "SELECT MAX(id) FROM passages WHERE person_id = $A AND building_id = $lib")
check "  the passage recorded as refused, the fever open" eq "$(sql "SELECT CONCAT(result, ' ', reason, ' ', temperature, ' ', fever_state) FROM passages WHERE id = $pid")" "deny fever 37.3 open"
check "  not inside" eq "$(sql "SELECT COUNT(*) FROM building_presence WHERE person_id = $A AND building_id = $lib")" 0
check "  the stored card facts say so (door_fever today)" eq "$(sql "SELECT GROUP_CONCAT(DISTINCT door_fever) FROM card_facts WHERE person_id = $A")" "$today"
check "  and agree with the base tables (hc-facts)" facts_hold
check "  an anomaly in the counselor's queue" eq "$(sql "SELECT COUNT(*) FROM queue_items WHERE kind = 'fever' AND ref_id = $pid AND state = 'open' AND person_id = $A")" 1
check "  the student told, in the app and the outbox" eval 'eq "$(sql "SELECT COUNT(*) FROM messages WHERE person_id = $A AND kind = '"'door_fever'"' AND body = '"'$today'"'")" 1 &&
	[ "$(sql "SELECT COUNT(*) FROM outbox WHERE person_id = $A AND payload LIKE '"'%楼宇出入口测温异常%'"'")" -ge 1 ]'
check "  audited" eq "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'passage.fever' AND object_id = $pid AND subject_person_id = $A AND detail LIKE '37.3%'")" 1
door phone "$t" 36.5
check "the same code again with a lower reading: still the recorded refusal" eval 'result_is deny fever && eq "$(sql "SELECT COUNT(*) FROM passages WHERE person_id = $A AND building_id = $lib")" 1'

get "$la" /card
check "the student's card is red, saying why" eval 'body_has "class=\"card card-red\"" && body_has "在楼宇出入口测温异常（发热）" && body_has "$today"'
get "$co" "/card?person=$A"
check "  the counselor sees the same" body_has "在楼宇出入口测温异常（发热）"
get admin "/table?card=abnormal&number=$(sql "SELECT number FROM people WHERE id = $A")"
check "  and the big table counts them abnormal (the same card_state())" body_has ">$(sql "SELECT number FROM people WHERE id = $A")<"
get admin "/table?card=returned&number=$(sql "SELECT number FROM people WHERE id = $A")"
check "  not returned" body_lacks ">$(sql "SELECT number FROM people WHERE id = $A")<"
t2=$(pass "$door_id" in "$A")
door phone "$t2" 36.5
check "while it is open, a way in at a normal temperature: DENY, abnormal" result_is deny abnormal
get phone "/scan/pass?t=$(pass "$door_id" out "$A")"
check "  the way out: ALLOW" result_is allow ok
get "$la" "/pass?entrance=$door_id&dir=in"
check "  the pass page refuses the way in, with the reason" eval 'status_is 403 && body_has "data-reason=\"abnormal\""'

# -- the counselor's queue -----------------------------------------------------------
item=$(sql "SELECT id FROM queue_items WHERE kind = 'fever' AND ref_id = $pid")
get "$co" "/review?kind=fever"
check "the counselor's queue lists it with where, when and the reading" eval 'body_has "value=\"$item\"" && body_has "七二教学楼 · 东门 · 37.3°C"'
check "  counted under its own kind" body_has "id=\"count-fever\">$(sql "SELECT COUNT(*) FROM queue_items q WHERE q.kind = 'fever' AND q.state = 'open' AND q.person_id IN
	(SELECT student_id FROM counselor_assignments WHERE counselor_id = (SELECT person_id FROM accounts WHERE login = '$co'))")<"
get "$co" "/review/item?id=$item"
check "the item opens: where and what, a clear button, no send-back" eval 'body_has "id=\"fever-detail\"" && body_has "value=\"approve\"" && body_lacks "value=\"reject\"" && body_lacks "value=\"send_back\""'
FORM_PAGE=/review post "$co" /review/decide --data-urlencode "id=$item" --data-urlencode decision=reject --data-urlencode "reason=x"
check "rejecting is not a decision this kind takes: nothing changes" eval 'body_has "unsupported" && eq "$(sql "SELECT fever_state FROM passages WHERE id = $pid")" open'
other=counselor; [ "$co" = counselor ] && other=$(sql "SELECT a.login FROM roles r JOIN accounts a ON a.person_id = r.person_id
	WHERE r.role = 'counselor' AND a.login <> 'counselor' ORDER BY a.person_id LIMIT 1")
login "$other"
FORM_PAGE=/review post "$other" /review/decide --data-urlencode "id=$item" --data-urlencode decision=approve
check "another counselor may not clear it (403)" eval 'status_is 403 && eq "$(sql "SELECT fever_state FROM passages WHERE id = $pid")" open'
FORM_PAGE=/review post "$co" /review/decide --data-urlencode "id=$item" --data-urlencode decision=approve
check "the counselor clears it" eval 'status_is 200 && eq "$(sql "SELECT fever_state FROM passages WHERE id = $pid")" cleared'
check "  by them" eq "$(sql "SELECT a.login FROM passages ps JOIN accounts a ON a.person_id = ps.verified_by WHERE ps.id = $pid")" "$co"
check "  the item decided, audited, the student told" eval '
	eq "$(sql "SELECT state FROM queue_items WHERE id = $item")" decided &&
	eq "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = '"'passage.fever_clear'"' AND object_id = $pid")" 1 &&
	eq "$(sql "SELECT COUNT(*) FROM messages WHERE person_id = $A AND kind = '"'fever_cleared'"'")" 1'
check "  the stored facts: no fever, and exact" eval 'eq "$(sql "SELECT COUNT(*) FROM card_facts WHERE person_id = $A AND door_fever IS NOT NULL")" 0 && facts_hold'
get "$la" /card
check "the card is blue again" body_has 'class="card card-blue"'
FORM_PAGE=/review post "$co" /review/decide --data-urlencode "id=$item" --data-urlencode decision=approve
check "clearing twice: 409" status_is 409
t3=$(pass "$door_id" in "$A")
door phone "$t3" 36.6
check "A goes in again" eval 'result_is allow ok && eq "$(sql "SELECT building_id FROM building_presence WHERE person_id = $A")" "$lib"'

# -- two fevers, cleared in one batch ---------------------------------------------------
door phone "$(pass "$door_id" in "$B")" 38.5
cb=$(sql "SELECT a.login FROM counselor_assignments ca JOIN accounts a ON a.person_id = ca.counselor_id WHERE ca.student_id = $B")
door phone "$(pass "$door_id" in "$A")" 37.9
check "two more fevers: two open items, both cards red" eval '
	eq "$(sql "SELECT COUNT(*) FROM queue_items WHERE kind = '"'fever'"' AND state = '"'open'"' AND person_id IN ($A, $B)")" 2 && facts_hold'
if [ "$cb" = "$co" ]; then
	i1=$(sql "SELECT id FROM queue_items WHERE kind = 'fever' AND state = 'open' AND person_id = $A")
	i2=$(sql "SELECT id FROM queue_items WHERE kind = 'fever' AND state = 'open' AND person_id = $B")
	FORM_PAGE=/review post "$co" /review/decide --data-urlencode "id=$i1" --data-urlencode "id=$i2" --data-urlencode decision=approve
	check "  cleared in one batch" eq "$(sql "SELECT COUNT(*) FROM queue_items WHERE kind = 'fever' AND state = 'open' AND person_id IN ($A, $B)")" 0
else
	login admin
	ids=()
	for i in $(sql "SELECT id FROM queue_items WHERE kind = 'fever' AND state = 'open' AND person_id IN ($A, $B)"); do ids+=(--data-urlencode "id=$i"); done
	FORM_PAGE=/review post admin /review/decide "${ids[@]}" --data-urlencode decision=approve
	check "  cleared in one batch (the school admin)" eq "$(sql "SELECT COUNT(*) FROM queue_items WHERE kind = 'fever' AND state = 'open' AND person_id IN ($A, $B)")" 0
fi
check "the stored card facts hold at the end" facts_hold
