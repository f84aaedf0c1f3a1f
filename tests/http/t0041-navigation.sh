#!/usr/bin/env bash
# Staff find their way (issue 20): one menu of what their roles offer on
# every page, on a phone as on a desktop, the current page marked; none
# for students.
. "$(dirname "$0")/lib.sh"

login counselor
get counselor /table
check "a counselor's page carries the staff menu" body_has 'class="staff-menu"'
check "  named for screen readers" body_has 'aria-label="工作菜单"'
for path in /dashboard /review /table /report /dashboard/summary; do
	check "  linking $path" body_has "href=\"$path\""
done
check "  marking the page one is on" eval 'grep -o "<a href=\"/table\" aria-current=\"page\">" "$BODY" >/dev/null'
check "  and not what a counselor cannot use" body_lacks 'href="/gates"'
get counselor /review
check "the menu is on the review queue too" body_has 'href="/table"'
get counselor /
check "the home page lists the same links" body_has 'href="/report"'

login admin
get admin /gates
check "the admin's menu has the roster and the gates" eval 'body_has "href=\"/roster\"" && body_has "href=\"/gates\""'

login student
get student /card
check "a student's card has no staff menu" body_lacks 'class="staff-menu"'

# Names lead to the student's record (/person?id=), which shows the card
# and leads to it, where staff see the missing days and correct the
# basic facts.
login counselor
get counselor "/dashboard?f=unreported"
check "the dashboard's list links each name to the student" body_has 'href="/person?id='
pid=$(grep -o 'href="/person?id=[0-9]*"' "$BODY" | head -1 | grep -o '[0-9]*')
get counselor "/person?id=$pid"
check "  which opens for the counselor" eval 'status_is 200 && body_has "href=\"/card?person=$pid\""'
get counselor "/card?person=$pid"
check "  and so does the card it leads to" status_is 200
get counselor /table
check "the big table links names" body_has 'href="/person?id='
get counselor "/table?print=1"
check "  but not when printed" body_lacks 'href="/person?id='
get counselor /review
if body_has 'href="/review/item?id='; then
	check "the review queue links each student" body_has 'href="/person?id='
fi
