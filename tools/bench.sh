#!/usr/bin/env bash
# bench.sh - `make bench`: requests/s and latency of the pages against a
# hello-world FastCGI program under the same Apache and mod_fcgid.
#
#   tools/bench.sh
#
# Starts a private stack in var/bench (30,000 students x 60 days; the demo
# data loads once and is reused), logs in as the demo student, measures
# /__hello (the baseline), /login and /card with wrk on the loopback, prints
# a table and merges the figures into var/bench/latest.json:
#   {"baseline": {"rps":..,"p50_ms":..,"p99_ms":..},
#    "pages": {"card": {"rps":..,"p50_ms":..,"p99_ms":..,"ratio":..}, ...}}
# The stack is stopped at the end, also on failure.
#
# Knobs (environment): BENCH_PORT (first port tried, 18300), BENCH_SECONDS
# (per measurement, 10), BENCH_CONNS (16), BENCH_THREADS (2), BENCH_VAR
# (var/bench), BENCH_PAGES (pages after the baseline, "login card").
#
# Why 16 connections and 2 threads: wrk keeps one request in flight per
# connection, so 16 connections are 16 concurrent requests - enough to keep
# both cores of the machine busy while page processes wait on MariaDB, and
# within the pool every page keeps warm (conf/README.md), so what is
# measured is the program, not mod_fcgid's one-second wait for a free
# process. Two wrk threads: one per core; wrk needs far less CPU than the
# server side.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
V=${BENCH_VAR:-$ROOT/var/bench}
SECONDS_PER_RUN=${BENCH_SECONDS:-10}
CONNS=${BENCH_CONNS:-16}
THREADS=${BENCH_THREADS:-2}
WARM_CONNS=$((CONNS * 4))
PAGES=${BENCH_PAGES:-login card}
TARGET=0.60            # /card at >= 60 % of the baseline's requests/s
DEMO=(--students 30000 --days 60)

# The stack as configured, whatever the caller's environment says.
unset HC_EXTRA_APACHE HC_AUTH_MODE

say() { printf '%s\n' "$*" >&2; }
die() { say "bench: $*"; exit 1; }

for tool in wrk curl awk; do
	command -v "$tool" >/dev/null || die "$tool is missing (tools/deps.sh installs it)"
done
mkdir -p "$V"
V=$(cd "$V" && pwd)
JSON=$V/latest.json
T=$(mktemp -d)

# ---- the stack --------------------------------------------------------------

stack_stop() { "$ROOT/tools/stack.sh" stop "$V" >/dev/null 2>&1 || true; }

cleanup() {
	local rc=$?
	trap - EXIT INT TERM
	say "bench: stopping the stack ($V)"
	stack_stop
	rm -rf "$T"
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# A previous run killed hard may have left this stack up: stop it first, so
# the configuration written now is the one that runs.
stack_stop
PORT=${BENCH_PORT:-18300}
while ! port_free "$PORT"; do
	PORT=$((PORT + 1))
	[ "$PORT" -lt $((${BENCH_PORT:-18300} + 100)) ] || die "no free port from ${BENCH_PORT:-18300}"
done
URL=http://127.0.0.1:$PORT

say "bench: starting the stack in $V on port $PORT (first run loads the demo data: a minute or two)"
HC_DB_POOL=${HC_DB_POOL:-2G} "$ROOT/tools/stack.sh" start "$V" "$PORT" "${DEMO[@]}" \
	>"$T/stack.log" 2>&1 || { cat "$T/stack.log" >&2; die "the stack did not start"; }
: >"$V/log/access.log"    # only this run's requests, for the status counts

# ---- log in as the demo student --------------------------------------------

curl -sf -c "$T/jar" -o "$T/login.html" "$URL/login" || die "GET /login failed"
csrf=$(grep -o 'name="csrf" value="[^"]*"' "$T/login.html" | head -1 | sed 's/.*value="//; s/"$//')
[ -n "$csrf" ] || die "no CSRF token on /login"
code=$(curl -s -b "$T/jar" -c "$T/jar" -o /dev/null -w '%{http_code}' \
	--data-urlencode login=student --data-urlencode password=demo \
	--data-urlencode "csrf=$csrf" "$URL/login")
[ "$code" = 303 ] || die "POST /login answered $code, not 303"
SID=$(awk '$6 == "hc_sid" { print $7 }' "$T/jar" | tail -1)
[ -n "$SID" ] || die "no hc_sid cookie after logging in"
COOKIE="Cookie: hc_sid=$SID"

# The card must really be the card: 200 and the card's markup, not the
# login form a lost session would redirect to.
code=$(curl -s -H "$COOKIE" -o "$T/card.html" -w '%{http_code}' "$URL/card")
[ "$code" = 200 ] || die "GET /card with the student's cookie answered $code"
grep -q 'id="card-state"' "$T/card.html" || die "GET /card did not show the card"
grep -q 'name="password"' "$T/card.html" && die "GET /card showed a login form"

# ---- measuring -------------------------------------------------------------

path_of() {
	case "$1" in
	hello) echo /__hello ;;
	*) echo "/$1" ;;
	esac
}

# The page's running processes: children of this Apache's fcgid process
# manager (other stacks run the same programs).
procs_of() {
	local ppid; ppid=$(cat "$V/run/httpd.pid" 2>/dev/null || echo 0)
	ps -eo pid=,ppid=,args= | awk -v top="$ppid" -v prog="$ROOT/build/cgi-bin/$1" '
		{ parent[$1] = $2; cmd[$1] = $3 }
		END {
			n = 0
			for (p in cmd)
				if (cmd[p] == prog && parent[parent[p]] == top)
					n++
			print n
		}'
}

# wrk's latency, "950.00us" / "1.10ms" / "1.02s" / "1.00m", in ms.
to_ms() {
	awk -v v="$1" 'BEGIN {
		n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
		if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000
		printf "%.2f", n
	}'
}

# The pages a visitor sees without logging in; every other page gets the
# student's session cookie.
anonymous() {
	case "$1" in
	hello|login) return 0 ;;
	*) return 1 ;;
	esac
}

run_wrk() {   # run_wrk PAGE SECONDS OUTFILE [CONNECTIONS]: one bounded wrk run
	local hdr=() c=${4:-$CONNS}
	anonymous "$1" || hdr=(-H "$COOKIE")
	timeout $(($2 + 30)) wrk -t"$THREADS" -c"$c" -d"$2"s --timeout 5s --latency \
		"${hdr[@]}" "$URL$(path_of "$1")" >"$3" 2>&1 || die "wrk on $1 failed: $(cat "$3")"
}

# mod_fcgid starts a program's processes only when requests need them (it
# cannot pre-spawn), and only after a request that found them all busy has
# slept a whole second and still finds none free. Fast requests free a
# process well within that second, so load at the measured concurrency
# grows the pool slowly or not at all; four times as many connections grow
# it to its limit in a few seconds (FcgidMinProcessesPerClass then keeps
# it). A short run at the measured concurrency follows.
warm_up() {   # warm_up PAGE
	local i
	for i in 1 2 3 4 5 6 7 8; do
		run_wrk "$1" 2 "$T/warm" "$WARM_CONNS"
		[ "$(procs_of "$1")" -ge "$CONNS" ] && break
	done
	run_wrk "$1" 2 "$T/warm"
	[ "$(procs_of "$1")" -ge "$CONNS" ] ||
		say "bench: WARNING: /$1 has $(procs_of "$1") processes for $CONNS connections:" \
			"requests will wait for mod_fcgid (FcgidMaxProcessesPerClass?)"
}

# This machine may be shared (other stacks, tests): wait up to 30 s for a
# second in which the CPUs are at least 85 % idle before measuring, and say
# so when there was none - the figures are then low and noisy.
cpu_idle_pct() {   # over one second
	local a b
	read -ra a </proc/stat; sleep 1; read -ra b </proc/stat
	awk -v a="${a[*]}" -v b="${b[*]}" 'BEGIN {
		n = split(a, x, " "); split(b, y, " "); t = 0
		for (i = 2; i <= 9 && i <= n; i++) t += y[i] - x[i]
		idle = (y[5] - x[5]) + (y[6] - x[6])
		print (t > 0 ? int(100 * idle / t) : 100)
	}'
}

wait_quiet() {
	local i idle=0
	for i in $(seq 1 30); do
		idle=$(cpu_idle_pct)
		[ "$idle" -ge 85 ] && return 0
	done
	say "bench: WARNING: the CPUs were busy with other work (only $idle % idle):" \
		"figures for /$1 are low and noisy"
	BUSY="$BUSY /$1"
}

# measure PAGE: sets RPS, P50, P99, BAD (responses that were not 200).
measure() {
	local page=$1 path out=$T/wrk.$1 before errs
	path=$(path_of "$page")
	warm_up "$page"
	wait_quiet "$page"
	run_wrk "$page" 1 "$T/warm"   # the pool is busy again, not just waking
	before=$(wc -l <"$V/log/access.log")
	errs=$(wc -l <"$V/log/error.log")
	run_wrk "$page" "$SECONDS_PER_RUN" "$out"
	RPS=$(awk '/^Requests\/sec:/ { printf "%.1f", $2 }' "$out")
	P50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$out")")
	P99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$out")")
	[ -n "$RPS" ] || die "no requests/s in wrk's output: $(cat "$out")"
	# wrk counts 3xx as success; the access log says what each one was.
	BAD=$(tail -n +"$((before + 1))" "$V/log/access.log" | awk -v p="$path" '
		index($0, "\"GET " p " HTTP/") && $(NF - 2) != 200 { n++ } END { print n + 0 }')
	local non2xx; non2xx=$(awk '/^  Non-2xx or 3xx responses:/ { print $NF }' "$out")
	BAD=$((BAD > ${non2xx:-0} ? BAD : ${non2xx:-0}))
	PROCS=$(procs_of "$page")
	ERRS=$(tail -n +"$((errs + 1))" "$V/log/error.log" | grep -vc ':notice\]' || true)
	if [ "$ERRS" != 0 ]; then
		say "bench: $page: $ERRS lines in $V/log/error.log during the run:"
		tail -n +"$((errs + 1))" "$V/log/error.log" | grep -v ':notice\]' | tail -3 | cut -c1-240 >&2
	fi
}

# ---- latest.json ------------------------------------------------------------

# json_put FILE NAME OBJECT: sets "baseline" (NAME = baseline) or the page
# NAME under "pages" to OBJECT ({"rps": ..}), keeping every other entry.
# Plain awk: the file is ours, its entries are flat objects.
json_put() {
	local file=$1 name=$2 obj=$3
	[ -f "$file" ] || printf '{"baseline": {}, "pages": {}}\n' >"$file"
	awk -v name="$name" -v obj="$obj" '
		{ text = text $0 " " }
		END {
			base = "{}"; np = 0
			if (match(text, /"baseline"[ \t]*:[ \t]*\{[^{}]*\}/)) {
				base = substr(text, RSTART, RLENGTH); sub(/^"baseline"[ \t]*:[ \t]*/, "", base)
			}
			if (match(text, /"pages"[ \t]*:[ \t]*\{/)) {
				rest = substr(text, RSTART + RLENGTH)
				while (match(rest, /^[ \t,]*"[^"]+"[ \t]*:[ \t]*\{[^{}]*\}/)) {
					entry = substr(rest, RSTART, RLENGTH)
					rest = substr(rest, RSTART + RLENGTH)
					sub(/^[ \t,]*/, "", entry)
					key = entry; sub(/"[ \t]*:.*/, "", key); sub(/^"/, "", key)
					val = entry; sub(/^"[^"]+"[ \t]*:[ \t]*/, "", val)
					if (!(key in pages)) order[++np] = key
					pages[key] = val
				}
			}
			if (name == "baseline") base = obj
			else { if (!(name in pages)) order[++np] = name; pages[name] = obj }
			printf "{\n  \"baseline\": %s,\n  \"pages\": {", base
			for (i = 1; i <= np; i++)
				printf "%s\n    \"%s\": %s", (i > 1 ? "," : ""), order[i], pages[order[i]]
			printf "%s}\n}\n", (np ? "\n  " : "")
		}' "$file" >"$file.tmp" && mv "$file.tmp" "$file"
}

# ---- run --------------------------------------------------------------------

BUSY=""
stamp_bins() { ls -l --time-style=+%s "$ROOT"/build/cgi-bin/ 2>/dev/null | awk '{ print $6, $7 }'; }
BINS=$(stamp_bins)
say "bench: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); wrk -t$THREADS -c$CONNS -d${SECONDS_PER_RUN}s per page"
rows=()
entries=()   # NAME|OBJECT, merged into latest.json once all are measured
measure hello
BASE_RPS=$RPS
[ "$BAD" = 0 ] || die "/__hello: $BAD responses were not 200"
entries+=("baseline|{\"rps\": $RPS, \"p50_ms\": $P50, \"p99_ms\": $P99}")
rows+=("$(printf '%-10s %10s %9s %9s %7s %6s %6s' /__hello "$RPS" "$P50" "$P99" 1.000 0 "$PROCS")")

card_ratio=""
for page in $PAGES; do
	measure "$page"
	ratio=$(awk -v a="$RPS" -v b="$BASE_RPS" 'BEGIN { printf "%.3f", a / b }')
	[ "$page" = card ] && card_ratio=$ratio
	entries+=("$page|{\"rps\": $RPS, \"p50_ms\": $P50, \"p99_ms\": $P99, \"ratio\": $ratio}")
	rows+=("$(printf '%-10s %10s %9s %9s %7s %6s %6s' "/$page" "$RPS" "$P50" "$P99" "$ratio" "$BAD" "$PROCS")")
	[ "$BAD" = 0 ] || say "bench: WARNING: /$page: $BAD responses were not 200"
done

for e in "${entries[@]}"; do
	json_put "$JSON" "${e%%|*}" "${e#*|}"
done

echo
printf '%-10s %10s %9s %9s %7s %6s %6s\n' page rps 'p50 ms' 'p99 ms' ratio non200 procs
printf '%s\n' "${rows[@]}"
echo
echo "written to $JSON"
[ -z "$BUSY" ] || echo "note: the machine was busy during$BUSY; run again for clean figures"
[ "$(stamp_bins)" = "$BINS" ] ||
	echo "note: build/cgi-bin changed during the run (a rebuild?): figures may mix versions"
if [ -n "$card_ratio" ]; then
	if awk -v r="$card_ratio" -v t="$TARGET" 'BEGIN { exit !(r >= t) }'; then
		echo "target met: /card at $card_ratio of the baseline (target >= $TARGET)"
	else
		echo "target NOT met: /card at $card_ratio of the baseline (target >= $TARGET)"
	fi
fi
