#!/usr/bin/env bash
# Staff return to their posts (返岗, seed 002): the roster import accepts
# teachers and staff by their 工号 like students, their stored card facts
# say they are on the roster, and their own card is computed from them.
. "$(dirname "$0")/lib.sh"

B=$ROOT/build
read -r sid snum sname < <(sql "SELECT p.id, p.number, p.name FROM people p JOIN accounts a ON a.person_id = p.id
	WHERE p.identity = 'staff' AND NOT EXISTS (SELECT 1 FROM roles r WHERE r.person_id = p.id
		AND r.role IN ('admin', 'college_admin', 'gate', 'dorm'))
	AND NOT EXISTS (SELECT 1 FROM roster_entries re WHERE re.person_id = p.id) ORDER BY p.id LIMIT 1" | tr '\t' ' ')
slogin=$(sql "SELECT login FROM accounts WHERE person_id = $sid")
batch=$(sql "SELECT name FROM return_batches ORDER BY return_from LIMIT 1")
login "$slogin"
get "$slogin" /card
check "before: a staff member's card says not on the roster" body_has "未在返校名单中"
{ echo "学号,姓名,批次"; echo "$snum,$sname,$batch"; } | "$B/csv2xlsx" "$T/staff.xlsx"
login admin
get admin /roster
tok=$(csrf)
req admin POST /roster/import -F "csrf=$tok" -F kind=add -F "file=@$T/staff.xlsx"
check "the roster import accepts a staff member (200)" status_is 200
check "  applied" body_has 'id="import-applied"'
check "  on the roster" eq "$(sql "SELECT COUNT(*) FROM roster_entries WHERE person_id = $sid")" 1
check "  their card facts say so" eq "$(sql "SELECT MIN(on_roster) FROM card_facts f JOIN return_batches b
	ON b.term_id = f.term_id WHERE f.person_id = $sid AND b.name = '$batch'")" 1
login "$slogin"
get "$slogin" /card
check "after: their card is no longer grey" body_lacks "未在返校名单中"
check "  it says the next step" body_has "请阅读返校须知并完成答题"
check "the card facts agree with the base tables" eval 'hc_facts check >/dev/null'
