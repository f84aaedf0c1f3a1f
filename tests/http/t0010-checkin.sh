#!/usr/bin/env bash
# The student's daily check-in: basic info first, one report a day,
# validation that keeps the input, immutability, concurrent submissions.
. "$(dirname "$0")/lib.sh"

today=$(TZ=Asia/Shanghai date +%F)
# A student with no basic info yet and no report today.
who=$(sql "SELECT a.login FROM accounts a JOIN people p ON p.id = a.person_id
	LEFT JOIN basic_info b ON b.person_id = p.id
	WHERE b.person_id IS NULL AND p.identity <> 'staff' ORDER BY p.id LIMIT 1")
pid=$(sql "SELECT person_id FROM accounts WHERE login = '$who'")
login "$who"
get "$who" /checkin
check "first visit asks for basic info" body_has 'name="home_address"'
FORM_PAGE=/checkin post "$who" /checkin/basic --data-urlencode "phone=13800000000" \
	--data-urlencode "home_address=" --data-urlencode "emergency_contact=王" \
	--data-urlencode "emergency_phone=13900000000" --data-urlencode "boarding=1" --data-urlencode "dorm=学十楼 203"
check "missing address re-renders with 400" status_is 400
check "with a message on the field" body_has "此项必填"
check "keeping what was typed" body_has 'value="13800000000"'
check "nothing stored" test "$(sql "SELECT COUNT(*) FROM basic_info WHERE person_id = $pid")" = 0
# A phone that is not a mainland mobile, a boarder without a dorm (issue 20).
FORM_PAGE=/checkin post "$who" /checkin/basic --data-urlencode "phone=12345" \
	--data-urlencode "home_address=北京市海淀区上园村3号" --data-urlencode "emergency_contact=王" \
	--data-urlencode "emergency_phone=13900000000" --data-urlencode "boarding=1"
check "a phone that is no mobile number is 400" status_is 400
check "  saying what a mobile number is" body_has "请填写有效的手机号码"
check "  and a boarder without a dorm is told to give it" body_has "住校生请填写宿舍"
check "  keeping the tabs" body_has 'class="tabs"'
check "  nothing stored" test "$(sql "SELECT COUNT(*) FROM basic_info WHERE person_id = $pid")" = 0
FORM_PAGE=/checkin post "$who" /checkin/basic --data-urlencode "phone=138 0000 0000" \
	--data-urlencode "home_address=北京市海淀区上园村3号" --data-urlencode "emergency_contact=王" \
	--data-urlencode "emergency_phone=13900000000" --data-urlencode "boarding=1" --data-urlencode "dorm=学十楼 203"
check "basic info saved" status_is 303
get "$who" "$(grep -i '^Location:' "$HEADERS" | tr -d '\r' | sed 's/^Location: //I')"
check "  and the page says so" body_has 'id="basic-saved"'
get "$who" /checkin
check "then the daily report form" body_has 'name="temperature"'
check "basic info is not asked again" body_lacks 'name="home_address"'

report "$who" "hot"
check "a malformed temperature re-renders with 400" status_is 400
check "says what is wrong" body_has "请输入数字"
check "keeps the city typed" body_has 'value="北京"'
report "$who" "45.0"
check "an out-of-range temperature is 400" status_is 400
check "no report stored by bad input" test "$(sql "SELECT COUNT(*) FROM daily_reports WHERE person_id = $pid AND day = '$today'")" = 0

report "$who" "36.6"
check "a good report is accepted" status_is 303
check "stored for today" test "$(sql "SELECT COUNT(*) FROM daily_reports WHERE person_id = $pid AND day = '$today'")" = 1
get "$who" /checkin
check "the page then says done" body_has "今日已打卡"
report "$who" "36.9"
check "a second report the same day is 409" status_is 409
check "saying when the first was made" body_has "该日已于以下时间完成打卡"
check "the first report is unchanged" test "$(sql "SELECT temperature FROM daily_reports WHERE person_id = $pid AND day = '$today'")" = "36.6"
yesterday=$(TZ=Asia/Shanghai date -d yesterday +%F)
report "$who" "36.6" --data-urlencode "day=$yesterday"
check "a past day that was not sent back is refused" status_is 403

# Two tabs submitting at the same instant: exactly one row.
who2=$(sql "SELECT a.login FROM accounts a JOIN people p ON p.id = a.person_id
	JOIN basic_info b ON b.person_id = p.id
	WHERE p.identity <> 'staff' AND a.login REGEXP '^[0-9]+$'
	AND NOT EXISTS (SELECT 1 FROM daily_reports d WHERE d.person_id = p.id AND d.day = '$today')
	ORDER BY p.id LIMIT 1 OFFSET 3")
pid2=$(sql "SELECT person_id FROM accounts WHERE login = '$who2'")
login "$who2"
get "$who2" /checkin
tok=$(csrf)
for i in 1 2 3 4 5 6; do
	curl -s -o /dev/null -w '%{http_code}\n' -b "$T/jar.$who2" -X POST \
		--data-urlencode "csrf=$tok" --data-urlencode "temperature=36.$i" \
		--data-urlencode "city=北京" --data-urlencode "in_city=1" --data-urlencode "on_campus=0" \
		--data-urlencode "abroad=0" --data-urlencode "risk_area=0" \
		--data-urlencode "cohabitant_returned=0" --data-urlencode "returned_to_city=0" \
		--data-urlencode "quarantine=none" --data-urlencode "diagnosis=none" \
		"$(host_url $i)/checkin" >>"$T/codes" &
done
wait
check "six concurrent submissions store exactly one row" \
	test "$(sql "SELECT COUNT(*) FROM daily_reports WHERE person_id = $pid2 AND day = '$today'")" = 1
check "one was accepted" test "$(grep -c '^303$' "$T/codes")" = 1
check "the others were told it is done (409), none failed" test "$(grep -c '^409$' "$T/codes")" = 5

# One tap: the form comes pre-filled from the last report, for checking.
login student
get student "/checkin?quick=1"
last_city=$(sql "SELECT city FROM daily_reports d JOIN accounts a ON a.person_id = d.person_id
	WHERE a.login = 'student' ORDER BY day DESC LIMIT 1")
check "quick fill pre-fills the last report" body_has "value=\"$last_city\""
check "and says it is pre-filled" body_has "的填报预填"
get student /checkin/calendar
check "the calendar lists the term's days" body_has "打卡统计"
check "with done days" body_has 'class="day-done"'

# Basic info is read-only for the student; a counselor (here the admin,
# whose scope is everyone) corrects it, and the audit log keeps the old one.
login "$who"
FORM_PAGE=/checkin post "$who" /checkin/basic --data-urlencode "phone=13811111111" \
	--data-urlencode "home_address=别处" --data-urlencode "emergency_contact=李" \
	--data-urlencode "emergency_phone=13900000000" --data-urlencode "boarding=0"
check "the student cannot overwrite basic info" eq "$(sql "SELECT home_address FROM basic_info WHERE person_id = $pid")" "北京市海淀区上园村3号"
get "$who" "/checkin/basic_fix?person=$pid"
check "nor open the correction form" status_is 403
login admin
get admin "/checkin/basic_fix?person=$pid"
check "the correction form shows the current values" body_has "北京市海淀区上园村3号"
FORM_PAGE="/checkin/basic_fix?person=$pid" post admin /checkin/basic_fix --data-urlencode "person=$pid" \
	--data-urlencode "phone=13800000000" --data-urlencode "home_address=北京市海淀区学院路1号" \
	--data-urlencode "emergency_contact=王" --data-urlencode "emergency_phone=13900000000" \
	--data-urlencode "boarding=1" --data-urlencode "dorm=学十楼 203"
check "the correction is saved" eq "$(sql "SELECT home_address FROM basic_info WHERE person_id = $pid")" "北京市海淀区学院路1号"
check "the audit log keeps who and the old value" eq \
	"$(sql "SELECT JSON_VALUE(detail, '$.home_address') FROM audit_log WHERE action = 'basic_info.correct' AND subject_person_id = $pid")" \
	"北京市海淀区上园村3号"
