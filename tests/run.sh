#!/usr/bin/env bash
# run.sh - runs the tests and prints one closing line "N passed, N failed".
#   tests/run.sh unit|http|browser|fuzz|cluster|all|install [PATTERN]
# install (make test-install, not part of all: it builds two packages and
# a Debian root, minutes): tests/install/run.sh.
# PATTERN (http and cluster), an extended regular expression, picks the
# HTTP tests whose file names match it (t0011, or t000[13]|t0024).
# Unit tests are cmocka programs; fuzzers are libFuzzer harnesses run for a
# few seconds each; HTTP and browser tests run against a
# private MariaDB + Apache started here on a free loopback port and torn
# down at the end; the cluster tests against three Galera nodes and two
# web hosts (tools/cluster.sh).
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
what=${1:-all}
only=${2:-}
OUT=${HC_TEST_OUT:-$ROOT/tests/out}   # another folder: two runs side by side
mkdir -p "$OUT"
RESULTS=$OUT/results.txt
: >"$RESULTS"
export ROOT RESULTS OUT

# The domain unit tests (test_domain) need a database: one MariaDB of
# this run's own, without Apache (tools/stack.sh dbonly), in a fresh
# folder under var/ (its socket in a fresh runtime folder: no port, so
# two runs never meet), purged when the unit tests end.
UNIT_VAR=""
unit_db_start() {
	mkdir -p "$ROOT/var"
	UNIT_VAR=$(mktemp -d "$ROOT/var/unit.XXXXXX") || return 1
	if "$ROOT/tools/stack.sh" dbonly "$UNIT_VAR" --students 100 --days 20 --seed 7 \
		>"$OUT/unit-db.log" 2>&1; then
		export HC_UNIT_CONF=$UNIT_VAR/healthcard.hdf
	else
		cat "$OUT/unit-db.log"
		echo "not ok unit database did not start (unit-db.log)" >>"$RESULTS"
	fi
}

unit_db_stop() {
	[ -n "$UNIT_VAR" ] || return 0
	"$ROOT/tools/stack.sh" purge "$UNIT_VAR" >/dev/null 2>&1
	UNIT_VAR=""
	unset HC_UNIT_CONF
}

run_unit() {
	unit_db_start
	local src t
	for src in "$ROOT"/tests/unit/test_*.c; do
		# The programs of today's sources only: a build folder may keep
		# one whose source is gone.
		t="$ROOT/build/tests/$(basename "$src" .c)"
		if [ ! -x "$t" ]; then
			echo "not ok unit $(basename "$t") not built" >>"$RESULTS"
			continue
		fi
		local log="$OUT/$(basename "$t").log"
		"$t" >"$log" 2>&1
		local rc=$?
		# cmocka prints one line per test: "[       OK ] name" / "[  FAILED  ] name"
		grep -E '^\[       OK \]' "$log" | sed "s|^\[       OK \] |ok unit $(basename "$t") |" >>"$RESULTS"
		grep -E '^\[  (FAILED|ERROR) +\] [a-z_0-9]+$' "$log" | sed "s|^\[  [A-Z]* *\] |not ok unit $(basename "$t") |" >>"$RESULTS"
		if [ $rc -ne 0 ] && ! grep -q '^not ok unit '"$(basename "$t")" "$RESULTS"; then
			echo "not ok unit $(basename "$t") exited $rc" >>"$RESULTS"
		fi
		cat "$log"
	done
	unit_db_stop
	run_layers
}

# The include rules of lib/ and cgi-bin/ (tests/layers.py; its exceptions
# are listed there, with their reasons), and its proof that it fails on
# what it forbids.
run_layers() {
	local log="$OUT/layers.log"
	if python3 "$ROOT/tests/layers.py" >"$log" 2>&1; then
		echo "ok unit layers: $(tail -1 "$log")" >>"$RESULTS"
	else
		grep -v ' exceptions$' "$log" | sed 's/^/not ok unit layers: /' >>"$RESULTS"
	fi
	python3 "$ROOT/tests/layers.py" --self-check >"$log.self" 2>&1
	sed 's/^\(not \)\{0,1\}ok /&unit /' "$log.self" >>"$RESULTS"
	grep -q 'layers self-check: the copy' "$log.self" ||
		echo "not ok unit layers self-check did not run" >>"$RESULTS"
	cat "$log" "$log.self"
}

# A block of 100 loopback ports for this run: HC_PORT for the stack, and
# HC_PORT + 1 ... + 99 for the stacks that tests start of their own. A
# block is held by a lock (flock on a file kept open until this script
# ends), so two runs on one machine (another checkout, a helper) never
# pick the same ports, even while one is still loading its data.
free_port() {
	local k base fd dir=/var/tmp/healthcard-ports
	mkdir -p "$dir" 2>/dev/null
	for k in $(seq 0 49); do
		base=$((20000 + 100 * k))
		exec {fd}>>"$dir/$base.lock" || continue
		if flock -n "$fd"; then
			if ! (exec 3<>"/dev/tcp/127.0.0.1/$base") 2>/dev/null; then
				echo "$base"
				return
			fi
			flock -u "$fd"
		fi
		exec {fd}>&-
	done
	echo "no free block of ports from 20000" >&2
	return 1
}

STACK_VAR=""
start_stack() {
	export HC_PORT
	# Not in a subshell: the lock must stay with this script.
	free_port >"$OUT/port" || return 1
	HC_PORT=$(cat "$OUT/port")
	STACK_VAR=$ROOT/var/test-$HC_PORT
	"$ROOT/tools/stack.sh" purge "$STACK_VAR" >/dev/null 2>&1
	export HC_VAR=$STACK_VAR
	echo "== starting a private stack on port $HC_PORT ($STACK_VAR)"
	# The fault hook of lib/core/db.c, armed by writing this file
	# (tests/http/t0023-txn-kill.sh); absent, it does nothing. The page
	# processes read it in the runtime folder (@RT@: they may not pass
	# this checkout's folders); the tests write it through VARDIR/tmp.
	export HC_KILL_FILE=$STACK_VAR/tmp/kill-at
	# Dashboards live (no snapshot): the flows' tests read their figures
	# right after writing them. t0027 runs a host with snapshots.
	if ! HC_EXTRA_CONF="Test.KillFile = @RT@/tmp/kill-at
Dash.SnapshotSeconds = ${HC_TEST_SNAPSHOT_SECONDS:-0}" "$ROOT/tools/stack.sh" start "$STACK_VAR" "$HC_PORT" \
		--students 600 --days 30 --seed 7 >"$OUT/stack.log" 2>&1; then
		cat "$OUT/stack.log"
		echo "not ok stack did not start" >>"$RESULTS"
		return 1
	fi
}

stop_stack() {
	[ -n "$STACK_VAR" ] || return 0
	"$ROOT/tools/stack.sh" stop "$STACK_VAR" >/dev/null 2>&1
	cp "$STACK_VAR/log/error.log" "$OUT/apache-error.log" 2>/dev/null
	"$ROOT/tools/stack.sh" purge "$STACK_VAR" >/dev/null 2>&1
	STACK_VAR=""
}

# The cluster (tools/cluster.sh): three Galera nodes, hosts A and B under
# /healthcard. The HTTP tests that do not stop, restart or rebuild
# servers (CLUSTER_SKIP) and start no stack of their own run with requests
# alternating between the hosts (tests/http/lib.sh), then the failure
# drill of tests/cluster.
CLUSTER_VAR=""
CLUSTER_SKIP='t0005|t0008|t0009|t0018|t0023|t0024|t0027|t0097|t0099'
start_cluster() {
	free_port >"$OUT/port" || return 1
	HC_PORT=$(cat "$OUT/port")
	CLUSTER_VAR=$ROOT/var/cluster-$HC_PORT
	"$ROOT/tools/cluster.sh" purge "$CLUSTER_VAR" >/dev/null 2>&1
	export HC_PORT HC_PORT_B=$((HC_PORT + 1)) HC_VAR=$CLUSTER_VAR
	# The hosts serve under a path prefix, as behind a university's
	# reverse proxy: the HTTP tests' one run under it (tests/http/lib.sh
	# fails any redirect, cookie, link, form or source that leaves it).
	export HC_PREFIX=/healthcard
	export HC_DB_SOCKET=$CLUSTER_VAR/cluster/n1/mysqld.sock
	echo "== starting a three-node Galera cluster and two web hosts on ports $HC_PORT, $HC_PORT_B ($CLUSTER_VAR)"
	if ! HC_EXTRA_CONF="Dash.SnapshotSeconds = 0" "$ROOT/tools/cluster.sh" start "$CLUSTER_VAR" "$HC_PORT" \
		--students 600 --days 30 --seed 7 >"$OUT/cluster.log" 2>&1; then
		tail -30 "$OUT/cluster.log"
		echo "not ok cluster did not start (tests/out/cluster.log)" >>"$RESULTS"
		return 1
	fi
	"$ROOT/tools/cluster.sh" status "$CLUSTER_VAR"
	# Its real path (under /var/tmp), as the web hosts have it.
	HC_DB_SOCKET=$(readlink -f "$CLUSTER_VAR/cluster")/n1/mysqld.sock
}

stop_cluster() {
	[ -n "$CLUSTER_VAR" ] || return 0
	"$ROOT/tools/cluster.sh" stop "$CLUSTER_VAR" >/dev/null 2>&1
	cp "$CLUSTER_VAR/log/error.log" "$OUT/apache-error-cluster.log" 2>/dev/null
	"$ROOT/tools/cluster.sh" purge "$CLUSTER_VAR" >/dev/null 2>&1
	CLUSTER_VAR=""
}

run_cluster() {
	local t
	start_cluster || return
	for t in "$ROOT"/tests/http/t[0-9]*.sh "$ROOT"/tests/cluster/c[0-9]*.sh; do
		[[ "$(basename "$t")" =~ $CLUSTER_SKIP ]] && continue
		# A test with a stack of its own (a prefix, HTTPS, LDAP, a
		# gateway...) tests that stack: it ran in the http phase.
		grep -qE 'tools/stack\.sh" (start|dbonly)' "$t" && continue
		[[ "$(basename "$t")" =~ $only ]] || continue
		echo "== $(basename "$t") (cluster)"
		bash "$t"
		local rc=$?
		[ $rc = 0 ] || echo "not ok cluster $(basename "$t") exited $rc" >>"$RESULTS"
	done
	STACK_VAR=$CLUSTER_VAR check_facts cluster
	stop_cluster
	unset HC_PORT_B HC_DB_SOCKET HC_PREFIX
}
trap 'stop_stack; stop_cluster; unit_db_stop' EXIT

run_http() {
	for t in "$ROOT"/tests/http/t[0-9]*.sh; do
		[[ "$(basename "$t")" =~ $only ]] || continue
		echo "== $(basename "$t")"
		bash "$t"
		local rc=$?
		[ $rc = 0 ] || echo "not ok http $(basename "$t") exited $rc" >>"$RESULTS"
	done
}

# After every flow has written: each stored card fact must equal what the
# base tables say (hc-facts check prints every difference).
check_facts() {
	local log="$OUT/facts-$1.log"
	if HEALTHCARD_CONF="$STACK_VAR/healthcard.hdf" "$ROOT/build/hc-facts" check >"$log" 2>&1; then
		echo "ok facts after the $1 tests: $(tail -1 "$log")" >>"$RESULTS"
	else
		echo "not ok facts after the $1 tests: $(tail -1 "$log") (tests/out/facts-$1.log)" >>"$RESULTS"
		head -20 "$log"
	fi
}

run_browser() {
	echo "== browser journeys"
	node "$ROOT/tests/browser/run.mjs"
	local rc=$?
	[ $rc = 0 ] || echo "not ok browser run.mjs exited $rc" >>"$RESULTS"
}

# Fuzzing: each libFuzzer harness of tests/fuzz (AddressSanitizer and UBSan
# on) for FUZZ_SECONDS (5 inside make test, about 30 s in all; make fuzz
# gives each 300) from its checked-in corpus, tests/fuzz/corpus/NAME. What
# it adds goes to build/fuzz/NAME-new, a finding to build/fuzz/NAME-crash-*.
FUZZERS="input multipart upload session gate sheet"
run_fuzz() {
	local secs=${FUZZ_SECONDS:-5} name dir=$ROOT/build/fuzz
	echo "== fuzzing, ${secs} s a harness"
	if ! command -v "${FUZZ_CC:-clang}" >/dev/null 2>&1; then
		for name in $FUZZERS; do
			echo "not ok fuzz $name: ${FUZZ_CC:-clang} is missing (Debian package clang: apt-get install -y clang)" | tee -a "$RESULTS"
		done
		return
	fi
	if ! make -s -C "$ROOT" FUZZ_CC="${FUZZ_CC:-clang}" fuzzers >"$OUT/fuzz-build.log" 2>&1; then
		cat "$OUT/fuzz-build.log"
		for name in $FUZZERS; do
			echo "not ok fuzz $name: the harness did not build (tests/out/fuzz-build.log)" >>"$RESULTS"
		done
		return
	fi
	for name in $FUZZERS; do
		local log=$OUT/fuzz-$name.log max_len=16384 opts=()
		case $name in gate) max_len=128 ;; sheet) max_len=65536 ;; esac
		[ -f "$ROOT/tests/fuzz/$name.dict" ] && opts+=(-dict="$ROOT/tests/fuzz/$name.dict")
		rm -rf "$dir/$name-new"
		mkdir -p "$dir/$name-new"
		HEALTHCARD_CONF=$ROOT/conf/healthcard.hdf "$dir/fuzz_$name" -max_total_time="$secs" \
			-max_len="$max_len" -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$dir/$name-" \
			"${opts[@]}" "$dir/$name-new" "$ROOT/tests/fuzz/corpus/$name" >"$log" 2>&1
		local rc=$? runs
		runs=$(grep -o '^Done [0-9]* runs' "$log" | grep -o '[0-9]*')
		if [ $rc = 0 ] && [ -n "$runs" ]; then
			echo "ok fuzz $name: $runs runs in $secs s, no finding" | tee -a "$RESULTS"
		else
			echo "not ok fuzz $name: exited $rc (tests/out/fuzz-$name.log; the input is build/fuzz/$name-crash-*)" | tee -a "$RESULTS"
			grep -m5 -E 'ERROR|SUMMARY|runtime error' "$log"
		fi
	done
}

# Under make test-asan the page programs are built with AddressSanitizer
# and UBSan: any report they wrote to Apache's error log is a failure.
check_sanitizers() {
	[ -n "${HC_BIN_DIR:-}" ] || return 0
	local n; n=$(grep -cE 'AddressSanitizer|runtime error:' "$OUT/apache-error.log" 2>/dev/null)
	if [ "${n:-0}" -gt 0 ]; then
		echo "not ok sanitizers: $n report lines in tests/out/apache-error.log" >>"$RESULTS"
		grep -m20 -E 'AddressSanitizer|runtime error:' "$OUT/apache-error.log"
	else
		echo "ok sanitizers: no report from the page programs built in $HC_BIN_DIR" >>"$RESULTS"
	fi
}

case "$what" in
unit) run_unit ;;
http) start_stack && { run_http; check_facts http; } ;;
cluster) run_cluster ;;
browser) start_stack && { run_browser; check_facts browser; } ;;
fuzz) run_fuzz ;;
install) "$ROOT/tests/install/run.sh"; cat "$OUT/install-results.txt" >>"$RESULTS" ;;
all) run_unit; run_fuzz; start_stack && { run_http; check_facts http; run_browser; check_facts browser; }
	stop_stack; run_cluster
	# The package as IT deploys it (make test-install): about 5 minutes,
	# the private Debian root made once by debootstrap from Debian's archive.
	"$ROOT/tests/install/run.sh"; cat "$OUT/install-results.txt" >>"$RESULTS" ;;
*) echo "usage: tests/run.sh unit|http|browser|fuzz|cluster|all|install [PATTERN]" >&2; exit 2 ;;
esac
stop_stack
check_sanitizers

grep '^not ok' "$RESULTS" || true
passed=$(grep -c '^ok' "$RESULTS")
failed=$(grep -c '^not ok' "$RESULTS")
echo "$passed passed, $failed failed"
[ "$failed" = 0 ] && [ "$passed" -gt 0 ]
