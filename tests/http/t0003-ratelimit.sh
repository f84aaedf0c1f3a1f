#!/usr/bin/env bash
# Failed logins are limited per account; the account's owner gets a clear
# message, and other accounts are not affected.
. "$(dirname "$0")/lib.sh"

# Two students' accounts (locking a counselor out would starve later tests).
pick="SELECT a.login FROM accounts a JOIN people p ON p.id = a.person_id
	WHERE p.identity <> 'staff' AND a.login REGEXP '^[0-9]+$' ORDER BY a.person_id DESC LIMIT 1"
victim=$(sql "$pick")
other=$(sql "$pick OFFSET 1")
for i in 1 2 3 4 5; do
	login "$victim" "wrong$i"
done
check "five wrong passwords each answer 400" status_is 400
login "$victim" demo
check "the sixth attempt is refused even with the right password" status_is 429
check "with a clear message" body_has "登录失败次数过多"
check "and a Retry-After header" header_has "Retry-After:"
login "$other" demo
check "another account still logs in" status_is 303
n=$(sql "SELECT COUNT(*) FROM login_failures WHERE login = '$victim'")
check "the failures are recorded" test "$n" -ge 5
