#!/usr/bin/env bash
# /audit: the audit trail, readable, for the school admin: by who, what,
# whom and dates, paged. A student sees who changed their own data.
. "$(dirname "$0")/lib.sh"

today=$(TZ=Asia/Shanghai date +%F)
sid=$(sql "SELECT person_id FROM accounts WHERE login = 'student'")
gid=$(sql "SELECT person_id FROM accounts WHERE login = 'grad'")
cid=$(sql "SELECT person_id FROM accounts WHERE login = 'counselor'")
snum=$(sql "SELECT number FROM people WHERE id = $sid")

for who in student grad counselor reviewer gate dorm; do
	login $who
	get $who /audit
	check "$who may not open /audit: 403" status_is 403
done
check "no login: to the login page" turned_away anonymous /audit

# Known rows: the counselor corrects the student's basic info (a write
# about the student), the admin exports the table (about no one).
login counselor
FORM_PAGE="/checkin/basic_fix?person=$sid" post counselor /checkin/basic_fix --data-urlencode "person=$sid" \
	--data-urlencode "phone=13800138000" --data-urlencode "home_address=北京市海淀区 1 号" \
	--data-urlencode "emergency_contact=张三" --data-urlencode "emergency_phone=13900139000" \
	--data-urlencode "boarding=1" --data-urlencode "dorm=1-101"
check "the counselor corrects the student's basic info" status_is 303
old=$(TZ=Asia/Shanghai date -d '-400 days' +%F)
sql "INSERT INTO audit_log (at, actor_id, action, subject_person_id, detail)
	VALUES ('$old 10:00:00', $cid, 'basic_info.correct', $sid, 'long ago <x>')" >/dev/null

login admin
get admin /audit
check "the school admin opens /audit, latest first" eval 'status_is 200 && body_has "id=\"audit-rows\"" && body_has "href=\"/audit\""'
get admin "/audit?who=counselor&whom=$snum&action=basic_info.correct&lang=en"
check "by who (a login), whom (a number) and what: the correction" eval '
	[ "$(grep -c "<tr data-action=\"basic_info.correct\"" "$BODY")" -ge 2 ] && body_has "corrected basic info" &&
	body_lacks "data-action=\"table.export\""'
check "  a detail is escaped" body_has 'long ago &lt;x&gt;'
get admin "/audit?who=counselor&whom=$snum&action=basic_info.correct"
all=$(grep -c "<tr data-action=" "$BODY")
get admin "/audit?who=counselor&whom=$snum&action=basic_info.correct&from=$today&to=$today"
check "a date range leaves the old row out" eval 'eq "$(grep -c "<tr data-action=" "$BODY")" "$((all - 1))" && body_lacks "long ago"'
get admin "/audit?whom=$snum&to=$old"
check "  and up to a day takes that whole day" eval 'eq "$(grep -c "<tr data-action=" "$BODY")" 1 && body_has "long ago"'
get admin "/audit?who=nobody-such"
check "an unknown person: no rows and a note" eval 'status_is 200 && body_has "id=\"no-who\"" && body_has "id=\"audit-empty\""'
get admin "/audit?from=2024-13-45"
check "a malformed date: 400 at the field" eval 'status_is 400 && body_has "class=\"field bad\""'
get admin "/audit?page=x"
check "a malformed page: 400" status_is 400

# Paged, 50 a page.
sql "INSERT INTO audit_log (at, actor_id, action, subject_person_id, detail)
	SELECT '$old 09:00:00', $cid, 'test.page', $gid, seq FROM seq_1_to_120" >/dev/null
get admin "/audit?action=test.page"
check "a page holds 50 rows and leads to the next" eval 'eq "$(grep -c "<tr data-action=\"test.page\"" "$BODY")" 50 && body_has "id=\"next-page\""'
get admin "/audit?action=test.page&page=2"
check "  the last page holds the rest" eval 'eq "$(grep -c "<tr data-action=\"test.page\"" "$BODY")" 20 && body_lacks "id=\"next-page\""'
get admin "/audit?action=test.page&page=1"
check "  the pager keeps the search" body_has 'href="/audit?who=&amp;action=test.page&amp;whom=&amp;from=&amp;to=&amp;page=2#results"'

# The student: who changed their own data, on their own record and nowhere else.
login student
get student /person
check "the student sees who changed their data" eval 'status_is 200 && grep -A40 "id=\"audit-about\"" "$BODY" |
	grep -q "$(sql "SELECT name FROM people WHERE id = $cid")"'
check "  linked from their card" eval 'get student /card && body_has "href=\"/person\""'
sql "DELETE FROM audit_log WHERE action = 'test.page' OR detail = 'long ago <x>'" >/dev/null
