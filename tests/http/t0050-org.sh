#!/usr/bin/env bash
# /org (issue 14): the organisation as a tree; a unit made, renamed,
# retired and merged by the school admin; bad input re-rendered with a
# message per field; a college admin on their own college only.
. "$(dirname "$0")/lib.sh"

login admin
get admin /org
check "the school admin sees the tree" eval 'status_is 200 && body_has "id=\"org-tree\""'
college=$(sql "SELECT id FROM org_units WHERE kind = 'college' ORDER BY id LIMIT 1")
other=$(sql "SELECT id FROM org_units WHERE kind = 'college' ORDER BY id LIMIT 1 OFFSET 1")
check "  with every college" body_has "id=\"unit-$other\""

# A major and a class under it.
FORM_PAGE=/org post admin /org/add --data-urlencode kind=major --data-urlencode "parent_id=$college" \
	--data-urlencode code=T50M --data-urlencode name=测试专业
check "a major is added (303)" status_is 303
major=$(sql "SELECT id FROM org_units WHERE code = 'T50M'")
check "  under its college" eq "$(sql "SELECT parent_id FROM org_units WHERE id = $major")" "$college"
check "  audited" eq "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'org.create' AND object_id = $major")" 1
FORM_PAGE=/org post admin /org/add --data-urlencode kind=class --data-urlencode "parent_id=$major" \
	--data-urlencode code=T50C1 --data-urlencode name=测试班1
check "a class under the major (303)" status_is 303
c1=$(sql "SELECT id FROM org_units WHERE code = 'T50C1'")
FORM_PAGE=/org post admin /org/add --data-urlencode kind=class --data-urlencode "parent_id=$college" \
	--data-urlencode code=T50C2 --data-urlencode name=测试班2
c2=$(sql "SELECT id FROM org_units WHERE code = 'T50C2'")
get admin /org
check "the tree shows the class under the major" body_has "class=\"depth-2\">测试班1"

# Bad input: re-rendered, with the values and a message per field.
FORM_PAGE=/org post admin /org/add --data-urlencode kind=class --data-urlencode "parent_id=$college" \
	--data-urlencode code=T50C1 --data-urlencode name=重复代码
check "a taken code is 400" status_is 400
check "  the form keeps the name typed" body_has 'value="重复代码"'
check "  with the message at the code" body_has "该代码已被同类单位使用"
FORM_PAGE=/org post admin /org/add --data-urlencode kind=campus --data-urlencode code= --data-urlencode name=x
check "a bad kind and an empty code: 400" status_is 400
check "  a message for each" eval 'body_has "请从选项中选择" && body_has "此项必填"'
FORM_PAGE=/org post admin /org/add --data-urlencode kind=major --data-urlencode "parent_id=$c1" \
	--data-urlencode code=T50X --data-urlencode name=坏上级
check "a major under a class: 400 at the parent" eval 'status_is 400 && body_has "请选择有效的上级单位"'

# Rename.
FORM_PAGE="/org/edit?id=$c2" post admin /org/rename --data-urlencode "id=$c2" \
	--data-urlencode code=T50C2B --data-urlencode name=测试班二
check "a class renamed (303)" status_is 303
check "  stored" eq "$(sql "SELECT CONCAT(code, ' ', name) FROM org_units WHERE id = $c2")" "T50C2B 测试班二"
FORM_PAGE="/org/edit?id=$c2" post admin /org/rename --data-urlencode "id=$c2" \
	--data-urlencode code= --data-urlencode name=测试班三
check "an empty code on rename: 400 with the name kept" eval 'status_is 400 && body_has "value=\"测试班三\""'

# Merge: the people move into the target.
a=$(sql "SELECT id FROM people WHERE identity = 'undergrad' AND college_id = $college ORDER BY id DESC LIMIT 1")
b=$(sql "SELECT id FROM people WHERE identity = 'undergrad' AND college_id = $college ORDER BY id DESC LIMIT 1 OFFSET 1")
old_a=$(sql "SELECT class_id FROM people WHERE id = $a")
old_b=$(sql "SELECT class_id FROM people WHERE id = $b")
raw_sql "UPDATE people SET class_id = $c2 WHERE id IN ($a, $b)"
FORM_PAGE="/org/edit?id=$c2" post admin /org/merge --data-urlencode "id=$c2" --data-urlencode "into=$c1"
check "a class merged into another (303)" status_is 303
check "  its people moved into the target" eq "$(sql "SELECT COUNT(*) FROM people WHERE class_id = $c1")" 2
check "  the source retired, naming the target" eq "$(sql "SELECT merged_into FROM org_units WHERE id = $c2 AND retired_at IS NOT NULL")" "$c1"
check "  audited with the people moved" eq "$(sql "SELECT detail FROM audit_log WHERE action = 'org.merge' AND object_id = $c2")" "class into $c1: 2 people"
get admin "/org/edit?id=$c2"
check "  the retired unit is kept for history" eval 'status_is 200 && body_has "id=\"unit-retired\""'
get admin /people/new
check "  and no longer offered in a chooser" eval 'body_has "T50C1 测试班1" && body_lacks "T50C2B"'
FORM_PAGE="/org/edit?id=$c1" post admin /org/merge --data-urlencode "id=$c1" --data-urlencode "into=$c2"
check "merging into a retired unit: 400" eval 'status_is 400 && body_has "请选择另一个同类型、在用的单位"'
FORM_PAGE="/org/edit?id=$c1" post admin /org/merge --data-urlencode "id=$c1" --data-urlencode "into=$major"
check "merging a class into a major: 400" status_is 400
raw_sql "UPDATE people SET class_id = $old_a WHERE id = $a; UPDATE people SET class_id = $old_b WHERE id = $b"

# Retire: refused while a unit below is in use.
FORM_PAGE="/org/edit?id=$major" post admin /org/retire --data-urlencode "id=$major"
check "a major with a class in use is not retired (400)" eval 'status_is 400 && body_has "其下仍有在用的单位"'
FORM_PAGE="/org/edit?id=$c1" post admin /org/retire --data-urlencode "id=$c1"
check "its class retired (303)" status_is 303
FORM_PAGE="/org/edit?id=$major" post admin /org/retire --data-urlencode "id=$major"
check "then the major (303)" status_is 303
check "  both kept" eq "$(sql "SELECT COUNT(*) FROM org_units WHERE id IN ($c1, $major) AND retired_at IS NOT NULL")" 2

# A college admin: their own college only.
# (a staff member who is not one of the demo accounts, and their college)
staff=$(sql "SELECT p.id FROM people p WHERE p.identity = 'staff' AND p.college_id IS NOT NULL AND p.id > 7 ORDER BY p.id DESC LIMIT 1")
snum=$(sql "SELECT login FROM accounts WHERE person_id = $staff")
college=$(sql "SELECT college_id FROM people WHERE id = $staff")
other=$(sql "SELECT id FROM org_units WHERE kind = 'college' AND id <> $college ORDER BY id LIMIT 1")
FORM_PAGE="/people/edit?id=$staff" post admin /people/grant --data-urlencode "id=$staff" \
	--data-urlencode role=college_admin --data-urlencode "org_id=$college"
check "the admin makes a college admin (303)" status_is 303
login "$snum"
get "$snum" /org
check "the college admin sees /org" eval 'status_is 200 && body_has "id=\"unit-$college\""'
check "  their college only" body_lacks "id=\"unit-$other\""
get "$snum" "/org?college=$other"
check "  another college's tree is 403" status_is 403
oclass=$(sql "SELECT id FROM org_units WHERE kind = 'class' AND parent_id = $other LIMIT 1")
get "$snum" "/org/edit?id=$oclass"
check "  another college's class is 403" status_is 403
FORM_PAGE=/org post "$snum" /org/rename --data-urlencode "id=$oclass" --data-urlencode code=HACK --data-urlencode name=HACK
check "  renaming it is 403" status_is 403
check "  and nothing changed" eq "$(sql "SELECT COUNT(*) FROM org_units WHERE code = 'HACK'")" 0
FORM_PAGE=/org post "$snum" /org/add --data-urlencode kind=class --data-urlencode "parent_id=$other" \
	--data-urlencode code=T50HACK --data-urlencode name=越权
check "  adding a class to another college is 403" status_is 403
FORM_PAGE=/org post "$snum" /org/add --data-urlencode kind=college --data-urlencode code=T50COL --data-urlencode name=新学院
check "  adding a college is 403" status_is 403
FORM_PAGE=/org post "$snum" /org/add --data-urlencode kind=class --data-urlencode "parent_id=$college" \
	--data-urlencode code=T50OWN --data-urlencode name=本院新班
check "  a class in their own college is added (303)" status_is 303
own=$(sql "SELECT id FROM org_units WHERE code = 'T50OWN'")
FORM_PAGE="/org/edit?id=$own" post "$snum" /org/merge --data-urlencode "id=$own" --data-urlencode "into=$oclass"
check "  merging into another college's class is 403" status_is 403
FORM_PAGE="/org/edit?id=$college" post "$snum" /org/rename --data-urlencode "id=$college" --data-urlencode code=X --data-urlencode name=X
check "  renaming the college itself is the school's (403)" status_is 403
FORM_PAGE="/people/edit?id=$staff" post admin /people/revoke --data-urlencode "id=$staff" --data-urlencode role=college_admin
check "the role taken back (303)" status_is 303
get "$snum" /org
check "  and /org is 403 on the next request" status_is 403
