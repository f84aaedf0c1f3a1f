#!/usr/bin/env bash
# Accounts (issue 14): made by an admin (the password changed at the first
# login before anything else), disabled (the sessions end at once) and
# enabled, unlocked after failed logins, reset by a one-time link (24 h,
# once: the second use refused), and one's own password change.
. "$(dirname "$0")/lib.sh"

login admin
college=$(sql "SELECT id FROM org_units WHERE kind = 'college' ORDER BY id LIMIT 1")
FORM_PAGE=/people/new post admin /people/new --data-urlencode number=T52001 --data-urlencode name=新老师 \
	--data-urlencode identity=staff --data-urlencode status=active --data-urlencode "college_id=$college"
check "a staff member made" status_is 303
p=$(sql "SELECT id FROM people WHERE number = 'T52001'")

FORM_PAGE="/people/edit?id=$p" post admin /people/account --data-urlencode "id=$p" \
	--data-urlencode login=t52teacher --data-urlencode password=short
check "a password too short: 400, the login kept" eval 'status_is 400 && body_has "value=\"t52teacher\"" && body_has "过短"'
FORM_PAGE="/people/edit?id=$p" post admin /people/account --data-urlencode "id=$p" \
	--data-urlencode login=admin --data-urlencode password=first-pass-1
check "a login taken: 400 at the login" eval 'status_is 400 && body_has "该登录名已被使用"'
FORM_PAGE="/people/edit?id=$p" post admin /people/account --data-urlencode "id=$p" \
	--data-urlencode login=t52teacher --data-urlencode password=first-pass-1
check "the account made (303)" status_is 303
check "  marked for a change at the first login" eq "$(sql "SELECT must_change_pw FROM accounts WHERE person_id = $p")" 1
check "  audited" eq "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'account.create' AND subject_person_id = $p")" 1

login t52teacher first-pass-1
get t52teacher /
check "at the first login every page leads to /password" eval 'status_is 303 && header_has "Location: /password"'
get t52teacher /password
check "  which says why" eval 'status_is 200 && body_has "id=\"password-required\""'
post t52teacher /password --data-urlencode old_password=wrong-pass --data-urlencode new_password=second-pass-2 \
	--data-urlencode new_password2=second-pass-2
check "a wrong old password: 400 at it" eval 'status_is 400 && body_has "当前密码不正确"'
post t52teacher /password --data-urlencode old_password=first-pass-1 --data-urlencode new_password=second-pass-2 \
	--data-urlencode new_password2=second-pass-3
check "two new passwords that differ: 400" eval 'status_is 400 && body_has "两次输入的新密码不一致"'
post t52teacher /password --data-urlencode old_password=first-pass-1 --data-urlencode new_password=second-pass-2 \
	--data-urlencode new_password2=second-pass-2
check "the change (303)" status_is 303
get t52teacher /
check "  then the pages open" status_is 200
check "  the mark cleared" eq "$(sql "SELECT must_change_pw FROM accounts WHERE person_id = $p")" 0

# Disabled: the sessions end at once, on the very next request.
get t52teacher /
check "logged in before" status_is 200
FORM_PAGE="/people/edit?id=$p" post admin /people/disable --data-urlencode "id=$p"
check "the account disabled (303)" status_is 303
check "  its sessions deleted in the same transaction" eq "$(sql "SELECT COUNT(*) FROM sessions WHERE person_id = $p")" 0
get t52teacher /
check "  the next request is sent to the login" eval 'status_is 303 && header_has "Location: /login"'
login t52teacher second-pass-2
check "  and logging in fails" status_is 400
FORM_PAGE="/people/edit?id=$p" post admin /people/enable --data-urlencode "id=$p"
check "enabled again (303)" status_is 303
login t52teacher second-pass-2
check "  logs in" status_is 303
self=$(sql "SELECT person_id FROM accounts WHERE login = 'admin'")
FORM_PAGE="/people/edit?id=$self" post admin /people/disable --data-urlencode "id=$self"
check "an admin cannot disable their own account (400)" eval 'status_is 400 && body_has "不能停用自己的账户"'

# Locked out after failed logins, unlocked by the admin. (A browser of
# its own: tries JAR PASSWORD logs in as t52teacher.)
tries() { FORM_PAGE=/login post "$1" /login --data-urlencode login=t52teacher --data-urlencode "password=$2"; }
for i in 1 2 3 4 5; do tries locker "wrong-$i"; done
tries locker second-pass-2
check "locked after five failures (429)" status_is 429
FORM_PAGE="/people/edit?id=$p" post admin /people/unlock --data-urlencode "id=$p"
check "unlocked (303)" status_is 303
check "  the failures forgotten" eq "$(sql "SELECT COUNT(*) FROM login_failures WHERE login = 't52teacher'")" 0
tries locker2 second-pass-2
check "  logs in again" status_is 303

# The reset link: shown once, only its hash stored, 24 h, used once.
FORM_PAGE="/people/edit?id=$p" post admin /people/reset --data-urlencode "id=$p"
check "a reset link made (200)" status_is 200
link=$(grep -o 'id="reset-link">[^<]*' "$BODY" | sed 's/.*>//')
path=${link#http*://*/}
path=/$path
check "  shown" eval '[ -n "$link" ] && case "$path" in /password/reset/*) true ;; *) false ;; esac'
token=${path##*/}
check "  the token itself is not stored" eq "$(sql "SELECT COUNT(*) FROM password_resets WHERE token_hash = '$token' OR HEX(token_hash) = HEX('$token')")" 0
check "  valid for 24 hours" eq "$(sql "SELECT TIMESTAMPDIFF(HOUR, created_at, expires_at) FROM password_resets WHERE person_id = $p AND used_at IS NULL")" 24
get anon "$path"
check "the link opens a form (200)" eval 'status_is 200 && body_has "id=\"reset-form\""'
post anon "$path" --data-urlencode new_password=third-pass-3 --data-urlencode new_password2=nope
check "  two passwords that differ: 400, the form again" eval 'status_is 400 && body_has "id=\"reset-form\""'
get t52teacher /
check "the person is logged in before the reset" status_is 200
post anon "$path" --data-urlencode new_password=third-pass-3 --data-urlencode new_password2=third-pass-3
check "  used (303 to the login)" eval 'status_is 303 && header_has "Location: /login?reset=1"'
get t52teacher /
check "  their sessions ended" eval 'status_is 303 && header_has "Location: /login"'
login t52teacher third-pass-3
check "  the new password logs in" status_is 303
FORM_PAGE=/login post anon2 "$path" --data-urlencode new_password=fourth-pass-4 --data-urlencode new_password2=fourth-pass-4
check "the link used a second time is refused (410)" eval 'status_is 410 && body_has "id=\"reset-gone\""'
tries locker3 fourth-pass-4
check "  and changed nothing" status_is 400
get anon "$path"
check "  opening it again: 410" status_is 410
get anon "/password/reset/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
check "an unknown link: 410" status_is 410
# An expired link.
FORM_PAGE="/people/edit?id=$p" post admin /people/reset --data-urlencode "id=$p"
link=$(grep -o 'id="reset-link">[^<]*' "$BODY" | sed 's/.*>//')
path=/${link#http*://*/}
sql "UPDATE password_resets SET expires_at = NOW() - INTERVAL 1 MINUTE WHERE person_id = $p AND used_at IS NULL" >/dev/null
get anon "$path"
check "a link past its 24 hours: 410" status_is 410
check "resets audited (made and used)" eq "$(sql "SELECT COUNT(*) FROM audit_log WHERE subject_person_id = $p AND action IN ('account.reset_link', 'account.reset_used')")" 3
