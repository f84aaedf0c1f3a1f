#!/usr/bin/env bash
# The stored card facts (card_facts) against data changed with plain SQL
# that nobody repaired: `hc-facts check` finds and prints each difference
# and fails; `hc-facts rebuild` (the documented repair) ends with none,
# and the card then shows the change on the very next request.
. "$(dirname "$0")/lib.sh"

SID=$(sql "SELECT person_id FROM accounts WHERE login = 'student'")
TERM=$(sql "SELECT id FROM terms WHERE starts_on <= CURDATE() AND ends_on >= CURDATE() LIMIT 1")
YESTERDAY=$(TZ=Asia/Shanghai date -d yesterday +%F)
# The student's row in every term, and one row deleted.
WRONG=$(( $(sql "SELECT COUNT(*) FROM terms") + 1 ))
login student

check "the facts hold before the test" hc_facts check

# raw_sql: no repair after it.
raw_sql "UPDATE daily_reports SET anomaly = 1, anomaly_state = 'open' WHERE person_id = $SID AND day = '$YESTERDAY'"
raw_sql "DELETE FROM card_facts WHERE person_id = (SELECT MIN(person_id) FROM roster_entries WHERE person_id <> $SID) AND term_id = $TERM"
hc_facts check >"$T/check" 2>&1
rc=$?
check "check fails on data changed by plain SQL" eq "$rc" 1
check "check names the person, the term and the column" \
	grep -q "^person $SID term $TERM open_anomaly: stored NULL, expected $YESTERDAY\$" "$T/check"
check "check names a missing row" grep -q "term $TERM: no stored row\$" "$T/check"
check "check counts the rows that differ" grep -qx "$WRONG rows differ" "$T/check"
check "unrepaired, the card still shows what is stored" cards student /card body_lacks 'card card-red'

hc_facts rebuild >"$T/rebuild" 2>&1
check "rebuild repairs those rows" grep -qx "$WRONG rows rebuilt" "$T/rebuild"
check "then check finds no difference" hc_facts check
check "and the very next card is red" cards student /card body_has 'card card-red'

raw_sql "UPDATE daily_reports SET anomaly = 0, anomaly_state = 'none' WHERE person_id = $SID AND day = '$YESTERDAY'"
hc_facts rebuild >/dev/null
check "repaired back: no difference" hc_facts check
check "and no card is red" cards student /card body_lacks 'card card-red'
