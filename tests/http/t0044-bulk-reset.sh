#!/usr/bin/env bash
# Issue 21: the bulk resets beside the end of a wave (t0037). (1) Every
# card returned to what its check-ins say: every open anomaly and every
# fever measured at a building's entrance cleared with a reason; previewed
# (the cards that leave red, by college, a sample, the reports and fevers
# cleared), then one audited transaction whose effect equals the preview,
# measured apart. (2) A new term with the rules in force copied to it:
# previewed (the cards it makes, by college, a sample), then one audited
# transaction making exactly those cards; a name taken is refused.
. "$(dirname "$0")/lib.sh"

today=$(TZ=Asia/Shanghai date +%F)
for who in student counselor reviewer gate admin; do login "$who"; done
for who in student counselor reviewer gate; do
	get "$who" "/policy/reset?state=checkins&reason=t44"
	check "$who GET /policy/reset: 403" status_is 403
	FORM_PAGE=/password post "$who" /policy/reset --data-urlencode state=checkins --data-urlencode reason=t44
	check "$who POST /policy/reset: 403" status_is 403
	get "$who" "/policy/term?name=t44&starts_on=2027-09-01&ends_on=2028-01-15"
	check "$who GET /policy/term: 403" status_is 403
	FORM_PAGE=/password post "$who" /policy/term --data-urlencode name=t44 \
		--data-urlencode starts_on=2027-09-01 --data-urlencode ends_on=2028-01-15
	check "$who POST /policy/term: 403" status_is 403
done

# Red cards of three kinds: two fevers checked in today, two fevers at a
# building's entrance (plain SQL, as a scan writes them, with their queue
# items), and a report sent back (which stays).
for num in $(sql "SELECT p.number FROM people p JOIN accounts a ON a.person_id = p.id
	WHERE p.identity = 'undergrad' AND p.id > 7 AND NOT EXISTS (SELECT 1 FROM daily_reports d
	WHERE d.person_id = p.id AND d.day = '$today') AND EXISTS (SELECT 1 FROM basic_info b
	WHERE b.person_id = p.id) ORDER BY p.id DESC LIMIT 3"); do
	login "$num"
	report "$num" 38.4
	check "$num checks in with a fever" status_is 303
done
sb=$(sql "SELECT id FROM daily_reports WHERE anomaly_state = 'open' ORDER BY id DESC LIMIT 1")
FORM_PAGE=/dashboard post admin /dashboard/verify --data-urlencode "report=$sb" \
	--data-urlencode decision=send_back --data-urlencode "reason=请重新填写"
check "one of them sent back" status_is 303
sql "INSERT IGNORE INTO buildings (name, kind, created_at) VALUES ('t44 楼', 'teaching', NOW())" >/dev/null
b=$(sql "SELECT id FROM buildings WHERE name = 't44 楼'")
sql "INSERT IGNORE INTO gates (kind, name, building_id) VALUES ('entrance', 't44 门', $b)" >/dev/null
g=$(sql "SELECT id FROM gates WHERE name = 't44 门'")
for pid in $(sql "SELECT f.person_id FROM card_facts f JOIN people p ON p.id = f.person_id
	WHERE f.term_id = (SELECT id FROM terms WHERE starts_on <= '$today' AND ends_on >= '$today' ORDER BY starts_on DESC LIMIT 1)
	AND f.arrived_at IS NOT NULL AND f.open_anomaly IS NULL AND f.sent_back IS NULL AND f.door_fever IS NULL
	AND f.positive_test IS NULL ORDER BY f.person_id LIMIT 2"); do
	sql "INSERT INTO passages (person_id, building_id, entrance_id, direction, at, result, reason,
		temperature, token_mac, fever_state) VALUES ($pid, $b, $g, 'in', NOW(), 'deny', 'fever', 38.1,
		UNHEX(MD5('t44-$pid')), 'open');
	INSERT INTO queue_items (kind, ref_id, person_id, created_at) SELECT 'fever', id, person_id, at
		FROM passages WHERE token_mac = UNHEX(MD5('t44-$pid'))" >/dev/null
done
term=$(sql "SELECT id FROM terms WHERE starts_on <= '$today' AND ends_on >= '$today' ORDER BY starts_on DESC LIMIT 1")
red() { sql "SELECT COUNT(*) FROM card_facts WHERE term_id = $term AND (open_anomaly IS NOT NULL OR door_fever IS NOT NULL
	OR sent_back IS NOT NULL OR positive_test IS NOT NULL)"; }
open_n=$(sql "SELECT COUNT(*) FROM daily_reports WHERE anomaly_state = 'open'")
fever_n=$(sql "SELECT COUNT(*) FROM passages WHERE fever_state = 'open'")
sent_back=$(sql "SELECT COUNT(*) FROM daily_reports WHERE anomaly_state = 'sent_back'")
red0=$(red)
pv() { grep -o "data-$1=\"[0-9]*\"" "$BODY" | head -1 | grep -o '[0-9]*'; }
moves() {
	grep -o "<tr data-from=\"[a-z_]*\" data-to=\"[a-z_]*\"><td>[^<]*</td><td>[^<]*</td><td class=\"num\">[0-9]*" "$BODY" |
		awk -v end="$1" -v s="$2" -F'"' '{ n = $NF; sub(/.*>/, "", n); if ((end == "to" && $4 == s) || (end == "from" && $2 == s)) t += n } END { print t + 0 }'
}
# The preview's colleges: "name count" per line, of the column given.
colleges() { grep -o "<tr data-college=\"[^\"]*\"><td>[^<]*</td>.*</tr>" "$BODY" | sed 's/<\/tr>/&\n/g' |
	sed -n "s/^<tr data-college=\"\([^\"]*\)\">.*<td class=\"num $1\">\([0-9]*\)<.*/\1 \2/p" | grep -v '^ ' | sort; }

# 1. Every card to what its check-ins say.
get admin "/policy/reset?state=checkins&reason="
check "no reason: 400, nothing previewed" eval 'status_is 400 && body_lacks "id=\"preview\"" && body_has "rs-reason-err"'
get admin "/policy/reset?state=all&reason=t44"
check "a state that is not one: 400" eval 'status_is 400 && body_lacks "id=\"preview\""'
get admin "/policy/reset?state=checkins&reason=第二波结束"
p_closed=$(pv closed); p_fevers=$(pv fevers); p_out=$(moves from abnormal); p_in=$(moves to abnormal)
p_changed=$(pv changed); by_college=$(colleges changed | awk '{ t += $NF } END { print t + 0 }')
check "the preview: $open_n reports and $fever_n entrance fevers cleared, $p_out cards leave red" eval 'status_is 200 &&
	eq "$p_closed" "$open_n" && eq "$p_fevers" "$fever_n" && [ "$fever_n" -ge 2 ] && [ "$p_out" -ge 3 ] && eq "$p_in" 0'
check "  by college (summing to the $p_changed cards that change), with a sample" eval 'eq "$by_college" "$p_changed" &&
	body_has "id=\"preview-sample\""'
check "  nothing changed by it" eq "$(sql "SELECT COUNT(*) FROM passages WHERE fever_state = 'open'") $(red)" "$fever_n $red0"
tok=$(csrf)
req admin POST /policy/reset --data-urlencode "csrf=$tok" --data-urlencode state=checkins --data-urlencode "reason=第二波结束"
check "applied: 303, saying how many" eval 'status_is 303 && header_has "Location: /policy?reset_cards=$open_n&fevers=$fever_n"'
check "no open anomaly or entrance fever left, the sent-back report kept" eq \
	"$(sql "SELECT COUNT(*) FROM daily_reports WHERE anomaly_state = 'open'") $(sql "SELECT COUNT(*) FROM passages WHERE fever_state = 'open'") $(sql "SELECT COUNT(*) FROM daily_reports WHERE anomaly_state = 'sent_back'")" \
	"0 0 $sent_back"
check "the red cards fell by the preview's count ($p_out)" eq "$(( red0 - $(red) ))" "$p_out"
check "the fevers cleared with the reason, by the admin; their queue items decided" eq \
	"$(sql "SELECT COUNT(*) FROM passages WHERE verify_reason = '第二波结束' AND fever_state = 'cleared'
	AND verified_by = (SELECT person_id FROM accounts WHERE login = 'admin')") $(sql "SELECT COUNT(*) FROM queue_items WHERE kind IN ('fever', 'anomaly') AND state = 'open'")" \
	"$fever_n 0"
check "audited: a row per fever and per report, one for the reset with the counts before and after" eq \
	"$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'door_fever.clear' AND detail LIKE '%(policy reset)'") $(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'policy.reset_cards'
	AND JSON_VALUE(detail, '\$.old.open_door_fevers') = $fever_n AND JSON_VALUE(detail, '\$.new.open_door_fevers') = 0")" "$fever_n 1"
check "the card facts hold (hc-facts check)" eval 'hc_facts check >"$T/facts" 2>&1 || { tail -3 "$T/facts"; false; }'
get admin "/policy?reset_cards=$open_n&fevers=$fever_n"
check "the page it leads to says how many" eval 'body_has "id=\"reset-n\">$open_n<" && body_has "id=\"reset-fevers\">$fever_n<"'

# 2. A new term, the rules copied: one question asked now goes with them.
FORM_PAGE=/policy/questions post admin /policy/questions --data-urlencode kind=yesno \
	--data-urlencode label_zh=t44问题 --data-urlencode label_en="t44 question"
q=$(sql "SELECT MAX(id) FROM report_questions")
name="2027 秋季学期 (t44)"
get admin "/policy/term?name=x&starts_on=2028-01-15&ends_on=2027-09-01"
check "a term that ends before it starts: 400, on its last day" eval 'status_is 400 && body_has "t-ends_on-err" && body_lacks "id=\"preview\""'
get admin /policy/term -G --data-urlencode "name=$name" --data-urlencode starts_on=2027-09-01 \
	--data-urlencode ends_on=2028-01-15
p_cards=$(pv cards)
people=$(sql "SELECT COUNT(*) FROM people")
check "the preview: a card for each of the $people people, by college, a sample" eval 'status_is 200 &&
	eq "$p_cards" "$people" && body_has "id=\"preview-colleges\"" && body_has "id=\"preview-sample\"" &&
	body_has "data-to=\"not_on_roster\""'
colleges cards >"$T/p_colleges"
check "  nothing made by it" eq "$(sql "SELECT COUNT(*) FROM terms WHERE name = '$name'")" 0
tok=$(csrf)
req admin POST /policy/term --data-urlencode "csrf=$tok" --data-urlencode "name=$name" \
	--data-urlencode starts_on=2027-09-01 --data-urlencode ends_on=2028-01-15
nt=$(sql "SELECT id FROM terms WHERE name = '$name'")
check "opened: 303, saying how many cards" eval 'status_is 303 && [ -n "$nt" ] &&
	header_has "Location: /policy?term_opened=$nt&cards=$p_cards"'
check "the cards made equal the preview's ($p_cards)" eq "$(sql "SELECT COUNT(*) FROM card_facts WHERE term_id = $nt")" "$p_cards"
sql "SELECT COALESCE(c.name, ''), COUNT(*) FROM card_facts f JOIN people p ON p.id = f.person_id
	LEFT JOIN org_units c ON c.id = p.college_id WHERE f.term_id = $nt AND c.name IS NOT NULL
	GROUP BY c.name" | tr '\t' ' ' | sort >"$T/colleges"
check "  college by college" eval 'diff "$T/p_colleges" "$T/colleges" && [ -s "$T/colleges" ]'
get admin /policy
fever=$(grep -o 'id="now-fever">[0-9.]*' "$BODY" | grep -o '[0-9.]*$'); streak=$(grep -o 'id="now-streak">[0-9]*' "$BODY" | grep -o '[0-9]*$')
check "the rules in force copied to it ($fever °C, $streak days, the question asked)" eq \
	"$(sql "SELECT CONCAT(fever_tenths / 10, ' ', streak_days, ' ', questions, ' ', copied_from_term) FROM term_policies WHERE term_id = $nt")" \
	"$(awk -v f="$fever" 'BEGIN { printf "%.4f", f }') $streak [$q] $term"
check "audited with the new term and its rules" eq "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'policy.open_term'
	AND object_id = $nt AND JSON_VALUE(detail, '\$.new.rules.streak_days') = $streak AND JSON_VALUE(detail, '\$.new.cards') = $p_cards")" 1
FORM_PAGE=/policy post admin /policy/term --data-urlencode "name=$name" \
	--data-urlencode starts_on=2028-02-20 --data-urlencode ends_on=2028-07-01
check "the same name again: 400 on the name, no second term" eval 'status_is 400 && body_has "t-name-err" &&
	eq "$(sql "SELECT COUNT(*) FROM terms WHERE name = \"$name\"")" 1'
check "the card facts hold (hc-facts check)" eval 'hc_facts check >"$T/facts" 2>&1 || { tail -3 "$T/facts"; false; }'

# Left as found for the tests after: the term and the question gone.
FORM_PAGE=/policy/questions post admin /policy/question_retire --data-urlencode "id=$q"
sql "DELETE FROM terms WHERE id = $nt" >/dev/null
check "left as found: the term removed, no question active" eq \
	"$(sql "SELECT COUNT(*) FROM card_facts WHERE term_id = $nt") $(sql "SELECT questions_n FROM policies")" "0 0"
