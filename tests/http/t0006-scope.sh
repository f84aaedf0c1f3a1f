#!/usr/bin/env bash
# One rule decides who may see whose card.
. "$(dirname "$0")/lib.sh"

sid=$(sql "SELECT person_id FROM accounts WHERE login = 'student'")
gid=$(sql "SELECT person_id FROM accounts WHERE login = 'grad'")
cid=$(sql "SELECT person_id FROM accounts WHERE login = 'counselor'")
college=$(sql "SELECT college_id FROM people WHERE id = $sid")
foreign=$(sql "SELECT ca.student_id FROM counselor_assignments ca JOIN people p ON p.id = ca.student_id
	WHERE ca.counselor_id <> $cid AND p.college_id <> $college LIMIT 1")
same_college_other=$(sql "SELECT ca.student_id FROM counselor_assignments ca JOIN people p ON p.id = ca.student_id
	WHERE ca.counselor_id <> $cid AND p.college_id = $college LIMIT 1")

login counselor
get counselor "/card?person=$sid"
check "a counselor sees their student's card" status_is 200
check "marked as viewed by staff" body_has 'class="card card-'
get counselor "/card?person=$foreign"
check "a counselor may not see another counselor's student" status_is 403
get counselor "/card?person=999999999"
check "an unknown person is 404" status_is 404
get counselor "/card?person=abc"
check "a malformed id is 404, not 500" status_is 404

login reviewer
if [ -n "$same_college_other" ]; then
	get reviewer "/card?person=$same_college_other"
	check "a college reviewer sees anyone in the college" status_is 200
fi
get reviewer "/card?person=$foreign"
check "a college reviewer may not see another college" status_is 403

login admin
get admin "/card?person=$foreign"
check "the school admin sees everyone" status_is 200

login student
get student "/card?person=$gid"
check "a student may not see another student's card" status_is 403
get student "/card?person=$sid"
check "a student sees their own card by id" status_is 200
