#!/usr/bin/env bash
# The summary report (/report): every figure equals the table filtered by
# its link; the figures against independent SQL; arrivals per day in the
# SVG; a scope's report covers only its scope; bad dates never a 500.
#
# Arrivals come from the gate: the gate staff account scans green
# students' card codes, as at the campus gate.
. "$(dirname "$0")/lib.sh"

today=$(TZ=Asia/Shanghai date +%F)
d() { TZ=Asia/Shanghai date -d "$1" +%F; }
term=$(sql "SELECT id FROM terms ORDER BY (starts_on <= '$today' AND ends_on >= '$today') DESC, starts_on DESC LIMIT 1")
cid=$(sql "SELECT person_id FROM accounts WHERE login = 'counselor'")
total() { grep -o 'id="total">[0-9]*' "$BODY" | sed 's/.*>//'; }
fig() { grep -o "id=\"fig-$1\" href=\"[^\"]*\">[0-9]*" "$BODY" | sed 's/.*>//'; }
link() { grep -o "id=\"fig-$1\" href=\"[^\"]*\"" "$BODY" | sed 's/.*href="//; s/"$//; s/&amp;/\&/g'; }
FIGS="should_return quiz_done applied first_passed travelled on_campus tested moved_in day_applied day_approved abnormal"

# Up to three arrivals at the gate today: approved students whose card
# codes the gate staff scan (the gate records those that are green).
login gate
n=0
for id in $(sql "SELECT ra.person_id FROM return_applications ra
	JOIN roster_entries re ON re.person_id = ra.person_id AND re.term_id = ra.term_id
	WHERE ra.term_id = $term AND ra.state = 'approved' AND ra.allowed_from <= '$today'
	  AND ra.allowed_until >= '$today' AND NOT EXISTS (SELECT 1 FROM arrivals a
		WHERE a.person_id = ra.person_id AND a.term_id = ra.term_id AND a.kind = 'gate')
	ORDER BY ra.person_id LIMIT 60"); do
	get gate "/scan?t=$(HEALTHCARD_CONF=$HC_VAR/healthcard.hdf "$ROOT/build/scantoken" "$id")"
	body_has 'data-result="allow"' && n=$((n + 1))
	[ $n -ge 3 ] && break
done
check "the gate let three students in today" test "$n" -eq 3
arrived_today=$(sql "SELECT COUNT(*) FROM arrivals a JOIN roster_entries re ON re.person_id = a.person_id
	AND re.term_id = a.term_id WHERE a.term_id = $term AND a.kind = 'gate' AND DATE(a.at) = '$today'")

login admin
for range in "" "from=$(d '7 days ago')&to=$today" "from=$today&to=$today"; do
	get admin "/report?term=$term&$range"
	check "the report opens (${range:-whole term})" status_is 200
	for f in $FIGS; do
		n=$(fig "$f")
		l=$(link "$f")
		get admin "$l"
		check "figure $f (${range:-whole term}) = rows of its table ($l)" eq "$(total)" "$n"
		get admin "/report?term=$term&$range"
	done
done
get admin "/report?term=$term"
check "should return = the term's roster" eq "$(fig should_return)" \
	"$(sql "SELECT COUNT(*) FROM roster_entries WHERE term_id = $term")"
check "applied = submitted applications" eq "$(fig applied)" \
	"$(sql "SELECT COUNT(*) FROM roster_entries re JOIN return_applications ra ON ra.person_id = re.person_id
		AND ra.term_id = re.term_id WHERE re.term_id = $term AND ra.state <> 'draft'")"
check "moved in = dorm records of rostered students" eq "$(fig moved_in)" \
	"$(sql "SELECT COUNT(*) FROM roster_entries re JOIN arrivals a ON a.person_id = re.person_id
		AND a.term_id = re.term_id AND a.kind = 'dorm' WHERE re.term_id = $term")"
check "abnormal = students with an open anomaly" eq "$(fig abnormal)" \
	"$(sql "SELECT COUNT(*) FROM roster_entries re WHERE re.term_id = $term AND EXISTS (SELECT 1
		FROM daily_reports d WHERE d.person_id = re.person_id AND d.anomaly_state = 'open')")"
check "the arrivals chart is an inline SVG" body_has '<svg class="trend arrivals"'
check "today's bar counts today's arrivals ($arrived_today)" body_has "data-day=\"$today\" data-n=\"$arrived_today\""
get admin "/report?term=$term&from=$today&to=$today"
check "on campus today = today's arrivals" eq "$(fig on_campus)" "$arrived_today"
check "  and at least the three just recorded" test "$arrived_today" -ge 3

get admin "/report?term=$term&from=$today&to=$(d '7 days ago')"
check "an inverted range: 200 with a message" body_has 'id="report-message"'
check "  read the right way round" body_has "value=\"$(d '7 days ago')\""
get admin "/report?term=$term&from=2026-02-31&to=x"
check "bad dates: 200 with a message" body_has 'id="report-message"'
check "  the whole term then" eq "$(fig should_return)" "$(sql "SELECT COUNT(*) FROM roster_entries WHERE term_id = $term")"

login counselor
get counselor "/report?term=$term"
check "the counselor's report covers their students" eq "$(fig should_return)" \
	"$(sql "SELECT COUNT(*) FROM roster_entries re JOIN counselor_assignments ca ON ca.student_id = re.person_id
		WHERE re.term_id = $term AND ca.counselor_id = $cid")"
n=$(fig applied)
get counselor "$(link applied)"
check "  and its links open the counselor's table" eq "$(total)" "$n"
login student
get student /report
check "a student may not open the report (403)" status_is 403
