#!/usr/bin/env bash
# /people (issue 14): the search (by number or name, paged), a person made
# and changed, bad input re-rendered with a message per field, the card
# facts written in the same transaction (checked by the plain SQL helper
# before each write and by hc-facts at the end), a counselor change that
# moves the student's pending work, and no deleting a person with reports.
. "$(dirname "$0")/lib.sh"

login admin
get admin "/people?q=student"
check "the search by login-like text answers 200" status_is 200
num=$(sql "SELECT number FROM people WHERE id = 1")
get admin "/people?q=$num"
check "the search by number finds the demo student" body_has 'data-id="1"'
name=$(sql "SELECT name FROM people WHERE id = 1")
get admin "/people?q=$(python3 -c 'import sys,urllib.parse;print(urllib.parse.quote(sys.argv[1]))' "${name:0:1}")"
check "the search by part of a name: paged" eval 'status_is 200 && body_has "id=\"people-total\""'
total=$(grep -o 'id="people-total">[0-9]*' "$BODY" | grep -o '[0-9]*$')
if [ "${total:-0}" -gt 50 ]; then
	check "  50 a page, with a next page" eval '[ "$(grep -c "<tr data-id=" "$BODY")" = 50 ] && body_has "id=\"people-next\""'
	get admin "/people?q=$(python3 -c 'import sys,urllib.parse;print(urllib.parse.quote(sys.argv[1]))' "${name:0:1}")&page=2"
	check "  the second page" eval 'status_is 200 && [ "$(grep -c "<tr data-id=" "$BODY")" -ge 1 ]'
fi
get admin "/people?q=%25"
check "a % is matched as itself" eval 'status_is 200 && body_has "id=\"people-total\">0"'

college=$(sql "SELECT id FROM org_units WHERE kind = 'college' ORDER BY id LIMIT 1")
class=$(sql "SELECT id FROM org_units WHERE kind = 'class' AND parent_id = $college ORDER BY id LIMIT 1")
oclass=$(sql "SELECT id FROM org_units WHERE kind = 'class' AND parent_id <> $college ORDER BY id LIMIT 1")
couns=3
# Bad input: every field keeps its value, each bad one says why.
FORM_PAGE=/people/new post admin /people/new --data-urlencode number= --data-urlencode name=新同学 \
	--data-urlencode identity=alien --data-urlencode status=active --data-urlencode "college_id=$college" \
	--data-urlencode phone=13800000000
check "an empty number and a bad identity: 400" status_is 400
check "  the name and phone kept" eval 'body_has "value=\"新同学\"" && body_has "value=\"13800000000\""'
check "  a message at each field" eval 'body_has "此项必填" && body_has "请从选项中选择"'
FORM_PAGE=/people/new post admin /people/new --data-urlencode number=T51001 --data-urlencode name=新同学 \
	--data-urlencode identity=undergrad --data-urlencode status=active --data-urlencode "college_id=$college" \
	--data-urlencode "class_id=$oclass"
check "a class of another college: 400 at the class" eval 'status_is 400 && body_has "该班级不属于所选学院"'
FORM_PAGE=/people/new post admin /people/new --data-urlencode number=T51001 --data-urlencode name=新同学 \
	--data-urlencode identity=undergrad --data-urlencode status=active
check "a student without a college: 400" eval 'status_is 400 && body_has "学生须属于一个学院"'
FORM_PAGE=/people/new post admin /people/new --data-urlencode number=T51001 --data-urlencode name=新同学 \
	--data-urlencode identity=undergrad --data-urlencode status=active --data-urlencode "college_id=$college" \
	--data-urlencode "class_id=$class" --data-urlencode counselor_id=5
check "a counselor who is none: 400" eval 'status_is 400 && body_has "所选人员不是辅导员"'
FORM_PAGE=/people/new post admin /people/new --data-urlencode "number=$num" --data-urlencode name=重号 \
	--data-urlencode identity=undergrad --data-urlencode status=active --data-urlencode "college_id=$college"
check "a number taken: 400 at the number" eval 'status_is 400 && body_has "该学号/工号已存在"'

# Made: the person, their card facts for every term, their counselor.
FORM_PAGE=/people/new post admin /people/new --data-urlencode number=T51001 --data-urlencode name=新同学 \
	--data-urlencode identity=undergrad --data-urlencode status=active --data-urlencode "college_id=$college" \
	--data-urlencode "class_id=$class" --data-urlencode "counselor_id=$couns" --data-urlencode boarding=1
check "a student made (303 to their page)" eval 'status_is 303 && header_has "Location: /people/edit?id="'
new=$(sql "SELECT id FROM people WHERE number = 'T51001'")
check "  stored" eq "$(sql "SELECT CONCAT_WS(' ', name, identity, college_id, class_id, boarding, status) FROM people WHERE id = $new")" "新同学 undergrad $college $class 1 active"
check "  a card facts row for every term, in the same transaction" \
	eq "$(sql "SELECT COUNT(*) FROM card_facts WHERE person_id = $new")" "$(sql "SELECT COUNT(*) FROM terms")"
check "  their counselor assigned" eq "$(sql "SELECT counselor_id FROM counselor_assignments WHERE student_id = $new")" "$couns"
check "  audited" eq "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'person.create' AND subject_person_id = $new")" 1
check "  hc-facts finds no difference" hc_facts check
get admin "/people/edit?id=$new"
check "their page shows the stored values" eval 'status_is 200 && body_has "value=\"T51001\"" && body_has "<option value=\"$class\" selected>"'
check "  the school admin's page of a person links to their whole record" body_has "href=\"/person?id=$new\" id=\"record-link\""

# Changed: boarding and identity move the stored facts.
FORM_PAGE="/people/edit?id=$new" post admin /people/edit --data-urlencode "id=$new" --data-urlencode number=T51001 \
	--data-urlencode name=新同学 --data-urlencode identity=grad --data-urlencode status=suspended \
	--data-urlencode "college_id=$college" --data-urlencode "class_id=$class" --data-urlencode "counselor_id=$couns"
check "boarding off, graduate, suspended (303)" status_is 303
check "  the stored boarding follows" eq "$(sql "SELECT MAX(boarding) FROM card_facts WHERE person_id = $new")" 0
check "  hc-facts finds no difference" hc_facts check
FORM_PAGE="/people/edit?id=$new" post admin /people/edit --data-urlencode "id=$new" --data-urlencode number= \
	--data-urlencode name=改名 --data-urlencode identity=grad --data-urlencode status=suspended \
	--data-urlencode "college_id=$college"
check "an edit with an empty number: 400, the new name kept" eval 'status_is 400 && body_has "value=\"改名\""'

# An existing student with reports and an open item: the counselor change
# moves the pending work (the queue follows the assignment), and they are
# never deleted.
stu=$(sql "SELECT q.person_id FROM queue_items q JOIN people p ON p.id = q.person_id WHERE q.state = 'open' AND p.id > 7 ORDER BY q.id LIMIT 1")
old=$(sql "SELECT counselor_id FROM counselor_assignments WHERE student_id = $stu")
to=$(sql "SELECT person_id FROM roles WHERE role = 'counselor' AND person_id <> $old ORDER BY person_id LIMIT 1")
row=$(sql "SELECT CONCAT_WS('|', number, name, identity, status, COALESCE(college_id, 0), COALESCE(class_id, 0), boarding) FROM people WHERE id = $stu")
IFS='|' read -r snum sname sident sstatus scol scls sboard <<<"$row"
args=(--data-urlencode "id=$stu" --data-urlencode "number=$snum" --data-urlencode "name=$sname"
	--data-urlencode "identity=$sident" --data-urlencode "status=$sstatus" --data-urlencode "college_id=$scol"
	--data-urlencode "class_id=$scls" --data-urlencode "counselor_id=$to")
[ "$sboard" = 1 ] && args+=(--data-urlencode boarding=1)
FORM_PAGE="/people/edit?id=$stu" post admin /people/edit "${args[@]}"
check "a student handed to another counselor (303)" status_is 303
check "  the assignment moved" eq "$(sql "SELECT counselor_id FROM counselor_assignments WHERE student_id = $stu")" "$to"
check "  audited with the old one" eq "$(sql "SELECT detail FROM audit_log WHERE action = 'counselor.reassign' AND subject_person_id = $stu ORDER BY id DESC LIMIT 1")" "$old -> $to"
tlogin=$(sql "SELECT login FROM accounts WHERE person_id = $to")
login "$tlogin"
get "$tlogin" "/review"
check "  their pending item is in the new counselor's queue" body_has "$sname"
check "  hc-facts finds no difference" hc_facts check

FORM_PAGE="/people/edit?id=$stu" post admin /people/delete --data-urlencode "id=$stu"
check "a student with reports is not deleted (400, with the reason)" eval 'status_is 400 && body_has "已有打卡记录"'
check "  still there" eq "$(sql "SELECT COUNT(*) FROM people WHERE id = $stu")" 1
FORM_PAGE="/people/edit?id=$new" post admin /people/delete --data-urlencode "id=$new"
check "a person with no records is deleted (303)" status_is 303
check "  with their facts rows" eq "$(sql "SELECT COUNT(*) FROM people WHERE id = $new") $(sql "SELECT COUNT(*) FROM card_facts WHERE person_id = $new")" "0 0"
check "  audited" eq "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'person.delete' AND object_id = $new")" 1
get admin "/people/edit?id=$new"
check "  their page is 404" status_is 404
