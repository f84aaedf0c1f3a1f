#!/usr/bin/env bash
# Parameters are declared per action and checked once, before the
# handler: a bad one is 400 naming it (404 for an id in a link, which then
# names nothing), and nothing is acted on.
. "$(dirname "$0")/lib.sh"

login counselor
get counselor "/dashboard?page=abc"
check "a page that is no number is 400" status_is 400
check "  naming the parameter" body_has '<code>page</code>'
get counselor "/dashboard?page=-1"
check "a page below 0 is 400" status_is 400
get counselor "/review?page=1x"
check "the review queue's page too" eval 'status_is 400 && body_has "<code>page</code>"'
get counselor "/review/item?id=abc"
check "an item id that is no id is 404" eval 'status_is 404 && body_has "<code>id</code>"'
get counselor "/review/item?id=0"
check "  and 0 is none" status_is 404
get counselor "/review/item"
check "  and none at all" status_is 404
get counselor "/checkin/proxy?person=12x"
check "a person who is no id is 404" eval 'status_is 404 && body_has "<code>person</code>"'

before=$(sql "SELECT COUNT(*) FROM audit_log")
FORM_PAGE=/review post counselor /review/decide --data-urlencode "id=1" --data-urlencode "decision=maybe"
check "a decision the review takes not is 400" eval 'status_is 400 && body_has "<code>decision</code>"'
FORM_PAGE=/review post counselor /review/decide --data-urlencode "id=1" --data-urlencode "id=x" \
	--data-urlencode "decision=approve"
check "one bad id in a batch is 400" eval 'status_is 400 && body_has "<code>id</code>"'
FORM_PAGE=/dashboard post counselor /dashboard/verify --data-urlencode "report=1" --data-urlencode "decision=ok"
check "the dashboard's verdict is one of two" eval 'status_is 400 && body_has "<code>decision</code>"'
check "  and none of these acted" eq "$(sql "SELECT COUNT(*) FROM audit_log")" "$before"
