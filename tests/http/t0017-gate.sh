#!/usr/bin/env bash
# The gate: enrolment links, device credentials and revocation; the card's
# QR token (forged, truncated, expired, from another key, replayed); ALLOW
# recording exactly one arrival even when phones race; ALREADY; a new
# anomaly after the QR was drawn; the dorm scan; a day student turned
# boarder (FAQ 6); the gate's printed code; the admin's pages.
. "$(dirname "$0")/lib.sh"

tok() { HEALTHCARD_CONF=$HC_VAR/healthcard.hdf "$ROOT/build/scantoken" "$@"; }
arrivals() { sql "SELECT COUNT(*) FROM arrivals WHERE person_id = $1 AND kind = '${2:-gate}'"; }
all_arrivals() { sql "SELECT COUNT(*) FROM arrivals"; }
result_is() { body_has "data-result=\"$1\"" && body_has "data-reason=\"$2\""; }
scan_as() { get "$1" "/scan?t=$2"; }
number_of() { sql "SELECT number FROM people WHERE id = $1"; }
login_of() { sql "SELECT login FROM accounts WHERE person_id = $1"; }

# Green students, as the card itself computes them (not as SQL guesses):
# approved, inside the window, nothing recorded at the gate, no anomaly.
login admin
GREEN=()
for id in $(sql "SELECT ra.person_id FROM return_applications ra
	JOIN roster_entries re ON re.person_id = ra.person_id AND re.term_id = ra.term_id
	LEFT JOIN arrivals a ON a.person_id = ra.person_id
	WHERE ra.state = 'approved' AND a.id IS NULL AND ra.allowed_from <= CURDATE()
	  AND ra.allowed_until >= CURDATE() ORDER BY ra.person_id"); do
	get admin "/card?person=$id"
	grep -q 'class="card card-green"' "$BODY" && GREEN+=("$id")
	[ ${#GREEN[@]} -ge 8 ] && break
done
check "the demo data has eight green students to scan (found ${#GREEN[@]})" test ${#GREEN[@]} -ge 8
A=${GREEN[0]} B=${GREEN[1]} D=${GREEN[2]} E=${GREEN[3]} F=${GREEN[4]} G=${GREEN[5]} H=${GREEN[6]} I=${GREEN[7]}

# -- the student's side: the QR ------------------------------------------
login "$(login_of "$A")"
get "$(login_of "$A")" /card
check "a green card shows the rotating QR" body_has 'id="gate-qr"'
check "refreshed without JavaScript through a meta refresh" body_has '<noscript><meta http-equiv="refresh" content="30">'
qr1=$(grep -o 'src="/card/qr?n=[0-9]*"' "$BODY")
get "$(login_of "$A")" /card
check "each load of the card asks for a new image (never one from the browser's memory)" \
	test -n "$qr1" -a "$qr1" != "$(grep -o 'src="/card/qr?n=[0-9]*"' "$BODY")"
# A message (the counselor's reminder) shows on a green card too.
ac=$(sql "SELECT a.login FROM counselor_assignments ca JOIN accounts a ON a.person_id = ca.counselor_id WHERE ca.student_id = $A")
login "$ac"
FORM_PAGE=/dashboard post "$ac" /dashboard/remind
get "$(login_of "$A")" /card
check "a green card shows the student's messages as well" body_has 'class="panel messages"'
get "$(login_of "$A")" /card/qr
check "the QR is an SVG" header_has "Content-Type: image/svg+xml"
check "drawn as modules" body_has '<path fill="#000" d="M'

# -- who may scan -----------------------------------------------------------
login student
t=$(tok "$A")
before=$(all_arrivals)
get anon "/scan?t=$t"
check "an anonymous phone is refused (403)" status_is 403
check "with the reason: not an enrolled device" result_is deny unknown_device
scan_as student "$t"
check "a student's session is not a scanning device" status_is 403
curl -s -o "$BODY" -b "hc_dev=$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | head -c 43)" "$URL/scan?t=$t"
check "a made-up device credential is refused" result_is deny unknown_device
check "nothing was recorded by them" eq "$(all_arrivals)" "$before"

# -- enrolment -------------------------------------------------------------
get student /gates
check "only the school admin manages gates (403)" status_is 403
FORM_PAGE=/gates post admin /gates/add_device --data-urlencode gate_id=1 --data-urlencode "name=东门一号机"
check "adding a device gives a link" status_is 200
link=$(grep -o '/scan/enrol/[A-Za-z0-9_-]*' "$BODY" | head -1)
check "shown with its QR" body_has 'src="data:image/svg+xml;base64,'
check "the link's secret is not stored" eq "$(sql "SELECT COUNT(*) FROM gate_devices WHERE name = '东门一号机' AND enrol_hash IS NOT NULL AND credential_hash IS NULL")" 1
get dev1 "$link"
check "the link opens a confirmation, not an enrolment" body_has "确认登记本手机"
check "a GET spends nothing" eq "$(sql "SELECT COUNT(*) FROM gate_devices WHERE name = '东门一号机' AND enrol_hash IS NOT NULL")" 1
post dev1 "$link"
check "confirming enrols the phone (303 to the scanner)" status_is 303
check "with a long-lived, HttpOnly device cookie" header_has "Set-Cookie: hc_dev="
check "scoped to /scan" grep -qi "hc_dev=.*Path=/scan; Max-Age=63072000; HttpOnly" "$HEADERS"
FORM_PAGE=/login post dev2 "$link"
check "the link works once: a second phone gets 410" status_is 410
get dev2 "$link"
check "and so does opening it again" status_is 410
get dev1 /scan
check "the enrolled phone gets the scanning page" body_has "东门一号机"
check "with the camera script" body_has '/static/scan.js'
get dev1 /card
check "the device credential opens nothing else" body_lacks 'class="card '

# A dorm phone, and a second gate phone, for later.
FORM_PAGE=/gates post admin /gates/add_device --data-urlencode gate_id=3 --data-urlencode "name=宿舍一号机"
post dorm1 "$(grep -o '/scan/enrol/[A-Za-z0-9_-]*' "$BODY" | head -1)"
FORM_PAGE=/gates post admin /gates/add_device --data-urlencode gate_id=2 --data-urlencode "name=西门一号机"
post dev3 "$(grep -o '/scan/enrol/[A-Za-z0-9_-]*' "$BODY" | head -1)"
check "the other phones enrol too" eq "$(sql "SELECT COUNT(*) FROM gate_devices WHERE enrolled_at IS NOT NULL AND name IN ('宿舍一号机', '西门一号机')")" 2

# -- bad codes: DENY with the reason, nothing recorded -------------------------
before=$(all_arrivals)
scan_as dev1 "${t:0:20}"
check "a truncated code: DENY, invalid code" result_is deny bad_code
scan_as dev1 "$(tok --other-key "$A")"
check "a code signed with another key: DENY, invalid code" result_is deny bad_code
scan_as dev1 "${t:0:10}$( [ "${t:10:1}" = A ] && echo B || echo A )${t:11}"
check "a code with one character changed: DENY" result_is deny bad_code
scan_as dev1 "$(tok --at $(( $(date +%s) - 61 )) "$A")"
check "a code older than 60 s: DENY, expired" result_is deny expired_code
scan_as dev1 "$(tok --at $(( $(date +%s) + 120 )) "$A")"
check "a code from the future: DENY, expired" result_is deny expired_code
scan_as dev1 "$(tok 999999)"
check "a well-signed code of nobody: DENY, invalid code" result_is deny bad_code
get dev1 "/scan?t=%27%3Bselect"
check "garbage is a DENY page, never an error" result_is deny bad_code
get dev1 "/scan?t=x&lang=en"
check "the answer in English: DENY with the reason in words" body_has "Not a valid health card code"
get dev1 "/scan?t=x&lang=zh-CN"
check "and back in Chinese" body_has "二维码无效"
check "none of them recorded anything" eq "$(all_arrivals)" "$before"

# -- ALLOW, ALREADY, replay ----------------------------------------------------------
t=$(tok "$A")
STATUS=$(curl -s -o /dev/null -w '%{http_code}' -I -b "$T/jar.dev1" "$URL/scan?t=$t")
check "a HEAD of the scan URL answers" status_is 200
check "  and records nothing" eq "$(arrivals "$A")" 0
scan_as dev1 "$t"
check "a green student: ALLOW" result_is allow ok
check "the answer names the student" body_has "$(number_of "$A")"
check "exactly one arrival, at the device's gate" \
	eq "$(sql "SELECT COUNT(*) FROM arrivals WHERE person_id = $A AND kind = 'gate' AND gate_id = 1 AND device_id IS NOT NULL")" 1
scan_as dev1 "$t"
# The same code again (issue 20, defect 8): the student is inside; not a
# red refusal but when and where, in the neutral colour, with the name.
check "the same code again: just admitted, not DENY" result_is already just_admitted
check "  saying it in words" body_has "刚刚已放行"
check "  when and where" eval 'body_has "class=\"scan-when\"" && body_has "东门"'
check "  and whose code it is" body_has "$(number_of "$A")"
check "  recording nothing more" eq "$(arrivals "$A")" 1
get dev1 /scan
check "the scanning page counts the gate's scans today" body_has "id=\"today-count\">$(sql "SELECT COUNT(*) FROM arrivals WHERE gate_id = 1 AND at >= '$(TZ=Asia/Shanghai date +%F)'")<"
scan_as dev3 "$(tok "$A")"
check "a fresh code at another gate: already arrived" result_is already arrived
check "saying when and where" body_has "东门"
check "still one arrival" eq "$(arrivals "$A")" 1
get admin "/card?person=$A"
check "the card is blue now" body_has 'class="card card-blue"'
if [ "$(sql "SELECT boarding FROM people WHERE id = $A")" = 1 ]; then
	check "a boarder's blue card says the move-in is pending" body_has "尚未办理入宿"
	get "$(login_of "$A")" /card
	check "and keeps a QR, for the dorm" body_has 'id="gate-qr"'
	check "saying so" body_has "请到宿舍出示本健康卡"
fi

# -- two phones at the same instant: one arrival ------------------------------------
now=$(date +%s)
for i in 1 2 3 4 5 6; do
	jar=$([ $((i % 2)) = 0 ] && echo dev1 || echo dev3)
	curl -s -b "$T/jar.$jar" -o "$T/race.$i" "$(host_url $i)/scan?t=$(tok --at $((now - i)) "$B")" &
done
wait
check "six scans of one student at once record one arrival" eq "$(arrivals "$B")" 1
check "exactly one of them says ALLOW" eq "$(cat "$T"/race.* | grep -c 'data-result="allow"')" 1
check "the others say already arrived" eq "$(cat "$T"/race.* | grep -c 'data-reason="arrived"')" 5

# -- a new anomaly after the QR was drawn ------------------------------------------
t=$(tok "$E")
en=$(login_of "$E")
login "$en"
sql "DELETE FROM daily_reports WHERE person_id = $E AND day = '$(TZ=Asia/Shanghai date +%F)'"
report "$en" 38.6
check "the student reports a fever today" eq "$(sql "SELECT anomaly_state FROM daily_reports WHERE person_id = $E AND day = '$(TZ=Asia/Shanghai date +%F)'")" open
scan_as dev1 "$t"
check "the QR drawn before the fever: DENY, abnormal" result_is deny abnormal
check "nothing recorded for them" eq "$(arrivals "$E")" 0
get "$en" /card
check "their red card has no QR" body_lacks 'id="gate-qr"'

# -- gate staff login ----------------------------------------------------------------
login gate
get gate /
check "gate staff land on the scanner" header_has "Location: /scan"
scan_as gate "$(tok "$G")"
check "a gate staff login scans too: ALLOW" result_is allow ok
check "recorded as scanned by them" eq "$(sql "SELECT scanned_by = (SELECT person_id FROM accounts WHERE login = 'gate') FROM arrivals WHERE person_id = $G")" 1
get gate /scan
check "staff may say at which gate they stand" body_has 'action="/scan/at"'
FORM_PAGE=/scan post gate /scan/at --data-urlencode gate=3
check "  not at a dorm, as gate staff (the choice is forgotten)" header_has "hc_gate=0; Path=/scan; Max-Age=0"
FORM_PAGE=/scan post gate /scan/at --data-urlencode gate=2
check "  at the west gate" header_has "hc_gate=2; Path=/scan"
get gate /scan
check "  the scanner says so" body_has 'value="2" selected'
scan_as gate "$(tok "$I")"
check "  their scans are recorded at that gate" eq "$(sql "SELECT CONCAT(gate_id, ':', scanned_by = (SELECT person_id FROM accounts WHERE login = 'gate'), ':', device_id IS NULL) FROM arrivals WHERE person_id = $I")" "2:1:1"
check "  the answer names the gate" body_has "西门"


# -- the dorm ----------------------------------------------------------------------
login dorm
scan_as dorm1 "$(tok "$B")"
dorm_b=$(sql "SELECT boarding FROM people WHERE id = $B")
if [ "$dorm_b" = 1 ]; then
	check "a boarder who arrived: moved in at the dorm" result_is allow ok
	check "one move-in recorded" eq "$(arrivals "$B" dorm)" 1
	get admin "/card?person=$B"
	check "the card reads 返校完成（住宿生）" body_has "返校完成（住宿生）"
	scan_as dorm1 "$(tok "$B")"
	check "the dorm again: already moved in" result_is already moved_in
else
	check "a day student at the dorm: DENY, not a boarder" result_is deny not_boarder
fi
scan_as dorm1 "$(tok "$F")"
check "the dorm before the gate: DENY" body_has 'data-result="deny"'
check "nothing recorded" eq "$(arrivals "$F" dorm)" 0

# -- FAQ 6: a day student who returned becomes a boarder -------------------------
basic() {  # basic PERSON BOARDING
	FORM_PAGE="/checkin/basic_fix?person=$1" post admin /checkin/basic_fix --data-urlencode "person=$1" \
		--data-urlencode "phone=13800000000" --data-urlencode "home_address=北京市海淀区学院路1号" \
		--data-urlencode "emergency_contact=王" --data-urlencode "emergency_phone=13900000000" \
		--data-urlencode "boarding=$2" --data-urlencode "dorm=$([ "$2" = 1 ] && echo 学十楼 203)"
}
basic "$D" 0
check "the counselor records the student as a day student" eq "$(sql "SELECT boarding FROM people WHERE id = $D")" 0
scan_as dev1 "$(tok "$D")"
check "the day student arrives: ALLOW" result_is allow ok
get admin "/card?person=$D"
check "blue, 返校完成" body_has 'class="card card-blue"'
scan_as dorm1 "$(tok "$D")"
check "a day student at the dorm: DENY, not a boarder" result_is deny not_boarder
basic "$D" 1
get admin "/card?person=$D"
check "turned boarder: green again, may return (boarder)" body_has "可以返校（住宿生）"
scan_as dev3 "$(tok "$D")"
check "the gate says already arrived" result_is already arrived
scan_as dorm "$(tok "$D")"
check "the dorm staff's own login moves them in" result_is allow ok
check "  recorded as a dorm scan by them" eq "$(sql "SELECT COUNT(*) FROM arrivals WHERE person_id = $D AND kind = 'dorm'
	AND scanned_by = (SELECT person_id FROM accounts WHERE login = 'dorm') AND gate_id IS NULL")" 1
get admin "/card?person=$D"
check "the card reads 返校完成（住宿生）" body_has "返校完成（住宿生）"

# -- the deadline moved into the past (the table's edit): window closed ----
d() { TZ=Asia/Shanghai date -d "$1" +%F; }
term=$(sql "SELECT term_id FROM return_applications WHERE person_id = $H")
FORM_PAGE="/table/edit?person=$H&term=$term" post admin /table/edit --data-urlencode "person=$H" \
	--data-urlencode "term=$term" --data-urlencode "allowed_from=$(d '10 days ago')" \
	--data-urlencode "allowed_until=$(d yesterday)" --data-urlencode "reason=返校截止日期提前"
check "the admin moves the deadline to yesterday, with a reason" status_is 303
get admin "/card?person=$H"
check "the card turns orange: the deadline has passed" body_has 'class="card card-orange"'
check "  saying so" body_has "已超过返校截止时间"
scan_as dev1 "$(tok "$H")"
check "the gate: DENY, deadline passed" result_is deny window_closed
check "  nothing recorded" eq "$(arrivals "$H")" 0

# -- revocation ---------------------------------------------------------------------
dev3_id=$(sql "SELECT id FROM gate_devices WHERE name = '西门一号机'")
FORM_PAGE=/gates post admin /gates/revoke --data-urlencode "id=$dev3_id"
check "revoking a device" status_is 303
check "is audited" eq "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'device_revoke' AND object_id = $dev3_id")" 1
before=$(all_arrivals)
scan_as dev3 "$(tok "$F")"
check "the revoked phone is refused (403)" status_is 403
check "as an unknown device" result_is deny unknown_device
check "and records nothing" eq "$(all_arrivals)" "$before"
FORM_PAGE=/gates post admin /gates/revoke --data-urlencode "id=999999"
check "revoking no device is 404" status_is 404

# -- the gate's printed code ----------------------------------------------------------
get admin "/gates/print?id=2"
check "the print page has the gate's QR" body_has 'src="data:image/svg+xml;base64,'
code=$(grep -o '/scan/gate/[0-9]*-[A-Za-z0-9_-]*' "$BODY" | head -1)
check "and its URL" test -n "$code"
fn=$(login_of "$F")
login "$fn"
get "$fn" "$code"
check "a green student opening it is asked to confirm" body_has 'id="record-arrival"'
check "opening records nothing" eq "$(arrivals "$F")" 0
FORM_PAGE="$code" post "$fn" "$code"
check "confirming: ALLOW" result_is allow ok
check "recorded at that gate, by the student" \
	eq "$(sql "SELECT CONCAT(gate_id, ':', scanned_by = $F, ':', device_id IS NULL) FROM arrivals WHERE person_id = $F AND kind = 'gate'")" "2:1:1"
FORM_PAGE="$code" post "$fn" "$code"
check "again: already arrived" result_is already arrived
get "$fn" "${code%?}x"
check "a code with a wrong MAC is 404" status_is 404
FORM_PAGE=/gates post admin /gates/new_code --data-urlencode "id=2"
get "$fn" "$code"
check "a new code voids the old print (404)" status_is 404
get admin "/gates/print?id=2"
code=$(grep -o '/scan/gate/[0-9]*-[A-Za-z0-9_-]*' "$BODY" | head -1)
get "$en" "$code"
check "(with the new code) a student who is not green: DENY with the reason" result_is deny abnormal
check "no confirm button for them" body_lacks 'id="record-arrival"'

# -- the admin's pages ----------------------------------------------------------------
get admin /gates
check "the devices list shows the revoked phone" grep -q "device-$dev3_id\" class=\"device-revoked\"" "$BODY"
get admin "/gates/stats"
check "arrivals per gate and hour" body_has '东门'
check "drawn as SVG" body_has '<svg class="trend"'
want=$(sql "SELECT COUNT(*) FROM arrivals WHERE gate_id = 1 AND kind = 'gate' AND at >= '$(TZ=Asia/Shanghai date +%F)'")
check "the gate's total equals the arrivals recorded today ($want)" grep -q "东门 *(校门): <span class=\"total\">$want</span>" "$BODY"
get admin "/gates/stats?day=2026-13-45"
check "a bad day is a 400 with a message, not an error" status_is 400
FORM_PAGE=/gates post admin /gates/add_gate --data-urlencode kind=gate --data-urlencode "name=东门"
check "a taken gate name re-renders the form (400)" status_is 400
check "with the message and the input" body_has "该名称已存在"
FORM_PAGE=/gates post admin /gates/add_gate --data-urlencode kind=tower --data-urlencode "name=北门"
check "an unknown kind is refused (400)" status_is 400

# Over plain HTTP the camera never opens: the page says why and what to do.
get dev1 /scan
check "over HTTP the scanning page says the camera needs HTTPS" body_has 'id="camera-needs-https"'
check "  and what to do" body_has "请用手机自带的扫一扫"
