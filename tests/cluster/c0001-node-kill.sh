#!/usr/bin/env bash
# The cluster's failure drill (tests/run.sh cluster): check-ins, make-up
# decisions and gate scans through both web hosts while node 1 (host A's
# own node) is killed with kill -9 and later rejoins. (Two decisions of
# one make-up, two gates scanning one code and one student's racing
# check-ins, each on both hosts at once: t0013, t0017 and t0010 in the
# same run.)
# - every acknowledged check-in (303) is stored exactly once, on all three
#   nodes; an unacknowledged one is stored whole or not at all (the card
#   facts agree with the reports: hc-facts check); every decision told
#   done is decided, approved and audited once, none is half-written;
#   every ALLOW is one arrival, a DENY none;
# - host A serves again within a few seconds (on a fallback node), the
#   time printed (its /healthz turns 200 again); node 1 is Synced again
#   after its restart;
# - the three nodes hold the same rows afterwards (a checksum of every
#   table's values).
. "$(dirname "$(dirname "$0")")/http/lib.sh"
: "${HC_PORT_B:?run through tests/run.sh cluster}"
A=http://127.0.0.1:$HC_PORT$PFX B=http://127.0.0.1:$HC_PORT_B$PFX
cl() { "$ROOT/tools/cluster.sh" "$@"; }
nsql() { cl sql "$HC_VAR" "$1" -N -B -e "$2"; }
mint() { HEALTHCARD_CONF=$HC_VAR/healthcard.hdf "$ROOT/build/mintsess" "$@"; }
today=$(TZ=Asia/Shanghai date +%F)

# Students who have not reported today, each with a minted session.
sql "SELECT p.id FROM people p JOIN basic_info b ON b.person_id = p.id
	JOIN accounts a ON a.person_id = p.id AND a.disabled = 0
	WHERE p.identity <> 'staff' AND NOT EXISTS (SELECT 1 FROM daily_reports d
		WHERE d.person_id = p.id AND d.day = '$today')
	ORDER BY p.id LIMIT 240" | mint >"$T/sessions"
n=$(wc -l <"$T/sessions")
check "students to check in: $n (at least 120)" test "$n" -ge 120

# One worker per slice of the students: each posts a check-in to host A
# or host B in turn and writes "ID CODE" for each (000: no answer).
checkin_worker() {
	local i=0 id sid tok code url
	while IFS=$'\t' read -r id sid tok; do
		i=$((i + 1))
		url=$([ $((i % 2)) = 0 ] && echo "$A" || echo "$B")
		code=$(curl -s -m 20 -o /dev/null -w '%{http_code}' -b "hc_sid=$sid" \
			--data-urlencode "csrf=$tok" --data-urlencode temperature=36.5 \
			--data-urlencode city=北京 --data-urlencode in_city=1 --data-urlencode on_campus=0 \
			--data-urlencode abroad=0 --data-urlencode risk_area=0 \
			--data-urlencode cohabitant_returned=0 --data-urlencode returned_to_city=0 \
			--data-urlencode quarantine=none --data-urlencode diagnosis=none "$url/checkin")
		echo "$id $code"
		sleep 0.05
	done
}
# Make-up decisions: pending make-ups of the counselor's students (a day
# before the demo's reports began), decided by the counselor through the
# hosts in turn; "ITEM OUTCOME" for each (done, already, or the status).
cid=$(sql "SELECT person_id FROM accounts WHERE login = 'counselor'")
sql "INSERT INTO makeup_requests (person_id, day, reason, created_at)
	SELECT student_id, CURDATE() - INTERVAL 35 DAY, 'c0001', NOW() FROM counselor_assignments
	WHERE counselor_id = $cid ORDER BY student_id LIMIT 60;
     INSERT INTO queue_items (kind, ref_id, person_id, created_at)
	SELECT 'makeup', id, person_id, NOW() FROM makeup_requests WHERE reason = 'c0001'" >/dev/null
sql "SELECT q.id FROM queue_items q JOIN makeup_requests m ON m.id = q.ref_id AND q.kind = 'makeup'
	WHERE m.reason = 'c0001' AND q.state = 'open' ORDER BY q.id" >"$T/items"
IFS=$'\t' read -r _ csid ctok <<<"$(mint "$cid")"
decide_worker() {
	local i=0 item out
	while read -r item; do
		i=$((i + 1))
		out=$(curl -s -m 20 -w '\n%{http_code}' -b "hc_sid=$csid" --data-urlencode "csrf=$ctok" \
			--data-urlencode "id=$item" --data-urlencode decision=approve \
			"$([ $((i % 2)) = 0 ] && echo "$A" || echo "$B")/review/decide")
		case $out in
		*'class="outcome-done"'*) echo "$item done" ;;
		*'class="outcome-already"'*) echo "$item already" ;;
		*) echo "$item ${out##*$'\n'}" ;;
		esac
	done <"$T/items"
}

# Gate scans: an enrolled phone, a fresh code of each student with an
# approved return, through the hosts in turn; "ID RESULT" (allow, deny,
# already, or the status).
admin=$(sql "SELECT person_id FROM accounts WHERE login = 'admin'")
IFS=$'\t' read -r _ asid _ <<<"$(mint "$admin")"
curl -s -b "hc_sid=$asid" -o "$T/gates.html" "$A/gates"
curl -s -b "hc_sid=$asid" -o "$T/device.html" --data-urlencode "csrf=$(grep -o 'name="csrf" value="[^"]*"' "$T/gates.html" |
	head -1 | sed 's/.*value="//; s/"$//')" --data-urlencode gate_id=1 --data-urlencode "name=c0001" "$A/gates/add_device"
link=$(grep -o '/scan/enrol/[A-Za-z0-9_-]*' "$T/device.html" | head -1)
curl -s -c "$T/jar.dev" -o "$T/enrol.html" "$A$link"
curl -s -b "$T/jar.dev" -c "$T/jar.dev" -o /dev/null --data-urlencode "csrf=$(grep -o 'name="csrf" value="[^"]*"' "$T/enrol.html" |
	head -1 | sed 's/.*value="//; s/"$//')" "$A$link"
check "a gate phone is enrolled for the drill" grep -q hc_dev "$T/jar.dev"
# (Not one with a leave, whose scan at the gate is their way out or back,
# no arrival: t0076 ran before on this cluster.)
sql "SELECT DISTINCT ra.person_id FROM return_applications ra WHERE ra.state = 'approved'
	AND NOT EXISTS (SELECT 1 FROM leaves l WHERE l.person_id = ra.person_id)
	ORDER BY ra.person_id LIMIT 80" >"$T/scan_ids"
sql "SELECT person_id, COUNT(*) FROM arrivals WHERE kind = 'gate' GROUP BY person_id" >"$T/arrivals.before"
scan_worker() {
	local i=0 id t out
	while read -r id; do
		i=$((i + 1))
		t=$(HEALTHCARD_CONF=$HC_VAR/healthcard.hdf "$ROOT/build/scantoken" "$id")
		out=$(curl -s -m 20 -w '\n%{http_code}' -b "$T/jar.dev" \
			"$([ $((i % 2)) = 0 ] && echo "$A" || echo "$B")/scan?t=$t")
		case $out in
		*'data-result="allow"'*) echo "$id allow" ;;
		*'data-result="deny"'*) echo "$id deny" ;;
		*'data-result="already"'*) echo "$id already" ;;
		*) echo "$id ${out##*$'\n'}" ;;
		esac
		sleep 0.1
	done <"$T/scan_ids"
}

split -n l/4 "$T/sessions" "$T/slice."
for s in "$T"/slice.*; do
	checkin_worker <"$s" >"$s.out" &
done
decide_worker >"$T/decided" &
scan_worker >"$T/scanned" &

# Kill node 1 once the load runs, and time host A's way back.
sleep 2
t0=$(date +%s.%N)
cl nodekill "$HC_VAR" 1
first_ok=""
for _ in $(seq 1 150); do
	code=$(curl -s -m 5 -o /dev/null -w '%{http_code}' "$A/healthz")
	if [ "$code" = 200 ]; then
		first_ok=$(date +%s.%N)
		break
	fi
	sleep 0.1
done
wait
gap=$(awk -v a="$t0" -v b="${first_ok:-0}" 'BEGIN { if (b == 0) print "never"; else printf "%.1f", b - a }')
echo "# host A served again (/healthz 200, on a fallback node) ${gap} s after node 1 was killed"
check "host A serves again within 10 s of its node's kill (${gap} s)" \
	awk -v g="$gap" 'BEGIN { exit !(g != "never" && g + 0 <= 10) }'
IFS=$'\t' read -r _ sid1 _ <"$T/sessions"
code=$(curl -s -o "$BODY" -w '%{http_code}' -b "hc_sid=$sid1" "$A/card")
check "host A shows a student's card while node 1 is down" eval "[ '$code' = 200 ] && body_has 'id=\"card-state\"'"

cat "$T"/slice.*.out >"$T/codes"
acked=$(awk '$2 == 303' "$T/codes" | wc -l)
other=$(awk '$2 != 303' "$T/codes" | wc -l)
echo "# check-ins acknowledged: $acked, refused or unanswered: $other ($(awk '$2 != 303 { print $2 }' "$T/codes" | sort | uniq -c | tr '\n' ' '))"
check "most check-ins were acknowledged during the kill ($acked of $n)" test "$acked" -ge $((n / 2))

# Node 1 back: it rejoins (IST), and catches up.
ist_before=$(grep -c 'IST received' "$HC_VAR"/cluster/n1/log/mariadb.log)
t1=$(date +%s.%N)
cl nodestart "$HC_VAR" 1 >"$T/nodestart" 2>&1
how=$([ "$(grep -c 'IST received' "$HC_VAR"/cluster/n1/log/mariadb.log)" -gt "$ist_before" ] && echo IST || echo SST)
echo "# node 1 synced again $(awk -v a="$t1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s after its restart began, by $how"
check "node 1 rejoins and is synced again" eval "cl status '$HC_VAR' | grep -q '^node 1: .*: 4 3 ON'"
cl status "$HC_VAR" | sed 's/^/# /'

# Every acknowledged check-in exactly once on every node; the others at
# most once.
awk '$2 == 303 { print $1 }' "$T/codes" | sort -n >"$T/acked"
ids=$(cut -f1 "$T/sessions" | paste -sd, -)
for k in 1 2 3; do
	nsql "$k" "SELECT person_id, COUNT(*) FROM daily_reports WHERE day = '$today'
		AND person_id IN ($ids) GROUP BY person_id" >"$T/rows.$k"
	check "node $k: no check-in stored twice" \
		eq "$(awk '$2 != 1' "$T/rows.$k" | wc -l)" 0
	check "node $k: every acknowledged check-in is there ($acked)" \
		eq "$(join <(sort "$T/acked") <(cut -f1 "$T/rows.$k" | sort) | wc -l)" "$acked"
done
check "the three nodes hold the same check-ins" \
	eval "cmp -s '$T/rows.1' '$T/rows.2' && cmp -s '$T/rows.1' '$T/rows.3'"
check "nothing half-written: the stored card facts agree with the reports" hc_facts check

# Each decision the counselor was told is done: decided once, on every
# node, with its make-up approved and one audit row; any other: wholly
# decided (by a retry that landed) or wholly open.
done_n=$(awk '$2 == "done"' "$T/decided" | wc -l)
echo "# decisions: $(wc -l <"$T/items") sent, $done_n done ($(awk '$2 != "done" { print $2 }' "$T/decided" | sort | uniq -c | tr '\n' ' '))"
check "most decisions were acknowledged during the kill ($done_n of $(wc -l <"$T/items"))" \
	test "$done_n" -ge $(($(wc -l <"$T/items") / 2))
items=$(paste -sd, "$T/items")
for k in 1 2 3; do
	nsql "$k" "SELECT q.id, q.state, m.state, (SELECT COUNT(*) FROM audit_log a WHERE a.action = 'makeup.approve'
		AND a.object_id = m.id) FROM queue_items q JOIN makeup_requests m ON m.id = q.ref_id
		WHERE q.id IN ($items) ORDER BY q.id" >"$T/dec.$k"
	check "node $k: every decision told done is decided, approved, audited once" \
		eq "$(join <(awk '$2 == "done" { print $1 }' "$T/decided" | sort) <(sort "$T/dec.$k") |
			awk '!($2 == "decided" && $3 == "filled" || $2 == "decided" && $3 == "approved") || $4 != 1' | wc -l)" 0
	check "node $k: no decision half-written" \
		eq "$(awk '!(($2 == "decided" && ($3 == "approved" || $3 == "filled") && $4 == 1) || ($2 == "open" && $3 == "pending" && $4 == 0))' "$T/dec.$k" | wc -l)" 0
done
check "the three nodes hold the same decisions" \
	eval "cmp -s '$T/dec.1' '$T/dec.2' && cmp -s '$T/dec.1' '$T/dec.3'"

# Each ALLOW is one arrival, on every node; a DENY none.
allow_n=$(awk '$2 == "allow"' "$T/scanned" | wc -l)
echo "# scans: $(wc -l <"$T/scanned") sent, $allow_n ALLOW, $(awk '$2 == "deny"' "$T/scanned" | wc -l) DENY, $(awk '$2 == "already"' "$T/scanned" | wc -l) ALREADY ($(awk '$2 !~ /^(allow|deny|already)$/ { print $2 }' "$T/scanned" | sort | uniq -c | tr '\n' ' '))"
check "every scan was answered ALLOW, DENY or ALREADY" \
	eq "$(awk '$2 !~ /^(allow|deny|already)$/' "$T/scanned" | wc -l)" 0
sids=$(paste -sd, "$T/scan_ids")
for k in 1 2 3; do
	nsql "$k" "SELECT person_id, COUNT(*) FROM arrivals WHERE kind = 'gate' AND person_id IN ($sids)
		GROUP BY person_id" >"$T/arr.$k"
	check "node $k: one new arrival for each ALLOW, none for a DENY or ALREADY" \
		eq "$(awk 'FILENAME == ARGV[1] { before[$1] = $2; next }
			FILENAME == ARGV[2] { res[$1] = $2; next }
			{ now[$1] = $2 }
			END { for (id in res) { d = now[id] - before[id]
				if ((res[id] == "allow" && d != 1) || (res[id] != "allow" && d != 0)) n++ }
				print n + 0 }' "$T/arrivals.before" "$T/scanned" "$T/arr.$k")" 0
done

# The same rows on each node, table by table: a count and a checksum of
# every column's value (CHECKSUM TABLE reads the stored record, which may
# differ between nodes for equal rows: a generated column, a row that
# came by SST), on each node once it has applied everything.
nsql 2 "SELECT CONCAT('SELECT ''', TABLE_NAME, ''', COUNT(*), COALESCE(BIT_XOR(CRC32(CONCAT_WS(''|'', ',
		GROUP_CONCAT(CONCAT('COALESCE(', COLUMN_NAME, ', ''-'')') ORDER BY ORDINAL_POSITION SEPARATOR ', '),
		'))), 0) FROM ', TABLE_NAME, ';')
	FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = 'healthcard'
	AND TABLE_NAME IN (SELECT TABLE_NAME FROM information_schema.TABLES
		WHERE TABLE_SCHEMA = 'healthcard' AND TABLE_TYPE = 'BASE TABLE')
	GROUP BY TABLE_NAME ORDER BY TABLE_NAME" >"$T/sums.sql"
for k in 1 2 3; do
	cl sql "$HC_VAR" "$k" -N -B --init-command="SET SESSION wsrep_sync_wait = 15" <"$T/sums.sql" >"$T/sum.$k"
done
check "every table holds the same rows on the three nodes ($(wc -l <"$T/sum.1") tables)" \
	eval "[ -s '$T/sum.1' ] && cmp -s '$T/sum.1' '$T/sum.2' && cmp -s '$T/sum.1' '$T/sum.3'"
diff "$T/sum.1" "$T/sum.2" | head -5 | sed 's/^/#   /'

# /healthz flips: a host C on node 3 alone (no fallback) says 503 while its
# node is down and 200 once it has rejoined; a load balancer polling it
# takes C out and back. (Hosts A and B move to a fallback instead.)
PC=$((HC_PORT + 2))
# (The socket by its real path, under /var/tmp: the page processes run as
# www-data and may not pass a 0700 checkout on the way to VARDIR's link.)
HC_HOST=c HC_DB_SOCKET=$(readlink -f "$HC_VAR/cluster")/n3/mysqld.sock HC_DB_FALLBACK="" \
	"$ROOT/tools/stack.sh" webstart "$HC_VAR" "$PC" >"$T/hostc" 2>&1 || sed "s/^/#   host C: /" "$T/hostc"
hz() { curl -s -m 5 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PC$PFX/healthz"; }
check "host C (node 3 alone) is healthy: 200" eq "$(hz)" 200
cl nodestop "$HC_VAR" 3
check "node 3 stopped: host C's /healthz says 503" eq "$(hz)" 503
curl -s -o "$BODY" "http://127.0.0.1:$PC$PFX/healthz"
check "  saying why" body_has "not ready"
t0=$(date +%s.%N)
cl nodestart "$HC_VAR" 3 >"$T/nodestart3" 2>&1
back=""
for _ in $(seq 1 100); do
	[ "$(hz)" = 200 ] && { back=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'); break; }
	sleep 0.1
done
echo "# host C healthy again ${back:-never} s after node 3's restart began"
check "node 3 rejoined: host C's /healthz says 200 again" test -n "$back"
HC_HOST=c "$ROOT/tools/stack.sh" webstop "$HC_VAR" >/dev/null 2>&1
