#!/usr/bin/env bash
# The student's phone, confirmed once (HNU binds it at the first login,
# seed 002). Without an SMS gateway (the shared stack): /phone says an
# admin confirms it, and the admin does so by hand on /people, audited.
# With one (Phone.Gateway = 1 and Phone.BindAtLogin = 1, on a private
# stack of its own): "/" leads to /phone until it is confirmed; a short
# code goes out through the outbox to the number typed (the sender
# delivers it), only its hash kept; a wrong code, an expired one, too
# many tries are refused; the right one confirms; each step audited.
. "$(dirname "$0")/lib.sh"

audits() { sql "SELECT COUNT(*) FROM audit_log WHERE action = '$1' AND subject_person_id = $2"; }

# ---- without a gateway -------------------------------------------------
sid=$(sql "SELECT person_id FROM accounts WHERE login = 'student'")
sql "UPDATE people SET phone = '13800138000', phone_confirmed = NULL, phone_confirmed_at = NULL WHERE id = $sid"
login student
get student /phone
check "the student's /phone (200) says the number is not confirmed" eval 'status_is 200 && body_has "id=\"phone-unconfirmed\""'
check "  and that an admin confirms it (no gateway)" eval 'body_has "id=\"phone-by-hand\"" && body_lacks "id=\"phone-send\""'
FORM_PAGE=/phone post student /phone/send --data-urlencode phone=13800138000
check "asking for a code without a gateway: 400, said" eval 'status_is 400 && body_has "学校尚未接入短信平台"'
check "  nothing queued" eq "$(sql "SELECT COUNT(*) FROM phone_codes WHERE person_id = $sid")" 0
login counselor
FORM_PAGE=/password post counselor /people/phone --data-urlencode "id=$sid"
check "a counselor may not confirm it (403)" status_is 403
login admin
get admin "/people/edit?id=$sid"
check "the admin sees it unconfirmed, with the button" eval 'body_has "id=\"phone-unconfirmed\"" && body_has "action=\"/people/phone\""'
FORM_PAGE="/people/edit?id=$sid" post admin /people/phone --data-urlencode "id=$sid"
check "the admin confirms it by hand (303)" status_is 303
check "  stored as confirmed" eq "$(sql "SELECT phone_confirmed FROM people WHERE id = $sid")" 13800138000
check "  audited, the number masked" eq "$(sql "SELECT detail FROM audit_log WHERE action = 'phone.confirm_by_hand' AND subject_person_id = $sid")" "138****8000"
get student /phone
check "the student's page says so" body_has "id=\"phone-confirmed\""
FORM_PAGE=/people/new post admin /people/new --data-urlencode number=T66001 --data-urlencode name=无手机 \
	--data-urlencode identity=staff --data-urlencode status=active
nid=$(sql "SELECT id FROM people WHERE number = 'T66001'")
FORM_PAGE="/people/edit?id=$nid" post admin /people/phone --data-urlencode "id=$nid"
check "no number to confirm: 400, said" eval 'status_is 400 && body_has "此人尚未填写手机号"'
check "  nothing audited" eq "$(audits phone.confirm_by_hand "$nid")" 0

# ---- with a gateway, bound at the first login ----------------------------
port=$((HC_PORT + 66))
RV=$ROOT/var/test-phone-$port
rm -rf "$RV"
trap '"$ROOT/tools/stack.sh" purge "$RV" >/dev/null 2>&1; rm -rf "$RV.log" "$T"' EXIT
if ! HC_EXTRA_CONF=$'Phone.Gateway = 1\nPhone.BindAtLogin = 1' \
	"$ROOT/tools/stack.sh" start "$RV" "$port" --students 100 --days 3 >"$RV.log" 2>&1; then
	cat "$RV.log"
	check "the stack with an SMS gateway starts" false
	exit 1
fi
URL=http://127.0.0.1:$port
HC_VAR=$RV
rm -f "$T"/jar.*
sid=$(sql "SELECT person_id FROM accounts WHERE login = 'student'")
gid=$(sql "SELECT person_id FROM accounts WHERE login = 'grad'")
sql "UPDATE people SET phone_confirmed = NULL, phone_confirmed_at = NULL WHERE id IN ($sid, $gid)"
code_of() { sql "SELECT payload FROM outbox WHERE person_id = $1 AND payload LIKE '%验证码%' ORDER BY id DESC LIMIT 1" |
	grep -o '[0-9]\{6\}' | head -1; }

login student
get student /
check "at the first login a student is led to /phone" eval 'status_is 303 && header_has "Location: /phone"'
get student /phone
check "  which offers to send a code" body_has 'id="phone-send"'
FORM_PAGE=/phone post student /phone/send --data-urlencode phone=23912345678
check "not a mobile number: 400 at the field, kept" eval 'status_is 400 && body_has "请输入 11 位手机号码" && body_has "value=\"23912345678\""'
FORM_PAGE=/phone post student /phone/send --data-urlencode phone=13912345678
check "a code is sent (303)" status_is 303
code=$(code_of "$sid")
check "  through the outbox, by SMS, six digits" eval '[ -n "$code" ] && [ "$(sql "SELECT channel FROM outbox WHERE person_id = $sid ORDER BY id DESC LIMIT 1")" = sms ]'
check "  only its hash kept" eq "$(sql "SELECT LENGTH(code_hash) = 32 AND code_hash <> '$code' FROM phone_codes WHERE person_id = $sid")" 1
check "  the number stored, not yet confirmed" eq "$(sql "SELECT CONCAT(phone, '/', COALESCE(phone_confirmed, '-')) FROM people WHERE id = $sid")" "13912345678/-"
check "  audited" eq "$(audits phone.code_sent "$sid")" 1
get student /phone
check "the page asks for the code" body_has 'id="phone-confirm"'
FORM_PAGE=/phone post student /phone/send --data-urlencode phone=13912345678
check "another code within a minute: 400" eval 'status_is 400 && body_has "一分钟后再试"'
# The sender delivers it to the number typed.
cat >"$T/sms.sh" <<'SH'
#!/bin/sh
printf '%s %s\n' "$HC_PHONE" "$(cat)" >>"$SMS_OUT"
SH
chmod +x "$T/sms.sh"
{ printf '#include "%s"\n' "$RV/healthcard.hdf"; printf 'Outbox.Command = %s\n' "$T/sms.sh"; } >"$T/outbox.hdf"
SMS_OUT=$T/sms.txt HEALTHCARD_CONF=$T/outbox.hdf "$ROOT/build/outbox" --once >/dev/null 2>&1
check "the outbox sender sends the code to that number, with its minutes" grep -q "^13912345678 .*$code，10 分钟内有效" "$T/sms.txt"

wrong=$(printf '%06d' $(( (10#$code + 1) % 1000000 )))
FORM_PAGE=/phone post student /phone/confirm --data-urlencode "code=$wrong"
check "a wrong code: 400, said" eval 'status_is 400 && body_has "验证码不正确"'
check "  the try counted and audited" eq "$(sql "SELECT attempts FROM phone_codes WHERE person_id = $sid")/$(audits phone.code_wrong "$sid")" "1/1"
sql "UPDATE phone_codes SET expires_at = NOW() - INTERVAL 1 SECOND WHERE person_id = $sid"
FORM_PAGE=/phone post student /phone/confirm --data-urlencode "code=$code"
check "the right code once expired: 400, said" eval 'status_is 400 && body_has "验证码已过期"'
check "  not confirmed" eq "$(sql "SELECT COALESCE(phone_confirmed, '-') FROM people WHERE id = $sid")" "-"
sql "UPDATE phone_codes SET expires_at = NOW() + INTERVAL 5 MINUTE WHERE person_id = $sid"
FORM_PAGE=/phone post student /phone/confirm --data-urlencode "code=$code"
check "the right code in time confirms it (303)" status_is 303
check "  stored as confirmed" eq "$(sql "SELECT phone_confirmed FROM people WHERE id = $sid")" 13912345678
check "  the code gone" eq "$(sql "SELECT COUNT(*) FROM phone_codes WHERE person_id = $sid")" 0
check "  audited" eq "$(audits phone.confirm "$sid")" 1
FORM_PAGE=/phone post student /phone/confirm --data-urlencode "code=$code"
check "the code used once is gone: 400" eval 'status_is 400 && body_has "请先获取验证码"'
get student /
check "\"/\" now leads to the card" eval 'status_is 303 && header_has "Location: /card"'

# Limited tries: after five wrong ones even the right code is refused.
login grad
FORM_PAGE=/phone post grad /phone/send --data-urlencode phone=13700000001
code=$(code_of "$gid")
wrong=$(printf '%06d' $(( (10#$code + 7) % 1000000 )))
for i in 1 2 3 4 5; do FORM_PAGE=/phone post grad /phone/confirm --data-urlencode "code=$wrong"; done
check "the fifth wrong try says too many" body_has "尝试次数过多"
FORM_PAGE=/phone post grad /phone/confirm --data-urlencode "code=$code"
check "  then the right code is refused too" eval 'status_is 400 && body_has "尝试次数过多"'
check "  not confirmed" eq "$(sql "SELECT COALESCE(phone_confirmed, '-') FROM people WHERE id = $gid")" "-"
check "  five tries audited" eq "$(audits phone.code_wrong "$gid")" 5
