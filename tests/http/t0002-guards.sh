#!/usr/bin/env bash
# The guards that run before any handler.
. "$(dirname "$0")/lib.sh"

get anon /login
check "CSP without inline script" header_has "Content-Security-Policy: default-src 'self'"
check "X-Frame-Options" header_has "X-Frame-Options: DENY"
check "X-Content-Type-Options" header_has "X-Content-Type-Options: nosniff"
check "Referrer-Policy" header_has "Referrer-Policy: same-origin"

req anon POST /login --data-urlencode "login=student" --data-urlencode "password=demo"
check "POST without a CSRF token is 403" status_is 403
before=$(sql "SELECT COUNT(*) FROM sessions")
req anon POST /login --data-urlencode "login=student" --data-urlencode "password=demo" \
	--data-urlencode "csrf=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
check "POST with a forged CSRF token is 403" status_is 403
check "and no session was made" test "$(sql "SELECT COUNT(*) FROM sessions")" = "$before"

# A token is bound to its session: another browser's token does not work.
get other /login
tok=$(csrf)
req anon POST /login --data-urlencode "login=student" --data-urlencode "password=demo" \
	--data-urlencode "csrf=$tok"
check "another session's CSRF token is 403" status_is 403

get anon /login
tok=$(csrf)
req anon POST /login --data-urlencode "csrf=$tok" -H "Origin: http://evil.example" \
	--data-urlencode "login=student" --data-urlencode "password=demo"
check "a cross-origin POST is 403" status_is 403

head -c 200000 /dev/zero | tr '\0' 'a' >"$T/big"
req anon POST /login --data-binary "@$T/big" -H "Content-Type: application/x-www-form-urlencoded"
check "an oversized body is 413" status_is 413

get anon /nosuchpage
check "unknown page is 404" status_is 404
login student
get student /card/nosuchaction
check "unknown action is 404" status_is 404
check "the error page carries a request id" body_has "请求编号"
req student DELETE /card
check "wrong method is 405" status_is 405
check "405 names the allowed methods" header_has "Allow: GET"
FORM_PAGE=/card post student /card
check "POST to a GET-only page is 405" status_is 405
# Hostile "next" values (issue 13, finding 3): each sends the logged-in
# student home, never to another host; the login form's next likewise.
for next in '//evil.example/' '/%09/evil.example/phish' '/%0A/evil.example' \
	'/%5Cevil.example' '%5C%5Cevil.example' 'https://evil.example/' \
	'/%0D%0ASet-Cookie:%20x=1' '/%20/evil.example' 'javascript:alert(1)'; do
	get student "/login?next=$next"
	check "next=$next sends home (or is refused: control characters are 400)" \
		eval '{ status_is 303 && [ "$(grep -i "^Location:" "$HEADERS" | tr -d "\r")" = "Location: /" ]; } || { status_is 400 && ! header_has "Location:"; }'
done
get student "/login?next=/checkin%3Fday%3D2026-11-30"
check "a local next is kept" header_has "Location: /checkin?day=2026-11-30"
get fresh /login
tok=$(csrf)
req fresh POST /login --data-urlencode "csrf=$tok" --data-urlencode login=student \
	--data-urlencode password=demo --data-urlencode $'next=/\t/evil.example/phish'
check "the login form's next with a tab sends home (or is refused)" \
	eval '{ status_is 303 && [ "$(grep -i "^Location:" "$HEADERS" | tr -d "\r")" = "Location: /" ]; } || { status_is 400 && ! header_has "Location:"; }'


# What Apache answers by itself (issue 13, finding 7): no TRACE echoing the
# cookies, no versions, and the security headers on static files and on
# Apache's own error pages too.
req student TRACE /login -H "Cookie: secret=trace-me"
check "TRACE is refused (405)" status_is 405
check "  without echoing the cookie" body_lacks "trace-me"
check "the Server header names no version" eval '[ "$(grep -i "^Server:" "$HEADERS" | tr -d "\r")" = "Server: Apache" ]'
get anon /static/style.css
check "a static file has nosniff" header_has "X-Content-Type-Options: nosniff"
check "  and a content security policy" header_has "Content-Security-Policy:"
check "  and X-Frame-Options" header_has "X-Frame-Options: DENY"
get anon /static/no-such-file.css
check "Apache's own 404 has the headers too" eval 'status_is 404 && header_has "X-Frame-Options: DENY" && header_has "Content-Security-Policy:"'
check "  and names no version" body_lacks "Apache/2"
get anon /login
check "a page's headers are not doubled by Apache's" eq "$(grep -ci '^X-Frame-Options:' "$HEADERS")" 1
