#!/usr/bin/env bash
# run.sh - runs the tests and prints one closing line "N passed, N failed".
#   tests/run.sh unit|http|browser|all [PATTERN]
# PATTERN (http only) picks the HTTP tests whose file names contain it.
# Unit tests are cmocka programs; HTTP and browser tests run against a
# private MariaDB + Apache started here on a free loopback port and torn
# down at the end.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
what=${1:-all}
only=${2:-}
OUT=${HC_TEST_OUT:-$ROOT/tests/out}   # another folder: two runs side by side
mkdir -p "$OUT"
RESULTS=$OUT/results.txt
: >"$RESULTS"
export ROOT RESULTS OUT

run_unit() {
	for t in "$ROOT"/build/tests/test_*; do
		[ -x "$t" ] || continue
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
	if ! "$ROOT/tools/stack.sh" start "$STACK_VAR" "$HC_PORT" \
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
trap stop_stack EXIT

run_http() {
	for t in "$ROOT"/tests/http/t[0-9]*.sh; do
		[[ "$(basename "$t")" == *"$only"* ]] || continue
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
browser) start_stack && { run_browser; check_facts browser; } ;;
all) run_unit; start_stack && { run_http; check_facts http; run_browser; check_facts browser; } ;;
*) echo "usage: tests/run.sh unit|http|browser|all" >&2; exit 2 ;;
esac
stop_stack
check_sanitizers

grep '^not ok' "$RESULTS" || true
passed=$(grep -c '^ok' "$RESULTS")
failed=$(grep -c '^not ok' "$RESULTS")
echo "$passed passed, $failed failed"
[ "$failed" = 0 ] && [ "$passed" -gt 0 ]
