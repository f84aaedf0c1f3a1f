#!/usr/bin/env bash
# Issue 21: the end of a wave. The school admin closes every open anomaly
# with a reason: previewed first (the cards that turn from red, the reports
# closed), then one audited transaction whose effect equals the preview,
# measured apart (the stored card facts, the reports, the queue); reports
# sent back stay open for their students.
. "$(dirname "$0")/lib.sh"

today=$(TZ=Asia/Shanghai date +%F)
for who in student counselor reviewer gate admin; do login "$who"; done
for who in student counselor reviewer gate; do
	get "$who" "/policy/close?reason=t37"
	check "$who GET /policy/close: 403" status_is 403
	FORM_PAGE=/password post "$who" /policy/close --data-urlencode reason=t37
	check "$who POST /policy/close: 403" status_is 403
done
# Two more fevers today, and one report sent back (which stays).
i=0
for num in $(sql "SELECT p.number FROM people p JOIN accounts a ON a.person_id = p.id
	WHERE p.identity = 'undergrad' AND p.id > 7 AND NOT EXISTS (SELECT 1 FROM daily_reports d
	WHERE d.person_id = p.id AND d.day = '$today') AND EXISTS (SELECT 1 FROM basic_info b
	WHERE b.person_id = p.id) ORDER BY p.id DESC LIMIT 2"); do
	login "$num"
	report "$num" 38.2
	check "$num checks in with a fever" status_is 303
done
sb=$(sql "SELECT id FROM daily_reports WHERE anomaly_state = 'open' ORDER BY id LIMIT 1")
FORM_PAGE=/dashboard post admin /dashboard/verify --data-urlencode "report=$sb" \
	--data-urlencode decision=send_back --data-urlencode "reason=请如实填写体温"
check "one of them sent back" status_is 303
sent_back=$(sql "SELECT COUNT(*) FROM daily_reports WHERE anomaly_state = 'sent_back'")
term=$(sql "SELECT id FROM terms WHERE starts_on <= '$today' AND ends_on >= '$today' ORDER BY starts_on DESC LIMIT 1")
red() { sql "SELECT COUNT(*) FROM card_facts WHERE term_id = $term AND (open_anomaly IS NOT NULL OR sent_back IS NOT NULL
	OR positive_test IS NOT NULL)"; }
open_n=$(sql "SELECT COUNT(*) FROM daily_reports WHERE anomaly_state = 'open'"); red0=$(red)
pv() { grep -o "data-$1=\"[0-9]*\"" "$BODY" | head -1 | grep -o '[0-9]*'; }
moves() {
	grep -o "<tr data-from=\"[a-z_]*\" data-to=\"[a-z_]*\"><td>[^<]*</td><td>[^<]*</td><td class=\"num\">[0-9]*" "$BODY" |
		awk -v end="$1" -v s="$2" -F'"' '{ n = $NF; sub(/.*>/, "", n); if ((end == "to" && $4 == s) || (end == "from" && $2 == s)) t += n } END { print t + 0 }'
}

get admin "/policy/close?reason="
check "no reason: 400, nothing previewed" eval 'status_is 400 && body_lacks "id=\"preview\""'
get admin "/policy/close?reason=第一波结束，统一核实"
p_closed=$(pv closed); p_out=$(moves from abnormal); p_in=$(moves to abnormal)
check "the preview: the $open_n open reports closed, $p_out cards leave red" eval 'status_is 200 &&
	eq "$p_closed" "$open_n" && [ "$open_n" -ge 2 ] && [ "$p_out" -ge 1 ] && eq "$p_in" 0'
check "  nothing changed by it" eq "$(sql "SELECT COUNT(*) FROM daily_reports WHERE anomaly_state = 'open'")" "$open_n"
tok=$(csrf)
req admin POST /policy/close --data-urlencode "csrf=$tok" --data-urlencode "reason=第一波结束，统一核实"
check "applied: 303, saying how many" eval 'status_is 303 && header_has "Location: /policy?closed_all=$open_n"'
check "no open anomaly left, the sent-back report kept" eq "$(sql "SELECT COUNT(*) FROM daily_reports WHERE anomaly_state = 'open'") $(sql "SELECT COUNT(*) FROM daily_reports WHERE anomaly_state = 'sent_back'")" "0 $sent_back"
check "the red cards fell by the preview's count" eq "$(( red0 - $(red) ))" "$p_out"
check "each cleared with the reason, by the admin" eq "$(sql "SELECT COUNT(*) FROM daily_reports WHERE verify_reason = '第一波结束，统一核实'
	AND verified_by = (SELECT person_id FROM accounts WHERE login = 'admin')")" "$open_n"
check "their queue items decided" eq "$(sql "SELECT COUNT(*) FROM queue_items WHERE kind = 'anomaly' AND state = 'open'")" 0
check "audited: one row per report and one for the reset" eq "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'anomaly.clear' AND detail LIKE '%(policy reset)'") $(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'policy.close_anomalies'")" "$open_n 1"
check "the card facts hold (hc-facts check)" eval 'hc_facts check >"$T/facts" 2>&1 || { tail -3 "$T/facts"; false; }'
get admin "/policy?closed_all=$open_n"
check "the page it leads to says how many were closed" body_has "id=\"closed-all-n\">$open_n<"
