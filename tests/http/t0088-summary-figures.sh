#!/usr/bin/env bash
# 数据上报 (seed 004, 3.3; issue 16): the daily summary takes the figures the
# members' reports cannot give, typed in by the counselor next to the
# notes: each a whole number from 0; a bad one re-renders the form (400)
# with what was typed and a message on that field, and nothing is stored;
# submitted, they are frozen with the rest and shown where summaries are
# read (the counselor's frozen summary, the school admin's list).
. "$(dirname "$0")/lib.sh"

cid=$(sql "SELECT person_id FROM accounts WHERE login = 'counselor'")
# A counselor of our own, so the day is ours whatever ran before.
hash=$(sql "SELECT pw_hash FROM accounts WHERE login = 'counselor'")
sql "INSERT INTO people (number, name, identity, college_id)
	SELECT 'T88C', '上报测试辅导员', 'staff', college_id FROM people WHERE id = $cid;
	INSERT INTO accounts (person_id, login, pw_hash) SELECT id, 't88c', '$hash' FROM people WHERE number = 'T88C';
	INSERT INTO roles (person_id, role) SELECT id, 'counselor' FROM people WHERE number = 'T88C'" >/dev/null
me=$(sql "SELECT id FROM people WHERE number = 'T88C'")
today=$(TZ=Asia/Shanghai date +%F)
fields=(outside_total outside_abnormal close_contacts central_isolation hospitalised)

login t88c
get t88c /dashboard/summary
check "the summary form asks for each figure, starting at 0" eval 'status_is 200 && body_has "id=\"hand-fields\"" &&
	for f in ${fields[*]}; do body_has "name=\"hand_$f\"" || exit 1; done && body_has "value=\"0\""'
check "  labelled in the page's language" eval 'body_has "密切接触者人数" && body_has "住院治疗人数"'

# Bad input: a negative number, a fraction, text, a number too large.
for bad in -1 2.5 三 100001 "1e3"; do
	FORM_PAGE=/dashboard/summary post t88c /dashboard/summary --data-urlencode "day=$today" \
		--data-urlencode "hand_outside_total=7" --data-urlencode "hand_close_contacts=$bad" \
		--data-urlencode "notes=两人未报：病假"
	check "close contacts '$bad': 400, the form again with the field named and the input kept" eval '
		status_is 400 && body_has "id=\"hand_close_contacts-err\"" && body_has "aria-invalid=\"true\"" &&
		body_has "value=\"$bad\"" && body_has "value=\"7\"" && body_has "两人未报：病假" &&
		body_lacks "id=\"hand_outside_total-err\""'
done
check "  nothing stored" eq "$(sql "SELECT COUNT(*) FROM daily_summaries WHERE counselor_id = $me")" 0
get t88c /dashboard/summary
check "  the page stays open for the day" body_has 'id="hand-fields"'

FORM_PAGE=/dashboard/summary post t88c /dashboard/summary --data-urlencode "day=$today" \
	--data-urlencode "hand_outside_total=12" --data-urlencode "hand_outside_abnormal=1" \
	--data-urlencode "hand_close_contacts=3" --data-urlencode "hand_central_isolation=0" \
	--data-urlencode "hand_hospitalised=" --data-urlencode "notes=两人未报：病假"
check "good figures (one left blank: 0): 303" eval 'status_is 303 && header_has "Location: /dashboard/summary?day=$today"'
check "  stored frozen with the figures of the reports and the notes" eq \
	"$(sql "SELECT CONCAT_WS('|', JSON_VALUE(hand_figures, '$.outside_total'), JSON_VALUE(hand_figures, '$.outside_abnormal'),
		JSON_VALUE(hand_figures, '$.close_contacts'), JSON_VALUE(hand_figures, '$.central_isolation'),
		JSON_VALUE(hand_figures, '$.hospitalised'), JSON_VALUE(figures, '$.total') IS NOT NULL, notes)
		FROM daily_summaries WHERE counselor_id = $me AND day = '$today'")" "12|1|3|0|0|1|两人未报：病假"
check "  audited" eq "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'summary.submit' AND actor_id = $me")" 1
get t88c "/dashboard/summary?day=$today"
check "the frozen summary shows each typed-in figure" eval 'status_is 200 && body_has "id=\"hand-figures\"" &&
	body_has "id=\"hand-outside_total\">12<" && body_has "id=\"hand-close_contacts\">3<" &&
	body_has "id=\"hand-hospitalised\">0<" && body_lacks "name=\"hand_outside_total\""'
FORM_PAGE=/dashboard/summary post t88c /dashboard/summary --data-urlencode "day=$today" \
	--data-urlencode "hand_outside_total=99"
check "  a second submission: 409, the first stays" eval 'status_is 409 &&
	eq "$(sql "SELECT JSON_VALUE(hand_figures, '"'$.outside_total'"') FROM daily_summaries WHERE counselor_id = $me")" 12'

login admin
get admin "/dashboard/summaries?day=$today"
check "the school admin's list of summaries shows the figures" eval 'status_is 200 &&
	body_has "密切接触者人数" && grep -q "上报测试辅导员.*<td class=\"num\">12</td><td class=\"num\">1</td><td class=\"num\">3</td>" "$BODY"'
