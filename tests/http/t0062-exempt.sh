#!/usr/bin/env bash
# 打卡对象 (seed 001): exemptions by status, class or person, managed by the
# school admin on /exempt. An exempt person is not unreported on the
# dashboard, gets no reminder, and their card says why nothing is asked.
. "$(dirname "$0")/lib.sh"

today=$(TZ=Asia/Shanghai date +%F)
yesterday=$(TZ=Asia/Shanghai date -d '-1 day' +%F)
sid=$(sql "SELECT person_id FROM accounts WHERE login = 'student'")
gid=$(sql "SELECT person_id FROM accounts WHERE login = 'grad'")
cid=$(sql "SELECT person_id FROM accounts WHERE login = 'counselor'")
snum=$(sql "SELECT number FROM people WHERE id = $sid")
# The figure of the dashboard the last page showed.
fig() { grep -o "id=\"fig-$1\">[0-9]*<" "$BODY" | grep -o '[0-9]*'; }
# Whether the student is in the counselor's list behind a figure (the CSV:
# every page of it).
listed() { get counselor "/dashboard/export?f=$1" && grep -qE "^\"?$snum\"?," "$BODY"; }

# Who may manage it: the school admin alone.
for who in student grad counselor reviewer gate dorm; do
	login $who
	get $who /exempt
	check "$who may not open /exempt: 403" status_is 403
done
check "no login: to the login page" turned_away anonymous /exempt
login admin
get admin /exempt
check "the school admin opens /exempt" eval 'status_is 200 && body_has "id=\"exempt-add\""'
check "  linked from the admin's menu" body_has 'href="/exempt"'

# Today's figures before: the demo student has not reported today.
login counselor
get counselor "/dashboard?f=unreported"
u0=$(fig unreported); e0=$(fig exempt); t0=$(fig total); r0=$(fig reported)
check "before: the student is unreported, nobody exempt" eval 'eq "$e0" 0 && listed unreported'

# By status: the student suspends (休学); suspended students are exempt.
sql "UPDATE people SET status = 'suspended' WHERE id = $sid" >/dev/null
FORM_PAGE=/exempt post admin /exempt/add --data-urlencode kind=status --data-urlencode status=suspended \
	--data-urlencode "reason=已办理休学手续" --data-urlencode "starts_on=$yesterday"
check "an exemption by status is added" eval 'status_is 303 && header_has "Location: /exempt?added="'
xid=$(sql "SELECT MAX(id) FROM checkin_exemptions")
check "  with its audit row, by the admin" eq "$(sql "SELECT COUNT(*) FROM audit_log a JOIN accounts c ON c.person_id = a.actor_id
	WHERE a.action = 'exempt.add' AND a.object_id = $xid AND c.login = 'admin'")" 1
get admin /exempt
check "  and listed, with how many it names" eval 'body_has "id=\"exemption-$xid\"" && body_has "已办理休学手续"'

get counselor "/dashboard?f=unreported"
check "the counselor's dashboard: one fewer unreported, one exempt, total kept" eval '
	eq "$(fig unreported)" "$((u0 - 1))" && eq "$(fig exempt)" "$((e0 + 1))" && eq "$(fig total)" "$t0" &&
	eq "$(fig reported)" "$r0"'
check "  the unreported list lacks the student" eval '! listed unreported'
get counselor "/dashboard?f=exempt"
check "  the exempt list holds them, marked" eval 'body_has ">$snum<" && body_has "class=\"tag\""'
check "  the whole list still holds them" listed total

login admin
get admin "/dashboard?f=unreported"
check "the school's figures: unreported = total - reported - exempt" eval '
	[ "$(fig exempt)" -ge 1 ] && eq "$(fig unreported)" "$(( $(fig total) - $(fig reported) - $(fig exempt) ))"'

# No reminder for the exempt. (Earlier tests may have reminded today:
# their reminders go, so that this click reminds everyone unreported.)
sql "DELETE FROM reminders WHERE day = '$today' AND person_id IN
	(SELECT student_id FROM counselor_assignments WHERE counselor_id = $cid)" >/dev/null
msgs=$(sql "SELECT COUNT(*) FROM messages WHERE person_id = $sid AND kind = 'remind' AND body = '$today'")
outbox=$(sql "SELECT COUNT(*) FROM outbox WHERE person_id = $sid")
FORM_PAGE=/dashboard/remind post counselor /dashboard/remind
check "the counselor reminds the unreported" header_has "reminded=$((u0 - 1))"
check "  but not the exempt student" eq "$(sql "SELECT COUNT(*) FROM reminders WHERE person_id = $sid AND day = '$today'")" 0
check "  nor a message or outbox row for them" eval 'eq "$(sql "SELECT COUNT(*) FROM messages WHERE person_id = $sid
	AND kind = '"'remind'"' AND body = '"'$today'"'")" "$msgs" && eq "$(sql "SELECT COUNT(*) FROM outbox WHERE person_id = $sid")" "$outbox"'

# The card says why nothing is asked.
login student
get student /card
check "the student's card says why no check-in is asked" eval 'body_has "id=\"exempt\"" && body_has "已办理休学手续" && body_has "休学"'
check "  instead of asking for today's check-in" eval 'body_has "class=\"today-exempt\"" && body_lacks "class=\"today-todo\""'
get counselor "/card?person=$sid"
check "  and the counselor sees the same" eval 'body_has "id=\"exempt\"" && body_has "已办理休学手续"'
get student /checkin/calendar
check "  the student's own calendar marks today exempt, not a day to check in or make up" eval '
	grep -A2 "<li class=\"day-exempt\">" "$BODY" | grep -q "<span class=\"date\">$today</span>" &&
	body_lacks "class=\"day-today\""'

# Ended: the rule applies no more; ending twice is a conflict.
FORM_PAGE=/exempt post admin /exempt/end --data-urlencode "id=$xid"
check "the admin ends the exemption" eval 'status_is 303 && header_has "Location: /exempt?ended="'
FORM_PAGE=/exempt post admin /exempt/end --data-urlencode "id=$xid"
check "  ending it again: 409" status_is 409
FORM_PAGE=/exempt post admin /exempt/end --data-urlencode "id=99999999"
check "  no such exemption: 404" status_is 404
get counselor "/dashboard?f=unreported"
check "  the student counts as unreported again" eval 'eq "$(fig exempt)" 0 && listed unreported'
get student /card
check "  and their card asks again" body_lacks 'id="exempt"'

# By class, and by person, each from a date on.
read -r cp clogin gclass <<<"$(sql "SELECT p.id, a.login, p.class_id FROM people p JOIN accounts a ON a.person_id = p.id
	WHERE p.class_id IS NOT NULL AND p.id <> $sid ORDER BY p.id LIMIT 1")"
FORM_PAGE=/exempt post admin /exempt/add --data-urlencode kind=class --data-urlencode "class_id=$gclass" \
	--data-urlencode "reason=班主任以其他方式跟进" --data-urlencode "starts_on=$today" --data-urlencode "ends_on=$today"
check "an exemption by class is added" status_is 303
login "$clogin"
get "$clogin" /card
check "  a student of the class: the card says so, for today" eval 'body_has "id=\"exempt\"" && body_has "班主任以其他方式跟进"'
FORM_PAGE=/exempt post admin /exempt/add --data-urlencode kind=person --data-urlencode "number=$snum" \
	--data-urlencode "reason=入伍" --data-urlencode "starts_on=$(TZ=Asia/Shanghai date -d '+1 day' +%F)"
check "an exemption of one person from tomorrow is added" status_is 303
get student /card
check "  it asks nothing of today yet" body_lacks 'id="exempt"'
check "  the audit row names the person" eq "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'exempt.add' AND subject_person_id = $sid")" 1

# The form's messages: 400 with the input kept.
FORM_PAGE=/exempt post admin /exempt/add --data-urlencode kind=class --data-urlencode "reason=x" --data-urlencode "starts_on=$today"
check "by class without a class: 400 at the field" eval 'status_is 400 && body_has "class=\"field bad\"" && body_has "value=\"x\""'
FORM_PAGE=/exempt post admin /exempt/add --data-urlencode kind=person --data-urlencode "number=nobody-here" --data-urlencode "reason=x" --data-urlencode "starts_on=$today"
check "by an unknown number: 400" status_is 400
FORM_PAGE=/exempt post admin /exempt/add --data-urlencode kind=status --data-urlencode status=enlisted --data-urlencode "reason=x" \
	--data-urlencode "starts_on=$today" --data-urlencode "ends_on=$yesterday"
check "a range that ends before it starts: 400" status_is 400
FORM_PAGE=/exempt post admin /exempt/add --data-urlencode kind=status --data-urlencode status=bogus --data-urlencode "reason=x" --data-urlencode "starts_on=$today"
check "an unknown status: 400" status_is 400
login counselor
FORM_PAGE=/dashboard post counselor /exempt/add --data-urlencode kind=status --data-urlencode status=enlisted --data-urlencode "reason=x" --data-urlencode "starts_on=$today"
check "a counselor may not add one: 403" status_is 403

sql "UPDATE people SET status = 'active' WHERE id = $sid" >/dev/null
sql "UPDATE checkin_exemptions SET ended_at = NOW(), ended_by = $cid WHERE ended_at IS NULL" >/dev/null
hc_facts check >"$T/facts" 2>&1
check "the stored card facts hold ($(tail -1 "$T/facts"))" grep -qx "0 rows differ" "$T/facts"
