#!/usr/bin/env bash
# Issue 21 (PIPL's right of access): a student downloads everything the
# system holds about them as one JSON file, each kind of their data in it
# (reports, replaced reports, make-ups, applications, travel legs,
# uploads, reviews, arrivals, central tests, exemptions, messages, and
# who changed or exported their data); the export audited.
. "$(dirname "$0")/lib.sh"

# A student who has been through it all: reviews, travel legs, an arrival.
sid=$(sql "SELECT ra.person_id FROM return_applications ra JOIN accounts a ON a.person_id = ra.person_id
	WHERE EXISTS (SELECT 1 FROM reviews rv WHERE rv.application_id = ra.id)
	AND EXISTS (SELECT 1 FROM travel_legs tl WHERE tl.application_id = ra.id)
	AND EXISTS (SELECT 1 FROM arrivals ar WHERE ar.person_id = ra.person_id)
	AND a.disabled = 0 AND a.must_change_pw = 0 ORDER BY ra.person_id LIMIT 1")
who=$(sql "SELECT login FROM accounts WHERE person_id = $sid")
num=$(sql "SELECT number FROM people WHERE id = $sid")
check "a student with reviews, legs and an arrival ($who)" test -n "$sid"
today=$(TZ=Asia/Shanghai date +%F)
# What the demo lacks for them: an upload, a replaced report, a make-up, a central
# test (recorded by the admin: an audit row about them), an exemption,
# a message.
day=$(sql "SELECT MIN(day) FROM daily_reports WHERE person_id = $sid")
sql "INSERT INTO daily_report_history (report_id, person_id, day, replaced_at, replaced_by, snapshot)
	SELECT id, person_id, day, NOW(), person_id, JSON_OBJECT('temperature', 37.9) FROM daily_reports
	WHERE person_id = $sid AND day = '$day';
	INSERT INTO makeup_requests (person_id, day, reason, state, created_at) VALUES ($sid, '$day' - INTERVAL 1 DAY, 't36 补卡', 'rejected', NOW());
	INSERT INTO checkin_exemptions (kind, person_id, reason, starts_on, created_by, created_at)
	VALUES ('person', $sid, 't36 免打卡', '$today' + INTERVAL 30 DAY, 3, NOW());
	INSERT INTO messages (person_id, kind, body, created_at) VALUES ($sid, 'note', 't36 \"quoted\" <msg>', NOW());
	INSERT INTO uploads (application_id, kind, filename, mime, size, sha256, stored_name, uploaded_at)
	SELECT ra.id, 'health_code', '健康码.png', 'image/png', 7, UNHEX(SHA2('t36', 256)), SHA2('t36', 256), NOW()
	FROM return_applications ra WHERE ra.person_id = $sid ORDER BY ra.id DESC LIMIT 1" >/dev/null
login admin
FORM_PAGE=/testing post admin /testing/record --data-urlencode "number=$num" \
	--data-urlencode "sampled_at=$today 07:45" --data-urlencode result=negative
check "the admin records a central test for them" status_is 303

login "$who"
get "$who" /person
check "their record links to the export" body_has 'href="/person/export"'
get "$who" /person/export
cp "$BODY" "$T/me.json"
check "the export: 200, one JSON file as an attachment" eval 'status_is 200 &&
	header_has "Content-Type: application/json" && header_has "attachment; filename=\"healthcard-$sid.json\"" &&
	python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$T/me.json"'
# count SECTION: the rows of a section.
count() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); v=d[sys.argv[2]]; print(len(v) if isinstance(v, list) else int(v is not None))" "$T/me.json" "$1"; }
check "  who they are: their number and name" eval 'python3 -c "import json,sys; p=json.load(open(sys.argv[1]))[\"person\"]; sys.exit(p[\"number\"] != sys.argv[2])" "$T/me.json" "$num"'
check "  every daily report" eq "$(count daily_reports)" "$(sql "SELECT COUNT(*) FROM daily_reports WHERE person_id = $sid")"
for s in replaced_reports makeup_requests return_applications travel_legs uploads reviews arrivals central_tests exemptions messages; do
	check "  $s: as many as stored" eval '[ "$(count $s)" -ge 1 ]'
done
check "  uploads as stored" eq "$(count uploads)" "$(sql "SELECT COUNT(*) FROM uploads u JOIN return_applications ra ON ra.id = u.application_id WHERE ra.person_id = $sid")"
check "  the replaced report's old answers" grep -q '"temperature": *37.9' "$T/me.json"
check "  a message's quotes kept as text" eval 'python3 -c "import json,sys; m=json.load(open(sys.argv[1]))[\"messages\"]; sys.exit(not any(x[\"body\"] == \"t36 \\\"quoted\\\" <msg>\" for x in m))" "$T/me.json"'
check "  who changed their data: the admin's central test, and this export" eval 'python3 -c "
import json,sys
a = json.load(open(sys.argv[1]))[\"audit\"]
acts = {x[\"action\"] for x in a}
sys.exit(not ({\"central_test.record\", \"person.export\"} <= acts))" "$T/me.json"'
check "the export is audited" eq "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'person.export' AND subject_person_id = $sid AND actor_id = $sid")" 1
check "no login: to the login page" turned_away anonymous /person/export
sql "DELETE FROM checkin_exemptions WHERE reason = 't36 免打卡'" >/dev/null
