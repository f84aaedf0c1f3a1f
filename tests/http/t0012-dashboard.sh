#!/usr/bin/env bash
# The dashboard over each scope, proxy-fill, reminders once a day, the CSV
# export and the daily summary with its deadline.
. "$(dirname "$0")/lib.sh"

today=$(TZ=Asia/Shanghai date +%F)
cid=$(sql "SELECT person_id FROM accounts WHERE login = 'counselor'")
college=$(sql "SELECT org_id FROM roles r JOIN accounts a ON a.person_id = r.person_id
	WHERE a.login = 'reviewer' AND r.role = 'reviewer'")
fig() { grep -o "id=\"fig-$1\">[0-9]*<" "$BODY" | sed 's/.*>\([0-9]*\)</\1/'; }

login counselor
get counselor /dashboard
check "the counselor's dashboard renders" status_is 200
check "total = the counselor's students" test "$(fig total)" = \
	"$(sql "SELECT COUNT(*) FROM counselor_assignments WHERE counselor_id = $cid")"
check "reported = their reports today" test "$(fig reported)" = \
	"$(sql "SELECT COUNT(*) FROM daily_reports d JOIN counselor_assignments ca
		ON ca.student_id = d.person_id WHERE ca.counselor_id = $cid AND d.day = '$today'")"
yday=$(TZ=Asia/Shanghai date -d yesterday +%F)
get counselor "/dashboard?day=$yday"
for f in in_city on_campus city14 location_changed symptoms; do
	case $f in
	in_city) cond="d.in_city = 1" ;; on_campus) cond="d.on_campus = 1" ;;
	city14) cond="d.in_city_days >= 14" ;; location_changed) cond="d.location_changed = 1" ;;
	symptoms) cond="d.symptoms <> ''" ;;
	esac
	check "figure $f for yesterday equals an independent count" eq "$(fig $f)" \
		"$(sql "SELECT COUNT(*) FROM daily_reports d JOIN counselor_assignments ca
			ON ca.student_id = d.person_id WHERE ca.counselor_id = $cid AND d.day = '$yday' AND $cond")"
done
get counselor "/dashboard?day=$yday&f=unreported"
n=$(grep -c 'class="unreported"' "$BODY")
want=$(fig unreported); [ "$want" -gt 100 ] && want=100
check "the list behind 'not reported' has exactly those people" test "$n" = "$want"
get counselor "/dashboard?day=2999-01-01"
check "a future day falls back to today with a message" body_has "已显示今天"
get counselor "/dashboard?f=nonsense"
check "an unknown filter falls back with a message, not a 500" status_is 200

login reviewer
get reviewer /dashboard
check "the reviewer's total is the college" test "$(fig total)" = \
	"$(sql "SELECT COUNT(*) FROM people WHERE college_id = $college")"
login admin
get admin /dashboard
check "the admin's total is everyone" test "$(fig total)" = "$(sql "SELECT COUNT(*) FROM people")"
check "the 14-day trend is an inline SVG" body_has '<svg class="trend"'
check "with a by-class roll-up" body_has "按班级"
login student
get student /dashboard
check "a student may not open the dashboard" status_is 403

# Proxy fill, for an unreported student of one's own.
login counselor
target=$(sql "SELECT ca.student_id FROM counselor_assignments ca
	WHERE ca.counselor_id = $cid AND ca.student_id <> (SELECT person_id FROM accounts WHERE login = 'student')
	AND NOT EXISTS (SELECT 1 FROM daily_reports d
	WHERE d.person_id = ca.student_id AND d.day = '$today')
	AND EXISTS (SELECT 1 FROM daily_reports d WHERE d.person_id = ca.student_id) LIMIT 1")
get counselor "/checkin/proxy?person=$target"
check "the proxy form opens" status_is 200
check "pre-filled from the student's last report" body_has "的填报预填"
FORM_PAGE="/checkin/proxy?person=$target" post counselor /checkin/proxy \
	--data-urlencode "person=$target" --data-urlencode "temperature=36.4" \
	--data-urlencode "city=北京" --data-urlencode "in_city=1" --data-urlencode "on_campus=1" \
	--data-urlencode "abroad=0" --data-urlencode "risk_area=0" \
	--data-urlencode "cohabitant_returned=0" --data-urlencode "returned_to_city=0" \
	--data-urlencode "quarantine=none" --data-urlencode "diagnosis=none"
check "proxy fill accepted" status_is 303
check "recorded as filled by the counselor" \
	test "$(sql "SELECT filled_by FROM daily_reports WHERE person_id = $target AND day = '$today'")" = "$cid"
check "and audited" test "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'report.proxy_fill' AND subject_person_id = $target")" = 1
foreign=$(sql "SELECT ca.student_id FROM counselor_assignments ca JOIN people p ON p.id = ca.student_id
	WHERE ca.counselor_id <> $cid AND p.college_id <> $college LIMIT 1")
get counselor "/checkin/proxy?person=$foreign"
check "proxy fill outside one's scope is 403" status_is 403
before=$(sql "SELECT COUNT(*) FROM daily_reports WHERE person_id = $foreign")
req counselor POST /checkin/proxy --data-urlencode "csrf=$(get counselor /dashboard; csrf)" \
	--data-urlencode "person=$foreign" --data-urlencode "temperature=36.4" \
	--data-urlencode "city=北京" --data-urlencode "in_city=1" --data-urlencode "on_campus=1" \
	--data-urlencode "abroad=0" --data-urlencode "risk_area=0" \
	--data-urlencode "cohabitant_returned=0" --data-urlencode "returned_to_city=0" \
	--data-urlencode "quarantine=none" --data-urlencode "diagnosis=none"
check "a forged proxy POST outside scope is 403" status_is 403
check "and stores nothing" test "$(sql "SELECT COUNT(*) FROM daily_reports WHERE person_id = $foreign")" = "$before"

# Reminders: once per person and day.
unreported=$(sql "SELECT COUNT(*) FROM counselor_assignments ca WHERE ca.counselor_id = $cid
	AND NOT EXISTS (SELECT 1 FROM daily_reports d WHERE d.person_id = ca.student_id AND d.day = '$today')")
# The dashboard's button asks first, with the number of people (issue 20).
get counselor /dashboard
check "the dashboard's remind button only leads to a confirmation" body_has 'href="/dashboard/remind"'
get counselor /dashboard/remind
check "  which names how many will be reminded" eval 'status_is 200 && grep -q "id=\"remind-count\">[^<]*<strong>$unreported</strong>" "$BODY"'
check "  and reminds nobody by itself" eq "$(sql "SELECT COUNT(*) FROM reminders WHERE day = '$today'")" 0
FORM_PAGE=/dashboard/remind post counselor /dashboard/remind
check "remind redirects with the count" header_has "reminded=$unreported"
msgs=$(sql "SELECT COUNT(*) FROM messages WHERE kind = 'remind' AND body = '$today'")
box=$(sql "SELECT COUNT(*) FROM outbox WHERE payload LIKE '%尚未完成健康打卡%'")
check "one in-app message per unreported student" test "$msgs" -ge "$unreported"
check "one outbox row each" test "$box" -ge "$unreported"
FORM_PAGE=/dashboard post counselor /dashboard/remind
check "a second click reminds nobody" header_has "reminded=0"
get counselor "/dashboard?f=unreported&reminded=0"
check "  and the dashboard still says how many were reminded today" body_has "今日已提醒 $unreported 人"
check "no new messages" test "$(sql "SELECT COUNT(*) FROM messages WHERE kind = 'remind' AND body = '$today'")" = "$msgs"
check "no new outbox rows" test "$(sql "SELECT COUNT(*) FROM outbox WHERE payload LIKE '%尚未完成健康打卡%'")" = "$box"

# CSV: BOM, and cells that would be formulas are neutralised.
victim=$(sql "SELECT ca.student_id FROM counselor_assignments ca WHERE ca.counselor_id = $cid LIMIT 1")
sql "UPDATE people SET name = '=HYPERLINK(\"http://x\")' WHERE id = $victim"
get counselor "/dashboard/export?f=total"
check "CSV export is text/csv" header_has "Content-Type: text/csv"
check "starts with a UTF-8 BOM" test "$(head -c 3 "$BODY" | od -An -tx1 | tr -d ' ')" = efbbbf
check "a formula-like cell is neutralised" grep -q "\"'=HYPERLINK" "$BODY"
check "it has one line per person plus the header" \
	test "$(($(wc -l <"$BODY") - 1))" = "$(sql "SELECT COUNT(*) FROM counselor_assignments WHERE counselor_id = $cid")"
sql "UPDATE people SET name = '测试' WHERE id = $victim"

# The CSV with the day's answers: the report's, in words, and the form's
# own questions asked that day (one retired since: still asked that day).
read -r rnum rid <<<"$(sql "SELECT p.number, d.id FROM counselor_assignments ca JOIN people p ON p.id = ca.student_id
	JOIN daily_reports d ON d.person_id = p.id AND d.day = '$today' WHERE ca.counselor_id = $cid ORDER BY p.id LIMIT 1")"
if [ -z "$rid" ]; then   # no one of theirs has reported yet today: one does
	rnum=$(sql "SELECT p.number FROM counselor_assignments ca JOIN people p ON p.id = ca.student_id
		WHERE ca.counselor_id = $cid ORDER BY p.id LIMIT 1")
	rid=$(sql "INSERT INTO daily_reports (person_id, day, submitted_at, temperature, city, in_city, on_campus, abroad,
		risk_area_14d, quarantine, diagnosis) SELECT id, '$today', NOW(), 36.5, 'x', 1, 0, 0, 0, 'none', 'none'
		FROM people WHERE number = '$rnum'; SELECT LAST_INSERT_ID()")
fi
sql "UPDATE daily_reports SET temperature = 36.6, symptoms = 'cough', city = '杭州', quarantine = 'home', in_city = 1
	WHERE id = $rid;
     INSERT INTO report_questions (position, kind, label_zh, label_en, options_zh, options_en, created_at, created_by, retired_at)
	VALUES (90, 'choice', 'CSV题', 'CSV question', '甲\n乙', 'A\nB', NOW() - INTERVAL 2 DAY, $cid, NOW());
     INSERT INTO report_answers (report_id, question_id, answer) VALUES ($rid, LAST_INSERT_ID(), '2')" >/dev/null
get counselor "/dashboard/export?f=total&answers=1"
check "the CSV with the day's answers: their headers, the form's own question too" eval '
	status_is 200 && head -1 "$BODY" | grep -q "体温" && head -1 "$BODY" | grep -q "CSV题"'
check "  a reported row with its answers in words and the question's option" eval '
	grep "^\"\\?$rnum" "$BODY" | grep "36.6" | grep "杭州" | grep "咳嗽" | grep "居家" | grep -q "乙"'
check "  as many rows as the plain CSV" eq "$(($(wc -l <"$BODY") - 1))" \
	"$(sql "SELECT COUNT(*) FROM counselor_assignments WHERE counselor_id = $cid")"
get counselor "/dashboard/export?f=total&answers=2"
check "  answers=2: 400" status_is 400
get counselor /dashboard
check "the dashboard links to it" body_has 'id="export-answers"'

# The daily summary: submitted once, frozen; old days closed.
get counselor /dashboard/summary
check "the summary form opens" body_has 'name="notes"'
FORM_PAGE=/dashboard/summary post counselor /dashboard/summary --data-urlencode "day=$today" \
	--data-urlencode "notes=3 人请假"
check "the summary is submitted" status_is 303
FORM_PAGE=/dashboard/summary post counselor /dashboard/summary --data-urlencode "day=$today" \
	--data-urlencode "notes=again"
check "a second submission is refused (409)" status_is 409
check "the first stays" test "$(sql "SELECT notes FROM daily_summaries WHERE counselor_id = $cid AND day = '$today'")" = "3 人请假"
old=$(TZ=Asia/Shanghai date -d '3 days ago' +%F)
FORM_PAGE=/dashboard/summary post counselor /dashboard/summary --data-urlencode "day=$old" \
	--data-urlencode "notes=late"
check "a day past its deadline is refused (403)" status_is 403
check "nothing stored for it" test "$(sql "SELECT COUNT(*) FROM daily_summaries WHERE counselor_id = $cid AND day = '$old'")" = 0
if [ "$(TZ=Asia/Shanghai date +%H%M)" -le 1130 ]; then want=303; else want=403; fi
FORM_PAGE=/dashboard/summary post counselor /dashboard/summary --data-urlencode "day=$yday"
check "yesterday is open only until 11:30 ($want now)" status_is $want
login admin
get admin /dashboard/summaries
check "the admin sees who has submitted" body_has "$(sql "SELECT name FROM people WHERE id = $cid")"
