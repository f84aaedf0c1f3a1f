#!/usr/bin/env bash
# bench-cluster.sh - `make bench-cluster`: the check-in (POST /checkin) and
# the gate scan (GET /scan?t=) through two web hosts on a three-node Galera
# cluster (tools/cluster.sh), next to the same two figures on one standalone
# server (tools/stack.sh), in the same run, on the same demo data.
#
# The method, for both targets alike:
# - Durable commits on every server (innodb_flush_log_at_trx_commit=1,
#   HC_DB_DURABLE). The cluster's hosts read with causal reads
#   (DB.SyncWait = 1), as a deployment without sticky sessions needs.
# - The baseline: /__hello on the same hosts in the same run; each figure
#   is also given as a ratio to it.
# - Sessions minted for every student with basic info (build/mintsess), so
#   each check-in is another student and none is posted twice ("once").
# - Each figure: a warm-up of 8 s at four times the connections (the pools
#   grow), then 2-second runs until two agree within 20 %, then the measured
#   run of BENCH_SECONDS (10) at BENCH_CONNS (16) connections. On the
#   cluster the connections are split between the hosts (one wrk each, at
#   once, half of the requests each): the rate is the sum, p50 the larger
#   of the two hosts' and p99 the larger of the two.
# - Check-ins counted: the rows committed today on every node next to the
#   303s Apache sent (its access logs) and those wrk received (it abandons
#   up to one request a connection as it stops: stored, answered, not
#   received).
# - Scans: a fresh code of another student each request from an enrolled
#   gate phone (build/scantoken), the real mix of ALLOW and DENY answers.
# - What causal reads cost: /card on the cluster with DB.SyncWait = 1 (as
#   the hosts run) and again with the hosts restarted without (nosync).
#
# Knobs: BENCH_SECONDS (10), BENCH_CONNS (16), BENCH_CLUSTER_STUDENTS
# (12000 students x 14 days of demo data), BENCH_VAR (var/bench-cluster),
# BENCH_PORT (18500, first port tried).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
V=${BENCH_VAR:-$ROOT/var/bench-cluster}
SECS=${BENCH_SECONDS:-10}
CONNS=${BENCH_CONNS:-16}
STUDENTS=${BENCH_CLUSTER_STUDENTS:-12000}
DEMO=(--students "$STUDENTS" --days 14 --seed 11)
LUA=$ROOT/tools/bench.lua
mkdir -p "$V"
V=$(cd "$V" && pwd)
T=$(mktemp -d)
say() { printf '%s\n' "$*" >&2; }
die() { say "bench-cluster: $*"; exit 1; }
for tool in wrk curl awk; do command -v "$tool" >/dev/null || die "$tool is missing"; done
for tool in mintsess scantoken; do [ -x "$ROOT/build/$tool" ] || die "build/$tool is missing: make all"; done
unset HC_EXTRA_APACHE HC_AUTH_MODE HC_EXTRA_CONF HC_DB_SOCKET HC_DB_FALLBACK

cleanup() {
	local rc=$?
	trap - EXIT INT TERM
	"$ROOT/tools/stack.sh" stop "$V/solo" >/dev/null 2>&1 || true
	"$ROOT/tools/cluster.sh" stop "$V/cluster" >/dev/null 2>&1 || true
	if [ -n "${BENCH_KEEP:-}" ]; then say "bench-cluster: kept $T"; else rm -rf "$T"; fi
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_block() {   # a port P with P ... P+40 free
	local p=$1 k ok
	while :; do
		ok=1
		for k in 0 1 11 12 13 21 22 23 31 32 33; do port_free $((p + k)) || { ok=""; break; }; done
		[ -n "$ok" ] && { echo "$p"; return; }
		p=$((p + 50))
		[ "$p" -lt 30000 ] || die "no free ports"
	done
}

cp "$LUA" "$T/counted.lua"
echo 'response = hc_response' >>"$T/counted.lua"
today=$(TZ=Asia/Shanghai date +%F)
csrf_in() { grep -o 'name="csrf" value="[^"]*"' "$1" | head -1 | sed 's/.*value="//; s/"$//'; }
CHECKIN_FORM='temperature=36.5&city=%E5%8C%97%E4%BA%AC&in_city=1&on_campus=0&abroad=0&risk_area=0&cohabitant_returned=0&returned_to_city=0&quarantine=none&diagnosis=none'

# ---- one target: URLS (one or two hosts), qsql (SQL on a node), CONF ------
URLS=() CONF="" TARGET="" LOGS="" MISMATCH=""
qsql() {   # qsql [NODE] SQL
	if [ "$TARGET" = cluster ]; then
		local n=1
		[ $# = 2 ] && { n=$1; shift; }
		"$ROOT/tools/cluster.sh" sql "$V/cluster" "$n" -N -B -e "$1"
	else
		[ $# = 2 ] && shift
		"$ROOT/tools/stack.sh" sql "$V/solo" -N -B -e "$1"
	fi
}

# wrk_all NAME SECONDS CONNS [FILE MODE]: one wrk a host at once, the
# connections split; with FILE, each host sends its share of its lines.
wrk_all() {
	local name=$1 secs=$2 c=$3 file=${4:-} mode=${5:-} n=${#URLS[@]} i path
	for i in $(seq 0 $((n - 1))); do
		local opts=() args=()
		if [ -n "$file" ]; then
			awk -v n="$n" -v i="$i" 'NR % n == i' "$file" >"$T/$name.part$i"
			opts=(-s "$T/counted.lua")
			args=(-- "$T/$name.part$i" "$mode" 0 2)
			path=/
		else
			path=$PATH_OF
			[ -n "${HDR:-}" ] && opts=(-H "$HDR")
		fi
		timeout $((secs + 30)) wrk -t2 -c$((c / n)) -d"${secs}s" --timeout 5s --latency \
			"${opts[@]}" "${URLS[$i]}$path" "${args[@]}" >"$T/wrk.$name.$i" 2>&1 &
	done
	wait
}
rate_of() { cat "$T/wrk.$1".* | awk '/^Requests\/sec:/ { s += $2 } END { printf "%.0f", s }'; }
to_ms() {
	awk -v v="$1" 'BEGIN { n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
		if (u == "us") n /= 1000; else if (u == "s") n *= 1000; printf "%.1f", n }'
}
pct_of() {   # pct_of NAME 50|99: the larger of the hosts'
	local f m=0 x
	for f in "$T/wrk.$1".*; do
		x=$(to_ms "$(awk -v p="$2%" '$1 == p { print $2 }' "$f")")
		m=$(awk -v a="$m" -v b="$x" 'BEGIN { print (b > a ? b : a) }')
	done
	echo "$m"
}
status_count() { cat "$T/wrk.$1".* | awk -v s="$2" '$1 == "hc-status" { for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == s) n += kv[2] } } END { print n + 0 }'; }

# warm NAME: the pools grow (four times the connections), then 2-second
# rounds until two agree within 20 %.
warm() {
	local prev=0 r i
	wrk_all "$1" 8 $((CONNS * 4))
	for i in 1 2 3 4 5 6 7 8 9 10; do
		wrk_all "$1" 2 "$CONNS"
		r=$(rate_of "$1")
		awk -v a="$prev" -v b="$r" 'BEGIN { exit !(a > 0 && b >= 0.8 * a && b <= 1.25 * a) }' && return 0
		prev=$r
	done
	say "bench-cluster: $TARGET /$1 did not settle"
}

RESULTS=()
figure() {   # figure NAME: the line of the last measured run
	local rps p50 p99
	rps=$(rate_of "$1") p50=$(pct_of "$1" 50) p99=$(pct_of "$1" 99)
	RESULTS+=("$TARGET $1 $rps $p50 $p99 ${BASE:-0} ${2:-}")
	printf '%-8s %-8s %7s/s  ratio %-5s p50 %6s ms  p99 %7s ms  %s\n' "$TARGET" "$1" "$rps" \
		"$(awk -v a="$rps" -v b="${BASE:-0}" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')" \
		"$p50" "$p99" "${2:-}"
}

# /card of another minted student each request (the read a student makes
# right after a check-in: on the cluster, with causal reads or without).
measure_card() {
	awk -F'\t' '{ printf "GET\t/card\thc_sid=%s\t\n", $2 }' "$T/minted" >"$T/card.req"
	IFS=$'\t' read -r _ sid _ <"$T/minted"
	PATH_OF=/card HDR="Cookie: hc_sid=$sid" warm card
	wrk_all card "$SECS" "$CONNS" "$T/card.req" cycle
	figure card "(200s $(status_count card 200))"
}

# The check-ins Apache answered 303 so far, on every host of the target
# (their access logs): each must be a committed row.
sent_303() {
	{ cat "$LOGS"/access.log "$LOGS"/host-*/access.log 2>/dev/null || true; } |
		awk '/"POST \/checkin / && $(NF - 2) == 303' | wc -l
}

measure_target() {
	local nb
	# Sessions straight from mintsess, for the students not yet reported.
	qsql "SELECT p.id FROM people p JOIN accounts a ON a.person_id = p.id AND a.disabled = 0
		JOIN basic_info b ON b.person_id = p.id
		WHERE p.identity <> 'staff' AND NOT EXISTS (SELECT 1 FROM daily_reports d
			WHERE d.person_id = p.id AND d.day = '$today') ORDER BY p.id" >"$T/ids"
	HEALTHCARD_CONF=$CONF "$ROOT/build/mintsess" --purge <"$T/ids" >"$T/minted" || die "mintsess failed"
	nb=$(wc -l <"$T/minted")
	awk -F'\t' -v form="$CHECKIN_FORM" '{ printf "POST\t/checkin\thc_sid=%s\tcsrf=%s&%s\n", $2, $3, form }' \
		"$T/minted" >"$T/checkin.req"
	IFS=$'\t' read -r _ sid _ <"$T/minted"

	# The baseline.
	PATH_OF=/__hello HDR="" warm hello
	PATH_OF=/__hello HDR="" wrk_all hello "$SECS" "$CONNS"
	BASE=$(rate_of hello)
	BASE=0 figure hello

	# The check-in: warmed with GET /checkin (no write), measured with POSTs.
	PATH_OF=/checkin HDR="Cookie: hc_sid=$sid" warm checkin
	local before after k acked sent0 sent
	before=$(qsql "SELECT COUNT(*) FROM daily_reports WHERE day = '$today'")
	sent0=$(sent_303)
	wrk_all checkin "$SECS" "$CONNS" "$T/checkin.req" once
	acked=$(status_count checkin 303)
	sleep 2
	sent=$(( $(sent_303) - sent0 ))
	local counts=""
	for k in $([ "$TARGET" = cluster ] && echo 1 2 3 || echo 1); do
		after=$(qsql "$k" "SELECT COUNT(*) FROM daily_reports WHERE day = '$today'")
		[ $((after - before)) = "$sent" ] || MISMATCH="$MISMATCH $TARGET/node$k: $((after - before)) rows for $sent 303s;"
		if [ "$TARGET" = cluster ]; then
			counts="$counts${counts:+, }node $k: $((after - before))"
		else
			counts=$((after - before))
		fi
	done
	figure checkin "(of $nb students; 303s sent by Apache $sent, received by wrk $acked; rows committed $counts; other statuses $(( $(cat "$T/wrk.checkin".* | awk '$1 == "hc-status" { for (i = 2; i <= NF; i++) { split($i, kv, "="); n += kv[2] } } END { print n + 0 }') - acked )))"

	measure_card

	# The scan: an enrolled phone at gate 1, codes of every student.
	local admin tok link jar=$T/jar.dev
	admin=$(qsql "SELECT person_id FROM accounts WHERE login = 'admin'" | HEALTHCARD_CONF=$CONF "$ROOT/build/mintsess" | cut -f2)
	curl -s -H "Cookie: hc_sid=$admin" -o "$T/gates.html" "${URLS[0]}/gates"
	tok=$(csrf_in "$T/gates.html")
	curl -s -H "Cookie: hc_sid=$admin" -o "$T/device.html" --data-urlencode "csrf=$tok" \
		--data-urlencode gate_id=1 --data-urlencode "name=bench-cluster $(date +%s)" "${URLS[0]}/gates/add_device"
	link=$(grep -o '/scan/enrol/[A-Za-z0-9_-]*' "$T/device.html" | head -1)
	[ -n "$link" ] || die "$TARGET: the gate phone did not enrol"
	curl -s -c "$jar" -o "$T/enrol.html" "${URLS[0]}$link"
	tok=$(csrf_in "$T/enrol.html")
	curl -s -b "$jar" -c "$jar" -o /dev/null --data-urlencode "csrf=$tok" "${URLS[0]}$link"
	local phone="hc_dev=$(awk '$6 == "hc_dev" { print $7 }' "$jar" | tail -1); hc_sid=$(awk '$6 == "hc_sid" { print $7 }' "$jar" | tail -1)"
	PATH_OF=/scan HDR="Cookie: $phone" warm scan
	qsql "SELECT id FROM people WHERE identity <> 'staff' ORDER BY id" >"$T/scan_ids"
	HEALTHCARD_CONF=$CONF xargs "$ROOT/build/scantoken" <"$T/scan_ids" |
		awk -v c="$phone" '{ printf "GET\t/scan?t=%s\t%s\t\n", $1, c }' >"$T/scan.req"
	wrk_all scan "$SECS" "$CONNS" "$T/scan.req" cycle
	figure scan "(200s $(status_count scan 200))"
}

P=$(free_block "${BENCH_PORT:-18500}")
say "bench-cluster: the standalone server (port $P; loading $STUDENTS students)"
# Each run from fresh demo data: no check-in of an earlier run today.
"$ROOT/tools/stack.sh" purge "$V/solo" >/dev/null 2>&1 || true
HC_DB_DURABLE=1 HC_DB_POOL=1G "$ROOT/tools/stack.sh" start "$V/solo" "$P" "${DEMO[@]}" >"$T/solo.log" 2>&1 ||
	{ cat "$T/solo.log" >&2; die "the standalone stack did not start"; }
TARGET=solo URLS=("http://127.0.0.1:$P") CONF=$V/solo/healthcard.hdf LOGS=$V/solo/log
[ "$(qsql "SELECT @@innodb_flush_log_at_trx_commit")" = 1 ] || die "not durable"
measure_target
"$ROOT/tools/stack.sh" purge "$V/solo" >/dev/null 2>&1

P=$(free_block $((P + 50)))
say "bench-cluster: the cluster (ports $P, $((P + 1)); nodes from $((P + 10)))"
"$ROOT/tools/cluster.sh" purge "$V/cluster" >/dev/null 2>&1 || true
HC_DB_DURABLE=1 HC_DB_POOL=1G "$ROOT/tools/cluster.sh" start "$V/cluster" "$P" "${DEMO[@]}" >"$T/cluster.log" 2>&1 ||
	{ tail -30 "$T/cluster.log" >&2; die "the cluster did not start"; }
TARGET=cluster URLS=("http://127.0.0.1:$P" "http://127.0.0.1:$((P + 1))") CONF=$V/cluster/healthcard.hdf LOGS=$V/cluster/log
measure_target
# What causal reads cost: the card again, the hosts without them.
HC_SYNC_WAIT=0 "$ROOT/tools/cluster.sh" webrestart "$V/cluster" >"$T/restart.log" 2>&1 ||
	{ cat "$T/restart.log" >&2; die "the hosts did not restart"; }
TARGET=nosync measure_card
HEALTHCARD_CONF=$CONF "$ROOT/build/mintsess" --purge-only || true

echo
echo "cluster / standalone, same run:"
for f in checkin card scan hello; do
	s=$(printf '%s\n' "${RESULTS[@]}" | awk -v f="$f" '$1 == "solo" && $2 == f { print $3 }')
	c=$(printf '%s\n' "${RESULTS[@]}" | awk -v f="$f" '$1 == "cluster" && $2 == f { print $3 }')
	printf '  %-8s %6s/s on the cluster, %6s/s standalone: %s\n' "$f" "$c" "$s" \
		"$(awk -v a="$c" -v b="$s" 'BEGIN { if (b > 0) printf "%.2f", a / b }')"
done
if [ -n "$MISMATCH" ]; then
	echo "FAIL: check-ins committed are not the check-ins acknowledged:$MISMATCH"
	exit 1
fi
echo "every acknowledged check-in committed, on every node"
