#!/usr/bin/env bash
# An abnormal report turns the card red until the counselor clears it or
# sends it back; a sent-back report is replaced and the old one kept.
. "$(dirname "$0")/lib.sh"

today=$(TZ=Asia/Shanghai date +%F)
sid=$(sql "SELECT person_id FROM accounts WHERE login = 'grad'")
sql "DELETE FROM daily_reports WHERE person_id = $sid AND day = '$today'"
login grad
report grad 38.2
check "a feverish report is accepted" status_is 303
get grad /checkin
check "the student is told it is abnormal" body_has "打卡数据异常"
check "and what happens next" body_has "辅导员会尽快与您联系核实"
get grad /card
check "the card turns red" body_has 'class="card card-red"'
check "saying why" body_has "健康打卡数据异常"
rid=$(sql "SELECT id FROM daily_reports WHERE person_id = $sid AND day = '$today'")
check "the anomaly waits in the review queue" \
	test "$(sql "SELECT COUNT(*) FROM queue_items WHERE kind = 'anomaly' AND ref_id = $rid AND state = 'open'")" = 1

login counselor
get counselor "/dashboard?f=anomaly"
check "the counselor sees it among anomalies to verify" body_has "value=\"$rid\""
check "  its reason in words (issue 20, defect 4)" body_has "体温达到或超过 37.3°C"
check "  not as stored" body_lacks "· fever"
get counselor "/review?kind=anomaly"
check "the review queue says it in words too" body_has "体温达到或超过 37.3°C"
get counselor "/review?kind=anomaly&lang=en"
check "  and in English" body_has "Temperature of 37.3 °C or more"
get counselor "/dashboard?lang=zh-CN"
FORM_PAGE=/dashboard post counselor /dashboard/verify --data-urlencode "report=$rid" \
	--data-urlencode "decision=send_back"
check "sending back without a reason is refused (400)" status_is 400
FORM_PAGE=/dashboard post counselor /dashboard/verify --data-urlencode "report=$rid" \
	--data-urlencode "decision=send_back" --data-urlencode "reason=体温请重新测量"
check "send back with a reason" status_is 303
check "the report is marked sent back" \
	test "$(sql "SELECT anomaly_state FROM daily_reports WHERE id = $rid")" = sent_back
FORM_PAGE=/dashboard post counselor /dashboard/verify --data-urlencode "report=$rid" \
	--data-urlencode "decision=clear"
check "a second decision is 409, not overwritten" status_is 409
check "naming who decided" body_has "$(sql "SELECT name FROM people p JOIN accounts a ON a.person_id = p.id WHERE a.login = 'counselor'")"
check "the decision is audited" \
	test "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'anomaly.send_back' AND object_id = $rid")" = 1

login grad
get grad /card
check "the student sees the send-back message" body_has "已被辅导员退回"
get grad "/checkin?day=$today"
check "the form is open again for that day" body_has 'name="temperature"'
check "with the reviewer's reason" body_has "体温请重新测量"
report grad 36.5 --data-urlencode "day=$today"
check "the re-submission is accepted" status_is 303
check "still one report for the day" \
	test "$(sql "SELECT COUNT(*) FROM daily_reports WHERE person_id = $sid AND day = '$today'")" = 1
check "now normal" test "$(sql "SELECT anomaly_state FROM daily_reports WHERE id = $rid")" = none
check "the replaced report is kept" \
	test "$(sql "SELECT JSON_VALUE(snapshot, '$.temperature') FROM daily_report_history WHERE report_id = $rid")" = "38.2"
get grad /card
check "the card is no longer red" body_lacks 'class="card card-red"'
report grad 36.5 --data-urlencode "day=$today"
check "and the day cannot be submitted a third time" status_is 409

# Clearing: another student's open anomaly from the demo data.
oid=$(sql "SELECT d.id FROM daily_reports d JOIN counselor_assignments ca ON ca.student_id = d.person_id
	JOIN accounts a ON a.person_id = ca.counselor_id
	WHERE a.login = 'counselor' AND d.anomaly_state = 'open' LIMIT 1")
if [ -n "$oid" ]; then
	login counselor
	FORM_PAGE=/dashboard post counselor /dashboard/verify --data-urlencode "report=$oid" \
		--data-urlencode "decision=clear"
	check "clearing an anomaly" status_is 303
	check "marks it cleared" test "$(sql "SELECT anomaly_state FROM daily_reports WHERE id = $oid")" = cleared
	check "and closes its queue item" \
		test "$(sql "SELECT COUNT(*) FROM queue_items WHERE kind = 'anomaly' AND ref_id = $oid AND state = 'open'")" = 0
fi
foreign=$(sql "SELECT d.id FROM daily_reports d JOIN counselor_assignments ca ON ca.student_id = d.person_id
	JOIN accounts a ON a.person_id <> ca.counselor_id AND a.login = 'counselor'
	JOIN people p ON p.id = d.person_id
	WHERE p.college_id <> (SELECT college_id FROM people WHERE id = $sid) LIMIT 1")
FORM_PAGE=/dashboard post counselor /dashboard/verify --data-urlencode "report=$foreign" \
	--data-urlencode "decision=clear"
check "verifying outside one's scope is 403" status_is 403

# Staff do not verify their own report nor fill in for themselves (issue
# 13, finding 7): a counselor's own feverish report (put in as a staff
# report would be) waits for someone else.
cid=$(sql "SELECT person_id FROM accounts WHERE login = 'counselor'")
sql "DELETE FROM daily_reports WHERE person_id = $cid AND day = '$today'"
sql "INSERT INTO daily_reports (person_id, day, submitted_at, temperature, symptoms, city,
	in_city, on_campus, anomaly, anomaly_state) VALUES ($cid, '$today', NOW(), 38.6, 'fever',
	'北京', 1, 0, 1, 'open')"
own=$(sql "SELECT id FROM daily_reports WHERE person_id = $cid AND day = '$today'")
sql "INSERT INTO queue_items (kind, ref_id, person_id, created_at) VALUES ('anomaly', $own, $cid, NOW())"
login counselor
FORM_PAGE=/dashboard post counselor /dashboard/verify --data-urlencode "report=$own" \
	--data-urlencode "decision=clear"
check "clearing one's own anomaly is 403" status_is 403
check "  and it stays open" eq "$(sql "SELECT anomaly_state FROM daily_reports WHERE id = $own")" open
get counselor "/checkin/proxy?person=$cid"
check "proxy-filling for oneself is 403" status_is 403
sql "DELETE FROM queue_items WHERE kind = 'anomaly' AND ref_id = $own"
sql "DELETE FROM daily_reports WHERE id = $own"
