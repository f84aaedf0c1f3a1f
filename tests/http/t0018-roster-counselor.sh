#!/usr/bin/env bash
# Roster spreadsheets from counselors, where the policy allows it
# (Policy.CounselorsMayImport = 1, on a private stack of its own): their own
# students only, never a change of counselor; the school admin's terms and
# batches stay the admin's. Where the policy is off (the shared stack) a
# counselor gets 403.
. "$(dirname "$0")/lib.sh"

login counselor
get counselor /
check "with the policy off, the counselor's home has no roster link" body_lacks 'href="/roster"'
get counselor /roster
check "with the policy off, a counselor may not open the roster (403)" status_is 403

port=$((HC_PORT + 60))
RV=$ROOT/var/test-rc-$port
rm -rf "$RV"
trap '"$ROOT/tools/stack.sh" purge "$RV" >/dev/null 2>&1; rm -rf "$RV.log" "$T"' EXIT
if ! HC_EXTRA_CONF="Policy.CounselorsMayImport = 1" \
	"$ROOT/tools/stack.sh" start "$RV" "$port" --students 200 --days 5 >"$RV.log" 2>&1; then
	cat "$RV.log"
	check "the stack with counselor imports starts" false
	exit 1
fi
URL=http://127.0.0.1:$port
HC_VAR=$RV
rm -f "$T"/jar.*

upload() {  # upload WHO KIND FILE
	get "$1" /roster
	local tok; tok=$(csrf)
	req "$1" POST /roster/import -F "csrf=$tok" -F "kind=$2" -F "file=@$3;type=text/csv"
}
batch_of() { sql "SELECT b.name FROM roster_entries re JOIN return_batches b ON b.id = re.batch_id
	JOIN people p ON p.id = re.person_id WHERE p.number = '$1'"; }

cid=$(sql "SELECT person_id FROM accounts WHERE login = 'counselor'")
mapfile -t mine < <(sql "SELECT p.number FROM people p JOIN counselor_assignments ca ON ca.student_id = p.id
	JOIN roster_entries re ON re.person_id = p.id WHERE ca.counselor_id = $cid ORDER BY p.id LIMIT 2")
theirs=$(sql "SELECT p.number FROM people p JOIN counselor_assignments ca ON ca.student_id = p.id
	JOIN roster_entries re ON re.person_id = p.id WHERE ca.counselor_id <> $cid ORDER BY p.id LIMIT 1")
other_counselor=$(sql "SELECT p.number FROM people p JOIN roles r ON r.person_id = p.id
	WHERE r.role = 'counselor' AND p.id <> $cid LIMIT 1")
b0=$(batch_of "${mine[0]}")
b1=$(sql "SELECT name FROM return_batches WHERE name <> '$b0' ORDER BY return_from LIMIT 1")
check "the data has two of the counselor's students and one of another's" \
	test -n "${mine[1]:-}" -a -n "$theirs" -a -n "$b1"

login counselor
get counselor /
check "with the policy on, the counselor's home links the roster" body_has 'href="/roster"'
get counselor /roster
check "with the policy on, the counselor opens the roster" status_is 200
check "told what they may import" body_has 'id="counselor-scope"'
check "without the admin's term and batch forms" body_lacks 'action="/roster/term"'
get counselor "/roster/template?kind=modify"
check "the templates download" header_has "spreadsheetml.sheet"

printf '学号,姓名,批次,辅导员工号\n%s,,%s,\n%s,,%s,\n' "${mine[0]}" "$b1" "$theirs" "$b1" >"$T/mixed.csv"
upload counselor modify "$T/mixed.csv"
check "a file with another counselor's student is refused (400)" status_is 400
check "naming the row and why" body_has "不是您负责的学生"
check "nothing applied, not even the counselor's own row" eq "$(batch_of "${mine[0]}")" "$b0"

printf '学号,姓名,批次,辅导员工号\n%s,,,%s\n' "${mine[1]}" "$other_counselor" >"$T/handover.csv"
upload counselor modify "$T/handover.csv"
check "a counselor cannot hand a student over (400)" status_is 400
check "  with the reason" body_has "更换辅导员须由学校管理员导入"
check "  and the student stays theirs" eq "$(sql "SELECT COUNT(*) FROM counselor_assignments ca
	JOIN people p ON p.id = ca.student_id WHERE p.number = '${mine[1]}' AND ca.counselor_id = $cid")" 1

printf '学号,姓名,批次,辅导员工号\n%s,,%s,\n' "${mine[0]}" "$b1" >"$T/own.csv"
upload counselor modify "$T/own.csv"
check "their own student moves to another batch" body_has 'id="import-applied"'
check "  in the database" eq "$(batch_of "${mine[0]}")" "$b1"
check "  audited as theirs" eq "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'roster.import' AND actor_id = $cid")" 1

FORM_PAGE=/roster post counselor /roster/term --data-urlencode "term_name=x" \
	--data-urlencode "starts_on=2030-01-01" --data-urlencode "ends_on=2030-06-01"
check "terms stay the school admin's (403)" status_is 403
