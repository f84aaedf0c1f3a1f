#!/usr/bin/env bash
# 邀请卡片 (seed 004, 1.3; issue 16): a counselor's invitation to a class of
# theirs, a link and its QR to share in the class chat. Opening it brings
# an imported member to their first login (then a password of their own)
# and marks them joined; the group's page shows joined against expected.
# A stranger is told so and nothing changes; a forged link is refused
# (404), a revoked or replaced one too (410).
. "$(dirname "$0")/lib.sh"

cid=$(sql "SELECT person_id FROM accounts WHERE login = 'counselor'")
college=$(sql "SELECT college_id FROM people WHERE id = $cid")
hash=$(sql "SELECT pw_hash FROM accounts WHERE login = 'student'")
sql "INSERT INTO org_units (kind, parent_id, code, name) VALUES ('class', $college, 'T87', 'T87班')" >/dev/null
class=$(sql "SELECT id FROM org_units WHERE kind = 'class' AND code = 'T87'")
for x in m1 m2 m3; do
	sql "INSERT INTO people (number, name, identity, college_id, class_id) VALUES
		('T87$x', '邀请$x', 'undergrad', $college, $class)" >/dev/null
done
# Imported accounts an admin made: the initial password, to be changed at
# the first login.
sql "INSERT INTO counselor_classes (class_id, counselor_id, since) VALUES ($class, $cid, NOW());
	INSERT INTO counselor_assignments (student_id, counselor_id) SELECT id, $cid FROM people WHERE class_id = $class;
	INSERT INTO accounts (person_id, login, pw_hash, must_change_pw) SELECT id, LOWER(number), '$hash', 1
		FROM people WHERE class_id = $class" >/dev/null
m1=$(sql "SELECT id FROM people WHERE number = 'T87m1'")
m2=$(sql "SELECT id FROM people WHERE number = 'T87m2'")
gid=$(sql "SELECT person_id FROM accounts WHERE login = 'grad'")

login counselor
get counselor /group
check "the class's group: no invitation yet, 0 of 3 joined" eval 'status_is 200 &&
	body_has "id=\"invite-$class\"" && body_has "id=\"joined-$class\">0 / 3<" && body_lacks "id=\"invite-link-$class\""'
get counselor "/group/qr?class=$class"
check "  no QR without an invitation: 404" status_is 404
FORM_PAGE=/group post counselor /group/invite --data-urlencode "class=$class"
check "the counselor makes an invitation: 303" eval 'status_is 303 && header_has "Location: /group?invited=1"'
check "  one live invitation for the class, audited" eval '
	eq "$(sql "SELECT COUNT(*) FROM group_invites WHERE class_id = $class AND revoked_at IS NULL")" 1 &&
	eq "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = '"'invite.issue'"' AND actor_id = $cid
		AND detail = '"'class=$class'"'")" 1'
get counselor /group
link=$(grep -o "id=\"invite-link-$class\" class=\"invite-link\" value=\"[^\"]*\"" "$BODY" | sed 's/.*value="//; s/"$//')
t=${link##*t=}
check "  the page shows its link, to this site's /group/join?t=" eval '[ -n "$t" ] && case "$link" in http://*/group/join\?t=*) true ;; *) false ;; esac'
check "  and its QR" body_has "src=\"/group/qr?class=$class\""
get counselor "/group/qr?class=$class"
check "the QR: an SVG" eval 'status_is 200 && header_has "Content-Type: image/svg+xml" && body_has "<svg"'

# A member opens it: the group, then the login, then joined.
get m1 "/group/join?t=$t"
check "a visitor opening the link sees the class and the counselor, and a way to log in" eval 'status_is 200 &&
	body_has "T87班" && body_has "id=\"join-login\"" && body_has "next=%2Fgroup%2Fjoin%3Ft%3D"'
FORM_PAGE=/login post t87m1 /login --data-urlencode login=t87m1 --data-urlencode password=demo \
	--data-urlencode "next=/group/join?t=$t"
check "  the first login (initial password) comes back to the link" eval 'status_is 303 && header_has "Location: /group/join?t=$t"'
get t87m1 "/group/join?t=$t"
check "  the member is asked to join (not yet sent to /password)" eval 'status_is 200 && body_has "id=\"join-confirm\""'
check "  nothing marked by looking" eq "$(sql "SELECT COUNT(*) FROM group_joins WHERE person_id = $m1")" 0
FORM_PAGE="/group/join?t=$t" post t87m1 /group/join --data-urlencode "t=$t"
check "  joining: 303 to /password (a password of their own, the first login)" eval 'status_is 303 && header_has "Location: /password"'
check "  marked joined through this invitation, audited" eval '
	eq "$(sql "SELECT COUNT(*) FROM group_joins j JOIN group_invites i ON i.id = j.invite_id WHERE j.person_id = $m1 AND i.class_id = $class")" 1 &&
	eq "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = '"'invite.join'"' AND actor_id = $m1")" 1'
FORM_PAGE=/password post t87m1 /password --data-urlencode old_password=demo \
	--data-urlencode new_password=my-own-pass-1 --data-urlencode new_password2=my-own-pass-1
check "  sets their password" eval 'status_is 303 && eq "$(sql "SELECT must_change_pw FROM accounts WHERE person_id = $m1")" 0'
FORM_PAGE="/group/join?t=$t" post t87m1 /group/join --data-urlencode "t=$t"
check "  joining again changes nothing" eval 'status_is 303 && eq "$(sql "SELECT COUNT(*) FROM group_joins WHERE person_id = $m1")" 1'
get counselor /group
check "the group shows 1 of 3 joined" body_has "id=\"joined-$class\">1 / 3<"

# A stranger: told so, nothing changes.
login grad
get grad "/group/join?t=$t"
check "a student of another class opening it: 403, told they are not a member" eval 'status_is 403 &&
	body_has "id=\"join-stranger\"" && body_lacks "id=\"join-confirm\""'
FORM_PAGE=/password post grad /group/join --data-urlencode "t=$t"
check "  and joining anyway: 403, nothing marked" eval 'status_is 403 &&
	eq "$(sql "SELECT COUNT(*) FROM group_joins WHERE person_id = $gid")" 0'
get counselor "/group/join?t=$t"
check "  the counselor too is no member" eval 'status_is 403 && body_has "id=\"join-stranger\""'

# Forged links.
id=${t%%.*}; mac=${t#*.}
last=${mac: -1}; [ "$last" = 0 ] && flip=1 || flip=0
for bad in "$id.${mac%?}$flip" "$((id + 1)).$mac" "$id.$mac" "x" "$id.${mac^^}" "$t$t"; do
	[ "$bad" = "$id.$mac" ] && continue
	get anon "/group/join?t=$bad"
	check "a forged or mangled link ($bad): 404, said" eval 'status_is 404 && body_has "id=\"join-bad\""'
done
login t87m2
FORM_PAGE=/password post t87m2 /group/join --data-urlencode "t=$id.${mac%?}$flip"
check "  joining with a forged one: 404, nothing marked" eval 'status_is 404 &&
	eq "$(sql "SELECT COUNT(*) FROM group_joins WHERE person_id = $m2")" 0'

# A new invitation replaces the old; a revoked one is refused.
FORM_PAGE=/group post counselor /group/invite --data-urlencode "class=$class"
get counselor /group
t2=$(grep -o "id=\"invite-link-$class\" class=\"invite-link\" value=\"[^\"]*\"" "$BODY" | sed 's/.*t=//; s/"$//')
check "a new invitation: another link" eval '[ -n "$t2" ] && [ "$t2" != "$t" ]'
get anon "/group/join?t=$t"
check "  the old link: 410, said" eval 'status_is 410 && body_has "id=\"join-revoked\""'
FORM_PAGE=/password post t87m2 /group/join --data-urlencode "t=$t"
check "  joining through it: 410, nothing marked" eval 'status_is 410 &&
	eq "$(sql "SELECT COUNT(*) FROM group_joins WHERE person_id = $m2")" 0'
FORM_PAGE=/group post counselor /group/revoke --data-urlencode "class=$class"
check "the counselor revokes the new one: 303, audited" eval 'status_is 303 &&
	eq "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = '"'invite.revoke'"' AND actor_id = $cid
		AND detail = '"'class=$class'"'")" 1'
get anon "/group/join?t=$t2"
check "  its link: 410" eval 'status_is 410 && body_has "id=\"join-revoked\""'
get counselor "/group/qr?class=$class"
check "  no QR any more: 404" status_is 404
FORM_PAGE=/group post counselor /group/revoke --data-urlencode "class=$class"
check "  revoking again: 404" status_is 404
other=$(sql "SELECT id FROM org_units WHERE kind = 'class' AND id NOT IN
	(SELECT class_id FROM counselor_classes WHERE counselor_id = $cid) LIMIT 1")
FORM_PAGE=/group post counselor /group/invite --data-urlencode "class=$other"
check "an invitation to another counselor's class: 404, none made" eval 'status_is 404 &&
	eq "$(sql "SELECT COUNT(*) FROM group_invites WHERE class_id = $other")" 0'

# All one's students: an invitation of its own; the grad (the counselor's)
# joins through it.
FORM_PAGE=/group post counselor /group/invite
get counselor /group
t3=$(grep -o "id=\"invite-link-0\" class=\"invite-link\" value=\"[^\"]*\"" "$BODY" | sed 's/.*t=//; s/"$//')
FORM_PAGE="/group/join?t=$t3" post grad /group/join --data-urlencode "t=$t3"
check "the group of all the counselor's students: the grad joins through its link" eval 'status_is 303 &&
	eq "$(sql "SELECT COUNT(*) FROM group_joins WHERE person_id = $gid")" 1'
