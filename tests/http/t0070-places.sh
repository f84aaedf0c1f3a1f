#!/usr/bin/env bash
# Places (issue 15, seed 003 三): the school admin's buildings and their
# entrances on /places, each entrance's phones enrolled and revoked on
# /gates as the campus gate's; a building open to every pass holder or
# restricted to listed groups (a college, a class, an identity). Each
# change audited; a bad form re-rendered with its message.
. "$(dirname "$0")/lib.sh"

audits() { sql "SELECT COUNT(*) FROM audit_log WHERE action = '$1'"; }
nb0=$(sql "SELECT COUNT(*) FROM buildings")
ne0=$(sql "SELECT COUNT(*) FROM gates WHERE kind = 'entrance'")

for who in student grad counselor reviewer gate dorm; do
	login $who
	get $who /places
	check "$who may not open /places: 403" status_is 403
	FORM_PAGE=/password post $who /places/add_building --data-urlencode "name=X" --data-urlencode kind=other
	check "  nor add a building: 403" status_is 403
done
check "no login: to the login page" turned_away anonymous /places
check "  nothing was added by them" eq "$(sql "SELECT COUNT(*) FROM buildings")" "$nb0"

login admin
get admin /places
if [ "$nb0" = 0 ]; then
	check "the admin opens /places: no building yet" eval 'status_is 200 && body_has "id=\"no-buildings\""'
else
	check "the admin opens /places" status_is 200
fi
check "  linked from the admin's menu" body_has 'href="/places"'

FORM_PAGE=/places post admin /places/add_building --data-urlencode "name=七〇图书馆" --data-urlencode kind=library
check "a building is added (303)" eval 'status_is 303 && header_has "Location: /places"'
lib=$(sql "SELECT id FROM buildings WHERE name = '七〇图书馆'")
check "  open to every pass holder" eq "$(sql "SELECT restricted FROM buildings WHERE id = $lib")" 0
check "  audited" eq "$(sql "SELECT COUNT(*) FROM audit_log a JOIN accounts c ON c.person_id = a.actor_id
	WHERE a.action = 'building.add' AND a.object_id = $lib AND c.login = 'admin'")" 1
FORM_PAGE=/places post admin /places/add_building --data-urlencode "name=七〇浴室" --data-urlencode kind=bath \
	--data-urlencode restricted=1
bath=$(sql "SELECT id FROM buildings WHERE name = '七〇浴室'")
check "a restricted building" eq "$(sql "SELECT restricted FROM buildings WHERE id = $bath")" 1

FORM_PAGE=/places post admin /places/add_building --data-urlencode "name=七〇图书馆" --data-urlencode kind=library
check "a taken name: 400, the message at the field" eval 'status_is 400 && body_has "该名称已存在" && body_has "value=\"七〇图书馆\""'
FORM_PAGE=/places post admin /places/add_building --data-urlencode "name=" --data-urlencode kind=library
check "an empty name: 400" eval 'status_is 400 && body_has "class=\"field bad\""'
FORM_PAGE=/places post admin /places/add_building --data-urlencode "name=七〇食堂" --data-urlencode kind=castle
check "an unknown kind: 400, the name kept" eval 'status_is 400 && body_has "value=\"七〇食堂\""'
check "  none of them stored" eq "$(sql "SELECT COUNT(*) FROM buildings")" "$((nb0 + 2))"

# Entrances: gates of kind "entrance", named with their building.
FORM_PAGE=/places post admin /places/add_entrance --data-urlencode "building_id=$lib" --data-urlencode "name=南门"
check "an entrance is added (303)" status_is 303
south=$(sql "SELECT id FROM gates WHERE kind = 'entrance' AND building_id = $lib")
check "  named with its building" eq "$(sql "SELECT name FROM gates WHERE id = $south")" "七〇图书馆 · 南门"
FORM_PAGE=/places post admin /places/add_entrance --data-urlencode "building_id=$bath" --data-urlencode "name=南门"
check "another building's 南门 is another entrance" status_is 303
FORM_PAGE=/places post admin /places/add_entrance --data-urlencode "building_id=$lib" --data-urlencode "name=南门"
check "the same entrance twice: 400" eval 'status_is 400 && body_has "该名称已存在"'
FORM_PAGE=/places post admin /places/add_entrance --data-urlencode "building_id=99999" --data-urlencode "name=北门"
check "an entrance of no building: 400 at the field" eval 'status_is 400 && body_has "请选择已有的建筑"'
check "  two entrances, two audit rows" eval 'eq "$(sql "SELECT COUNT(*) FROM gates WHERE kind = '"'entrance'"'")" "$((ne0 + 2))" &&
	eq "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = '"'entrance.add'"' AND object_id IN (SELECT id FROM gates WHERE building_id IN ($lib, $bath))")" 2'
get admin /places
check "the page lists the buildings and their entrances" eval 'body_has "id=\"building-$lib\"" && body_has "id=\"entrance-$south\""'

# The entrance's phone: enrolled and revoked on /gates as a gate's.
get admin /gates
check "/gates lists the entrance among the places to enrol a phone at" body_has "<option value=\"$south\">七〇图书馆 · 南门</option>"
FORM_PAGE=/gates post admin /gates/add_device --data-urlencode "gate_id=$south" --data-urlencode "name=七〇图书馆南门一号机"
link=$(grep -o '/scan/enrol/[A-Za-z0-9_-]*' "$BODY" | head -1)
post libdev "$link"
check "the entrance's phone enrols (303 to the scanner)" eval 'status_is 303 && header_has "Set-Cookie: hc_dev="'
get libdev /scan
check "  its scanning page says it is a building entrance" eval 'body_has "七〇图书馆 · 南门" && body_has "楼宇出入口"'
get admin /places
check "/places counts the entrance's enrolled phone" grep -q "id=\"entrance-$south\">七〇图书馆 · 南门 <span class=\"small\">(扫码设备 1)" "$BODY"
# The printed code of an entrance records no campus arrival.
code=$(HEALTHCARD_CONF=$HC_VAR/healthcard.hdf "$ROOT/build/scantoken" --gate-code "$south" 1)
login student
get student "/scan/gate/$code"
check "an entrance's printed code opened by a student: DENY, not here" eval 'body_has "data-result=\"deny\"" && body_has "data-reason=\"not_here\""'

# Restricting and listing groups.
FORM_PAGE=/places post admin /places/restrict --data-urlencode "id=$lib" --data-urlencode restricted=1
check "the library is restricted (303)" eval 'status_is 303 && eq "$(sql "SELECT restricted FROM buildings WHERE id = $lib")" 1'
FORM_PAGE=/places post admin /places/restrict --data-urlencode "id=$lib" --data-urlencode restricted=0
check "  and opened again" eq "$(sql "SELECT restricted FROM buildings WHERE id = $lib")" 0
check "  both audited" eq "$(sql "SELECT COUNT(*) FROM audit_log WHERE action IN ('building.restrict', 'building.open') AND object_id = $lib")" 2
FORM_PAGE=/places post admin /places/restrict --data-urlencode "id=99999" --data-urlencode restricted=1
check "restricting no building: 404" status_is 404
college=$(sql "SELECT id FROM org_units WHERE kind = 'college' ORDER BY id LIMIT 1")
FORM_PAGE=/places post admin /places/grant --data-urlencode "building_id=$bath" --data-urlencode "unit_id=$college"
check "a college listed for the bathhouse (303)" status_is 303
FORM_PAGE=/places post admin /places/grant --data-urlencode "building_id=$bath" --data-urlencode "identity=staff"
check "staff listed too (303)" status_is 303
FORM_PAGE=/places post admin /places/grant --data-urlencode "building_id=$bath" --data-urlencode "identity=staff"
check "listed twice: 409" status_is 409
FORM_PAGE=/places post admin /places/grant --data-urlencode "building_id=$bath"
check "neither a unit nor an identity: 400 with the reason" eval 'status_is 400 && body_has "请指定一个学院/班级或一种身份"'
FORM_PAGE=/places post admin /places/grant --data-urlencode "building_id=$bath" --data-urlencode "identity=alien"
check "an unknown identity: 400" status_is 400
FORM_PAGE=/places post admin /places/grant --data-urlencode "building_id=$bath" --data-urlencode "unit_id=99999"
check "an unknown unit: 404" status_is 404
check "  two groups listed, audited" eval 'eq "$(sql "SELECT COUNT(*) FROM building_access WHERE building_id = $bath")" 2 &&
	eq "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = '"'building.grant'"' AND object_id = $bath")" 2'
get admin /places
staff_row=$(sql "SELECT id FROM building_access WHERE identity = 'staff' AND building_id = $bath")
check "the page shows them" eval 'body_has "id=\"access-$staff_row\">教职工"'
FORM_PAGE=/places post admin /places/ungrant --data-urlencode "id=$staff_row"
check "a group taken off (303)" eval 'status_is 303 && eq "$(sql "SELECT COUNT(*) FROM building_access WHERE building_id = $bath")" 1'
FORM_PAGE=/places post admin /places/ungrant --data-urlencode "id=$staff_row"
check "  taking it off again: 404" status_is 404

get admin "/places?lang=en"
check "the page in English" body_has "Buildings and entrances"
get admin "/places?lang=zh-CN"
hc_facts check >"$T/facts" 2>&1
check "the stored card facts hold ($(tail -1 "$T/facts"))" grep -qx "0 rows differ" "$T/facts"
