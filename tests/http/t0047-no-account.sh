#!/usr/bin/env bash
# 无账号人员 (issue 16, seed 004's 外籍教师申报): a counselor adds people
# without an account to their group with their papers (an ID number its
# type refuses is named, the values kept), ticks those whose situation
# changed and declares for them; the declarations are marked as the
# collector's, counted on the dashboard at every scope, audited; another
# counselor neither sees nor declares for them; a collector the counselor
# names may, until the naming is taken back.
. "$(dirname "$0")/lib.sh"

cid=$(sql "SELECT person_id FROM accounts WHERE login = 'counselor'")
cname=$(sql "SELECT name FROM people WHERE id = $cid")
# Another counselor, who logs in with their number; a staff member who
# will collect for the counselor (the gate's login: staff without a group).
read -r oid onum <<<"$(sql "SELECT p.id, p.number FROM roles r JOIN people p ON p.id = r.person_id
	JOIN accounts a ON a.person_id = p.id WHERE r.role = 'counselor' AND p.id <> $cid ORDER BY p.id LIMIT 1")"
sql "UPDATE accounts SET must_change_pw = 0 WHERE person_id = $oid" >/dev/null
wid=$(sql "SELECT person_id FROM accounts WHERE login = 'gate'")
wnum=$(sql "SELECT number FROM people WHERE id = $wid")
wname=$(sql "SELECT name FROM people WHERE id = $wid")
for who in counselor admin reviewer gate dorm student "$onum"; do login "$who"; done
guests() { sql "SELECT COUNT(*) FROM guests"; }
audits() { sql "SELECT COUNT(*) FROM audit_log WHERE action = '$1' AND actor_id = $2"; }
fig() { grep -o "id=\"guests-$1\">[0-9]*<" "$BODY" | grep -o '[0-9]*'; }
# add WHO NAME TYPE NUMBER [NATIONALITY]
add() {
	FORM_PAGE=/collect post "$1" /collect/add --data-urlencode "name=$2" --data-urlencode kind=foreign_teacher \
		--data-urlencode "nationality=${5:-美国}" --data-urlencode "id_type=$3" --data-urlencode "id_number=$4"
}
# declare WHO TEMP ID... : the form of the first, posted with the rest.
declare_for() {
	local w=$1 t=$2
	shift 2
	local ids=() i
	for i in "$@"; do ids+=(--data-urlencode "id=$i"); done
	FORM_PAGE=/collect post "$w" /collect/declare "${ids[@]}" --data-urlencode "temperature=$t" \
		--data-urlencode "city=北京" --data-urlencode "in_city=1" --data-urlencode "on_campus=1" \
		--data-urlencode "abroad=0" --data-urlencode "risk_area=0" --data-urlencode "cohabitant_returned=0" \
		--data-urlencode "returned_to_city=0" --data-urlencode "quarantine=none" --data-urlencode "diagnosis=none"
}

get counselor /collect
check "the counselor's /collect: none yet, the add form" eval 'status_is 200 && body_has "id=\"guests-none\"" &&
	body_has "id=\"guest-add\""'
check "  linked from the menu" body_has 'href="/collect"'
get counselor /dashboard
t0=$(fig total); d0=$(fig declared)
get admin /dashboard
at0=$(fig total); ad0=$(fig declared)
check "the dashboards show the line: the counselor's and the school's" eval '[ -n "$t0" ] && [ -n "$at0" ]'

# Bad papers: each named at the ID number, with every value kept.
n0=$(guests)
add counselor "Dorian Lam" resident 110101199003074478
check "a resident ID with a wrong check digit: 400, named, values kept" eval 'status_is 400 &&
	body_has "校验位不对" && body_has "value=\"110101199003074478\"" && body_has "value=\"Dorian Lam\"" &&
	body_has "value=\"美国\""'
check "  the type kept" grep -q 'value="resident" checked' "$BODY"
add counselor "Dorian Lam" resident 110101199902301231
check "a resident ID born on 1999-02-30: 400, the date named" eval 'status_is 400 && body_has "出生日期不是有效日期"'
add counselor "Dorian Lam" resident 34052419800101001x
check "a lower-case x: 400" eval 'status_is 400 && body_has "字母请大写"'
add counselor "Dorian Lam" resident 1101011990030744
check "a wrong length: 400" eval 'status_is 400 && body_has "位数不对"'
add counselor "Dorian Lam" hk_macau A12345678
check "a Hong Kong permit not starting H or M: 400" eval 'status_is 400 && body_has "开头不对"'
add counselor "Dorian Lam" passport E12-4567
check "a passport with a hyphen: 400" status_is 400
add counselor "Dorian Lam" driving 12345678
check "an unknown type: 400" status_is 400
check "  nothing stored" eq "$(guests)" "$n0"

# Good papers.
add counselor "Dorian Lam" passport E12345678
check "a foreign teacher with a passport: 303" eval 'status_is 303 && header_has "Location: /collect?added="'
g1=$(sql "SELECT id FROM guests WHERE id_type = 'passport' AND id_number = 'E12345678'")
add counselor "Fourier FU" foreign_pr 911000202301010036 澳大利亚
check "one with the 2023 foreign permanent resident ID: 303" status_is 303
g2=$(sql "SELECT id FROM guests WHERE id_number = '911000202301010036'")
add counselor "Lam Chungchun" resident 34052419800101001X 中国
check "one with a resident ID ending in X: 303" status_is 303
add counselor "Someone Else" passport E12345678
check "the same passport again: 400" eval 'status_is 400 && body_has "已有人员使用此证件号码"'
check "  three stored in the counselor's group, each audited" eval 'eq "$(sql "SELECT COUNT(*) FROM guests
	WHERE counselor_id = $cid")" 3 && eq "$(audits guest.add $cid)" 3'
get counselor /collect
check "  listed with masked numbers" eval 'body_has "id=\"guest-$g1\"" && body_has "E1*****78" && body_lacks "E12345678"'
get counselor /dashboard
check "  counted on the counselor's dashboard" eval 'eq "$(fig total)" "$((t0 + 3))" && eq "$(fig declared)" "$d0"'

# 外籍教师申报: tick two, declare each in turn.
get counselor "/collect/declare?id=$g1&id=$g2"
check "the ticked list opens the first one's form" eval 'status_is 200 && body_has "Dorian Lam" &&
	body_has "name=\"id\" value=\"$g2\""'
declare_for counselor 38.2 "$g1" "$g2"
check "the first declared (a fever): 303 to the second's form" eval 'status_is 303 &&
	header_has "Location: /collect/declare?id=$g2"'
get counselor "/collect/declare?id=$g2"
check "  the second's form" body_has "Fourier FU"
declare_for counselor 36.5 "$g2"
check "the second declared: 303 back to the list" eval 'status_is 303 && header_has "Location: /collect?declared="'
check "  two declarations by the counselor, the fever flagged" eval '
	eq "$(sql "SELECT COUNT(*) FROM guest_reports WHERE declared_by = $cid")" 2 &&
	eq "$(sql "SELECT anomaly_flags FROM guest_reports WHERE guest_id = $g1")" fever'
check "  each audited" eq "$(audits guest.declare $cid)" 2
get counselor /collect
check "  the list marks them as declared by the collector, the fever abnormal" eval '
	body_has "申报人（采集员代报）： $cname" && body_has "class=\"tag bad\""'
get counselor /dashboard
check "the counselor's dashboard counts the declarations and the abnormal one" eval '
	eq "$(fig declared)" "$((d0 + 2))" && eq "$(fig abnormal)" 1'
get admin /dashboard
check "the school's dashboard too" eval 'eq "$(fig total)" "$((at0 + 3))" && eq "$(fig declared)" "$((ad0 + 2))"'
get counselor "/collect/declare?id=$g1"
check "the next form is filled from the last declaration" eval 'body_has "value=\"38.2\"" && body_has "已按上次申报预填"'
declare_for counselor 36.4 "$g1"
check "a second declaration the same day replaces the first" eval 'status_is 303 &&
	eq "$(sql "SELECT COUNT(*) FROM guest_reports WHERE guest_id = $g1")" 1 &&
	eq "$(sql "SELECT anomaly_flags FROM guest_reports WHERE guest_id = $g1")" ""'
check "  its audit row keeps the old values" eq "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'guest.declare'
	AND object_id = $g1 AND detail LIKE '%replaced%38.2%'")" 1
declare_for counselor 52 "$g1"
check "a bad temperature: 400, the value kept" eval 'status_is 400 && body_has "value=\"52\""'

# Scope: another counselor, other staff, a student.
get "$onum" /collect
check "another counselor's /collect lacks them" eval 'status_is 200 && body_lacks "id=\"guest-$g1\""'
get "$onum" "/collect/declare?id=$g1"
check "  their declaration form: 403" status_is 403
declare_for "$onum" 36.5 "$g1"
check "  their declaration: 403" status_is 403
FORM_PAGE=/collect post "$onum" /collect/add --data-urlencode "group=$cid" --data-urlencode "name=X" \
	--data-urlencode kind=other --data-urlencode nationality=X --data-urlencode id_type=taiwan --data-urlencode id_number=12345678
check "  adding to the counselor's group: 403" status_is 403
get "$onum" /dashboard
check "  their dashboard does not count them" eval '[ "$(fig total)" -lt 3 ] || eq "$(sql "SELECT COUNT(*) FROM guests WHERE counselor_id = $oid")" "$(fig total)"'
get gate /collect
check "staff who collect for no group: 403" status_is 403
get student /collect
check "a student: 403" status_is 403
get admin /collect
check "the school admin sees them, read-only" eval 'status_is 200 && body_has "id=\"guest-$g1\"" && body_lacks "id=\"tick-$g1\""'
get admin "/collect/declare?id=$g1"
check "  and may not declare: 403" status_is 403

# A collector the counselor names.
FORM_PAGE=/collect post counselor /collect/collector --data-urlencode "number=NOPE-404"
check "naming an unknown collector: 400, named" eval 'status_is 400 && body_has "没有这个工号"'
FORM_PAGE=/collect post counselor /collect/collector --data-urlencode "number=$wnum"
check "the counselor names a colleague as collector: 303" status_is 303
check "  audited" eq "$(audits collector.name $cid)" 1
get gate /collect
check "the collector's /collect shows the group, with the add form" eval 'status_is 200 && body_has "id=\"tick-$g1\"" &&
	body_has "id=\"guest-add\""'
declare_for gate 36.6 "$g2"
check "  they declare: 303, marked as theirs" eval 'status_is 303 &&
	eq "$(sql "SELECT declared_by FROM guest_reports WHERE guest_id = $g2")" "$wid"'
FORM_PAGE=/collect post gate /collect/add --data-urlencode "name=Smaiva Mubeens" --data-urlencode kind=visiting_staff \
	--data-urlencode nationality=印度 --data-urlencode id_type=hk_macau --data-urlencode id_number=M1234567890
check "  and add to the group: 303" eval 'status_is 303 && eq "$(sql "SELECT counselor_id FROM guests
	WHERE id_number = '"'M1234567890'"'")" "$cid"'
FORM_PAGE=/collect post counselor /collect/uncollector --data-urlencode "id=$wid"
check "the counselor takes the naming back: 303, audited" eval 'status_is 303 && eq "$(audits collector.revoke $cid)" 1'
get gate /collect
check "  the former collector: 403" status_is 403
declare_for gate 36.6 "$g2"
check "  their declaration: 403" status_is 403

# A colleague with no role of their own (made here: the demo's staff all
# have one; the demo's password) finds the group on their home page.
pnum=T47STAFF
sql "INSERT INTO people (number, name, identity, college_id) SELECT '$pnum', '采集员甲', 'staff', college_id
	FROM people WHERE id = $cid" >/dev/null
pid=$(sql "SELECT id FROM people WHERE number = '$pnum'")
sql "INSERT INTO accounts (person_id, login, pw_hash) SELECT $pid, '$pnum', pw_hash FROM accounts
	WHERE login = 'dorm'" >/dev/null
if [ -n "$pid" ]; then
	login "$pnum"
	get "$pnum" /
	check "a colleague with no role: no /collect on their home page" eval 'status_is 200 && body_lacks "id=\"home-collect\""'
	FORM_PAGE=/collect post counselor /collect/collector --data-urlencode "number=$pnum"
	get "$pnum" /
	check "  named collector: their home page links it" body_has 'id="home-collect"'
	get "$pnum" /collect
	check "  and it opens with the group's people" eval 'status_is 200 && body_has "id=\"tick-$g1\""'
fi
get counselor /collect/declare
check "the list's button with nothing ticked: back to the list, with a word" eval 'status_is 303 &&
	header_has "Location: /collect?ticked=0"'
