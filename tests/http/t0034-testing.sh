#!/usr/bin/env bash
# Issue 21: central testing results (集中检测, seed 000) on /testing. An
# import (.csv or .xlsx) is all or nothing, every bad row named with its
# line and column; the big table's 是否在本地检测 (and so the report's
# 通过集中检测) counts the negative results; a positive result turns the card
# red with its day, a later negative one (recorded by hand by the
# counselor) turns it back; the card facts hold throughout.
. "$(dirname "$0")/lib.sh"

B=$ROOT/build
today=$(TZ=Asia/Shanghai date +%F)
for who in student grad counselor reviewer admin gate dorm; do login "$who"; done
for who in student grad reviewer gate dorm; do
	get "$who" /testing
	check "$who GET /testing: 403" status_is 403
done
for who in student grad counselor reviewer gate dorm; do
	FORM_PAGE=/password post "$who" /testing/import
	check "$who POST /testing/import: 403" status_is 403
done
for who in student grad reviewer gate dorm; do
	FORM_PAGE=/password post "$who" /testing/record --data-urlencode number=1
	check "$who POST /testing/record: 403" status_is 403
done
check "no login: to the login page" turned_away anonymous /testing
get counselor /testing
check "the counselor opens /testing: the form by hand, no import" eval 'status_is 200 &&
	body_has "id=\"record-form\"" && body_lacks "id=\"import-form\"" && body_has "href=\"/testing\""'
get admin /testing
check "the school admin: both forms" eval 'status_is 200 && body_has "id=\"record-form\"" && body_has "id=\"import-form\""'

term=$(sql "SELECT id FROM terms WHERE starts_on <= '$today' AND ends_on >= '$today' ORDER BY starts_on DESC LIMIT 1")
# Three rostered students with a green card or waiting, untested: two
# negatives and one positive.
read -r n1 n2 n3 <<<"$(sql "SELECT p.number FROM people p JOIN card_facts f ON f.person_id = p.id AND f.term_id = $term
	WHERE f.on_roster = 1 AND f.tested_locally = 0 AND f.open_anomaly IS NULL AND f.sent_back IS NULL
	AND f.app = 'approved' AND f.arrived_at IS NULL AND p.id > 7 ORDER BY p.id LIMIT 3" | paste -sd' ')"
p3=$(sql "SELECT id FROM people WHERE number = '$n3'")
total() { get admin "/table?term=$term&$1"; grep -o 'id="total">[0-9]*' "$BODY" | grep -o '[0-9]*$'; }
upload() {
	get "$1" /testing
	local tok; tok=$(csrf)
	req "$1" POST /testing/import -F "csrf=$tok" -F "file=@$2"
}
stored() { sql "SELECT COUNT(*) FROM central_tests"; }
t0=$(total tested=1); c0=$(stored)

# A file with bad rows: nothing stored, each named.
cat >"$T/bad.csv" <<CSV
学号,采样时间,检测结果
$n1,$today 08:10,阴性
NOPE0001,$today 08:11,阴性
$n2,yesterday,阴性
$n3,$today 08:13,不知道
CSV
upload admin "$T/bad.csv"
check "a file with 3 bad rows: 400, nothing stored" eval 'status_is 400 && eq "$(stored)" "$c0"'
check "  row 3 column A: no such number" body_has 'data-row="3" data-col="A"'
check "  row 4 column B: not a time" body_has 'data-row="4" data-col="B"'
check "  row 5 column C: not a result" body_has 'data-row="5" data-col="C"'
check "  the first row (good) not named" body_lacks 'data-row="2"'
check "  the card facts unchanged" eq "$(total tested=1)" "$t0"

# The good file, as .xlsx: three results stored, one positive.
{ echo "学号/工号,检测结果,采样时间"; echo "$n1,阴性,$today 08:10"; echo "$n2,negative,$today 08:12";
  echo "$n3,阳性,$today 08:13"; } | "$B/csv2xlsx" "$T/good.xlsx"
upload admin "$T/good.xlsx"
check "the good file (.xlsx, columns in another order): 3 stored, 1 positive" eval 'status_is 200 &&
	body_has "id=\"n-rows\">3<" && body_has "id=\"n-positive\">1<" && eq "$(( $(stored) - c0 ))" 3'
check "the table's tested locally: +2 (the negatives)" eq "$(( $(total tested=1) - t0 ))" 2
get admin "/card?person=$p3"
check "the positive student's card is red, with the day of the sample" eval 'body_has "class=\"card card-red\"" &&
	body_has "集中检测：$today 采样的结果为阳性"'
check "  so is the gate's table row: abnormal" eval 'get admin "/table?term=$term&card=abnormal&number=$n3" && body_has ">$n3<"'
check "the import is audited" eq "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'central_test.import'")" 1
check "the card facts hold (hc-facts check)" eval 'hc_facts check >"$T/facts" 2>&1 || { tail -3 "$T/facts"; false; }'
upload admin "$T/good.xlsx"
check "the same file again: stored, nothing more" eval 'status_is 200 && eq "$(( $(stored) - c0 ))" 3'

# By hand: the counselor records a later negative for the positive
# student when in their scope; another counselor's student is refused.
coun=$(sql "SELECT counselor_id FROM counselor_assignments WHERE student_id = $p3")
mine=$(sql "SELECT counselor_id FROM counselor_assignments ca JOIN accounts a ON a.person_id = ca.counselor_id
	WHERE a.login = 'counselor' LIMIT 1")
other=$(sql "SELECT p.number FROM people p JOIN counselor_assignments ca ON ca.student_id = p.id
	WHERE ca.counselor_id <> (SELECT person_id FROM accounts WHERE login = 'counselor') LIMIT 1")
FORM_PAGE=/testing post counselor /testing/record --data-urlencode "number=$other" \
	--data-urlencode "sampled_at=$today 09:00" --data-urlencode result=negative
check "the counselor records for another counselor's student: 400, said why" eval 'status_is 400 &&
	body_has "此人不在您的管理范围内" && body_has "value=\"$other\""'
FORM_PAGE=/testing post counselor /testing/record --data-urlencode "number=$n1" \
	--data-urlencode "sampled_at=31:00" --data-urlencode result=negative
check "a bad time: 400 on the field" eval 'status_is 400 && body_has "id=\"err-sampled_at\""'
recorder=counselor
[ "$coun" = "$(sql "SELECT person_id FROM accounts WHERE login = 'counselor'")" ] || recorder=admin
FORM_PAGE=/testing post $recorder /testing/record --data-urlencode "number=$n3" \
	--data-urlencode "sampled_at=$today 10:30" --data-urlencode result=negative
check "$recorder records a later negative for $n3: 303" eval 'status_is 303 && header_has "Location: /testing?recorded=1"'
get admin "/card?person=$p3"
check "  the card is red no more" body_lacks 'class="card card-red"'
check "  audited with the student as subject" eq "$(sql "SELECT COUNT(*) FROM audit_log
	WHERE action = 'central_test.record' AND subject_person_id = $p3")" 1
get $recorder /testing
check "  the list shows it, by hand" eval 'body_has "data-number=\"$n3\"" && body_has "手工录入"'
check "the card facts hold at the end" eval 'hc_facts check >"$T/facts" 2>&1 || { tail -3 "$T/facts"; false; }'
