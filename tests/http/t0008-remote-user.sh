#!/usr/bin/env bash
# Auth.Mode = remote_user: Apache's own auth module (here mod_auth_basic,
# standing in for CAS / LDAP / OpenID Connect) sets REMOTE_USER; the app
# maps it to a person by login name. An unknown user gets a clear page.
. "$(dirname "$0")/lib.sh"

port=$((HC_PORT + 50))
RV=$ROOT/var/test-ru-$port
rm -rf "$RV"; mkdir -p "$RV"
# Apache's children read the password file: a folder they can pass (the
# checkout may sit in a 0700 home, tools/stack.sh).
PW=$(mktemp -d /var/tmp/healthcard-pw.XXXXXXXX)
chmod 755 "$PW"
htpasswd -bc "$PW/htpasswd" counselor secret1 >/dev/null 2>&1
htpasswd -b "$PW/htpasswd" stranger secret2 >/dev/null 2>&1
[ "$(id -u)" = 0 ] && chgrp www-data "$PW/htpasswd" && chmod 640 "$PW/htpasswd"
M=/usr/lib/apache2/modules
export HC_AUTH_MODE=remote_user
export HC_EXTRA_APACHE="LoadModule auth_basic_module $M/mod_auth_basic.so
LoadModule authn_core_module $M/mod_authn_core.so
LoadModule authn_file_module $M/mod_authn_file.so
LoadModule authz_user_module $M/mod_authz_user.so
<Location />
    AuthType Basic
    AuthName healthcard
    AuthBasicProvider file
    AuthUserFile $PW/htpasswd
    Require valid-user
</Location>"
# Stopped and removed whatever happens, a failed start included.
trap '"$ROOT/tools/stack.sh" purge "$RV" >/dev/null 2>&1; rm -rf "$RV.log" "$PW" "$T"' EXIT
if ! "$ROOT/tools/stack.sh" start "$RV" "$port" --students 100 --days 5 >"$RV.log" 2>&1; then
	cat "$RV.log"
	check "the remote_user stack starts" false
	exit 1
fi
RURL=http://127.0.0.1:$port

STATUS=$(curl -s -o "$BODY" -w '%{http_code}' "$RURL/")
check "without credentials Apache asks for them" status_is 401
STATUS=$(curl -s -o "$BODY" -D "$HEADERS" -w '%{http_code}' -u counselor:secret1 "$RURL/")
check "REMOTE_USER=counselor is the counselor" status_is 200
check "their home page names them" body_has "辅导员"
STATUS=$(curl -s -o "$BODY" -w '%{http_code}' -u stranger:secret2 "$RURL/")
check "an unknown REMOTE_USER is sent to the login page" status_is 303
STATUS=$(curl -s -o "$BODY" -w '%{http_code}' -u stranger:secret2 "$RURL/login")
check "which says 'not registered' with 403" status_is 403
check "in words" body_has "尚未在本系统登记"

# Who a REMOTE_USER is, read on every request like a session (lib/web/sess.c):
# a disabled account is turned away on the very next request, by every
# process, and comes back when enabled again.
rsql() { "$ROOT/tools/stack.sh" sql "$RV" -N -B -e "$1"; }
# homes CODE: 8 requests for the counselor's home, each answered CODE.
homes() {
	local i
	for i in $(seq 1 8); do
		STATUS=$(curl -s -o "$BODY" -w '%{http_code}' -u counselor:secret1 "$RURL/")
		status_is "$1" || return 1
	done
}
check "the counselor's home, from every process" homes 200
rsql "UPDATE accounts SET disabled = 1 WHERE login = 'counselor'"
check "a disabled account is turned away at once by every process" homes 303
rsql "UPDATE accounts SET disabled = 0 WHERE login = 'counselor'"
check "and let in again once enabled" homes 200
