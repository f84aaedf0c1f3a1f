#!/usr/bin/env bash
# Delivery that leaves the building (issue 16): the outbox's mail command
# (tools/outbox-mail.sh, through msmtp's sendmail interface to an SMTP sink
# on the loopback) and its WeChat Work robot command (tools/outbox-wechat.sh,
# an HTTP POST of JSON to a listener on the loopback, the key from the
# configuration), end to end from a make-up request's 待办 digest; a
# gateway that fails, then refuses, then takes it: the outbox retries with
# back-off and delivers each message once.
. "$(dirname "$0")/lib.sh"

d() { TZ=Asia/Shanghai date -d "$1" +%F; }
sid=$(sql "SELECT person_id FROM accounts WHERE login = 'student'")
cid=$(sql "SELECT person_id FROM accounts WHERE login = 'counselor'")
DAY=$(d '12 days ago')
sql "DELETE FROM daily_reports WHERE person_id = $sid AND day = '$DAY'"
raw_sql "DELETE FROM notice_digests WHERE person_id = $cid; DELETE FROM notice_prefs WHERE person_id = $cid;
	UPDATE outbox SET sent_at = NOW() WHERE channel IN ('mail', 'wechat') AND sent_at IS NULL"
raw_sql "UPDATE people SET phone = '13800138000' WHERE id = $cid"
KEY=t81-robot-key-0123

# ---- the sinks: free ports on the loopback, chosen by the kernel ----------
mkdir -p "$T/smtp" "$T/http"
python3 "$ROOT/tests/tools/smtpsink.py" --dir "$T/smtp" --port-file "$T/smtp.port" --fail-first 1 &
SMTP_PID=$!
python3 "$ROOT/tests/tools/httpsink.py" --dir "$T/http" --port-file "$T/http.port" \
	--fail-first 1 --refuse-first 1 &
HTTP_PID=$!
trap 'kill "$SMTP_PID" "$HTTP_PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$T"' EXIT
for _ in $(seq 1 100); do
	[ -s "$T/smtp.port" ] && [ -s "$T/http.port" ] && break
	sleep 0.1
done
check "the SMTP and HTTP sinks listen" eval '[ -s "$T/smtp.port" ] && [ -s "$T/http.port" ]'
SMTP_PORT=$(cat "$T/smtp.port"); HTTP_PORT=$(cat "$T/http.port")

# msmtp: a sendmail-compatible command, here to the sink.
cat >"$T/msmtprc" <<RC
defaults
auth off
tls off
logfile -
account default
host 127.0.0.1
port $SMTP_PORT
from noreply@example.edu.cn
RC
chmod 600 "$T/msmtprc"
cat >"$T/out.hdf" <<HDF
#include "$HC_VAR/healthcard.hdf"
Outbox.Command = cat >/dev/null
Outbox.MaxAttempts = 4
Outbox.BackoffSeconds = 600
Outbox.Batch = 1000
Outbox.Send.mail.Command = $ROOT/tools/outbox-mail.sh
Outbox.Send.mail.Env.HC_MAIL_FROM = noreply@example.edu.cn
Outbox.Send.mail.Env.HC_SENDMAIL = msmtp -C $T/msmtprc
Outbox.Send.wechat.Command = $ROOT/tools/outbox-wechat.sh
Outbox.Send.wechat.Env.HC_WECHAT_KEY = $KEY
Outbox.Send.wechat.Env.HC_WECHAT_URL = http://127.0.0.1:$HTTP_PORT/cgi-bin/webhook/send
HDF
pass() { HEALTHCARD_CONF=$T/out.hdf "$ROOT/build/outbox" --once >"$BODY" 2>&1; }
col() { raw_sql "SELECT $2 FROM outbox WHERE id = $1"; }
make_due() { local IFS=,; raw_sql "UPDATE outbox SET next_attempt_at = NOW() - INTERVAL 1 SECOND WHERE id IN ($*)"; }
wait_of() { raw_sql "SELECT TIMESTAMPDIFF(SECOND, NOW(), next_attempt_at) FROM outbox WHERE id = $1"; }
files() { find "$1" -name "$2.*" | wc -l | tr -d ' '; }

# ---- a digest for mail and WeChat --------------------------------------------
login counselor
FORM_PAGE=/notices post counselor /notices/prefs --data-urlencode mail=1 --data-urlencode wechat=1 \
	--data-urlencode email=counselor@example.edu.cn --data-urlencode quiet_from=00:00 --data-urlencode quiet_until=00:00
check "the counselor chooses mail and WeChat Work" status_is 303
login student
FORM_PAGE=/makeup post student /makeup --data-urlencode "day=$DAY" --data-urlencode "reason=手机没电"
check "the student files a make-up request" status_is 303
MAIL=$(raw_sql "SELECT id FROM outbox WHERE person_id = $cid AND channel = 'mail' AND sent_at IS NULL")
WX=$(raw_sql "SELECT id FROM outbox WHERE person_id = $cid AND channel = 'wechat' AND sent_at IS NULL")
check "one mail and one WeChat message wait" eval '[ -n "$MAIL" ] && [ -n "$WX" ]'
PAYLOAD=$(col "$MAIL" payload)
pass
check "not before their quarter hour ends" eq "$(files "$T/smtp" mail)$(files "$T/http" post)" 00
make_due "$MAIL" "$WX"

# ---- the first pass: both gateways fail ----------------------------------------
pass
check "first pass: both fail, both to be retried" grep -qxF "outbox: 0 sent, 2 retry later, 0 failed" "$BODY"
check "  the mail: attempt 1, msmtp's error kept" eval '[ "$(col "$MAIL" attempts)" = 1 ] &&
	col "$MAIL" last_error | grep -q "^exit status [1-9]"'
check "  WeChat: attempt 1, the gateway's 502 kept" eval '[ "$(col "$WX" attempts)" = 1 ] &&
	col "$WX" last_error | grep -qF "exit status 75: outbox-wechat: HTTP 502"'
check "  the key is not in the error" eval '! col "$WX" last_error | grep -qF "$KEY"'
check "  back-off: 600 s" eval 'w=$(wait_of "$MAIL"); [ "$w" -ge 590 ] && [ "$w" -le 610 ]'
pass
check "not retried before its back-off ends" eval '[ "$(col "$MAIL" attempts)" = 1 ] && [ "$(files "$T/http" post)" = 1 ]'

# ---- the second pass: the mail goes, the robot refuses (rate limit) -------------
make_due "$MAIL" "$WX"
pass
check "second pass: the mail is sent" eval '[ "$(col "$MAIL" "sent_at IS NOT NULL")" = 1 ] && [ "$(files "$T/smtp" mail)" = 1 ]'
check "  WeChat refused with errcode 45009: attempt 2, doubled back-off" eval '[ "$(col "$WX" attempts)" = 2 ] &&
	col "$WX" last_error | grep -qF "45009" && w=$(wait_of "$WX") && [ "$w" -ge 1190 ] && [ "$w" -le 1210 ]'
M=$(find "$T/smtp" -name 'mail.*' | head -1)
check "the mail went to the address the counselor gave" grep -qx $'X-Rcpt-To: counselor@example.edu.cn\r' "$M"
check "  from the configured sender" grep -q '^From: noreply@example.edu.cn' "$M"
check "  with an encoded subject and a Message-ID of the message" eval \
	'grep -q "^Subject: =?UTF-8?B?" "$M" && grep -q "^Message-ID: <outbox-$MAIL@example.edu.cn>" "$M"'
body=$(tr -d '\r' <"$M" | sed '1,/^$/d' | base64 -d)
check "  its body is the message, byte for byte" eq "$body" "$PAYLOAD"

# ---- the third pass: the robot takes it --------------------------------------------
make_due "$WX"
pass
check "third pass: the WeChat message is sent" eval '[ "$(col "$WX" "sent_at IS NOT NULL")" = 1 ] &&
	grep -qxF "outbox: 1 sent, 0 retry later, 0 failed" "$BODY"'
n=$(files "$T/http" post)
check "  three POSTs in all: one per attempt" eq "$n" 3
check "  to the webhook with the configured key" eq "$(cat "$T/http/path.$n")" "/cgi-bin/webhook/send?key=$KEY"
check "  as JSON" grep -qx "application/json" "$T/http/ctype.$n"
check "  a text message, the payload its content" eq "$(jq -r '.msgtype + " " + .text.content' "$T/http/post.$n")" "text $PAYLOAD"
check "  mentioning the counselor by phone" eq "$(jq -c '.text.mentioned_mobile_list' "$T/http/post.$n")" '["13800138000"]'
pass
check "nothing is sent twice" eval '[ "$(files "$T/http" post)" = 3 ] && [ "$(files "$T/smtp" mail)" = 1 ]'

# ---- bad configurations and addresses ----------------------------------------------
echo hi | HC_WECHAT_URL=http://127.0.0.1:$HTTP_PORT/x "$ROOT/tools/outbox-wechat.sh" 2>"$BODY"; rc=$?
check "outbox-wechat without a key: 78, saying so" eval '[ "$rc" = 78 ] && grep -q HC_WECHAT_KEY "$BODY"'
echo hi | HC_EMAIL='a@b.cn, evil@x.cn' HC_MAIL_FROM=noreply@example.edu.cn \
	HC_SENDMAIL="msmtp -C $T/msmtprc" "$ROOT/tools/outbox-mail.sh" 2>"$BODY"; rc=$?
check "outbox-mail with two addresses in one: 65, nothing mailed" eval '[ "$rc" = 65 ] && [ "$(files "$T/smtp" mail)" = 1 ]'
echo hi | HC_EMAIL= HC_MAIL_FROM=noreply@example.edu.cn "$ROOT/tools/outbox-mail.sh" 2>"$BODY"; rc=$?
check "outbox-mail without an address: 65" eq "$rc" 65
FAX=$(raw_sql "INSERT INTO outbox (person_id, channel, payload, created_at) VALUES ($cid, 'fax', 'x', NOW());
	SELECT LAST_INSERT_ID()")
printf '#include "%s"\nOutbox.Send.mail.Command = true\n' "$HC_VAR/healthcard.hdf" >"$T/only.hdf"
HEALTHCARD_CONF=$T/only.hdf "$ROOT/build/outbox" --once >"$BODY" 2>&1
check "a channel with no command (no Outbox.Command either): retried, saying so" eval \
	'col "$FAX" last_error | grep -qF "no command for channel '"'fax'"'"'
raw_sql "DELETE FROM outbox WHERE id = $FAX; DELETE FROM notice_prefs WHERE person_id = $cid;
	DELETE FROM notice_digests WHERE person_id = $cid"
