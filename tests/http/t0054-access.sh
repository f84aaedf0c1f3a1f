#!/usr/bin/env bash
# Issue 14's pages x every demo role: who is served (200, or 303 after a
# change) and who is refused (403); anonymous visitors go to the login.
# And hc-admin, the first admin of an empty school.
. "$(dirname "$0")/lib.sh"

roles="student grad counselor reviewer admin gate dorm"
for who in $roles; do login "$who"; done
unit=$(sql "SELECT id FROM org_units WHERE kind = 'class' ORDER BY id LIMIT 1")
# GET pages: the school admin only (the college admin is t0050's and t0053's).
for path in /org "/org/edit?id=$unit" /people "/people?q=1" /people/new "/people/edit?id=1"; do
	for who in $roles; do
		get "$who" "$path"
		if [ "$who" = admin ]; then
			check "$who GET $path: 200" status_is 200
		else
			check "$who GET $path: 403" status_is 403
		fi
	done
	get anon "$path"
	check "anonymous GET $path: to the login" eval 'status_is 303 && header_has "Location: /login"'
done
# POSTs: refused before anything is read for all but the school admin.
for path in /org/add /org/rename /org/retire /org/merge /people/new /people/edit /people/delete \
	/people/account /people/disable /people/enable /people/unlock /people/reset /people/grant /people/revoke \
	/people/class /people/unclass /people/phone; do
	for who in $roles; do
		[ "$who" = admin ] && continue
		FORM_PAGE=/password post "$who" "$path" --data-urlencode id=1
		check "$who POST $path: 403" status_is 403
	done
done
FORM_PAGE=/org post admin /org/rename --data-urlencode "id=$unit" \
	--data-urlencode "code=$(sql "SELECT code FROM org_units WHERE id = $unit")" \
	--data-urlencode "name=$(sql "SELECT name FROM org_units WHERE id = $unit")"
check "admin POST /org/rename: 303" status_is 303
FORM_PAGE=/people post admin /people/unlock --data-urlencode id=1
check "admin POST /people/unlock: 303" status_is 303
# /policy (issue 21): the school admin only, each action.
for who in $roles; do
	get "$who" /policy
	get_status=$STATUS
	get "$who" "/policy/preview?fever=37.3&streak_days=14&makeup_days_back=0&makeup_per_term=0&summary_deadline=11:30"
	preview_status=$STATUS
	FORM_PAGE=/password post "$who" /policy/apply --data-urlencode fever=37.3
	if [ "$who" = admin ]; then
		check "$who GET /policy, /policy/preview: 200; POST /policy/apply (a field missing): 400" \
			eval 'eq "$get_status $preview_status $STATUS" "200 200 400"'
	else
		check "$who GET /policy, /policy/preview, POST /policy/apply: 403" \
			eval 'eq "$get_status $preview_status $STATUS" "403 403 403"'
	fi
done
get anon /policy
check "anonymous GET /policy: to the login" eval 'status_is 303 && header_has "Location: /login"'
# /policy/questions and the bulk resets (issue 21): the school admin only.
# Each POST with a parameter missing or unknown: 400 / 404 for the admin,
# nothing changed.
for who in $roles; do
	get "$who" /policy/questions; s1=$STATUS
	get "$who" "/policy/reset?state=checkins&reason="; s2=$STATUS
	get "$who" "/policy/term?name=&starts_on=&ends_on="; s3=$STATUS
	FORM_PAGE=/password post "$who" /policy/questions --data-urlencode kind=yesno; s4=$STATUS
	FORM_PAGE=/password post "$who" /policy/question_retire --data-urlencode id=999999; s5=$STATUS
	FORM_PAGE=/password post "$who" /policy/question_move --data-urlencode id=999999 --data-urlencode dir=up; s6=$STATUS
	FORM_PAGE=/password post "$who" /policy/reset --data-urlencode state=checkins; s7=$STATUS
	FORM_PAGE=/password post "$who" /policy/term --data-urlencode name=x; s8=$STATUS
	if [ "$who" = admin ]; then
		check "$who /policy/questions, /reset, /term: GET 200 400 400, POST 400 404 404 400 400" \
			eq "$s1 $s2 $s3 $s4 $s5 $s6 $s7 $s8" "200 400 400 400 404 404 400 400"
	else
		check "$who /policy/questions, /reset, /term, each POST: 403" \
			eq "$s1 $s2 $s3 $s4 $s5 $s6 $s7 $s8" "403 403 403 403 403 403 403 403"
	fi
done
# /testing (issue 21): the school admin and the counselor (by hand); the
# import the school admin (and a college admin, t0034).
for who in $roles; do
	get "$who" /testing
	get_status=$STATUS
	FORM_PAGE=/password post "$who" /testing/record --data-urlencode number=NOPE
	record_status=$STATUS
	FORM_PAGE=/password post "$who" /testing/import
	case $who in
	admin) want="200 400 400" ;;
	counselor) want="200 400 403" ;;
	*) want="403 403 403" ;;
	esac
	check "$who GET /testing, POST /testing/record (bad), /testing/import (no file): $want" \
		eq "$get_status $record_status $STATUS" "$want"
done
get anon /testing
check "anonymous GET /testing: to the login" eval 'status_is 303 && header_has "Location: /login"'
# /phone: one's own phone, for every person (students and staff alike).
for who in $roles; do
	get "$who" /phone
	check "$who GET /phone: 200" status_is 200
done
get anon /phone
check "anonymous GET /phone: to the login" eval 'status_is 303 && header_has "Location: /login"'
FORM_PAGE=/password post anon /phone/send --data-urlencode phone=13800000000
check "anonymous POST /phone/send: refused" eval 'status_is 403 || { status_is 303 && header_has "Location: /login"; }'
# Issue 15's pages. /places: the school admin only; /pass: who may hold a
# building pass (students, staff); /pass/trace: the reviewing roles;
# /scan/pass: enrolled entrance phones (403 for every login).
for path in /places /places/stats "/places/inside?id=1"; do
	for who in $roles; do
		get "$who" "$path"
		if [ "$who" = admin ]; then
			check "$who GET $path: 200" status_is 200
		else
			check "$who GET $path: 403" status_is 403
		fi
	done
	get anon "$path"
	check "anonymous GET $path: to the login" eval 'status_is 303 && header_has "Location: /login"'
done
for path in /places/add_building /places/add_entrance /places/restrict /places/grant /places/ungrant \
	/places/approver /places/unapprover /places/holder /places/unholder /places/dorm; do
	for who in $roles; do
		[ "$who" = admin ] && continue
		FORM_PAGE=/password post "$who" "$path" --data-urlencode id=1
		check "$who POST $path: 403" status_is 403
	done
done
for who in $roles; do
	get "$who" /pass
	check "$who GET /pass: 200 (students and staff)" status_is 200
	get "$who" /pass/temp
	check "$who GET /pass/temp: 200 (students and staff)" status_is 200
	get "$who" /booking
	check "$who GET /booking: 200 (students and staff)" status_is 200
	get "$who" /leave
	case $who in
	gate|dorm) check "$who GET /leave: 403" status_is 403 ;;
	*) check "$who GET /leave: 200 (students; reviewing staff)" status_is 200 ;;
	esac
	[ "$who" = admin ] || { FORM_PAGE=/password post "$who" /booking/add_venue --data-urlencode name=x
		check "$who POST /booking/add_venue: 403" status_is 403; }
	get "$who" /pass/trace
	case $who in
	counselor|reviewer|admin) check "$who GET /pass/trace: 200" status_is 200 ;;
	*) check "$who GET /pass/trace: 403" status_is 403 ;;
	esac
	get "$who" "/scan/pass?t=x"
	check "$who GET /scan/pass: 403 unless an entrance's phone" \
		eval 'status_is 403 || body_has "data-reason=\"not_here\""'
	# Issue 21: an offline scan is uploaded by the enrolled gate phone only.
	FORM_PAGE=/password post "$who" /scan/offline --data-urlencode t=x --data-urlencode at=1790000000
	check "$who POST /scan/offline: 403, not a device" \
		eval 'status_is 403 && body_has "data-reason=\"unknown_device\""'
done
FORM_PAGE=/login post anon /scan/offline --data-urlencode t=x --data-urlencode at=1790000000
check "anonymous POST /scan/offline: 403, not a device" \
	eval 'status_is 403 && body_has "data-reason=\"unknown_device\""'
for path in /pass /pass/temp /pass/trace /booking /leave; do
	# The rest of issue 15 (sql/027): the ID photo, its review, the
	# commute report (students), the photo's signed link (anyone, signed).
	get "$who" /pass/photo
	check "$who GET /pass/photo: 200 (students and staff)" status_is 200
	get "$who" /pass/photos
	photos_status=$STATUS
	FORM_PAGE=/password post "$who" /pass/photo_reject --data-urlencode id=999999999 --data-urlencode reason=x
	case $who in
	counselor|reviewer|admin) check "$who GET /pass/photos: 200; POST /pass/photo_reject (no such photo): 404" \
		eval 'eq "$photos_status $STATUS" "200 404"' ;;
	*) check "$who GET /pass/photos, POST /pass/photo_reject: 403" eval 'eq "$photos_status $STATUS" "403 403"' ;;
	esac
	FORM_PAGE=/password post "$who" /leave/commute --data-urlencode address=x
	case $who in
	student|grad) check "$who POST /leave/commute (fields missing): 400" status_is 400 ;;
	*) check "$who POST /leave/commute: 403" status_is 403 ;;
	esac
	get "$who" "/pass/photo_img?id=1&exp=1&sig=00"
	check "$who GET /pass/photo_img with a bad signature: 404" status_is 404
done
for path in /pass /pass/temp /pass/trace /booking /leave /pass/photo /pass/photos; do
	get anon "$path"
	check "anonymous GET $path: to the login" eval 'status_is 303 && header_has "Location: /login"'
done
for path in /scan/pass /scan/booking; do
	get anon "$path?t=x"
	check "anonymous GET $path: 403, not a device" eval 'status_is 403 && body_has "data-reason=\"unknown_device\""'
done

# /password: everyone logged in.
for who in $roles; do
	get "$who" /password
	check "$who GET /password: 200" status_is 200
done
get anon /password
check "anonymous GET /password: to the login" eval 'status_is 303 && header_has "Location: /login"'
# /notices (issue 16): those with a queue (counselors, reviewers, admins).
for who in $roles; do
	get "$who" /notices
	case $who in
	counselor|reviewer|admin) check "$who GET /notices: 200" status_is 200 ;;
	*) check "$who GET /notices: 403" status_is 403 ;;
	esac
	for path in /notices/slot_add /notices/slot_remove; do
		[ "$who" = admin ] || {
			FORM_PAGE=/password post "$who" "$path" --data-urlencode at=08:00
			check "$who POST $path: 403" status_is 403
		}
	done
	for path in /notices/prefs /notices/read; do
		[ "$who" = counselor ] || [ "$who" = reviewer ] || [ "$who" = admin ] || {
			FORM_PAGE=/password post "$who" "$path" --data-urlencode sms=1
			check "$who POST $path: 403" status_is 403
		}
	done
done
get anon /notices
check "anonymous GET /notices: to the login" eval 'status_is 303 && header_has "Location: /login"'
# /rounds (issue 16): whoever checks in, and those who watch; the
# settings the school admin's alone.
for who in $roles; do
	case $who in
	student|grad|counselor|reviewer|admin) get "$who" /rounds; check "$who GET /rounds: 200" status_is 200 ;;
	esac
	[ "$who" = admin ] && continue
	FORM_PAGE=/password post "$who" /rounds/settings --data-urlencode noon_opens=08:00
	check "$who POST /rounds/settings: 403" status_is 403
done
get anon /rounds
check "anonymous GET /rounds: to the login" eval 'status_is 303 && header_has "Location: /login"'
# /group (issue 16, seed 004): the counselor's workbench, theirs alone;
# /group/join is the invitation's page, open to anyone (a bad link: 404).
for who in $roles; do
	get "$who" /group; s1=$STATUS
	get "$who" /group/quickfill; s2=$STATUS
	get "$who" /group/qr; s3=$STATUS
	FORM_PAGE=/password post "$who" /group/quickfill --data-urlencode id=2147483646; s4=$STATUS
	FORM_PAGE=/password post "$who" /group/invite; s5=$STATUS
	FORM_PAGE=/password post "$who" /group/revoke; s6=$STATUS
	get "$who" "/group/join?t=1.00000000000000000000000000000000"; s7=$STATUS
	FORM_PAGE=/password post "$who" /group/join --data-urlencode t=1.0; s8=$STATUS
	case $who in
	counselor) want="200 200 404 303 303 303 404 404" ;;
	*) want="403 403 403 403 403 403 404 404" ;;
	esac
	check "$who GET /group, /group/quickfill, /group/qr; POST quickfill, invite, revoke; join (bad link): $want" \
		eq "$s1 $s2 $s3 $s4 $s5 $s6 $s7 $s8" "$want"
done
for path in /group /group/quickfill /group/qr; do
	get anon "$path"
	check "anonymous GET $path: to the login" eval 'status_is 303 && header_has "Location: /login"'
done
get anon "/group/join?t=1.00000000000000000000000000000000"
check "anonymous GET /group/join (a bad link): 404, said" eval 'status_is 404 && body_has "id=\"join-bad\""'
get counselor /dashboard
check "the counselor's menu has /group" body_has 'href="/group"'
get reviewer /dashboard
check "  the reviewer's has not" body_lacks 'href="/group"'
# /collect (issue 16, 无账号人员): counselors, reviewers and the school admin
# see it; other staff only once a counselor names them collector
# (t0047); students never. Adding: counselors (a bad form: 400), no one
# else without a group (403); declaring: staff pass the role and then
# the rule (an id of no one: 404; another group's person: 403, t0047),
# students are refused by role (403); naming collectors: counselors.
for who in $roles; do
	get "$who" /collect
	get_status=$STATUS
	FORM_PAGE=/password post "$who" /collect/add --data-urlencode name=
	add_status=$STATUS
	get "$who" "/collect/declare?id=2147483646"
	declare_status=$STATUS
	FORM_PAGE=/password post "$who" /collect/collector --data-urlencode number=
	collector_status=$STATUS
	case $who in
	counselor) want="200 400 404 400" ;;
	reviewer|admin) want="200 403 404 403" ;;
	gate|dorm) want="403 403 404 403" ;;
	*) want="403 403 403 403" ;;
	esac
	check "$who GET /collect, POST /collect/add, GET /collect/declare, POST /collect/collector: $want" \
		eq "$get_status $add_status $declare_status $collector_status" "$want"
done
for path in /collect /collect/declare?id=1; do
	get anon "$path"
	check "anonymous GET $path: to the login" eval 'status_is 303 && header_has "Location: /login"'
done
# 代填人 on /checkin (issue 16): everyone who checks in sees whom they may
# fill for; students alone name fillers; a filler not named is refused.
unnamed=$(sql "SELECT MIN(p.id) FROM people p WHERE NOT EXISTS (SELECT 1 FROM proxy_fillers f
	WHERE f.student_id = p.id AND f.revoked_at IS NULL)")
for who in $roles; do
	get "$who" /checkin/fillers
	get_status=$STATUS
	FORM_PAGE=/password post "$who" /checkin/fillers --data-urlencode number= --data-urlencode relation=roommate
	name_status=$STATUS
	get "$who" "/checkin/for?person=$unnamed"
	for_status=$STATUS
	case $who in
	student|grad) want="200 400 403" ;;
	*) want="200 403 403" ;;
	esac
	check "$who GET /checkin/fillers, POST /checkin/fillers (empty), GET /checkin/for (not named): $want" \
		eq "$get_status $name_status $for_status" "$want"
done
get anon /checkin/fillers
check "anonymous GET /checkin/fillers: to the login" eval 'status_is 303 && header_has "Location: /login"'

# The menu offers the pages to those who may use them.
get admin /card?person=1
check "the admin's menu has /org and /people" eval 'body_has "href=\"/org\"" && body_has "href=\"/people\""'
get counselor /dashboard
check "the counselor's has neither" eval 'body_lacks "href=\"/org\"" && body_lacks "href=\"/people\""'

# hc-admin: refused while a school admin exists; the first admin of a
# school that has none, who then logs in and runs it.
hc_admin() { HEALTHCARD_CONF="$HC_VAR/healthcard.hdf" "$ROOT/build/hc-admin" "$@"; }
echo "a-long-password" | hc_admin create t54first 第一位管理员 >"$T/out" 2>&1
check "hc-admin refuses while a school admin exists" eval '[ $? -ne 0 ] || true; grep -q "has a school admin already" "$T/out"'
echo "short" | hc_admin create t54first 第一位管理员 >"$T/out" 2>&1
check "hc-admin refuses a short password" grep -q "8 to 128" "$T/out"
me=$(sql "SELECT person_id FROM accounts WHERE login = 'admin'")
raw_sql "DELETE FROM roles WHERE role = 'admin'"
echo "a-long-password" | hc_admin create t54first 第一位管理员 >"$T/out" 2>&1
check "hc-admin makes the first admin of a school without one" grep -q "school admin t54first" "$T/out"
first=$(sql "SELECT person_id FROM accounts WHERE login = 't54first'")
check "  a staff person with the admin role" eq "$(sql "SELECT CONCAT(p.identity, ' ', r.role) FROM people p JOIN roles r ON r.person_id = p.id WHERE p.id = $first")" "staff admin"
check "  audited" eq "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'account.first_admin' AND subject_person_id = $first")" 1
check "  hc-facts finds no difference" hc_facts check
login t54first a-long-password
get t54first /org
check "  who logs in and runs the school (200 on /org)" status_is 200
FORM_PAGE="/people/edit?id=$me" post t54first /people/grant --data-urlencode "id=$me" --data-urlencode role=admin
check "  and gives the demo admin the role back (303)" status_is 303
