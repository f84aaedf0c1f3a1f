#!/usr/bin/env bash
# 临时出入审批 (issue 15, seed 003 三 3): a person applies for a building
# they may not otherwise enter: where, why, from when to when (at most
# Policy.TempPassMaxHours); the approver they chose among those listed for
# the building (or their counselor) decides in the review queue, one by
# one or in a batch; approved, the pass lets them in at that building only
# inside its window, and the scan says why outside it.
. "$(dirname "$0")/lib.sh"

tok() { HEALTHCARD_CONF=$HC_VAR/healthcard.hdf "$ROOT/build/scantoken" "$@"; }
result_is() { body_has "data-result=\"$1\"" && body_has "data-reason=\"$2\""; }
door() {
	get "$1" "/scan/pass?t=$2"
	local k; k=$(csrf)
	[ -n "$k" ] || return 0   # answered at once: no temperature asked
	req "$1" POST /scan/pass --data-urlencode "csrf=$k" --data-urlencode "t=$2" \
		--data-urlencode "temperature=$3"
}
at() { TZ=Asia/Shanghai date -d "$1" +%Y-%m-%dT%H:%M; }
apply() { # apply WHO BUILDING APPROVER FROM UNTIL [REASON]
	FORM_PAGE=/pass/temp post "$1" /pass/temp --data-urlencode "building_id=$2" --data-urlencode "approver_id=$3" \
		--data-urlencode "reason=${6-实验课}" --data-urlencode "valid_from=$4" --data-urlencode "valid_until=$5"
}
login_of() { sql "SELECT login FROM accounts WHERE person_id = $1"; }

login admin
for b in 实验楼 档案馆; do
	FORM_PAGE=/places post admin /places/add_building --data-urlencode "name=$b" --data-urlencode kind=other --data-urlencode restricted=1
	id=$(sql "SELECT id FROM buildings WHERE name = '$b'")
	FORM_PAGE=/places post admin /places/add_entrance --data-urlencode "building_id=$id" --data-urlencode "name=正门"
done
lab=$(sql "SELECT id FROM buildings WHERE name = '实验楼'"); arc=$(sql "SELECT id FROM buildings WHERE name = '档案馆'")
labdoor=$(sql "SELECT id FROM gates WHERE building_id = $lab"); arcdoor=$(sql "SELECT id FROM gates WHERE building_id = $arc")
FORM_PAGE=/gates post admin /gates/add_device --data-urlencode "gate_id=$labdoor" --data-urlencode "name=实验楼正门机"
post phone "$(grep -o '/scan/enrol/[A-Za-z0-9_-]*' "$BODY" | head -1)"

# The approver: the demo college reviewer, listed for the lab only.
rid=$(sql "SELECT person_id FROM accounts WHERE login = 'reviewer'")
FORM_PAGE=/places post admin /places/approver --data-urlencode "building_id=$lab" --data-urlencode "number=$(sql "SELECT number FROM people WHERE id = $rid")"
check "the admin lists the reviewer as the lab's approver" eval 'status_is 303 && eq "$(sql "SELECT COUNT(*) FROM building_approvers WHERE building_id = $lab AND person_id = $rid")" 1'
FORM_PAGE=/places post admin /places/approver --data-urlencode "building_id=$lab" --data-urlencode "number=$(sql "SELECT number FROM people WHERE identity = 'undergrad' LIMIT 1")"
check "  a student cannot approve: 400, said" eval 'status_is 400 && body_has "没有该工号的辅导员"'
get admin /places
check "  shown on /places" body_has "id=\"approver-$lab-$rid\""

# A student with a blue card, of the demo counselor when there is one.
cid=$(sql "SELECT person_id FROM accounts WHERE login = 'counselor'")
S=
for id in $(sql "SELECT f.person_id FROM card_facts f JOIN counselor_assignments ca ON ca.student_id = f.person_id
	JOIN accounts a ON a.person_id = f.person_id
	WHERE f.arrived_at IS NOT NULL AND f.open_anomaly IS NULL AND f.sent_back IS NULL AND f.on_roster = 1
	GROUP BY f.person_id ORDER BY ca.counselor_id = $cid DESC, f.person_id LIMIT 30"); do
	get admin "/card?person=$id"
	grep -q 'class="card card-blue"' "$BODY" && { S=$id; break; }
done
check "a blue card to apply with ($S)" test -n "$S"
ls=$(login_of "$S")
co=$(sql "SELECT a.login FROM counselor_assignments ca JOIN accounts a ON a.person_id = ca.counselor_id WHERE ca.student_id = $S")
login "$ls"; login "$co"; login reviewer
door phone "$(tok --pass "$lab" "$labdoor" in "$S")" 36.5
check "without a temporary pass the restricted lab refuses them" result_is deny not_allowed

# -- the form ----------------------------------------------------------------------
get "$ls" /pass/temp
check "the form offers the lab's approver, or the counselor" eval 'status_is 200 && body_has "实验楼 · $(sql "SELECT name FROM people WHERE id = $rid")" && body_has "由我的辅导员审批"'
n0=$(sql "SELECT COUNT(*) FROM temp_passes")
apply "$ls" "$lab" "$rid" "$(at '+2 hours')" "$(at '+1 hour')"
check "an end before the start: 400 at the field, input kept" eval 'status_is 400 && body_has "结束时间须晚于开始时间" && body_has "value=\"实验课\""'
apply "$ls" "$lab" "$rid" "$(at '+1 hour')" "$(at '+4 days')"
check "longer than 72 hours: 400" eval 'status_is 400 && body_has "超过学校规定的最长时间"'
apply "$ls" "$lab" "$rid" "$(at '-3 hours')" "$(at '-1 hour')"
check "a window that is over: 400" eval 'status_is 400 && body_has "结束时间已过"'
apply "$ls" "$arc" "$rid" "$(at '-10 minutes')" "$(at '+2 hours')"
check "an approver not listed for that building: 400" eval 'status_is 400 && body_has "该审批人不负责所选建筑"'
apply "$ls" "$lab" "$rid" "tomorrow" "$(at '+2 hours')"
check "a time that is not one: 400" status_is 400
apply "$ls" "$lab" "$rid" "$(at '-10 minutes')" "$(at '+2 hours')" ""
check "no reason: 400" status_is 400
check "  none of them stored" eq "$(sql "SELECT COUNT(*) FROM temp_passes")" "$n0"

apply "$ls" "$lab" "$rid" "$(at '-10 minutes')" "$(at '+2 hours')"
check "an application to the lab's approver: 303" eval 'status_is 303 && header_has "Location: /pass/temp?applied="'
tp=$(sql "SELECT MAX(id) FROM temp_passes WHERE person_id = $S")
item=$(sql "SELECT id FROM queue_items WHERE kind = 'temp_pass' AND ref_id = $tp")
check "  waiting in the chosen approver's queue" eq "$(sql "SELECT CONCAT(state, ' ', assignee_id) FROM queue_items WHERE id = $item")" "open $rid"
check "  audited" eq "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'temp_pass.apply' AND object_id = $tp")" 1
get "$ls" "/pass/temp?applied=$tp"
check "  listed for the student: waiting" eval 'body_has "id=\"applied\"" && body_has "id=\"temp-$tp\" data-state=\"pending\""'
door phone "$(tok --pass "$lab" "$labdoor" in "$S")" 36.5
check "  not approved yet: still refused" result_is deny not_allowed
if [ "$co" != reviewer ]; then
	get "$co" "/review/item?id=$item"
	check "the student's counselor does not have it (the approver chosen does)" status_is 403
fi
get reviewer "/review?kind=temp_pass"
check "the approver's queue lists it" eval 'body_has "value=\"$item\"" && body_has "实验楼 ·"'
get reviewer "/review/item?id=$item"
check "  opens with where, when and why" eval 'body_has "id=\"temp-detail\"" && body_has "实验课"'
FORM_PAGE=/review post reviewer /review/decide --data-urlencode "id=$item" --data-urlencode decision=approve
check "the approver approves" eval 'status_is 200 && eq "$(sql "SELECT state FROM temp_passes WHERE id = $tp")" approved'
check "  the student told" eq "$(sql "SELECT COUNT(*) FROM messages WHERE person_id = $S AND kind = 'temp_pass_approved'")" 1
get "$ls" "/pass?entrance=$labdoor&dir=in"
check "the pass page now draws the lab's QR" eval 'status_is 200 && body_has "id=\"pass-qr\""'

# -- inside and outside the window ---------------------------------------------------
door phone "$(tok --pass "$lab" "$labdoor" in "$S")" 36.5
check "inside its window: ALLOW into the lab" eval 'result_is allow ok && eq "$(sql "SELECT building_id FROM building_presence WHERE person_id = $S")" "$lab"'
sql "UPDATE temp_passes SET valid_from = NOW() + INTERVAL 1 HOUR, valid_until = NOW() + INTERVAL 3 HOUR WHERE id = $tp" >/dev/null
door phone "$(tok --pass "$lab" "$labdoor" in "$S")" 36.5
check "before its window: DENY, not valid yet" result_is deny temp_not_yet
check "  the answer says why in words, the way in not recorded" eval 'body_has "临时出入证尚未到有效时间" &&
	eq "$(sql "SELECT COUNT(*) FROM passages WHERE person_id = $S AND building_id = $lab AND result = '"'allow'"'")" 1'
get "$ls" "/pass?entrance=$labdoor&dir=in"
check "  the pass page says so" eval 'status_is 403 && body_has "data-reason=\"temp_not_yet\""'
sql "UPDATE temp_passes SET valid_from = NOW() - INTERVAL 3 HOUR, valid_until = NOW() - INTERVAL 1 MINUTE WHERE id = $tp" >/dev/null
door phone "$(tok --pass "$lab" "$labdoor" in "$S")" 36.5
check "after its window: DENY, over" result_is deny temp_over
check "  the answer says why in words, the way in not recorded" eval 'body_has "临时出入证已过有效时间" &&
	eq "$(sql "SELECT COUNT(*) FROM passages WHERE person_id = $S AND building_id = $lab AND result = '"'allow'"'")" 1'
sql "UPDATE temp_passes SET valid_from = NOW() - INTERVAL 1 HOUR, valid_until = NOW() + INTERVAL 1 HOUR WHERE id = $tp" >/dev/null
FORM_PAGE=/places post admin /places/add_entrance --data-urlencode "building_id=$arc" --data-urlencode "name=侧门"
FORM_PAGE=/gates post admin /gates/add_device --data-urlencode "gate_id=$arcdoor" --data-urlencode "name=档案馆正门机"
post arcphone "$(grep -o '/scan/enrol/[A-Za-z0-9_-]*' "$BODY" | head -1)"
door arcphone "$(tok --pass "$arc" "$arcdoor" in "$S")" 36.5
check "only at its places: the archive still refuses" result_is deny not_allowed

# -- the counselor, a rejection, a batch ------------------------------------------------
apply "$ls" "$arc" "" "$(at '+1 hour')" "$(at '+3 hours')" 查档案
t2=$(sql "SELECT MAX(id) FROM temp_passes WHERE person_id = $S")
i2=$(sql "SELECT id FROM queue_items WHERE kind = 'temp_pass' AND ref_id = $t2")
check "no approver chosen: the counselor's" eq "$(sql "SELECT COALESCE(assignee_id, 0) FROM queue_items WHERE id = $i2")" 0
FORM_PAGE=/review post "$co" /review/decide --data-urlencode "id=$i2" --data-urlencode decision=reject
check "  a rejection needs a reason" eq "$(sql "SELECT state FROM temp_passes WHERE id = $t2")" pending
FORM_PAGE=/review post "$co" /review/decide --data-urlencode "id=$i2" --data-urlencode decision=reject --data-urlencode "reason=档案馆闭馆"
check "  rejected with the reason, the student told it" eval '
	eq "$(sql "SELECT CONCAT(state, \" \", decision_reason) FROM temp_passes WHERE id = $t2")" "rejected 档案馆闭馆" &&
	[ "$(sql "SELECT COUNT(*) FROM outbox WHERE person_id = $S AND payload LIKE '"'%档案馆闭馆%'"'")" -ge 1 ]'
get "$ls" /pass/temp
check "  the student's list says it" eval 'body_has "id=\"temp-$t2\" data-state=\"rejected\"" && body_has "档案馆闭馆"'
apply "$ls" "$lab" "$rid" "$(at '+1 day')" "$(at '+1 day 2 hours')"
apply "$ls" "$lab" "$rid" "$(at '+2 days')" "$(at '+2 days 2 hours')"
ids=()
for i in $(sql "SELECT id FROM queue_items WHERE kind = 'temp_pass' AND state = 'open' AND assignee_id = $rid"); do ids+=(--data-urlencode "id=$i"); done
check "two more for the approver" test $(( ${#ids[@]} / 2 )) -eq 2
FORM_PAGE=/review post reviewer /review/decide "${ids[@]}" --data-urlencode decision=approve
check "  approved in one batch" eq "$(sql "SELECT COUNT(*) FROM temp_passes WHERE person_id = $S AND state = 'approved'")" 3
hc_facts check >"$T/facts" 2>&1
check "the stored card facts hold ($(tail -1 "$T/facts"))" grep -qx "0 rows differ" "$T/facts"
