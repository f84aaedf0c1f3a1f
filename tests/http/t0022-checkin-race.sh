#!/usr/bin/env bash
# Under load: while other clients keep every card process busy with the
# same students' cards, each of 12 students checks in with a fever, in
# parallel, and the very next card each one asks for must already be red:
# the check-in writes the card's facts in its own transaction.
. "$(dirname "$0")/lib.sh"

today=$(TZ=Asia/Shanghai date +%F)
mapfile -t who < <(sql "SELECT a.login FROM accounts a JOIN people p ON p.id = a.person_id
	JOIN basic_info b ON b.person_id = p.id
	WHERE p.identity <> 'staff' AND a.login NOT IN ('student', 'grad')
	AND NOT EXISTS (SELECT 1 FROM daily_reports d WHERE d.person_id = p.id
		AND (d.day = '$today' OR d.anomaly_state = 'open'))
	ORDER BY p.id LIMIT 12")
check "12 students with nothing today" test "${#who[@]}" = 12
for w in "${who[@]}"; do login "$w"; done

# The crowd: each student's card, over and over, from 4 clients.
stop=$T/stop
crowd() {
	local w
	while [ ! -e "$stop" ]; do
		for w in "${who[@]}"; do
			curl -s -o /dev/null -b "$T/jar.$w" "$URL/card"
		done
	done
}
for i in 1 2 3 4; do crowd & done

# Each student: a feverish check-in, then at once the card, in parallel.
one() {
	local w=$1 out=$T/result.$1 tok
	tok=$(curl -s -b "$T/jar.$w" "$(host_url 1)/checkin" | grep -o 'name="csrf" value="[^"]*"' | head -1 |
		sed 's/.*value="//; s/"$//')
	code=$(curl -s -o /dev/null -w '%{http_code}' -b "$T/jar.$w" --data-urlencode "csrf=$tok" \
		--data-urlencode "temperature=38.4" --data-urlencode "city=北京" \
		--data-urlencode "in_city=1" --data-urlencode "on_campus=0" --data-urlencode "abroad=0" \
		--data-urlencode "risk_area=0" --data-urlencode "cohabitant_returned=0" \
		--data-urlencode "returned_to_city=0" --data-urlencode "quarantine=none" \
		--data-urlencode "diagnosis=none" "$(host_url 1)/checkin")
	# On the cluster: posted to host A (node 1), read on host B (node 2).
	if curl -s -b "$T/jar.$w" "$(host_url 2)/card" | grep -qF 'card card-red'; then
		echo "$code red" >"$out"
	else
		echo "$code not-red" >"$out"
	fi
}
sleep 1
for w in "${who[@]}"; do one "$w" & done
wait_ones() { local w; for w in "${who[@]}"; do while [ ! -s "$T/result.$w" ]; do sleep 0.1; done; done; }
wait_ones
touch "$stop"
wait
accepted=$(cat "$T"/result.* | grep -c '^303 ')
red=$(cat "$T"/result.* | grep -c ' red$')
check "all 12 check-ins accepted" eq "$accepted" 12
check "and each student's very next card is red" eq "$red" 12
