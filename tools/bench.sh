#!/usr/bin/env bash
# bench.sh - `make bench`: every figure of issue 12's targets, each with
# PASS or FAIL, measured against a hello-world FastCGI program under the
# same Apache and mod_fcgid in the same run.
#
#   tools/bench.sh
#
# The method (why each step is there):
# - A private stack in var/bench (30,000 students x 60 days; the demo data
#   loads once and is reused), MariaDB with innodb_flush_log_at_trx_commit=1
#   for the whole run (HC_DB_DURABLE=1 to tools/stack.sh): a write figure is
#   a durable commit, and the reads are measured on the server that takes
#   those writes. The run stops if the server says otherwise.
# - Sessions for BENCH_STUDENTS students (and 100 counselors) are minted
#   straight into the database by build/mintsess, with the CSRF token each
#   one's forms need: no argon2 logins, so a write can be measured for as
#   long as it takes with a different student each request. One minted
#   cookie is checked on /card and its token on /checkin before anything is
#   measured, so a change to the session format fails the run instead of
#   measuring redirects.
# - Every figure: a warm-up at four times the connections until the page's
#   fcgid pool has grown to at least the measured connections (mod_fcgid
#   spawns only under load, one process a second), 2-second runs at the
#   measured concurrency until two agree within 20 %, a wait for idle CPUs
#   (the machine may be shared: each figure taken on busy CPUs is named at
#   the end), then the measured run of BENCH_SECONDS (10). Each line shows
#   requests/s, the ratio to /__hello, p50 and p99 (wrk --latency),
#   responses that were not the expected status (Apache's log, less the
#   requests wrk abandoned when it stopped), the page's processes after
#   the run, and the seconds measured.
# - Requests come from tools/bench.lua: each one the next line of a file,
#   so a write is another student every time and never the same one twice.
# - Writes are counted: the rows committed must equal the 303s Apache sent,
#   and wrk must have received no other status and no more 303s than were
#   sent (it may miss up to one a connection, abandoned in flight when a run
#   stops). A mismatch prints FAIL and the run exits 1.
# - Check-ins the bench made today are taken back before each write figure
#   (reset_today, with those students' stored card facts written anew), so
#   each one has its students who have not checked in; at the end,
#   hc-facts check must find the stored facts equal to the base tables.
#
# Figures (BENCH_PAGES, then BENCH_LATER; "" skips them):
#   hello             /__hello, the baseline (16 connections)
#   login, card       /login; /card of the demo student, logged in once
#                     (>= 0.55)
#   card_many         /card, each request another minted student's session
#   checkin           POST /checkin, 16 connections, each request another
#                     student, none twice (>= 0.25 of the baseline);
#                     acknowledged vs committed
#   dashboard         dashboard_counselor (~200 students); dashboard_admin
#                     (the school, 16 connections: p99 < 100 ms)
#   person            person_counselor: /person of one of the counselor's
#                     students, viewed by the counselor (p99 < 50 ms)
#   review            review_queue (500 make-ups, p99 < 100 ms),
#                     batch_approve_200 (< 2 s), review_first_2000
#   roster            roster_import_30000 (< 10 s)
#   people            people_import_30000: /people/import of 30,000 students
#                     as the student-information system exports them, each
#                     with a new phone and every tenth with boarding turned
#                     (card facts written), previewed then applied (< 10 s
#                     each); the same file previewed again changes nothing
#   policy            policy_preview_30000: /policy/preview of a fever
#                     threshold lowered to 36.8 with the streak cut to 7 days,
#                     every card of the term computed twice and today's
#                     reports judged again (< 2 s); previewed only, the
#                     rules are not changed
#   remind            remind_30000: build/hc-remind for one slot over the
#                     school (< 10 s), each unreported person reminded once
#                     (counted against SQL of the bench's own), the slot
#                     run again sends nothing
#   purge             purge_reports_term: build/hc-purge of one past term's
#                     reports (every student x 120 days, made by the bench)
#                     while check-ins are posted at BENCH_PURGE_RATE (80/s),
#                     each another student: their p99 during the purge
#                     (< 100 ms), every one committed, the rows equal to the
#                     dry run's
#   booking           booking_last_64: 64 staff post /booking/book for the
#                     same slot of a 10-place venue at once: exactly 10
#                     bookings, the slot's count 10, the others 409
#   entrance          entrance_scan: GET /scan/pass?t= from a building
#                     entrance's phone, a fresh pass "out" of another student
#                     each request, 32 connections (the gate's target)
#   scan              GET /scan?t= from an enrolled gate phone, a fresh code of
#                     another student each request, 32 connections (>= 0.35,
#                     p99 < 20 ms); more requests than students re-scan
#                     students (counted and said)
#   table             table_college (p99 < 50 ms), table_card (p99 < 100 ms),
#                     4 connections; report_admin; table_export_xlsx;
#                     table_after_change
#   peak              the morning peak: BENCH_PEAK_CHECKINS (15,000) check-ins
#                     paced at BENCH_PEAK_RATE (1,000/s) over 32 connections,
#                     while 100 counselors reload their dashboards, each every
#                     BENCH_PEAK_RELOAD_MS (1000), and 4 gate phones scan, each
#                     every BENCH_PEAK_SCAN_MS (1000): 0 errors, check-in p99
#                     < 100 ms, the pace held (>= 95 %), every check-in
#                     committed. Pacing is bench.lua's: open loop per wrk
#                     thread (request k is due at start + k / rate), timed
#                     with clock_gettime through LuaJIT's ffi (wrk2 is not
#                     in Debian). wrk times a request from when it is sent.
#   loc               lines of C and SQL in lib/ and sql/, against the tree
#                     at BENCH_LOC_REF (fb02c7c, main when issue 12 was
#                     measured): fewer is PASS
# Figures and one-shot operations merge into var/bench/latest.json:
#   {"baseline": {"rps":..,"p50_ms":..,"p99_ms":..},
#    "pages": {"card": {"rps":..,"p50_ms":..,"p99_ms":..,"ratio":..,
#              "procs":..,"seconds":..,"conns":..,"at":"<the run's UTC start>"},
#              ...},
#    "ops": {"batch_approve_200": {"seconds":..,"rows":..}, ...}}
# The stack is stopped at the end, also on failure.
#
# Knobs (environment): BENCH_PORT (first port tried, 18300), BENCH_SECONDS
# (each measured run, 10; less is for checking the method, and every line
# then says "short"), BENCH_CONNS (16), BENCH_THREADS (2), BENCH_VAR
# (var/bench), BENCH_PAGES ("card card_many"), BENCH_LATER ("checkin
# dashboard person review roster scan table peak loc"), BENCH_STUDENTS (sessions
# minted, 30000), BENCH_WARM_MAX (seconds a warm-up may wait for a steady
# rate, 40), BENCH_QUIET_WAIT (seconds to wait for idle CPUs before each
# figure, 30), BENCH_FACTS_CHECK (1: hc-facts check at the end, a minute
# or so; 0 skips it), BENCH_SCAN_CONNS (32), BENCH_TABLE_CONNS (4), and the
# BENCH_PEAK_* above plus BENCH_PEAK_CONNS (32).
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
PAGES=${BENCH_PAGES-card card_many}
LATER=${BENCH_LATER-checkin dashboard person review roster people policy remind purge booking scan entrance table peak loc}
STUDENTS=${BENCH_STUDENTS:-30000}
PROFILE=${BENCH_PROFILE:-0}
WARM_ROUNDS=$(( ${BENCH_WARM_MAX:-40} / 2 ))   # steady-state rounds of 2 s, at most
LUA=$ROOT/tools/bench.lua
DEMO=(--students 30000 --days 60)

# The stack as configured, whatever the caller's environment says.
unset HC_EXTRA_APACHE HC_AUTH_MODE HC_EXTRA_CONF

say() { printf '%s\n' "$*" >&2; }
die() { say "bench: $*"; exit 1; }

for tool in wrk curl awk; do
	command -v "$tool" >/dev/null || die "$tool is missing (tools/deps.sh installs it)"
done
for tool in mintsess scantoken hc-facts; do
	[ -x "$ROOT/build/$tool" ] || die "build/$tool is missing: make all"
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
	# The minted sessions end with the run.
	[ ! -S "$V/run/mysqld.sock" ] || HEALTHCARD_CONF=$V/healthcard.hdf "$ROOT/build/mintsess" --purge-only 2>/dev/null || true
	stack_stop
	# wrk's outputs of this run, for a figure that needs a second look.
	rm -rf "$V/log/wrk"
	mkdir -p "$V/log/wrk"
	cp "$T"/wrk.* "$T"/peak.* "$T"/probe "$V/log/wrk/" 2>/dev/null || true
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
[ "$PROFILE" != 1 ] || export HC_DB_ARGS="${HC_DB_ARGS:-} --performance-schema=ON --performance-schema-consumer-events-statements-current=ON"
HC_DB_DURABLE=1 HC_DB_POOL=${HC_DB_POOL:-2G} "$ROOT/tools/stack.sh" start "$V" "$PORT" "${DEMO[@]}" \
	>"$T/stack.log" 2>&1 || { cat "$T/stack.log" >&2; die "the stack did not start"; }
: >"$V/log/access.log"    # only this run's requests, for the status counts

sql() { "$ROOT/tools/stack.sh" sql "$V" -N -B -e "$1"; }

# A stack left running by someone else keeps its settings: stop rather than
# measure writes that are not durable.
[ "$(sql "SELECT @@GLOBAL.innodb_flush_log_at_trx_commit")" = 1 ] ||
	die "MariaDB is not running with innodb_flush_log_at_trx_commit=1 (tools/stack.sh, HC_DB_DURABLE)"

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

# ---- sessions for many students --------------------------------------------

today=$(TZ=Asia/Shanghai date +%F)
now=$(TZ=Asia/Shanghai date '+%F %T')
csrf_in() { grep -o 'name="csrf" value="[^"]*"' "$1" | head -1 | sed 's/.*value="//; s/"$//'; }

# Check-ins the bench made today, taken back before each write figure so
# that it has its students who have not checked in yet. The demo data has
# no report today (demogen stops at yesterday), and a student's own normal
# check-in writes one daily_reports row and moves the student's stored
# card facts (lib/domain/checkin.c: no anomaly, no queue item, no audit row). So:
# delete today's own normal reports, then write those students' facts
# anew as the view the checker compares with (card_facts_expected, sql/views/)
# computes them: only the columns a report moves, from those students'
# reports alone. Not `hc-facts rebuild` (it reads all 30,000 students, a
# minute and more), and not a join with the view itself: MariaDB then
# evaluated the view's per-person derived table over every report once per
# student (400 students: more than 11 minutes), and a derived table in the
# UPDATE was evaluated again for every row (9,000 students: more than 13
# minutes): two temporary tables, each made once. The end's hc-facts check
# says whether this stayed equal to the view.
reset_today() {
	sql "CREATE TEMPORARY TABLE bench_reset (person_id INT PRIMARY KEY)
			SELECT DISTINCT person_id FROM daily_reports WHERE day = '$today'
			AND filled_by IS NULL AND anomaly = 0 AND is_makeup = 0;
		DELETE d FROM daily_reports d JOIN bench_reset r ON r.person_id = d.person_id
			WHERE d.day = '$today' AND d.filled_by IS NULL AND d.anomaly = 0 AND d.is_makeup = 0;
		CREATE TEMPORARY TABLE bench_reset_m (person_id INT PRIMARY KEY, reported_to DATE)
			SELECT d.person_id, MAX(d.day) AS reported_to FROM bench_reset b
			JOIN daily_reports d ON d.person_id = b.person_id GROUP BY d.person_id;
		CREATE TEMPORARY TABLE bench_reset_x (person_id INT PRIMARY KEY)
			SELECT d.person_id, m.reported_to,
				BIT_OR(IF(d.anomaly_state = 'sent_back', 0, 1 << DATEDIFF(m.reported_to, d.day))) AS mask,
				MIN(IF(d.anomaly_state = 'open', d.day, NULL)) AS open_anomaly,
				MIN(IF(d.anomaly_state = 'sent_back', d.day, NULL)) AS sent_back,
				MAX(IF(d.day = m.reported_to, d.in_city_days, NULL)) AS city_days
			FROM bench_reset_m m JOIN daily_reports d ON d.person_id = m.person_id
			GROUP BY d.person_id, m.reported_to;
		UPDATE card_facts f JOIN bench_reset r ON r.person_id = f.person_id
		LEFT JOIN bench_reset_x x ON x.person_id = f.person_id
		SET f.reported_to = x.reported_to, f.reported_mask = COALESCE(x.mask, 0),
			f.open_anomaly = x.open_anomaly, f.sent_back = x.sent_back,
			f.city_days = COALESCE(x.city_days, 0)" ||
		die "could not take back today's check-ins"
}
reports_today() { sql "SELECT COUNT(*) FROM daily_reports WHERE day = '$today'"; }

# mint [ARGS]: build/mintsess on this stack ("ID<TAB>COOKIE<TAB>CSRF" lines).
mint() { HEALTHCARD_CONF=$V/healthcard.hdf "$ROOT/build/mintsess" "$@"; }

t0=$(date +%s.%N)
reset_today
# Students with an account that logs in; "1" for those who gave their
# basic info (only they can check in: the others are sent to that form).
sql "SELECT p.id, EXISTS (SELECT 1 FROM basic_info b WHERE b.person_id = p.id)
	FROM people p JOIN accounts a ON a.person_id = p.id AND a.disabled = 0
	WHERE p.identity <> 'staff' ORDER BY p.id LIMIT $STUDENTS" >"$T/student_ids"
cut -f1 "$T/student_ids" | mint --purge >"$T/minted" || die "mintsess failed"
sql "SELECT DISTINCT person_id FROM roles WHERE role = 'counselor' ORDER BY person_id LIMIT 100" |
	mint >"$T/counselors" || die "mintsess failed for the counselors"
MINTED=$(wc -l <"$T/minted")
[ "$MINTED" -ge 100 ] || die "only $MINTED student sessions minted"
# The check-in's students: minted, with basic info.
awk -F'\t' 'NR == FNR { basic[$1] = $2; next } basic[$1] == 1' "$T/student_ids" "$T/minted" >"$T/minted_basic"
say "bench: $MINTED student sessions ($(wc -l <"$T/minted_basic") with basic info) and" \
	"$(wc -l <"$T/counselors") counselors' minted in $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s"

# A minted session must be a real one: the card as that student, and the
# check-in form with exactly the CSRF token mintsess printed.
IFS=$'\t' read -r m_id m_sid m_csrf <"$T/minted_basic"
code=$(curl -s -H "Cookie: hc_sid=$m_sid" -o "$T/m_card.html" -w '%{http_code}' "$URL/card")
[ "$code" = 200 ] && grep -q 'id="card-state"' "$T/m_card.html" ||
	die "GET /card with a minted session (person $m_id) answered $code without the card"
curl -s -H "Cookie: hc_sid=$m_sid" -o "$T/m_checkin.html" "$URL/checkin"
[ "$(csrf_in "$T/m_checkin.html")" = "$m_csrf" ] ||
	die "GET /checkin with a minted session (person $m_id) does not carry mintsess's CSRF token"
C_CARD_MANY="Cookie: hc_sid=$m_sid"

# Request files for bench.lua: METHOD TAB PATH TAB COOKIE TAB BODY.
CHECKIN_FORM='temperature=36.5&city=%E5%8C%97%E4%BA%AC&in_city=1&on_campus=0&abroad=0&risk_area=0&cohabitant_returned=0&returned_to_city=0&quarantine=none&diagnosis=none'
checkin_lines() {   # checkin_lines FROM TO: students FROM..TO of minted_basic
	sed -n "$1,$2p" "$T/minted_basic" | awk -F'\t' -v form="$CHECKIN_FORM" \
		'{ printf "POST\t/checkin\thc_sid=%s\tcsrf=%s&%s\n", $2, $3, form }'
}
awk -F'\t' '{ printf "GET\t/card\thc_sid=%s\t\n", $2 }' "$T/minted" >"$T/card_many.req"
awk -F'\t' '{ printf "GET\t/dashboard\thc_sid=%s\t\n", $2 }' "$T/counselors" >"$T/counselors.req"

# ---- measuring -------------------------------------------------------------

path_of() {
	case "$1" in
	hello) echo /__hello ;;
	card_many) echo /card ;;
	checkin_post) echo /checkin ;;
	dashboard_*) echo /dashboard ;;
	person_counselor) echo "/person?id=$PERSON_ID" ;;
	table_college) echo "/table?college=$TABLE_COLLEGE&app=approved" ;;
	table_card) echo "/table?card=may_return" ;;
	report_admin) echo /report ;;
	review_queue) echo "/review?kind=makeup" ;;
	review_first_2000) echo "/review?kind=first_review" ;;
	scan) echo "/scan" ;;
	entrance_scan) echo "/scan" ;;
	*) echo "/$1" ;;
	esac
}

# The program behind a measured name (its fcgid pool).
prog_of() {
	case "$1" in
	card_*) echo card ;;
	checkin_*) echo checkin ;;
	dashboard_*) echo dashboard ;;
	person_*) echo person ;;
	review_*) echo review ;;
	table_*) echo table ;;
	report_*) echo report ;;
	entrance_scan) echo scan ;;
	*) echo "$1" ;;
	esac
}

# The session cookie a name is warmed up with (the demo student's by
# default); a run with a request file takes each request's own.
cookie_of() {
	case "$1" in
	card_many) echo "$C_CARD_MANY" ;;
	checkin_post) echo "$C_CHECKIN" ;;
	dashboard_counselor|review_queue|person_counselor) echo "$C_COUNSELOR" ;;
	dashboard_admin|review_first_2000|table_*|report_*) echo "$C_ADMIN" ;;
	scan) echo "$C_SCAN" ;;
	entrance_scan) echo "Cookie: $EPHONE" ;;
	*) echo "$COOKIE" ;;
	esac
}

# What a measured request is and what it should answer: "METHOD STATUS".
# checkin_post warms up with GET /checkin (the same program, no write), and
# only its measured runs post, from a request file.
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

# lua_script OUT [paced] [counted]: bench.lua, with pacing (delay) and/or
# status counting (response) switched on.
lua_script() {
	local out=$1 opt
	shift
	cp "$LUA" "$out"
	for opt in "$@"; do
		case "$opt" in
		paced) echo 'delay = hc_delay' >>"$out" ;;
		counted) echo 'response = hc_response' >>"$out" ;;
		esac
	done
}
lua_script "$T/plain.lua"
lua_script "$T/counted.lua" counted
lua_script "$T/paced.lua" paced counted

# The next run_wrk reads its requests from a file through a script:
# WRK_SCRIPT (a lua_script) and WRK_REQS="FILE MODE RATE [SECONDS]"
# (bench.lua's arguments but the threads, which run_wrk adds).
WRK_SCRIPT="" WRK_REQS=""
run_wrk() {   # run_wrk PAGE SECONDS OUTFILE [CONNECTIONS]: one bounded wrk run
	local opts=() c=${4:-$CONNS} args=()
	if [ -n "$WRK_SCRIPT" ]; then
		read -ra args <<<"$WRK_REQS"
		opts=(-s "$WRK_SCRIPT")
		args=(-- "${args[@]:0:3}" "$THREADS" "${args[@]:3}")
	elif ! anonymous "$1"; then
		opts=(-H "$(cookie_of "$1")")
	fi
	timeout $(($2 + 30)) wrk -t"$THREADS" -c"$c" -d"$2"s --timeout 5s --latency \
		"${opts[@]}" "$URL$(path_of "$1")" "${args[@]}" >"$3" 2>&1 ||
		die "wrk on $1 failed: $(cat "$3")"
}

# mod_fcgid starts a program's processes only when requests need them (it
# cannot pre-spawn), and only after a request that found them all busy has
# slept a whole second and still finds none free. Fast requests free a
# process well within that second, so load at the measured concurrency
# grows the pool slowly or not at all; four times as many connections grow
# it to its limit in a few seconds (FcgidMinProcessesPerClass then keeps
# it). Runs at the measured concurrency follow until the rate is steady.
# Warm-ups never write: they run without the request file (checkin_post:
# GET /checkin), but for a read that cycles through one (WARM_WITH_REQS).
warm_up() {   # warm_up PAGE
	local i script=$WRK_SCRIPT
	[ -n "${WARM_WITH_REQS:-}" ] || WRK_SCRIPT=""
	for i in 1 2 3 4 5 6 7 8; do
		run_wrk "$1" 2 "$T/warm" "$WARM_CONNS"
		[ "$(procs_of "$1")" -ge "$CONNS" ] && break
	done
	# Then rounds at the measured concurrency until two in a row agree
	# within 20 %: a pool that has grown may still be slow (each new
	# process loads its templates and prepares its statements).
	local prev=0 rate=0 rates="" settled=""
	for i in $(seq 1 "$WARM_ROUNDS"); do
		run_wrk "$1" 2 "$T/warm"
		rate=$(awk '/^Requests\/sec:/ { printf "%d", $2 }' "$T/warm")
		rates="$rates ${rate:-0}/s"
		if awk -v a="$prev" -v b="${rate:-0}" 'BEGIN { exit !(a > 0 && b > 0 && b >= 0.8 * a && b <= 1.25 * a) }'; then
			settled=1
			break
		fi
		prev=${rate:-0}
	done
	WRK_SCRIPT=$script
	if [ -z "$settled" ]; then
		say "bench: WARNING: /$1 did not settle in $WARM_ROUNDS rounds of 2 s:$rates"
		BUSY="$BUSY /$1(unsettled)"
	fi
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
	for i in $(seq 1 "${BENCH_QUIET_WAIT:-30}"); do
		idle=$(cpu_idle_pct)
		[ "$idle" -ge 85 ] && return 0
	done
	say "bench: WARNING: the CPUs were busy with other work (only $idle % idle):" \
		"figures for /$1 are low and noisy"
	BUSY="$BUSY /$1"
}

# Statuses in Apache's log from line FROM on of the requests METHOD PATH
# (PATH with any query string when it has none itself): "OK BAD", OK those
# answered WANT.
log_statuses() {   # log_statuses FROM METHOD PATH WANT
	tail -n +"$1" "$V/log/access.log" | awk -v p="$3" -v m="$2" -v w="$4" '
		{
			i = index($0, "\"" m " " p)
			if (!i) next
			c = substr($0, i + length(m) + length(p) + 2, 1)
			if (c != " " && !(c == "?" && index(p, "?") == 0)) next
			if ($(NF - 2) == w) ok++; else n++
		}
		END { print ok + 0, n + 0 }'
}

# What wrk's output says besides the latency: socket errors, and what
# bench.lua counted ("hc-status 303=N ...", "hc-dry N", "hc-wrapped N").
# wrk_socket_errors OUT [read]: wrk's connect + write + timeout errors (a
# request that failed or never left), or (read) the connections that the
# server closed. Apache's event MPM closes idle keep-alive connections when
# all its workers are busy; wrk counts each as a read error and reconnects
# before its next request, so a read error alone loses nothing (a request
# written into a connection as it closed is lost: the check-ins' counts
# find those).
wrk_socket_errors() {
	awk -v k="${2:-}" '/Socket errors:/ { gsub(/,/, ""); print (k == "read" ? $6 : $4 + $8 + $10); f = 1 }
		END { if (!f) print 0 }' "$1"
}
wrk_status() {   # wrk_status OUT STATUS [other]: responses wrk got with STATUS (other: without)
	awk -v s="$2" -v other="${3:-}" '$1 == "hc-status" {
		for (i = 2; i <= NF; i++) { split($i, kv, "="); if ((kv[1] == s) != (other != "")) n += kv[2] }
	} END { print n + 0 }' "$1"
}
wrk_field() { awk -v k="$2" '$1 == k { print $2 }' "$1"; }   # wrk_field OUT hc-dry

# After wrk stops, the requests it abandoned still run to their end and
# are logged then: wait until Apache's logs stop growing (at most 10 s).
settle() {
	local now_n last_n=""
	for _ in $(seq 1 20); do
		now_n="$(wc -l <"$V/log/access.log") $(wc -l <"$V/log/error.log")"
		[ "$now_n" != "$last_n" ] || return 0
		last_n=$now_n
		sleep 0.5
	done
}

# read_wrk OUT: RPS, P50 and P99 (ms) from wrk's output.
read_wrk() {
	RPS=$(awk '/^Requests\/sec:/ { printf "%.1f", $2 }' "$1")
	P50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$1")")
	P99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$1")")
	[ -n "$RPS" ] || die "no requests/s in wrk's output: $(cat "$1")"
}

# measure PAGE [SECONDS]: sets RPS, P50, P99, BAD (responses that were not
# what expect_of says, by Apache's log and wrk's count), OK (those that
# were), PROCS, SECS (seconds measured), SOCK (wrk's socket errors).
# PRE_RUN, when set, is called instead of the one-second run at the measured
# concurrency (and may set RUN_SECONDS: checkin_post sizes its run).
PRE_RUN=""
# mem_sample: the stack's memory now (PSS from /proc/PID/smaps_rollup, which
# shares each shared library page out among the processes that map it):
# the page processes, Apache's own, and mariadbd. Keeps the largest sum seen
# in MEM_MAX ("procs pages_kib apache_kib mariadbd_kib"), taken after every
# figure's run, when that page's pool is at its grown size.
# stack_procs: "KIND PID" for each process of this stack (KIND page,
# apache or db): the page programs, this Apache, this mariadbd.
stack_procs() {
	local rt p cmd
	rt=$(readlink -f "$V/rt")
	for p in /proc/[0-9]*; do
		cmd=$({ tr '\0' ' ' <"$p/cmdline"; } 2>/dev/null) || continue
		case "$cmd" in
		"$rt/bin/"*) echo "page ${p#/proc/}" ;;
		*"apache2 -f $rt/httpd.conf"*) echo "apache ${p#/proc/}" ;;
		mariadbd*"$V/db"*) echo "db ${p#/proc/}" ;;
		esac
	done
}
# stack_sum READER: "pages apache mariadbd", READER PID's number summed by
# kind, and the page processes counted; a process gone meanwhile counts 0.
stack_sum() {
	local kind pid v n=0 pages=0 apache=0 db=0
	while read -r kind pid; do
		v=$("$1" "$pid" 2>/dev/null) || continue
		case "$kind" in
		page) n=$((n + 1)); pages=$((pages + ${v:-0})) ;;
		db) db=$((db + ${v:-0})) ;;
		*) apache=$((apache + ${v:-0})) ;;
		esac
	done < <(stack_procs)
	echo "$pages $apache $db $n"
}
pss_kib() { awk '/^Pss:/ { print $2 }' "/proc/$1/smaps_rollup"; }
# utime + stime, fields 14 and 15: the 12th and 13th after the command's ")"
cpu_of() { sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'; }
MEM_MAX="0 0 0 0"
mem_sample() {
	local pages apache db n
	read -r pages apache db n <<<"$(stack_sum pss_kib)"
	read -r -a m <<<"$MEM_MAX"
	[ $((pages + apache)) -le $((m[1] + m[2])) ] || MEM_MAX="$n $pages $apache $db"
}

# BENCH_PROFILE=1: where each figure's time goes, over its measured run.
# MariaDB runs with performance_schema (the figures of such a run are a
# little lower and are not results); before the run its statement digests
# are set aside and the CPU time of the stack's processes read from
# /proc/PID/stat; after it, per request answered: the statements and their
# server time (below),
# the CPU of the page processes, of Apache and of mariadbd, and the five
# statements that took most of the server's time, each with its count and
# mean. One line a figure in the notes and in var/bench/log/profile.
cpu_ticks() { stack_sum cpu_of | cut -d' ' -f1-3; }   # "pages apache mariadbd" clock ticks so far
# Statements: the prepared ones (performance_schema's
# prepared_statements_instances, one row a statement a process, kept while
# the process keeps it: counted as the difference from a copy taken before
# the run, bench_ps0) and the plain ones (the digests, emptied before the
# run: START TRANSACTION, COMMIT, SET), this stack's user only.
PROF_PS="SELECT SQL_TEXT AS s, SUM(COUNT_EXECUTE) AS c, SUM(SUM_TIMER_EXECUTE) AS t
		FROM performance_schema.prepared_statements_instances GROUP BY SQL_TEXT"
PROF_SQL="SELECT n.t - COALESCE(o.t, 0) AS t, n.c - COALESCE(o.c, 0) AS c, LEFT(n.s, 90) AS s
		FROM ($PROF_PS) n LEFT JOIN bench_ps0 o ON o.s = n.s
	UNION ALL SELECT SUM_TIMER_WAIT, COUNT_STAR, LEFT(DIGEST_TEXT, 90)
		FROM performance_schema.events_statements_summary_by_digest
		WHERE SCHEMA_NAME = 'healthcard' AND DIGEST_TEXT NOT LIKE '%performance_schema%'
		AND DIGEST_TEXT NOT LIKE '%bench_ps0%'"
prof_start() {
	[ "$PROFILE" = 1 ] || return 0
	sql "DROP TABLE IF EXISTS bench_ps0; CREATE TABLE bench_ps0 ENGINE=Aria $PROF_PS;
		TRUNCATE performance_schema.events_statements_summary_by_digest"
	PROF_T0=$(cpu_ticks)
}
prof_stop() {   # prof_stop NAME REQUESTS
	[ "$PROFILE" = 1 ] || return 0
	local t1 n=$2 hz line top stmts server
	t1=$(cpu_ticks)
	hz=$(getconf CLK_TCK)
	[ "${n:-0}" -gt 0 ] || return 0
	read -r stmts server <<<"$(sql "SELECT COALESCE(SUM(c), 0), COALESCE(SUM(t), 0) / 1e9 FROM ($PROF_SQL) x")"
	top=$(sql "SELECT CONCAT(ROUND(t / 1e9 / $n, 3), ' ms ', ROUND(c / $n, 2), 'x ',
			REGEXP_REPLACE(s, '[[:space:]]+', ' ')) FROM ($PROF_SQL) x WHERE c > 0
		ORDER BY t DESC LIMIT 5" | paste -sd'|' | sed 's/|/ | /g')
	line=$(awk -v a="$PROF_T0" -v b="$t1" -v n="$n" -v hz="$hz" -v st="$stmts" -v sv="$server" -v name="$1" 'BEGIN {
		split(a, x, " "); split(b, y, " ")
		printf "profile %s: per request %.2f statements, %.3f ms in MariaDB (statements), CPU %.3f ms pages + %.3f ms Apache + %.3f ms mariadbd (%d requests)",
			name, st / n, sv / n, 1000 * (y[1] - x[1]) / hz / n, 1000 * (y[2] - x[2]) / hz / n, 1000 * (y[3] - x[3]) / hz / n, n }')
	notes+=("$line; top: $top")
	printf '%s\n  top: %s\n' "$line" "$top" >>"$V/log/profile"
}

measure() {
	local page=$1 out=$T/wrk.$1 before errs method want path
	SECS=${2:-$SECONDS_PER_RUN}
	path=$(path_of "$page")
	read -r method want <<<"$(expect_of "$page")"
	warm_up "$page"
	wait_quiet "$page"
	if [ -n "$PRE_RUN" ]; then
		RUN_SECONDS=$SECS
		"$PRE_RUN"
		SECS=$RUN_SECONDS
	else
		run_wrk "$page" 1 "$T/warm"   # the pool is busy again, not just waking
	fi
	settle   # what that run abandoned is logged before the count starts
	before=$(($(wc -l <"$V/log/access.log") + 1))
	errs=$(wc -l <"$V/log/error.log")
	prof_start
	run_wrk "$page" "$SECS" "$out"
	settle
	read_wrk "$out"
	# wrk counts 3xx as success; the access log says what each one was.
	read -r OK BAD <<<"$(log_statuses "$before" "$method" "$path" "$want")"
	# The requests in flight when wrk stops are abandoned: Apache logs
	# each as 500 with a broken pipe from mod_fcgid. Those are the bench's,
	# not the page's (at most one a connection); what wrk itself received
	# counts in full.
	ABANDONED=$(tail -n +"$((errs + 1))" "$V/log/error.log" | grep -c 'Broken pipe.*mod_fcgid: ap_pass_brigade failed' || true)
	[ "$ABANDONED" -le "$CONNS" ] || ABANDONED=$CONNS
	BAD=$((BAD > ABANDONED ? BAD - ABANDONED : 0))
	local non2xx; non2xx=$(awk '/^  Non-2xx or 3xx responses:/ { print $NF }' "$out")
	[ "$want" != 200 ] || BAD=$((BAD > ${non2xx:-0} ? BAD : ${non2xx:-0}))
	SOCK=$(($(wrk_socket_errors "$out") + $(wrk_socket_errors "$out" read)))
	PROCS=$(procs_of "$page")
	prof_stop "$page" "$(awk '/ requests in / { print $1 }' "$out")"
	mem_sample
	ERRS=$(tail -n +"$((errs + 1))" "$V/log/error.log" | grep -v ':notice\]' | grep -vc 'Broken pipe.*mod_fcgid: ap_pass_brigade' || true)
	if [ "$ERRS" != 0 ]; then
		say "bench: $page: $ERRS lines in $V/log/error.log during the run:"
		tail -n +"$((errs + 1))" "$V/log/error.log" | grep -v ':notice\]' | grep -v 'Broken pipe.*mod_fcgid' | tail -3 | cut -c1-240 >&2
	fi
	[ "$SOCK" = 0 ] || say "bench: $page: wrk saw $SOCK socket errors: $(grep 'Socket errors' "$out")"
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
RUN_AT=$(date -u +%FT%TZ)   # in every entry of latest.json: which run it is from
stamp_bins() { ls -l --time-style=+%s "$ROOT"/build/cgi-bin/ 2>/dev/null | awk '{ print $6, $7 }'; }
BINS=$(stamp_bins)
say "bench: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); wrk -t$THREADS -c$CONNS -d${SECONDS_PER_RUN}s per figure"
rows=()      # the table printed at the end
entries=()   # NAME|OBJECT, merged into latest.json once all are measured
ops=()       # the same, for "ops"
oprows=()
targets=()   # issue 12's targets, one line each
notes=()
METHOD_FAILED=""   # a check of the method failed: the run exits 1

pass_fail() { awk "BEGIN { exit !($1) }" && echo PASS || echo FAIL; }
ratio_of() { awk -v a="$1" -v b="$BASE_RPS" 'BEGIN { printf "%.3f", (b > 0 ? a / b : 0) }'; }
row() {   # row NAME RPS P50 P99 RATIO BAD PROCS SECONDS VERDICT
	rows+=("$(printf '%-20s %10s %9s %9s %7s %6s %6s %5s  %s' "$@")")
}
opline() { oprows+=("$(printf '%-20s %9s s %7s rows  %s' "$@")"); }
# target FIGURE MEASURED GOAL VERDICT: a line of the targets table; a
# figure measured for less than 10 s says so.
target() {
	local v=$4
	[ "${SECS:-10}" -ge 10 ] || v="$v (short run: ${SECS} s)"
	targets+=("$(printf '%-46s %-44s %-24s %s' "$1" "$2" "$3" "$v")")
}
# record NAME [VERDICT] [CONNECTIONS] [MORE JSON]: the measured line, into
# the table and latest.json.
record() {
	local ratio; ratio=$(ratio_of "$RPS")
	entries+=("$1|{\"rps\": $RPS, \"p50_ms\": $P50, \"p99_ms\": $P99, \"ratio\": $ratio, \"procs\": $PROCS, \"seconds\": $SECS, \"conns\": ${3:-$CONNS}${4:+, $4}, \"at\": \"$RUN_AT\"}")
	row "$1" "$RPS" "$P50" "$P99" "$ratio" "$BAD" "$PROCS" "$SECS" "${2:-}"
	[ "$BAD" = 0 ] || say "bench: WARNING: $1: $BAD responses were not $(expect_of "$1" | cut -d' ' -f2)"
}

measure hello
BASE_RPS=$RPS
[ "$BAD" = 0 ] || die "/__hello: $BAD responses were not 200"
entries+=("baseline|{\"rps\": $RPS, \"p50_ms\": $P50, \"p99_ms\": $P99, \"procs\": $PROCS, \"seconds\": $SECS, \"conns\": $CONNS, \"at\": \"$RUN_AT\"}")
row /__hello "$RPS" "$P50" "$P99" 1.000 0 "$PROCS" "$SECS" "the baseline"

for page in $PAGES; do
	case "$page" in
	card_many)
		# Another student's card each request (wrapping round the minted
		# sessions if the run outlasts them), as students open their cards.
		WARM_WITH_REQS=1 WRK_SCRIPT=$T/plain.lua WRK_REQS="$T/card_many.req cycle 0" measure card_many
		WRK_SCRIPT=""
		ratio=$(ratio_of "$RPS")
		v=$(pass_fail "$ratio >= 0.55 && $BAD == 0")
		record card_many "$v ratio >= 0.55 ($MINTED students)"
		target "/card, each request another student" "$ratio ($RPS/s), p99 $P99 ms" ">= 0.55" "$v"
		;;
	*)
		measure "$page"
		ratio=$(ratio_of "$RPS")
		v=""
		if [ "$page" = card ]; then
			v="$(pass_fail "$ratio >= 0.55 && $BAD == 0") ratio >= 0.55"
			target "/card of a logged-in student (16 conns)" "$ratio ($RPS/s), p99 $P99 ms" ">= 0.55" "${v%% *}"
		fi
		record "$page" "$v"
		;;
	esac
done

# ---- pages of later issues ---------------------------------------------------

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
later() { case " $LATER " in *" $1 "*) return 0 ;; esac; return 1; }
C_CHECKIN="" C_COUNSELOR="" C_ADMIN="" C_SCAN=""
if later dashboard || later review || later person; then
	login_jar counselor "$T/jar.counselor" || die "cannot log in as counselor"
	C_COUNSELOR=$(cookie_jar "$T/jar.counselor")
	CID=$(sql "SELECT person_id FROM accounts WHERE login = 'counselor'")
fi
if later dashboard || later review || later roster || later people || later policy || later table || later scan || later peak || later entrance; then
	login_jar admin "$T/jar.admin" || die "cannot log in as admin"
	C_ADMIN=$(cookie_jar "$T/jar.admin")
fi

# -- checkin_post: POST /checkin, another student each request and none
# twice, durable commits, 16 connections. The students with basic info are
# split: the last tenth (at most 1,000) posts for up to one second after
# the warm-up (PRE_RUN: every process has run the write, and the rate
# found sizes the run), the rest is the measured run's. If they would not
# last BENCH_SECONDS at that rate with 5 % to spare, the run is cut to
# what they last and the line says so, with the students it would need
# (30,000 students x 60 days has ~27,000 with basic info: 10 s holds up
# to ~2,450 check-ins/s). A run that runs out anyway fails.
checkin_probe() {
	local n rate fits
	WRK_SCRIPT=$T/counted.lua WRK_REQS="$T/probe.req once 0" run_wrk checkin_post 1 "$T/probe"
	# The rate over the probe's own span: wrk's requests/s divides by the
	# whole second even when the probe's students ran out before it.
	rate=$(awk '$1 == "hc-status" { for (i = 2; i <= NF; i++) { split($i, kv, "="); n += kv[2] } }
		$1 == "hc-span-ms" { ms = $2 } END { printf "%d", (ms > 0 ? 1000 * n / ms : 0) }' "$T/probe")
	n=$(wc -l <"$T/checkin.req")
	fits=$(awk -v n="$n" -v r="$rate" 'BEGIN { print (r > 0 ? int(0.95 * n / r) : 1000000) }')
	if [ "$fits" -lt "$RUN_SECONDS" ]; then
		CHECKIN_SHORT="at $rate/s the $n students last $fits s, not $RUN_SECONDS: $((rate * RUN_SECONDS * 20 / 19)) students would be needed"
		say "bench: WARNING: checkin_post: $CHECKIN_SHORT"
		RUN_SECONDS=$((fits > 1 ? fits : 1))
	fi
	PROBE_RPS=$rate
	settle   # the probe's abandoned posts are in before the count starts
	ROWS_BEFORE=$(reports_today)
}

# check_commits NAME OUT OK BAD CONNS: since ROWS_BEFORE, every 303 that
# Apache sent (OK, from its log) is one new row and no row came without
# one; no other answer (BAD; wrk's own count); and wrk received no more
# 303s than were sent, and at most one fewer a connection (the requests in
# flight when a run stops are abandoned by wrk, not by the server). Sets
# COMMIT_LINE, COMMIT_OK (PASS/FAIL) and COMMITTED.
check_commits() {
	local name=$1 out=$2 ok=$3 bad=$4 conns=$5 committed ack other sock
	committed=$(($(reports_today) - ROWS_BEFORE))
	ack=$(wrk_status "$out" 303)
	other=$(wrk_status "$out" 303 other)
	sock=$(wrk_socket_errors "$out")
	COMMIT_OK=$(pass_fail "$committed == $ok && $bad == 0 && $other == 0 && $ack <= $ok && $ok - $ack <= $conns")
	COMMIT_LINE="$name: $ack acknowledged (303 received by wrk), $ok answered 303 by Apache, $committed rows committed; $bad other answers in Apache's log, $other other statuses and $sock socket errors at wrk: $COMMIT_OK"
	COMMITTED=$committed
	if [ "$COMMIT_OK" != PASS ]; then
		METHOD_FAILED="$METHOD_FAILED $name"
		say "bench: FAIL: $COMMIT_LINE"
	fi
}

if later checkin; then
	reset_today
	nb=$(wc -l <"$T/minted_basic")
	probe_n=$((nb / 10 < 1000 ? nb / 10 : 1000))
	checkin_lines 1 "$((nb - probe_n))" >"$T/checkin.req"
	checkin_lines "$((nb - probe_n + 1))" "$nb" >"$T/probe.req"
	C_CHECKIN="Cookie: hc_sid=$(awk -F'\t' 'NR == 1 { print $2 }' "$T/minted_basic")"
	CHECKIN_SHORT=""
	PRE_RUN=checkin_probe WRK_SCRIPT=$T/counted.lua WRK_REQS="$T/checkin.req once 0" measure checkin_post
	PRE_RUN="" WRK_SCRIPT=""
	check_commits checkin_post "$T/wrk.checkin_post" "$OK" "$BAD" "$CONNS"
	dry=$(wrk_field "$T/wrk.checkin_post" hc-dry)
	if [ "$dry" != 0 ]; then
		METHOD_FAILED="$METHOD_FAILED checkin_post(ran-dry)"
		say "bench: FAIL: checkin_post: $dry wrk threads ran out of students before the end: the rate is not a steady state's"
	fi
	ratio=$(ratio_of "$RPS")
	v=$(pass_fail "$ratio >= 0.25 && \"$COMMIT_OK\" == \"PASS\" && $dry == 0")
	record checkin_post "$v ratio >= 0.25; commits $COMMIT_OK" "$CONNS" \
		"\"acknowledged\": $(wrk_status "$T/wrk.checkin_post" 303), \"answered_303\": $OK, \"committed\": $COMMITTED"
	target "check-in POST, 16 conns, another student each" "$ratio ($RPS/s), p99 $P99 ms" ">= 0.25" "$v"
	notes+=("$COMMIT_LINE" "checkin_post: $(wc -l <"$T/checkin.req") students for the measured run, after a 1 s probe over $probe_n others at $PROBE_RPS/s${CHECKIN_SHORT:+; SHORT: $CHECKIN_SHORT}")
fi

# -- dashboards
if later dashboard; then
	code=$(curl -s -H "$C_ADMIN" -o "$T/dash.html" -w '%{http_code}' "$URL/dashboard")
	[ "$code" = 200 ] && grep -q 'id="fig-total"' "$T/dash.html" || die "GET /dashboard as admin answered $code"
	measure dashboard_counselor
	record dashboard_counselor
	measure dashboard_admin
	v=$(pass_fail "$RPS > 0 && $P99 < 100 && $BAD == 0")
	record dashboard_admin "$v p99 < 100 ms"
	target "school dashboard, 16 conns" "p99 $P99 ms ($RPS/s)" "p99 < 100 ms" "$v"
fi

# -- one student's record (/person), viewed by their counselor: the one
# of the counselor's students with the most reports
if later person; then
	PERSON_ID=$(sql "SELECT ca.student_id FROM counselor_assignments ca
		JOIN daily_reports d ON d.person_id = ca.student_id WHERE ca.counselor_id = $CID
		GROUP BY ca.student_id ORDER BY COUNT(*) DESC, ca.student_id LIMIT 1")
	code=$(curl -s -H "$C_COUNSELOR" -o "$T/person.html" -w '%{http_code}' "$URL/person?id=$PERSON_ID")
	[ "$code" = 200 ] && grep -q 'id="h-reports"' "$T/person.html" || die "GET /person?id=$PERSON_ID as the counselor answered $code"
	measure person_counselor
	v=$(pass_fail "$RPS > 0 && $P99 < 50 && $BAD == 0")
	record person_counselor "$v p99 < 50 ms"
	target "one student's record, their counselor, 16 conns" "p99 $P99 ms ($RPS/s)" "p99 < 50 ms" "$v"
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
	measure review_queue
	record review_queue "$(pass_fail "$RPS > 0 && $P99 < 100") p99 < 100 ms ($NMAKEUP open)"

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
	measure review_first_2000
	record review_first_2000 "($nfirst open)"
fi

# -- roster import: every student to the other batch, modify template
if later roster; then
	# Every student on the roster (the add template's ~1,500 left out are
	# added once, to the first batch), so the file has one row per student.
	sql "INSERT INTO roster_entries (term_id, person_id, batch_id, added_at)
		SELECT b.term_id, p.id, b.id, '$now' FROM people p
		JOIN (SELECT id, term_id FROM return_batches ORDER BY return_from LIMIT 1) b
		WHERE p.identity <> 'staff' AND NOT EXISTS (SELECT 1 FROM roster_entries re
			WHERE re.person_id = p.id AND re.term_id = b.term_id);
	     UPDATE card_facts f SET f.on_roster = EXISTS (SELECT 1 FROM roster_entries re
			WHERE re.term_id = f.term_id AND re.person_id = f.person_id)
		WHERE f.term_id = (SELECT term_id FROM return_batches ORDER BY return_from LIMIT 1)"
	# (plain SQL writes the stored card facts it moves itself, as the
	# pages do: the end's hc-facts check found 1012 rows 'on_roster' off)
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

# -- people import: 30,000 students from the student-information system,
# every one changed (a new phone, this run's; every tenth boarding turned, so
# their card facts and basic info are written too): preview, then apply.
if later people; then
	stamp=$(date +%s)
	{
		printf '\xef\xbb\xbf学号/工号,姓名,身份,学院,班级,手机,住校,状态\n'
		sql "SELECT p.number, p.name, IF(p.identity = 'grad', '研究生', '本科生'), c.code, COALESCE(k.code, ''),
				CONCAT('1', LPAD(MOD(p.id * 7919 + $stamp, 10000000000), 10, '0')),
				IF(MOD(p.id, 10) = 0, NOT p.boarding, p.boarding), p.status
			FROM people p JOIN org_units c ON c.id = p.college_id LEFT JOIN org_units k ON k.id = p.class_id
			WHERE p.identity <> 'staff' ORDER BY p.id LIMIT 30000" |
			awk -F'\t' '{ s = $8 == "active" ? "在读" : $8 == "suspended" ? "休学" : $8 == "withdrawn" ? "退学" : $8 == "enlisted" ? "入伍" : $8 == "graduated" ? "毕业" : "在读";
				printf "%s,%s,%s,%s,%s,%s,%s,%s\n", $1, $2, $3, $4, $5, $6, $7 ? "是" : "否", s }'
	} >"$T/people.csv"
	nrows=$(($(wc -l <"$T/people.csv") - 1))
	curl -s -H "$C_ADMIN" -o "$T/pimport.html" "$URL/people/import"
	tok=$(csrf_in "$T/pimport.html")
	read -r pcode psecs <<<"$(curl -s -m 120 -H "$C_ADMIN" -o "$T/preview.html" -w '%{http_code} %{time_total}' \
		-F "csrf=$tok" -F "file=@$T/people.csv;type=text/csv" "$URL/people/import")"
	pchanged=$(sed -n 's/.*id="n-changed">\([0-9]*\).*/\1/p' "$T/preview.html" | head -1)
	draft=$(grep -o 'name="draft" value="[0-9]*"' "$T/preview.html" | grep -o '[0-9]*' || true)
	read -r code secs <<<"$(curl -s -m 120 -H "$C_ADMIN" -o "$T/apply.html" -w '%{http_code} %{time_total}' \
		--data-urlencode "csrf=$tok" --data-urlencode "draft=$draft" "$URL/people/apply")"
	changed=""
	if grep -q 'id="import-applied"' "$T/apply.html"; then
		changed=$(sed -n 's/.*id="n-changed">\([0-9]*\).*/\1/p' "$T/apply.html" | head -1)
	fi
	curl -s -m 120 -H "$C_ADMIN" -o "$T/again.html" -F "csrf=$tok" -F "file=@$T/people.csv;type=text/csv" "$URL/people/import"
	again=$(sed -n 's/.*id="n-changed">\([0-9]*\).*/\1/p' "$T/again.html" | head -1)
	psecs=$(awk -v s="$psecs" 'BEGIN { printf "%.3f", s }')
	secs=$(awk -v s="$secs" 'BEGIN { printf "%.3f", s }')
	ops+=("people_import_30000|{\"seconds\": $secs, \"preview_seconds\": $psecs, \"rows\": ${changed:-0}, \"status\": $code, \"again_changed\": ${again:-null}}")
	opline people_import_30000 "$secs" "${changed:-0}" \
		"$(pass_fail "$secs < 10 && $psecs < 10 && \"$code\" == 200 && \"$pcode\" == 200 && ${changed:-0} == $nrows && $nrows == 30000 && \"${again:-x}\" == \"0\"") apply and preview < 10 s each, 200, 30000 changed, then 0 (preview $psecs s, HTTP $pcode/$code, file $nrows rows, again ${again:-?} changed)"
	if [ "$code" != 200 ]; then
		say "bench: people import answered $code:"
		sed 's/<[^>]*>//g' "$T/apply.html" | grep -v '^\s*$' | head -8 >&2
	fi
fi

# -- the preview of a change of the rules over the whole school (issue 21):
# the fever threshold and the streak at once, so both paths are timed.
if later policy; then
	read -r code secs <<<"$(curl -s -m 60 -H "$C_ADMIN" -o "$T/policy.html" -w '%{http_code} %{time_total}' \
		"$URL/policy/preview?fever=36.8&streak_days=7&makeup_days_back=0&makeup_per_term=0&summary_deadline=11:30")"
	cards=$(grep -o 'data-cards="[0-9]*"' "$T/policy.html" | grep -o '[0-9]*' | head -1)
	changed=$(grep -o 'data-changed="[0-9]*"' "$T/policy.html" | grep -o '[0-9]*' | head -1)
	opened=$(grep -o 'data-opened="[0-9]*"' "$T/policy.html" | grep -o '[0-9]*' | head -1)
	secs=$(awk -v s="$secs" 'BEGIN { printf "%.3f", s }')
	ops+=("policy_preview_30000|{\"seconds\": $secs, \"cards\": ${cards:-0}, \"changed\": ${changed:-0}, \"reports_opened\": ${opened:-0}, \"status\": $code}")
	opline policy_preview_30000 "$secs" "${cards:-0}" \
		"$(pass_fail "$secs < 2 && \"$code\" == 200 && ${cards:-0} >= 30000") < 2 s, 200, every card of the term (HTTP $code, ${cards:-0} cards, ${changed:-0} change, ${opened:-0} reports open)"
fi

# -- the scheduled reminder over the whole school (issue 16): build/hc-remind
# for one slot of today, timed as cron runs it; every person without today's
# report and not exempt (counted here with SQL of its own) reminded once,
# each with one message in the app and one in the outbox; a second run of
# the same slot sends nothing.
if later remind; then
	rday=$(TZ=$(sed -n 's/^Time\.Zone *= *//p' "$ROOT/conf/healthcard.hdf") date +%F)
	sql "DELETE FROM scheduled_reminders WHERE day = '$rday' AND slot = '00:01';
		INSERT IGNORE INTO reminder_slots (at_time, created_by, created_at) VALUES ('00:01', 0, NOW())"
	want=$(sql "SELECT COUNT(*) FROM people p LEFT JOIN daily_reports d ON d.person_id = p.id
		AND d.day = '$rday' WHERE d.id IS NULL AND NOT EXISTS (SELECT 1 FROM checkin_exemptions e
		WHERE e.ended_at IS NULL AND e.starts_on <= '$rday' AND (e.ends_on IS NULL OR e.ends_on >= '$rday')
		AND (e.person_id = p.id OR e.class_id = p.class_id OR e.status = p.status))")
	msgs0=$(sql "SELECT COUNT(*) FROM messages WHERE kind = 'remind' AND body = '$rday'")
	t0=$(date +%s.%N)
	HEALTHCARD_CONF=$V/healthcard.hdf "$ROOT/build/hc-remind" --slot 00:01 >"$T/remind.out" 2>&1
	rc=$?
	secs=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.3f", b - a }')
	told=$(sed -n 's/.*: \([0-9]*\) people reminded.*/\1/p' "$T/remind.out")
	rrows=$(sql "SELECT COUNT(*) FROM scheduled_reminders WHERE day = '$rday' AND slot = '00:01'")
	msgs=$(( $(sql "SELECT COUNT(*) FROM messages WHERE kind = 'remind' AND body = '$rday'") - msgs0 ))
	HEALTHCARD_CONF=$V/healthcard.hdf "$ROOT/build/hc-remind" --slot 00:01 >"$T/remind2.out" 2>&1
	again=$(sed -n 's/.*: \([0-9]*\) people reminded.*/\1/p' "$T/remind2.out")
	sql "DELETE FROM reminder_slots WHERE at_time = '00:01'"
	ops+=("remind_30000|{\"seconds\": $secs, \"reminded\": ${told:-0}, \"unreported\": ${want:-0}, \"messages\": $msgs, \"again\": ${again:-null}, \"exit\": $rc}")
	opline remind_30000 "$secs" "${told:-0}" \
		"$(pass_fail "$secs < 10 && $rc == 0 && ${told:-0} == ${want:--1} && $rrows == ${want:--1} && $msgs == ${want:--1} && \"${again:-x}\" == \"0\"") < 10 s, each unreported person once (reminded ${told:-?} of ${want:-?} unreported, $rrows rows, $msgs messages; a second run ${again:-?})"
fi

# -- the purge of one past term's reports (issue 21): every student x 120
# days of a term that ended before the bench's (made here with SQL, with
# the term's card facts from the view, and made again on every run), purged
# by build/hc-purge under one rule (reports: 0 days after the term's end)
# while check-ins are posted at a steady BENCH_PURGE_RATE (80/s) over 16
# connections, each another student who has not reported today. wrk is
# started with the purge and stopped when it ends, so its latency is the
# check-ins' during the purge: p99 < 100 ms (the morning peak's target),
# printed next to the p99 of 20 s at the same pace just before (no purge),
# every check-in committed, and the purge's rows equal to its dry run's and
# to the rows made. The retention rules are put back afterwards.
if later purge; then
	PURGE_RATE=${BENCH_PURGE_RATE:-80}
	t0=$(date +%s.%N)
	sql "INSERT INTO terms (name, starts_on, ends_on)
			SELECT 'bench old term', m.d - INTERVAL 180 DAY, m.d - INTERVAL 61 DAY
			FROM (SELECT MIN(starts_on) AS d FROM terms WHERE name <> 'bench old term') m
			WHERE NOT EXISTS (SELECT 1 FROM terms WHERE name = 'bench old term')"
	read -r old_id old_from old_to <<<"$(sql "SELECT id, starts_on, ends_on FROM terms WHERE name = 'bench old term'")"
	sql "INSERT IGNORE INTO daily_reports (person_id, day, submitted_at, temperature, city, in_city, on_campus)
		SELECT p.id, '$old_from' + INTERVAL s.seq DAY, '$old_from 08:00:00' + INTERVAL s.seq DAY,
			36.5, '北京市', 1, 0
		FROM people p JOIN seq_0_to_119 s WHERE p.identity <> 'staff'" || die "could not make the old term's reports"
	sql "SET STATEMENT optimizer_switch = 'split_materialized=off' FOR
		REPLACE INTO card_facts SELECT * FROM card_facts_expected WHERE term_id = $old_id" ||
		die "could not write the old term's card facts"
	made=$(sql "SELECT COUNT(*) FROM daily_reports WHERE day BETWEEN '$old_from' AND '$old_to'")
	made_secs=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.0f", b - a }')
	# The rules: reports 0 days after the term, nothing else (kept); the
	# school's own put back after the figure (also after a failed run).
	sql "CREATE TABLE IF NOT EXISTS bench_retention_saved SELECT * FROM retention;
		DELETE FROM retention;
		INSERT INTO retention (kind, days, changed_at, changed_by) VALUES ('reports', 0, NOW(), 0)"
	HEALTHCARD_CONF=$V/healthcard.hdf "$ROOT/build/hc-purge" --dry-run >"$T/purge.dry" 2>&1 ||
		die "hc-purge --dry-run failed: $(cat "$T/purge.dry")"
	dry_rows=$(awk -F'\t' '$1 == "reports" && $2 == "bench old term" { print $4 }' "$T/purge.dry")
	reset_today
	nb=$(wc -l <"$T/minted_basic")
	ref_n=$((PURGE_RATE * 20))
	checkin_lines 1 "$ref_n" >"$T/purge_ref.req"
	checkin_lines "$((ref_n + 1))" "$nb" >"$T/purge_checkin.req"
	C_CHECKIN="Cookie: hc_sid=$(awk -F'\t' 'NR == 1 { print $2 }' "$T/minted_basic")"
	warm_up checkin_post
	wait_quiet purge
	# The same pace for 20 s without a purge first: the p99 to compare with.
	ROWS_BEFORE=$(reports_today)
	before=$(($(wc -l <"$V/log/access.log") + 1))
	WRK_SCRIPT=$T/paced.lua WRK_REQS="$T/purge_ref.req once $PURGE_RATE" \
		run_wrk checkin_post 22 "$T/purge.ref" "$CONNS"
	settle
	read -r OK BAD <<<"$(log_statuses "$before" POST /checkin 303)"
	check_commits purge_reference "$T/purge.ref" "$OK" "$BAD" "$CONNS"
	ref_ok=$COMMIT_OK
	read_wrk "$T/purge.ref"
	REF_P50=$P50 REF_P99=$P99
	ROWS_BEFORE=$(reports_today)
	before=$(($(wc -l <"$V/log/access.log") + 1))
	WRK_SCRIPT=$T/paced.lua WRK_REQS="$T/purge_checkin.req once $PURGE_RATE" \
		run_wrk checkin_post "$(((nb - ref_n) / PURGE_RATE + 5))" "$T/purge.checkin" "$CONNS" &
	pid_c=$!
	t0=$(date +%s.%N)
	HEALTHCARD_CONF=$V/healthcard.hdf "$ROOT/build/hc-purge" >"$T/purge.out" 2>&1
	rc=$?
	secs=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
	# wrk stops on SIGINT as at the end of its -d, and prints what it got
	# (timeout passes the signal on to it).
	wrk_pid=$(pgrep -P "$pid_c" || true)
	[ -z "$wrk_pid" ] || kill -INT "$wrk_pid" 2>/dev/null || true
	wait "$pid_c" || die "the purge's check-in wrk failed: $(cat "$T/purge.checkin")"
	sql "DELETE FROM retention; INSERT INTO retention SELECT * FROM bench_retention_saved;
		DROP TABLE bench_retention_saved"
	SECS=${secs%.*}
	settle
	read -r OK BAD <<<"$(log_statuses "$before" POST /checkin 303)"
	check_commits purge_checkin "$T/purge.checkin" "$OK" "$BAD" "$CONNS"
	read_wrk "$T/purge.checkin"
	sent=$(wrk_field "$T/purge.checkin" hc-sent)
	dry=$(wrk_field "$T/purge.checkin" hc-dry)
	purged=$(awk -F'\t' '$1 == "reports" && $2 == "bench old term" { print $4 }' "$T/purge.out")
	left=$(sql "SELECT COUNT(*) FROM daily_reports WHERE day BETWEEN '$old_from' AND '$old_to'")
	PROCS=$(procs_of checkin_post)
	RPS=$(awk -v n="$COMMITTED" -v s="$secs" 'BEGIN { printf "%.1f", (s > 0 ? n / s : 0) }')
	span=$(awk -v ms="$(wrk_field "$T/purge.checkin" hc-span-ms)" 'BEGIN { printf "%.0f", ms / 1000 }')
	v=$(pass_fail "$rc == 0 && ${purged:-0} == $made && ${dry_rows:-0} == $made && $left == 0 && \"$COMMIT_OK\" == \"PASS\" && \"$ref_ok\" == \"PASS\" && ${sent:-0} == $COMMITTED && $P99 < 100")
	record purge_checkins "$v p99 < 100 ms during the purge" "$CONNS" "\"paced_rps\": $PURGE_RATE, \"committed\": $COMMITTED"
	ops+=("purge_reports_term|{\"seconds\": $secs, \"rows\": ${purged:-0}, \"dry_rows\": ${dry_rows:-0}, \"made\": $made, \"left\": $left, \"checkins\": $COMMITTED, \"checkin_p99_ms\": $P99, \"reference_p99_ms\": $REF_P99, \"exit\": $rc}")
	opline purge_reports_term "$secs" "${purged:-0}" \
		"$v the term's $made reports gone (dry run ${dry_rows:-?}, left $left, exit $rc); $COMMITTED check-ins meanwhile at $PURGE_RATE/s, p50 $P50 ms, p99 $P99 ms (< 100 ms; without a purge just before: p50 $REF_P50 ms, p99 $REF_P99 ms)"
	target "purge of a term's reports, check-ins meanwhile" "p99 $P99 ms ($COMMITTED check-ins, ${secs} s)" "p99 < 100 ms" "$v"
	notes+=("$COMMIT_LINE" "purge: the old term's $made reports made in $made_secs s before the figure; the check-ins covered ${span:-?} s of the purge's $secs s (wrk threads that ran out of students: ${dry:-?})")
	[ "$rc" = 0 ] || say "bench: FAIL: hc-purge: $(tail -3 "$T/purge.out")"
fi

# -- the last places of a venue's slot, booked by 64 at once (issue 15): 64
# of the minted counselors (staff: a building pass without a return) each
# fetch /booking for a token, then all post /booking/book for the same slot
# of a 10-place venue at once. Exactly 10 bookings, the slot's count 10,
# and every other answer 409 (no place left; a 403 is a card that holds no
# pass, named).
if later booking; then
	bday=$(TZ=$(sed -n 's/^Time\.Zone *= *//p' "$ROOT/conf/healthcard.hdf") date -d tomorrow +%F)
	bslot="$bday 12:00:00"
	sql "INSERT IGNORE INTO buildings (name, kind, created_at) VALUES ('bench 浴室', 'bath', NOW());
		INSERT IGNORE INTO venues (building_id, name, opens, closes, slot_minutes, capacity, created_at)
		SELECT id, 'bench 淋浴', '06:00', '22:00', 30, 10, NOW() FROM buildings WHERE name = 'bench 浴室'"
	bv=$(sql "SELECT id FROM venues WHERE name = 'bench 淋浴'")
	sql "DELETE FROM bookings WHERE venue_id = $bv; DELETE FROM venue_slots WHERE venue_id = $bv"
	head -64 "$T/counselors" | while IFS=$'\t' read -r _ bsid _; do
		printf '%s\t%s\n' "$bsid" "$(curl -s -b "hc_sid=$bsid" "$URL/booking" | csrf_in /dev/stdin)"
	done >"$T/bookers"
	: >"$T/booked"
	t0=$(date +%s.%N)
	while IFS=$'\t' read -r bsid btok; do
		curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -b "hc_sid=$bsid" \
			--data-urlencode "csrf=$btok" --data-urlencode "venue=$bv" \
			--data-urlencode "start=$bslot" "$URL/booking/book" >>"$T/booked" &
	done <"$T/bookers"
	wait
	secs=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.3f", b - a }')
	ok=$(grep -c '^303 ' "$T/booked" || true); full=$(grep -c '^409 ' "$T/booked" || true)
	nopass=$(grep -c '^403 ' "$T/booked" || true)
	sent=$(wc -l <"$T/booked")
	slowest=$(awk '{ if ($2 > m) m = $2 } END { printf "%.0f", m * 1000 }' "$T/booked")
	brows=$(sql "SELECT COUNT(*) FROM bookings WHERE venue_id = $bv AND starts_at = '$bslot' AND state = 'booked'")
	bcount=$(sql "SELECT COALESCE((SELECT booked FROM venue_slots WHERE venue_id = $bv AND starts_at = '$bslot'), 0)")
	sql "DELETE FROM bookings WHERE venue_id = $bv; DELETE FROM venue_slots WHERE venue_id = $bv"
	ops+=("booking_last_64|{\"seconds\": $secs, \"sent\": $sent, \"booked\": $ok, \"full\": $full, \"no_pass\": $nopass, \"rows\": $brows, \"slot_count\": $bcount, \"slowest_ms\": $slowest}")
	opline booking_last_64 "$secs" "$brows" \
		"$(pass_fail "$sent == 64 && $ok == 10 && $brows == 10 && $bcount == 10 && $ok + $full + $nopass == 64") 64 at once for 10 places: exactly 10 booked (303 $ok, 409 $full, 403 no pass $nopass, of $sent; $brows rows, the slot's count $bcount; slowest answer $slowest ms)"
fi

# -- the gate: /scan from an enrolled phone, a fresh code of another student
# each request, 32 connections as at a busy gate. Codes live 60 s, so they
# are drawn by PRE_RUN just before the measured run (the warm-up opens the
# scanning page itself). The answers are the real mix of ALLOW (recorded),
# DENY and ALREADY. A run longer than the students last (30,000 at 3,000/s:
# 10 s) scans students again; the line says how many requests did.

# enrol_device NAME [GATE]: enrols a phone at gate GATE (1); prints its
# cookies ("hc_dev=..; hc_sid=..") or nothing.
enrol_device() {
	local tok link dev jar=$T/jar.dev.$1 gate=${2:-1}
	curl -s -H "$C_ADMIN" -o "$T/gates.html" "$URL/gates"
	tok=$(csrf_in "$T/gates.html")
	curl -s -H "$C_ADMIN" -o "$T/device.html" --data-urlencode "csrf=$tok" --data-urlencode "gate_id=$gate" \
		--data-urlencode "name=bench $1 $(date +%s)" "$URL/gates/add_device"
	link=$(grep -o '/scan/enrol/[A-Za-z0-9_-]*' "$T/device.html" | head -1)
	[ -n "$link" ] || return 0
	curl -s -c "$jar" -o "$T/enrol.html" "$URL$link"
	tok=$(csrf_in "$T/enrol.html")
	curl -s -b "$jar" -c "$jar" -o /dev/null --data-urlencode "csrf=$tok" "$URL$link"
	dev=$(awk '$6 == "hc_dev" { print $7 }' "$jar" | tail -1)
	[ -z "$dev" ] || echo "hc_dev=$dev; hc_sid=$(awk '$6 == "hc_sid" { print $7 }' "$jar" | tail -1)"
}
# scan_lines OUT COOKIE...: a fresh code for each student of scan_ids, the
# phones (cookies) taking turns.
scan_lines() {
	local out=$1
	shift
	HEALTHCARD_CONF=$V/healthcard.hdf xargs "$ROOT/build/scantoken" <"$T/scan_ids" |
		awk -v phones="$(printf '%s\n' "$@")" 'BEGIN { n = split(phones, c, "\n") }
			{ printf "GET\t/scan?t=%s\t%s\t\n", $1, c[(NR - 1) % n + 1] }' >"$out"
}
arrivals() { sql "SELECT COUNT(*) FROM arrivals WHERE kind = 'gate'"; }
if later scan || later peak || later entrance; then
	sql "SELECT id FROM people WHERE identity <> 'staff' ORDER BY id LIMIT $STUDENTS" >"$T/scan_ids"
	PHONE=$(enrol_device gate0)
	[ -n "$PHONE" ] || die "the bench's gate phone did not enrol (/gates/add_device, /scan/enrol)"
	C_SCAN="Cookie: $PHONE"
fi
scan_pre() { scan_lines "$T/scan.req" "$PHONE"; }
if later scan; then
	narr=$(arrivals)
	CONNS=${BENCH_SCAN_CONNS:-32} WARM_CONNS=$((${BENCH_SCAN_CONNS:-32} * 2)) \
		PRE_RUN=scan_pre WRK_SCRIPT=$T/plain.lua WRK_REQS="$T/scan.req cycle 0" measure scan
	PRE_RUN="" WRK_SCRIPT=""
	wrapped=$(wrk_field "$T/wrk.scan" hc-wrapped)
	ratio=$(ratio_of "$RPS")
	v=$(pass_fail "$ratio >= 0.35 && $P99 < 20 && $BAD == 0")
	record scan "$v ratio >= 0.35, p99 < 20 ms" "${BENCH_SCAN_CONNS:-32}" "\"rescans\": ${wrapped:-0}"
	target "/scan, another student each, ${BENCH_SCAN_CONNS:-32} conns" "$ratio ($RPS/s), p99 $P99 ms" ">= 0.35, p99 < 20 ms" "$v"
	notes+=("scan: $(wc -l <"$T/scan_ids") students' codes at ${BENCH_SCAN_CONNS:-32} connections; $(($(arrivals) - narr)) arrivals recorded; ${wrapped:-0} requests re-scanned a student already scanned in this run")
fi
# -- a building's entrance (issue 15): GET /scan/pass?t= from the
# entrance's enrolled phone, a fresh pass "out" of another student each
# request (the way out asks no temperature), 32 connections, the campus
# gate's target. The answers are the real mix: ALLOW (a passage recorded)
# for a student whose pass holds, DENY with the reason (recorded too) for
# the others.
if later entrance; then
	sql "INSERT IGNORE INTO buildings (name, kind, created_at) VALUES ('bench 图书馆', 'library', NOW());
		INSERT IGNORE INTO gates (kind, name, building_id) SELECT 'entrance', 'bench 图书馆南门', id
		FROM buildings WHERE name = 'bench 图书馆'"
	EB=$(sql "SELECT id FROM buildings WHERE name = 'bench 图书馆'")
	EG=$(sql "SELECT id FROM gates WHERE kind = 'entrance' AND name = 'bench 图书馆南门'")
	EPHONE=$(enrol_device entrance0 "$EG")
	[ -n "$EPHONE" ] || die "the bench's entrance phone did not enrol (/gates/add_device, /scan/enrol)"
	entrance_pre() {
		HEALTHCARD_CONF=$V/healthcard.hdf xargs "$ROOT/build/scantoken" --pass "$EB" "$EG" out <"$T/scan_ids" |
			awk -v c="$EPHONE" '{ printf "GET\t/scan/pass?t=%s\t%s\t\n", $1, c }' >"$T/entrance.req"
	}
	npass=$(sql "SELECT COUNT(*) FROM passages")
	CONNS=${BENCH_SCAN_CONNS:-32} WARM_CONNS=$((${BENCH_SCAN_CONNS:-32} * 2)) \
		PRE_RUN=entrance_pre WRK_SCRIPT=$T/plain.lua WRK_REQS="$T/entrance.req cycle 0" measure entrance_scan
	PRE_RUN="" WRK_SCRIPT=""
	ratio=$(ratio_of "$RPS")
	v=$(pass_fail "$ratio >= 0.35 && $P99 < 20 && $BAD == 0")
	record entrance_scan "$v ratio >= 0.35, p99 < 20 ms" "${BENCH_SCAN_CONNS:-32}"
	target "/scan/pass at an entrance, another student each, ${BENCH_SCAN_CONNS:-32} conns" "$ratio ($RPS/s), p99 $P99 ms" ">= 0.35, p99 < 20 ms" "$v"
	notes+=("entrance_scan: $(($(sql "SELECT COUNT(*) FROM passages") - npass)) passages recorded (ALLOW out and DENY with the reason)")
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
	CONNS=$TABLE_CONNS WARM_CONNS=$((TABLE_CONNS * 4)) measure table_college
	rows_c=$(grep -o 'id="total">[0-9]*' "$T/table.html" | grep -o '[0-9]*$')
	v=$(pass_fail "$RPS > 0 && $P99 < 50 && $BAD == 0")
	record table_college "$v p99 < 50 ms ($rows_c rows of one college)" "$TABLE_CONNS"
	target "/table, one college ($TABLE_CONNS conns)" "p99 $P99 ms ($RPS/s)" "p99 < 50 ms" "$v"
	CONNS=$TABLE_CONNS WARM_CONNS=$((TABLE_CONNS * 4)) measure table_card
	v=$(pass_fail "$RPS > 0 && $P99 < 100 && $BAD == 0")
	record table_card "$v p99 < 100 ms (card state over the school)" "$TABLE_CONNS"
	target "/table, card state over the school ($TABLE_CONNS conns)" "p99 $P99 ms ($RPS/s)" "p99 < 100 ms" "$v"
	CONNS=1 THREADS=1 WARM_CONNS=4 measure report_admin
	record report_admin "$(pass_fail "$RPS > 0 && $P99 < 200") p99 < 200 ms" 1
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

	# The table right after a change: one student checks in (POST
	# /checkin, as the page writes it), then one request over the whole
	# school; 20 times, 20 students who have not checked in today.
	reset_today
	tpath="/table?card=may_return"
	for _ in $(seq 1 8); do curl -s -o /dev/null -H "$C_ADMIN" "$URL$tpath"; done
	: >"$T/after"
	: >"$T/after.codes"
	tail -n 20 "$T/minted_basic" | while IFS=$'\t' read -r _ s c; do
		curl -s -o /dev/null -w '%{http_code}\n' -H "Cookie: hc_sid=$s" \
			--data "csrf=$c&$CHECKIN_FORM" "$URL/checkin" >>"$T/after.codes"
		curl -s -o /dev/null -w '%{time_total}\n' -H "$C_ADMIN" "$URL$tpath" >>"$T/after"
	done
	read -r p50 pmax <<<"$(sort -n "$T/after" | awk '{ t[NR] = $1 } END { printf "%.3f %.3f", t[int((NR + 1) / 2)], t[NR] }')"
	nbad=$(grep -vc '^303$' "$T/after.codes" || true)
	ops+=("table_after_change|{\"seconds\": $p50, \"max_seconds\": $pmax, \"checkins_not_303\": $nbad}")
	opline table_after_change "$p50" 1 "p50 of 20, max $pmax s, each right after a check-in ($nbad of them not 303)"
fi

# -- the morning peak: BENCH_PEAK_CHECKINS check-ins, each another student,
# paced at BENCH_PEAK_RATE over BENCH_PEAK_CONNS connections, while the
# first 100 counselors (minted sessions) reload their dashboards, each every
# BENCH_PEAK_RELOAD_MS, and 4 gate phones scan, each every
# BENCH_PEAK_SCAN_MS (a phone that reads a code, shows the answer and
# turns to the next student: about one a second). Three wrk processes,
# started together; the pools of all three programs grown first.
if later peak; then
	PEAK_N=${BENCH_PEAK_CHECKINS:-15000}
	PEAK_RATE=${BENCH_PEAK_RATE:-1000}
	PEAK_CONNS=${BENCH_PEAK_CONNS:-32}
	RELOAD_MS=${BENCH_PEAK_RELOAD_MS:-1000}
	SCAN_MS=${BENCH_PEAK_SCAN_MS:-1000}
	nb=$(wc -l <"$T/minted_basic")
	if [ "$PEAK_N" -gt "$nb" ]; then
		notes+=("peak: only $nb students with basic info minted: $nb check-ins, not $PEAK_N")
		PEAK_N=$nb
	fi
	ncoun=$(wc -l <"$T/counselors")
	IFS=$'\t' read -r _ c_sid _ <"$T/counselors"
	[ -n "$C_COUNSELOR" ] || C_COUNSELOR="Cookie: hc_sid=$c_sid"   # warms the pool up
	code=$(curl -s -H "Cookie: hc_sid=$c_sid" -o "$T/c_dash.html" -w '%{http_code}' "$URL/dashboard")
	[ "$code" = 200 ] && ! grep -q 'name="password"' "$T/c_dash.html" ||
		die "GET /dashboard with a minted counselor's session answered $code"
	phones=("$PHONE")
	for i in 1 2 3; do
		p=$(enrol_device "gate$i")
		[ -n "$p" ] || die "gate phone $i did not enrol"
		phones+=("$p")
	done
	reset_today
	checkin_lines 1 "$PEAK_N" >"$T/peak_checkin.req"
	C_CHECKIN="Cookie: hc_sid=$(awk -F'\t' 'NR == 1 { print $2 }' "$T/minted_basic")"
	PEAK_SECS=$(((PEAK_N + PEAK_RATE - 1) / PEAK_RATE))
	warm_up checkin_post
	warm_up dashboard_counselor
	CONNS=4 WARM_CONNS=16 warm_up scan
	scan_lines "$T/peak_scan.req" "${phones[@]}"
	wait_quiet peak
	ROWS_BEFORE=$(reports_today)
	before=$(($(wc -l <"$V/log/access.log") + 1))
	errs=$(wc -l <"$V/log/error.log")
	# The paced rate goes to bench.lua as requests/s for the whole run.
	WRK_SCRIPT=$T/paced.lua WRK_REQS="$T/peak_checkin.req once $PEAK_RATE" \
		run_wrk checkin_post "$((PEAK_SECS + 5))" "$T/peak.checkin" "$PEAK_CONNS" &
	pid_c=$!
	WRK_SCRIPT=$T/paced.lua WRK_REQS="$T/counselors.req cycle $((ncoun * 1000 / RELOAD_MS)) $PEAK_SECS" \
		run_wrk dashboard_counselor "$((PEAK_SECS + 3))" "$T/peak.dash" "$ncoun" &
	pid_d=$!
	WRK_SCRIPT=$T/paced.lua WRK_REQS="$T/peak_scan.req cycle $((4 * 1000 / SCAN_MS)) $PEAK_SECS" \
		run_wrk scan "$((PEAK_SECS + 3))" "$T/peak.scan" 4 &
	pid_s=$!
	sleep "$((PEAK_SECS / 2))"
	mem_sample   # in the middle of the peak, every pool busy
	wait "$pid_c" || die "the peak's check-in wrk failed: $(cat "$T/peak.checkin")"
	wait "$pid_d" || die "the peak's dashboard wrk failed: $(cat "$T/peak.dash")"
	wait "$pid_s" || die "the peak's scan wrk failed: $(cat "$T/peak.scan")"
	SECS=$PEAK_SECS
	settle
	read -r ok_c bad_c <<<"$(log_statuses "$before" POST /checkin 303)"
	read -r ok_d bad_d <<<"$(log_statuses "$before" GET /dashboard 200)"
	read -r ok_s bad_s <<<"$(log_statuses "$before" GET /scan 200)"
	check_commits peak_checkin "$T/peak.checkin" "$ok_c" "$bad_c" "$PEAK_CONNS"
	elog=$(tail -n +"$((errs + 1))" "$V/log/error.log" | grep -vc ':notice\]' || true)
	elog_what=$(tail -n +"$((errs + 1))" "$V/log/error.log" | grep -v ':notice\]' |
		sed 's/^\[[^]]*\] \[\([^]]*\)\].*\] \(AH[0-9]*\|([0-9]*)[^:]*\).*/\1 \2/' | sort | uniq -c | sort -rn | head -3 | tr -s ' \n' ' ' || true)
	# Errors: answers that were not the expected ones (Apache's log and
	# wrk's count), requests that failed at wrk, and check-ins sent that
	# never got in (each student posts once: every one missing from the
	# rows was lost on the way). Check-ins not sent by the end are the pace
	# not held: the verdict wants all PEAK_N rows. Error-log lines are
	# shown, not counted: a failed request is in the counts already, and
	# Apache also logs there that it ran out of workers (requests queue:
	# the latency shows it).
	sent=$(wrk_field "$T/peak.checkin" hc-sent)
	errors=$((bad_c + bad_d + bad_s + ${sent:-0} - COMMITTED))
	closed=0
	for f in checkin dash scan; do
		errors=$((errors + $(wrk_socket_errors "$T/peak.$f")))
		closed=$((closed + $(wrk_socket_errors "$T/peak.$f" read)))
	done
	errors=$((errors + $(wrk_status "$T/peak.checkin" 303 other) + $(wrk_status "$T/peak.dash" 200 other) \
		+ $(wrk_status "$T/peak.scan" 200 other)))
	[ "$COMMIT_OK" = PASS ] || errors=$((errors + 1))
	# wrk's requests/s divides by its whole -d; what the pace held is the
	# answers over the span from the first request to the last answer.
	span_rps() {
		awk '$1 == "hc-status" { for (i = 2; i <= NF; i++) { split($i, kv, "="); n += kv[2] } }
			$1 == "hc-span-ms" { ms = $2 }
			END { printf "%.1f", (ms > 0 ? 1000 * n / ms : 0) }' "$1"
	}
	for f in dash scan checkin; do
		read_wrk "$T/peak.$f"
		RPS=$(span_rps "$T/peak.$f")
		case "$f" in
		dash) PROCS=$(procs_of dashboard_counselor) BAD=$bad_d
			record peak_dashboards "" "$ncoun" ;;
		scan) PROCS=$(procs_of scan) BAD=$bad_s
			record peak_scans "" 4 ;;
		esac
	done
	PROCS=$(procs_of checkin_post) BAD=$bad_c
	v=$(pass_fail "$errors == 0 && $P99 < 100 && $COMMITTED == $PEAK_N && $RPS >= 0.95 * $PEAK_RATE")
	record peak_checkins "$v 0 errors, p99 < 100 ms, $PEAK_N committed at >= 95 % of $PEAK_RATE/s" "$PEAK_CONNS" \
		"\"errors\": $errors, \"committed\": $COMMITTED, \"paced_rps\": $PEAK_RATE"
	target "morning peak: $PEAK_N check-ins at $PEAK_RATE/s" "$errors errors, p99 $P99 ms, $RPS/s, $COMMITTED rows" "0 errors, p99 < 100 ms" "$v"
	notes+=("$COMMIT_LINE"
		"peak: $((${sent:-0} - COMMITTED)) check-ins sent and lost, $((PEAK_N - ${sent:-0})) not sent by the end (the pace not held); $closed connections closed by Apache (wrk's read errors: Apache's event MPM closes idle keep-alive connections when all its workers are busy; wrk does not resend a request written into one as it closed, where a browser would)"
		"peak: $ncoun counselors reloading every $RELOAD_MS ms ($ok_d dashboards), 4 phones scanning every $SCAN_MS ms ($ok_s scans); errors: $bad_c/$bad_d/$bad_s bad answers (check-in/dashboard/scan); $elog error-log lines${elog_what:+ (most: $elog_what)}")
fi

# -- lines of C and SQL in lib/ and sql/: fewer than at BENCH_LOC_REF
loc_tree() { find "$ROOT/lib" "$ROOT/sql" -type f \( -name '*.c' -o -name '*.h' -o -name '*.sql' \) -exec cat {} + | wc -l; }
loc_at() {   # loc_at REF: the same count in a commit, empty if there is none
	git -C "$ROOT" cat-file -e "$1^{commit}" 2>/dev/null || return 0
	git -C "$ROOT" ls-tree -r --name-only "$1" lib/ sql/ | grep -E '\.(c|h|sql)$' |
		while read -r f; do git -C "$ROOT" show "$1:$f"; done | wc -l
}
if later loc; then
	ref=${BENCH_LOC_REF:-fb02c7c}
	loc=$(loc_tree)
	base=$(loc_at "$ref")
	SECS=10
	if [ -n "$base" ]; then
		v=$(pass_fail "$loc < $base")
		target "lines of C and SQL in lib/ and sql/" "$loc (at $ref: $base)" "fewer than at $ref" "$v"
	else
		target "lines of C and SQL in lib/ and sql/" "$loc" "fewer than at $ref" "n/a (no $ref)"
	fi
	ops+=("loc_lib_sql|{\"lines\": $loc, \"base_lines\": ${base:-null}}")
fi

# The stored card facts after all the bench wrote (through the pages, and
# reset_today's repairs): no row may differ from what the base tables say,
# or the next run measures drifted data. hc-facts reads every student; its
# client gets a longer read timeout than the pages' for that.
if [ "${BENCH_FACTS_CHECK:-1}" = 1 ]; then
	printf '#include "%s"\nDB.ReadTimeout = 900\n' "$(readlink -f "$V/healthcard.hdf")" >"$T/facts.hdf"
	if HEALTHCARD_CONF=$T/facts.hdf "$ROOT/build/hc-facts" check >"$T/facts.out" 2>&1; then
		notes+=("card facts after the run: hc-facts check found no difference")
	else
		METHOD_FAILED="$METHOD_FAILED card-facts"
		notes+=("card facts after the run: FAIL: $(tail -1 "$T/facts.out") (hc-facts check; first: $(head -1 "$T/facts.out"))")
	fi
fi

# Memory under the bench: the largest the stack was after a figure's run.
read -r mp mpages mapache mdb <<<"$MEM_MAX"
if [ "$mp" -gt 0 ]; then
	notes+=("memory under the bench (largest, after a figure): $mp page processes $((mpages / 1024)) MiB PSS ($((mpages / mp)) KiB each), Apache $((mapache / 1024)) MiB, mariadbd $((mdb / 1024)) MiB (buffer pool ${HC_DB_POOL:-2G})")
	ops+=("memory|{\"page_procs\": $mp, \"pages_pss_kib\": $mpages, \"apache_pss_kib\": $mapache, \"mariadbd_pss_kib\": $mdb}")
fi

for e in "${entries[@]}"; do
	json_put "$JSON" "${e%%|*}" "${e#*|}"
done
for e in "${ops[@]}"; do
	json_put "$JSON" "${e%%|*}" "${e#*|}" ops
done

echo
printf '%-20s %10s %9s %9s %7s %6s %6s %5s  %s\n' figure rps 'p50 ms' 'p99 ms' ratio bad procs secs target
printf '%s\n' "${rows[@]}"
if [ "${#oprows[@]}" -gt 0 ]; then
	echo
	printf '%-20s %11s %12s  %s\n' operation time rows target
	printf '%s\n' "${oprows[@]}"
fi
if [ "${#targets[@]}" -gt 0 ]; then
	echo
	echo "issue 12's targets (ratios to /__hello at $BASE_RPS/s in this run; durable commits):"
	printf '%s\n' "${targets[@]}"
fi
if [ "${#notes[@]}" -gt 0 ]; then
	echo
	printf '%s\n' "${notes[@]}"
fi
echo
echo "MariaDB ran with innodb_flush_log_at_trx_commit=1 (durable) for every figure; written to $JSON"
[ -z "$BUSY" ] || echo "note: the machine was busy during$BUSY; run again for clean figures"
[ "$SECONDS_PER_RUN" -ge 10 ] || echo "note: BENCH_SECONDS=$SECONDS_PER_RUN: short runs check the method; they are not results"
[ "$(stamp_bins)" = "$BINS" ] ||
	echo "note: build/cgi-bin changed during the run (a rebuild?): figures may mix versions"
[ -z "$METHOD_FAILED" ] || die "a check of the method failed:$METHOD_FAILED"
