#!/usr/bin/env bash
# build/mintsess, the benchmark's sessions: a minted cookie is a logged-in
# session the pages accept, its CSRF token is the one the pages put in
# their forms, a check-in posted with the pair is stored once, and --purge
# takes minted sessions away. If lib/web/sess.c changes how tokens look or are
# hashed, this fails here instead of the benchmark measuring redirects.
. "$(dirname "$0")/lib.sh"

mint() { HEALTHCARD_CONF=$HC_VAR/healthcard.hdf "$ROOT/build/mintsess" "$@"; }
# one WHO COOKIE: a cookie jar for WHO holding only that session cookie.
jar() { printf '127.0.0.1\tFALSE\t/\tFALSE\t0\thc_sid\t%s\n' "$2" >"$T/jar.$1"; }

today=$(TZ=Asia/Shanghai date +%F)   # the pages' day (Time.Zone)
S=$(sql "SELECT p.id FROM people p JOIN basic_info b ON b.person_id = p.id
	JOIN accounts a ON a.person_id = p.id AND a.disabled = 0
	WHERE p.identity <> 'staff' AND NOT EXISTS (SELECT 1 FROM daily_reports d
		WHERE d.person_id = p.id AND d.day = '$today')
	ORDER BY p.id DESC LIMIT 1")
IFS=$'\t' read -r id sid tok <<<"$(mint "$S")"
check "mintsess prints the person, a cookie and a CSRF token" \
	test "$id" = "$S" -a "${#sid}" = 43 -a "${#tok}" = 43
check "the session is stored as a hash, marked as minted" \
	eq "$(sql "SELECT COUNT(*) FROM sessions WHERE person_id = $S AND addr = 'mintsess'")" 1

jar m "$sid"
get m /card
check "the minted cookie opens the student's card" body_has 'id="card-state"'
check "as that student" body_has "$(sql "SELECT name FROM people WHERE id = $S")"
get m /checkin
check "the check-in form carries exactly the minted CSRF token" eq "$(csrf)" "$tok"

rows() { sql "SELECT COUNT(*) FROM daily_reports WHERE person_id = $S AND day = '$today'"; }
form=(--data-urlencode "csrf=$tok" --data-urlencode temperature=36.5 --data-urlencode city=北京
	--data-urlencode in_city=1 --data-urlencode on_campus=0 --data-urlencode abroad=0
	--data-urlencode risk_area=0 --data-urlencode cohabitant_returned=0
	--data-urlencode returned_to_city=0 --data-urlencode quarantine=none --data-urlencode diagnosis=none)
req m POST /checkin "${form[@]}"
check "a check-in posted with the minted pair is accepted (303)" status_is 303
check "and stored once" eq "$(rows)" 1
req m POST /checkin "${form[@]}"
check "the same student posting again is refused (409)" status_is 409
check "and nothing more is stored" eq "$(rows)" 1

req m POST /checkin --data-urlencode "csrf=${tok%?}x" --data-urlencode temperature=36.5
check "a wrong CSRF token is refused" test "$STATUS" != 303 -a "$STATUS" != 200

check "mintsess refuses what is not a person id" eval '! mint 12x >/dev/null 2>&1'
IFS=$'\t' read -r _ sid2 _ <<<"$(mint --purge "$S")"
check "--purge deletes the sessions minted before" \
	eq "$(sql "SELECT COUNT(*) FROM sessions WHERE person_id = $S AND addr = 'mintsess'")" 1
mint --purge-only
jar m2 "$sid2"
get m2 /card
check "a purged session no longer opens the card" body_lacks 'id="card-state"'
