#!/usr/bin/env bash
# Make-up requests through the review queue: apply, the refusals, approve,
# fill (the streak counts it), reject, withdraw, the decision race, a batch
# of 200 with some decided already, and scope.
. "$(dirname "$0")/lib.sh"

d() { TZ=Asia/Shanghai date -d "$1" +%F; }
today=$(d today)
sid=$(sql "SELECT person_id FROM accounts WHERE login = 'student'")
cid=$(sql "SELECT person_id FROM accounts WHERE login = 'counselor'")
D1=$(d '3 days ago'); D2=$(d '4 days ago'); D3=$(d '5 days ago'); D4=$(d '6 days ago'); D5=$(d '7 days ago')
sql "DELETE FROM daily_reports WHERE person_id = $sid AND day IN ('$D1', '$D3', '$D4', '$D5')"
# An approved return window that includes today, so the card shows the streak.
sql "INSERT INTO return_applications (term_id, person_id, state, allowed_from, allowed_until)
	SELECT id, $sid, 'approved', '$(d yesterday)', '$(d '5 days')' FROM terms
	ON DUPLICATE KEY UPDATE state = 'approved', allowed_from = VALUES(allowed_from),
	allowed_until = VALUES(allowed_until)"
requests() { sql "SELECT COUNT(*) FROM makeup_requests WHERE person_id = $sid"; }
apply() { FORM_PAGE=/makeup post student /makeup --data-urlencode "day=$1" --data-urlencode "reason=${2-手机没电}"; }

login student
get student /card
check "before: the card waits for check-ins" body_has 'class="card card-yellow"'
check "listing the missing day" body_has "$D1"
apply "$D1"
check "a make-up request for a missed day is filed" status_is 303
check "pending, with a queue item" eq "$(sql "SELECT m.state FROM makeup_requests m JOIN queue_items q
	ON q.kind = 'makeup' AND q.ref_id = m.id AND q.state = 'open' WHERE m.person_id = $sid AND m.day = '$D1'")" pending
n=$(requests)
apply "$(d tomorrow)"
check "a future day is refused" status_is 400
check "with the reason" body_has "只能为已经过去的日期"
apply "$today"
check "today is refused" body_has "只能为已经过去的日期"
apply "$D2"
check "a reported day is refused" body_has "该日已经打卡"
apply "$D1"
check "a second request for the same day is refused" body_has "已有进行中的补卡申请"
apply "$(sql "SELECT starts_on - INTERVAL 3 DAY FROM terms LIMIT 1")"
check "a day before the term is refused" body_has "不在本学期内"
apply "2026-02-30"
check "a malformed day is 400" status_is 400
apply "$D3" ""
check "a request without a reason is 400" body_has "此项必填"
check "none of the refused requests was stored" eq "$(requests)" "$n"
get student /makeup
check "my requests show who holds it now" body_has "当前环节"

# The counselor approves; the student fills the day; the streak counts it.
item=$(sql "SELECT q.id FROM queue_items q JOIN makeup_requests m ON m.id = q.ref_id
	WHERE q.kind = 'makeup' AND m.person_id = $sid AND m.day = '$D1'")
login counselor
get counselor /review
check "the request is in the counselor's queue" body_has "value=\"$item\""
get counselor "/review/item?id=$item"
check "it opens in full with the check-ins around the day" body_has "前后两周打卡情况"
# Days still to come are not shown as missed (issue 20, defect 6).
tomorrow=$(TZ=Asia/Shanghai date -d tomorrow +%F)
check "  but no day after today" body_lacks "<span class=\"date\">$tomorrow</span>"
check "  today at most" body_has "<span class=\"date\">$(TZ=Asia/Shanghai date +%F)</span>"
check "  the day asked for marked, its make-up pending, in the calendar's words" eval '
	body_has "<li class=\"day-pending focus\"><span class=\"date\">$D1</span><span class=\"state\">补卡审核中</span>"'

FORM_PAGE=/review post counselor /review/decide --data-urlencode "id=$item" --data-urlencode "decision=approve"
check "approve" status_is 200
check "reported as done" body_has 'class="outcome-done"'
check "approved" eq "$(sql "SELECT state FROM makeup_requests WHERE person_id = $sid AND day = '$D1'")" approved
check "the student is told in the app" eq "$(sql "SELECT COUNT(*) FROM messages WHERE person_id = $sid AND kind = 'makeup_approved' AND body = '$D1'")" 1
check "and through the outbox" test "$(sql "SELECT COUNT(*) FROM outbox WHERE person_id = $sid AND payload LIKE '%$D1%补卡申请已通过%'")" -ge 1
check "the decision is audited" eq "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'makeup.approve' AND subject_person_id = $sid")" 1
FORM_PAGE=/review post counselor /review/decide --data-urlencode "id=$item" --data-urlencode "decision=reject" \
	--data-urlencode "reason=late"
check "deciding it again is 409" status_is 409
check "saying who decided" body_has "$(sql "SELECT name FROM people WHERE id = $cid")"

login student
fill() {
	FORM_PAGE="/makeup/fill?day=$1" post student /makeup/fill --data-urlencode "day=$1" \
		--data-urlencode "temperature=36.5" --data-urlencode "city=北京" --data-urlencode "in_city=1" \
		--data-urlencode "on_campus=0" --data-urlencode "abroad=0" --data-urlencode "risk_area=0" \
		--data-urlencode "cohabitant_returned=0" --data-urlencode "returned_to_city=0" \
		--data-urlencode "quarantine=none" --data-urlencode "diagnosis=none"
}
get student "/makeup/fill?day=$D1"
check "the approved day opens its form" body_has 'action="/makeup/fill"'
check "  which does not speak of today" eval 'body_lacks "今日体温" && body_lacks "提交今日打卡"'
check "  and submits a make-up" body_has "提交补卡"
fill "$D1"
check "the made-up report is accepted" status_is 303
loc=$(grep -i '^Location:' "$HEADERS" | tr -d '\r' | sed 's/^Location: //I')
get student "$loc"
check "  and says so where it lands" body_has 'id="makeup-filled"'
check "stored for that day as a make-up" eq "$(sql "SELECT is_makeup FROM daily_reports WHERE person_id = $sid AND day = '$D1'")" 1
check "the request is filled" eq "$(sql "SELECT state FROM makeup_requests WHERE person_id = $sid AND day = '$D1'")" filled
fill "$D1"
check "a replayed fill is refused" status_is 403
get student /checkin/calendar
check "the calendar shows the day made up" body_has 'class="day-made_up"'
fill "$D4"
check "filling a day that was not approved is 403" status_is 403
check "and stores nothing" eq "$(sql "SELECT COUNT(*) FROM daily_reports WHERE person_id = $sid AND day = '$D4'")" 0

# Reject (with a reason), withdraw.
apply "$D3"
item3=$(sql "SELECT q.id FROM queue_items q JOIN makeup_requests m ON m.id = q.ref_id
	WHERE q.kind = 'makeup' AND m.person_id = $sid AND m.day = '$D3'")
apply "$D4"
rid4=$(sql "SELECT id FROM makeup_requests WHERE person_id = $sid AND day = '$D4'")
FORM_PAGE=/makeup post student /makeup/withdraw --data-urlencode "id=$rid4"
check "withdraw while pending" status_is 303
check "withdrawn" eq "$(sql "SELECT state FROM makeup_requests WHERE id = $rid4")" withdrawn
check "its queue item is gone from the queue" eq "$(sql "SELECT COUNT(*) FROM queue_items WHERE kind = 'makeup' AND ref_id = $rid4 AND state = 'open'")" 0
FORM_PAGE=/makeup post student /makeup/withdraw --data-urlencode "id=$rid4"
check "withdrawing twice is 409" status_is 409
other=$(sql "SELECT id FROM makeup_requests WHERE person_id <> $sid LIMIT 1")
if [ -n "$other" ]; then
	FORM_PAGE=/makeup post student /makeup/withdraw --data-urlencode "id=$other"
	check "withdrawing someone else's request is 404" status_is 404
fi
login counselor
FORM_PAGE=/review post counselor /review/decide --data-urlencode "id=$item3" --data-urlencode "decision=reject"
check "rejecting without a reason decides nothing" body_has 'class="outcome-needs_reason"'
FORM_PAGE=/review post counselor /review/decide --data-urlencode "id=$item3" --data-urlencode "decision=reject" \
	--data-urlencode "reason=理由不充分"
check "reject with a reason" body_has 'class="outcome-done"'
login student
get student /makeup
check "the student sees the rejection and why" body_has "理由不充分"
get student /card
check "a rejected day stays missing on the card" body_has "$D3"

# The race: two reviewers at the same instant, exactly one decision stands.
apply "$D5"
item5=$(sql "SELECT q.id FROM queue_items q JOIN makeup_requests m ON m.id = q.ref_id
	WHERE q.kind = 'makeup' AND m.person_id = $sid AND m.day = '$D5'")
login counselor
login admin
get counselor /review; tc=$(csrf)
get admin /review; ta=$(csrf)
curl -s -o "$T/r1" -b "$T/jar.counselor" -X POST --data-urlencode "csrf=$tc" \
	--data-urlencode "id=$item5" --data-urlencode "decision=approve" "$(host_url 1)/review/decide" &
curl -s -o "$T/r2" -b "$T/jar.admin" -X POST --data-urlencode "csrf=$ta" \
	--data-urlencode "id=$item5" --data-urlencode "decision=reject" --data-urlencode "reason=no" \
	"$(host_url 2)/review/decide" &
wait
check "exactly one of two simultaneous decisions stands" \
	eq "$(cat "$T/r1" "$T/r2" | grep -c 'class="outcome-done"')" 1
check "the other is told it was already decided" \
	eq "$(cat "$T/r1" "$T/r2" | grep -c 'class="outcome-already"')" 1
check "one decision in the audit log" eq "$(sql "SELECT COUNT(*) FROM audit_log WHERE object_kind = 'makeup_request'
	AND object_id = (SELECT ref_id FROM queue_items WHERE id = $item5) AND action IN ('makeup.approve', 'makeup.reject')")" 1
