#!/usr/bin/env bash
# Roles (issue 14): given and taken, each audited, with their college where
# the role has one; a college admin gives only counselor and reviewer in
# their own college; the last school admin is never taken away.
. "$(dirname "$0")/lib.sh"

login admin
college=$(sql "SELECT id FROM org_units WHERE kind = 'college' ORDER BY id LIMIT 1")
FORM_PAGE=/people/new post admin /people/new --data-urlencode number=T53001 --data-urlencode name=新审批人 \
	--data-urlencode identity=staff --data-urlencode status=active --data-urlencode "college_id=$college"
p=$(sql "SELECT id FROM people WHERE number = 'T53001'")
FORM_PAGE="/people/edit?id=$p" post admin /people/grant --data-urlencode "id=$p" --data-urlencode role=reviewer
check "a reviewer without a college: 400 at the college" eval 'status_is 400 && body_has "须选择一个在用的学院"'
FORM_PAGE="/people/edit?id=$p" post admin /people/grant --data-urlencode "id=$p" --data-urlencode role=pope
check "an unknown role: 400" status_is 400
FORM_PAGE="/people/edit?id=$p" post admin /people/grant --data-urlencode "id=$p" --data-urlencode role=reviewer \
	--data-urlencode "org_id=$college"
check "a college reviewer given (303)" status_is 303
check "  with their college" eq "$(sql "SELECT org_id FROM roles WHERE person_id = $p AND role = 'reviewer'")" "$college"
check "  audited" eq "$(sql "SELECT detail FROM audit_log WHERE action = 'role.grant' AND subject_person_id = $p")" "reviewer $college"
FORM_PAGE="/people/edit?id=$p" post admin /people/grant --data-urlencode "id=$p" --data-urlencode role=counselor
check "a counselor given (303)" status_is 303
FORM_PAGE="/people/edit?id=$p" post admin /people/revoke --data-urlencode "id=$p" --data-urlencode role=reviewer
check "the reviewer role taken (303)" status_is 303
check "  gone" eq "$(sql "SELECT GROUP_CONCAT(role) FROM roles WHERE person_id = $p")" counselor
check "  audited" eq "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'role.revoke' AND subject_person_id = $p")" 1
FORM_PAGE="/people/edit?id=1" post admin /people/grant --data-urlencode "id=1" --data-urlencode role=gate
check "a student is given no role (400)" eval 'status_is 400 && body_has "只有教职工可以担任角色"'
FORM_PAGE="/people/edit?id=3" post admin /people/revoke --data-urlencode "id=3" --data-urlencode role=counselor
check "a counselor with students keeps the role (400)" eval 'status_is 400 && body_has "仍有负责的学生"'

# The last school admin.
me=$(sql "SELECT person_id FROM accounts WHERE login = 'admin'")
check "the demo school has one school admin" eq "$(sql "SELECT COUNT(*) FROM roles WHERE role = 'admin'")" 1
FORM_PAGE="/people/edit?id=$me" post admin /people/revoke --data-urlencode "id=$me" --data-urlencode role=admin
check "the last school admin's role is not taken (400)" eval 'status_is 400 && body_has "最后一位学校管理员"'
check "  still there" eq "$(sql "SELECT COUNT(*) FROM roles WHERE role = 'admin'")" 1
FORM_PAGE="/people/edit?id=$p" post admin /people/grant --data-urlencode "id=$p" --data-urlencode role=admin
check "a second school admin given (303)" status_is 303
FORM_PAGE="/people/edit?id=$p" post admin /people/account --data-urlencode "id=$p" \
	--data-urlencode login=t53admin --data-urlencode password=t53-password
FORM_PAGE="/people/edit?id=$p" post admin /people/disable --data-urlencode "id=$p"
check "  whose account is disabled (303)" status_is 303
FORM_PAGE="/people/edit?id=$me" post admin /people/revoke --data-urlencode "id=$me" --data-urlencode role=admin
check "a disabled admin does not count: the last enabled one stays (400)" status_is 400
FORM_PAGE="/people/edit?id=$p" post admin /people/enable --data-urlencode "id=$p"
FORM_PAGE="/people/edit?id=$p" post admin /people/revoke --data-urlencode "id=$p" --data-urlencode role=admin
check "with two enabled, one is taken (303)" status_is 303

# A college admin gives only their own college's roles.
FORM_PAGE="/people/edit?id=$p" post admin /people/grant --data-urlencode "id=$p" --data-urlencode role=college_admin \
	--data-urlencode "org_id=$college"
check "a college admin made (303)" status_is 303
FORM_PAGE=/password post t53admin /password 2>/dev/null
FORM_PAGE=/login post t53admin /login --data-urlencode login=t53admin --data-urlencode password=t53-password
FORM_PAGE=/password post t53admin /password --data-urlencode old_password=t53-password \
	--data-urlencode new_password=t53-password-2 --data-urlencode new_password2=t53-password-2
check "  who sets their password first (303)" status_is 303
other=$(sql "SELECT id FROM org_units WHERE kind = 'college' AND id <> $college ORDER BY id LIMIT 1")
inside=$(sql "SELECT id FROM people WHERE identity = 'staff' AND college_id = $college AND id <> $p AND id > 7 LIMIT 1")
[ -n "$inside" ] || inside=$(sql "SELECT id FROM people WHERE identity = 'staff' AND college_id = $college AND id NOT IN ($p, $me) ORDER BY id DESC LIMIT 1")
outside=$(sql "SELECT id FROM people WHERE identity = 'staff' AND college_id = $other LIMIT 1")
FORM_PAGE=/people post t53admin /people/grant --data-urlencode "id=$outside" --data-urlencode role=counselor
check "  another college's staff: 403" status_is 403
FORM_PAGE=/people post t53admin /people/grant --data-urlencode "id=$inside" --data-urlencode role=gate
check "  a gate role: 403" status_is 403
FORM_PAGE=/people post t53admin /people/grant --data-urlencode "id=$inside" --data-urlencode role=reviewer \
	--data-urlencode "org_id=$other"
check "  a reviewer of another college: 403" status_is 403
FORM_PAGE=/people post t53admin /people/revoke --data-urlencode "id=$me" --data-urlencode role=admin
check "  the school admin's role: 403" status_is 403
get t53admin "/people/edit?id=$outside"
check "  another college's person: 403" status_is 403
FORM_PAGE=/people post t53admin /people/disable --data-urlencode "id=$outside"
check "  disabling them: 403" status_is 403
FORM_PAGE=/people/new post t53admin /people/new --data-urlencode number=T53002 --data-urlencode name=外院 \
	--data-urlencode identity=undergrad --data-urlencode status=active --data-urlencode "college_id=$other"
check "  a person made in another college: 403" status_is 403
get t53admin "/people?q=T53"
check "  the search covers their college" eval 'status_is 200 && body_has "T53001"'
FORM_PAGE=/people/new post t53admin /people/new --data-urlencode number=T53003 --data-urlencode name=本院 \
	--data-urlencode identity=staff --data-urlencode status=active --data-urlencode "college_id=$college"
check "  a person in their own college: 303" status_is 303
q=$(sql "SELECT id FROM people WHERE number = 'T53003'")
FORM_PAGE=/people post t53admin /people/grant --data-urlencode "id=$q" --data-urlencode role=counselor
check "  made a counselor (303)" status_is 303
check "  audited as theirs" eq "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'role.grant' AND subject_person_id = $q AND actor_id = $p")" 1
