#!/usr/bin/env bash
# The big table after a change shows what the database holds on the very
# next request, whichever process serves it: a changed row, a student
# taken off the roster and put back (plain SQL and hc-facts rebuild), a
# gate renamed. Every read is repeated.
. "$(dirname "$0")/lib.sh"

today=$(TZ=Asia/Shanghai date +%F)
term=$(sql "SELECT id FROM terms ORDER BY (starts_on <= '$today' AND ends_on >= '$today') DESC, starts_on DESC LIMIT 1")
total() { grep -o 'id="total">[0-9]*' "$BODY" | sed 's/.*>//'; }
roster() { sql "SELECT COUNT(*) FROM roster_entries WHERE term_id = $term"; }
# tables WHO PATH WANT: $N requests, each with WANT rows in all.
tables() {
	local i
	for i in $(seq 1 "${N:-8}"); do
		get "$1" "$2"
		status_is 200 && [ "$(total)" = "$3" ] || { echo "#   total $(total), want $3"; return 1; }
	done
}

login admin
all=$(roster)
N=16 tables admin /table "$all" >/dev/null
check "the school's table, from every process" tables admin /table "$all"

# One student's application changes.
pid=$(sql "SELECT ra.person_id FROM return_applications ra JOIN roster_entries re
	ON re.person_id = ra.person_id AND re.term_id = ra.term_id
	WHERE ra.term_id = $term AND ra.state = 'first_review' ORDER BY ra.person_id LIMIT 1")
number=$(sql "SELECT number FROM people WHERE id = $pid")
check "a student waiting for the first review" test -n "$pid"
sql "UPDATE return_applications SET state = 'rejected' WHERE person_id = $pid AND term_id = $term"
check "their row shows the new state at once" tables admin "/table?number=$number&app=rejected" 1
sql "UPDATE return_applications SET state = 'first_review' WHERE person_id = $pid AND term_id = $term"
check "and back" tables admin "/table?number=$number&app=first_review" 1

# Off the roster and back on: the row goes, and comes back.
cols=$(sql "SELECT GROUP_CONCAT(column_name ORDER BY ordinal_position) FROM information_schema.columns
	WHERE table_schema = DATABASE() AND table_name = 'roster_entries'")
sql "DROP TABLE IF EXISTS t0032_re; CREATE TABLE t0032_re AS SELECT * FROM roster_entries
	WHERE person_id = $pid AND term_id = $term"
sql "DELETE FROM roster_entries WHERE person_id = $pid AND term_id = $term"
check "taken off the roster: gone from every process's table" tables admin "/table?number=$number" 0
check "and the total is one less" tables admin /table "$((all - 1))"
sql "INSERT INTO roster_entries ($cols) SELECT $cols FROM t0032_re; DROP TABLE t0032_re"
check "put back: there again" tables admin "/table?number=$number" 1
check "and the total as before" tables admin /table "$all"

# A gate renamed: every row with an arrival there shows the new name.
gate=$(sql "SELECT g.id FROM arrivals a JOIN gates g ON g.id = a.gate_id
	WHERE a.term_id = $term AND a.kind = 'gate' LIMIT 1")
if [ -n "$gate" ]; then
	old=$(sql "SELECT name FROM gates WHERE id = $gate")
	sql "UPDATE gates SET name = CONCAT(name, '（新）') WHERE id = $gate"
	ok=1
	for i in $(seq 1 8); do
		get admin "/table?arrived=1"
		body_has "$old（新）" || ok=0
	done
	check "a renamed gate shows on every process's table" test "$ok" = 1
	sql "UPDATE gates SET name = '$old' WHERE id = $gate"
else
	check "the demo data has gate arrivals" false
fi
