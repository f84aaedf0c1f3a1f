# lib.sh - helpers for the HTTP tests, sourced by each tests/http/tNNNN-*.sh.
# Each "check" is one test: a line "ok ..." or "not ok ..." in $RESULTS.
set -u
: "${HC_PORT:?run through tests/run.sh}" "${HC_VAR:?}" "${RESULTS:?}"
# HC_PREFIX=/healthcard (the cluster phase): the site lives under that
# path. Every request goes below it; every redirect and every link,
# form and source of a page must stay below it (a check of its own fails
# otherwise), and the prefix is then taken off the answer, so that each
# test asserts what it asserts at the root.
PFX=${HC_PREFIX:-}
URL=http://127.0.0.1:$HC_PORT$PFX
# On the cluster (tests/run.sh cluster) every request goes to the other
# web host than the one before: host A (HC_PORT, on node 1) and host B
# (HC_PORT_B, on node 2) take turns, so each form is fetched on one host
# and posted to the other, and each redirect is followed on another node.
HC_PORT_B=${HC_PORT_B:-}
HOP=0
# host_url K: for requests a test sends itself (races): host A for odd K,
# host B for even K on the cluster; the one host otherwise.
host_url() {
	if [ -n "$HC_PORT_B" ] && [ $(($1 % 2)) = 0 ]; then
		echo "http://127.0.0.1:$HC_PORT_B$PFX"
	else
		echo "http://127.0.0.1:$HC_PORT$PFX"
	fi
}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
NAME=$(basename "$0" .sh)
BODY=$T/body
HEADERS=$T/headers
STATUS=

# req WHO METHOD PATH [curl args...]: one request with WHO's cookie jar.
req() {
	local who=$1 method=$2 path=$3
	shift 3
	if [ -n "$HC_PORT_B" ]; then
		HOP=$((1 - HOP))
		URL=http://127.0.0.1:$([ $HOP = 1 ] && echo "$HC_PORT" || echo "$HC_PORT_B")$PFX
	fi
	STATUS=$(curl -s -o "$BODY" -D "$HEADERS" -w '%{http_code}' \
		-b "$T/jar.$who" -c "$T/jar.$who" -X "$method" "$@" "$URL$path")
	[ -z "$PFX" ] || unprefix "$path"
}
unprefix() {
	local loc out
	loc=$(sed -n 's/^[Ll]ocation: *//p' "$HEADERS" | tr -d '\r')
	case $loc in
	"" | "$PFX" | "$PFX"/* | "$PFX"\?*) ;;
	*) echo "not ok http $NAME $1: a redirect out of $PFX: $loc" | tee -a "$RESULTS" ;;
	esac
	out=$(grep -i '^set-cookie:' "$HEADERS" | grep -oiE 'path=[^;[:space:]]*' | grep -viE "^path=$PFX(/|\$)")
	[ -z "$out" ] || echo "not ok http $NAME $1: a cookie out of $PFX: $out" | tee -a "$RESULTS"
	sed -i -E "s#^([Ll]ocation: *)$PFX([/?]|\r?\$)#\1/\2#; s#^([Ll]ocation: *)//#\1/#;
		/^[Ss]et-[Cc]ookie:/ { s#([Pp]ath=)$PFX([/;[:space:]]|\$)#\1/\2#; s#([Pp]ath=)//#\1/# }" "$HEADERS"
	if grep -qi '^content-type: *text/html' "$HEADERS"; then
		out=$(grep -oE '(href|action|src)="/[^"]*"' "$BODY" | grep -vE "=\"$PFX/" | head -3)
		[ -z "$out" ] || echo "not ok http $NAME $1: links out of $PFX: $(echo $out)" | tee -a "$RESULTS"
		sed -i -E "s#(href|action|src)=\"$PFX/#\1=\"/#g; s#(https?://[^/\"<> ]+)$PFX/#\1/#g" "$BODY"
	fi
}
get() { req "$1" GET "$2" "${@:3}"; }

# The CSRF token of the last page fetched.
csrf() { grep -o 'name="csrf" value="[^"]*"' "$BODY" | head -1 | sed 's/.*value="//; s/"$//'; }

# post WHO PATH [--data-urlencode k=v...]: fetches PATH's page for a token first
# (FORM_PAGE overrides which page), then posts with it.
post() {
	local who=$1 path=$2
	shift 2
	get "$who" "${FORM_PAGE:-$path}"
	local tok; tok=$(csrf)
	req "$who" POST "$path" --data-urlencode "csrf=$tok" "$@"
}

login() {
	local who=$1 pw=${2:-demo}
	post "$who" /login --data-urlencode "login=$who" --data-urlencode "password=$pw"
}

check() {
	local desc=$1
	shift
	if "$@"; then
		echo "ok http $NAME $desc" | tee -a "$RESULTS"
	else
		echo "not ok http $NAME $desc (status $STATUS)" | tee -a "$RESULTS"
		head -c 600 "$BODY" 2>/dev/null | sed 's/^/#   /'
	fi
}

# cards WHO PATH WHAT ARG: $N requests (8), each 200 and passing WHAT ARG:
# enough that every process of a page's pool has served one.
cards() {
	local who=$1 path=$2 what=$3 arg=$4 i
	for i in $(seq 1 "${N:-8}"); do
		get "$who" "$path"
		status_is 200 && "$what" "$arg" || return 1
	done
}

# turned_away WHO PATH: $N requests (8), each sent to the login page.
turned_away() {
	local i
	for i in $(seq 1 "${N:-8}"); do
		get "$1" "$2"
		status_is 303 && header_has "Location: /login" || return 1
	done
}

status_is() { [ "$STATUS" = "$1" ]; }
body_has() { grep -qF -- "$1" "$BODY"; }
body_lacks() { ! grep -qF -- "$1" "$BODY"; }
header_has() { grep -qiF -- "$1" "$HEADERS"; }
# sql SQL: plain SQL as IT would run it, followed, when it writes, by the
# documented repair of the stored card facts (hc-facts rebuild). Before a
# write the facts must hold: what the pages wrote so far is checked here,
# not only at the end (a rebuild would hide it).
hc_facts() { HEALTHCARD_CONF="$HC_VAR/healthcard.hdf" "$ROOT/build/hc-facts" "$@"; }
sql() {
	local writes=0
	grep -qiE '\b(insert|update|delete|replace)\b' <<<"$1" && writes=1
	if [ $writes = 1 ] && ! hc_facts check >"$T/facts" 2>&1; then
		echo "not ok http $NAME card facts drifted before plain SQL: $(tail -1 "$T/facts")" | tee -a "$RESULTS"
		head -5 "$T/facts" | sed 's/^/#   /'
	fi
	"$ROOT/tools/stack.sh" sql "$HC_VAR" -N -B -e "$1" || return
	[ $writes = 0 ] || hc_facts rebuild >/dev/null
}
# raw_sql SQL [VAR]: plain SQL on the stack in VAR ($HC_VAR) with nothing
# after it: no check, no repair of the card facts.
# In the school's zone, as sql() and the pages.
HC_ZONE_OFF=$(TZ=$(sed -n 's/^Time\.Zone *= *//p' "$ROOT/conf/healthcard.hdf") date +%:z)
raw_sql() { mariadb --no-defaults -S "$([ -z "${2:-}" ] && [ -n "${HC_DB_SOCKET:-}" ] && echo "$HC_DB_SOCKET" || echo "${2:-$HC_VAR}/run/mysqld.sock")" -u "$(id -un)" \
	--init-command="SET time_zone = '$HC_ZONE_OFF'" -N -B healthcard -e "$1"; }
# global_status NAME [VAR]: one of MariaDB's status counters.
global_status() { raw_sql "SHOW GLOBAL STATUS LIKE '$1'" "${2:-}" | awk '{ print $2 }'; }
# eq GOT WANT: equality that shows both sides when it fails.
eq() { [ "$1" = "$2" ] || { echo "#   got '$1', want '$2'"; return 1; }; }

# report WHO TEMP [curl args...]: the day's check-in with ordinary answers.
report() {  # report WHO TEMP [extra curl args]
	local w=$1 t=$2
	shift 2
	FORM_PAGE=/checkin post "$w" /checkin --data-urlencode "temperature=$t" \
		--data-urlencode "city=北京" --data-urlencode "in_city=1" --data-urlencode "on_campus=0" \
		--data-urlencode "abroad=0" --data-urlencode "risk_area=0" \
		--data-urlencode "cohabitant_returned=0" --data-urlencode "returned_to_city=0" \
		--data-urlencode "quarantine=none" --data-urlencode "diagnosis=none" "$@"
}

# -- life on campus (issue 15): the helpers its tests share --------------------
# The set-up of the gate, leave and commute tests (t0076, t0078): codes as a
# phone reads them, the campus gate's phones, arrived students, a leave or
# a commute report filed and decided. Each test keeps its own assertions.

# tok [scantoken args...] PERSON: a signed code as the card's QR carries it
# (build/scantoken: --pass, --booking, --at, --other-key).
tok() { HEALTHCARD_CONF=$HC_VAR/healthcard.hdf "$ROOT/build/scantoken" "$@"; }
# result_is RESULT REASON: the last scan answer's verdict and reason.
result_is() { body_has "data-result=\"$1\"" && body_has "data-reason=\"$2\""; }
login_of() { sql "SELECT login FROM accounts WHERE person_id = $1"; }
# day WHEN: a day in the school's zone (day yesterday, day '+2 days').
day() { TZ=Asia/Shanghai date -d "$1" +%F; }

# enrol_phone WHO GATE_ID NAME: the admin (logged in as "admin") adds a
# phone named NAME at gate GATE_ID (1: the campus gate 东门), and WHO's
# cookie jar opens its one-time link: WHO is that phone from then on.
enrol_phone() {
	FORM_PAGE=/gates post admin /gates/add_device --data-urlencode "gate_id=$2" --data-urlencode "name=$3"
	post "$1" "$(grep -o '/scan/enrol/[A-Za-z0-9_-]*' "$BODY" | head -1)"
}

# card_is_blue PERSON: the card page, as the admin sees it, is blue (returned).
card_is_blue() { get admin "/card?person=$1" && grep -q 'class="card card-blue"' "$BODY"; }

# ARRIVED: students the gate recorded arriving (their stored card facts
# clean: no anomaly, send-back or fever at a door; on the roster), each
# with a counselor who logs in, with no leave and no commute report yet;
# a test adds its own conditions and order (AND p.boarding = 0 ...).
ARRIVED="SELECT f.person_id FROM card_facts f JOIN people p ON p.id = f.person_id
	JOIN accounts a ON a.person_id = p.id JOIN counselor_assignments ca ON ca.student_id = p.id
	JOIN accounts c ON c.person_id = ca.counselor_id
	WHERE f.arrived_at IS NOT NULL AND f.open_anomaly IS NULL AND f.sent_back IS NULL AND f.door_fever IS NULL
	  AND f.on_roster = 1 AND p.identity <> 'staff'
	  AND NOT EXISTS (SELECT 1 FROM leaves l WHERE l.person_id = p.id)
	  AND NOT EXISTS (SELECT 1 FROM commutes c WHERE c.person_id = p.id)"
counselor_of() { sql "SELECT a.login FROM counselor_assignments ca JOIN accounts a ON a.person_id = ca.counselor_id WHERE ca.student_id = $1 LIMIT 1"; }

# leave_apply WHO FROM TO [REASON]: WHO applies on /leave to leave from FROM
# to TO (days) for 呼和浩特; REASON "" sends none.
leave_apply() {
	FORM_PAGE=/leave post "$1" /leave --data-urlencode "starts_on=$2" --data-urlencode "ends_on=$3" \
		--data-urlencode "destination=呼和浩特" --data-urlencode "reason=${4-家中有事}"
}
# commute_file WHO FROM TO [REASON] [ADDRESS]: WHO files a commute report
# (走读报备) valid from FROM to TO.
commute_file() {
	FORM_PAGE=/leave post "$1" /leave/commute --data-urlencode "address=${5-新城区幸福路 8 号}" \
		--data-urlencode "valid_from=$2" --data-urlencode "valid_until=$3" --data-urlencode "reason=${4-家住本市}"
}
# queue_item KIND REF: the review queue's open item for row REF of KIND.
queue_item() { sql "SELECT id FROM queue_items WHERE kind = '$1' AND ref_id = $2 AND state = 'open'"; }
# review_decide WHO ITEM DECISION [REASON]: WHO decides the queue's ITEM.
review_decide() {
	FORM_PAGE=/review post "$1" /review/decide --data-urlencode "id=$2" --data-urlencode "decision=$3" \
		${4+--data-urlencode "reason=$4"}
}
