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
