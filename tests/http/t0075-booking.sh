#!/usr/bin/env bash
# 健康预约 (issue 15, seed 003 三): the admin's venues; a person with a
# pass books a slot (one at a time), the last places of a slot taken by
# many at once go to exactly as many as there are, and the last place of
# a one-place venue taken by two at once to one; cancelled on the
# phone, the place goes back; the venue's phone checks them in with the
# temperature and ends the booking at the exit; a booking not checked in
# within 20 minutes of its start lapses and frees its place (the clock set
# by moving the booking's start; test_domain sets every time explicitly,
# to the second); three no-shows in 30 days suspend booking, with the
# reason and until when.
. "$(dirname "$0")/lib.sh"

tok() { HEALTHCARD_CONF=$HC_VAR/healthcard.hdf "$ROOT/build/scantoken" "$@"; }
result_is() { body_has "data-result=\"$1\"" && body_has "data-reason=\"$2\""; }
login_of() { sql "SELECT login FROM accounts WHERE person_id = $1"; }
tomorrow=$(TZ=Asia/Shanghai date -d '+1 day' +%F)
slot="$tomorrow 10:00:00"
book() { FORM_PAGE=/booking post "$1" /booking/book --data-urlencode "venue=$2" --data-urlencode "start=$3"; }
booked() { sql "SELECT COALESCE((SELECT booked FROM venue_slots WHERE venue_id = $1 AND starts_at = '$2'), 0)"; }
# Moves a booking (and its slot's count) so that it starts `minutes` ago.
start_ago() {
	sql "UPDATE venue_slots s JOIN bookings b ON b.venue_id = s.venue_id AND b.starts_at = s.starts_at
		SET s.booked = s.booked - 1 WHERE b.id = $1" >/dev/null
	sql "UPDATE bookings SET starts_at = NOW() - INTERVAL $2 MINUTE, ends_at = NOW() - INTERVAL $2 MINUTE + INTERVAL 30 MINUTE WHERE id = $1" >/dev/null
	sql "INSERT INTO venue_slots (venue_id, starts_at, booked) SELECT venue_id, starts_at, 1 FROM bookings WHERE id = $1
		ON DUPLICATE KEY UPDATE booked = booked + 1" >/dev/null
}

login admin
FORM_PAGE=/places post admin /places/add_building --data-urlencode "name=七五浴室" --data-urlencode kind=bath
bath=$(sql "SELECT id FROM buildings WHERE name = '七五浴室'")
FORM_PAGE=/places post admin /places/add_entrance --data-urlencode "building_id=$bath" --data-urlencode "name=正门"
door=$(sql "SELECT id FROM gates WHERE building_id = $bath")
FORM_PAGE=/gates post admin /gates/add_device --data-urlencode "gate_id=$door" --data-urlencode "name=浴室核验机"
post venuephone "$(grep -o '/scan/enrol/[A-Za-z0-9_-]*' "$BODY" | head -1)"

# -- venues ------------------------------------------------------------------------
FORM_PAGE=/booking post admin /booking/add_venue --data-urlencode "building_id=$bath" --data-urlencode "name=七五浴室淋浴" \
	--data-urlencode opens=22:00 --data-urlencode closes=06:00 --data-urlencode slot_minutes=30 --data-urlencode capacity=3
check "closing before opening: 400 at the field" eval 'status_is 400 && body_has "关闭时间须晚于开放时间" && body_has "value=\"七五浴室淋浴\""'
FORM_PAGE=/booking post admin /booking/add_venue --data-urlencode "building_id=$bath" --data-urlencode "name=七五浴室淋浴" \
	--data-urlencode opens=06:00 --data-urlencode closes=22:00 --data-urlencode slot_minutes=5 --data-urlencode capacity=3
check "a slot of 5 minutes: 400" status_is 400
FORM_PAGE=/booking post admin /booking/add_venue --data-urlencode "building_id=$bath" --data-urlencode "name=七五浴室淋浴" \
	--data-urlencode opens=06:00 --data-urlencode closes=22:00 --data-urlencode slot_minutes=30 --data-urlencode capacity=3
check "the admin adds a venue: 06:00-22:00, 30 minutes, 3 places (303)" status_is 303
v=$(sql "SELECT id FROM venues WHERE name = '七五浴室淋浴'")
check "  audited" eq "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'venue.add' AND object_id = $v")" 1
login student
FORM_PAGE=/booking post student /booking/add_venue --data-urlencode "building_id=$bath" --data-urlencode "name=x" \
	--data-urlencode opens=06:00 --data-urlencode closes=22:00 --data-urlencode slot_minutes=30 --data-urlencode capacity=3
check "a student may not add one: 403" status_is 403

# Blue cards, as the card page computes them.
BLUE=()
for id in $(sql "SELECT f.person_id FROM card_facts f JOIN accounts a ON a.person_id = f.person_id
	WHERE f.arrived_at IS NOT NULL AND f.open_anomaly IS NULL AND f.sent_back IS NULL AND f.door_fever IS NULL
	AND f.on_roster = 1 GROUP BY f.person_id ORDER BY f.person_id LIMIT 40"); do
	get admin "/card?person=$id"
	grep -q 'class="card card-blue"' "$BODY" && BLUE+=("$id")
	[ ${#BLUE[@]} -ge 10 ] && break
done
check "ten blue cards to book with (found ${#BLUE[@]})" test ${#BLUE[@]} -ge 10
L=()
for id in "${BLUE[@]}"; do l=$(login_of "$id"); login "$l"; L+=("$l"); done

# -- booking -------------------------------------------------------------------------
get "${L[0]}" /booking
check "the venue's slots, with the places left" eval 'status_is 200 && body_has "id=\"venue-$v\"" && body_has "value=\"$slot\""'
book "${L[0]}" "$v" "$slot"
check "a blue card books tomorrow 10:00 (303)" eval 'status_is 303 && header_has "Location: /booking?booked="'
b0=$(sql "SELECT MAX(id) FROM bookings WHERE person_id = ${BLUE[0]}")
check "  one place taken, audited" eval 'eq "$(booked "$v" "$slot")" 1 && eq "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = '"'booking.make'"' AND object_id = $b0")" 1'
get "${L[0]}" /booking
check "  the page shows it with its QR" eval 'body_has "id=\"booking-$b0\" data-state=\"booked\"" && body_has "id=\"booking-qr\""'
get "${L[0]}" "/booking/qr?id=$b0"
check "  the QR is an SVG" eval 'status_is 200 && header_has "Content-Type: image/svg+xml"'
get "${L[1]}" "/booking/qr?id=$b0"
check "  nobody else's: 404" status_is 404
book "${L[0]}" "$v" "$tomorrow 11:00:00"
check "a second booking while one is held: 409, one at a time" eval 'status_is 409 && body_has "data-reason=\"one_at_a_time\""'
book "${L[1]}" "$v" "$tomorrow 10:15:00"
check "not a slot's start: 400" eval 'status_is 400 && body_has "data-reason=\"not_a_slot\""'
book "${L[1]}" "$v" "$tomorrow 23:00:00"
check "outside the hours: 400" status_is 400
book "${L[1]}" "$v" "$(TZ=Asia/Shanghai date -d '+5 days' +%F) 10:00:00"
check "a day not offered yet: 400" status_is 400
book "${L[1]}" "$v" "$(TZ=Asia/Shanghai date -d '-1 day' +%F) 10:00:00"
check "a slot that is over: 400" status_is 400
book "${L[1]}" "$v" "garbage"
check "garbage: 400" status_is 400
login grad
gid=$(sql "SELECT person_id FROM accounts WHERE login = 'grad'")
get admin "/card?person=$gid"
if ! grep -q 'class="card card-blue"' "$BODY"; then
	book grad "$v" "$slot"
	check "a card that is not blue: 403, said why" eval 'status_is 403 && body_has "data-reason=\"no_pass\""'
fi

# -- the last places, taken by many at once --------------------------------------------
race="$tomorrow 12:00:00"
for i in 1 2 3 4 5 6 7 8; do
	get "${L[$i]}" /booking; eval "k$i=\$(csrf)"
done
for i in 1 2 3 4 5 6 7 8; do
	eval "k=\$k$i"
	curl -s -o /dev/null -w '%{http_code}\n' -b "$T/jar.${L[$i]}" --data-urlencode "csrf=$k" \
		--data-urlencode "venue=$v" --data-urlencode "start=$race" "$URL/booking/book" >"$T/race$i" &
done
wait
check "eight people at once for 3 places: exactly 3 bookings" eq "$(sql "SELECT COUNT(*) FROM bookings WHERE venue_id = $v AND starts_at = '$race' AND state = 'booked'")" 3
check "  the slot's count says 3" eq "$(booked "$v" "$race")" 3
check "  three were told 303, five 409" eq "$(cat "$T"/race? | sort | uniq -c | awk '{ printf "%s:%s ", $2, $1 }')" "303:3 409:5 "
get "${L[1]}" /booking
winner=$(sql "SELECT person_id FROM bookings WHERE venue_id = $v AND starts_at = '$race' AND state = 'booked' ORDER BY id LIMIT 1")
loser=; for i in 1 2 3 4 5 6 7 8; do
	[ -z "$(sql "SELECT id FROM bookings WHERE person_id = ${BLUE[$i]} AND starts_at = '$race'")" ] && { loser=$i; break; }
done
book "${L[$loser]}" "$v" "$race"
check "the full slot refuses with the reason: 409, full" eval 'status_is 409 && body_has "data-reason=\"full\""'

# -- cancelled on the phone: the place goes back ------------------------------------------
wl=$(login_of "$winner"); wb=$(sql "SELECT id FROM bookings WHERE person_id = $winner AND starts_at = '$race'")
FORM_PAGE=/booking post "$wl" /booking/end --data-urlencode "id=$wb"
check "cancelled before its start: the place goes back" eval 'status_is 303 && eq "$(booked "$v" "$race")" 2 &&
	eq "$(sql "SELECT CONCAT(state, \" \", ended_how) FROM bookings WHERE id = $wb")" "cancelled phone"'
book "${L[$loser]}" "$v" "$race"
check "  and someone else takes it" eval 'status_is 303 && eq "$(booked "$v" "$race")" 3'
FORM_PAGE=/booking post "$wl" /booking/end --data-urlencode "id=$wb"
check "  cancelling it again: 404" status_is 404

# -- the last place, taken by two at once -------------------------------------------------
# A venue of one place; two people who hold nothing post for the same slot
# at once, four times (four slots): each time one gets it (303), the other
# is told full (409), and the slot counts 1. The winner then cancels, so
# the rest of the test finds everyone as before.
FORM_PAGE=/booking post admin /booking/add_venue --data-urlencode "building_id=$bath" --data-urlencode "name=七五单间淋浴" \
	--data-urlencode opens=06:00 --data-urlencode closes=22:00 --data-urlencode slot_minutes=30 --data-urlencode capacity=1
one=$(sql "SELECT id FROM venues WHERE name = '七五单间淋浴'")
free=()
for i in 1 2 3 4 5 6 7 8; do
	[ "$(sql "SELECT COUNT(*) FROM bookings WHERE person_id = ${BLUE[$i]} AND state IN ('booked', 'in')")" = 0 ] && free+=("$i")
done
check "a venue of one place ($one), two people holding nothing (${free[*]})" test -n "$one" -a ${#free[@]} -ge 2
p1=${free[0]:-1} p2=${free[1]:-2}
for at in 14:00 14:30 15:00 15:30; do
	last="$tomorrow $at:00"
	get "${L[$p1]}" /booking; k1=$(csrf)
	get "${L[$p2]}" /booking; k2=$(csrf)
	for i in 1 2; do
		eval "who=\${L[\$p$i]} k=\$k$i"
		curl -s -o "$T/last$i.body" -w '%{http_code}\n' -b "$T/jar.$who" --data-urlencode "csrf=$k" \
			--data-urlencode "venue=$one" --data-urlencode "start=$last" "$(host_url "$i")/booking/book" >"$T/last$i" &
	done
	wait
	check "two at once for the last place at $at: one booked, the slot counts 1" eval '
		eq "$(sql "SELECT COUNT(*) FROM bookings WHERE venue_id = $one AND starts_at = '"'$last'"' AND state = '"'booked'"'")" 1 &&
		eq "$(booked "$one" "$last")" 1'
	check "  one told 303, the other 409, full" eval '
		eq "$(cat "$T/last1" "$T/last2" | sort | tr "\n" " ")" "303 409 " &&
		eq "$(cat "$T/last1.body" "$T/last2.body" | grep -c "data-reason=\"full\"")" 1'
	wb=$(sql "SELECT id FROM bookings WHERE venue_id = $one AND starts_at = '$last' AND state = 'booked'")
	FORM_PAGE=/booking post "$(login_of "$(sql "SELECT person_id FROM bookings WHERE id = ${wb:-0}")")" /booking/end --data-urlencode "id=${wb:-0}"
	check "  the winner cancels: the place back" eq "$(booked "$one" "$last")" 0
done

# -- the venue's phone: check in, the exit ---------------------------------------------------
start_ago "$b0" 5
t=$(tok --other-key --pass "$bath" "$b0" in "${BLUE[0]}")
get venuephone "/scan/booking?t=$t"
check "a forged booking code: DENY" result_is deny bad_code
q=$(HEALTHCARD_CONF=$HC_VAR/healthcard.hdf "$ROOT/build/scantoken" --booking "$bath" "$b0" "${BLUE[0]}")
get venuephone "/scan/booking?t=$q"
check "the booking 5 minutes after its start: the temperature asked" eval 'status_is 200 && body_has "data-result=\"ask\"" && body_has "action=\"/scan/booking\""'
k=$(csrf)
req venuephone POST /scan/booking --data-urlencode "csrf=$k" --data-urlencode "t=$q" --data-urlencode "temperature=36.4"
check "  36.4: checked in" eval 'result_is allow ok && body_has "核验通过" && eq "$(sql "SELECT CONCAT(state, \" \", temperature) FROM bookings WHERE id = $b0")" "in 36.4"'
get venuephone "/scan/booking?t=$q"
check "  the same code again: already, nothing ends" eval 'result_is already just_admitted && eq "$(sql "SELECT state FROM bookings WHERE id = $b0")" in'
q2=$(HEALTHCARD_CONF=$HC_VAR/healthcard.hdf "$ROOT/build/scantoken" --booking "$bath" "$b0" "${BLUE[0]}")
get venuephone "/scan/booking?t=$q2"
check "  a fresh code at the exit: ended by the scan" eval 'result_is allow ok && eq "$(sql "SELECT CONCAT(state, \" \", ended_how) FROM bookings WHERE id = $b0")" "ended scan"'

# -- the slot over: ended by itself -----------------------------------------------------------
book "${L[8]}" "$v" "$slot" >/dev/null
b8=$(sql "SELECT MAX(id) FROM bookings WHERE person_id = ${BLUE[8]} AND state = 'booked'")
if [ -n "$b8" ]; then
	start_ago "$b8" 5
	q=$(HEALTHCARD_CONF=$HC_VAR/healthcard.hdf "$ROOT/build/scantoken" --booking "$bath" "$b8" "${BLUE[8]}")
	get venuephone "/scan/booking?t=$q"; k=$(csrf)
	req venuephone POST /scan/booking --data-urlencode "csrf=$k" --data-urlencode "t=$q" --data-urlencode "temperature=36.5"
	sql "UPDATE bookings SET ends_at = NOW() - INTERVAL 1 MINUTE WHERE id = $b8" >/dev/null
	get "${L[8]}" /booking
	check "checked in and the slot over: ended by itself (timeout)" eq "$(sql "SELECT CONCAT(state, ' ', ended_how) FROM bookings WHERE id = $b8")" "ended timeout"
else
	check "a booking to let run past its slot" false
fi

# -- the 20-minute lapse --------------------------------------------------------------------
book "${L[9]}" "$v" "$slot"
b9=$(sql "SELECT MAX(id) FROM bookings WHERE person_id = ${BLUE[9]}")
start_ago "$b9" 19
get "${L[9]}" /booking
check "19 minutes after its start the booking holds" eq "$(sql "SELECT state FROM bookings WHERE id = $b9")" booked
s9=$(sql "SELECT starts_at FROM bookings WHERE id = $b9")
start_ago "$b9" 21
s9=$(sql "SELECT starts_at FROM bookings WHERE id = $b9")
before=$(booked "$v" "$s9")
get "${L[9]}" /booking
check "21 minutes after: lapsed" eval 'eq "$(sql "SELECT state FROM bookings WHERE id = $b9")" lapsed && body_has "id=\"booking-$b9\" data-state=\"lapsed\""'
check "  its place freed" eq "$(booked "$v" "$s9")" "$((before - 1))"
q=$(HEALTHCARD_CONF=$HC_VAR/healthcard.hdf "$ROOT/build/scantoken" --booking "$bath" "$b9" "${BLUE[9]}")
get venuephone "/scan/booking?t=$q"
check "  scanned now: DENY, lapsed" result_is deny booking_lapsed

# -- no-shows suspend booking --------------------------------------------------------------
for n in 2 3; do
	book "${L[9]}" "$v" "$slot"
	bn=$(sql "SELECT MAX(id) FROM bookings WHERE person_id = ${BLUE[9]}")
	start_ago "$bn" $((21 + n * 40))
	get "${L[9]}" /booking
done
check "three no-shows in 30 days" eq "$(sql "SELECT COUNT(*) FROM bookings WHERE person_id = ${BLUE[9]} AND state = 'lapsed'")" 3
book "${L[9]}" "$v" "$slot"
check "  booking suspended: 409 with the reason and until when" eval 'status_is 409 && body_has "data-reason=\"suspended\"" && body_has "恢复预约时间："'
check "  nothing booked" eq "$(sql "SELECT COUNT(*) FROM bookings WHERE person_id = ${BLUE[9]} AND state = 'booked'")" 0

hc_facts check >"$T/facts" 2>&1
check "the stored card facts hold ($(tail -1 "$T/facts"))" grep -qx "0 rows differ" "$T/facts"
