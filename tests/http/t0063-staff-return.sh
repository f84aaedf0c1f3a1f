#!/usr/bin/env bash
# Staff return to their posts (返岗, seed 002): a teacher on the return
# roster goes through the return flow themself; their first review is
# their department head's (role dept_head of their college), not a
# counselor's; the college reviewer does the second review; the card
# follows in the students' colours.
. "$(dirname "$0")/lib.sh"

B=$ROOT/build
d() { TZ=Asia/Shanghai date -d "$1" +%F; }
card_is() { get "$1" /card; grep -q "class=\"card card-$2\"" "$BODY"; }
state_of() { sql "SELECT state FROM return_applications WHERE person_id = $1"; }
item_of() { sql "SELECT q.id FROM queue_items q JOIN return_applications ra ON ra.id = q.ref_id
	WHERE ra.person_id = $1 AND q.kind = '$2' AND q.state = 'open'"; }
decide() {  # decide WHO ITEM DECISION [extra]
	local who=$1 item=$2 dec=$3
	shift 3
	FORM_PAGE=/review post "$who" /review/decide --data-urlencode "id=$item" --data-urlencode "decision=$dec" "$@"
}
upload() {  # upload WHO KIND FILE
	get "$1" /return
	local tok; tok=$(csrf)
	req "$1" POST /return/upload -F "csrf=$tok" -F "kind=$2" -F "file=@$3"
}
printf '\x89PNG\r\n\x1a\n%s' "$(head -c 2000 /dev/urandom | od -An -tx1 | tr -d ' \n')" >"$T/code.png"
printf '\xff\xd8\xff\xe0%s' "$(head -c 2000 /dev/urandom | od -An -tx1 | tr -d ' \n')" >"$T/test.jpg"
printf '%%PDF-1.4\n%s\n%%%%EOF\n' "$(head -c 2000 /dev/urandom | od -An -tx1 | tr -d ' \n')" >"$T/vacc.pdf"

# The reviewer's college; a teacher and their department head in it, made
# on /people, with accounts (the demo password) of their own.
college=$(sql "SELECT org_id FROM roles r JOIN accounts a ON a.person_id = r.person_id
	WHERE a.login = 'reviewer' AND r.role = 'reviewer'")
login admin
for who in "T63001 返岗教师" "T63002 系主任"; do
	set -- $who
	FORM_PAGE=/people/new post admin /people/new --data-urlencode "number=$1" --data-urlencode "name=$2" \
		--data-urlencode identity=staff --data-urlencode status=active --data-urlencode "college_id=$college"
	check "admin makes $2 (303)" status_is 303
	sql "INSERT INTO accounts (person_id, login, pw_hash) SELECT p.id, LOWER(p.number), a.pw_hash
		FROM people p, accounts a WHERE p.number = '$1' AND a.login = 'counselor'"
done
tid=$(sql "SELECT id FROM people WHERE number = 'T63001'")
hid=$(sql "SELECT id FROM people WHERE number = 'T63002'")

# The department head: a role with its college, given and audited.
login t63002
get t63002 /review
check "before the role, a teacher has no review queue (403)" status_is 403
FORM_PAGE="/people/edit?id=$hid" post admin /people/grant --data-urlencode "id=$hid" --data-urlencode role=dept_head
check "a department head needs a college (400)" eval 'status_is 400 && body_has "部门负责人须选择"'
FORM_PAGE="/people/edit?id=$hid" post admin /people/grant --data-urlencode "id=$hid" --data-urlencode role=dept_head \
	--data-urlencode "org_id=$college"
check "the admin makes them department head of the college (303)" status_is 303
check "  audited" eq "$(sql "SELECT detail FROM audit_log WHERE action = 'role.grant' AND subject_person_id = $hid")" "dept_head $college"
get admin "/people/edit?id=$hid"
check "  their page lists the role" body_has "部门负责人"

# On the return roster by the roster import (t0056), then their own flow.
batch=$(sql "SELECT name FROM return_batches ORDER BY return_from LIMIT 1")
{ echo "学号,姓名,批次"; echo "T63001,返岗教师,$batch"; } | "$B/csv2xlsx" "$T/staff.xlsx"
get admin /roster
tok=$(csrf)
req admin POST /roster/import -F "csrf=$tok" -F kind=add -F "file=@$T/staff.xlsx"
check "the roster import puts the teacher on the roster" body_has 'id="import-applied"'
login t63001
get t63001 /
check "the teacher's home offers their return" body_has 'href="/return"'
get t63001 /return
check "the teacher opens /return (200)" status_is 200
check "  at the notice and its questions" body_has "返校须知"
FORM_PAGE=/return post t63001 /return/quiz --data-urlencode "q0=1" --data-urlencode "q1=0" --data-urlencode "q2=0"
check "the quiz passes (303)" status_is 303
FORM_PAGE=/return post t63001 /return/pledge --data-urlencode "accept=1"
check "the commitment is accepted (303)" status_is 303
FORM_PAGE=/return post t63001 /return/apply --data-urlencode "reason=返岗" --data-urlencode "itinerary=石家庄-北京" \
	--data-urlencode confirm_no_symptoms=1 --data-urlencode confirm_no_risk=1 --data-urlencode confirm_no_contact=1
check "an application without all confirmations: 400, kept" eval 'status_is 400 && body_has "石家庄-北京"'
FORM_PAGE=/return post t63001 /return/apply --data-urlencode "reason=返岗" --data-urlencode "itinerary=石家庄-北京" \
	--data-urlencode confirm_no_symptoms=1 --data-urlencode confirm_no_risk=1 --data-urlencode confirm_no_contact=1 \
	--data-urlencode confirm_code_green=1
check "the application is submitted (303)" status_is 303
check "  in first review" eq "$(state_of "$tid")" first_review
check "the card is yellow" card_is t63001 yellow
check "  waiting for the department head" body_has "等待部门负责人初审"

item=$(item_of "$tid" first_review)
login counselor
decide counselor "$item" approve --data-urlencode "allowed_from=$(d yesterday)" --data-urlencode "allowed_until=$(d '7 days')"
check "a counselor cannot take a teacher's first review (403)" eval 'status_is 403 && body_has "outcome-forbidden"'
login reviewer
decide reviewer "$item" approve --data-urlencode "allowed_from=$(d yesterday)" --data-urlencode "allowed_until=$(d '7 days')"
check "nor can the college reviewer (403)" status_is 403
check "  nothing changed" eq "$(state_of "$tid")" first_review
get t63002 /review
check "the head's queue (200) lists the teacher" eval 'status_is 200 && body_has "返岗教师"'
check "  and no student's make-ups" eq "$(grep -c 'href="/review/item' "$BODY")" 1
get t63002 "/review/item?id=$item"
check "the head opens the item (200)" eval 'status_is 200 && body_has "石家庄-北京"'
get t63002 "/person?id=$tid"
check "  and the teacher's record, which the item links to (200)" eval 'status_is 200 && body_has "返岗教师"'
sid=$(sql "SELECT person_id FROM accounts WHERE login = 'student'")
get t63002 "/person?id=$sid"
check "  but no student's (403)" status_is 403
decide t63002 "$item" approve --data-urlencode "allowed_from=$(d yesterday)" --data-urlencode "allowed_until=$(d '7 days')"
check "the head's first review passes with a window" eval 'body_has "outcome-done" && [ "$(state_of "$tid")" = evidence ]'
check "  recorded as theirs" eq "$(sql "SELECT CONCAT(stage, ' ', decision, ' ', reviewer_id) FROM reviews r
	JOIN return_applications ra ON ra.id = r.application_id WHERE ra.person_id = $tid")" "first approve $hid"
check "  audited" eq "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'return.first_approve'
	AND actor_id = $hid AND subject_person_id = $tid")" 1

# Evidence, then the second review by the college reviewer.
FORM_PAGE=/return post t63001 /return/legs --data-urlencode "mode_1=train" --data-urlencode "number_1=G6734" \
	--data-urlencode "day_1=$(d today)" --data-urlencode "from_1=石家庄" --data-urlencode "to_1=北京西"
check "the teacher saves a leg (303)" status_is 303
upload t63001 health_code "$T/code.png"
upload t63001 nucleic_acid "$T/test.jpg"
upload t63001 vaccination "$T/vacc.pdf"
FORM_PAGE=/return post t63001 /return/submit
check "the evidence goes to the second review" eq "$(state_of "$tid")" second_review
uid=$(sql "SELECT u.id FROM uploads u JOIN return_applications ra ON ra.id = u.application_id
	WHERE ra.person_id = $tid AND u.kind = 'health_code'")
get t63002 "/return/file?id=$uid"
check "the head may open the teacher's evidence" header_has "Content-Type: image/png"
get counselor "/return/file?id=$uid"
check "  the counselor may not (403)" status_is 403
item=$(item_of "$tid" second_review)
decide t63002 "$item" approve
check "the head cannot take the second review (403)" status_is 403
decide reviewer "$item" approve
check "the college reviewer approves" eq "$(state_of "$tid")" approved

# The card in the students' colours: yellow while check-ins are missing,
# green once the 14 days before today are checked in.
check "approved without the 14 days: yellow" card_is t63001 yellow
sql "INSERT IGNORE INTO daily_reports (person_id, day, submitted_at, temperature, city, in_city, on_campus)
	WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < 20)
	SELECT $tid, CURDATE() - INTERVAL n DAY, NOW() - INTERVAL n DAY, 36.5, '北京', 1, 0 FROM k"
hc_facts repair "$tid" >/dev/null
check "with them: green, the QR shown" eval 'card_is t63001 green && body_has "/card/qr"'
check "the card facts agree with the base tables" eval 'hc_facts check >/dev/null'

# A college admin names the department heads of their own college only.
other=$(sql "SELECT id FROM org_units WHERE kind = 'college' AND id <> $college AND retired_at IS NULL ORDER BY id LIMIT 1")
FORM_PAGE=/people/new post admin /people/new --data-urlencode number=T63003 --data-urlencode name=学院管理员 \
	--data-urlencode identity=staff --data-urlencode status=active --data-urlencode "college_id=$college"
aid=$(sql "SELECT id FROM people WHERE number = 'T63003'")
sql "INSERT INTO accounts (person_id, login, pw_hash) SELECT $aid, 't63003', pw_hash FROM accounts WHERE login = 'counselor'"
FORM_PAGE="/people/edit?id=$aid" post admin /people/grant --data-urlencode "id=$aid" \
	--data-urlencode role=college_admin --data-urlencode "org_id=$college"
login t63003
FORM_PAGE="/people/edit?id=$tid" post t63003 /people/grant --data-urlencode "id=$tid" --data-urlencode role=dept_head \
	--data-urlencode "org_id=$other"
check "a college admin may not make a head of another college (403)" status_is 403
FORM_PAGE="/people/edit?id=$tid" post t63003 /people/grant --data-urlencode "id=$tid" --data-urlencode role=dept_head \
	--data-urlencode "org_id=$college"
check "  but of their own (303)" status_is 303
check "  audited as theirs" eq "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'role.grant' AND actor_id = $aid
	AND subject_person_id = $tid AND detail = 'dept_head $college'")" 1
