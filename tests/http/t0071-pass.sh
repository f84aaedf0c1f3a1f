#!/usr/bin/env bash
# The building pass (健康出入证, issue 15, seed 003 三): who holds one (a
# blue card, staff who never needed a return), the QR for a building,
# entrance and direction, the entrance phone's scan: the temperature asked
# on the way in, ALLOW in and out, exit and re-entry, who is inside,
# refusals with their reason (no pass, a restricted building, another
# entrance, a red card), forged, expired and replayed codes, a card's code
# at an entrance and a pass at the campus gate, and two phones scanning
# one code at once recording one passage.
. "$(dirname "$0")/lib.sh"

tok() { HEALTHCARD_CONF=$HC_VAR/healthcard.hdf "$ROOT/build/scantoken" "$@"; }
# pass ENTRANCE in|out PERSON [--at T]: a pass's code as /pass/qr makes it.
pass() { local b; b=$(sql "SELECT building_id FROM gates WHERE id = $1"); tok ${4:+--at $4} --pass "$b" "$1" "$2" "$3"; }
result_is() { body_has "data-result=\"$1\"" && body_has "data-reason=\"$2\""; }
# Passages at this test's buildings (the stack is shared with other tests).
passages() { sql "SELECT COUNT(*) FROM passages WHERE person_id = $1 AND building_id IN ($lib, $bath) ${2:+AND $2}"; }
inside() { sql "SELECT COALESCE((SELECT building_id FROM building_presence WHERE person_id = $1), 0)"; }
login_of() { sql "SELECT login FROM accounts WHERE person_id = $1"; }
# door PHONE CODE TEMP: the entrance's phone opens the code and, when the
# temperature is asked, sends it.
door() {
	get "$1" "/scan/pass?t=$2"
	local k; k=$(csrf)
	[ -n "$k" ] || return 0   # answered at once: no temperature asked
	req "$1" POST /scan/pass --data-urlencode "csrf=$k" --data-urlencode "t=$2" \
		--data-urlencode "temperature=$3"
}
enrol() { # enrol JAR GATE NAME
	FORM_PAGE=/gates post admin /gates/add_device --data-urlencode "gate_id=$2" --data-urlencode "name=$3"
	post "$1" "$(grep -o '/scan/enrol/[A-Za-z0-9_-]*' "$BODY" | head -1)"
}

login admin
# Places: the library (open) with two entrances, the bathhouse restricted
# to one college; a phone at each library entrance (two at the south one),
# one at the campus gate.
FORM_PAGE=/places post admin /places/add_building --data-urlencode "name=七一图书馆" --data-urlencode kind=library
FORM_PAGE=/places post admin /places/add_building --data-urlencode "name=七一浴室" --data-urlencode kind=bath --data-urlencode restricted=1
lib=$(sql "SELECT id FROM buildings WHERE name = '七一图书馆'"); bath=$(sql "SELECT id FROM buildings WHERE name = '七一浴室'")
for e in 南门 北门; do
	FORM_PAGE=/places post admin /places/add_entrance --data-urlencode "building_id=$lib" --data-urlencode "name=$e"
done
FORM_PAGE=/places post admin /places/add_entrance --data-urlencode "building_id=$bath" --data-urlencode "name=正门"
south=$(sql "SELECT id FROM gates WHERE name = '七一图书馆 · 南门'"); north=$(sql "SELECT id FROM gates WHERE name = '七一图书馆 · 北门'")
bathdoor=$(sql "SELECT id FROM gates WHERE name = '七一浴室 · 正门'")
enrol south1 "$south" 南门一号机; enrol south2 "$south" 南门二号机; enrol north1 "$north" 北门一号机
enrol gate1 1 东门扫码机
check "the phones are enrolled" eq "$(sql "SELECT COUNT(*) FROM gate_devices WHERE enrolled_at IS NOT NULL AND name IN ('南门一号机', '南门二号机', '北门一号机', '东门扫码机')")" 4

# Blue cards (the return complete) and a card that is not blue: A and B
# of two colleges, as the card page computes them.
blue() { get admin "/card?person=$1"; grep -q 'class="card card-blue"' "$BODY"; }
BLUE_SQL="SELECT f.person_id FROM card_facts f JOIN people p ON p.id = f.person_id
	JOIN accounts a ON a.person_id = p.id
	WHERE f.arrived_at IS NOT NULL AND f.open_anomaly IS NULL AND f.sent_back IS NULL
	  AND f.on_roster = 1 AND p.identity <> 'staff'"
A= B= C=
for id in $(sql "$BLUE_SQL ORDER BY f.person_id LIMIT 20"); do
	blue "$id" && { A=$id; break; }
done
for id in $(sql "$BLUE_SQL AND p.college_id <> (SELECT college_id FROM people WHERE id = ${A:-0})
	AND p.id <> ${A:-0} ORDER BY f.person_id LIMIT 20"); do
	blue "$id" && { if [ -z "$B" ]; then B=$id; else C=$id; break; fi; }
done
check "the demo data has three blue cards to pass, of two colleges ($A $B $C)" test -n "$A" -a -n "$B" -a -n "$C"
G=$(sql "SELECT id FROM people p WHERE p.identity <> 'staff' AND NOT EXISTS (SELECT 1 FROM arrivals a WHERE a.person_id = p.id)
	AND EXISTS (SELECT 1 FROM accounts a WHERE a.person_id = p.id) ORDER BY id LIMIT 1")
FORM_PAGE=/places post admin /places/grant --data-urlencode "building_id=$bath" \
	--data-urlencode "unit_id=$(sql "SELECT college_id FROM people WHERE id = $B")"
la=$(login_of "$A"); lb=$(login_of "$B"); lg=$(login_of "$G")
login "$la"; login "$lb"; login "$lg"

# -- the student's side ----------------------------------------------------------
get "$la" /card
check "a blue card links to the building pass" body_has 'id="to-pass"'
get "$la" /pass
check "a blue card holds a pass: the chooser, no refusal" eval 'status_is 200 && body_has "id=\"pass-form\"" && body_lacks "id=\"no-pass\""'
check "  offering every entrance, the restricted one marked" eval 'body_has "七一图书馆 · 北门" && body_has "七一浴室 · 正门 (您不能进入)"'
get "$la" "/pass?entrance=$south&dir=in"
check "我要进 at the library's south entrance: the QR" eval 'status_is 200 && body_has "id=\"pass-qr\"" && body_has "我要进 · 七一图书馆"'
check "  redrawn every 30 s (script, and a reload without it)" eval 'body_has "data-refresh=\"30\"" && body_has "<noscript><meta http-equiv=\"refresh\" content=\"30\">"'
get "$la" "/pass/qr?entrance=$south&dir=in&n=1"
check "the QR is an SVG" eval 'status_is 200 && header_has "Content-Type: image/svg+xml" && body_has "<path"'
get "$la" "/pass?entrance=$bathdoor&dir=in"
check "a restricted building not listed for them: 403 with the reason" eval 'status_is 403 && body_has "data-reason=\"not_allowed\"" && body_has "仅限指定人员"'
get "$la" "/pass/qr?entrance=$bathdoor&dir=in"
check "  and no QR for it" status_is 403
get "$lb" "/pass?entrance=$bathdoor&dir=in"
check "their college listed: the bathhouse's QR" eval 'status_is 200 && body_has "id=\"pass-qr\""'
get "$la" "/pass?entrance=99999&dir=in"
check "no such entrance: 404" status_is 404
get "$la" "/pass?entrance=$south&dir=sideways"
check "no such direction: 400" status_is 400
get "$lg" /pass
check "a card that is not blue: no pass, said why" eval 'status_is 200 && body_has "data-why=\"no_pass\""'
get "$lg" "/pass?entrance=$south&dir=in"
check "  我要进 refused: 403, return not complete" eval 'status_is 403 && body_has "data-reason=\"no_pass\""'
get "$lg" "/pass/qr?entrance=$south&dir=in"
check "  no QR" status_is 403
login counselor
cid=$(sql "SELECT person_id FROM accounts WHERE login = 'counselor'")
get counselor "/pass?entrance=$south&dir=in"
if [ "$(sql "SELECT MAX(on_roster) FROM card_facts WHERE person_id = $cid")" = 0 ]; then
	check "staff who never needed a return hold a pass" eval 'status_is 200 && body_has "id=\"pass-qr\""'
else
	check "rostered staff (返岗) hold a pass only with a blue card" eval 'status_is 403 || body_has "id=\"pass-qr\""'
fi
check "  and it is in the staff menu" body_has 'href="/pass"'

# -- the entrance: who scans ------------------------------------------------------
t=$(pass "$south" in "$A")
get anon "/scan/pass?t=$t"
check "an anonymous phone is refused (403)" eval 'status_is 403 && result_is deny unknown_device'
get gate1 "/scan/pass?t=$t"
check "a pass at the campus gate's phone: DENY, not here" result_is deny not_here
get south1 "/scan?t=$(tok "$A")"
check "a card's code at an entrance's phone: DENY, not here" result_is deny not_here
check "  none of them recorded anything" eq "$(passages "$A") $(sql "SELECT COUNT(*) FROM arrivals WHERE device_id IN (SELECT id FROM gate_devices WHERE gate_id = $south)")" "0 0"

# -- bad codes ---------------------------------------------------------------------
get south1 "/scan/pass?t=${t:0:30}"
check "a truncated code: DENY, invalid" result_is deny bad_code
get south1 "/scan/pass?t=$(tok --other-key --pass "$lib" "$south" in "$A")"
check "a code signed with another key: DENY, invalid" result_is deny bad_code
get south1 "/scan/pass?t=$(pass "$south" in "$A" $(( $(date +%s) - 61 )))"
check "a code older than 60 s: DENY, expired" result_is deny expired_code
get south1 "/scan/pass?t=$(tok --pass "$lib" "$south" in 999999)"
check "a well-signed code of nobody: DENY, invalid" result_is deny bad_code
check "  nothing recorded" eq "$(passages "$A")" 0

# -- in: the temperature first -----------------------------------------------------
get south1 "/scan/pass?t=$t"
check "A's way in: the temperature is asked, with the name" eval 'status_is 200 && body_has "data-result=\"ask\"" && body_has "id=\"door-temperature\"" && body_has "$(sql "SELECT number FROM people WHERE id = $A")"'
check "  nothing recorded yet" eq "$(passages "$A")" 0
door south1 "$t" 高
check "a temperature that is not one: 400, the form again" eval 'status_is 400 && body_has "class=\"field bad\"" && body_has "id=\"door-temperature\""'
door south1 "$t" 29
check "  out of range: 400" status_is 400
check "  nothing recorded" eq "$(passages "$A")" 0
door south1 "$t" 36.5
check "36.5 ℃: ALLOW in" eval 'status_is 200 && result_is allow ok && body_has "允许进入" && body_has "36.5 °C"'
check "  one passage, in, at the south entrance, by its phone" eq "$(passages "$A" "direction = 'in' AND result = 'allow' AND entrance_id = $south AND temperature = 36.5 AND device_id IS NOT NULL")" 1
check "  A is in the library now" eq "$(inside "$A")" "$lib"
door south1 "$t" 36.5
check "the same code posted again: already passed, nothing more" eval 'result_is already just_admitted && eq "$(passages "$A")" 1'
get south2 "/scan/pass?t=$t"
check "  at the other phone too" result_is already just_admitted

# -- out, and in again ----------------------------------------------------------------
o=$(pass "$south" out "$A")
STATUS=$(curl -s -o /dev/null -w '%{http_code}' -I -b "$T/jar.south1" "$URL/scan/pass?t=$o")
check "a HEAD of the way out records nothing" eval 'status_is 200 && eq "$(passages "$A")" 1'
get south1 "/scan/pass?t=$o"
check "我要出: ALLOW out at once" eval 'result_is allow ok && body_has "允许离开"'
check "  recorded, and A is no longer inside" eval 'eq "$(passages "$A" "direction = '"'out'"'")" 1 && eq "$(inside "$A")" 0'
t2=$(pass "$north" in "$A")
door north1 "$t2" 36.8
check "re-entry through the north entrance: ALLOW" result_is allow ok
check "  inside again, a third passage" eval 'eq "$(inside "$A")" "$lib" && eq "$(passages "$A")" 3'

# -- refusals with the reason, recorded ----------------------------------------------
w=$(pass "$north" in "$A")
get south1 "/scan/pass?t=$w"
check "a pass for the north entrance at the south one: DENY, another entrance" result_is deny wrong_entrance
check "  recorded as refused" eq "$(passages "$A" "result = 'deny' AND reason = 'wrong_entrance'")" 1
get south1 "/scan/pass?t=$w"
check "  shown again: the same refusal, not a second row" eval 'result_is deny wrong_entrance && eq "$(passages "$A" "result = '"'deny'"'")" 1'
get south1 "/scan/pass?t=$(pass "$south" in "$G")"
check "no pass (return not complete): DENY" result_is deny no_pass
get north1 "/scan/pass?t=$(pass "$north" out "$G")"
check "  but going out is never refused" result_is allow ok
enrol bath1 "$bathdoor" 七一浴室一号机
get bath1 "/scan/pass?t=$(pass "$bathdoor" in "$A")"
check "the bathhouse for A's college not listed: DENY, listed people only" result_is deny not_allowed
tb=$(pass "$bathdoor" in "$B")
door bath1 "$tb" 36.4
check "  B's college listed: ALLOW" eval 'result_is allow ok && eq "$(inside "$B")" "$bath"'

# -- a red card ------------------------------------------------------------------------
report_day=$(sql "SELECT MAX(day) FROM daily_reports WHERE person_id = $B")
sql "UPDATE daily_reports SET anomaly_state = 'open', anomaly = 1 WHERE person_id = $B AND day = '$report_day'" >/dev/null
get bath1 "/scan/pass?t=$(pass "$bathdoor" in "$B")"
check "a red card: DENY, abnormal" result_is deny abnormal
get "$lb" "/pass?entrance=$south&dir=in"
check "  the pass page refuses the way in with the reason" eval 'status_is 403 && body_has "data-reason=\"abnormal\""'
get "$lb" "/pass?entrance=$bathdoor&dir=out"
check "  but draws the way out" eval 'status_is 200 && body_has "id=\"pass-qr\""'
ob=$(pass "$bathdoor" out "$B")
get bath1 "/scan/pass?t=$ob"
check "  which lets B out" eval 'result_is allow ok && eq "$(inside "$B")" 0'
sql "UPDATE daily_reports SET anomaly_state = 'cleared' WHERE person_id = $B AND day = '$report_day'" >/dev/null

# -- two phones, one code, at once: one passage ----------------------------------------
r=$(pass "$south" in "$C")
get south1 "/scan/pass?t=$r"; tok1=$(csrf)
get south2 "/scan/pass?t=$r"; tok2=$(csrf)
for i in 1 2; do
	eval "k=\$tok$i"
	curl -s -o "$T/race$i" -b "$T/jar.south$i" -c "$T/jar.south$i" --data-urlencode "csrf=$k" \
		--data-urlencode "t=$r" --data-urlencode "temperature=36.6" "$URL/scan/pass" &
done
wait
check "two phones posting one code at once: exactly one passage" eq "$(passages "$C")" 1
check "  one says ALLOW, the other already passed" eval '
	[ "$(cat "$T/race1" "$T/race2" | grep -c "data-result=\"allow\"")" = 1 ] &&
	[ "$(cat "$T/race1" "$T/race2" | grep -c "data-reason=\"just_admitted\"")" = 1 ]'

get south1 "/scan?lang=en"
get south1 "/scan/pass?t=$(pass "$south" in "$G")"
check "the answer in English" body_has "The return is not complete"
get south1 "/scan?lang=zh-CN"
hc_facts check >"$T/facts" 2>&1
check "the stored card facts hold ($(tail -1 "$T/facts"))" grep -qx "0 rows differ" "$T/facts"
