#!/usr/bin/env bash
# The outbox sender (build/outbox, tools/outbox.c) against the private
# stack's database: it delivers what pages queue (payload on stdin, the
# person in env vars), retries a failing command with exponential back-off
# and gives up after MaxAttempts, kills a command that hangs, never sends a
# message twice when two senders overlap, changes nothing on --dry-run,
# stops cleanly on SIGTERM in --loop mode and fails loudly on a bad config
# or an unreachable database. Its rows are all channel 'test'.
. "$(dirname "$0")/lib.sh"

OUTBOX=$ROOT/build/outbox
D=$T/outbox
mkdir -p "$D"
# The sender passes its environment on: the scripts find $D through it.
export OUTBOX_TEST_DIR=$D
LOOP_PID=""

cleanup() {
	[ -n "$LOOP_PID" ] && kill "$LOOP_PID" 2>/dev/null
	sql "DELETE FROM outbox WHERE channel = 'test'" >/dev/null 2>&1
	rm -rf "$T"
}
trap cleanup EXIT

# The school's zone (Time.Zone: the stack's config can override conf/'s).
ZONE=$(sed -n 's/^[[:space:]]*Time\.Zone[[:space:]]*=[[:space:]]*//p' \
	"$ROOT/conf/healthcard.hdf" "$HC_VAR/healthcard.hdf" | tail -1)
school_now() { TZ=${ZONE:-Asia/Shanghai} date '+%F %T'; }

# conf NAME COMMAND [HDF lines...]: $D/NAME.hdf, the stack's config plus ours.
conf() {
	local name=$1 cmd=$2
	shift 2
	{
		printf '#include "%s"\n' "$HC_VAR/healthcard.hdf"
		printf 'Outbox.Command = %s\n' "$cmd"
		printf '%s\n' "$@"
	} >"$D/$name.hdf"
}

# outbox CONF [args...]: one run; stdout+stderr in $BODY (shown when a
# check fails), the exit status in $RC.
RC=
outbox() {
	local name=$1
	shift
	HEALTHCARD_CONF=$D/$name.hdf "$OUTBOX" "$@" >"$BODY" 2>&1
	RC=$?
	STATUS="exit $RC"
}

# queue PERSON PAYLOAD: a due message; prints its id.
queue() {
	sql "INSERT INTO outbox (person_id, channel, payload, created_at)
		VALUES ($1, 'test', '$2', '$(school_now)'); SELECT LAST_INSERT_ID()"
}

col() { sql "SELECT $2 FROM outbox WHERE id = $1"; }
# Seconds from now (school time) to the message's next_attempt_at.
wait_of() { sql "SELECT TIMESTAMPDIFF(SECOND, '$(school_now)', next_attempt_at) FROM outbox WHERE id = $1"; }
# Makes a message due now, as if its back-off had passed.
make_due() { sql "UPDATE outbox SET next_attempt_at = '$(school_now)' - INTERVAL 1 SECOND WHERE id = $1"; }
lines() { [ -f "$1" ] && wc -l <"$1" | tr -d ' ' || echo 0; }
between() { [ "$1" -ge "$2" ] && [ "$1" -le "$3" ]; }
has_line() { grep -qxF -- "$1" "$BODY"; }
has_text() { grep -qF -- "$1" "$BODY"; }
# A process that no longer runs (gone, or a zombie nobody reaped yet).
gone() { [ ! -e "/proc/$1" ] || grep -q '^[0-9]* (.*) Z' "/proc/$1/stat" 2>/dev/null; }

# ---- the delivery scripts ----------------------------------------------
# Rows of other channels (queued by other tests) are acknowledged and
# ignored, so that only ours are counted.
cat >"$D/deliver.sh" <<'SH'
#!/bin/sh
[ "$HC_CHANNEL" = test ] || { cat >/dev/null; exit 0; }
d=$OUTBOX_TEST_DIR
cat >"$d/payload.$HC_OUTBOX_ID"
for v in HC_OUTBOX_ID HC_PERSON_ID HC_CHANNEL HC_PHONE HC_NUMBER HC_NAME; do
	printf '%s=%s\n' "$v" "$(printenv "$v")"
done >"$d/env.$HC_OUTBOX_ID"
echo "$HC_OUTBOX_ID" >>"$d/delivered"
SH
cat >"$D/fail.sh" <<'SH'
#!/bin/sh
[ "$HC_CHANNEL" = test ] || { cat >/dev/null; exit 0; }
echo "$HC_OUTBOX_ID" >>"$OUTBOX_TEST_DIR/fail.calls"
printf 'gateway: quota exceeded\nsecond line\n' >&2
exit 7
SH
cat >"$D/hang.sh" <<'SH'
#!/bin/sh
[ "$HC_CHANNEL" = test ] || { cat >/dev/null; exit 0; }
sleep 60 &
echo $! >"$OUTBOX_TEST_DIR/hang.pid"
wait
SH
cat >"$D/race.sh" <<'SH'
#!/bin/sh
[ "$HC_CHANNEL" = test ] || { cat >/dev/null; exit 0; }
cat >/dev/null
sleep 0.02
# OUTBOX_SENDER: which of the two senders ran this.
echo "$HC_OUTBOX_ID $OUTBOX_SENDER" >>"$OUTBOX_TEST_DIR/race.ids"
SH
chmod +x "$D"/*.sh

conf deliver "$D/deliver.sh" "Outbox.Batch = 1000"
conf fail "$D/fail.sh" "Outbox.MaxAttempts = 3" "Outbox.BackoffSeconds = 600" "Outbox.Batch = 1000"
conf hang "$D/hang.sh" "Outbox.MaxAttempts = 2" "Outbox.BackoffSeconds = 0" \
	"Outbox.TimeoutSeconds = 1" "Outbox.Batch = 1000"
conf race "$D/race.sh" "Outbox.Batch = 1000"

check "build/outbox is built" test -x "$OUTBOX"

# Whatever earlier tests queued is delivered (and ignored) first, so that
# the summary lines below count only this test's messages.
outbox deliver --once
check "a pass over an idle outbox exits 0" test "$RC" = 0

# ---- delivery ----------------------------------------------------------
read -r P1 P2 < <(sql "SELECT id FROM people WHERE phone IS NOT NULL AND phone <> ''
	ORDER BY id LIMIT 2" | tr '\n' ' ')
NOBODY=$(sql "SELECT MAX(id) + 1000 FROM people")
M1=$(queue "$P1" '今日健康打卡提醒：请于 12:00 前完成。\n$(touch /tmp/x) "quoted" `id`')
M2=$(queue "$P2" 'second message')
M3=$(queue "$NOBODY" 'for a person without a row')
outbox deliver --once
check "delivering: exit 0" test "$RC" = 0
check "delivering: the summary line" has_line "outbox: 3 sent, 0 retry later, 0 failed"
printf '今日健康打卡提醒：请于 12:00 前完成。\n$(touch /tmp/x) "quoted" `id`' >"$D/want.payload"
check "the payload reached the command's stdin byte for byte" cmp -s "$D/want.payload" "$D/payload.$M1"
IFS=$'\t' read -r phone number name < <(sql "SELECT phone, number, name FROM people WHERE id = $P1")
printf 'HC_OUTBOX_ID=%s\nHC_PERSON_ID=%s\nHC_CHANNEL=test\nHC_PHONE=%s\nHC_NUMBER=%s\nHC_NAME=%s\n' \
	"$M1" "$P1" "$phone" "$number" "$name" >"$D/want.env"
check "the command saw the message and its person in HC_* variables" cmp -s "$D/want.env" "$D/env.$M1"
check "each message got its own person" grep -qx "HC_PERSON_ID=$P2" "$D/env.$M2"
check "a person without a row: delivered with empty HC_NAME and HC_PHONE" \
	grep -qx "HC_NAME=" "$D/env.$M3"
check "oldest first" test "$(tr '\n' ' ' <"$D/delivered")" = "$M1 $M2 $M3 "
check "sent_at is set on all three, attempts 0, no error" test \
	"$(sql "SELECT COUNT(*) FROM outbox WHERE id IN ($M1, $M2, $M3)
		AND sent_at IS NOT NULL AND attempts = 0 AND last_error IS NULL
		AND failed_at IS NULL")" = 3
check "sent_at is now, in the school's time zone" between \
	"$(sql "SELECT ABS(TIMESTAMPDIFF(SECOND, '$(school_now)', sent_at)) FROM outbox WHERE id = $M1")" 0 60
outbox deliver --once
check "a sent message is not sent again" test "$(lines "$D/delivered")" = 3
check "and the next pass says so" has_line "outbox: 0 sent, 0 retry later, 0 failed"

# ---- --dry-run -----------------------------------------------------------
M4=$(queue "$P1" 'dry run payload')
before=$(sql "SELECT * FROM outbox ORDER BY id")
outbox deliver --dry-run
check "--dry-run: exit 0" test "$RC" = 0
check "--dry-run names the message and its payload" has_text "would send message $M4 "
check "  with its payload" has_text "dry run payload"
check "--dry-run runs no command" test ! -e "$D/payload.$M4"
check "--dry-run changes no row" test "$before" = "$(sql "SELECT * FROM outbox ORDER BY id")"
sql "DELETE FROM outbox WHERE id = $M4"

# ---- a failing command: back-off, then failed_at -------------------------
M5=$(queue "$P1" 'this one fails')
outbox fail --once
check "a failing command: the pass still exits 0" test "$RC" = 0
check "a failing command: the summary says retry later" has_line "outbox: 0 sent, 1 retry later, 0 failed"
check "attempts 1, neither sent nor failed" test \
	"$(col "$M5" "CONCAT_WS(' ', attempts, sent_at IS NULL, failed_at IS NULL)")" = "1 1 1"
check "last_error: the exit status and the first line of stderr" test \
	"$(col "$M5" last_error)" = "exit status 7: gateway: quota exceeded"
check "next_attempt_at: BackoffSeconds (600 s) from now" between "$(wait_of "$M5")" 590 610
outbox fail --once
check "not retried before it is due" test "$(lines "$D/fail.calls")" = 1
check "  attempts still 1" test "$(col "$M5" attempts)" = 1
make_due "$M5"
outbox fail --once
check "retried once due: attempts 2" test "$(col "$M5" attempts)" = 2
check "the second back-off doubles (1200 s)" between "$(wait_of "$M5")" 1190 1210
make_due "$M5"
outbox fail --once
check "after MaxAttempts (3): the summary says failed" has_line "outbox: 0 sent, 0 retry later, 1 failed"
check "  failed_at set, attempts 3, never sent" test \
	"$(col "$M5" "CONCAT_WS(' ', attempts, failed_at IS NOT NULL, sent_at IS NULL)")" = "3 1 1"
sql "UPDATE outbox SET next_attempt_at = NULL WHERE id = $M5"
outbox fail --once
check "a failed message is never tried again" test "$(lines "$D/fail.calls")" = 3

# ---- a hanging command -----------------------------------------------------
M6=$(queue "$P2" 'this one hangs')
t0=$(date +%s%N)
outbox hang --once
elapsed_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
check "a hanging command is killed after TimeoutSeconds (1 s): ${elapsed_ms} ms" \
	between "$elapsed_ms" 900 5000
check "  the pass exits 0 and counts a retry" has_line "outbox: 0 sent, 1 retry later, 0 failed"
check "  last_error says it timed out" test \
	"$(col "$M6" "last_error LIKE 'timed out after 1 s%'")" = 1
sleep 0.2
check "  what the command started is killed too" gone "$(cat "$D/hang.pid" 2>/dev/null || echo 1)"
# BackoffSeconds 0: due again at once; MaxAttempts 2: this was the last.
outbox hang --once
check "BackoffSeconds 0, MaxAttempts 2: the next pass fails it for good" test \
	"$(col "$M6" "CONCAT_WS(' ', attempts, failed_at IS NOT NULL)")" = "2 1"

# ---- two senders at once -------------------------------------------------
last=$(sql "SELECT COALESCE(MAX(id), 0) FROM outbox")
sql "INSERT INTO outbox (person_id, channel, payload, created_at)
	SELECT $P1, 'test', CONCAT('race ', seq), '$(school_now)' FROM seq_1_to_50"
want=$(sql "SELECT id FROM outbox WHERE id > $last ORDER BY id")
OUTBOX_SENDER=a HEALTHCARD_CONF=$D/race.hdf "$OUTBOX" --once >"$D/race.a" 2>&1 &
pa=$!
OUTBOX_SENDER=b HEALTHCARD_CONF=$D/race.hdf "$OUTBOX" --once >"$D/race.b" 2>&1 &
pb=$!
wait "$pa"; ra=$?
wait "$pb"; rb=$?
cat "$D/race.a" "$D/race.b" >"$BODY"
check "two senders at once: both exit 0" test "$ra$rb" = 00
check "no message delivered twice" test -z "$(cut -d' ' -f1 "$D/race.ids" | sort | uniq -d)"
check "every message delivered" test "$(cut -d' ' -f1 "$D/race.ids" | sort -n)" = "$want"
check "both senders took part" test "$(cut -d' ' -f2 "$D/race.ids" | sort -u | wc -l)" = 2
check "all 50 marked sent" test "$(sql "SELECT COUNT(*) FROM outbox WHERE id > $last
	AND sent_at IS NOT NULL AND attempts = 0")" = 50

# ---- --loop, stopped by SIGTERM ------------------------------------------
HEALTHCARD_CONF=$D/deliver.hdf "$OUTBOX" --loop 1 >"$D/loop.out" 2>&1 &
LOOP_PID=$!
M7=$(queue "$P2" 'for the loop')
for _ in $(seq 1 50); do
	[ -e "$D/payload.$M7" ] && break
	sleep 0.1
done
check "--loop delivers what is queued while it runs" test -e "$D/payload.$M7"
kill -TERM "$LOOP_PID"
t0=$(date +%s%N)
for _ in $(seq 1 50); do
	kill -0 "$LOOP_PID" 2>/dev/null || break
	sleep 0.1
done
elapsed_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
kill -KILL "$LOOP_PID" 2>/dev/null
wait "$LOOP_PID"; rc=$?
LOOP_PID=""
cp "$D/loop.out" "$BODY"
check "--loop stops on SIGTERM with status 0" test "$rc" = 0
check "  promptly (${elapsed_ms} ms)" between "$elapsed_ms" 0 2000
check "  after a summary line per pass" has_line "outbox: 1 sent, 0 retry later, 0 failed"

# ---- errors ----------------------------------------------------------------
# (Every node nowhere: on the cluster the stack's config has fallbacks.)
conf nodb "$D/deliver.sh" "DB.Socket = $D/nowhere.sock" \
	"DB.Fallback.0.Socket = $D/nowhere.sock" "DB.Fallback.1.Socket = $D/nowhere.sock"
outbox nodb --once
check "database unreachable: exit 1" test "$RC" = 1
check "  with a clear message" has_text "outbox: cannot reach the database"
conf badnum "$D/deliver.sh" "Outbox.MaxAttempts = five"
outbox badnum --once
check "a bad number in the config: exit 2, naming the key" \
	eval '[ "$RC" = 2 ] && has_text "Outbox.MaxAttempts"'
conf nocmd ""
outbox nocmd --once
check "no Outbox.Command: exit 2, naming the key" \
	eval '[ "$RC" = 2 ] && has_text "Outbox.Command is not set"'
HEALTHCARD_CONF=$D/missing.hdf "$OUTBOX" --once >"$BODY" 2>&1
RC=$?
check "a missing config file: exit 2" test "$RC" = 2

sql "DELETE FROM outbox WHERE channel = 'test'"
check "the test's rows are gone" test "$(sql "SELECT COUNT(*) FROM outbox WHERE channel = 'test'")" = 0
