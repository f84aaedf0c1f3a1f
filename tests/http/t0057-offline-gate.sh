#!/usr/bin/env bash
# The gate offline (issue 21): the gate phone's page carries the card
# tokens' public key; scans the phone verified alone are uploaded to
# POST /scan/offline and recorded with the phone's scan time: a green card
# at signing is an arrival at that time, a re-upload changes nothing, a
# forged token is refused, a token expired at the claimed time and a card
# the server's rules refuse are flagged (no arrival, shown on /gates,
# audited), a card red at signing is recorded as DENY, and a revoked
# device is refused at its next contact.
. "$(dirname "$0")/lib.sh"

tok() { HEALTHCARD_CONF=$HC_VAR/healthcard.hdf "$ROOT/build/scantoken" "$@"; }
login_of() { sql "SELECT login FROM accounts WHERE person_id = $1"; }
# The page's CSRF token is where offline.js reads it (data-csrf).
upload() {
	get "$1" /scan
	local c; c=$(attr csrf)
	req "$1" POST /scan/offline --data-urlencode "csrf=$c" --data-urlencode "t=$2" --data-urlencode "at=$3"
}
attr() { grep -o "data-$1=\"[^\"]*\"" "$BODY" | head -1 | sed 's/^[^"]*"//; s/"$//'; }
offline_rows() { sql "SELECT COUNT(*) FROM offline_scans"; }
arrivals_of() { sql "SELECT COUNT(*) FROM arrivals WHERE person_id = $1 AND kind = 'gate'"; }
audits() { sql "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'offline_scan%'"; }
arrival_at() { sql "SELECT at FROM arrivals WHERE person_id = $1 AND kind = 'gate'"; }
row_of() { sql "SELECT CONCAT(result, ' ', state_signed, ' ', COALESCE(flag, '-')) FROM offline_scans WHERE person_id = $1"; }
local_time() { TZ=Asia/Shanghai date -d "@$1" '+%F %T'; }

login admin
GREEN=()
for id in $(sql "SELECT ra.person_id FROM return_applications ra
	JOIN roster_entries re ON re.person_id = ra.person_id AND re.term_id = ra.term_id
	LEFT JOIN arrivals a ON a.person_id = ra.person_id
	WHERE ra.state = 'approved' AND a.id IS NULL AND ra.allowed_from <= CURDATE()
	  AND ra.allowed_until >= CURDATE() ORDER BY ra.person_id DESC"); do
	get admin "/card?person=$id"
	grep -q 'class="card card-green"' "$BODY" && GREEN+=("$id")
	[ ${#GREEN[@]} -ge 3 ] && break
done
check "three green students to scan (found ${#GREEN[@]})" test ${#GREEN[@]} -ge 3
A=${GREEN[0]} B=${GREEN[1]} C=${GREEN[2]}
P=$(sql "SELECT ra.person_id FROM return_applications ra WHERE ra.state IN ('first_review', 'second_review')
	AND NOT EXISTS (SELECT 1 FROM daily_reports d WHERE d.person_id = ra.person_id AND d.anomaly_state = 'open')
	ORDER BY ra.person_id LIMIT 1")
check "a student whose return is not approved" test -n "$P"

# -- the gate phone ------------------------------------------------------------
FORM_PAGE=/gates post admin /gates/add_device --data-urlencode gate_id=1 --data-urlencode "name=离线测试机"
post dev1 "$(grep -o '/scan/enrol/[A-Za-z0-9_-]*' "$BODY" | head -1)"
dev_id=$(sql "SELECT id FROM gate_devices WHERE name = '离线测试机'")
get dev1 /scan
check "the gate phone's page carries the offline verifier" body_has '/static/offline.js'
key=$(attr key)
check "and the card tokens' Ed25519 public key (32 bytes)" eq "$(printf %s "$key" | base64 -d | wc -c | tr -d ' ')" 32
check "with the state that lets a student in" eq "$(attr green)" 11
check "and the code to type by hand, a plain GET form (works without JavaScript)" \
	body_has 'id="code-form"'
get gate /scan
check "a gate staff login's page has no offline verifier (it is no device)" body_lacks 'id="offline"'

# -- a green card, scanned offline 20 s after its code was drawn ------------------
now=$(date +%s)
ta=$(tok --at $((now - 30)) "$A")
check "a student's token is base32, about 160 characters" eval '[[ "$ta" =~ ^[A-Z2-7]{140,200}$ ]]'
at=$((now - 20))
rows=$(offline_rows) aud=$(audits)
upload dev1 "$ta" $at
check "the upload is recorded (200)" status_is 200
check "  as the ALLOW the phone showed" eval '[ "$(attr result)" = allow ] && [ "$(attr offline)" = 1 ]'
check "  unflagged, an arrival" eval '[ -z "$(attr flag)" ] && [ "$(attr arrived)" = 1 ]'
check "one offline scan row" eq "$(offline_rows)" $((rows + 1))
check "the arrival at the phone's scan time, marked offline" \
	eq "$(sql "SELECT CONCAT(at, ' ', offline, ' ', gate_id, ' ', device_id) FROM arrivals WHERE person_id = $A AND kind = 'gate'")" \
	"$(local_time $at) 1 1 $dev_id"
check "audited" eq "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'offline_scan' AND subject_person_id = $A")" 1
login "$(login_of "$A")"
get "$(login_of "$A")" /card
check "the student's card shows the arrival with the offline scan time" body_has "$(local_time $at)"
check "  and is blue (returned)" body_has 'class="card card-blue"'

# -- a re-upload changes nothing --------------------------------------------------
rows=$(offline_rows) aud=$(audits)
upload dev1 "$ta" $at
check "a re-upload: 200, said to be one" eval 'status_is 200 && [ "$(attr duplicate)" = 1 ]'
check "  no new row, no new arrival, no new audit" \
	eval '[ "$(offline_rows)" = "$rows" ] && [ "$(arrivals_of "$A")" = 1 ] && [ "$(audits)" = "$aud" ]'
upload dev1 "$ta" $((at + 3))
check "  also with another time claimed: nothing changes" \
	eval '[ "$(offline_rows)" = "$rows" ] && [ "$(arrival_at "$A")" = "$(local_time $at)" ]'
get dev1 "/scan?t=$ta"
check "the code it used, scanned online within its minute: already admitted, nothing recorded" \
	eval '[ "$(attr result)" = already ] && [ "$(attr reason)" = just_admitted ] && [ "$(arrivals_of "$A")" = 1 ]'

# -- forged: refused -----------------------------------------------------------------
rows=$(offline_rows)
upload dev1 "$(tok --other-key "$B")" $now
check "a token signed with another key: 400, invalid code" eval 'status_is 400 && [ "$(attr reason)" = bad_code ]'
tb=$(tok "$B")
bad=${tb:0:30}$([ "${tb:30:1}" = A ] && echo B || echo A)${tb:31}
upload dev1 "$bad" $now
check "a token with one character changed: 400" status_is 400
check "nothing recorded for them" eval '[ "$(offline_rows)" = "$rows" ] && [ "$(arrivals_of "$B")" = 0 ]'
check "the refusals are audited against the device" \
	eq "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'offline_scan_refused' AND object_id = $dev_id")" 2

# -- expired at the time claimed: flagged --------------------------------------------
upload dev1 "$(tok --at $((now - 300)) "$B")" $((now - 200))
check "a token 100 s old at the claimed scan: recorded, flagged expired" \
	eval 'status_is 200 && [ "$(attr result)" = allow ] && [ "$(attr flag)" = expired_code ]'
check "  no arrival for a flagged scan" eq "$(arrivals_of "$B")" 0
upload dev1 "$(tok --at $((now - 10)) "$B")" $((now + 600))
check "a scan claimed ten minutes in the future: flagged expired (a phone's clock off)" \
	eval '[ "$(attr flag)" = expired_code ] && [ "$(arrivals_of "$B")" = 0 ]'

# -- red at signing: recorded as DENY ------------------------------------------------------
now=$(date +%s)
upload dev1 "$(tok --at $((now - 10)) --state abnormal "$C")" $((now - 5))
check "a card red at signing: recorded as the DENY the phone showed" \
	eval 'status_is 200 && [ "$(attr result)" = deny ] && [ "$(attr reason)" = abnormal ]'
check "  a row with the state signed, no arrival" \
	eval '[ "$(row_of "$C")" = "deny abnormal -" ] && [ "$(arrivals_of "$C")" = 0 ]'

# -- green at signing, refused by the server's rules: flagged ---------------------------------
upload dev1 "$(tok --at $((now - 10)) --state may_return "$P")" $((now - 5))
check "green in the token, not approved by the stored facts: flagged" \
	eval '[ "$(attr result)" = allow ] && [ "$(attr flag)" = not_approved ] && [ "$(arrivals_of "$P")" = 0 ]'
check "  audited as flagged" \
	eq "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'offline_scan_flagged' AND subject_person_id = $P")" 1
get admin /gates
check "the gate admin page lists the offline scans" body_has 'id="offline-scans"'
check "  the flagged ones to check, with the reason" \
	eval 'grep -q "offline-allow offline-flagged\" data-flag=\"not_approved\"" "$BODY" && body_has "返校申请尚未获批准"'
check "  and the one recorded as an arrival" grep -q 'data-flag="" data-arrived="1"' "$BODY"

# -- a revoked device: refused at its next contact --------------------------------------
get dev1 /scan
csrf=$(attr csrf)
FORM_PAGE=/gates post admin /gates/revoke --data-urlencode "id=$dev_id"
rows=$(offline_rows)
# The phone's page was loaded before; its kept scan goes up afterwards.
req dev1 POST /scan/offline --data-urlencode "csrf=$csrf" --data-urlencode "t=$(tok "$B")" \
	--data-urlencode "at=$((now - 5))"
check "the revoked phone's upload: 403" eval 'status_is 403 && [ "$(attr reason)" = unknown_device ]'
check "  nothing recorded, the attempt audited" \
	eval '[ "$(offline_rows)" = "$rows" ] && [ "$(arrivals_of "$B")" = 0 ] && [ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = '"'offline_scan_refused'"' AND detail = '"'revoked device'"' AND object_id = $dev_id")" = 1 ]'
get dev1 /scan
check "  and its page no longer carries the key" body_lacks 'data-key='

# -- the Ed25519 fallback for browsers without it in WebCrypto ---------------------------
get anon /static/vendor/nacl-fast.min.js
check "Debian's tweetnacl is served from the site (no CDN)" eval 'status_is 200 && body_has "nacl"'
