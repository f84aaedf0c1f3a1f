#!/usr/bin/env bash
# 午晚检 (issue 16): the school admin switches on a temperature round with
# its window; a round is reported once, after the day's daily report; a
# fever in it opens the day's anomaly as the daily report does (queue item,
# the counselor's notice, the card's facts); staff see who has not
# reported each round; a closed round, a bad temperature and bad settings
# are refused with their message.
. "$(dirname "$0")/lib.sh"

today=$(TZ=Asia/Shanghai date +%F)
sid=$(sql "SELECT person_id FROM accounts WHERE login = 'student'")
gid=$(sql "SELECT person_id FROM accounts WHERE login = 'grad'")
cid=$(sql "SELECT person_id FROM accounts WHERE login = 'counselor'")
sql "DELETE FROM daily_reports WHERE day = '$today' AND person_id IN ($sid, $gid)"
raw_sql "DELETE FROM round_reports WHERE day = '$today'"
for who in admin counselor student grad reviewer; do login $who; done
settings() { FORM_PAGE=/rounds post admin /rounds/settings "$@"; }
round() { local who=$1 r=$2 t=$3; shift 3
	FORM_PAGE=/rounds post "$who" /rounds/submit --data-urlencode "round=$r" --data-urlencode "temperature=$t" "$@"; }
rounds_of() { raw_sql "SELECT COUNT(*) FROM round_reports WHERE person_id = $1 AND day = '$today'"; }

# ---- the admin's settings --------------------------------------------------------
get admin /rounds
check "the admin opens /rounds: the settings" eval 'status_is 200 && body_has "id=\"rounds-settings\""'
settings --data-urlencode noon_enabled=1 --data-urlencode noon_opens=25:00 --data-urlencode noon_closes=14:00 \
	--data-urlencode evening_opens=18:00 --data-urlencode evening_closes=22:00
check "a time that is not one: 400 naming it" eval 'status_is 400 && body_has "时间格式应为"'
settings --data-urlencode noon_enabled=1 --data-urlencode noon_opens=14:00 --data-urlencode noon_closes=11:30 \
	--data-urlencode evening_opens=18:00 --data-urlencode evening_closes=22:00
check "a window closing before it opens: 400" eval 'status_is 400 && body_has "截止时间应晚于开始时间"'
check "  nothing stored" eq "$(raw_sql "SELECT SUM(enabled) FROM temp_rounds")" 0
settings --data-urlencode noon_enabled=1 --data-urlencode noon_opens=00:00 --data-urlencode noon_closes=23:59 \
	--data-urlencode evening_opens=18:00 --data-urlencode evening_closes=22:00
check "the noon round switched on for the whole day: 303" eval 'status_is 303 && header_has "Location: /rounds?saved=1"'
check "  stored and audited" eval '[ "$(raw_sql "SELECT CONCAT_WS(\" \", name, enabled) FROM temp_rounds ORDER BY name")" = "$(printf "noon 1\nevening 0")" ] &&
	[ "$(raw_sql "SELECT COUNT(*) FROM audit_log WHERE action = \"round.settings\"")" -ge 1 ]'
FORM_PAGE=/rounds post counselor /rounds/settings --data-urlencode noon_opens=00:00 --data-urlencode noon_closes=23:00 \
	--data-urlencode evening_opens=18:00 --data-urlencode evening_closes=22:00
check "a counselor may not change them: 403" status_is 403

# ---- the student: the daily report first, then once ---------------------------------
get student /rounds
check "the student sees the noon round's form, not the evening's" eval \
	'body_has "id=\"round-noon\"" && body_has "name=\"round\" value=\"noon\"" && body_lacks "id=\"round-evening\""'
round student noon 36.6
check "before the daily report: 409 saying so" eval 'status_is 409 && body_has "请先完成今日健康打卡"'
check "  nothing stored" eq "$(rounds_of "$sid")" 0
report student 36.5
round student noon abc
check "a temperature that is not one: 400" eval 'status_is 400 && body_has "id=\"t-noon\""'
round student noon 45
check "45 °C: 400" status_is 400
round student noon 36.6
check "after it: 303" eval 'status_is 303 && header_has "Location: /rounds?done=noon"'
check "  stored, not abnormal" eq "$(raw_sql "SELECT CONCAT_WS(' ', temperature, anomaly) FROM round_reports
	WHERE person_id = $sid AND day = '$today' AND round = 'noon'")" "36.6 0"
round student noon 36.7
check "a second noon report: 409" eval 'status_is 409 && body_has "今天已经填报过了"'
round student evening 36.6
check "the evening round (switched off): 409" eval 'status_is 409 && body_has "不在填报时段内"'
check "  one round report in all" eq "$(rounds_of "$sid")" 1
get student /rounds
check "the page shows it reported" eval 'body_has "已填报" && body_has "36.6 °C"'

# ---- a fever in a round: the day's anomaly ----------------------------------------------
report grad 36.5
check "the graduate's daily report is normal" eq "$(raw_sql "SELECT anomaly_state FROM daily_reports WHERE person_id = $gid AND day = '$today'")" none
round grad noon 38.4
check "a fever at noon: 303, said to be abnormal" eval 'status_is 303 && header_has "abnormal=1"'
rid=$(raw_sql "SELECT id FROM daily_reports WHERE person_id = $gid AND day = '$today'")
check "  the day's report: anomaly open, flagged fever" eq \
	"$(raw_sql "SELECT CONCAT_WS(' ', anomaly, anomaly_state, anomaly_flags) FROM daily_reports WHERE id = $rid")" "1 open fever"
item=$(raw_sql "SELECT id FROM queue_items WHERE kind = 'anomaly' AND open_ref = $rid")
check "  an anomaly in the counselor's queue" test -n "$item"
check "  and the counselor's notice" eq "$(raw_sql "SELECT COUNT(*) FROM notices WHERE item_id = '$item' AND person_id = $cid")" 1
check "  the stored card facts agree (hc-facts check)" hc_facts check
get counselor /review?kind=anomaly
check "  in the queue" body_has "value=\"$item\""

# ---- staff see who is missing ---------------------------------------------------------------
get counselor /rounds
want=$(raw_sql "SELECT COUNT(*) FROM counselor_assignments ca JOIN people p ON p.id = ca.student_id
	WHERE ca.counselor_id = $cid AND NOT EXISTS (SELECT 1 FROM round_reports r WHERE r.person_id = p.id
	AND r.day = '$today' AND r.round = 'noon') AND NOT EXISTS (SELECT 1 FROM checkin_exemptions e
	WHERE e.ended_at IS NULL AND e.starts_on <= '$today' AND (e.ends_on IS NULL OR e.ends_on >= '$today')
	AND (e.person_id = p.id OR e.class_id = p.class_id OR e.status = p.status))")
check "the counselor sees the noon round's missing people: $want" \
	body_has "id=\"missing-noon\""
check "  counted" eq "$(grep -o 'id="missing-noon-h">[^<]*<strong class="count">[0-9]*' "$BODY" | grep -o '[0-9]*$')" "$want"
check "  neither who reported" eval 'body_lacks "/person?id=$sid\"" && body_lacks "/person?id=$gid\""'
check "  no evening list (switched off)" body_lacks 'id="missing-evening"'

FORM_PAGE=/review post counselor /review/decide --data-urlencode "id=$item" --data-urlencode decision=approve
check "the counselor verifies the anomaly" eq "$(raw_sql "SELECT anomaly_state FROM daily_reports WHERE id = $rid")" cleared
get anon /rounds
check "anonymous: to the login" eval 'status_is 303 && header_has "Location: /login"'
raw_sql "UPDATE temp_rounds SET enabled = 0"
