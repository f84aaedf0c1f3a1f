#!/usr/bin/env bash
# 代填人 named by the student (issue 16, seed 004): a student names up to
# two people with an account (by number) who may fill their daily report,
# and revokes them; a named filler fills today's report, which shows the
# filler's name to the counselor and on the student's own pages; a revoked
# or never named one is refused; every step is audited.
. "$(dirname "$0")/lib.sh"

today=$(TZ=Asia/Shanghai date +%F)
sid=$(sql "SELECT person_id FROM accounts WHERE login = 'student'")
gid=$(sql "SELECT person_id FROM accounts WHERE login = 'grad'")
snum=$(sql "SELECT number FROM people WHERE id = $sid")
gnum=$(sql "SELECT number FROM people WHERE id = $gid")
gname=$(sql "SELECT name FROM people WHERE id = $gid")
# Two more students with accounts (they log in with their number).
read -r xid xnum <<<"$(sql "SELECT p.id, p.number FROM people p JOIN accounts a ON a.person_id = p.id
	WHERE p.identity <> 'staff' AND p.id NOT IN ($sid, $gid) AND a.disabled = 0 ORDER BY p.id LIMIT 1")"
read -r yid ynum <<<"$(sql "SELECT p.id, p.number FROM people p JOIN accounts a ON a.person_id = p.id
	WHERE p.identity <> 'staff' AND p.id NOT IN ($sid, $gid, $xid) AND a.disabled = 0 ORDER BY p.id LIMIT 1")"
sql "UPDATE accounts SET must_change_pw = 0 WHERE person_id IN ($xid, $yid)" >/dev/null
sql "DELETE FROM daily_reports WHERE person_id = $sid AND day = '$today'" >/dev/null
for who in student grad counselor "$xnum" "$ynum"; do login "$who"; done
audits() { sql "SELECT COUNT(*) FROM audit_log WHERE action = '$1' AND actor_id = $2 AND subject_person_id = $3"; }
# fill_for WHO PERSON [TEMP]: WHO's report for PERSON with ordinary answers.
fill_for() {
	local w=$1 p=$2 t=${3:-36.6}
	FORM_PAGE=/checkin/fillers post "$w" /checkin/for --data-urlencode "person=$p" \
		--data-urlencode "temperature=$t" --data-urlencode "city=北京" --data-urlencode "in_city=1" \
		--data-urlencode "on_campus=1" --data-urlencode "abroad=0" --data-urlencode "risk_area=0" \
		--data-urlencode "cohabitant_returned=0" --data-urlencode "returned_to_city=0" \
		--data-urlencode "quarantine=none" --data-urlencode "diagnosis=none"
}

get student /checkin/fillers
check "the student's 代填人 page: none yet, the form" eval 'status_is 200 && body_has "id=\"fillers-none\"" && body_has "id=\"filler-add\""'
check "  linked from the check-in tabs" body_has 'href="/checkin/fillers"'

# Bad input: an unknown number, oneself, an unknown relation.
post student /checkin/fillers --data-urlencode "number=NOPE-404" --data-urlencode relation=roommate
check "an unknown number: 400, the field named, the value kept" eval 'status_is 400 &&
	body_has "没有这个学号/工号" && body_has "value=\"NOPE-404\""'
post student /checkin/fillers --data-urlencode "number=$snum" --data-urlencode relation=roommate
check "oneself: 400" eval 'status_is 400 && body_has "不能指定自己"'
post student /checkin/fillers --data-urlencode "number=$gnum" --data-urlencode relation=uncle
check "an unknown relation: 400" status_is 400
check "  nothing stored" eq "$(sql "SELECT COUNT(*) FROM proxy_fillers WHERE student_id = $sid")" 0

# Two named; a third refused.
post student /checkin/fillers --data-urlencode "number=$gnum" --data-urlencode relation=roommate
check "the student names grad: 303" eval 'status_is 303 && header_has "Location: /checkin/fillers?named="'
post student /checkin/fillers --data-urlencode "number=$xnum" --data-urlencode relation=classmate
check "  and a classmate: 303" status_is 303
post student /checkin/fillers --data-urlencode "number=$gnum" --data-urlencode relation=roommate
check "  grad a second time: 400" eval 'status_is 400 && body_has "已指定此人"'
post student /checkin/fillers --data-urlencode "number=$ynum" --data-urlencode relation=family
check "  a third: 400 (at most two)" eval 'status_is 400 && body_has "至多指定两位"'
check "  two namings stored, each audited" eval 'eq "$(sql "SELECT COUNT(*) FROM proxy_fillers
	WHERE student_id = $sid AND revoked_at IS NULL")" 2 && eq "$(audits proxy.name $sid $sid)" 2'
get student /checkin/fillers
check "  listed on the student's page" eval 'body_has "$gname" && body_has "id=\"fillers-full\""'

# Revoke the classmate: refused from then on.
xf=$(sql "SELECT id FROM proxy_fillers WHERE student_id = $sid AND filler_id = $xid")
get "$xnum" /checkin/fillers
check "the classmate, named, sees the student to fill for" body_has "id=\"for-$sid\""
get "$xnum" "/checkin/for?person=$sid"
check "  and opens the form" eval 'status_is 200 && body_has "action=\"/checkin/for\""'
FORM_PAGE=/checkin/fillers post student /checkin/unfiller --data-urlencode "id=$xf"
check "the student revokes the classmate: 303" eval 'status_is 303 && header_has "Location: /checkin/fillers?revoked="'
check "  audited" eq "$(audits proxy.revoke $sid $sid)" 1
FORM_PAGE=/checkin/fillers post student /checkin/unfiller --data-urlencode "id=$xf"
check "  revoking it again: 404" status_is 404
get "$xnum" "/checkin/for?person=$sid"
check "the revoked filler's form: 403" status_is 403
fill_for "$xnum" "$sid"
check "  their fill: 403, nothing stored" eval 'status_is 403 &&
	eq "$(sql "SELECT COUNT(*) FROM daily_reports WHERE person_id = $sid AND day = '"'$today'"'")" 0'
get "$xnum" /checkin/fillers
check "  the student is gone from their list" body_lacks "id=\"for-$sid\""
fill_for "$ynum" "$sid"
check "one never named: 403" status_is 403
FORM_PAGE=/checkin/fillers post grad /checkin/unfiller --data-urlencode "id=$xf"
check "grad cannot revoke the student's naming: 404" status_is 404

# The named filler fills; a bad form is re-rendered with its values.
fill_for grad "$sid" 52
check "grad's fill with a bad temperature: 400, the value kept" eval 'status_is 400 && body_has "value=\"52\""'
fill_for grad "$sid"
check "grad fills the student's report: 303" eval 'status_is 303 && header_has "Location: /checkin/fillers?filled=$sid"'
check "  stored with grad as filler" eq "$(sql "SELECT filled_by FROM daily_reports WHERE person_id = $sid AND day = '$today'")" "$gid"
check "  audited as a proxy fill by grad" eq "$(audits report.proxy_fill $gid $sid)" 1
fill_for grad "$sid"
check "  a second fill: 409" status_is 409
get grad /checkin/fillers
check "  grad's list says it is done, by them" eval 'body_has "id=\"for-$sid\"" && body_has "代填人 $gname"'

# 代填人 with the filler's name: the student's pages, the counselor's.
get student /checkin
check "the student's day shows 代填人 and grad's name" body_has "代填人 $gname"
get student /checkin/calendar
check "  and their calendar" body_has "代填人 $gname"
get counselor "/person?id=$sid"
check "the counselor's view of the student shows the filler" eval 'status_is 200 && body_has "$gname"'
get counselor "/dashboard?f=reported"
if body_has ">$snum<"; then
	check "  and the dashboard's list" body_has "代填人 $gname"
fi
login admin
get admin "/audit?whom=$snum"
check "the audit trail names the naming, the revocation and the fill" eval 'status_is 200 &&
	body_has "指定代填人" && body_has "取消代填人"'

# Staff cannot name fillers (students only), but see whom they may fill for.
FORM_PAGE=/checkin/fillers post counselor /checkin/fillers --data-urlencode "number=$snum" --data-urlencode relation=other
check "a counselor may not name a filler: 403" status_is 403
get counselor /checkin/fillers
check "  their page lists none to fill for" eval 'status_is 200 && body_has "id=\"for-none\""'

# The student's own export holds their namings, the revoked one too; the
# filler's holds whom they were named by.
get student /person/export
check "the student's export lists their two namings" eq "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["proxy_fillers"]))' "$BODY")" 2
get grad /person/export
check "  the filler's export, the naming of them" eq "$(python3 -c 'import json,sys; print(sum(1 for x in json.load(open(sys.argv[1]))["proxy_fillers"] if x["filler_number"] == sys.argv[2]))' "$BODY" "$gnum")" 1

# As found: the demo student unreported today (the tests after this one
# expect it), their namings revoked.
sql "DELETE FROM daily_reports WHERE person_id = $sid AND day = '$today'" >/dev/null
sql "UPDATE proxy_fillers SET revoked_at = NOW() WHERE student_id = $sid AND revoked_at IS NULL" >/dev/null
