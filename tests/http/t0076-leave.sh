#!/usr/bin/env bash
# 请销假 (issue 15, seed 000 FAQ 7): a student on campus applies to leave
# (days, destination, reason); the counselor approves in the review
# queue; the campus gate's scan of the card lets them out (recorded once
# even when two phones race), and coming back through the gate closes the
# leave; a leave out past its last day is overdue on the counselor's
# dashboard and on /leave.
. "$(dirname "$0")/lib.sh"

today=$(TZ=Asia/Shanghai date +%F)

login admin
for n in 1 2; do enrol_phone "gate$n" 1 "七六东门$n"; done

# Two blue cards (arrived) of one counselor who logs in, as the card page says.
S=()
for id in $(sql "$ARRIVED GROUP BY f.person_id ORDER BY ca.counselor_id, f.person_id LIMIT 40"); do
	card_is_blue "$id" || continue
	c=$(sql "SELECT counselor_id FROM counselor_assignments WHERE student_id = $id")
	if [ ${#S[@]} -eq 0 ] || [ "$c" = "$(sql "SELECT counselor_id FROM counselor_assignments WHERE student_id = ${S[0]}")" ]; then S+=("$id"); fi
	[ ${#S[@]} -ge 2 ] && break
done
check "two blue cards of one counselor (${S[*]})" test ${#S[@]} -ge 2
A=${S[0]} B=${S[1]}
la=$(login_of "$A"); lb=$(login_of "$B")
co=$(counselor_of "$A")
login "$la"; login "$lb"; login "$co"

get gate1 "/scan?t=$(tok "$A")"
check "before any leave, the gate says: already arrived" result_is already arrived

# -- applying ---------------------------------------------------------------------------
get "$la" /leave
check "the student's leave form" eval 'status_is 200 && body_has "id=\"leave-form\""'
leave_apply "$la" "$today" "$(day yesterday)"
check "a last day before the first: 400 at the field, input kept" eval 'status_is 400 && body_has "结束日期不能早于开始日期" && body_has "value=\"呼和浩特\""'
leave_apply "$la" "$today" "$(day '+40 days')"
check "more than 30 days: 400" eval 'status_is 400 && body_has "请假天数超过学校规定"'
leave_apply "$la" "$(day yesterday)" "$today"
check "starting yesterday: 400" status_is 400
leave_apply "$la" "$today" "$(day '+2 days')" ""
check "no reason: 400" status_is 400
check "  none stored" eq "$(sql "SELECT COUNT(*) FROM leaves WHERE person_id = $A")" 0
leave_apply "$la" "$today" "$(day '+2 days')"
check "a leave of three days from today: 303" eval 'status_is 303 && header_has "Location: /leave?applied="'
lv=$(sql "SELECT id FROM leaves WHERE person_id = $A")
item=$(queue_item leave "$lv")
check "  waiting in the counselor's queue, audited" eval '[ -n "$item" ] && eq "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = '"'leave.apply'"' AND object_id = $lv")" 1'
leave_apply "$la" "$(day '+5 days')" "$(day '+6 days')"
check "a second while one is open: 400" eval 'status_is 400 && body_has "您已有未结束的请假"'
get gate1 "/scan?t=$(tok "$A")"
check "not approved yet: the gate lets nobody out, already arrived" eval 'result_is already arrived && eq "$(sql "SELECT exited_at IS NULL FROM leaves WHERE id = $lv")" 1'

get "$co" "/review?kind=leave"
check "the counselor's queue lists it" eval 'body_has "value=\"$item\"" && body_has "呼和浩特"'
review_decide "$co" "$item" approve
check "the counselor approves" eval 'eq "$(sql "SELECT state FROM leaves WHERE id = $lv")" approved &&
	eq "$(sql "SELECT COUNT(*) FROM messages WHERE person_id = $A AND kind = '"'leave_approved'"'")" 1'

get "$la" /card
check "the blue card shows the gate code for the leave" eval 'body_has "id=\"gate-qr\"" && body_has "data-for=\"leave\""'

# -- out and back through the campus gate -------------------------------------------------
t=$(tok "$A")
STATUS=$(curl -s -o /dev/null -w '%{http_code}' -I -b "$T/jar.gate1" "$URL/scan?t=$t")
check "a HEAD records nothing" eq "$(sql "SELECT exited_at IS NULL FROM leaves WHERE id = $lv")" 1
get gate1 "/scan?t=$t"
check "the card at the gate: ALLOW, out on leave" eval 'result_is allow ok && body_has "data-leave=\"out\"" && body_has "请假离校"'
check "  recorded at the gate, once" eq "$(sql "SELECT CONCAT(exited_at IS NOT NULL, ' ', exit_gate, ' ', returned_at IS NULL) FROM leaves WHERE id = $lv")" "1 1 1"
get gate2 "/scan?t=$t"
check "  the same code again: just let out, no return recorded" eval 'result_is already just_admitted && eq "$(sql "SELECT returned_at IS NULL FROM leaves WHERE id = $lv")" 1'

overdue_n() { grep -o '请假逾期未归: [0-9]*' "$BODY" | grep -o '[0-9]*$' || echo 0; }
get "$co" /dashboard
n0=$(overdue_n)
sql "UPDATE leaves SET starts_on = '$(day '-4 days')', ends_on = '$(day '-2 days')' WHERE id = $lv" >/dev/null
get "$co" /dashboard
check "out past the last day: overdue on the counselor's dashboard" eval 'body_has "id=\"leaves-overdue\"" && body_has "请假逾期未归: "'
check "  counted there: one more than while it was not overdue ($n0)" eq "$(overdue_n)" "$((n0 + 1))"
get "$co" /leave
check "  and on /leave, marked" eval 'body_has "id=\"away-$lv\" class=\"overdue\"" && body_has "id=\"overdue-count\""'
get "$la" /leave
check "  the student sees it overdue too" eval 'body_has "id=\"leave-$lv\" data-state=\"approved\"" && body_has "逾期未归"'

get gate1 "/scan?t=$(tok "$A")"
check "back through the gate: ALLOW, the leave closed" eval 'result_is allow ok && body_has "data-leave=\"back\"" && eq "$(sql "SELECT returned_at IS NOT NULL FROM leaves WHERE id = $lv")" 1'
get gate1 "/scan?t=$(tok "$A")"
check "  then the gate says as before: already arrived" result_is already arrived
get "$co" /leave
check "  no longer out" body_lacks "id=\"away-$lv\""

# -- two phones, one code, at once: one way out -----------------------------------------------
leave_apply "$lb" "$today" "$today"
lb_id=$(sql "SELECT id FROM leaves WHERE person_id = $B")
review_decide "$co" "$(queue_item leave "$lb_id")" approve
t=$(tok "$B")
for n in 1 2; do curl -s -o "$T/race$n" -b "$T/jar.gate$n" "$URL/scan?t=$t" & done
wait
check "two phones scanning one code: one way out" eval '
	[ "$(cat "$T/race1" "$T/race2" | grep -c "data-leave=\"out\" data-result=\"allow\"")" = 1 ] &&
	[ "$(cat "$T/race1" "$T/race2" | grep -c "data-reason=\"just_admitted\"")" = 1 ] &&
	eq "$(sql "SELECT returned_at IS NULL AND exited_at IS NOT NULL FROM leaves WHERE id = $lb_id")" 1'
hc_facts check >"$T/facts" 2>&1
check "the stored card facts hold ($(tail -1 "$T/facts"))" grep -qx "0 rows differ" "$T/facts"
