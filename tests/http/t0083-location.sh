#!/usr/bin/env bash
# The position at check-in (issue 16, seed 001): with the student's
# permission the page's script adds the browser's position; it is stored
# with the report and the counselor sees it on the student's day; none is
# fine; a position out of range or not a number is refused with a message
# and nothing is stored; a proxy's report never takes the proxy's position.
. "$(dirname "$0")/lib.sh"

today=$(TZ=Asia/Shanghai date +%F)
sid=$(sql "SELECT person_id FROM accounts WHERE login = 'student'")
gid=$(sql "SELECT person_id FROM accounts WHERE login = 'grad'")
sql "DELETE FROM daily_reports WHERE day = '$today' AND person_id IN ($sid, $gid)"
for who in student grad counselor; do login $who; done
today_report() { raw_sql "SELECT id FROM daily_reports WHERE person_id = $1 AND day = '$today'"; }
position_of() { raw_sql "SELECT CONCAT_WS(' ', lat, lon, accuracy_m) FROM report_positions WHERE report_id = '$(today_report "$1")'"; }
geo() { report student 36.5 --data-urlencode "geo_lat=$1" --data-urlencode "geo_lon=$2" --data-urlencode "geo_accuracy=$3"; }

get student /checkin
check "the check-in offers the position, optional, by a button the script shows" eval \
	'body_has "id=\"geo\"" && body_has "id=\"geo-ask\" hidden" && body_has "/static/geo.js"'
check "  no input for it is required" body_lacks 'name="geo_lat" id="geo-lat" value="" required'

# ---- refused: out of range, not a number, half given ---------------------------
geo 91 116.4 35
check "latitude 91: 400 naming it" eval 'status_is 400 && body_has "纬度应为 -90 到 90"'
check "  the answers kept" body_has 'value="36.5"'
geo 39.9 181 35
check "longitude 181: 400 naming it" eval 'status_is 400 && body_has "经度应为 -180 到 180"'
geo 39.9 116.4 NaN
check "accuracy NaN: 400 naming it" eval 'status_is 400 && body_has "精度应为大于 0"'
geo 39.9 116.4 0
check "accuracy 0: 400" eval 'status_is 400 && body_has "精度应为大于 0"'
geo 39.9 "" ""
check "a latitude alone: 400" eval 'status_is 400 && body_has "经度应为"'
check "nothing stored by the refused ones" eq "$(today_report "$sid")" ""

# ---- given, and seen by the counselor ---------------------------------------------
geo 39.904200 116.407400 35.0
check "a position with the report: 303" status_is 303
check "  stored with it" eq "$(position_of "$sid")" "39.904200 116.407400 35.0"
get counselor "/person?id=$sid"
check "the counselor sees it on the student's day" eval \
	'body_has "39.904200, 116.407400" && body_has "精度约 35 米"'

# ---- none: fine -----------------------------------------------------------------------
report grad 36.4
check "a report without a position: 303" status_is 303
check "  no position stored" eq "$(position_of "$gid")" ""
get counselor "/person?id=$gid"
check "  the counselor reads: not given" body_has "未提供"

# ---- a proxy's report: the counselor's phone is not where the student is --------------
cid=$(sql "SELECT person_id FROM accounts WHERE login = 'counselor'")
pid=$(raw_sql "SELECT ca.student_id FROM counselor_assignments ca JOIN people p ON p.id = ca.student_id
	LEFT JOIN daily_reports d ON d.person_id = p.id AND d.day = '$today'
	WHERE ca.counselor_id = $cid AND d.id IS NULL AND p.id NOT IN ($sid, $gid) ORDER BY 1 LIMIT 1")
FORM_PAGE="/checkin/proxy?person=$pid" post counselor "/checkin/proxy?person=$pid" --data-urlencode temperature=36.5 \
	--data-urlencode "city=北京" --data-urlencode in_city=1 --data-urlencode on_campus=0 \
	--data-urlencode abroad=0 --data-urlencode risk_area=0 --data-urlencode cohabitant_returned=0 \
	--data-urlencode returned_to_city=0 --data-urlencode quarantine=none --data-urlencode diagnosis=none \
	--data-urlencode geo_lat=31.2 --data-urlencode geo_lon=121.5 --data-urlencode geo_accuracy=10
check "a proxy fill sent with a position: stored (303)" eval 'status_is 303 && [ -n "$(today_report "$pid")" ]'
check "  without the proxy's position" eq "$(position_of "$pid")" ""
