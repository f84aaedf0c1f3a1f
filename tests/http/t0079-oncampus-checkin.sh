#!/usr/bin/env bash
# Life on campus (issue 15, seed 003): after the arrival the daily check-in
# is the on-campus one (校内打卡: fewer questions, the same report row); the
# admin lists people who hold a building pass without a return
# application (seed 003 三③); a building restricted to its residents
# admits the students whose dorm building it is, and refuses others with
# the reason.
. "$(dirname "$0")/lib.sh"

today=$(TZ=Asia/Shanghai date +%F)
tok() { HEALTHCARD_CONF=$HC_VAR/healthcard.hdf "$ROOT/build/scantoken" "$@"; }
result_is() { body_has "data-result=\"$1\"" && body_has "data-reason=\"$2\""; }
login_of() { sql "SELECT login FROM accounts WHERE person_id = $1"; }
blue() { get admin "/card?person=$1"; grep -q 'class="card card-blue"' "$BODY"; }
door() {  # door PHONE CODE TEMP: the entrance's scan, the temperature when asked
	get "$1" "/scan/pass?t=$2"
	local k; k=$(csrf)
	[ -n "$k" ] || return 0
	req "$1" POST /scan/pass --data-urlencode "csrf=$k" --data-urlencode "t=$2" --data-urlencode "temperature=$3"
}
enrol() { # enrol JAR GATE NAME
	FORM_PAGE=/gates post admin /gates/add_device --data-urlencode "gate_id=$2" --data-urlencode "name=$3"
	post "$1" "$(grep -o '/scan/enrol/[A-Za-z0-9_-]*' "$BODY" | head -1)"
}
login admin

# -- 校内打卡 ---------------------------------------------------------------------------
# An arrived student with basic info, not checked in today, not on leave;
# and one who has not arrived, the same.
BASE="SELECT f.person_id FROM card_facts f JOIN people p ON p.id = f.person_id
	JOIN accounts a ON a.person_id = p.id JOIN basic_info b ON b.person_id = p.id
	WHERE f.on_roster = 1 AND p.identity <> 'staff'
	  AND NOT EXISTS (SELECT 1 FROM daily_reports d WHERE d.person_id = p.id AND d.day = '$today')
	  AND NOT EXISTS (SELECT 1 FROM leaves l WHERE l.person_id = p.id)"
A=$(sql "$BASE AND f.arrived_at IS NOT NULL
	AND EXISTS (SELECT 1 FROM daily_reports d WHERE d.person_id = p.id) ORDER BY f.person_id DESC LIMIT 1")
# (One whose login works and who sees the form: other tests may have
# changed some accounts.)
N=
for id in $(sql "$BASE AND NOT EXISTS (SELECT 1 FROM arrivals ar WHERE ar.person_id = p.id)
	ORDER BY f.person_id DESC LIMIT 20"); do
	l=$(login_of "$id"); login "$l"; get "$l" /checkin
	status_is 200 && body_has 'name="temperature"' && { N=$id; break; }
done
check "an arrived student ($A) and one not arrived ($N), neither checked in today" test -n "$A" -a -n "$N"
la=$(login_of "$A"); ln=$(login_of "$N")
login "$la"
city=$(sql "SELECT city FROM daily_reports WHERE person_id = $A ORDER BY day DESC LIMIT 1")
get "$ln" /checkin
check "not arrived: the daily check-in, every question" eval 'status_is 200 && body_lacks "id=\"on-campus\"" &&
	body_has "name=\"city\"" && body_has "name=\"risk_area\"" && body_has "<title>每日打卡"'
get "$la" /checkin
check "arrived: the on-campus check-in (校内打卡) in the title" eval 'status_is 200 && body_has "id=\"on-campus\"" && body_has "<title>校内打卡"'
check "  fewer questions: temperature, symptoms, on campus; no city, travel or quarantine" eval \
	'body_has "name=\"temperature\"" && body_has "name=\"sym_fever\"" && body_has "name=\"on_campus\"" &&
	 body_lacks "name=\"city\"" && body_lacks "name=\"risk_area\"" && body_lacks "name=\"quarantine\"" && body_lacks "name=\"abroad\""'
FORM_PAGE=/checkin post "$la" /checkin --data-urlencode "on_campus=1" --data-urlencode "sym_cough=1" --data-urlencode "other=嗓子有点哑"
check "the temperature missing: 400, re-rendered as 校内打卡 with the message and the answers kept" eval \
	'status_is 400 && body_has "id=\"on-campus\"" && body_has "class=\"field bad\"" && body_has "value=\"嗓子有点哑\"" &&
	 eq "$(sql "SELECT COUNT(*) FROM daily_reports WHERE person_id = $A AND day = '"'$today'"'")" 0'
FORM_PAGE=/checkin post "$la" /checkin --data-urlencode "temperature=36.6"
check "on campus not answered: 400" eval 'status_is 400 && body_has "id=\"on-campus\""'
FORM_PAGE=/checkin post "$la" /checkin --data-urlencode "temperature=36.6" --data-urlencode "on_campus=1"
check "temperature and on campus: 303, today's report stored" eval 'status_is 303 &&
	eq "$(sql "SELECT CONCAT(temperature, \" \", on_campus, \" \", in_city, \" \", abroad, \" \", quarantine, \" \", diagnosis) FROM daily_reports WHERE person_id = $A AND day = '"'$today'"'")" "36.6 1 1 0 none none"'
check "  the city not asked: the last report's ($city)" eq "$(sql "SELECT city FROM daily_reports WHERE person_id = $A AND day = '$today'")" "$city"
check "  the card's facts know today's report" eq "$(sql "SELECT reported_to FROM card_facts WHERE person_id = $A LIMIT 1")" "$today"

# -- places: a library and a dorm building restricted to its residents --------------------
FORM_PAGE=/places post admin /places/add_building --data-urlencode "name=七九图书馆" --data-urlencode kind=library
FORM_PAGE=/places post admin /places/add_building --data-urlencode "name=七九宿舍" --data-urlencode kind=dorm --data-urlencode restricted=1
lib=$(sql "SELECT id FROM buildings WHERE name = '七九图书馆'"); dorm=$(sql "SELECT id FROM buildings WHERE name = '七九宿舍'")
FORM_PAGE=/places post admin /places/add_entrance --data-urlencode "building_id=$lib" --data-urlencode "name=正门"
FORM_PAGE=/places post admin /places/add_entrance --data-urlencode "building_id=$dorm" --data-urlencode "name=正门"
libdoor=$(sql "SELECT id FROM gates WHERE name = '七九图书馆 · 正门'"); dormdoor=$(sql "SELECT id FROM gates WHERE name = '七九宿舍 · 正门'")
enrol libphone "$libdoor" 七九图书馆机; enrol dormphone "$dormdoor" 七九宿舍机

# -- a pass holder listed by the admin (seed 003 三③) -------------------------------------
# A student whose card is neither blue nor red: no pass of their own, as
# their /pass page says.
H=
for id in $(sql "SELECT DISTINCT p.id FROM people p JOIN accounts a ON a.person_id = p.id
	WHERE p.identity <> 'staff' AND NOT EXISTS (SELECT 1 FROM arrivals ar WHERE ar.person_id = p.id)
	  AND NOT EXISTS (SELECT 1 FROM pass_holders h WHERE h.person_id = p.id)
	  AND NOT EXISTS (SELECT 1 FROM card_facts f WHERE f.person_id = p.id
	    AND (f.open_anomaly IS NOT NULL OR f.door_fever IS NOT NULL OR f.sent_back IS NOT NULL))
	ORDER BY p.id DESC LIMIT 20"); do
	get admin "/card?person=$id"
	grep -q 'class="card card-red"' "$BODY" && continue
	l=$(login_of "$id"); login "$l"; get "$l" /pass
	grep -q 'id="no-pass" data-why="no_pass"' "$BODY" && { H=$id; break; }
done
check "a student without a pass, not red ($H)" test -n "$H"
lh=$(login_of "$H"); hn=$(sql "SELECT number FROM people WHERE id = $H")
get "$lh" "/pass?entrance=$libdoor&dir=in"
check "  no pass: 403 with the reason" eval 'status_is 403 && body_has "data-reason=\"no_pass\""'
door libphone "$(tok --pass "$lib" "$libdoor" in "$H")" 36.5
check "  the entrance refuses them: no pass" result_is deny no_pass
FORM_PAGE=/places post admin /places/holder --data-urlencode "number=NO-SUCH-ONE"
check "listing an unknown number: 400 with the message" eval 'status_is 400 && body_has "没有该学号/工号的人员"'
FORM_PAGE=/places post admin /places/holder --data-urlencode "number=$hn" --data-urlencode "note=实验室值守"
check "the admin lists them: 303, listed, audited" eval 'status_is 303 &&
	eq "$(sql "SELECT note FROM pass_holders WHERE person_id = $H")" "实验室值守" &&
	eq "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = '"'pass_holder.add'"' AND object_id = $H")" 1'
get admin /places
check "  /places lists them" body_has "id=\"holder-$H\""
get "$lh" "/pass?entrance=$libdoor&dir=in"
check "  they hold a pass now: the QR" eval 'status_is 200 && body_has "id=\"pass-qr\""'
door libphone "$(tok --pass "$lib" "$libdoor" in "$H")" 36.5
check "  the entrance lets them in" eval 'result_is allow ok && eq "$(sql "SELECT COUNT(*) FROM passages WHERE person_id = $H AND building_id = $lib AND result = '"'allow'"'")" 1'
FORM_PAGE=/places post admin /places/unholder --data-urlencode "person=$H"
get "$lh" "/pass?entrance=$libdoor&dir=in"
check "removed from the list: no pass again" eval 'status_is 403 && eq "$(sql "SELECT COUNT(*) FROM pass_holders WHERE person_id = $H")" 0'

# -- a dorm building for its residents ------------------------------------------------------
R= O=
for id in $(sql "SELECT f.person_id FROM card_facts f JOIN people p ON p.id = f.person_id JOIN accounts a ON a.person_id = p.id
	WHERE f.arrived_at IS NOT NULL AND f.open_anomaly IS NULL AND f.sent_back IS NULL AND f.door_fever IS NULL
	  AND f.on_roster = 1 AND p.identity <> 'staff' AND p.id <> $A ORDER BY f.person_id LIMIT 30"); do
	blue "$id" || continue
	if [ -z "$R" ]; then R=$id; else O=$id; break; fi
done
check "two blue cards: a resident ($R) and another ($O)" test -n "$R" -a -n "$O"
FORM_PAGE=/places post admin /places/grant --data-urlencode "building_id=$dorm" --data-urlencode identity=residents
check "the dorm admits its residents" eq "$(sql "SELECT identity FROM building_access WHERE building_id = $dorm")" residents
FORM_PAGE=/places post admin /places/dorm --data-urlencode "number=$(sql "SELECT number FROM people WHERE id = $R")" --data-urlencode "building_id=$lib"
check "a library is no dorm building: 400" eval 'status_is 400 && eq "$(sql "SELECT dorm_building_id IS NULL FROM people WHERE id = $R")" 1'
FORM_PAGE=/places post admin /places/dorm --data-urlencode "number=$(sql "SELECT number FROM people WHERE id = $R")" --data-urlencode "building_id=$dorm"
check "the resident's dorm building set: 303, audited" eval 'status_is 303 &&
	eq "$(sql "SELECT dorm_building_id FROM people WHERE id = $R")" "$dorm" &&
	eq "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = '"'person.dorm_building'"' AND object_id = $R")" 1'
get admin /places
check "  /places lists the resident" body_has "id=\"resident-$R\" data-building=\"$dorm\""
door dormphone "$(tok --pass "$dorm" "$dormdoor" in "$R")" 36.4
check "the resident goes in" eval 'result_is allow ok && eq "$(sql "SELECT building_id FROM building_presence WHERE person_id = $R")" "$dorm"'
door dormphone "$(tok --pass "$dorm" "$dormdoor" in "$O")" 36.4
check "another student is refused, with the reason" eval 'result_is deny not_allowed && body_has "仅限本楼住宿学生"'
lo=$(login_of "$O"); login "$lo"
get "$lo" /pass
check "  their chooser marks the dorm as not theirs" body_has "七九宿舍 · 正门 (您不能进入)"
