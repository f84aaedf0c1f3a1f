#!/usr/bin/env bash
# Plain SQL that no page made, followed by the documented repair of the
# stored card facts (hc-facts rebuild, which the sql helper runs), shows on
# the very next card, from every process of the card's pool: nothing is
# kept in memory. Every read is repeated, so that each process has served
# the old state just before the write.
. "$(dirname "$0")/lib.sh"

N=8
SID=$(sql "SELECT person_id FROM accounts WHERE login = 'student'")
CID=$(sql "SELECT counselor_id FROM counselor_assignments WHERE student_id = $SID")
TERM=$(sql "SELECT id FROM terms WHERE starts_on <= CURDATE() AND ends_on >= CURDATE() LIMIT 1")
YESTERDAY=$(TZ=Asia/Shanghai date -d yesterday +%F)

# statuses WHO PATH CODE: N requests, each answered CODE.
statuses() {
	local i
	for i in $(seq 1 $N); do
		get "$1" "$2"
		status_is "$3" || return 1
	done
}

login student
login counselor
check "the student's card, read by every process: not red" cards student /card body_lacks 'card card-red'
check "the counselor's view of it: not red" cards counselor "/card?person=$SID" body_lacks 'card card-red'

# A daily report turned abnormal.
sql "UPDATE daily_reports SET anomaly = 1, anomaly_state = 'open' WHERE person_id = $SID AND day = '$YESTERDAY'"
check "after the report is flagged, every card is red" cards student /card body_has 'card card-red'
check "and so is the counselor's view" cards counselor "/card?person=$SID" body_has 'card card-red'
sql "UPDATE daily_reports SET anomaly = 0, anomaly_state = 'none' WHERE person_id = $SID AND day = '$YESTERDAY'"
check "cleared again: no card is red" cards student /card body_lacks 'card card-red'

# An arrival, as the gate records it (the gate's test may have recorded
# one already: it goes first, and its removal is a write like any other).
sql "DELETE FROM arrivals WHERE person_id = $SID AND term_id = $TERM"
sql "INSERT INTO arrivals (person_id, term_id, kind, at, boarding) VALUES ($SID, $TERM, 'gate', '2026-01-02 03:04:05', 1)"
check "after a gate arrival, every card shows it" cards student /card body_has '2026-01-02 03:04:05'
sql "DELETE FROM arrivals WHERE person_id = $SID AND term_id = $TERM AND kind = 'gate'"
check "after it is deleted, none does" cards student /card body_lacks '2026-01-02 03:04:05'

# The counselor's phone is on the card: a write to another person.
old_phone=$(sql "SELECT COALESCE(phone, '') FROM people WHERE id = $CID")
sql "UPDATE people SET phone = '13912345678' WHERE id = $CID"
check "a new counselor phone shows on every card" cards student /card body_has '13912345678'
sql "UPDATE people SET phone = NULLIF('$old_phone', '') WHERE id = $CID"
check "and the old one again" cards student /card body_lacks '13912345678'

# Who is logged in (the name in the header).
sql "UPDATE people SET name = CONCAT(name, '测试') WHERE id = $SID"
name=$(sql "SELECT name FROM people WHERE id = $SID")
check "a renamed student sees the new name on every page" cards student /card body_has "$name"
sql "UPDATE people SET name = LEFT(name, CHAR_LENGTH(name) - 2) WHERE id = $SID"

# A role taken away is gone on the next request.
sql "INSERT INTO roles (person_id, role) VALUES ($SID, 'admin')"
check "a student made admin opens the dashboard" statuses student /dashboard 200
sql "DELETE FROM roles WHERE person_id = $SID AND role = 'admin'"
check "and no longer once the role is deleted" statuses student /dashboard 403


# The card page per session (its CSRF token) and per language.
FORM_PAGE=/login post second /login --data-urlencode login=student --data-urlencode password=demo
get student /card; first=$(csrf)
get second /card; second=$(csrf)
check "a second session of the same student gets its own CSRF token" test -n "$second" -a "$first" != "$second"
get student /card
check "and the first session still its own" eq "$(csrf)" "$first"
check "the card in English after Chinese ones" cards student "/card?lang=en" body_has 'lang="en"'
check "and in Chinese again" cards student "/card?lang=zh-CN" body_has 'lang="zh-CN"'

# The term in progress: a term that ends is gone from the card at once.
term_name=$(sql "SELECT name FROM terms WHERE id = $TERM")
ends=$(sql "SELECT ends_on FROM terms WHERE id = $TERM")
check "the card names the term" cards student /card body_has "$term_name"
check "and so does the counselor's view" cards counselor "/card?person=$SID" body_has "$term_name"
sql "UPDATE terms SET ends_on = '$YESTERDAY' WHERE id = $TERM"
check "a term that ended yesterday is on no card" cards student /card body_lacks "$term_name"
check "nor on the counselor's view" cards counselor "/card?person=$SID" body_lacks "$term_name"
sql "UPDATE terms SET ends_on = '$ends' WHERE id = $TERM"
check "the term back on every card" cards student /card body_has "$term_name"
# Two terms in progress: the card is of the one that started last; an old
# term that ended stays off it (each person has a row of facts a term).
starts=$(sql "SELECT starts_on FROM terms WHERE id = $TERM")
# (The ended one is made last: the highest id must not win over a term in
# progress.)
sql "INSERT INTO terms (name, starts_on, ends_on) VALUES
	('T0019-new', '$starts' + INTERVAL 1 DAY, '$ends'),
	('T0019-old', '$starts' - INTERVAL 200 DAY, '$starts' - INTERVAL 100 DAY)"
check "of two terms in progress the card names the one that started last" \
	cards student /card eval 'body_has T0019-new && body_lacks "$term_name" && body_lacks T0019-old'
sql "DELETE FROM terms WHERE name IN ('T0019-old', 'T0019-new')"
check "  and the first one again once that term is gone" \
	cards student /card eval 'body_has "$term_name" && body_lacks T0019-new'

# Messages on the card: a new one, a changed one, a deleted one.
sql "INSERT INTO messages (person_id, kind, body, created_at) VALUES ($SID, 'remind', '2026-01-15', NOW())"
check "a new message shows on every card" cards student /card body_has '2026-01-15'
sql "UPDATE messages SET body = '2026-01-16' WHERE person_id = $SID AND body = '2026-01-15'"
check "a changed message shows changed" cards student /card body_has '2026-01-16'
sql "DELETE FROM messages WHERE person_id = $SID AND body = '2026-01-16'"
check "a deleted message is gone" cards student /card body_lacks '2026-01-16'
