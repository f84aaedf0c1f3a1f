#!/usr/bin/env bash
# 快速填充未报数据 (seed 004, 3.2; issue 16): a counselor fills every
# unreported member of a class of theirs from each one's last report, after
# a page that names who is filled and who is skipped (no earlier report, an
# abnormal last report). Each such report is marked as bulk-filled by the
# counselor, "data not confirmed by the student", audited; a student who
# reported meanwhile keeps their own report; the student's own check-in
# that day replaces the copy in place; the stored card facts stay right.
. "$(dirname "$0")/lib.sh"

today=$(TZ=Asia/Shanghai date +%F)
d1=$(TZ=Asia/Shanghai date -d '-1 day' +%F)
d3=$(TZ=Asia/Shanghai date -d '-3 day' +%F)
cid=$(sql "SELECT person_id FROM accounts WHERE login = 'counselor'")
college=$(sql "SELECT college_id FROM people WHERE id = $cid")
hash=$(sql "SELECT pw_hash FROM accounts WHERE login = 'student'")

# A class of the counselor's with seven students: a and b reported on
# earlier days, c never, d's last report had a fever, e reported today,
# f and g are for the race below.
sql "INSERT INTO org_units (kind, parent_id, code, name) VALUES ('class', $college, 'T86', 'T86班')" >/dev/null
class=$(sql "SELECT id FROM org_units WHERE kind = 'class' AND code = 'T86'")
for x in a b c d e f g; do
	sql "INSERT INTO people (number, name, identity, college_id, class_id) VALUES
		('T86$x', '快填$x', 'undergrad', $college, $class)" >/dev/null
done
id() { sql "SELECT id FROM people WHERE number = 'T86$1'"; }
a=$(id a); b=$(id b); c=$(id c); d=$(id d); e=$(id e); f=$(id f); g=$(id g)
sql "INSERT INTO counselor_classes (class_id, counselor_id, since) VALUES ($class, $cid, NOW());
	INSERT INTO counselor_assignments (student_id, counselor_id)
		SELECT id, $cid FROM people WHERE class_id = $class;
	INSERT INTO accounts (person_id, login, pw_hash) SELECT id, LOWER(number), '$hash'
		FROM people WHERE class_id = $class;
	INSERT INTO basic_info (person_id, phone, home_address, emergency_contact, emergency_phone,
		boarding, filled_at) SELECT id, '13800138000', '北京', '家长', '13900139000', 1, NOW()
		FROM people WHERE class_id = $class;
	INSERT INTO daily_reports (person_id, day, submitted_at, temperature, city, in_city, on_campus)
		SELECT id, '$d3', '$d3 08:00', 36.4, '北京', 1, 1 FROM people WHERE id IN ($a, $b, $f, $g);
	INSERT INTO daily_reports (person_id, day, submitted_at, temperature, city, in_city, on_campus)
		VALUES ($a, '$d1', '$d1 08:00', 36.7, '天津', 0, 0);
	INSERT INTO daily_reports (person_id, day, submitted_at, temperature, symptoms, city, in_city,
		on_campus, anomaly, anomaly_flags, anomaly_state)
		VALUES ($d, '$d1', '$d1 08:00', 38.2, 'fever', '北京', 1, 1, 1, 'fever,symptom', 'cleared');
	INSERT INTO daily_reports (person_id, day, submitted_at, temperature, city, in_city, on_campus)
		VALUES ($e, '$today', NOW(), 36.5, '北京', 1, 1)" >/dev/null

# Who may: the counselor; nobody else.
for who in student reviewer admin gate; do
	login $who
	get $who "/group/quickfill?class=$class"
	check "$who may not open the quick-fill: 403" status_is 403
done
check "no login: to the login page" turned_away anonymous "/group/quickfill?class=$class"
login counselor
get counselor /group
check "the counselor's groups: the class with its unreported" eval 'status_is 200 &&
	body_has "id=\"group-$class\"" && body_has "id=\"unreported-$class\">6<" &&
	body_has "id=\"reported-$class\">1<" && body_has "id=\"members-$class\">7<"'
check "  linked from the menu" body_has 'href="/group"'

# The confirmation page: who is filled, who is skipped and why, by name.
get counselor "/group/quickfill?class=$class"
check "the confirmation lists who is filled (a, b, f, g) with their last day" eval 'status_is 200 &&
	body_has "id=\"fill-$a\"" && body_has "id=\"fill-$b\"" && body_has "id=\"fill-$f\"" &&
	body_has "id=\"will-fill\">4<" && body_has "$d1"'
check "  names c, skipped for having no earlier report" eval 'body_has "id=\"none-$c\"" && body_has "快填c" &&
	body_lacks "id=\"fill-$c\""'
check "  names d, skipped for an abnormal last report" eval 'body_has "id=\"abnormal-$d\"" &&
	body_lacks "id=\"fill-$d\""'
check "  and leaves out e, who reported" eval 'body_lacks "fill-$e\"" && body_lacks "none-$e\""'
check "  nothing is written by looking" eq "$(sql "SELECT COUNT(*) FROM daily_reports WHERE day = '$today'
	AND person_id IN ($a, $b, $c, $d)")" 0
tok=$(csrf)

# Meanwhile b checks in: b's own report must stay.
login t86b
report t86b 36.9
check "b checks in while the page is open" status_is 303

audit0=$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'report.bulk_fill'")
req counselor POST /group/quickfill --data-urlencode "csrf=$tok" --data-urlencode "class=$class" \
	-d "id=$a" -d "id=$b" -d "id=$c" -d "id=$d"
check "the quick-fill: 303 with its counts (1 filled, 1 reported meanwhile, 1 none, 1 abnormal)" eval '
	status_is 303 && header_has "Location: /group?filled=1&reported=1&none=1&abnormal=1"'
check "  a's report of today: a copy of a's last, bulk-filled by the counselor" eq \
	"$(sql "SELECT CONCAT_WS(',', temperature, city, in_city, filled_by, bulk_filled_by, anomaly)
		FROM daily_reports WHERE person_id = $a AND day = '$today'")" "36.7,天津,0,$cid,$cid,0"
check "  b's own report stays as b gave it" eq \
	"$(sql "SELECT CONCAT_WS(',', temperature, COALESCE(filled_by, 'self'), COALESCE(bulk_filled_by, 'none'))
		FROM daily_reports WHERE person_id = $b AND day = '$today'")" "36.9,self,none"
check "  c and d have no report" eq "$(sql "SELECT COUNT(*) FROM daily_reports WHERE day = '$today'
	AND person_id IN ($c, $d)")" 0
check "  one audit row, report.bulk_fill for a by the counselor" eval '
	eq "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = '"'report.bulk_fill'"'")" "$((audit0 + 1))" &&
	eq "$(sql "SELECT CONCAT(actor_id, '"'/'"', subject_person_id) FROM audit_log
		WHERE action = '"'report.bulk_fill'"' ORDER BY id DESC LIMIT 1")" "$cid/$a"'
hc_facts check >"$T/facts" 2>&1
check "hc-facts check: no difference after the fill ($(tail -1 "$T/facts"))" grep -qx "0 rows differ" "$T/facts"
check "  the bulk-filled day counts as reported on the card's facts" eq \
	"$(sql "SELECT COUNT(*) FROM card_facts WHERE person_id = $a AND reported_to = '$today'")" \
	"$(sql "SELECT COUNT(*) FROM card_facts WHERE person_id = $a")"

# The counselor sees the mark: the group, the person, the card.
get counselor "/group?filled=1&reported=1&none=1&abnormal=1"
check "the group page: what the fill did, one quick-filled report awaiting confirmation" eval '
	body_has "id=\"quickfill-done\"" && body_has "id=\"filled-n\">1<" && body_has "id=\"bulk-$class\">1<"'
get counselor "/person?id=$a"
check "  the student's record marks the day: quick-filled, not confirmed" eval 'status_is 200 &&
	body_has "数据未经本人确认" && body_has "day-bulk"'
get counselor "/card?person=$a"
check "  and so does their card" eval 'status_is 200 && body_has "id=\"bulk-note\""'

# The student sees it, and replaces it with their own check-in.
login t86a
get t86a /card
check "a's card: today quick-filled by the counselor, not confirmed, a button to replace it" eval '
	body_has "id=\"bulk-note\"" && body_has "数据未经本人确认" && body_has "id=\"bulk-replace\""'
get t86a /checkin/calendar
check "  the calendar marks the day" eval 'body_has "day-bulk" && body_has "已快速填充"'
get t86a /checkin
check "  /checkin: the form again, from the last report, saying what was filled" eval 'status_is 200 &&
	body_has "id=\"bulk-note\"" && body_has "name=\"temperature\""'
rid=$(sql "SELECT id FROM daily_reports WHERE person_id = $a AND day = '$today'")
report t86a 36.3
check "a's own check-in replaces the quick-filled one: 303" status_is 303
check "  the same row, now a's: no bulk mark, no filler, a's answers" eq \
	"$(sql "SELECT CONCAT_WS(',', id, temperature, city, COALESCE(filled_by, 'self'), COALESCE(bulk_filled_by, 'none'))
		FROM daily_reports WHERE person_id = $a AND day = '$today'")" "$rid,36.3,北京,self,none"
check "  the copy kept in the history, audited as report.confirm_bulk" eval '
	eq "$(sql "SELECT COUNT(*) FROM daily_report_history WHERE report_id = $rid")" 1 &&
	eq "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = '"'report.confirm_bulk'"' AND subject_person_id = $a")" 1'
hc_facts check >"$T/facts" 2>&1
check "hc-facts check: no difference after the replacement ($(tail -1 "$T/facts"))" grep -qx "0 rows differ" "$T/facts"
get t86a /card
check "  a's card: done today, no bulk note" eval 'body_lacks "id=\"bulk-note\"" && body_has "today-done"'
report t86a 36.4
check "  a second check-in of a's: 409, as ever" status_is 409

# A quick-fill never lands on a report, the student's or its own.
login counselor
get counselor "/group/quickfill?class=$class"
tok=$(csrf)
req counselor POST /group/quickfill --data-urlencode "csrf=$tok" --data-urlencode "class=$class" -d "id=$a" -d "id=$e"
check "quick-filling a and e again: nothing filled, both reported" eval 'status_is 303 &&
	header_has "filled=0&reported=2"'
check "  a's report untouched" eq "$(sql "SELECT temperature FROM daily_reports WHERE person_id = $a AND day = '$today'")" 36.3

# Bad input.
req counselor POST /group/quickfill --data-urlencode "csrf=$tok" --data-urlencode "class=$class"
check "nobody listed: 400" status_is 400
req counselor POST /group/quickfill --data-urlencode "csrf=$tok" --data-urlencode "class=$class" -d "id=abc"
check "an id that is not one: 400" status_is 400
other=$(sql "SELECT id FROM org_units WHERE kind = 'class' AND id NOT IN
	(SELECT class_id FROM counselor_classes WHERE counselor_id = $cid) LIMIT 1")
get counselor "/group/quickfill?class=$other"
check "another counselor's class: 404" status_is 404
req counselor POST /group/quickfill --data-urlencode "csrf=$tok" --data-urlencode "class=$other" -d "id=$c"
check "  and its quick-fill: 404, nothing written" eval 'status_is 404 &&
	eq "$(sql "SELECT COUNT(*) FROM daily_reports WHERE person_id = $c AND day = '"'$today'"'")" 0'
stranger=$(sql "SELECT ca.student_id FROM counselor_assignments ca JOIN daily_reports r ON r.person_id = ca.student_id
	WHERE ca.counselor_id <> $cid AND NOT EXISTS (SELECT 1 FROM daily_reports t WHERE t.person_id = ca.student_id
	AND t.day = '$today') LIMIT 1")
req counselor POST /group/quickfill --data-urlencode "csrf=$tok" -d "id=$stranger"
check "a student who is not the counselor's: skipped, nothing written" eval 'status_is 303 &&
	header_has "filled=0" && eq "$(sql "SELECT COUNT(*) FROM daily_reports WHERE person_id = $stranger
	AND day = '"'$today'"'")" 0'
req counselor POST /group/quickfill -d "class=$class" -d "id=$c"
check "no CSRF token: 403" status_is 403

# The race: f and g check in while the counselor's quick-fill runs. In
# either order the student's own report is what stands (first: the fill
# skips them; second: theirs replaces the copy), and the facts hold.
login t86f; login t86g
get t86f /checkin; ftok=$(csrf)
get t86g /checkin; gtok=$(csrf)
get counselor "/group/quickfill?class=$class"; ctok=$(csrf)
own() {
	curl -s -o /dev/null -w '%{http_code}\n' -b "$T/jar.$1" -H "Referer: $URL/checkin" -H "Origin: ${URL%"$PFX"}" \
		--data-urlencode "csrf=$2" --data-urlencode temperature=36.8 --data-urlencode city=上海 \
		-d in_city=0 -d on_campus=0 -d abroad=0 -d risk_area=0 -d cohabitant_returned=0 \
		-d returned_to_city=0 -d quarantine=none -d diagnosis=none "$URL/checkin" >"$T/own.$1"
}
own t86f "$ftok" & p1=$!
curl -s -o /dev/null -w '%{http_code}\n' -b "$T/jar.counselor" -H "Referer: $URL/group/quickfill" -H "Origin: ${URL%"$PFX"}" \
	--data-urlencode "csrf=$ctok" -d "class=$class" -d "id=$f" -d "id=$g" "$URL/group/quickfill" >"$T/fill" & p2=$!
own t86g "$gtok" & p3=$!
wait $p1 $p2 $p3
check "the race: both check-ins 303, the fill 303" eval 'eq "$(cat "$T/own.t86f")$(cat "$T/own.t86g")$(cat "$T/fill")" 303303303'
check "  f's and g's reports are their own (上海, no bulk mark)" eq \
	"$(sql "SELECT GROUP_CONCAT(CONCAT_WS(',', city, COALESCE(bulk_filled_by, 'none')) ORDER BY person_id SEPARATOR ';')
		FROM daily_reports WHERE person_id IN ($f, $g) AND day = '$today'")" "上海,none;上海,none"
hc_facts check >"$T/facts" 2>&1
check "hc-facts check: no difference after the race ($(tail -1 "$T/facts"))" grep -qx "0 rows differ" "$T/facts"
