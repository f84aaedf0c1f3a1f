#!/usr/bin/env bash
# A counselor given their classes on /people (not only students one by
# one): every student of the class is handed over as a reassignment does
# (their pending work follows: the old counselor loses it, the new one
# has it), audited; the counselor then sees the class's students on the
# dashboard and /person; a new student of the class is theirs; a class
# taken back; bad input and a college admin outside their college.
. "$(dirname "$0")/lib.sh"

cid=$(sql "SELECT person_id FROM accounts WHERE login = 'counselor'")
# A class whose students are all another counselor's, and its college.
class=$(sql "SELECT p.class_id FROM people p JOIN counselor_assignments ca ON ca.student_id = p.id
	WHERE p.class_id IS NOT NULL GROUP BY p.class_id
	HAVING COUNT(*) >= 2 AND SUM(ca.counselor_id = $cid) = 0 ORDER BY p.class_id LIMIT 1")
ccollege=$(sql "SELECT college_id FROM people WHERE class_id = $class LIMIT 1")
cname=$(sql "SELECT name FROM org_units WHERE id = $class")
n=$(sql "SELECT COUNT(*) FROM people WHERE class_id = $class AND identity <> 'staff'")
read -r sid snum old < <(sql "SELECT p.id, p.number, ca.counselor_id FROM people p
	JOIN counselor_assignments ca ON ca.student_id = p.id WHERE p.class_id = $class ORDER BY p.id LIMIT 1" | tr '\t' ' ')
oldlogin=$(sql "SELECT login FROM accounts WHERE person_id = $old")
# A pending make-up of one of them, in the old counselor's queue.
mr=$(sql "INSERT INTO makeup_requests (person_id, day, reason, created_at)
	VALUES ($sid, CURDATE() - INTERVAL 30 DAY, 't64 忘记打卡', NOW()); SELECT LAST_INSERT_ID()")
item=$(sql "INSERT INTO queue_items (kind, ref_id, person_id, created_at) VALUES ('makeup', $mr, $sid, NOW());
	SELECT LAST_INSERT_ID()")

login counselor
login "$oldlogin"
get counselor "/person?id=$sid"
check "before: the counselor may not open the student's record (403)" status_is 403
get "$oldlogin" "/review?kind=makeup"
check "  the old counselor has the pending make-up" body_has "t64 忘记打卡"

login admin
get admin "/people/edit?id=$cid"
check "a counselor's page offers their classes" eval 'status_is 200 && body_has "id=\"class-form\""'
FORM_PAGE="/people/edit?id=$cid" post admin /people/class --data-urlencode "id=$cid" --data-urlencode "give_class=999999"
check "no such class: 400 at the field" eval 'status_is 400 && body_has "id=\"class-error\""'
staff=$(sql "SELECT p.id FROM people p WHERE p.identity = 'staff' AND NOT EXISTS (SELECT 1 FROM roles r
	WHERE r.person_id = p.id AND r.role = 'counselor') ORDER BY p.id LIMIT 1")
FORM_PAGE="/people/edit?id=$staff" post admin /people/class --data-urlencode "id=$staff" --data-urlencode "give_class=$class"
check "a class for one who is no counselor: 400" eval 'status_is 400 && body_has "所选人员不是辅导员"'
check "  nothing given" eq "$(sql "SELECT COUNT(*) FROM counselor_classes WHERE class_id = $class")" 0
FORM_PAGE="/people/edit?id=$cid" post admin /people/class --data-urlencode "id=$cid" --data-urlencode "give_class=$class"
check "the admin gives the class to the counselor (303)" status_is 303
check "  every student of the class is theirs" eq "$(sql "SELECT COUNT(*) FROM people p JOIN counselor_assignments ca
	ON ca.student_id = p.id WHERE p.class_id = $class AND ca.counselor_id = $cid")" "$n"
check "  the class is recorded as theirs" eq "$(sql "SELECT counselor_id FROM counselor_classes WHERE class_id = $class")" "$cid"
check "  audited: the class" eq "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'counselor.class_give'
	AND subject_person_id = $cid AND object_id = $class")" 1
check "  and each student's reassignment, with the old counselor" eq "$(sql "SELECT detail FROM audit_log
	WHERE action = 'counselor.reassign' AND subject_person_id = $sid ORDER BY id DESC LIMIT 1")" "$old -> $cid"
get admin "/people/edit?id=$cid"
check "  their page lists the class" eval 'body_has "class=\"class-given\"" && body_has "$cname"'

get counselor "/person?id=$sid"
check "the counselor opens the student's record (200)" status_is 200
get counselor /dashboard
check "their dashboard counts the class" body_has "$cname"
get counselor "/dashboard/export?f=total"
check "  its list has the student" body_has "$snum"
get "$oldlogin" "/person?id=$sid"
check "the old counselor no longer may (403)" status_is 403
get "$oldlogin" "/review?kind=makeup"
check "the pending make-up left the old counselor's queue" body_lacks "t64 忘记打卡"
get counselor "/review?kind=makeup"
check "  and is in the new one's" body_has "t64 忘记打卡"
FORM_PAGE=/review post counselor /review/decide --data-urlencode "id=$item" --data-urlencode decision=approve
check "  who decides it" eq "$(sql "SELECT CONCAT(state, ' ', decided_by) FROM makeup_requests WHERE id = $mr")" "approved $cid"

# A new student of the class without a counselor of their own is theirs.
FORM_PAGE=/people/new post admin /people/new --data-urlencode number=T64001 --data-urlencode name=插班生 \
	--data-urlencode identity=undergrad --data-urlencode status=active --data-urlencode "college_id=$ccollege" \
	--data-urlencode "class_id=$class"
check "a new student of the class (303)" status_is 303
check "  is the class counselor's" eq "$(sql "SELECT ca.counselor_id FROM counselor_assignments ca JOIN people p
	ON p.id = ca.student_id WHERE p.number = 'T64001'")" "$cid"

# So is one imported into it without a counselor column.
kcode=$(sql "SELECT code FROM org_units WHERE id = $class")
colcode=$(sql "SELECT code FROM org_units WHERE id = $ccollege")
{ echo "学号/工号,姓名,身份,学院,班级"; echo "T64003,导入插班生,本科生,$colcode,$kcode"; } >"$T/one.csv"
get admin /people/import
req admin POST /people/import -F "csrf=$(csrf)" -F "file=@$T/one.csv"
draft=$(grep -o 'name="draft" value="[0-9]*"' "$BODY" | grep -o '[0-9]*')
req admin POST /people/apply --data-urlencode "csrf=$(csrf)" --data-urlencode "draft=$draft"
check "a student imported into the class" body_has 'id="import-applied"'
check "  is the class counselor's" eq "$(sql "SELECT ca.counselor_id FROM counselor_assignments ca JOIN people p
	ON p.id = ca.student_id WHERE p.number = 'T64003'")" "$cid"

# Handover: the class given to another counselor moves it again.
FORM_PAGE="/people/edit?id=$old" post admin /people/class --data-urlencode "id=$old" --data-urlencode "give_class=$class"
check "the class handed back to the old counselor (303)" status_is 303
check "  its students with it" eq "$(sql "SELECT COUNT(*) FROM people p JOIN counselor_assignments ca
	ON ca.student_id = p.id WHERE p.class_id = $class AND ca.counselor_id = $old")" "$((n + 2))"
get counselor "/person?id=$sid"
check "  the counselor lost them (403)" status_is 403
FORM_PAGE="/people/edit?id=$old" post admin /people/unclass --data-urlencode "id=$old" --data-urlencode "give_class=$class"
check "the class taken back (303)" status_is 303
check "  no longer recorded" eq "$(sql "SELECT COUNT(*) FROM counselor_classes WHERE class_id = $class")" 0
check "  its students keep their counselor" eq "$(sql "SELECT COUNT(*) FROM people p JOIN counselor_assignments ca
	ON ca.student_id = p.id WHERE p.class_id = $class AND ca.counselor_id = $old")" "$((n + 2))"
check "  audited" eq "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'counselor.class_take' AND object_id = $class")" 1

# A college admin: their own college's classes and counselors only.
FORM_PAGE=/people/new post admin /people/new --data-urlencode number=T64002 --data-urlencode name=学院管理员 \
	--data-urlencode identity=staff --data-urlencode status=active --data-urlencode "college_id=$ccollege"
ca=$(sql "SELECT id FROM people WHERE number = 'T64002'")
sql "INSERT INTO accounts (person_id, login, pw_hash) SELECT $ca, 't64002', pw_hash FROM accounts WHERE login = 'counselor'"
calogin=t64002
FORM_PAGE="/people/edit?id=$ca" post admin /people/grant --data-urlencode "id=$ca" \
	--data-urlencode role=college_admin --data-urlencode "org_id=$ccollege"
login "$calogin"
oclass=$(sql "SELECT u.id FROM org_units u JOIN org_units m ON m.id = u.parent_id WHERE u.kind = 'class'
	AND m.id <> $ccollege AND (m.parent_id IS NULL OR m.parent_id <> $ccollege) AND u.retired_at IS NULL ORDER BY u.id LIMIT 1")
FORM_PAGE="/people/edit?id=$old" post "$calogin" /people/class --data-urlencode "id=$old" --data-urlencode "give_class=$oclass"
check "a college admin giving another college's class: 403" status_is 403
FORM_PAGE="/people/edit?id=$old" post "$calogin" /people/class --data-urlencode "id=$cid" --data-urlencode "give_class=$class"
check "  to another college's counselor: 403" status_is 403
FORM_PAGE="/people/edit?id=$old" post "$calogin" /people/class --data-urlencode "id=$old" --data-urlencode "give_class=$class"
check "  their own college's class to its counselor: 303" status_is 303
check "the card facts agree with the base tables" eval 'hc_facts check >/dev/null'
