#!/usr/bin/env bash
# The database stops: pages answer 503 with a friendly message; it comes
# back: pages recover by themselves, without restarting Apache.
. "$(dirname "$0")/lib.sh"

login student
get student /card
check "card works before the outage" status_is 200
apache_pid=$(cat "$HC_VAR/run/httpd.pid")

"$ROOT/tools/stack.sh" dbstop "$HC_VAR"
# No process answers from memory: the very next request asks the database.
get student /card
check "database down: 503" status_is 503
check "with a friendly message" body_has "系统维护中"
check "and a Retry-After" header_has "Retry-After:"
get anon /login
tok=$(csrf)
req anon POST /login --data-urlencode "csrf=$tok" --data-urlencode "login=student" \
	--data-urlencode "password=demo"
check "logging in answers 503, not 500" status_is 503

"$ROOT/tools/stack.sh" dbstart "$HC_VAR" >/dev/null
# Every process held a connection that died with the server: the first
# request after the restart must already succeed.
login counselor
check "database back: the first login succeeds at once" status_is 303
get student /card
check "database back: the card works again" status_is 200
check "the session survived" body_has 'class="card card-'
check "Apache was not restarted" test "$(cat "$HC_VAR/run/httpd.pid")" = "$apache_pid"
