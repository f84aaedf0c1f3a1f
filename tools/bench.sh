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
# Then the pages of later issues (BENCH_LATER; "" skips them), each with its
# target, PASS/FAIL printed next to the figure:
#   checkin   checkin_post: POST /checkin, a different student each request,
#             with innodb_flush_log_at_trx_commit=1 for this part (durable
#             commits; the stack otherwise runs with =2); >= 0.40 of baseline
#   dashboard dashboard_counselor (~200 students), dashboard_admin (30,000
#             students x 60 days; p99 < 150 ms)
#   review    review_queue (GET /review?kind=makeup, counselor with 500
#             pending make-ups; p99 < 100 ms), batch_approve_200 (one POST
#             /review/decide, < 2 s, 200 decided), review_first_2000 (GET
#             /review?kind=first_review as admin, >= 2,000 open)
#   roster    roster_import_30000: one POST /roster/import, modify template,
#             every student to the other batch (so each run flips them back
#             and forth); < 10 s, 200 with id="import-applied", 30000 rows
#   scan      GET /scan?t= from an enrolled gate device, a fresh code of a
#             different student each request (30,000 students), at
#             BENCH_SCAN_CONNS (32) connections; >= 0.70 of baseline, p99 < 20 ms
#   table     the big table and its report as the school admin (30,000
#             students x 60 days), at BENCH_TABLE_CONNS connections (4: the
#             school office, not a crowd): table_college (?college=&app=
#             approved, one college's rows; p99 < 100 ms), table_card
#             (?card=may_return over the whole school; p99 < 100 ms),
#             report_admin (one connection: p99 < 200 ms), and one
#             table_export_xlsx of every row (< 3 s, the table processes'
#             peak resident memory < 64 MiB, every row in the file). A table
#             page is ~80 KB, more than FcgidOutputBufferSize: the requests
#             wrk abandons in flight when a run stops are logged as 500
#             (mod_fcgid: broken pipe), one per connection at most.
# One-shot operations go under "ops" in latest.json:
#   "ops": {"batch_approve_200": {"seconds":..,"rows":..}, ...}
#
# Knobs (environment): BENCH_PORT (first port tried, 18300), BENCH_SECONDS
# (per measurement, 10), BENCH_CONNS (16), BENCH_THREADS (2), BENCH_VAR
# (var/bench), BENCH_PAGES (pages after the baseline, "login card"),
# BENCH_LATER ("checkin dashboard review roster table"), BENCH_LATER_SECONDS (per
# measurement of those, 5), BENCH_CHECKIN_STUDENTS (students logged in for
# checkin_post, 1000), BENCH_LOGIN_PAR (parallel logins, 2).
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
LATER=${BENCH_LATER-checkin dashboard review roster scan table}
LATER_SECONDS=${BENCH_LATER_SECONDS:-5}
CHECKIN_N=${BENCH_CHECKIN_STUDENTS:-1000}
LOGIN_PAR=${BENCH_LOGIN_PAR:-2}
DEMO=(--students 30000 --days 60)

# The stack as configured, whatever the caller's environment says.
unset HC_EXTRA_APACHE HC_AUTH_MODE HC_EXTRA_CONF

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
	checkin_post) echo /checkin ;;
	dashboard_*) echo /dashboard ;;
	table_college) echo "/table?college=$TABLE_COLLEGE&app=approved" ;;
	table_card) echo "/table?card=may_return" ;;
	report_admin) echo /report ;;
	review_queue) echo "/review?kind=makeup" ;;
	review_first_2000) echo "/review?kind=first_review" ;;
	scan) echo "/scan" ;;
	*) echo "/$1" ;;
	esac
}

# The program behind a measured name (its fcgid pool).
prog_of() {
	case "$1" in
	checkin_*) echo checkin ;;
	dashboard_*) echo dashboard ;;
	review_*) echo review ;;
	table_*) echo table ;;
	report_*) echo report ;;
	*) echo "$1" ;;
	esac
}

# The session cookie a name is measured with (the demo student's by default).
cookie_of() {
	case "$1" in
	checkin_post) echo "$C_CHECKIN" ;;
	dashboard_counselor|review_queue) echo "$C_COUNSELOR" ;;
	dashboard_admin|review_first_2000|table_*|report_*) echo "$C_ADMIN" ;;
	scan) echo "$C_SCAN" ;;
	*) echo "$COOKIE" ;;
	esac
}

# What a measured request is and what it should answer: "METHOD STATUS".
# checkin_post warms up with GET /checkin (the same program), and only its
# measured run posts, through the Lua script in WRK_SCRIPT.
expect_of() {
	case "$1" in
	checkin_post) echo "POST 303" ;;
	*) echo "GET 200" ;;
	esac
}

# The page's running processes: children of this Apache's fcgid process
# manager (other stacks run the same programs).
procs_of() {
	local ppid; ppid=$(cat "$V/run/httpd.pid" 2>/dev/null || echo 0)
	ps -eo pid=,ppid=,args= | awk -v top="$ppid" -v prog="$(readlink -f "$V/rt")/bin/$(prog_of "$1")" '
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

WRK_SCRIPT=""   # a Lua script (wrk -s) for the next run_wrk, when set
run_wrk() {   # run_wrk PAGE SECONDS OUTFILE [CONNECTIONS]: one bounded wrk run
	local hdr=() c=${4:-$CONNS}
	anonymous "$1" || hdr=(-H "$(cookie_of "$1")")
	[ -z "$WRK_SCRIPT" ] || hdr+=(-s "$WRK_SCRIPT")
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

# measure PAGE [SECONDS]: sets RPS, P50, P99, BAD (responses that were not
# 200, or not what expect_of says), OK (those that were).
# PRE_RUN, when set, is called instead of the one-second run at the measured
# concurrency (checkin_post uses it to size its run).
PRE_RUN=""
measure() {
	local page=$1 secs=${2:-$SECONDS_PER_RUN} path out=$T/wrk.$1 before errs method want script=$WRK_SCRIPT
	path=$(path_of "$page")
	read -r method want <<<"$(expect_of "$page")"
	WRK_SCRIPT=""
	warm_up "$page"
	wait_quiet "$page"
	if [ -n "$PRE_RUN" ]; then
		"$PRE_RUN"
		secs=$RUN_SECONDS
	else
		run_wrk "$page" 1 "$T/warm"   # the pool is busy again, not just waking
	fi
	before=$(wc -l <"$V/log/access.log")
	errs=$(wc -l <"$V/log/error.log")
	WRK_SCRIPT=$script
	run_wrk "$page" "$secs" "$out"
	WRK_SCRIPT=""
	RPS=$(awk '/^Requests\/sec:/ { printf "%.1f", $2 }' "$out")
	P50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$out")")
	P99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$out")")
	[ -n "$RPS" ] || die "no requests/s in wrk's output: $(cat "$out")"
	# wrk counts 3xx as success; the access log says what each one was.
	read -r OK BAD <<<"$(tail -n +"$((before + 1))" "$V/log/access.log" | awk -v p="$path" \
		-v m="$method" -v w="$want" '
		index($0, "\"" m " " p " HTTP/") { if ($(NF - 2) == w) ok++; else n++ }
		END { print ok + 0, n + 0 }')"
	local non2xx; non2xx=$(awk '/^  Non-2xx or 3xx responses:/ { print $NF }' "$out")
	[ "$want" != 200 ] || BAD=$((BAD > ${non2xx:-0} ? BAD : ${non2xx:-0}))
	PROCS=$(procs_of "$page")
	ERRS=$(tail -n +"$((errs + 1))" "$V/log/error.log" | grep -vc ':notice\]' || true)
	if [ "$ERRS" != 0 ]; then
		say "bench: $page: $ERRS lines in $V/log/error.log during the run:"
		tail -n +"$((errs + 1))" "$V/log/error.log" | grep -v ':notice\]' | tail -3 | cut -c1-240 >&2
	fi
}

# ---- latest.json ------------------------------------------------------------

# json_put FILE NAME OBJECT [SECTION]: sets "baseline" (NAME = baseline) or
# the entry NAME under SECTION ("pages", or "ops" for one-shot operations) to
# OBJECT ({"rps": ..}), keeping every other entry.
# Plain awk: the file is ours, its entries are flat objects.
json_put() {
	local file=$1 name=$2 obj=$3 section=${4:-pages}
	[ -f "$file" ] || printf '{"baseline": {}, "pages": {}}\n' >"$file"
	awk -v name="$name" -v obj="$obj" -v section="$section" '
		function parse(sec,    rest, entry, key, val) {
			if (!match(text, "\"" sec "\"[ \t]*:[ \t]*\\{")) return
			rest = substr(text, RSTART + RLENGTH)
			while (match(rest, /^[ \t,]*"[^"]+"[ \t]*:[ \t]*\{[^{}]*\}/)) {
				entry = substr(rest, RSTART, RLENGTH)
				rest = substr(rest, RSTART + RLENGTH)
				sub(/^[ \t,]*/, "", entry)
				key = entry; sub(/"[ \t]*:.*/, "", key); sub(/^"/, "", key)
				val = entry; sub(/^"[^"]+"[ \t]*:[ \t]*/, "", val)
				put(sec, key, val)
			}
		}
		function put(sec, key, val) {
			if (!((sec, key) in v)) order[sec, ++n[sec]] = key
			v[sec, key] = val
		}
		function show(sec, last,    i) {
			printf "  \"%s\": {", sec
			for (i = 1; i <= n[sec]; i++)
				printf "%s\n    \"%s\": %s", (i > 1 ? "," : ""), order[sec, i], v[sec, order[sec, i]]
			printf "%s}%s\n", (n[sec] ? "\n  " : ""), (last ? "" : ",")
		}
		{ text = text $0 " " }
		END {
			base = "{}"
			if (match(text, /"baseline"[ \t]*:[ \t]*\{[^{}]*\}/)) {
				base = substr(text, RSTART, RLENGTH); sub(/^"baseline"[ \t]*:[ \t]*/, "", base)
			}
			parse("pages"); parse("ops")
			if (name == "baseline") base = obj
			else put(section, name, obj)
			printf "{\n  \"baseline\": %s,\n", base
			show("pages", !n["ops"])
			if (n["ops"]) show("ops", 1)
			printf "}\n"
		}' "$file" >"$file.tmp" && mv "$file.tmp" "$file"
}

# ---- run --------------------------------------------------------------------

BUSY=""
stamp_bins() { ls -l --time-style=+%s "$ROOT"/build/cgi-bin/ 2>/dev/null | awk '{ print $6, $7 }'; }
BINS=$(stamp_bins)
say "bench: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); wrk -t$THREADS -c$CONNS -d${SECONDS_PER_RUN}s per page"
rows=()
entries=()   # NAME|OBJECT, merged into latest.json once all are measured
ops=()       # the same, for "ops"
measure hello
BASE_RPS=$RPS
[ "$BAD" = 0 ] || die "/__hello: $BAD responses were not 200"
entries+=("baseline|{\"rps\": $RPS, \"p50_ms\": $P50, \"p99_ms\": $P99}")
rows+=("$(printf '%-20s %10s %9s %9s %7s %6s %6s' /__hello "$RPS" "$P50" "$P99" 1.000 0 "$PROCS")")

card_ratio=""
for page in $PAGES; do
	measure "$page"
	ratio=$(awk -v a="$RPS" -v b="$BASE_RPS" 'BEGIN { printf "%.3f", a / b }')
	[ "$page" = card ] && card_ratio=$ratio
	entries+=("$page|{\"rps\": $RPS, \"p50_ms\": $P50, \"p99_ms\": $P99, \"ratio\": $ratio}")
	verdict=""
	[ "$page" != card ] || verdict="$(awk -v r="$ratio" -v t="$TARGET" 'BEGIN { exit !(r >= t) }' && echo PASS || echo FAIL) ratio >= $TARGET"
	rows+=("$(printf '%-20s %10s %9s %9s %7s %6s %6s  %s' "/$page" "$RPS" "$P50" "$P99" "$ratio" "$BAD" "$PROCS" "$verdict")")
	[ "$BAD" = 0 ] || say "bench: WARNING: /$page: $BAD responses were not 200"
done

# ---- pages of later issues ---------------------------------------------------

sql() { "$ROOT/tools/stack.sh" sql "$V" -N -B -e "$1"; }
csrf_in() { grep -o 'name="csrf" value="[^"]*"' "$1" | head -1 | sed 's/.*value="//; s/"$//'; }
pass_fail() { awk "BEGIN { exit !($1) }" && echo PASS || echo FAIL; }
row() {   # row NAME RPS P50 P99 RATIO BAD PROCS VERDICT
	rows+=("$(printf '%-20s %10s %9s %9s %7s %6s %6s  %s' "$@")")
}
opline() { oprows+=("$(printf '%-20s %9s s %7s rows  %s' "$@")"); }
oprows=()

# login_jar LOGIN JAR: a session for LOGIN (password demo) in the cookie jar.
login_jar() {
	local tok code
	curl -s -c "$2" -o "$2.html" "$URL/login" || return 1
	tok=$(csrf_in "$2.html")
	code=$(curl -s -b "$2" -c "$2" -o /dev/null -w '%{http_code}' --data-urlencode "login=$1" \
		--data-urlencode password=demo --data-urlencode "csrf=$tok" "$URL/login")
	[ "$code" = 303 ]
}
cookie_jar() { echo "Cookie: hc_sid=$(awk '$6 == "hc_sid" { print $7 }' "$1" | tail -1)"; }
today=$(TZ=Asia/Shanghai date +%F)
now=$(TZ=Asia/Shanghai date '+%F %T')
later() { case " $LATER " in *" $1 "*) return 0 ;; esac; return 1; }
C_CHECKIN="" C_COUNSELOR="" C_ADMIN="" C_SCAN=""
if later dashboard || later review; then
	login_jar counselor "$T/jar.counselor" || die "cannot log in as counselor"
	C_COUNSELOR=$(cookie_jar "$T/jar.counselor")
	CID=$(sql "SELECT person_id FROM accounts WHERE login = 'counselor'")
fi
if later dashboard || later review || later roster || later table; then
	login_jar admin "$T/jar.admin" || die "cannot log in as admin"
	C_ADMIN=$(cookie_jar "$T/jar.admin")
fi

later_page() {   # later_page NAME [VERDICT]: the measured row, into the table and json
	local ratio
	ratio=$(awk -v a="$RPS" -v b="$BASE_RPS" 'BEGIN { printf "%.3f", a / b }')
	entries+=("$1|{\"rps\": $RPS, \"p50_ms\": $P50, \"p99_ms\": $P99, \"ratio\": $ratio}")
	row "$1" "$RPS" "$P50" "$P99" "$ratio" "$BAD" "$PROCS" "${2:-}"
	[ "$BAD" = 0 ] || say "bench: WARNING: $1: $BAD responses were not $(expect_of "$1" | cut -d' ' -f2)"
}

# -- checkin_post: a different student each request, durable commits.
# Students with basic info and no report today, each logged in with curl
# (argon2id: ~50 ms of CPU each, LOGIN_PAR at once); a session's CSRF token
# is bound to its cookie, so each (cookie, token) pair goes together. A
# Lua table holds them; each wrk thread takes every THREADS-th one. The
# first quarter sizes the run (PRE_RUN): the measured run lasts as long as
# the rest of the students last at that rate, at most LATER_SECONDS. A thread
# that runs out stops (its last request is a harmless GET), so no student
# posts twice: the access log counts the real 303s.
checkin_lua() {   # checkin_lua FROM TO OUT: students FROM..TO of $T/students
	{
		printf 'local nthreads = %d\nlocal students = {\n' "$THREADS"
		sed -n "$1,$2p" "$T/students" | awk -F'\t' '{
			printf "{\"hc_sid=%s\",\"csrf=%s&temperature=36.5&city=%%E5%%8C%%97%%E4%%BA%%AC&in_city=1&on_campus=0&abroad=0&risk_area=0&cohabitant_returned=0&returned_to_city=0&quarantine=none&diagnosis=none\"},\n", $1, $2 }'
		cat <<-'LUA'
		}
		local next_tid = 0
		function setup(thread) thread:set("tid", next_tid); next_tid = next_tid + 1 end
		local i = 0
		local form = { ["Content-Type"] = "application/x-www-form-urlencoded" }
		function request()
			local s = students[tid + 1 + i * nthreads]
			i = i + 1
			if s == nil then
				wrk.thread:stop()
				s = students[tid + 1] or students[1]
				return wrk.format("GET", "/checkin", { Cookie = s[1] })
			end
			form.Cookie = s[1]
			return wrk.format("POST", "/checkin", form, s[2])
		end
		LUA
	} >"$3"
}
checkin_probe() {
	local before ok
	before=$(wc -l <"$V/log/access.log")
	WRK_SCRIPT=$T/probe.lua run_wrk checkin_post 1 "$T/warm"
	ok=$(tail -n +"$((before + 1))" "$V/log/access.log" | grep -c '"POST /checkin HTTP/[0-9.]*" 303 ' || true)
	PROBE_RPS=$ok
	# The rest lasts (N - probe) / rate seconds; keep 25 % in hand.
	RUN_SECONDS=$(awk -v n="$((CHECKIN_N - PROBE_N))" -v r="$ok" -v m="$LATER_SECONDS" \
		'BEGIN { s = (r > 0 ? int(0.75 * n / r) : m); if (s > m) s = m; if (s < 1) s = 1; print s }')
	[ "$ok" -lt "$PROBE_N" ] || say "bench: WARNING: checkin_post: the probe used all its $PROBE_N students" \
		"in 1 s: raise BENCH_CHECKIN_STUDENTS"
}
if later checkin; then
	t0=$(date +%s.%N)
	sql "SELECT a.login FROM people p JOIN accounts a ON a.person_id = p.id AND a.login = p.number
		JOIN basic_info b ON b.person_id = p.id WHERE p.identity <> 'staff'
		AND NOT EXISTS (SELECT 1 FROM daily_reports d WHERE d.person_id = p.id AND d.day = '$today')
		ORDER BY p.id LIMIT $CHECKIN_N" >"$T/logins"
	[ "$(wc -l <"$T/logins")" -ge "$CHECKIN_N" ] ||
		die "only $(wc -l <"$T/logins") students without a report today; reload the demo data"
	cat >"$T/login1.sh" <<-'SH'
		#!/usr/bin/env bash
		# login1.sh URL DIR LOGIN: prints "SID<TAB>CSRF of /checkin"
		u=$1 j=$2/jar.$3
		tok=$(curl -s -c "$j" "$u/login" | grep -o 'name="csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
		code=$(curl -s -b "$j" -c "$j" -o /dev/null -w '%{http_code}' --data-urlencode "login=$3" \
			--data-urlencode password=demo --data-urlencode "csrf=$tok" "$u/login")
		[ "$code" = 303 ] || { echo "login $3: $code" >&2; exit 0; }
		sid=$(awk '$6 == "hc_sid" { print $7 }' "$j" | tail -1)
		tok=$(curl -s -b "hc_sid=$sid" "$u/checkin" | grep -o 'name="csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
		rm -f "$j"
		[ -n "$tok" ] && printf '%s\t%s\n' "$sid" "$(printf %s "$tok" | sed 's/+/%2B/g; s/\//%2F/g; s/=/%3D/g')"
	SH
	mkdir -p "$T/jars"
	say "bench: logging in $CHECKIN_N students for checkin_post ($LOGIN_PAR at a time)"
	xargs -P "$LOGIN_PAR" -n 1 bash "$T/login1.sh" "$URL" "$T/jars" <"$T/logins" >"$T/students"
	CHECKIN_N=$(wc -l <"$T/students")
	LOGIN_S=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
	say "bench: $CHECKIN_N sessions in $LOGIN_S s"
	[ "$CHECKIN_N" -ge 100 ] || die "too few students logged in for checkin_post"
	PROBE_N=$((CHECKIN_N / 4))
	checkin_lua 1 "$PROBE_N" "$T/probe.lua"
	checkin_lua "$((PROBE_N + 1))" "$CHECKIN_N" "$T/checkin.lua"
	C_CHECKIN="Cookie: hc_sid=$(head -1 "$T/students" | cut -f1)"
	flush=$(sql "SELECT @@GLOBAL.innodb_flush_log_at_trx_commit")
	sql "SET GLOBAL innodb_flush_log_at_trx_commit = 1"
	PRE_RUN=checkin_probe WRK_SCRIPT=$T/checkin.lua measure checkin_post
	sql "SET GLOBAL innodb_flush_log_at_trx_commit = $flush"
	ratio=$(awk -v a="$RPS" -v b="$BASE_RPS" 'BEGIN { printf "%.3f", a / b }')
	CHECKIN_NOTE="checkin_post: $OK posts answered 303 (of $((CHECKIN_N - PROBE_N)) students, ${RUN_SECONDS} s after a 1 s probe at $PROBE_RPS/s), innodb_flush_log_at_trx_commit=1 for this run"
	later_page checkin_post "$(pass_fail "$ratio >= 0.40") ratio >= 0.40 ($OK posts)"
fi

# -- dashboards
if later dashboard; then
	code=$(curl -s -H "$C_ADMIN" -o "$T/dash.html" -w '%{http_code}' "$URL/dashboard")
	[ "$code" = 200 ] && grep -q 'id="fig-total"' "$T/dash.html" || die "GET /dashboard as admin answered $code"
	measure dashboard_counselor "$LATER_SECONDS"
	later_page dashboard_counselor
	measure dashboard_admin "$LATER_SECONDS"
	later_page dashboard_admin "$(pass_fail "$RPS > 0 && $P99 < 150") p99 < 150 ms"
fi

# -- the review queue, a batch decision, first reviews
open_makeups() {
	sql "SELECT COUNT(*) FROM queue_items q JOIN counselor_assignments ca ON ca.student_id = q.person_id
		WHERE ca.counselor_id = $CID AND q.kind = 'makeup' AND q.state = 'open'"
}
if later review; then
	# 500 pending make-ups for the counselor's students, on distinct days
	# from 100 days back; requests once made are not made again, so each
	# run tops the queue up with days further back.
	need=$((500 - $(open_makeups)))
	if [ "$need" -gt 0 ]; then
		sql "INSERT INTO makeup_requests (person_id, day, reason, created_at)
			SELECT ca.student_id, DATE_SUB(CURDATE(), INTERVAL 100 + s.seq DAY), 'bench', '$now'
			FROM counselor_assignments ca JOIN seq_0_to_299 s
			WHERE ca.counselor_id = $CID AND NOT EXISTS (SELECT 1 FROM makeup_requests m
				WHERE m.person_id = ca.student_id AND m.day = DATE_SUB(CURDATE(), INTERVAL 100 + s.seq DAY))
			ORDER BY s.seq, ca.student_id LIMIT $need;
		    INSERT INTO queue_items (kind, ref_id, person_id, created_at)
			SELECT 'makeup', m.id, m.person_id, m.created_at FROM makeup_requests m
			WHERE m.reason = 'bench' AND m.state = 'pending' AND NOT EXISTS (SELECT 1 FROM queue_items q
				WHERE q.kind = 'makeup' AND q.ref_id = m.id)"
	fi
	NMAKEUP=$(open_makeups)
	measure review_queue "$LATER_SECONDS"
	later_page review_queue "$(pass_fail "$RPS > 0 && $P99 < 100") p99 < 100 ms ($NMAKEUP open)"

	ids=$(sql "SELECT q.id FROM queue_items q JOIN counselor_assignments ca ON ca.student_id = q.person_id
		WHERE ca.counselor_id = $CID AND q.kind = 'makeup' AND q.state = 'open' ORDER BY q.id LIMIT 200")
	args=()
	for i in $ids; do args+=(--data-urlencode "id=$i"); done
	curl -s -H "$C_COUNSELOR" -o "$T/review.html" "$URL/review?kind=makeup"
	tok=$(csrf_in "$T/review.html")
	read -r code secs <<<"$(curl -s -H "$C_COUNSELOR" -o "$T/decide.html" -w '%{http_code} %{time_total}' \
		--data-urlencode "csrf=$tok" --data-urlencode decision=approve "${args[@]}" "$URL/review/decide")"
	done_n=$(grep -o 'id="done-count">[0-9]*' "$T/decide.html" | grep -o '[0-9]*$' || echo 0)
	secs=$(awk -v s="$secs" 'BEGIN { printf "%.3f", s }')
	ops+=("batch_approve_200|{\"seconds\": $secs, \"rows\": ${done_n:-0}, \"status\": $code}")
	opline batch_approve_200 "$secs" "${done_n:-0}" \
		"$(pass_fail "$secs < 2 && \"$code\" == 200 && ${done_n:-0} == 200") < 2 s, 200 decided (HTTP $code, $((${#args[@]} / 2)) ids)"

	# At least 2,000 open first reviews for the school admin: rostered
	# students without an application get one in first_review.
	nfirst=$(sql "SELECT COUNT(*) FROM queue_items WHERE kind = 'first_review' AND state = 'open'")
	if [ "$nfirst" -lt 2000 ]; then
		sql "INSERT INTO return_applications (term_id, person_id, quiz_passed_at, pledge_accepted_at,
				reason, itinerary, confirm_no_symptoms, confirm_no_risk, confirm_no_contact,
				confirm_code_green, state, submitted_at, updated_at)
			SELECT re.term_id, re.person_id, '$now', '$now', 'bench', 'bench', 1, 1, 1, 1,
				'first_review', '$now', '$now'
			FROM roster_entries re WHERE NOT EXISTS (SELECT 1 FROM return_applications ra
				WHERE ra.term_id = re.term_id AND ra.person_id = re.person_id)
			ORDER BY re.person_id LIMIT $((2000 - nfirst));
		    INSERT INTO queue_items (kind, ref_id, person_id, created_at)
			SELECT 'first_review', ra.id, ra.person_id, ra.submitted_at FROM return_applications ra
			WHERE ra.state = 'first_review' AND NOT EXISTS (SELECT 1 FROM queue_items q
				WHERE q.kind = 'first_review' AND q.ref_id = ra.id AND q.state = 'open')"
		nfirst=$(sql "SELECT COUNT(*) FROM queue_items WHERE kind = 'first_review' AND state = 'open'")
	fi
	measure review_first_2000 "$LATER_SECONDS"
	later_page review_first_2000 "($nfirst open)"
fi

# -- roster import: every student to the other batch, modify template
if later roster; then
	# Every student on the roster (the add template's ~1,500 left out are
	# added once, to the first batch), so the file has one row per student.
	sql "INSERT INTO roster_entries (term_id, person_id, batch_id, added_at)
		SELECT b.term_id, p.id, b.id, '$now' FROM people p
		JOIN (SELECT id, term_id FROM return_batches ORDER BY return_from LIMIT 1) b
		WHERE p.identity <> 'staff' AND NOT EXISTS (SELECT 1 FROM roster_entries re
			WHERE re.person_id = p.id AND re.term_id = b.term_id)"
	{
		printf '\xef\xbb\xbf学号,姓名,批次,辅导员工号\n'
		sql "SELECT p.number, p.name, (SELECT b2.name FROM return_batches b2 WHERE b2.term_id = re.term_id
				AND b2.id <> re.batch_id ORDER BY b2.return_from LIMIT 1)
			FROM roster_entries re JOIN people p ON p.id = re.person_id ORDER BY p.id LIMIT 30000" |
			awk -F'\t' '{ printf "%s,%s,%s,\n", $1, $2, $3 }'
	} >"$T/roster-modify.csv"
	nrows=$(($(wc -l <"$T/roster-modify.csv") - 1))
	curl -s -H "$C_ADMIN" -o "$T/roster.html" "$URL/roster"
	tok=$(csrf_in "$T/roster.html")
	read -r code secs <<<"$(curl -s -m 120 -H "$C_ADMIN" -o "$T/import.html" -w '%{http_code} %{time_total}' \
		-F "csrf=$tok" -F kind=modify -F "file=@$T/roster-modify.csv;type=text/csv" "$URL/roster/import")"
	applied=$(sed -n 's/.*id="import-applied">[^:]*: \([0-9]*\).*/\1/p' "$T/import.html" | head -1)
	secs=$(awk -v s="$secs" 'BEGIN { printf "%.3f", s }')
	ops+=("roster_import_30000|{\"seconds\": $secs, \"rows\": ${applied:-0}, \"status\": $code}")
	opline roster_import_30000 "$secs" "${applied:-0}" \
		"$(pass_fail "$secs < 10 && \"$code\" == 200 && ${applied:-0} == $nrows && $nrows == 30000") < 10 s, 200, import-applied, 30000 rows (HTTP $code, file $nrows rows)"
	if [ "$code" != 200 ]; then
		say "bench: roster import answered $code:"
		sed 's/<[^>]*>//g' "$T/import.html" | grep -v '^\s*$' | head -8 >&2
	fi
fi

# -- the gate: /scan from an enrolled device, a fresh code of a different
# student each request (30,000 of them), 32 connections as at a busy gate.
# Codes live 60 s, so they are drawn by PRE_RUN just before the measured run
# (the warm-up opens the scanning page itself). Each code is used once: the
# answers are the real mix of ALLOW (recorded), DENY and "already arrived".
scan_lua() {   # scan_lua OUT: a fresh code for every student, round robin per thread
	{
		printf 'local nthreads = %d\nlocal codes = {\n' "$THREADS"
		HEALTHCARD_CONF=$V/healthcard.hdf "$ROOT/build/scantoken" $(cat "$T/scan_ids") |
			awk '{ printf "\"/scan?t=%s\",\n", $1 }'
		cat <<-'LUA'
		}
		local next_tid = 0
		function setup(thread) thread:set("tid", next_tid); next_tid = next_tid + 1 end
		local i = 0
		function request()
			local c = codes[(tid + i * nthreads) % #codes + 1]
			i = i + 1
			return wrk.format("GET", c)
		end
		LUA
	} >"$1"
}
scan_pre() { scan_lua "$T/scan.lua"; RUN_SECONDS=$LATER_SECONDS; }
if later scan; then
	[ -n "$C_ADMIN" ] || { login_jar admin "$T/jar.admin" || die "cannot log in as admin"; C_ADMIN=$(cookie_jar "$T/jar.admin"); }
	curl -s -H "$C_ADMIN" -o "$T/gates.html" "$URL/gates"
	tok=$(csrf_in "$T/gates.html")
	curl -s -H "$C_ADMIN" -o "$T/device.html" --data-urlencode "csrf=$tok" --data-urlencode gate_id=1 \
		--data-urlencode "name=bench $(date +%s)" "$URL/gates/add_device"
	link=$(grep -o '/scan/enrol/[A-Za-z0-9_-]*' "$T/device.html" | head -1)
	[ -n "$link" ] || die "no enrolment link from /gates/add_device"
	curl -s -c "$T/jar.dev" -o "$T/enrol.html" "$URL$link"
	tok=$(csrf_in "$T/enrol.html")
	curl -s -b "$T/jar.dev" -c "$T/jar.dev" -o /dev/null --data-urlencode "csrf=$tok" "$URL$link"
	DEV=$(awk '$6 == "hc_dev" { print $7 }' "$T/jar.dev" | tail -1)
	[ -n "$DEV" ] || die "the bench device did not enrol"
	C_SCAN="Cookie: hc_dev=$DEV; hc_sid=$(awk '$6 == "hc_sid" { print $7 }' "$T/jar.dev" | tail -1)"
	sql "SELECT id FROM people WHERE identity <> 'staff' ORDER BY id LIMIT 30000" >"$T/scan_ids"
	narr=$(sql "SELECT COUNT(*) FROM arrivals WHERE kind = 'gate'")
	saved=$CONNS; CONNS=${BENCH_SCAN_CONNS:-32}; WARM_CONNS=$((CONNS * 2))
	PRE_RUN=scan_pre WRK_SCRIPT=$T/scan.lua measure scan
	PRE_RUN=""
	CONNS=$saved; WARM_CONNS=$((CONNS * 4))
	ratio=$(awk -v a="$RPS" -v b="$BASE_RPS" 'BEGIN { printf "%.3f", a / b }')
	SCAN_NOTE="scan: $(wc -l <"$T/scan_ids") students' codes at ${BENCH_SCAN_CONNS:-32} connections; $(( $(sql "SELECT COUNT(*) FROM arrivals WHERE kind = 'gate'") - narr )) arrivals recorded during the run"
	later_page scan "$(pass_fail "$ratio >= 0.70 && $P99 < 20") ratio >= 0.70, p99 < 20 ms (32 conns)"
fi

# -- the big table and the report, as the school admin
# The peak resident memory (VmHWM) of this stack's processes of a program.
peak_rss_kb() {
	local ppid; ppid=$(cat "$V/run/httpd.pid" 2>/dev/null || echo 0)
	ps -eo pid=,ppid=,args= | awk -v top="$ppid" -v prog="$(readlink -f "$V/rt")/bin/$1" '
		{ parent[$1] = $2; cmd[$1] = $3 }
		END { for (p in cmd) if (cmd[p] == prog && parent[parent[p]] == top) print p }' |
	while read -r pid; do awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status" 2>/dev/null; done |
	sort -n | tail -1
}
if later table; then
	TABLE_CONNS=${BENCH_TABLE_CONNS:-4}
	TABLE_COLLEGE=$(sql "SELECT id FROM org_units WHERE kind = 'college' ORDER BY code LIMIT 1")
	code=$(curl -s -H "$C_ADMIN" -o "$T/table.html" -w '%{http_code}' "$URL/table?college=$TABLE_COLLEGE&app=approved")
	[ "$code" = 200 ] && grep -q 'id="total"' "$T/table.html" || die "GET /table as admin answered $code"
	CONNS=$TABLE_CONNS WARM_CONNS=$((TABLE_CONNS * 4)) measure table_college "$LATER_SECONDS"
	rows_c=$(grep -o 'id="total">[0-9]*' "$T/table.html" | grep -o '[0-9]*$')
	later_page table_college "$(pass_fail "$RPS > 0 && $P99 < 100") p99 < 100 ms ($rows_c rows of one college, $TABLE_CONNS conns)"
	CONNS=$TABLE_CONNS WARM_CONNS=$((TABLE_CONNS * 4)) measure table_card "$LATER_SECONDS"
	later_page table_card "$(pass_fail "$RPS > 0 && $P99 < 100") p99 < 100 ms (card state over the school, $TABLE_CONNS conns)"
	CONNS=1 THREADS=1 WARM_CONNS=4 measure report_admin "$LATER_SECONDS"
	later_page report_admin "$(pass_fail "$RPS > 0 && $P99 < 200") p99 < 200 ms (1 conn)"
	nroster=$(sql "SELECT COUNT(*) FROM roster_entries WHERE term_id = (SELECT id FROM terms ORDER BY
		(starts_on <= '$today' AND ends_on >= '$today') DESC, starts_on DESC LIMIT 1)")
	read -r code secs <<<"$(curl -s -m 60 -H "$C_ADMIN" -o "$T/all.xlsx" -w '%{http_code} %{time_total}' \
		"$URL/table/export?fmt=xlsx")"
	secs=$(awk -v s="$secs" 'BEGIN { printf "%.3f", s }')
	xrows=$(( $("$ROOT/build/sheet2csv" "$T/all.xlsx" 2>/dev/null | wc -l) - 1 ))
	rss_kb=$(peak_rss_kb table)
	rss_mib=$(awk -v k="${rss_kb:-0}" 'BEGIN { printf "%.1f", k / 1024 }')
	ops+=("table_export_xlsx|{\"seconds\": $secs, \"rows\": $xrows, \"status\": $code, \"peak_rss_mib\": $rss_mib, \"bytes\": $(wc -c <"$T/all.xlsx")}")
	opline table_export_xlsx "$secs" "$xrows" \
		"$(pass_fail "$secs < 3 && \"$code\" == 200 && $xrows == $nroster && $rss_mib < 64") < 3 s, < 64 MiB (peak RSS $rss_mib MiB), $nroster rows (HTTP $code, $(wc -c <"$T/all.xlsx") bytes)"
fi

for e in "${entries[@]}"; do
	json_put "$JSON" "${e%%|*}" "${e#*|}"
done
for e in "${ops[@]}"; do
	json_put "$JSON" "${e%%|*}" "${e#*|}" ops
done

echo
printf '%-20s %10s %9s %9s %7s %6s %6s  %s\n' page rps 'p50 ms' 'p99 ms' ratio bad procs target
printf '%s\n' "${rows[@]}"
if [ "${#oprows[@]}" -gt 0 ]; then
	echo
	printf '%-20s %11s %12s  %s\n' operation time rows target
	printf '%s\n' "${oprows[@]}"
fi
[ -z "${SCAN_NOTE:-}" ] || { echo; echo "$SCAN_NOTE"; }
[ -z "${CHECKIN_NOTE:-}" ] || { echo; echo "$CHECKIN_NOTE"; echo "(the stack otherwise runs MariaDB with innodb-flush-log-at-trx-commit=2, tools/stack.sh)"; }
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
