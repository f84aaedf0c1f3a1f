#!/usr/bin/env bash
# drill.sh - the fault drill: check-ins (a third of them feverish, each
# with its review-queue item), make-up decisions and gate scans under load,
# with durable commits, while page processes are killed (kill -9, the
# page processes of this stack's Apache only), mariadbd is killed and
# restarted, and a burst of 30 page processes dies at once. A ledger keeps
# every answer. Afterwards every acknowledged write must be stored exactly
# once and nothing unacknowledged half-stored; the seconds until each page
# serves again after the DB restart and after the burst are printed.
#
#   tools/drill.sh                    make drill: a private stack of its own
#   tools/drill.sh --on VARDIR PORT   on a running stack (tests/http/t0041)
#
# Knobs (environment): DRILL_SHORT=1 (the bounded form inside make test),
# DRILL_CHECKINS, DRILL_DECISIONS, DRILL_SCANS (how many of each),
# DRILL_DB_AT, DRILL_BURST_AT (seconds into the load), DRILL_BURST (30
# kills) and DRILL_BURST_PAGE (checkin: the page whose processes die).
# Prints "drill: PASS" or "drill: FAIL ..." last; exits 1 on a failure.
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SHORT=${DRILL_SHORT:-0}
# The lists are longer than the load needs: it stops a few seconds after
# the last fault's pages serve again.
if [ "$SHORT" = 1 ]; then
	NCHECKIN=${DRILL_CHECKINS:-300}; NDECIDE=${DRILL_DECISIONS:-150}; NSCAN=${DRILL_SCANS:-150}
	# Early: on a quiet machine the short load is done in about 10 s.
	DB_AT=${DRILL_DB_AT:-2}; BURST_AT=${DRILL_BURST_AT:-5}; STUDENTS=600; CAP=15
else
	NCHECKIN=${DRILL_CHECKINS:-1200}; NDECIDE=${DRILL_DECISIONS:-600}; NSCAN=${DRILL_SCANS:-600}
	DB_AT=${DRILL_DB_AT:-10}; BURST_AT=${DRILL_BURST_AT:-35}; STUDENTS=2000; CAP=30
fi
BURST=${DRILL_BURST:-30}
BURST_PAGE=${DRILL_BURST_PAGE:-checkin}
DB_TARGET=10
BURST_TARGET=5

say() { printf '%s\n' "$*" >&2; }
die() { say "drill: $*"; echo "drill: FAIL ($*)"; exit 1; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

OWN=1
if [ "${1:-}" = --on ]; then
	OWN=0
	V=$(cd "${2:?VARDIR}" && pwd)
	PORT=${3:?PORT}
else
	for PORT in $(seq 18300 18399); do
		(exec 3<>/dev/tcp/127.0.0.1/$PORT) 2>/dev/null || break
	done
	V=$ROOT/var/drill-$PORT
	rm -rf "$V"
fi
URL=http://127.0.0.1:$PORT
W=$(mktemp -d)
SOCK=$V/run/mysqld.sock
BIN=$(sed -n 's/^Define HC_BIN //p' "$V/rt/httpd.conf" 2>/dev/null)

cleanup() {
	touch "$W/stop"
	jobs -p | xargs -r kill 2>/dev/null
	wait 2>/dev/null
	if [ "$OWN" = 1 ]; then
		"$ROOT/tools/stack.sh" stop "$V" >/dev/null 2>&1
		rm -rf "$V"
	else
		# The shared stack goes back to its usual commits.
		q "SET GLOBAL innodb_flush_log_at_trx_commit = 2" 2>/dev/null
	fi
	rm -rf "$W"
}
trap cleanup EXIT

q() { mariadb --no-defaults -S "$SOCK" -u "$(id -un)" -N -B healthcard -e "$1"; }
qin() { mariadb --no-defaults -S "$SOCK" -u "$(id -un)" -N -B healthcard; }  # SQL on stdin

if [ "$OWN" = 1 ]; then
	say "drill: starting a private stack on port $PORT ($V)"
	HC_DB_FLUSH=1 "$ROOT/tools/stack.sh" start "$V" "$PORT" --students "$STUDENTS" --days 30 --seed 11 \
		>"$W/stack.log" 2>&1 || { cat "$W/stack.log" >&2; die "the stack did not start"; }
	BIN=$(sed -n 's/^Define HC_BIN //p' "$V/rt/httpd.conf")
fi
q "SET GLOBAL innodb_flush_log_at_trx_commit = 1" || die "no database"
[ "$(q "SELECT @@innodb_flush_log_at_trx_commit")" = 1 ] || die "commits are not durable"
APACHE=$(cat "$V/run/httpd.pid")
today=$(TZ=Asia/Shanghai date +%F)

# -- sessions, made the way a login makes them (lib/web/sess.c): 32 random bytes
# with the top bit set, base64url; the row holds the BLAKE2b-256 of the text.
mint() {  # mint PERSON_ID: prints a session token
	local hex tok
	hex=$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')
	hex=$(printf '%02x' $((0x${hex:0:2} | 0x80)))${hex:2}
	tok=$(printf '%b' "$(printf '%s' "$hex" | sed 's/../\\x&/g')" | base64 -w0 | tr '+/' '-_' | tr -d '=')
	printf "(UNHEX('%s'), %s, NOW(), NOW() + INTERVAL 1 DAY, '127.0.0.1'),\n" \
		"$(printf '%s' "$tok" | b2sum -l 256 | cut -d' ' -f1)" "$1" >>"$W/sessions.sql"
	echo "$tok"
}
sessions_store() {
	{ echo "INSERT INTO sessions (token_hash, person_id, created_at, expires_at, addr) VALUES"
	  sed '$ s/,$/;/' "$W/sessions.sql"; } >"$W/sessions.ins"
	qin <"$W/sessions.ins" || die "cannot store the sessions"
	: >"$W/sessions.sql"
}

# Students of the demo who are not demo accounts (their login is their
# number), from the end of the id range; three disjoint sets.
demo_ids() { q "SELECT a.person_id FROM accounts a WHERE a.login = '$1'"; }
CID=$(demo_ids counselor)
q "SELECT p.id FROM people p JOIN basic_info b ON b.person_id = p.id
	JOIN accounts a ON a.person_id = p.id AND a.login = p.number
	WHERE p.identity <> 'staff' AND NOT EXISTS (SELECT 1 FROM counselor_assignments ca
	  WHERE ca.student_id = p.id AND ca.counselor_id = $CID)
	ORDER BY p.id DESC LIMIT $((NCHECKIN + NSCAN))" >"$W/pool"
head -n "$NCHECKIN" "$W/pool" >"$W/checkin.ids"
tail -n +"$((NCHECKIN + 1))" "$W/pool" | head -n "$NSCAN" >"$W/scan.ids"
[ "$(wc -l <"$W/checkin.ids")" -ge "$NCHECKIN" ] || die "not enough students for $NCHECKIN check-ins"
ids_in() { paste -sd, "$1"; }
CK=$(ids_in "$W/checkin.ids")
SC=$(ids_in "$W/scan.ids")
# Today's check-ins of the drill's students are theirs to make.
q "SELECT DISTINCT person_id FROM daily_reports WHERE day = '$today' AND person_id IN ($CK)" >"$W/retaken"
q "DELETE q FROM queue_items q JOIN daily_reports d ON d.id = q.ref_id
	WHERE q.kind = 'anomaly' AND d.day = '$today' AND d.person_id IN ($CK);
   DELETE FROM daily_reports WHERE day = '$today' AND person_id IN ($CK)"
# Pending make-up requests of the counselor's students, each with its item.
q "SELECT p.id FROM people p JOIN counselor_assignments ca ON ca.student_id = p.id
	WHERE ca.counselor_id = $CID ORDER BY p.id" >"$W/mine"
n=0
: >"$W/mk.sql"
for back in $(seq 40 -1 12); do
	day=$(TZ=Asia/Shanghai date -d "$back days ago" +%F)
	while read -r p; do
		[ "$n" -lt "$NDECIDE" ] || break 2
		echo "($p, '$day', 'drill', NOW())," >>"$W/mk.sql"
		n=$((n + 1))
	done <"$W/mine"
done
qin <<SQL
DELETE q FROM queue_items q JOIN makeup_requests m ON q.kind = 'makeup' AND q.ref_id = m.id
	WHERE m.reason = 'drill';
   DELETE g FROM messages g JOIN makeup_requests m ON g.person_id = m.person_id
	AND g.kind = 'makeup_approved' AND g.body = m.day WHERE m.reason = 'drill';
   DELETE o FROM outbox o JOIN makeup_requests m ON o.person_id = m.person_id
	AND o.payload LIKE CONCAT('%', m.day, '%补卡申请已通过%') WHERE m.reason = 'drill';
   DELETE a FROM audit_log a JOIN makeup_requests m ON a.action = 'makeup.approve'
	AND a.object_id = m.id WHERE m.reason = 'drill';
   DELETE FROM makeup_requests WHERE reason = 'drill';
   INSERT IGNORE INTO makeup_requests (person_id, day, reason, created_at) VALUES
	$(sed '$ s/,$//' "$W/mk.sql");
   INSERT IGNORE INTO queue_items (kind, ref_id, person_id, created_at)
	SELECT 'makeup', id, person_id, NOW() FROM makeup_requests WHERE reason = 'drill' AND state = 'pending';
SQL
q "SELECT q.id, m.id FROM queue_items q JOIN makeup_requests m ON m.id = q.ref_id
	WHERE q.kind = 'makeup' AND q.state = 'open' AND m.reason = 'drill' ORDER BY q.id" >"$W/items"
[ "$(wc -l <"$W/items")" -ge 1 ] || die "no make-up requests to decide"
q "SELECT COUNT(*) FROM arrivals WHERE person_id IN ($SC)" >"$W/arrivals.before"
# Plain SQL goes around the pages: the stored card facts of the students
# whose report of today it took back are written anew, as a page would
# have (a later hc-facts check found them stale). The make-ups it replaces
# are no card fact.
if [ -s "$W/retaken" ]; then
	HEALTHCARD_CONF=$V/healthcard.hdf "$ROOT/build/hc-facts" repair $(cat "$W/retaken") \
		>"$W/repair.log" 2>&1 || { cat "$W/repair.log" >&2; die "hc-facts repair failed"; }
fi

# Sessions: every drill student, the counselor, the gate, the demo student
# and the admin (the probes).
while read -r p; do echo "$p $(mint "$p")"; done <"$W/checkin.ids" >"$W/checkin.sess"
C_COUNSELOR=$(mint "$CID")
C_GATE=$(mint "$(demo_ids gate)")
C_STUDENT=$(mint "$(demo_ids student)")
C_ADMIN=$(mint "$(demo_ids admin)")
sessions_store

# -- the pages' processes: children of this stack's Apache only ------------
page_pids() {  # page_pids [PROGRAM]: this stack's page processes (of PROGRAM)
	ps -e -o pid=,ppid=,args= | awk -v top="$APACHE" -v bin="$BIN/${1:-}" '
		{ parent[$1] = $2; cmd[$1] = $3 }
		END { for (p in parent) if (index(cmd[p], bin) == 1) {
			q = parent[p]; for (i = 0; i < 4 && q != top && q != ""; i++) q = parent[q]
			if (q == top) print p } }'
}
kill_pages() {  # kill_pages N [PROGRAM]: kill -9 N random page processes; prints how many
	local pids; pids=$(page_pids "${2:-}" | shuf -n "$1")
	[ -n "$pids" ] && kill -9 $pids 2>/dev/null
	echo "$pids" | grep -c .
}

# -- the load --------------------------------------------------------------
LEDGER=$W/ledger
: >"$LEDGER"
form_token() { grep -o 'name="csrf" value="[^"]*"' "$1" | head -1 | sed 's/.*value="//; s/"$//'; }
ask() {  # ask COOKIE METHOD PATH [curl args]: status on stdout, body in $BODYF
	curl -s --max-time 10 -o "$BODYF" -w '%{http_code}' -H "Cookie: hc_sid=$1" \
		-X "$2" "${@:4}" "$URL$3"
}
# A user who gets an error tries again, a little later (up to 40 times:
# the drill's faults last seconds).
checkin_worker() {  # checkin_worker K OF
	local i=0 p tok st t csrf try BODYF=$W/b.$BASHPID
	while read -r p tok; do
		i=$((i + 1))
		[ $(( i % $2 )) = "$1" ] || continue
		t=36.5; [ $(( p % 3 )) = 0 ] && t=38.6
		for try in $(seq 1 40); do
			[ -e "$W/stop" ] && return
			st=$(ask "$tok" GET /checkin)
			csrf=$(form_token "$BODYF")
			if [ "$st" = 200 ] && [ -n "$csrf" ]; then
				st=$(ask "$tok" POST /checkin --data-urlencode "csrf=$csrf" \
					--data-urlencode "temperature=$t" --data-urlencode "city=北京" \
					--data-urlencode "in_city=1" --data-urlencode "on_campus=0" \
					--data-urlencode "abroad=0" --data-urlencode "risk_area=0" \
					--data-urlencode "cohabitant_returned=0" --data-urlencode "returned_to_city=0" \
					--data-urlencode "quarantine=none" --data-urlencode "diagnosis=none")
			fi
			echo "checkin $p $st" >>"$LEDGER"
			case "$st" in 303|409) break ;; esac
			sleep 0.3
		done
	done <"$W/checkin.sess"
}
decide_worker() {
	local item req st csrf="" try BODYF=$W/b.$BASHPID
	while read -r item req; do
		for try in $(seq 1 40); do
			[ -e "$W/stop" ] && return
			if [ -z "$csrf" ]; then
				st=$(ask "$C_COUNSELOR" GET /review)
				csrf=$(form_token "$BODYF")
			fi
			st=000
			[ -n "$csrf" ] && st=$(ask "$C_COUNSELOR" POST /review/decide \
				--data-urlencode "csrf=$csrf" --data-urlencode "id=$item" \
				--data-urlencode "decision=approve")
			if [ "$st" = 200 ] && grep -q 'class="outcome-done"' "$BODYF"; then
				st=done
			fi
			echo "decide $req $st" >>"$LEDGER"
			case "$st" in done|409) break ;; esac
			sleep 0.3
		done
	done <"$W/items"
}
scan_worker() {
	local p st res try BODYF=$W/b.$BASHPID
	while read -r p; do
		for try in $(seq 1 40); do
			[ -e "$W/stop" ] && return
			st=$(ask "$C_GATE" GET "/scan?t=$(HEALTHCARD_CONF=$V/healthcard.hdf "$ROOT/build/scantoken" "$p")")
			res=$(grep -o 'data-result="[a-z]*"' "$BODYF" | head -1 | sed 's/.*="//; s/"//')
			echo "scan $p $st ${res:-none}" >>"$LEDGER"
			[ "$st" = 200 ] && [ -n "$res" ] && break
			sleep 0.3
		done
	done <"$W/scan.ids"
}

# -- the probes: seconds until each page answers as it did before ----------
PROBES="login:/login:- home:/:STUDENT card:/card:STUDENT checkin:/checkin:STUDENT
makeup:/makeup:STUDENT return:/return:STUDENT review:/review:COUNSELOR
dashboard:/dashboard:COUNSELOR table:/table:ADMIN report:/report:ADMIN
roster:/roster:ADMIN gates:/gates:ADMIN scan:/scan:GATE"
probe_once() {  # probe_once PATH WHO: the status
	local c=""
	case "$2" in STUDENT) c=$C_STUDENT ;; COUNSELOR) c=$C_COUNSELOR ;;
		ADMIN) c=$C_ADMIN ;; GATE) c=$C_GATE ;; esac
	curl -s --max-time 2 -o /dev/null -w '%{http_code}' ${c:+-H "Cookie: hc_sid=$c"} "$URL$1"
}
declare -A WANT
for pr in $PROBES; do
	IFS=: read -r name path who <<<"$pr"
	WANT[$name]=$(probe_once "$path" "$who")
	case "${WANT[$name]}" in 2??|3??) ;; *) die "$name answers ${WANT[$name]} before the drill" ;; esac
done
# recovery LABEL T0: waits (CAP seconds at most) until every page answers as
# before; one line per page in $W/rec.LABEL, the slowest in $W/max.LABEL.
recovery() {
	local label=$1 t0=$2 pr name path who pids=()
	: >"$W/rec.$label"
	for pr in $PROBES; do
		IFS=: read -r name path who <<<"$pr"
		(
			while [ "$(probe_once "$path" "$who")" != "${WANT[$name]}" ]; do
				if awk -v s="$(since "$t0")" -v cap="$CAP" 'BEGIN { exit !(s >= cap) }'; then
					echo "$name $CAP.0+" >>"$W/rec.$label"; exit
				fi
				sleep 0.1
			done
			echo "$name $(since "$t0")" >>"$W/rec.$label"
		) &
		pids+=($!)
	done
	wait "${pids[@]}"
	sort -k2 -n "$W/rec.$label" | tail -1 | awk '{ print $2 }' >"$W/max.$label"
}

say "drill: $(wc -l <"$W/checkin.ids") check-ins, $(wc -l <"$W/items") decisions, $(wc -l <"$W/scan.ids") scans; durable commits"
start=$(now)
checkin_worker 0 3 & w1=$!
checkin_worker 1 3 & w2=$!
checkin_worker 2 3 & w3=$!
decide_worker & w4=$!
scan_worker & w5=$!
WORKERS="$w1 $w2 $w3 $w4 $w5"
alive() { local p; for p in $WORKERS; do kill -0 "$p" 2>/dev/null && return 0; done; return 1; }

killed=0
db_done=0; burst_done=0
# Every fault happens even when a fast machine runs the lists dry first
# (the CI once finished the short load in 6.5 s, before the burst at 5 s
# could follow the DB restart): the faults then meet an idle stack, which
# the recovery probes still measure.
while alive || [ "$db_done" = 0 ] || [ "$burst_done" = 0 ]; do
	t=$(since "$start" | cut -d. -f1)
	if [ "$db_done" = 0 ] && [ "$t" -ge "$DB_AT" ]; then
		db_done=1
		say "drill: ${t}s: kill -9 mariadbd"
		kill -9 "$(cat "$V/run/mysqld.pid")" 2>/dev/null
		sleep 1
		t0=$(now)
		HC_DB_FLUSH=1 "$ROOT/tools/stack.sh" dbstart "$V" >/dev/null 2>&1 || die "MariaDB did not restart"
		DB_UP=$(since "$t0")
		q "SET GLOBAL innodb_flush_log_at_trx_commit = 1"
		recovery db "$t0"
		say "drill: MariaDB up after ${DB_UP}s, every page after $(cat "$W/max.db")s"
		continue
	fi
	if [ "$burst_done" = 0 ] && [ "$t" -ge "$BURST_AT" ]; then
		burst_done=1
		# The page's pool first grows to its size under load: 32
		# connections for 3 s (mod_fcgid spawns on demand only).
		wrk -t2 -c32 -d3s -H "Cookie: hc_sid=$C_STUDENT" "$URL/$BURST_PAGE" >/dev/null 2>&1
		POOL=$(page_pids "$BURST_PAGE" | wc -l)
		# The burst: BURST processes of the page killed at once; if its
		# pool held fewer, topped up from those that take their place
		# (the load keeps asking for the page).
		b=0; tb=$(now)
		while [ "$b" -lt "$BURST" ] && awk -v s="$(since "$tb")" 'BEGIN { exit !(s < 20) }'; do
			k=$(kill_pages $((BURST - b)) "$BURST_PAGE")
			b=$((b + k))
			if [ "$k" = 0 ]; then
				probe_once "/$BURST_PAGE" STUDENT >/dev/null &
				sleep 0.05
			fi
		done
		BURST_SPAN=$(since "$tb")
		t0=$(now)
		say "drill: ${t}s: a burst of $b /$BURST_PAGE processes killed (of a pool of $POOL) in ${BURST_SPAN}s"
		BURST_KILLED=$b
		recovery burst "$t0"
		say "drill: every page after $(cat "$W/max.burst")s"
		sleep 2
		break
	fi
	killed=$((killed + $(kill_pages 2)))
	sleep 2
done
[ "$db_done" = 1 ] && [ "$burst_done" = 1 ] || say "drill: the load ended before every fault (db $db_done, burst $burst_done)"
LOAD_SECONDS=$(since "$start")
touch "$W/stop"
wait $WORKERS

# -- the reckoning ---------------------------------------------------------
# The ledger's last answer per request; acknowledged = 303/409 (check-in),
# done/409 (decision), 200 allow/already (scan).
awk '$1 == "checkin" { last[$2] = $3 } END { for (p in last) print p, last[p] }' "$LEDGER" | sort -n >"$W/ck.last"
awk '$1 == "decide" { last[$2] = $3 } END { for (p in last) print p, last[p] }' "$LEDGER" | sort -n >"$W/dc.last"
awk '$1 == "scan" { last[$2] = $3 " " $4 } END { for (p in last) print p, last[p] }' "$LEDGER" | sort -n >"$W/sc.last"
q "SELECT p.id, COUNT(DISTINCT d.id), COUNT(q.id), COALESCE(MAX(d.temperature) >= 37.3, 0)
	FROM people p LEFT JOIN daily_reports d ON d.person_id = p.id AND d.day = '$today'
	LEFT JOIN queue_items q ON q.kind = 'anomaly' AND q.ref_id = d.id
	WHERE p.id IN ($CK) GROUP BY p.id ORDER BY p.id" >"$W/ck.db"
ORPHANS=$(q "SELECT COUNT(*) FROM queue_items q LEFT JOIN daily_reports d ON d.id = q.ref_id
	WHERE q.kind = 'anomaly' AND q.person_id IN ($CK) AND d.id IS NULL")
q "SELECT m.id, m.state, q.state,
	(SELECT COUNT(*) FROM messages g WHERE g.person_id = m.person_id AND g.kind = 'makeup_approved' AND g.body = m.day),
	(SELECT COUNT(*) FROM outbox o WHERE o.person_id = m.person_id AND o.payload LIKE CONCAT('%', m.day, '%补卡申请已通过%')),
	(SELECT COUNT(*) FROM audit_log a WHERE a.action = 'makeup.approve' AND a.object_id = m.id)
	FROM makeup_requests m JOIN queue_items q ON q.kind = 'makeup' AND q.ref_id = m.id
	WHERE m.reason = 'drill' ORDER BY m.id" >"$W/dc.db"
q "SELECT p.id, COUNT(a.id) FROM people p LEFT JOIN arrivals a ON a.person_id = p.id AND a.kind = 'gate'
	WHERE p.id IN ($SC) GROUP BY p.id ORDER BY p.id" >"$W/sc.db"

# Each verdict: acknowledged (ack), lost, duplicated (dup), half-stored.
awk -v orphans="$ORPHANS" '
	FILENAME ~ /ck.last/ { ck[$1] = $2; next }
	FILENAME ~ /dc.last/ { dc[$1] = $2; next }
	FILENAME ~ /sc.last/ { sc[$1] = $2 " " $3; next }
	FILENAME ~ /ck.db/ {
		acked = ($1 in ck) && (ck[$1] == 303 || ck[$1] == 409)
		if (acked) ack++; else if ($2 > 0) stored_unacked++
		if (acked && $2 != 1) { lost++; print "lost check-in of person " $1 > "/dev/stderr" }
		if ($2 > 1 || $3 > 1) { dup++; print "duplicated check-in of person " $1 > "/dev/stderr" }
		if ($2 == 1 && ($3 != ($4 ? 1 : 0))) { half++; print "check-in of " $1 " without its queue item" > "/dev/stderr" }
		next }
	FILENAME ~ /dc.db/ {
		acked = ($1 in dc) && (dc[$1] == "done" || dc[$1] == 409)
		whole = $2 == "approved" && $3 == "decided" && $4 == 1 && $5 == 1 && $6 == 1
		none = $2 == "pending" && $3 == "open" && $4 == 0 && $5 == 0 && $6 == 0
		if (acked) ack++; else if (whole) stored_unacked++
		if ($4 > 1 || $5 > 1 || $6 > 1) { dup++; print "duplicated decision of request " $1 > "/dev/stderr" }
		else if (!whole && !none) { half++; print "half-stored decision of request " $1 ": " $0 > "/dev/stderr" }
		if (acked && !whole) { lost++; print "lost decision of request " $1 > "/dev/stderr" }
		next }
	FILENAME ~ /sc.db/ {
		split(($1 in sc) ? sc[$1] : "none none", s, " ")
		acked = s[1] == 200 && (s[2] == "allow" || s[2] == "already")
		if (acked) ack++
		if (acked && $2 != 1) { lost++; print "lost arrival of person " $1 > "/dev/stderr" }
		if ($2 > 1) { dup++; print "duplicated arrival of person " $1 > "/dev/stderr" }
		if (s[1] == 200 && s[2] == "deny" && $2 > 0) { half++; print "denied but recorded: " $1 > "/dev/stderr" }
		next }
	END { half += orphans
		printf "%d %d %d %d %d\n", ack, lost, dup, half, stored_unacked }' \
	"$W/ck.last" "$W/dc.last" "$W/sc.last" "$W/ck.db" "$W/dc.db" "$W/sc.db" >"$W/verdict"
read -r ACK LOST DUP HALF UNACKED <"$W/verdict"
REQS=$(wc -l <"$LEDGER")
ERRS=$(awk '($1 == "checkin" && $3 != 303 && $3 != 409) || ($1 == "decide" && $3 != "done" && $3 != 409) ||
	($1 == "scan" && $3 != 200)' "$LEDGER" | wc -l)

echo "drill: load ${LOAD_SECONDS}s, $REQS requests ($ERRS answered with an error and tried again), durable commits"
echo "drill: faults: $killed page processes killed one or two at a time, mariadbd killed and restarted once, a burst of ${BURST_KILLED:-0}"
echo "drill: acknowledged $ACK (check-ins, decisions, scans), lost $LOST, duplicated $DUP, half-stored $HALF; stored without an acknowledgement: $UNACKED"
fail=""
[ "$LOST" = 0 ] && [ "$DUP" = 0 ] && [ "$HALF" = 0 ] || fail="lost $LOST, duplicated $DUP, half-stored $HALF"
[ "$ACK" -gt 0 ] || fail="${fail:+$fail; }nothing acknowledged"
for label in db burst; do
	[ -f "$W/rec.$label" ] || { fail="${fail:+$fail; }no $label fault"; continue; }
	target=$DB_TARGET; what="after the DB restart (MariaDB up after ${DB_UP:-?}s)"
	[ "$label" = burst ] && { target=$BURST_TARGET; what="after a burst of ${BURST_KILLED:-0} worker kills (/$BURST_PAGE, pool $POOL, killed within ${BURST_SPAN}s; counted from the last)"; }
	max=$(cat "$W/max.$label")
	verdict=$(awk -v m="${max%+}" -v t="$target" 'BEGIN { print (m + 0 < t) ? "PASS" : "FAIL" }')
	echo "drill: seconds until each page serves again $what: $(sort -k2 -n "$W/rec.$label" | tr '\n' ' ' | sed 's/ $//'); slowest ${max} s, target < $target s: $verdict"
	if [ "$verdict" = FAIL ] && [ "${DRILL_TIMES_FAIL:-1}" = 1 ]; then
		fail="${fail:+$fail; }$label recovery ${max}s"
	fi
done
if [ -n "$fail" ]; then
	echo "drill: FAIL ($fail)"
	exit 1
fi
echo "drill: PASS"
