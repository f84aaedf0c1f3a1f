#!/usr/bin/env bash
# Issue 21: the daily form's optional questions. The school admin adds
# them on /policy/questions (type, required, options, both languages),
# moves and retires them, each change audited with old and new values.
# The student's form shows the active ones in order; a required one left
# out re-renders the form with the values and a message on that field and
# stores nothing; the answers are stored with the report. A retired
# question leaves the form, its answers stay readable on /person. With no
# question active, the check-in spends no statement on them (counted).
. "$(dirname "$0")/lib.sh"

today=$(TZ=Asia/Shanghai date +%F)
for who in student counselor reviewer gate admin; do login "$who"; done
for who in student counselor reviewer gate; do
	get "$who" /policy/questions
	check "$who GET /policy/questions: 403" status_is 403
	FORM_PAGE=/password post "$who" /policy/questions --data-urlencode kind=yesno \
		--data-urlencode label_zh=x --data-urlencode label_en=x
	check "$who POST /policy/questions: 403" status_is 403
	FORM_PAGE=/password post "$who" /policy/question_retire --data-urlencode id=1
	check "$who POST /policy/question_retire: 403" status_is 403
done
get admin /policy
check "/policy links to the questions" body_has 'href="/policy/questions"'
get admin /policy/questions
check "none at first" eval 'status_is 200 && body_has "id=\"q-none\""'

nq() { sql "SELECT COUNT(*) FROM report_questions"; }
FORM_PAGE=/policy/questions post admin /policy/questions --data-urlencode kind=choice \
	--data-urlencode label_zh=住在哪栋楼 --data-urlencode label_en="Which building" \
	--data-urlencode $'options_zh=一号楼' --data-urlencode $'options_en=Building 1'
check "a choice with one option: 400, the message on its options, the values kept, nothing stored" eval 'status_is 400 &&
	body_has "id=\"q-options_zh-err\"" && body_has "value=\"住在哪栋楼\"" && eq "$(nq)" 0'
FORM_PAGE=/policy/questions post admin /policy/questions --data-urlencode kind=choice \
	--data-urlencode label_zh=住在哪栋楼 --data-urlencode label_en="Which building" \
	--data-urlencode $'options_zh=一号楼\n二号楼\n三号楼' --data-urlencode $'options_en=Building 1\nBuilding 2'
check "options not as many in English: 400 on options_en, nothing stored" eval 'status_is 400 &&
	body_has "id=\"q-options_en-err\"" && eq "$(nq)" 0'
FORM_PAGE=/policy/questions post admin /policy/questions --data-urlencode kind=yesno --data-urlencode label_zh=今日是否接种疫苗
check "no English text: 400, nothing stored" eval 'status_is 400 && body_has "id=\"q-label_en-err\"" && eq "$(nq)" 0'

# Three questions: a required yes/no, an optional choice, an optional number.
FORM_PAGE=/policy/questions post admin /policy/questions --data-urlencode kind=yesno --data-urlencode required=1 \
	--data-urlencode label_zh=今日是否接种疫苗 --data-urlencode label_en="Vaccinated today"
check "a required yes/no added: 303" eval 'status_is 303 && header_has "Location: /policy/questions?added="'
q1=$(sql "SELECT MAX(id) FROM report_questions")
FORM_PAGE=/policy/questions post admin /policy/questions --data-urlencode kind=choice \
	--data-urlencode label_zh=住在哪栋楼 --data-urlencode label_en="Which building" \
	--data-urlencode $'options_zh=一号楼\r\n二号楼\r\n\r\n三号楼\r\n' --data-urlencode $'options_en=Building 1\nBuilding 2\nBuilding 3'
q2=$(sql "SELECT MAX(id) FROM report_questions")
FORM_PAGE=/policy/questions post admin /policy/questions --data-urlencode kind=number \
	--data-urlencode label_zh=今日步数 --data-urlencode label_en="Steps today"
q3=$(sql "SELECT MAX(id) FROM report_questions")
check "three questions active, counted on the policies row" eq "$(sql "SELECT questions_n FROM policies")" 3
check "  a choice's options stored one a line, blank lines left out" eq \
	"$(sql "SELECT REPLACE(options_zh, '\n', '|') FROM report_questions WHERE id = $q2")" "一号楼|二号楼|三号楼"
check "  each addition audited with its new values" eq "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'question.add'
	AND detail LIKE '%\"new\"%' AND object_id IN ($q1, $q2, $q3)")" 3
get admin /policy/questions
check "the admin's list, in order" eval 'status_is 200 && [ "$(grep -o "data-id=\"[0-9]*\" data-kind" "$BODY" | grep -o "[0-9]*" | paste -sd,)" = "$q1,$q2,$q3" ]'

# A student without today's report.
num=$(sql "SELECT p.number FROM people p JOIN accounts a ON a.person_id = p.id
	WHERE p.identity = 'undergrad' AND p.id > 7 AND NOT EXISTS (SELECT 1 FROM daily_reports d
	WHERE d.person_id = p.id AND d.day = '$today') AND EXISTS (SELECT 1 FROM basic_info b
	WHERE b.person_id = p.id) ORDER BY p.id LIMIT 1")
pid=$(sql "SELECT id FROM people WHERE number = '$num'")
login "$num"
get "$num" /checkin
check "the student's form asks them, in order" eval 'status_is 200 &&
	[ "$(grep -o "id=\"field-q[0-9]*\"" "$BODY" | grep -o "[0-9]*" | paste -sd,)" = "$q1,$q2,$q3" ] &&
	body_has "今日是否接种疫苗" && body_has "二号楼"'
get "$num" "/checkin?lang=en"
check "  in English too" eval 'body_has "Vaccinated today" && body_has "Building 2" && body_lacks "二号楼"'
reports() { sql "SELECT COUNT(*) FROM daily_reports WHERE person_id = $pid AND day = '$today'"; }
report "$num" 36.5 --data-urlencode "q$q2=2" --data-urlencode "q$q3=8000"
check "the required one left out: 400, a message on it, the values kept, nothing stored" eval 'status_is 400 &&
	body_has "id=\"err-q$q1\"" && body_has "value=\"36.5\"" && body_has "value=\"8000\"" &&
	grep -q "name=\"q$q2\" value=\"2\" checked" "$BODY" && eq "$(reports)" 0'
report "$num" 36.5 --data-urlencode "q$q1=1" --data-urlencode "q$q2=7" --data-urlencode "q$q3=lots"
check "an option that is not one and a number that is not: 400 on both, nothing stored" eval 'status_is 400 &&
	body_has "id=\"err-q$q2\"" && body_has "id=\"err-q$q3\"" && body_lacks "id=\"err-q$q1\"" && eq "$(reports)" 0'
report "$num" 36.5 --data-urlencode "q$q1=1" --data-urlencode "q$q2=2"
check "answered: 303, the report stored" eval 'status_is 303 && eq "$(reports)" 1'
check "  with its answers (the optional one left out not stored)" eq "$(sql "SELECT GROUP_CONCAT(CONCAT(a.question_id, '=', a.answer)
	ORDER BY a.question_id) FROM report_answers a JOIN daily_reports d ON d.id = a.report_id
	WHERE d.person_id = $pid AND d.day = '$today'")" "$q1=1,$q2=2"
get "$num" "/checkin?lang=zh-CN"
check "  the student's day shows them" eval 'body_has "今日是否接种疫苗" && body_has "二号楼"'
get "$num" /person/export
check "  and the student's export holds them with what was asked" eval 'status_is 200 && python3 -c "
import json, sys
d = json.load(open(sys.argv[1]))
a = [r[\"answers\"] for r in d[\"daily_reports\"] if r[\"day\"] == sys.argv[2]][0]
sys.exit(not (a[0][\"question_zh\"] == \"今日是否接种疫苗\" and a[0][\"answer\"] == \"1\" and a[1][\"answer\"] == \"2\" and len(a) == 2))
" "$BODY" "$today"'

# Moved: the choice first.
FORM_PAGE=/policy/questions post admin /policy/question_move --data-urlencode "id=$q2" --data-urlencode dir=up
check "moved up: 303" status_is 303
get admin /policy/questions
check "  the order follows" eval '[ "$(grep -o "data-id=\"[0-9]*\" data-kind" "$BODY" | grep -o "[0-9]*" | paste -sd,)" = "$q2,$q1,$q3" ]'
check "  audited with the old and new order" eq "$(sql "SELECT detail FROM audit_log WHERE action = 'question.move' ORDER BY id DESC LIMIT 1")" \
	"{\"old\":{\"order\":[$q1,$q2,$q3]},\"new\":{\"order\":[$q2,$q1,$q3]}}"

# Retired: off the form, its answers kept and shown.
FORM_PAGE=/policy/questions post admin /policy/question_retire --data-urlencode "id=$q1"
check "the yes/no retired: 303" eval 'status_is 303 && header_has "Location: /policy/questions?retired=$q1"'
FORM_PAGE=/policy/questions post admin /policy/question_retire --data-urlencode "id=$q1"
check "  retiring it again: 404" status_is 404
check "  audited with what it was and when it was retired" eq "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'question.retire'
	AND object_id = $q1 AND JSON_VALUE(detail, '\$.old.kind') = 'yesno' AND JSON_VALUE(detail, '\$.old.label_en') = 'Vaccinated today'
	AND JSON_VALUE(detail, '\$.new.retired_at') LIKE '2%'")" 1
check "  its answers kept" eq "$(sql "SELECT COUNT(*) FROM report_answers WHERE question_id = $q1")" 1
check "  two questions active" eq "$(sql "SELECT questions_n FROM policies")" 2
other=$(sql "SELECT p.number FROM people p JOIN accounts a ON a.person_id = p.id
	WHERE p.identity = 'undergrad' AND p.id > $pid AND NOT EXISTS (SELECT 1 FROM daily_reports d
	WHERE d.person_id = p.id AND d.day = '$today') AND EXISTS (SELECT 1 FROM basic_info b
	WHERE b.person_id = p.id) ORDER BY p.id LIMIT 1")
login "$other"
get "$other" /checkin
check "a retired question is off the form" eval 'status_is 200 && body_lacks "id=\"field-q$q1\"" && body_has "id=\"field-q$q2\""'
get admin "/person?id=$pid"
check "/person shows the day's answers, the retired question's marked" eval 'status_is 200 &&
	grep "今日是否接种疫苗" "$BODY" | grep -q "已停用" && body_has "二号楼"'
get admin "/person?id=$pid&lang=en"
check "  in English" eval 'body_has "Vaccinated today" && body_has "Building 2"'

# The check-in's statements: none spent on questions when none is active.
# One question active and answered costs two (read them, store the answer).
for q in $q2 $q3; do FORM_PAGE=/policy/questions post admin /policy/question_retire --data-urlencode "id=$q"; done
check "every question retired: the row says 0" eq "$(sql "SELECT questions_n FROM policies")" 0
read -r s1 s2 <<<"$(sql "SELECT p.number FROM people p JOIN accounts a ON a.person_id = p.id
	WHERE p.identity = 'undergrad' AND p.id > 7 AND NOT EXISTS (SELECT 1 FROM daily_reports d
	WHERE d.person_id = p.id AND d.day = '$today') AND EXISTS (SELECT 1 FROM basic_info b
	WHERE b.person_id = p.id) AND EXISTS (SELECT 1 FROM daily_reports d WHERE d.person_id = p.id)
	ORDER BY p.id LIMIT 2" | paste -sd' ')"
statements() {  # statements WHO [curl args]: prepared statements the check-in's POST runs
	local who=$1 tok before after
	shift
	get "$who" /checkin
	tok=$(csrf)
	before=$(global_status Com_stmt_execute)
	req "$who" POST /checkin --data-urlencode "csrf=$tok" --data-urlencode "temperature=36.4" \
		--data-urlencode "city=北京" --data-urlencode "in_city=1" --data-urlencode "on_campus=0" \
		--data-urlencode "abroad=0" --data-urlencode "risk_area=0" \
		--data-urlencode "cohabitant_returned=0" --data-urlencode "returned_to_city=0" \
		--data-urlencode "quarantine=none" --data-urlencode "diagnosis=none" "$@"
	after=$(global_status Com_stmt_execute)
	echo $((after - before))   # (SHOW is no prepared statement)
}
login "$s1"; login "$s2"
form_statements() {  # form_statements WHO: prepared statements GET /checkin runs
	local before after
	before=$(global_status Com_stmt_execute)
	get "$1" /checkin
	after=$(global_status Com_stmt_execute)
	echo $((after - before))
}
g0=$(form_statements "$s2")
n0=$(statements "$s1")
# One who arrived through the gate (not out on leave) files the on-campus
# check-in: the POST decides it in the report's own transaction (no
# statement of its own), the form's GET reads it once.
# (One whose login works and who sees that form: other tests may have
# changed some accounts.)
s3=
for who in $(sql "SELECT a.login FROM people p JOIN accounts a ON a.person_id = p.id
	JOIN card_facts f ON f.person_id = p.id AND f.arrived_at IS NOT NULL AND f.term_id = (SELECT t.id
	FROM terms t WHERE t.starts_on <= CURDATE() AND t.ends_on >= CURDATE() ORDER BY t.starts_on DESC LIMIT 1)
	WHERE p.identity = 'undergrad' AND p.id > 7 AND p.number <> '$s2' AND NOT EXISTS (SELECT 1
	FROM daily_reports d WHERE d.person_id = p.id AND d.day = '$today') AND EXISTS (SELECT 1
	FROM basic_info b WHERE b.person_id = p.id) AND EXISTS (SELECT 1 FROM daily_reports d
	WHERE d.person_id = p.id) AND NOT EXISTS (SELECT 1 FROM leaves l WHERE l.person_id = p.id AND l.exited_at IS NOT NULL
	AND l.returned_at IS NULL) ORDER BY p.id LIMIT 20"); do
	login "$who"
	get "$who" /checkin
	if status_is 200 && body_has 'id="on-campus"'; then s3=$who; break; fi
done
check "an arrived student who gets the on-campus form ($s3)" test -n "$s3"
g2=$(form_statements "$s3")
n2=$(statements "$s3")
check "  the on-campus check-in stored, the city its last report's" eq \
	"$(sql "SELECT d.city = (SELECT e.city FROM daily_reports e WHERE e.person_id = d.person_id
	AND e.day < d.day ORDER BY e.day DESC LIMIT 1) FROM daily_reports d JOIN people p ON p.id = d.person_id
	JOIN accounts a ON a.person_id = p.id WHERE a.login = '$s3' AND d.day = '$today'")" 1
FORM_PAGE=/policy/questions post admin /policy/questions --data-urlencode kind=text \
	--data-urlencode label_zh=备注 --data-urlencode label_en=Notes
q4=$(sql "SELECT MAX(id) FROM report_questions")
g1=$(form_statements "$s2")
n1=$(statements "$s2" --data-urlencode "q$q4=无")
# Counted on one server: on the cluster the requests take turns between
# two hosts on two nodes, and one node's counter sees half of them.
if [ -z "$HC_PORT_B" ]; then
	echo "# check-in POST: $n0 prepared statements with no question, $n1 with one answered, $n2 on campus; GET /checkin: $g0, $g1, $g2 on campus"
	check "on campus: the check-in's POST spends no statement on deciding so ($n2 = $n0)" eq "$n2" "$n0"
	check "on campus: the form's GET reads it once, as off campus ($g2 = $g0)" eq "$g2" "$g0"
	check "no question active: the form spends none on them ($g0; one asked: $g1 = $g0 + 1)" eq "$g1" "$((g0 + 1))"
	check "no question active: the check-in spends none on them ($n0; one answered: $n1 = $n0 + 2)" eq "$n1" "$((n0 + 2))"
else
	check "on the cluster too, the check-ins with and without a question stored" eq \
		"$(sql "SELECT COUNT(*) FROM daily_reports d JOIN people p ON p.id = d.person_id
		WHERE p.number IN ('$s1', '$s2') AND d.day = '$today'")" 2
fi
FORM_PAGE=/policy/questions post admin /policy/question_retire --data-urlencode "id=$q4"
check "left as found: no question active" eq "$(sql "SELECT questions_n FROM policies")" 0
check "the card facts hold (hc-facts check)" eval 'hc_facts check >"$T/facts" 2>&1 || { tail -3 "$T/facts"; false; }'
