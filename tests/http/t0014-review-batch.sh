#!/usr/bin/env bash
# A batch of 200 in one go, some decided meanwhile, some outside the
# reviewer's scope; and a reassigned student's items follow the counselor.
. "$(dirname "$0")/lib.sh"

cid=$(sql "SELECT person_id FROM accounts WHERE login = 'counselor'")
now=$(TZ=Asia/Shanghai date '+%F %T')
# 200 pending requests of the counselor's students, on days far back.
sql "INSERT INTO makeup_requests (person_id, day, reason, created_at)
	SELECT ca.student_id, DATE_SUB(CURDATE(), INTERVAL 40 + n.k DAY), 'batch', '$now'
	FROM counselor_assignments ca
	JOIN (SELECT 0 AS k UNION SELECT 1 UNION SELECT 2) n
	WHERE ca.counselor_id = $cid ORDER BY ca.student_id, n.k LIMIT 200;
     INSERT INTO queue_items (kind, ref_id, person_id, created_at)
	SELECT 'makeup', id, person_id, created_at FROM makeup_requests WHERE reason = 'batch'"
ids=$(sql "SELECT q.id FROM queue_items q JOIN makeup_requests m ON m.id = q.ref_id
	WHERE q.kind = 'makeup' AND m.reason = 'batch' ORDER BY q.id")
check "200 items to decide" eq "$(echo "$ids" | wc -l)" 200
# 20 of them are decided by someone else meanwhile.
early=$(echo "$ids" | head -20 | tr '\n' ',' | sed 's/,$//')
sql "UPDATE queue_items SET state = 'decided', decision = 'approve', decided_by = $cid, decided_at = '$now'
	WHERE id IN ($early)"
foreign=$(sql "SELECT q.id FROM queue_items q JOIN counselor_assignments ca ON ca.student_id = q.person_id
	WHERE ca.counselor_id <> $cid AND q.state = 'open' LIMIT 3")
args=()
for i in $ids $foreign; do args+=(--data-urlencode "id=$i"); done
login counselor
start=$(date +%s%N)
FORM_PAGE=/review post counselor /review/decide --data-urlencode "decision=approve" "${args[@]}"
ms=$(( ($(date +%s%N) - start) / 1000000 ))
check "the batch answers 200" status_is 200
check "180 decided now" eq "$(grep -o 'id="done-count">[0-9]*' "$BODY" | grep -o '[0-9]*$')" 180
check "20 reported as decided already, not overwritten" eq "$(grep -c 'class="outcome-already"' "$BODY")" 20
nf=$(echo "$foreign" | grep -c .)
check "items outside the scope are refused one by one" eq "$(grep -c 'class="outcome-forbidden"' "$BODY")" "$nf"
check "and stay open" eq "$(sql "SELECT COUNT(*) FROM queue_items WHERE id IN ($(echo $foreign | tr ' ' ','))
	AND state = 'open'")" "$nf"
check "180 requests approved" eq "$(sql "SELECT COUNT(*) FROM makeup_requests WHERE reason = 'batch' AND state = 'approved'")" 180
echo "# batch of 203 decided in ${ms} ms"
# Results name the student (issue 20, defect 7), never an internal number;
# an item out of scope says nothing of whose it is.
first=$(echo "$ids" | sed -n 30p)
fname=$(sql "SELECT p.name FROM queue_items q JOIN people p ON p.id = q.person_id WHERE q.id = $first")
check "each result names its student" body_has "<li class=\"outcome-done\">$fname "
check "  and no result is a bare #number" eval '! grep -q "<li class=\"outcome-[a-z_]*\">#" "$BODY"'
fid=$(echo "$foreign" | head -1)
check "  a refused item is not named" body_has "<li class=\"outcome-forbidden\">事项编号 $fid:"

# Scope follows the counselor assignment.
other_c=$(sql "SELECT counselor_id FROM counselor_assignments WHERE counselor_id <> $cid LIMIT 1")
other_login=$(sql "SELECT login FROM accounts WHERE person_id = $other_c")
st=$(sql "SELECT ca.student_id FROM counselor_assignments ca WHERE ca.counselor_id = $cid LIMIT 1 OFFSET 7")
sql "INSERT INTO makeup_requests (person_id, day, reason, created_at)
	VALUES ($st, DATE_SUB(CURDATE(), INTERVAL 50 DAY), 'moving', '$now');
     INSERT INTO queue_items (kind, ref_id, person_id, created_at)
	SELECT 'makeup', id, person_id, created_at FROM makeup_requests WHERE reason = 'moving'"
mv=$(sql "SELECT q.id FROM queue_items q JOIN makeup_requests m ON m.id = q.ref_id WHERE q.kind = 'makeup' AND m.reason = 'moving'")
get counselor "/review?kind=makeup"
check "the item is in the counselor's queue" body_has "value=\"$mv\""
sql "UPDATE counselor_assignments SET counselor_id = $other_c WHERE student_id = $st"
get counselor "/review?kind=makeup"
check "after reassignment the old counselor no longer sees it" body_lacks "value=\"$mv\""
get counselor "/review/item?id=$mv"
check "nor opens it (403)" status_is 403
login "$other_login"
get "$other_login" "/review?kind=makeup"
check "the new counselor has it" body_has "value=\"$mv\""
sql "UPDATE counselor_assignments SET counselor_id = $cid WHERE student_id = $st"
