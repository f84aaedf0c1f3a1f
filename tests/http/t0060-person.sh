#!/usr/bin/env bash
# /person: one student's whole record for the staff who have them in scope
# (and for the student themself), and the names that lead there.
. "$(dirname "$0")/lib.sh"

sid=$(sql "SELECT person_id FROM accounts WHERE login = 'student'")
gid=$(sql "SELECT person_id FROM accounts WHERE login = 'grad'")
cid=$(sql "SELECT person_id FROM accounts WHERE login = 'counselor'")
college=$(sql "SELECT college_id FROM people WHERE id = $sid")
foreign=$(sql "SELECT ca.student_id FROM counselor_assignments ca JOIN people p ON p.id = ca.student_id
	WHERE ca.counselor_id <> $cid AND p.college_id <> $college LIMIT 1")
nreports=$(sql "SELECT COUNT(*) FROM daily_reports WHERE person_id = $sid")

login counselor
get counselor "/person?id=$sid"
check "a counselor opens their student's record" status_is 200
check "  with the name and number" eval 'body_has "$(sql "SELECT name FROM people WHERE id = $sid")" &&
	body_has "$(sql "SELECT number FROM people WHERE id = $sid")"'
check "  the card now with its reasons" eval 'body_has "class=\"card card-" && body_has "<ul class=\"reasons\">"'
check "  every daily report ($nreports), each with all its answers in words" eval '
	eq "$(grep -c "<details class=\"report\"" "$BODY")" "$nreports" &&
	body_has "Temperature (°C)" || body_has "体温"'
check "  a calendar of the days" eval 'body_has "<ol class=\"calendar\" id=\"calendar\">" && grep -q "class=\"day-done\"" "$BODY"'
check "  the sections: make-ups, return, arrivals, messages, audit" eval 'body_has "id=\"h-makeups\"" &&
	body_has "id=\"h-return\"" && body_has "id=\"h-arrivals\"" && body_has "id=\"h-messages\"" && body_has "id=\"h-audit\""'
get counselor "/person?id=$sid&lang=en"
check "  in English: yes/no answers in words" eval 'body_has "In the school" && body_has "Quarantine"'

# A report with every answer set, seen on the record in words.
day=$(TZ=Asia/Shanghai date -d '-70 days' +%F)
sql "INSERT INTO daily_reports (person_id, day, submitted_at, temperature, symptoms, city, in_city, on_campus,
	abroad, risk_area_14d, quarantine, diagnosis, other_abnormal, anomaly, anomaly_flags, anomaly_state)
	VALUES ($sid, '$day', '$day 08:00:00', 37.9, 'fever,cough', '武汉', 0, 0, 0, 1, 'home', 'suspected',
	'头痛 <b>', 1, 'fever,symptom,risk_area', 'cleared')" >/dev/null
get counselor "/person?id=$sid&lang=en"
check "the record lists the latest 20 reports in full, and links to earlier ones" eval '
	eq "$(grep -c "<details class=\"report\"" "$BODY")" 20 && ! body_has "id=\"report-$day\"" &&
	grep -q "id=\"reports-earlier\" href=\"/person?id=$sid&amp;to=" "$BODY"'
# Page by page back to that report, as the links go.
pages=0
while ! body_has "id=\"report-$day\"" && [ $pages -lt 10 ]; do
	next=$(grep -o "id=\"reports-earlier\" href=\"[^\"#]*" "$BODY" | sed 's/.*href="//; s/&amp;/\&/g')
	[ -n "$next" ] || break
	get counselor "$next&lang=en"
	pages=$((pages + 1))
done
get counselor "/person?id=$sid&to=2026-13-01"
check "  a malformed day to list from: 400" status_is 400
get counselor "/person?id=$sid&lang=en"
check "  the first page again: the latest reports" body_has "id=\"reports-earlier\""
get counselor "$next&lang=en"
check "  the earlier pages lead to a report of 70 days ago, with a link back to the latest" eval '
	body_has "id=\"report-$day\"" && body_has "id=\"reports-latest\""'
check "  a flagged report: symptoms, quarantine, diagnosis in words, the text escaped" eval '
	grep -A30 "id=\"report-$day\"" "$BODY" >"$T/rep" &&
	grep -q "Fever" "$T/rep" && grep -q "Cough" "$T/rep" && grep -q "At home" "$T/rep" &&
	grep -q "Suspected" "$T/rep" && grep -qF "头痛 &lt;b&gt;" "$T/rep" && grep -q "Temperature of 37.3" "$T/rep"'

# Make-ups and return steps with who took them, travel legs in order: a
# student without an application gets one, reviewed twice, with two legs,
# and a make-up decided by their counselor (made here, so the checks
# always run).
read -r mk mkc <<<"$(sql "SELECT p.id, ca.counselor_id FROM people p
	JOIN counselor_assignments ca ON ca.student_id = p.id WHERE p.identity = 'undergrad'
	AND NOT EXISTS (SELECT 1 FROM return_applications a WHERE a.person_id = p.id) ORDER BY p.id LIMIT 1")"
admin_id=$(sql "SELECT person_id FROM accounts WHERE login = 'admin'")
term=$(sql "SELECT MAX(id) FROM terms")
app=$(sql "INSERT INTO return_applications (term_id, person_id, state, submitted_at)
	VALUES ($term, $mk, 'approved', NOW()); SELECT LAST_INSERT_ID()")
sql "INSERT INTO reviews (application_id, stage, decision, reviewer_id, decided_at, reason) VALUES
	($app, 'first', 'approve', $mkc, NOW() - INTERVAL 2 HOUR, 'first-ok'),
	($app, 'second', 'approve', $admin_id, NOW() - INTERVAL 1 HOUR, 'second-ok');
     INSERT INTO travel_legs (application_id, seq, mode, number, day, from_place, to_place) VALUES
	($app, 10, 'bus', 'B10', '2026-08-30', '站十', '学校'), ($app, 9, 'train', 'G9', '2026-08-30', '家乡', '站十');
     INSERT INTO makeup_requests (person_id, day, reason, state, created_at, decided_by, decided_at)
	VALUES ($mk, CURDATE() - INTERVAL 40 DAY, 'mk-reason', 'rejected', NOW(), $mkc, NOW())" >/dev/null
login admin
get admin "/person?id=$mk&lang=en"
reviewer=$(sql "SELECT name FROM people WHERE id = $mkc")
check "the admin sees a student's review steps with who took them, each once, in order" eval '
	eq "$(grep -o "class=\"review-step\"" "$BODY" | wc -l)" 2 &&
	grep -o "class=\"review-step\".*" "$BODY" | head -1 | grep -q "$reviewer: first-ok" &&
	grep -o "class=\"review-step\".*" "$BODY" | tail -1 | grep -q "second-ok"'
check "  and who decided the make-ups" eval 'body_has "mk-reason" && body_has "$reviewer"'
check "  its travel legs in order (10 after 9: by number, not by text)" eval '
	grep -o "G9 · 家乡\|B10 · 站十" "$BODY" | tr "\n" " " | grep -q "^G9 · 家乡 B10 · 站十 $"'
# What the page costs the database: the session, the person, the card's
# facts, the calendar (its reports, open make-ups and exemptions), the
# page of reports, the applications and what hangs under them, the other
# lists: 8 prepared statements, and one more when a listed report has
# answers to the form's own questions.
stmts() { local b a; b=$(global_status Com_stmt_execute); get admin "$1"; a=$(global_status Com_stmt_execute); echo $((a - b)); }
answers=$(sql "SELECT EXISTS (SELECT 1 FROM (SELECT id FROM daily_reports WHERE person_id = $mk
	ORDER BY day DESC LIMIT 20) r JOIN report_answers a ON a.report_id = r.id)")
check "  the record in 8 prepared statements (9 when a listed report has answers)" eq "$(stmts "/person?id=$mk")" "$((8 + answers))"

# Out of scope: 403 for every role that does not have them.
get counselor "/person?id=$foreign"
check "a counselor may not open another counselor's student: 403" status_is 403
get counselor "/person?id=999999999"
check "an unknown person is 404" status_is 404
get counselor "/person?id=1x"
check "a malformed id is 404, not 500" status_is 404
login reviewer
get reviewer "/person?id=$sid"
check "the college reviewer opens a student of the college" status_is 200
get reviewer "/person?id=$foreign"
check "the college reviewer may not open another college's student: 403" status_is 403
login admin
get admin "/person?id=$foreign"
check "the school admin opens anyone" status_is 200
login student
get student "/person?id=$gid"
check "a student may not open another student's record: 403" status_is 403
get student /person
check "a student opens their own record" eval 'status_is 200 && body_has "id=\"h-audit\""'
login grad
get grad "/person?id=$sid"
check "a graduate student may not open another's: 403" status_is 403
for who in gate dorm; do
	login $who
	get $who "/person?id=$sid"
	check "$who staff may not open a student's record: 403" status_is 403
	get $who /person
	check "$who staff open their own record" status_is 200
done
check "no login: to the login page" turned_away anonymous "/person?id=$sid"

# Names lead to the record; the record leads to the card.
login counselor
get counselor "/dashboard?f=unreported"
check "the dashboard's list links each name to the record" body_has 'href="/person?id='
get counselor /table
check "the big table links names to the record" body_has 'href="/person?id='
get counselor "/card?person=$sid"
check "a staff view of the card links to the record" body_has "href=\"/person?id=$sid\""
get counselor "/person?id=$sid"
check "the record links to the card" body_has "href=\"/card?person=$sid\""

# The calendar says, day by day, what the database says: its reference is
# the query of /checkin/calendar's states with the days nothing was asked
# (the page works it out from its lists). Another student of the counselor
# gets every state: days missed, an exemption over a pending request, a
# pending, an approved and a rejected request, a report sent back, one
# quick-filled, one made up, and an ended exemption that counts for nothing.
s2=$(sql "SELECT student_id FROM counselor_assignments WHERE counselor_id = $cid AND student_id NOT IN ($sid, $gid)
	ORDER BY student_id LIMIT 1")
ago() { TZ=Asia/Shanghai date -d "-$1 days" +%F; }
sql "DELETE FROM report_positions WHERE report_id IN (SELECT id FROM daily_reports WHERE person_id = $s2 AND day BETWEEN '$(ago 12)' AND '$(ago 2)');
	DELETE FROM daily_reports WHERE person_id = $s2 AND (day BETWEEN '$(ago 12)' AND '$(ago 2)' OR day = '$(ago 0)');
	DELETE FROM makeup_requests WHERE person_id = $s2 AND day >= '$(ago 60)';
	INSERT INTO makeup_requests (person_id, day, reason, state, created_at) VALUES
	 ($s2, '$(ago 11)', 'x', 'pending', NOW()), ($s2, '$(ago 10)', 'x', 'approved', NOW()),
	 ($s2, '$(ago 9)', 'x', 'rejected', NOW()), ($s2, '$(ago 5)', 'x', 'pending', NOW());
	INSERT INTO checkin_exemptions (kind, person_id, reason, starts_on, ends_on, created_by, created_at) VALUES
	 ('person', $s2, 'calendar test', '$(ago 6)', '$(ago 4)', $cid, NOW());
	INSERT INTO checkin_exemptions (kind, person_id, reason, starts_on, ends_on, created_by, created_at, ended_by, ended_at)
	 VALUES ('person', $s2, 'calendar test', '$(ago 3)', NULL, $cid, NOW(), $cid, NOW());
	UPDATE daily_reports SET anomaly = 1, anomaly_state = 'sent_back' WHERE person_id = $s2 AND day = '$(ago 13)';
	UPDATE daily_reports SET bulk_filled_by = $cid WHERE person_id = $s2 AND day = '$(ago 14)';
	UPDATE daily_reports SET is_makeup = 1 WHERE person_id = $s2 AND day = '$(ago 15)'" >/dev/null
calendar_ref() {
	sql "WITH RECURSIVE days(d) AS (SELECT CAST('$(ago 59)' AS DATE)
		UNION ALL SELECT d + INTERVAL 1 DAY FROM days WHERE d < '$(ago 0)')
	SELECT CONCAT(days.d, ' ', CASE WHEN dr.anomaly_state = 'sent_back' THEN 'sent_back'
		WHEN dr.id IS NOT NULL AND dr.bulk_filled_by IS NOT NULL THEN 'bulk'
		WHEN dr.id IS NOT NULL AND dr.is_makeup THEN 'made_up'
		WHEN dr.id IS NOT NULL THEN 'done'
		WHEN EXISTS (SELECT 1 FROM checkin_exemptions e WHERE e.ended_at IS NULL AND e.starts_on <= days.d
			AND (e.ends_on IS NULL OR e.ends_on >= days.d)
			AND (e.person_id = p.id OR e.class_id = p.class_id OR e.status = p.status)) THEN 'exempt'
		WHEN days.d = '$(ago 0)' THEN 'today'
		WHEN mr.state = 'pending' THEN 'pending' WHEN mr.state = 'approved' THEN 'approved'
		ELSE 'missed' END)
	FROM days JOIN people p ON p.id = $1
	LEFT JOIN daily_reports dr ON dr.person_id = p.id AND dr.day = days.d
	LEFT JOIN makeup_requests mr ON mr.person_id = p.id AND mr.open_day = days.d ORDER BY days.d DESC"
}
calendar_page() {
	sed -n 's/.*<li class="day-\([a-z_]*\)"><span class="date">\([0-9-]*\)<.*/\2 \1/p' "$BODY"
}
calendar_ref "$s2" >"$T/cal-ref"
get counselor "/person?id=$s2"
calendar_page >"$T/cal-page"
check "the calendar: 60 days, each in the state the database gives" eval '
	eq "$(wc -l <"$T/cal-page")" 60 && diff "$T/cal-ref" "$T/cal-page"'
check "  with every state among them" eval 'for st in done missed exempt today pending approved sent_back bulk made_up; do
	grep -q " $st\$" "$T/cal-page" || { echo "# no $st"; false; }; done'
check "  the exempt days over a pending request, the rejected one missed" eval '
	grep -qx "$(ago 5) exempt" "$T/cal-page" && grep -qx "$(ago 9) missed" "$T/cal-page" &&
	grep -qx "$(ago 3) missed" "$T/cal-page"'
sql "UPDATE checkin_exemptions SET ended_at = NOW(), ended_by = $cid WHERE person_id = $s2 AND ended_at IS NULL" >/dev/null
for who in student grad; do
	p=$(sql "SELECT person_id FROM accounts WHERE login = '$who'")
	calendar_ref "$p" >"$T/cal-ref"
	get counselor "/person?id=$p"
	calendar_page >"$T/cal-page"
	check "  and $who's calendar too" eval 'eq "$(wc -l <"$T/cal-page")" 60 && diff "$T/cal-ref" "$T/cal-page"'
done
