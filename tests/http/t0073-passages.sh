#!/usr/bin/env bash
# What the passages tell (issue 15): who is in which building now (the
# admin's /places/inside), one person's movements of a day for the staff
# whose scope covers them (流调, /pass/trace), and the passages of a day per
# building and hour as inline SVG (/places/stats).
. "$(dirname "$0")/lib.sh"

today=$(TZ=Asia/Shanghai date +%F)
tok() { HEALTHCARD_CONF=$HC_VAR/healthcard.hdf "$ROOT/build/scantoken" "$@"; }
door() {
	get "$1" "/scan/pass?t=$2"
	local k; k=$(csrf)
	[ -n "$k" ] || return 0   # answered at once: no temperature asked
	req "$1" POST /scan/pass --data-urlencode "csrf=$k" --data-urlencode "t=$2" \
		--data-urlencode "temperature=$3"
}

login admin
for b in 七三图书馆 七三食堂; do
	FORM_PAGE=/places post admin /places/add_building --data-urlencode "name=$b" --data-urlencode kind=other
	id=$(sql "SELECT id FROM buildings WHERE name = '$b'")
	FORM_PAGE=/places post admin /places/add_entrance --data-urlencode "building_id=$id" --data-urlencode "name=正门"
	e=$(sql "SELECT id FROM gates WHERE building_id = $id")
	FORM_PAGE=/gates post admin /gates/add_device --data-urlencode "gate_id=$e" --data-urlencode "name=$b 正门机"
	post "dev$id" "$(grep -o '/scan/enrol/[A-Za-z0-9_-]*' "$BODY" | head -1)"
done
lib=$(sql "SELECT id FROM buildings WHERE name = '七三图书馆'"); can=$(sql "SELECT id FROM buildings WHERE name = '七三食堂'")
le=$(sql "SELECT id FROM gates WHERE building_id = $lib"); ce=$(sql "SELECT id FROM gates WHERE building_id = $can")

# The counselor's student with a blue card (as the card page says).
cid=$(sql "SELECT person_id FROM accounts WHERE login = 'counselor'")
S=
for id in $(sql "SELECT f.person_id FROM card_facts f JOIN counselor_assignments ca ON ca.student_id = f.person_id
	WHERE ca.counselor_id = $cid AND f.arrived_at IS NOT NULL AND f.open_anomaly IS NULL AND f.sent_back IS NULL
	AND f.on_roster = 1 GROUP BY f.person_id ORDER BY f.person_id LIMIT 30"); do
	get admin "/card?person=$id"
	grep -q 'class="card card-blue"' "$BODY" && { S=$id; break; }
done
check "the counselor has a student with a blue card ($S)" test -n "$S"
num=$(sql "SELECT number FROM people WHERE id = $S")

get admin "/places/stats?day=2001-01-01"
check "a day without passages: the stats say so" eval 'status_is 200 && body_has "id=\"no-passages\""'
mine() { sql "SELECT COUNT(*) FROM passages WHERE person_id = $S AND at >= '$today' AND result = '${1:-allow}'"; }
n0=$(mine)

# The day: into the library, out, into the canteen, and into the library
# again without a scanned exit from the canteen.
door "dev$lib" "$(tok --pass "$lib" "$le" in "$S")" 36.5
get "dev$lib" "/scan/pass?t=$(tok --pass "$lib" "$le" out "$S")"
door "dev$can" "$(tok --pass "$can" "$ce" in "$S")" 36.7
check "three passages" eq "$(mine)" "$((n0 + 3))"

get admin "/places/inside?id=$can"
check "the admin: who is in the canteen now" eval 'status_is 200 && body_has "id=\"inside-$S\"" && body_has "id=\"inside-count\">1<"'
get admin "/places/inside?id=$lib"
check "  nobody in the library" body_has 'id="inside-empty"'
get admin /places
check "  the buildings list counts them" grep -q "href=\"/places/inside?id=$can\">1<" "$BODY"
door "dev$lib" "$(tok --pass "$lib" "$le" in "$S")" 36.6
get admin "/places/inside?id=$can"
check "going into the library without a scanned exit: no longer counted in the canteen" body_has 'id="inside-empty"'
get admin "/places/inside?id=$lib"
check "  but in the library" body_has "id=\"inside-$S\""
get admin "/places/inside?id=99999"
check "  an unknown building: nobody (200)" eval 'status_is 200 && body_has "id=\"inside-empty\""'
get admin "/places/inside?id=x"
check "  a malformed id: 404" status_is 404

# 流调: the counselor in scope.
login counselor
get counselor "/pass/trace?person=$S&day=$today"
check "the counselor traces their student's day" eval 'status_is 200 && body_has "id=\"trace\""'
check "  every passage of theirs today (four of this test's)" eq "$(grep -c 'class="passage-allow"' "$BODY")" "$((n0 + 4))"
check "  where and which way" eval 'body_has "七三图书馆 · 正门" && body_has "七三食堂 · 正门" && body_has "我要出"'
get counselor "/pass/trace?number=$num"
check "  by number, today by default" eval 'status_is 200 && eq "$(grep -c "class=\"passage-allow\"" "$BODY")" "$((n0 + 4))"'
get counselor "/pass/trace?person=$S&day=$(TZ=Asia/Shanghai date -d '-1 day' +%F)"
check "  another day: none" body_has 'id="trace-empty"'
get counselor "/pass/trace?number=nobody-here"
check "  an unknown number: 404, said" eval 'status_is 404 && body_has "id=\"trace-no-one\""'
get counselor "/pass/trace?person=$S&day=2026-02-30"
check "  a bad day: 400" status_is 400
other=$(sql "SELECT p.id FROM people p WHERE p.identity <> 'staff' AND p.id NOT IN
	(SELECT student_id FROM counselor_assignments WHERE counselor_id = $cid) ORDER BY p.id LIMIT 1")
get counselor "/pass/trace?person=$other"
check "someone outside their scope: 403" status_is 403
login student
get student "/pass/trace?person=$S"
check "a student may not trace: 403" status_is 403
get admin "/pass/trace?person=$S"
check "the school admin may" eval 'status_is 200 && eq "$(grep -c "class=\"passage-allow\"" "$BODY")" "$((n0 + 4))"'

get admin "/places/stats?day=$today"
check "the stats: an SVG per building with passages" eval 'status_is 200 && eq "$(grep -c "<svg class=\"trend\"" "$BODY")" "$(sql "SELECT COUNT(DISTINCT building_id) FROM passages WHERE at >= '"'$today'"' AND result = '"'allow'"'")"'
check "  the library's total: 3 passages" grep -q "七三图书馆: <span class=\"total\">3</span>" "$BODY"
check "  the canteen's: 1" grep -q "七三食堂: <span class=\"total\">1</span>" "$BODY"
hour=$(TZ=Asia/Shanghai date +%-H)
check "  the library's bars in this hour, in and out" eval 'grep -A200 "七三图书馆: " "$BODY" | grep -q "<title>$hour:00 我要进 2</title>" && grep -A200 "七三图书馆: " "$BODY" | grep -q "<title>$hour:00 我要出 1</title>"'
get admin "/places/stats?day=x"
check "  a bad day: 400" status_is 400
