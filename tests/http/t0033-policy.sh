#!/usr/bin/env bash
# Issue 21: the school's rules on /policy. Each change is previewed (the
# cards that change state today, the reports that become anomalous, by
# college, with a sample) and its counts are the change's effect, measured
# apart from the preview: the stored card facts and reports (SQL), the big
# table's totals per card state. Applied in one audited transaction (old
# and new values), in force from the next request: a check-in right after
# is judged by the new threshold, the return notice names the new streak.
. "$(dirname "$0")/lib.sh"

roles="student grad counselor reviewer gate dorm"
for who in $roles admin; do login "$who"; done
for who in $roles; do
	get "$who" /policy
	check "$who GET /policy: 403" status_is 403
	get "$who" "/policy/preview?fever=37.0&streak_days=14&makeup_days_back=0&makeup_per_term=0&summary_deadline=11:30"
	check "$who GET /policy/preview: 403" status_is 403
	FORM_PAGE=/password post "$who" /policy/apply --data-urlencode fever=36.0 \
		--data-urlencode streak_days=1 --data-urlencode makeup_days_back=0 \
		--data-urlencode makeup_per_term=0 --data-urlencode summary_deadline=11:30
	check "$who POST /policy/apply: 403" status_is 403
done
check "no login: to the login page" turned_away anonymous /policy
get admin /policy
check "the school admin opens /policy: the rules in force (the configuration's)" eval 'status_is 200 &&
	body_has "id=\"now-fever\">37.3 °C" && body_has "id=\"now-streak\">14<" && body_has "id=\"now-deadline\">11:30<"'
check "  linked from the admin's menu" body_has 'href="/policy"'

today=$(TZ=Asia/Shanghai date +%F)
term=$(sql "SELECT id FROM terms WHERE starts_on <= '$today' AND ends_on >= '$today' ORDER BY starts_on DESC LIMIT 1")
abnormal() { sql "SELECT COUNT(*) FROM card_facts WHERE term_id = $term AND (open_anomaly IS NOT NULL OR sent_back IS NOT NULL)"; }
open_today() { sql "SELECT COUNT(*) FROM daily_reports WHERE day = '$today' AND anomaly_state = 'open'"; }
# The preview's figures: data-NAME of #preview-counts; the cards moving into
# and out of a state (the table of moves).
pv() { grep -o "data-$1=\"[0-9]*\"" "$BODY" | head -1 | grep -o '[0-9]*'; }
moves() {  # moves to|from STATE: the cards of the moves with that end
	grep -o "<tr data-from=\"[a-z_]*\" data-to=\"[a-z_]*\"><td>[^<]*</td><td>[^<]*</td><td class=\"num\">[0-9]*" "$BODY" |
		awk -v end="$1" -v s="$2" -F'"' '{ n = $NF; sub(/.*>/, "", n); if ((end == "to" && $4 == s) || (end == "from" && $2 == s)) t += n } END { print t + 0 }'
}
total() { get admin "/table?card=$1"; grep -o 'id="total">[0-9]*' "$BODY" | grep -o '[0-9]*$'; }

# Bad values: the form again with a message per field, nothing stored.
get admin "/policy/preview?fever=45&streak_days=14&makeup_days_back=0&makeup_per_term=0&summary_deadline=11:30"
check "a fever threshold of 45: 400, the field named, the value kept" eval 'status_is 400 &&
	body_has "p-fever-err" && body_has "value=\"45\"" && body_lacks "id=\"preview\""'
get admin "/policy/preview?fever=37.3&streak_days=14&makeup_days_back=0&makeup_per_term=0&summary_deadline=25:00"
check "a deadline of 25:00: 400, the field named" eval 'status_is 400 && body_has "p-summary_deadline-err"'
row() { sql "SELECT CONCAT_WS('/', fever_tenths, streak_days, makeup_days_back, makeup_per_term, summary_deadline, changed_at) FROM policies"; }
row0=$(row)
FORM_PAGE=/policy post admin /policy/apply --data-urlencode fever=37.3 --data-urlencode streak_days=0 \
	--data-urlencode makeup_days_back=0 --data-urlencode makeup_per_term=0 --data-urlencode summary_deadline=11:30
check "applying 0 check-in days: 400, nothing stored" eval 'status_is 400 && eq "$(row)" "$row0"'

# 1. The fever threshold lowered to 36.6: today's undecided reports at 36.6
# or more become anomalous. Preview, then the effect measured apart. Three
# students without today's report check in first, at 36.6, 36.9 and 37.2
# (none an anomaly under 37.3); a fourth checks in after the change.
read -r n1 n2 n3 n4 <<<"$(sql "SELECT p.number FROM people p JOIN accounts a ON a.person_id = p.id
	WHERE p.identity = 'undergrad' AND p.id > 7 AND NOT EXISTS (SELECT 1 FROM daily_reports d
	WHERE d.person_id = p.id AND d.day = '$today') AND EXISTS (SELECT 1 FROM basic_info b
	WHERE b.person_id = p.id) ORDER BY p.id LIMIT 4" | paste -sd' ')"
for nt in "$n1 36.6" "$n2 36.9" "$n3 37.2"; do
	read -r num t <<<"$nt"
	login "$num"
	report "$num" "$t"
	check "$num checks in at $t" status_is 303
done
# Reports of today with an open anomaly from a fever under 37.3, in the queue.
low_fevers() { sql "SELECT COUNT(*) FROM daily_reports d
	JOIN queue_items q ON q.kind = 'anomaly' AND q.open_ref = d.id
	WHERE d.day = '$today' AND d.anomaly_state = 'open' AND FIND_IN_SET('fever', d.anomaly_flags)
	AND d.temperature < 37.3"; }
q0=$(low_fevers)
r0=$(open_today); a0=$(abnormal)
cand=$(sql "SELECT COUNT(*) FROM daily_reports WHERE day = '$today' AND anomaly_state = 'none' AND temperature >= 36.6")
get admin "/policy/preview?fever=36.6&streak_days=14&makeup_days_back=0&makeup_per_term=0&summary_deadline=11:30"
p_open=$(pv opened); p_changed=$(pv changed); p_into=$(moves to abnormal); p_out=$(moves from abnormal)
check "the preview of 36.6: $p_open reports become anomalous (of $cand undecided at 36.6 or more), $p_changed cards change" eval 'status_is 200 &&
	body_has "id=\"preview\"" && [ "$p_open" -gt 0 ] && eq "$p_open" "$cand" && [ "$p_changed" -gt 0 ]'
check "  by college, with a sample of people (to abnormal)" eval 'body_has "id=\"preview-colleges\"" &&
	body_has "id=\"preview-sample\"" && body_has "data-to=\"abnormal\""'
sample=$(grep -o 'data-number="[^"]*" data-to="abnormal"' "$BODY" | head -1 | sed 's/data-number="//; s/".*//')
check "  nothing changed by the preview" eval 'eq "$(open_today)" "$r0" && eq "$(abnormal)" "$a0"'
check "  the apply form carries the values previewed" eval 'body_has "name=\"fever\" value=\"36.6\""'
tok=$(csrf)
req admin POST /policy/apply --data-urlencode "csrf=$tok" --data-urlencode fever=36.6 --data-urlencode streak_days=14 \
	--data-urlencode makeup_days_back=0 --data-urlencode makeup_per_term=0 --data-urlencode summary_deadline=11:30
check "applied: 303 to /policy, saying how many reports opened" eval 'status_is 303 &&
	header_has "Location: /policy?applied=1&opened=$p_open&closed=0"'
check "the reports opened today equal the preview's ($p_open)" eq "$(( $(open_today) - r0 ))" "$p_open"
check "the red cards equal the preview's moves (+$p_into -$p_out)" eq "$(( $(abnormal) - a0 ))" "$(( p_into - p_out ))"
check "  each has an open anomaly in the review queue" eq "$(( $(low_fevers) - q0 ))" "$p_open"
sid=$(sql "SELECT id FROM people WHERE number = '$sample'")
get admin "/card?person=$sid"
check "a person of the sample ($sample): the card is red now" body_has 'class="card card-red"'
check "the change is audited with the old and the new values" eq "$(sql "SELECT COUNT(*) FROM audit_log
	WHERE action = 'policy.change' AND detail LIKE '%\"old\":{\"fever\":\"37.3\"%' AND detail LIKE '%\"new\":{\"fever\":\"36.6\"%'")" 1
get admin /policy
check "/policy shows the rule in force" body_has 'id="now-fever">36.6 °C'
# In force on the next request: a check-in at 36.7.
login "$n4"
report "$n4" 36.7
check "$n4's check-in at 36.7 right after: an anomaly" eq "$(sql "SELECT anomaly_state FROM daily_reports
	WHERE day = '$today' AND person_id = (SELECT id FROM people WHERE number = '$n4')")" open
check "the card facts hold (hc-facts check)" eval 'hc_facts check >"$T/facts" 2>&1 || { tail -3 "$T/facts"; false; }'

# 2. Raised back to 37.3: the same reports (fever their only flag, no one
# decided on them) close again.
withdrawn() { sql "SELECT COUNT(*) FROM queue_items WHERE kind = 'anomaly' AND state = 'withdrawn' AND reason = 'policy'"; }
only_fever=$(sql "SELECT COUNT(*) FROM daily_reports WHERE day = '$today' AND anomaly_state = 'open'
	AND anomaly_flags = 'fever' AND temperature < 37.3")
a1=$(abnormal); wd0=$(withdrawn)
get admin "/policy/preview?fever=37.3&streak_days=14&makeup_days_back=0&makeup_per_term=0&summary_deadline=11:30"
p_close=$(pv closed); r1=$(open_today); p_into=$(moves to abnormal); p_out=$(moves from abnormal)
check "raising it back: the preview closes the $only_fever open for a fever under 37.3 alone (the $((p_open + 1)) it opened among them)" eval '
	eq "$p_close" "$only_fever" && [ "$p_close" -ge $((p_open + 1)) ]'
tok=$(csrf)
req admin POST /policy/apply --data-urlencode "csrf=$tok" --data-urlencode fever=37.3 --data-urlencode streak_days=14 \
	--data-urlencode makeup_days_back=0 --data-urlencode makeup_per_term=0 --data-urlencode summary_deadline=11:30
check "  applied: as many closed" eval 'status_is 303 && eq "$(( r1 - $(open_today) ))" "$p_close"'
check "  their queue items withdrawn" eq "$(( $(withdrawn) - wd0 ))" "$p_close"
check "  the red cards moved as the preview said (+$p_into -$p_out)" eq "$(( $(abnormal) - a1 ))" "$(( p_into - p_out ))"

# 3. The streak: 14 days to 3. Approved students waiting for check-ins may
# return; the big table's totals move as the preview said.
w0=$(total waiting_checkins); m0=$(total may_return)
get admin "/policy/preview?fever=37.3&streak_days=3&makeup_days_back=0&makeup_per_term=0&summary_deadline=11:30"
p_changed=$(pv changed); p_into=$(moves to may_return); p_out=$(moves from may_return)
p_win=$(moves to waiting_checkins); p_wout=$(moves from waiting_checkins)
check "the preview of 3 days: $p_changed cards change, $p_into to may_return, no report" eval 'status_is 200 &&
	[ "$p_changed" -gt 0 ] && [ "$p_into" -gt 0 ] && eq "$(pv opened)" 0'
tok=$(csrf)
req admin POST /policy/apply --data-urlencode "csrf=$tok" --data-urlencode fever=37.3 --data-urlencode streak_days=3 \
	--data-urlencode makeup_days_back=0 --data-urlencode makeup_per_term=0 --data-urlencode summary_deadline=11:30
check "  applied" status_is 303
check "the table's may_return total moved by the preview's count" eq "$(( $(total may_return) - m0 ))" "$(( p_into - p_out ))"
check "the table's waiting_checkins total too" eq "$(( $(total waiting_checkins) - w0 ))" "$(( p_win - p_wout ))"
check "the stored rule: 3 days" eq "$(sql "SELECT streak_days FROM policies")" 3
# The texts that name the number say 3 (a student on the roster who has
# not passed the quiz sees the notice).
num=$(sql "SELECT a.login FROM people p JOIN accounts a ON a.person_id = p.id JOIN roster_entries re ON re.person_id = p.id AND re.term_id = $term
	LEFT JOIN return_applications ra ON ra.person_id = p.id AND ra.term_id = $term
	WHERE p.identity = 'undergrad' AND ra.quiz_passed_at IS NULL
	AND a.disabled = 0 AND a.must_change_pw = 0 ORDER BY p.id LIMIT 1")
if [ -n "$num" ]; then
	login "$num"
	get "$num" /return
	check "the return notice names 3 days ($num)" eval 'body_has "返校前 3 天" && body_lacks "{days}"'
fi

# 4. Make-up limits and the deadline: nothing else moves; the make-up page
# refuses a day further back than allowed.
get admin "/policy/preview?fever=37.3&streak_days=3&makeup_days_back=2&makeup_per_term=5&summary_deadline=10:17"
check "make-up limits and deadline: no card changes" eval 'status_is 200 && eq "$(pv changed)" 0'
tok=$(csrf)
req admin POST /policy/apply --data-urlencode "csrf=$tok" --data-urlencode fever=37.3 --data-urlencode streak_days=3 \
	--data-urlencode makeup_days_back=2 --data-urlencode makeup_per_term=5 --data-urlencode summary_deadline=10:17
check "  applied" status_is 303
old=$(TZ=Asia/Shanghai date -d '-5 day' +%F)
FORM_PAGE=/makeup post grad /makeup --data-urlencode "day=$old" --data-urlencode "reason=手机没电"
check "a make-up 5 days back with 2 allowed: refused, said why" eval 'status_is 400 && body_has "超出了学校允许补卡的天数"'
login counselor
# A day no summary was sent for (sent ones show what was sent instead).
get counselor "/dashboard/summary?day=$(TZ=Asia/Shanghai date -d '-3 day' +%F)"
check "the counselor's summary page says the new deadline" body_has 'id="summary-deadline">10:17<'
changes=$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'policy.change'")
get admin "/policy/preview?fever=37.3&streak_days=3&makeup_days_back=2&makeup_per_term=5&summary_deadline=10:17"
tok=$(csrf)
req admin POST /policy/apply --data-urlencode "csrf=$tok" --data-urlencode fever=37.3 --data-urlencode streak_days=3 \
	--data-urlencode makeup_days_back=2 --data-urlencode makeup_per_term=5 --data-urlencode summary_deadline=10:17
check "the same values again: nothing changed, not audited" eval 'status_is 303 && header_has "applied=0" &&
	eq "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = '"'"'policy.change'"'"'")" "$changes"'
check "the card facts hold at the end" eval 'hc_facts check >"$T/facts" 2>&1 || { tail -3 "$T/facts"; false; }'
# Leave the rules as the configuration has them for the tests after this one.
sql "UPDATE policies SET fever_tenths = NULL, streak_days = NULL, makeup_days_back = NULL,
	makeup_per_term = NULL, summary_deadline = NULL" >/dev/null
