#!/usr/bin/env bash
# 待办 (issue 16): an item reaching the counselor's queue is a notice on
# their home page, written with the item; on the channels they chose, one
# outbox message per channel counts every item of its quarter hour; quiet
# hours hold it until their end; the choice is theirs, checked field by
# field; the student's card shows what waits and the latest decision.
. "$(dirname "$0")/lib.sh"

d() { TZ=Asia/Shanghai date -d "$1" +%F; }
now_s() { TZ=Asia/Shanghai date +%s; }
today=$(d today)
sid=$(sql "SELECT person_id FROM accounts WHERE login = 'student'")
cid=$(sql "SELECT person_id FROM accounts WHERE login = 'counselor'")
rid=$(sql "SELECT person_id FROM accounts WHERE login = 'reviewer'")
D1=$(d '8 days ago'); D2=$(d '9 days ago'); D3=$(d '10 days ago'); D4=$(d '11 days ago')
sql "DELETE FROM daily_reports WHERE person_id = $sid AND (day IN ('$D1', '$D2', '$D3', '$D4') OR day = '$today')"
raw_sql "DELETE FROM notice_digests WHERE person_id = $cid; DELETE FROM notice_prefs WHERE person_id = $cid"
apply() { FORM_PAGE=/makeup post student /makeup --data-urlencode "day=$1" --data-urlencode "reason=手机没电"; }
item_of() { sql "SELECT q.id FROM queue_items q JOIN makeup_requests m ON m.id = q.ref_id
	WHERE q.kind = 'makeup' AND m.person_id = $sid AND m.day = '$1' AND q.state = 'open'"; }
# The counselor's outbox rows not sent yet, on a channel.
waiting() { raw_sql "SELECT id FROM outbox WHERE person_id = $cid AND channel = '$1' AND sent_at IS NULL AND failed_at IS NULL"; }
prefs() { FORM_PAGE=/notices post counselor /notices/prefs "$@"; }

for who in student counselor reviewer admin gate dorm; do login $who; done

# ---- who may open it -------------------------------------------------------
for who in student gate dorm; do
	get $who /notices
	check "$who may not open /notices: 403" status_is 403
done
for who in counselor reviewer admin; do
	get $who /notices
	check "$who opens /notices: 200 with the choice" eval 'status_is 200 && body_has "id=\"notice-prefs\""'
done
check "anonymous: to the login page" turned_away anonymous /notices

# ---- the choice, field by field ----------------------------------------------
prefs --data-urlencode sms=1 --data-urlencode mail=1
check "mail without an address: 400 naming the field" eval 'status_is 400 && body_has "选择电子邮件时请填写邮箱地址"'
check "  the ticks kept" eval 'body_has "name=\"sms\" value=\"1\" checked" && body_has "name=\"mail\" value=\"1\" checked"'
prefs --data-urlencode mail=1 --data-urlencode "email=not an address"
check "a bad address: 400, its message, the input kept" eval 'status_is 400 && body_has "电子邮箱格式不正确" && body_has "value=\"not an address\""'
prefs --data-urlencode sms=1 --data-urlencode quiet_from=22:00
check "one end of the quiet hours: 400" eval 'status_is 400 && body_has "同时填写开始和结束时间"'
prefs --data-urlencode sms=1 --data-urlencode quiet_from=25:00 --data-urlencode quiet_until=07:00
check "a time that is not one: 400" eval 'status_is 400 && body_has "时间格式应为"'
check "nothing stored by the refused forms" eq "$(raw_sql "SELECT COUNT(*) FROM notice_prefs WHERE person_id = $cid")" 0
# Quiet hours from 00:00 to 00:00: none, so the window alone decides.
prefs --data-urlencode sms=1 --data-urlencode mail=1 --data-urlencode email=counselor@example.edu.cn \
	--data-urlencode quiet_from=00:00 --data-urlencode quiet_until=00:00
check "the choice is saved: 303" eval 'status_is 303 && header_has "Location: /notices?saved=1"'
check "  stored" eq "$(raw_sql "SELECT CONCAT_WS(' ', sms, wechat, mail, email) FROM notice_prefs WHERE person_id = $cid")" \
	"1 0 1 counselor@example.edu.cn"
check "  audited" eq "$(raw_sql "SELECT COUNT(*) FROM audit_log WHERE action = 'notice.prefs' AND actor_id = $cid")" 1
get counselor /notices
check "  and shown again" eval 'body_has "value=\"counselor@example.edu.cn\"" && body_has "name=\"sms\" value=\"1\" checked"'

# ---- a make-up filed: the notice arrives with the item --------------------------
notices0=$(raw_sql "SELECT COUNT(*) FROM notices WHERE person_id = $cid")
t0=$(now_s)
apply "$D1"
check "the student files a make-up request" status_is 303
item1=$(item_of "$D1")
check "  one notice for the counselor, naming the item and the student" eq \
	"$(raw_sql "SELECT COUNT(*) FROM notices WHERE person_id = $cid AND item_id = '$item1' AND subject_id = $sid
		AND kind = 'makeup' AND read_at IS NULL")" 1
check "  at the item's own time (the same transaction)" eq \
	"$(raw_sql "SELECT n.created_at = q.created_at FROM notices n JOIN queue_items q ON q.id = n.item_id WHERE n.item_id = '$item1'")" 1
check "  none for the college reviewer (second reviews are theirs)" eq \
	"$(raw_sql "SELECT COUNT(*) FROM notices WHERE item_id = '$item1' AND person_id <> $cid")" 0
sms1=$(waiting sms); mail1=$(waiting mail)
check "  one SMS and one mail waiting, no WeChat (not chosen)" eval \
	'[ -n "$sms1" ] && [ -n "$mail1" ] && [ "$(echo "$sms1" | wc -l)" = 1 ] && [ "$(echo "$mail1" | wc -l)" = 1 ] && [ -z "$(waiting wechat)" ]'
wait_s=$(raw_sql "SELECT UNIX_TIMESTAMP(next_attempt_at) - $t0 FROM outbox WHERE id = '$sms1'")
check "  held for the quarter hour (Notify.DigestMinutes 15): ${wait_s} s" eval '[ "$wait_s" -ge 895 ] && [ "$wait_s" -le 920 ]'
check "  saying one make-up request" eq "$(raw_sql "SELECT payload FROM outbox WHERE id = '$sms1'")" \
	"【健康打卡】您有 1 项新的任务需要处理（补卡申请 1），请登录系统处理。"

get counselor /
check "the counselor's home page: pending make-ups linking to the queue's filter" eval \
	'body_has "id=\"todo-makeup\"" && body_has "href=\"/review?kind=makeup\""'
check "  and the notice, unread, linking to the item" eval \
	'body_has "href=\"/review/item?id=$item1\"" && body_has "id=\"unread-count\""'
get reviewer /
check "the reviewer's home page has no such notice" body_lacks "/review/item?id=$item1\""

# ---- two more within the window: still one message per channel -----------------
apply "$D2"
item2=$(item_of "$D2")
report student 38.6
check "a fever report today (an anomaly for the counselor)" status_is 303
item3=$(raw_sql "SELECT q.id FROM queue_items q JOIN daily_reports d ON d.id = q.ref_id
	WHERE q.kind = 'anomaly' AND d.person_id = $sid AND d.day = '$today' AND q.state = 'open'")
check "three items, three notices" eq "$(raw_sql "SELECT COUNT(*) FROM notices WHERE person_id = $cid
	AND item_id IN ('$item1', '$item2', '$item3')")" 3
check "  still one SMS waiting, the same row" eq "$(waiting sms)" "$sms1"
check "  still one mail waiting, the same row" eq "$(waiting mail)" "$mail1"
check "  the message counts the three, by kind" eq "$(raw_sql "SELECT payload FROM outbox WHERE id = '$sms1'")" \
	"【健康打卡】您有 3 项新的任务需要处理（补卡申请 2、异常核实 1），请登录系统处理。"
check "  its window not stretched by them" eq "$(raw_sql "SELECT UNIX_TIMESTAMP(next_attempt_at) - $t0 FROM outbox WHERE id = '$sms1'")" "$wait_s"
get counselor /
check "the home page counts them per kind" eval 'body_has "id=\"todo-anomaly\"" && body_has "href=\"/review?kind=anomaly\""'

# ---- the window ends: the sender sends it once; the next item opens a new one ----
cat >"$T/deliver.sh" <<'SH'
#!/bin/sh
cat >"$OUT_DIR/payload.$HC_OUTBOX_ID"
SH
chmod +x "$T/deliver.sh"
printf '#include "%s"\nOutbox.Command = %s\nOutbox.Batch = 1000\n' "$HC_VAR/healthcard.hdf" "$T/deliver.sh" >"$T/out.hdf"
raw_sql "UPDATE outbox SET next_attempt_at = NOW() - INTERVAL 1 SECOND WHERE id IN ($sms1, $mail1)"
OUT_DIR=$T HEALTHCARD_CONF=$T/out.hdf "$ROOT/build/outbox" --once >"$BODY" 2>&1
check "the sender sends the digest when its window ended" eval '[ -f "$T/payload.$sms1" ] && grep -q "3 项" "$T/payload.$sms1"'
check "  both channels" test -f "$T/payload.$mail1"
apply "$D3"
item4=$(item_of "$D3")
sms2=$(waiting sms)
check "an item after it opens a new message" eval '[ -n "$sms2" ] && [ "$sms2" != "$sms1" ]'
check "  counting that item alone" eq "$(raw_sql "SELECT payload FROM outbox WHERE id = '$sms2'")" \
	"【健康打卡】您有 1 项新的任务需要处理（补卡申请 1），请登录系统处理。"

# ---- quiet hours: from an hour ago to two hours from now --------------------------
qf=$(TZ=Asia/Shanghai date -d '-1 hour' +%H:%M); qu=$(TZ=Asia/Shanghai date -d '+2 hours' +%H:%M)
until_s=$(TZ=Asia/Shanghai date -d "$(TZ=Asia/Shanghai date -d '+2 hours' '+%F %H:%M'):00" +%s)
prefs --data-urlencode sms=1 --data-urlencode quiet_from="$qf" --data-urlencode quiet_until="$qu"
check "quiet hours $qf-$qu saved" status_is 303
raw_sql "UPDATE outbox SET sent_at = NOW() WHERE person_id = $cid AND sent_at IS NULL"
apply "$D4"
item5=$(item_of "$D4")
sms3=$(waiting sms)
check "an item in the quiet hours: its message waits until they end ($qu)" eq \
	"$(raw_sql "SELECT UNIX_TIMESTAMP(next_attempt_at) FROM outbox WHERE id = '$sms3'")" "$until_s"
check "  mail no longer chosen: none" eq "$(waiting mail)" ""
check "  the notice in the app is there at once" eq "$(raw_sql "SELECT COUNT(*) FROM notices WHERE item_id = '$item5'")" 1
OUT_DIR=$T HEALTHCARD_CONF=$T/out.hdf "$ROOT/build/outbox" --once >"$BODY" 2>&1
check "  and the sender leaves it for now" test ! -f "$T/payload.$sms3"

# ---- the student's card: what waits and the latest decision ---------------------
get student /card
check "the student's card lists the pending make-ups with their day" eval \
	'body_has "id=\"pending-items\"" && body_has "补卡申请 $D1" && body_has "当前环节：辅导员审核"'
FORM_PAGE=/review post counselor /review/decide --data-urlencode "id=$item1" \
	--data-urlencode "decision=reject" --data-urlencode "reason=请说明具体原因"
check "the counselor rejects the first" status_is 200
get student /card
check "  the card shows the latest decision with its reason" eval \
	'body_has "id=\"latest-decision\"" && body_has "未通过" && body_has "请说明具体原因"'
check "  the rejected one no longer pending" body_lacks "补卡申请 $D1 "
get counselor "/card?person=$sid"
check "  the counselor sees the same" eval 'body_has "id=\"latest-decision\"" && body_has "补卡申请 $D2"'
get counselor /
check "a decided item's notice says it was handled" eval 'body_lacks "href=\"/review/item?id=$item1\""'

# ---- read -------------------------------------------------------------------------
unread=$(raw_sql "SELECT COUNT(*) FROM notices WHERE person_id = $cid AND read_at IS NULL")
FORM_PAGE=/notices post counselor /notices/read
check "marking all read: 303 with how many" eval 'status_is 303 && header_has "Location: /notices?read=$unread"'
check "  none unread after" eq "$(raw_sql "SELECT COUNT(*) FROM notices WHERE person_id = $cid AND read_at IS NULL")" 0

# ---- items arriving at once: still one message ---------------------------------------
prefs --data-urlencode sms=1 --data-urlencode quiet_from=00:00 --data-urlencode quiet_until=00:00
raw_sql "UPDATE outbox SET sent_at = NOW() WHERE person_id = $cid AND sent_at IS NULL"
mapfile -t many < <(raw_sql "SELECT p.number FROM counselor_assignments ca JOIN people p ON p.id = ca.student_id
	JOIN accounts a ON a.person_id = p.id JOIN basic_info b ON b.person_id = p.id
	LEFT JOIN daily_reports d ON d.person_id = p.id AND d.day = '$today'
	WHERE ca.counselor_id = $cid AND d.id IS NULL AND p.id <> $sid AND p.identity = 'undergrad'
	ORDER BY p.id LIMIT 6")
for num in "${many[@]}"; do
	login "$num"
	get "$num" /checkin
	csrf >"$T/tok.$num"
done
for num in "${many[@]}"; do
	curl -s -o /dev/null -w '%{http_code}\n' -b "$T/jar.$num" -X POST "$URL/checkin" \
		--data-urlencode "csrf=$(cat "$T/tok.$num")" --data-urlencode temperature=38.2 \
		--data-urlencode city=北京 --data-urlencode in_city=1 --data-urlencode on_campus=0 \
		--data-urlencode abroad=0 --data-urlencode risk_area=0 --data-urlencode cohabitant_returned=0 \
		--data-urlencode returned_to_city=0 --data-urlencode quarantine=none \
		--data-urlencode diagnosis=none >>"$T/codes" &
done
wait
check "${#many[@]} fever reports at once: all stored" eq "$(sort -u "$T/codes") $(raw_sql "SELECT COUNT(*)
	FROM daily_reports d JOIN people p ON p.id = d.person_id WHERE d.day = '$today' AND d.temperature = 38.2
	AND p.number IN ($(printf "'%s'," "${many[@]}")'')")" "303 ${#many[@]}"
check "  one SMS waiting for all of them" eq "$(waiting sms | wc -l | tr -d ' ')" 1
check "  counting them all" eq "$(raw_sql "SELECT payload FROM outbox WHERE id = '$(waiting sms)'")" \
	"【健康打卡】您有 ${#many[@]} 项新的任务需要处理（异常核实 ${#many[@]}），请登录系统处理。"
for it in $(raw_sql "SELECT q.id FROM queue_items q JOIN daily_reports d ON d.id = q.ref_id
	WHERE q.kind = 'anomaly' AND q.state = 'open' AND d.day = '$today' AND d.temperature = 38.2"); do
	FORM_PAGE=/review post counselor /review/decide --data-urlencode "id=$it" --data-urlencode "decision=approve"
done

# Leave the counselor without channels and the student's requests decided.
for it in $item2 $item4 $item5; do
	FORM_PAGE=/review post counselor /review/decide --data-urlencode "id=$it" --data-urlencode "decision=reject" \
		--data-urlencode "reason=测试"
done
FORM_PAGE=/review post counselor /review/decide --data-urlencode "id=$item3" --data-urlencode "decision=approve"
raw_sql "DELETE FROM notice_prefs WHERE person_id = $cid; DELETE FROM notice_digests WHERE person_id = $cid;
	UPDATE outbox SET sent_at = NOW() WHERE person_id = $cid AND sent_at IS NULL AND channel IN ('sms', 'mail')"
