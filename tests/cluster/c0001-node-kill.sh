#!/usr/bin/env bash
# The cluster's failure drill (tests/run.sh cluster): check-ins through
# both web hosts while node 1 (host A's own node) is killed with kill -9
# and later rejoins. (Two decisions of one make-up, two gates scanning one
# code and one student's racing check-ins, each on both hosts at once:
# t0013, t0017 and t0010 in the same run.)
# - every acknowledged check-in (303) is stored exactly once, on all three
#   nodes; an unacknowledged one is stored whole or not at all (the card
#   facts agree with the reports: hc-facts check);
# - host A serves again within a few seconds (on a fallback node), the
#   time printed (its /healthz turns 200 again); node 1 is Synced again
#   after its restart;
# - the three nodes hold the same rows afterwards (a checksum of every
#   table's values).
. "$(dirname "$(dirname "$0")")/http/lib.sh"
: "${HC_PORT_B:?run through tests/run.sh cluster}"
A=http://127.0.0.1:$HC_PORT B=http://127.0.0.1:$HC_PORT_B
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
split -n l/4 "$T/sessions" "$T/slice."
for s in "$T"/slice.*; do
	checkin_worker <"$s" >"$s.out" &
done

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
HC_HOST=c HC_DB_SOCKET=$HC_VAR/cluster/n3/mysqld.sock HC_DB_FALLBACK="" \
	"$ROOT/tools/stack.sh" webstart "$HC_VAR" "$PC" >"$T/hostc" 2>&1
hz() { curl -s -m 5 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PC/healthz"; }
check "host C (node 3 alone) is healthy: 200" eq "$(hz)" 200
cl nodestop "$HC_VAR" 3
check "node 3 stopped: host C's /healthz says 503" eq "$(hz)" 503
curl -s -o "$BODY" "http://127.0.0.1:$PC/healthz"
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
