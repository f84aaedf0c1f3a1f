#!/usr/bin/env bash
# Behind a proxy that ends TLS (issue 13, finding 7), Apache sees plain
# HTTP: with Site.BaseUrl https://..., every cookie is Secure all the same.
# On the suite's own plain-HTTP stack, no cookie claims to be.
. "$(dirname "$0")/lib.sh"

get anon /login
check "plain HTTP: the session cookie is not Secure" eval 'header_has "Set-Cookie: hc_sid=" && ! header_has "; Secure"'

port=$((HC_PORT + 70))
RV=$ROOT/var/test-tls-$port
trap '"$ROOT/tools/stack.sh" purge "$RV" >/dev/null 2>&1; rm -rf "$RV.log" "$T"' EXIT
if ! HC_EXTRA_CONF="Site.BaseUrl = https://hc.example.edu" \
	"$ROOT/tools/stack.sh" start "$RV" "$port" --students 100 --days 5 >"$RV.log" 2>&1; then
	sed 's/^/#   /' "$RV.log" | tail -20
	check "the stack behind a TLS proxy starts" false
	exit 0
fi
URL=http://127.0.0.1:$port
get tls /login
check "behind TLS: the session cookie is Secure" header_has "; Secure"
post tls /login --data-urlencode login=student --data-urlencode password=demo
check "the login's new session too" eval 'status_is 303 && grep -i "^Set-Cookie: hc_sid=" "$HEADERS" | grep -q "; Secure"'
get tls "/card?lang=en"
check "and the language cookie" eval 'grep -i "^Set-Cookie: hc_lang=" "$HEADERS" | grep -q "; Secure"'
