#!/usr/bin/env bash
# The gate before any handler (lib/web/input.h), issue 13: multipart bodies
# (finding 1), text that is not UTF-8, NUL, hex numbers, repeated
# parameters (finding 5), big bodies (finding 6) and the charset
# parameter (finding 7).
. "$(dirname "$0")/lib.sh"

today=$(TZ=Asia/Shanghai date +%F)
ERRLOG=$HC_VAR/log/error.log
crashes() { grep -c 'unexpected signal' "$ERRLOG" 2>/dev/null; }
crashes_before=$(crashes)

# raw WHO PATH CTYPE FILE: POST FILE as it is, with that Content-Type.
raw() { req "$1" POST "$2" -H "Content-Type: $3" --data-binary "@$4"; }
# A student of the demo data with basic info and no report today, whom no
# other test uses, not arrived (the full form, whose city is asked: an
# arrived one gets the on-campus form); and one whose application waits
# for its evidence.
who=$(sql "SELECT a.login FROM accounts a JOIN people p ON p.id = a.person_id
	JOIN basic_info b ON b.person_id = p.id
	LEFT JOIN daily_reports d ON d.person_id = p.id AND d.day = '$today'
	WHERE d.person_id IS NULL AND p.identity = 'undergrad' AND a.login NOT IN ('student', 'grad')
	  AND NOT EXISTS (SELECT 1 FROM arrivals ar WHERE ar.person_id = p.id AND ar.kind = 'gate')
	ORDER BY p.id DESC LIMIT 1")
pid=$(sql "SELECT person_id FROM accounts WHERE login = '$who'")
uploader=$(sql "SELECT a.login FROM accounts a JOIN return_applications ra ON ra.person_id = a.person_id
	WHERE ra.state = 'evidence' AND a.login NOT IN ('student', 'grad', '$who') ORDER BY a.person_id DESC LIMIT 1")

# ---- finding 1: multipart ------------------------------------------------

printf 'login=x&password=y' >"$T/small"
raw anon /login 'multipart/form-data' "$T/small"
check "multipart without a boundary is 400" status_is 400
raw anon /login 'multipart/form-data; boundary=' "$T/small"
check "multipart with an empty boundary is 400" status_is 400
raw anon /login 'multipart/form-data; boundary=abc' "$T/small"
check "multipart on an action without uploads is 400 (login)" status_is 400
login "$who"
raw "$who" /checkin 'multipart/form-data; boundary=abc' "$T/small"
check "multipart on an action without uploads is 400 (checkin)" status_is 400
raw anon /login 'text/plain' "$T/small"
check "a body of another type is 400" status_is 400
# A well-formed multipart body, then one without a boundary, to the same
# pool: ClearSilver's static boundary cache made the second one crash.
printf -- '--abc\r\nContent-Disposition: form-data; name="login"\r\n\r\nx\r\n--abc--\r\n' >"$T/mp"
refused=0
for i in 1 2 3 4 5 6; do
	raw anon /login 'multipart/form-data; boundary=abc' "$T/mp"
	raw anon /login 'multipart/form-data' "$T/mp"
	status_is 400 && refused=$((refused + 1))
done
check "6 times: a multipart body without a boundary after one with is 400" eq "$refused" 6
get anon /login
check "the login page serves after them" status_is 200
sleep 4   # mod_fcgid notes a dead process at its next scan (FcgidZombieScanInterval 3)
check "no page process died" eq "$(crashes)" "$crashes_before"

# Uploads from browsers whose boundaries differ in length, alternating:
# ClearSilver's static boundary cache failed 2 in 80 of these.
login "$uploader"
printf '\x89PNG\r\n\x1a\n%s' "$(head -c 600 /dev/urandom | od -An -tx1 | tr -d ' \n')" >"$T/code.png"
bounds=("----WebKitFormBoundary7MA4YWxkTrZu0gW" "---------------------------974767299852498929531610575"
	"x" "b0undary-${RANDOM}" "----geckoformboundary3b4e0b4e8f6a1c2d")
ok=0
for i in $(seq 1 80); do
	b=${bounds[$((i % ${#bounds[@]}))]}
	get "$uploader" /return
	tok=$(csrf)
	{
		printf -- '--%s\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n%s\r\n' "$b" "$tok"
		printf -- '--%s\r\nContent-Disposition: form-data; name="kind"\r\n\r\nhealth_code\r\n' "$b"
		printf -- '--%s\r\nContent-Disposition: form-data; name="file"; filename="code%d.png"\r\n' "$b" "$i"
		printf 'Content-Type: image/png\r\n\r\n'
		cat "$T/code.png"
		printf '\r\n--%s--\r\n' "$b"
	} >"$T/upload"
	raw "$uploader" /return/upload "multipart/form-data; boundary=$b" "$T/upload"
	status_is 303 && ok=$((ok + 1))
done
check "80 uploads with alternating boundaries all succeed" eq "$ok" 80
check "stored" test "$(sql "SELECT COUNT(*) FROM uploads u JOIN return_applications ra ON ra.id = u.application_id
	JOIN accounts a ON a.person_id = ra.person_id WHERE a.login = '$uploader' AND u.filename LIKE 'code%.png'")" -ge 1
get "$uploader" /return
tok=$(csrf)
printf -- '--q\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n%s\r\n--q\r\nContent-Disposition: form-data; name="kind"\r\n\r\nhealth_code\r\n--q\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\nxx' "$tok" >"$T/cut"
raw "$uploader" /return/upload "multipart/form-data; boundary=q" "$T/cut"
check "a multipart body cut short is 400" status_is 400

# ---- finding 5: text that is not UTF-8 -----------------------------------

stored() { sql "SELECT COUNT(*) FROM daily_reports WHERE person_id = $pid AND day = '$today'"; }
for bad in '%C0%80' '%F7%BF%BF%BF' '%ED%A0%80' 'Bei%00jing' 'Bei%01jing' 'Bei%0Ajing'; do
	get "$who" /checkin
	tok=$(csrf)
	req "$who" POST /checkin --data "csrf=$tok&temperature=36.5&city=$bad&in_city=1&on_campus=0&abroad=0&risk_area=0&cohabitant_returned=0&returned_to_city=0&quarantine=none&diagnosis=none"
	check "city=$bad re-renders the form with 400" status_is 400
	check "city=$bad: the message is at the field" body_has "含有无效字符"
done
check "none of them stored" eq "$(stored)" 0
report "$who" "0x24.8"
check "temperature=0x24.8 is 400, not 36.5" status_is 400
report "$who" "36.5abc"
check "temperature with trailing text is 400" status_is 400
report "$who" "3.65e1"
check "temperature with an exponent is 400" status_is 400
check "still nothing stored" eq "$(stored)" 0
report "$who" "36.5" --data-urlencode "city=上海"
check "city given twice is 400" status_is 400
check "naming the field" body_has "<code>city</code>"
check "still nothing stored either way" eq "$(stored)" 0
get "$who" "/checkin/calendar?month=%C0%80"
check "a bad parameter of a page without a form is 400" status_is 400
check "naming it" body_has "<code>month</code>"
get "$who" "/checkin/calendar?m%00=1"
check "a bad parameter name is 400" status_is 400
get "$who" "/checkin/calendar?month=%zz"
check "a bad %-escape is 400" status_is 400
get anon /login
tok=$(csrf)
req anon POST /login --data "csrf=$tok&login=%C0%80&password=x"
check "an overlong login re-renders the login form with 400, not 500" status_is 400
check "with the message" body_has "含有无效字符"
report "$who" "36.5"
check "a good report after all that is accepted" status_is 303
check "stored once, with its city" eq "$(sql "SELECT city FROM daily_reports WHERE person_id = $pid AND day = '$today'")" "北京"

# A list the action declares may repeat.
get admin /review
FORM_PAGE=/review post admin /review/decide --data-urlencode "id=999999998" --data-urlencode "id=999999999" \
	--data-urlencode "decision=approve"
check "a declared list (review ids) may repeat" test "$STATUS" != 400

# ---- finding 7: the charset parameter -----------------------------------

get anon2 /login
tok=$(csrf)
req anon2 POST /login -H 'Content-Type: application/x-www-form-urlencoded; charset=UTF-8' \
	--data-urlencode "csrf=$tok" --data-urlencode "login=student" --data-urlencode "password=demo"
check "a form body with '; charset=UTF-8' is parsed (login succeeds)" status_is 303
req anon2 POST /logout -H 'Content-Type: application/x-www-form-urlencoded; charset=iso-8859-1' --data 'a=1'
check "another charset is 400" status_is 400

# ---- finding 6: big bodies -----------------------------------------------

head -c 20000000 /dev/zero | tr '\0' 'a' >"$T/big"
for path in /checkin /return/upload /login; do
	raw "$who" "$path" 'application/x-www-form-urlencoded' "$T/big"
	check "20 MB to $path is 413" status_is 413
	check "20 MB to $path: the app's error page" body_has "提交的内容过大"
done
req "$who" POST /login -H 'Transfer-Encoding: chunked' -H 'Content-Type: application/x-www-form-urlencoded' \
	--data-binary "@$T/big"
check "20 MB chunked (no length declared) is refused with 400, not 500" status_is 400
head -c 200000 /dev/zero | tr '\0' 'a' >"$T/mid"
raw "$who" /checkin 'application/x-www-form-urlencoded' "$T/mid"
check "200 KB to /checkin (over a form's cap) is 413" status_is 413
# Refused by Apache before it buffered anything: the page never saw it, the
# ErrorDocument did ("Apache refused the body" in the log).
# (The error log of the host that answered: on the cluster, B's is its own.)
refused_by_apache() {
	local log=$ERRLOG
	local u=${URL%"$PFX"}
	[ -n "$HC_PORT_B" ] && [ "${u##*:}" = "$HC_PORT_B" ] && log=$HC_VAR/log/host-b/error.log
	tail -5 "$log" | grep -q "Apache refused the body"
}
check "  refused by Apache, not buffered for the page" refused_by_apache
raw anon /login 'application/x-www-form-urlencoded' "$T/mid"
check "200 KB to /login is 413, refused by Apache" refused_by_apache
# The conf's list of URLs that take an upload is the action table's.
uploads=$(grep -l 'A_UPLOAD }' "$ROOT"/cgi-bin/*.c | while read -r f; do
	grep -o '{ "[a-z_]*", M_POST, [^}]*A_UPLOAD }' "$f" | sed "s|{ \"\([a-z_]*\)\".*|$(basename "$f" .c)/\1|"
done | sort | tr '\n' '|' | sed 's/|$//')
check "the Apache conf lets bodies over 64 KiB through to exactly the upload actions ($uploads)" \
	grep -qF '^${HC_BASE}('"$uploads"')$#' "$ROOT/conf/healthcard-apache.conf"
get "$who" /checkin
check "the check-in page serves after them" status_is 200
check "and still no page process died" eq "$(crashes)" "$crashes_before"
