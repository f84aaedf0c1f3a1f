#!/usr/bin/env bash
# 走读报备 (issue 15, seed 000 FAQ 7): a day student files a standing
# commute report (address, from, until, why) on /leave; the counselor
# approves it in the review queue (kind "commute"); while it holds, the
# campus gate lets them out and back in every day with their card's code
# (each way a row of commute_passages, one per code); waiting, or past its
# last day, the gate says why. A boarder files none.
. "$(dirname "$0")/lib.sh"

today=$(TZ=Asia/Shanghai date +%F)
ways() { sql "SELECT COALESCE(GROUP_CONCAT(direction ORDER BY id SEPARATOR ' '), '') FROM commute_passages WHERE person_id = $1"; }

login admin
enrol_phone gate1 1 七八东门

# A day student who arrived (the gate recorded the return), with a
# counselor who logs in; and a boarder who arrived ($ARRIVED, lib.sh).
D=$(sql "$ARRIVED AND p.boarding = 0 ORDER BY f.person_id LIMIT 1")
if [ -z "$D" ]; then
	# The demo's day students may all be elsewhere: make an arrived one a day student.
	D=$(sql "$ARRIVED AND f.moved_in = 0 ORDER BY f.person_id DESC LIMIT 1")
	[ -n "$D" ] && sql "UPDATE people SET boarding = 0 WHERE id = $D" >/dev/null
fi
Bo=$(sql "$ARRIVED AND p.boarding = 1 AND p.id <> ${D:-0} ORDER BY f.person_id LIMIT 1")
check "an arrived day student ($D) and a boarder ($Bo)" test -n "$D" -a -n "$Bo"
ld=$(login_of "$D"); lbo=$(login_of "$Bo")
co=$(counselor_of "$D")
login "$ld"; login "$lbo"; login "$co"

get gate1 "/scan?t=$(tok "$D")"
check "no commute report: the gate says already arrived, as before" result_is already arrived

# -- filing ---------------------------------------------------------------------------
get "$ld" /leave
check "the day student's /leave offers the commute report" eval 'status_is 200 && body_has "id=\"commute-form\""'
get "$lbo" /leave
check "  a boarder's does not" body_lacks 'id="commute-form"'
commute_file "$lbo" "$today" "$(day '+30 days')"
check "  and a boarder's filing is refused: 403" eval 'status_is 403 && eq "$(sql "SELECT COUNT(*) FROM commutes WHERE person_id = $Bo")" 0'
commute_file "$ld" "$today" "$(day yesterday)"
check "a last day before the first: 400 at the field, the input kept" eval 'status_is 400 && body_has "结束日期不能早于开始日期" && body_has "value=\"新城区幸福路 8 号\""'
commute_file "$ld" "$today" "$(day '+400 days')"
check "longer than the policy: 400" eval 'status_is 400 && body_has "期限超过学校规定"'
commute_file "$ld" "$today" "$(day '+30 days')" "" 
check "no reason: 400" status_is 400
check "  none stored" eq "$(sql "SELECT COUNT(*) FROM commutes WHERE person_id = $D")" 0
commute_file "$ld" "$today" "$(day '+30 days')"
check "a report for 31 days from today: 303" eval 'status_is 303 && header_has "Location: /leave?commuted="'
cm=$(sql "SELECT id FROM commutes WHERE person_id = $D")
item=$(queue_item commute "$cm")
check "  waiting in the counselor's queue, audited" eval '[ -n "$item" ] &&
	eq "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = '"'commute.apply'"' AND object_id = $cm")" 1'
commute_file "$ld" "$today" "$(day '+10 days')"
check "a second while one waits: 400" eval 'status_is 400 && body_has "待审批的走读报备"'
get "$ld" /card
check "waiting: the blue card shows no gate code" eval 'status_is 200 && body_lacks "id=\"gate-qr\""'
get gate1 "/scan?t=$(tok "$D")"
check "not approved yet: the gate refuses with the reason" eval 'result_is deny not_approved &&
	body_has "data-commute=\"pending\"" && body_has "走读报备尚未获批准" && eq "$(ways "$D")" ""'

# -- the counselor approves -------------------------------------------------------------
get "$co" "/review?kind=commute"
check "the counselor's queue lists it" eval 'body_has "value=\"$item\"" && body_has "新城区幸福路 8 号"'
get "$co" "/review/item?id=$item"
check "  its detail page" eval 'status_is 200 && body_has "id=\"commute-detail\""'
review_decide "$co" "$item" approve
check "approved, the student told" eval 'eq "$(sql "SELECT state FROM commutes WHERE id = $cm")" approved &&
	eq "$(sql "SELECT COUNT(*) FROM messages WHERE person_id = $D AND kind = '"'commute_approved'"'")" 1'
get "$ld" /card
check "the blue card shows the gate code, for commuting" eval 'body_has "id=\"gate-qr\"" && body_has "data-for=\"commute\""'
get "$ld" /card/qr
check "  the code itself" eval 'status_is 200 && header_has "image/svg"'
get "$ld" /leave
check "the student's list says approved and valid" body_has "id=\"commute-$cm\" data-state=\"approved\" data-valid=\"1\""

# -- out and in, every day ---------------------------------------------------------------
t=$(tok "$D")
STATUS=$(curl -s -o /dev/null -w '%{http_code}' -I -b "$T/jar.gate1" "$URL/scan?t=$t")
check "a HEAD records nothing" eq "$(ways "$D")" ""
get gate1 "/scan?t=$t"
check "the card at the gate: ALLOW out (commuting), recorded" eval 'result_is allow ok &&
	body_has "data-commute=\"out\"" && body_has "走读出校" && eq "$(ways "$D")" "out"'
get gate1 "/scan?t=$t"
check "  the same code again: already, nothing more" eval 'result_is already just_admitted && eq "$(ways "$D")" "out"'
get gate1 "/scan?t=$(tok "$D")"
check "a new code: ALLOW in" eval 'result_is allow ok && body_has "data-commute=\"in\"" && body_has "走读入校" && eq "$(ways "$D")" "out in"'
get gate1 "/scan?t=$(tok "$D")"
check "the next day's way out: ALLOW out again" eval 'result_is allow ok && body_has "data-commute=\"out\"" && eq "$(ways "$D")" "out in out"'
get gate1 "/scan?t=$(tok "$D")"
check "  and in" eval 'result_is allow ok && eq "$(ways "$D")" "out in out in"'
check "  each at this gate, of this report" eq "$(sql "SELECT COUNT(*) FROM commute_passages WHERE person_id = $D AND gate_id = 1 AND commute_id = $cm")" 4
# Two phones scanning one code at once: one passage.
enrol_phone gate2 1 七八东门二
t=$(tok "$D")
curl -s -o /dev/null -b "$T/jar.gate1" "$URL/scan?t=$t" & curl -s -o /dev/null -b "$T/jar.gate2" "$(host_url 2)/scan?t=$t" & wait
check "two phones scanning one code at once record one passage" eq "$(ways "$D")" "out in out in out"
get gate1 "/scan?t=$(tok "$D")"
check "  back in" eq "$(ways "$D")" "out in out in out in"

# -- past its last day ---------------------------------------------------------------------
sql "UPDATE commutes SET valid_from = '$(day '-40 days')', valid_until = '$(day '-1 day')' WHERE id = $cm" >/dev/null
get gate1 "/scan?t=$(tok "$D")"
check "expired: DENY with the reason, nothing recorded" eval 'result_is deny not_approved &&
	body_has "data-commute=\"expired\"" && body_has "走读报备已过期" && eq "$(ways "$D")" "out in out in out in"'
get "$ld" /card
check "  the card no longer shows the gate code" body_lacks 'id="gate-qr"'
get "$ld" /leave
check "  the student's list marks it expired" eval 'body_has "已过期" && body_lacks "data-valid=\"1\""'
# A new one, rejected: the gate says so.
commute_file "$ld" "$today" "$(day '+5 days')"
cm2=$(sql "SELECT MAX(id) FROM commutes WHERE person_id = $D")
review_decide "$co" "$(queue_item commute "$cm2")" reject 住址不在本市
get gate1 "/scan?t=$(tok "$D")"
check "the latest one rejected: DENY, not approved" eval 'result_is deny not_approved && body_has "data-commute=\"rejected\"" && body_has "走读报备未获批准"'
