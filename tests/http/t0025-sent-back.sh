#!/usr/bin/env bash
# Issue 20: 退回重填 (seed 000, FAQ 3) and the card's details.
#  1. A report sent back blocks the card like a missing one: red, "打卡被退回"
#     with the counselor's reason and a button to that day's form, no QR;
#     /checkin shows that form; the message links there; the gate denies.
#  2. "查看打卡详情" opens the flagged day's report with what was abnormal.
#  6. A pending make-up is said on the card.
. "$(dirname "$0")/lib.sh"

d() { TZ=Asia/Shanghai date -d "$1" +%F; }
today=$(d today)
login_of() { sql "SELECT login FROM accounts WHERE person_id = $1"; }
why="体温计读数有误，请重新测量后如实填报"

# A green student, as the card itself computes it.
login admin
S=
for id in $(sql "SELECT ra.person_id FROM return_applications ra
	JOIN roster_entries re ON re.person_id = ra.person_id AND re.term_id = ra.term_id
	LEFT JOIN arrivals a ON a.person_id = ra.person_id
	WHERE ra.state = 'approved' AND a.id IS NULL AND ra.allowed_from <= CURDATE()
	  AND ra.allowed_until >= CURDATE() ORDER BY ra.person_id DESC"); do
	get admin "/card?person=$id"
	grep -q 'class="card card-green"' "$BODY" && { S=$id; break; }
done
check "the demo data has a green student" test -n "$S"
U=$(login_of "$S")
sql "DELETE FROM daily_reports WHERE person_id = $S AND day = '$today'"
login "$U"
get "$U" /card
check "before: green, with the QR" eval 'body_has "class=\"card card-green\"" && body_has "id=\"gate-qr\""'

# -- 1. fever, red, sent back -------------------------------------------------
report "$U" 38.4
check "a feverish report" status_is 303
rid=$(sql "SELECT id FROM daily_reports WHERE person_id = $S AND day = '$today'")
get "$U" /card
check "the card turns red" body_has 'class="card card-red"'
login admin
FORM_PAGE=/dashboard post admin /dashboard/verify --data-urlencode "report=$rid" \
	--data-urlencode "decision=send_back" --data-urlencode "reason=$why"
check "sent back with a reason" status_is 303

get "$U" /card
check "sent back: the card is still red, not green" body_has 'class="card card-red"'
check "  and shows no QR" body_lacks 'id="gate-qr"'
check "  it says 打卡被退回" body_has "打卡被退回"
check "  with the counselor's reason" body_has "$why"
check "  and a button to that day's form" body_has "href=\"/checkin?day=$today\""
check "  not that today's check-in is done" body_lacks 'class="today-done"'
check "  the message links to the form as well" \
	grep -q "已被辅导员退回，请重新填报。 <a href=\"/checkin?day=$today\">" "$BODY"
check "the stored facts say the day is sent back" \
	eq "$(sql "SELECT GROUP_CONCAT(DISTINCT sent_back) FROM card_facts WHERE person_id = $S")" "$today"
get "$U" "/card?lang=en"
check "  in English too" eval 'body_has "Check-in sent back" && body_has "Report that day again"'
get "$U" "/card?lang=zh-CN"
get "$U" /checkin
check "/checkin shows the form for that day" body_has 'name="temperature"'
check "  not 'already checked in, cannot be changed'" body_lacks "今日已打卡"
check "  with the counselor's reason" body_has "$why"
check "  and the day it is for" body_has "name=\"day\" value=\"$today\""
get "$U" "/checkin/calendar"
check "the calendar marks the day sent back, with its form" body_has "href=\"/checkin?day=$today\""

# The gate computes the same card: denied while sent back.
tok=$(HEALTHCARD_CONF="$HC_VAR/healthcard.hdf" "$ROOT/build/scantoken" "$S")
login gate
get gate "/scan?t=$tok"
check "the gate denies a sent-back student, as abnormal" \
	eval 'body_has "data-result=\"deny\"" && body_has "data-reason=\"abnormal\""'
check "  and records no arrival" eq "$(sql "SELECT COUNT(*) FROM arrivals WHERE person_id = $S")" 0

# A bad re-fill loses nothing and keeps the day.
FORM_PAGE=/checkin post "$U" /checkin --data-urlencode "day=$today" --data-urlencode "temperature=99"
check "a bad re-fill is refused with the form (400)" status_is 400
check "  still for that day" body_has "name=\"day\" value=\"$today\""
check "  and the sent-back report is kept" eq "$(sql "SELECT anomaly_state FROM daily_reports WHERE id = $rid")" sent_back
report "$U" 36.5 --data-urlencode "day=$today"
check "the re-fill is accepted" status_is 303
check "  replacing the report, the old one kept" \
	eq "$(sql "SELECT COUNT(*) FROM daily_report_history WHERE report_id = $rid")" 1
get "$U" /card
check "then the card is green again, with the QR" eval 'body_has "class=\"card card-green\"" && body_has "id=\"gate-qr\""'
check "  and no word of a send-back" body_lacks "打卡被退回"
check "  and today's check-in is done" body_has 'class="today-done"'

# An earlier day sent back: every check-in page leads to it.
P=$(sql "SELECT d.person_id FROM daily_reports d WHERE d.anomaly_state = 'open' AND d.day < '$today'
	AND d.person_id <> $S ORDER BY d.id LIMIT 1")
PD=$(sql "SELECT MIN(day) FROM daily_reports WHERE person_id = $P AND anomaly_state = 'open'")
prid=$(sql "SELECT id FROM daily_reports WHERE person_id = $P AND day = '$PD'")
flags=$(sql "SELECT anomaly_flags FROM daily_reports WHERE id = $prid")
PU=$(login_of "$P")
login "$PU"

# -- 2. 查看打卡详情 opens the flagged day -------------------------------------
get "$PU" /card
check "an earlier day's anomaly: the card is red" body_has 'class="card card-red"'
check "  its details link opens the flagged day, not today's form" body_has "href=\"/checkin?day=$PD\""
check "  no 'contact your counselor for details' beside it" body_lacks "查看详情请联系辅导员"
get "$PU" "/checkin?day=$PD"
check "the flagged day's report opens (200)" status_is 200
check "  for that day" body_has "$PD"
check "  saying it is abnormal" body_has "打卡数据异常"
first=${flags%%,*}
word=$(grep "^checkin.flag.$first = " "$ROOT/templates/lang/zh-CN.hdf" | sed 's/^[^=]*= //')
check "  and what was abnormal, in words ($first: $word)" body_has "$word"
check "  no form: it cannot be changed" body_lacks 'name="temperature"'
get "$PU" "/checkin?day=$PD&lang=en"
check "  in English too" body_has "Abnormal check-in"
get "$PU" "/checkin?lang=zh-CN"
nd=$(sql "SELECT MAX(x.d) FROM (SELECT '$today' - INTERVAL n DAY AS d FROM
	(SELECT 1 n UNION SELECT 2 UNION SELECT 3 UNION SELECT 4 UNION SELECT 5 UNION SELECT 6
	 UNION SELECT 7 UNION SELECT 8 UNION SELECT 9 UNION SELECT 10) k) x
	WHERE NOT EXISTS (SELECT 1 FROM daily_reports r WHERE r.person_id = $P AND r.day = x.d)")
if [ -n "$nd" ] && [ "$nd" != NULL ]; then
	get "$PU" "/checkin?day=$nd"
	check "a past day without a report is refused (403)" status_is 403
fi
before=$(sql "SELECT COUNT(*) FROM daily_reports WHERE person_id = $P")
report "$PU" 36.5 --data-urlencode "day=$PD"
check "a past day that was not sent back takes no report (403)" status_is 403
check "  and nothing is stored" eq "$(sql "SELECT COUNT(*) FROM daily_reports WHERE person_id = $P")" "$before"
check "  the report stays as it was" eq "$(sql "SELECT anomaly_state FROM daily_reports WHERE id = $prid")" open

login admin
FORM_PAGE=/dashboard post admin /dashboard/verify --data-urlencode "report=$prid" \
	--data-urlencode "decision=send_back" --data-urlencode "reason=$why"
check "an earlier day sent back" status_is 303
get "$PU" /card
check "the card names that day's form" body_has "href=\"/checkin?day=$PD\""
check "  with the reason" body_has "$why"
get "$PU" /checkin
check "/checkin leads to the sent-back day" body_has "id=\"sent-back-other\""
check "  by a link to its form" body_has "href=\"/checkin?day=$PD\""
get "$PU" "/checkin?day=$PD"
check "which is open again" body_has "name=\"day\" value=\"$PD\""
report "$PU" 36.6 --data-urlencode "day=$PD"
check "the earlier day is re-filled" status_is 303
get "$PU" "/checkin?day=$PD"
check "  and then shown, not open again" body_lacks 'name="temperature"'

# -- 6. a pending make-up is said on the card ---------------------------------
# The student of section 2, with no make-up of theirs in review.
MD=$(d '8 days ago')
sql "DELETE FROM makeup_requests WHERE person_id = $P AND day = '$MD'"
sql "DELETE FROM daily_reports WHERE person_id = $P AND day = '$MD'"
check "no make-up of theirs is in review yet" \
	eq "$(sql "SELECT COUNT(*) FROM makeup_requests WHERE person_id = $P AND state = 'pending'")" 0
get "$PU" /card
check "before a request: no word of a make-up" body_lacks "补卡申请正在等待"
FORM_PAGE=/makeup post "$PU" /makeup --data-urlencode "day=$MD" --data-urlencode "reason=手机没电"
check "a make-up is requested" status_is 303
get "$PU" /card
check "the card says the make-up for that day waits for review" body_has "您 $MD 的补卡申请正在等待辅导员审核"
check "  with a link to the requests" body_has 'href="/makeup"'
get "$PU" "/card?lang=en"
check "  in English too" body_has "Your make-up request for $MD is waiting"
get "$PU" "/card?lang=zh-CN"
mid=$(sql "SELECT id FROM makeup_requests WHERE person_id = $P AND day = '$MD' AND state = 'pending'")
FORM_PAGE="/makeup" post "$PU" /makeup/withdraw --data-urlencode "id=$mid"
check "withdrawn" eq "$(sql "SELECT state FROM makeup_requests WHERE id = $mid")" withdrawn
get "$PU" /card
check "then the card no longer says it" body_lacks "补卡申请正在等待"
