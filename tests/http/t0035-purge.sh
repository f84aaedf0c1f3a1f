#!/usr/bin/env bash
# Issue 21: retention and purge. The school admin sets per kind how long
# data is kept after its term ends (previewed: what a purge would take);
# build/hc-purge --dry-run prints and stores the same report as the real
# run that follows, which deletes (location: anonymises) exactly that, in
# batches, removes the files no upload names any more, keeps the term in
# progress whole, and leaves the card facts right; the reports are read
# (and downloaded) on /policy.
. "$(dirname "$0")/lib.sh"

purge() { HEALTHCARD_CONF="$HC_VAR/healthcard.hdf" "$ROOT/build/hc-purge" "$@"; }
for who in student counselor reviewer gate admin; do login "$who"; done
for who in student counselor reviewer gate; do
	get "$who" "/policy/retention?reports=1"
	check "$who GET /policy/retention: 403" status_is 403
done

# An old term (ended 2024-07-10) with its data: reports of three students
# (one replaced, one with an open anomaly), an application with two
# uploads (one file its own, one shared with the term in progress), an
# arrival, a message and an audit row.
sql "INSERT INTO terms (name, starts_on, ends_on) VALUES ('2024 春季学期 (t35)', '2024-02-20', '2024-07-10')" >/dev/null
old=$(sql "SELECT id FROM terms WHERE name = '2024 春季学期 (t35)'")
read -r p1 p2 p3 <<<"$(sql "SELECT id FROM people WHERE identity = 'undergrad' AND id > 7 ORDER BY id LIMIT 3" | paste -sd' ')"
sql "INSERT INTO daily_reports (person_id, day, submitted_at, temperature, city, in_city, on_campus, anomaly, anomaly_flags, anomaly_state)
	VALUES ($p1, '2024-03-01', '2024-03-01 08:00', 36.5, '北京', 1, 0, 0, '', 'none'),
	       ($p1, '2024-03-02', '2024-03-02 08:00', 36.6, '北京', 1, 0, 0, '', 'none'),
	       ($p2, '2024-03-01', '2024-03-01 08:00', 38.1, '上海', 0, 0, 1, 'fever', 'open'),
	       ($p3, '2024-07-10', '2024-07-10 08:00', 36.4, '天津', 0, 0, 0, '', 'none')" >/dev/null
r2=$(sql "SELECT id FROM daily_reports WHERE person_id = $p2 AND day = '2024-03-01'")
sql "INSERT INTO queue_items (kind, ref_id, person_id, created_at) VALUES ('anomaly', $r2, $p2, '2024-03-01 08:00');
	INSERT INTO daily_report_history (report_id, person_id, day, replaced_at, snapshot)
	SELECT id, person_id, day, '2024-03-01 09:00', '{}' FROM daily_reports WHERE person_id = $p1 AND day = '2024-03-01';
	INSERT INTO return_applications (term_id, person_id, state) VALUES ($old, $p1, 'approved');
	INSERT INTO messages (person_id, kind, body, created_at) VALUES ($p1, 'note', 't35', '2024-03-05 10:00');
	INSERT INTO audit_log (at, actor_id, action, subject_person_id) VALUES ('2024-03-05 10:00', 3, 'test.t35', $p1)" >/dev/null
app=$(sql "SELECT id FROM return_applications WHERE term_id = $old AND person_id = $p1")
own=$(printf 't35 own' | sha256sum | cut -c1-64); shared=$(printf 't35 shared' | sha256sum | cut -c1-64)
printf 't35 own' >"$HC_VAR/uploads/$own"; printf 't35 shared' >"$HC_VAR/uploads/$shared"
now_app=$(sql "SELECT id FROM return_applications WHERE term_id <> $old AND id NOT IN (SELECT application_id FROM uploads) LIMIT 1")
sql "INSERT INTO uploads (application_id, kind, filename, mime, size, sha256, stored_name, uploaded_at) VALUES
	($app, 'health_code', 'a.png', 'image/png', 7, UNHEX('$own'), '$own', '2024-03-01 10:00'),
	($app, 'vaccination', 'b.png', 'image/png', 10, UNHEX('$shared'), '$shared', '2024-03-01 10:00'),
	($now_app, 'itinerary', 'c.png', 'image/png', 10, UNHEX('$shared'), '$shared', NOW())" >/dev/null
gate=$(sql "SELECT MIN(id) FROM gates")
sql "INSERT INTO arrivals (person_id, term_id, kind, at, gate_id, boarding) VALUES ($p1, $old, 'gate', '2024-02-25 09:00', $gate, 1)" >/dev/null
cur_reports=$(sql "SELECT COUNT(*) FROM daily_reports WHERE day > '2024-07-10'")
cur_arrivals=$(sql "SELECT COUNT(*) FROM arrivals WHERE term_id <> $old")

# 1. The location alone after 30 days (reports kept): previewed, then the
# dry run and the real run agree, and the cities of the old term go.
get admin "/policy/retention?location=30"
check "the preview of location 30 days: the old term's 4 reports' cities" eval 'status_is 200 &&
	body_has "id=\"retention-lines\"" && grep -q "data-kind=\"location\"><td>[^<]*</td><td>2024 春季学期 (t35)</td><td class=\"num\">30</td><td class=\"num\">4</td>" "$BODY"'
check "  only that kind" eq "$(grep -o '<tr data-kind=' "$BODY" | wc -l)" 1
tok=$(csrf)
req admin POST /policy/retention --data-urlencode "csrf=$tok" --data-urlencode location=30
check "saved: 303, audited" eval 'status_is 303 && eq "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = '"'"'retention.change'"'"'")" 1'
purge --dry-run >"$T/dry1"
purge >"$T/real1"
check "location: the dry run's lines equal the real run's ($(sed -n 2p "$T/real1" | tr '\t' ' '))" eval '
	[ "$(tail -n +2 "$T/dry1")" = "$(tail -n +2 "$T/real1")" ] && grep -q "^location	2024 春季学期 (t35)	30	4	0$" "$T/real1"'
check "  the old term's cities anonymised, the reports kept" eq "$(sql "SELECT COUNT(*), SUM(city = '') FROM daily_reports WHERE day <= '2024-07-10'" | tr '\t' ' ')" "4 4"

# 2. Everything past its time: reports, uploads, arrivals, messages after
# 30 days, the audit after 365.
get admin "/policy/retention?reports=30&location=30&uploads=30&arrivals=30&messages=30&audit=365"
check "the preview of every kind" eval 'status_is 200 && body_has "data-kind=\"reports\"" && body_has "data-kind=\"audit\""'
pv_lines=$(grep -o '<tr data-kind="[a-z]*"><td>[^<]*</td><td>[^<]*</td><td class="num">[0-9]*</td><td class="num">[0-9]*</td><td class="num">[0-9]*' "$BODY" |
	sed 's/<tr data-kind="\([a-z]*\)"><td>[^<]*<\/td><td>\([^<]*\)<\/td><td class="num">\([0-9]*\)<\/td><td class="num">\([0-9]*\)<\/td><td class="num">\([0-9]*\)/\1	\2	\3	\4	\5/')
tok=$(csrf)
req admin POST /policy/retention --data-urlencode "csrf=$tok" --data-urlencode reports=30 --data-urlencode location=30 \
	--data-urlencode uploads=30 --data-urlencode arrivals=30 --data-urlencode messages=30 --data-urlencode audit=365
check "  saved" status_is 303
before=$(sql "SELECT (SELECT COUNT(*) FROM daily_reports) + (SELECT COUNT(*) FROM uploads) + (SELECT COUNT(*) FROM arrivals) + (SELECT COUNT(*) FROM messages)")
purge --dry-run >"$T/dry2"
check "the dry run deletes nothing" eq "$(sql "SELECT (SELECT COUNT(*) FROM daily_reports) + (SELECT COUNT(*) FROM uploads) + (SELECT COUNT(*) FROM arrivals) + (SELECT COUNT(*) FROM messages)")" "$before"
check "  and says what the preview said" eq "$(tail -n +2 "$T/dry2")" "$pv_lines"
purge >"$T/real2"
check "the real run's report equals the dry run's" eq "$(tail -n +2 "$T/real2")" "$(tail -n +2 "$T/dry2")"
check "  reports 4, uploads 2 (1 file), arrivals 1, messages 1 of the old term" eval '
	grep -q "^reports	2024 春季学期 (t35)	30	4	0$" "$T/real2" && grep -q "^uploads	2024 春季学期 (t35)	30	2	1$" "$T/real2" &&
	grep -q "^arrivals	2024 春季学期 (t35)	30	1	0$" "$T/real2" && grep -q "^messages	2024 春季学期 (t35)	30	1	0$" "$T/real2"'
check "the old term's rows are gone (reports, history, queue item, uploads, arrival, message, audit)" eq "$(sql "SELECT
	(SELECT COUNT(*) FROM daily_reports WHERE day <= '2024-07-10') + (SELECT COUNT(*) FROM daily_report_history WHERE day <= '2024-07-10')
	+ (SELECT COUNT(*) FROM queue_items WHERE ref_id = $r2 AND kind = 'anomaly') + (SELECT COUNT(*) FROM uploads WHERE application_id = $app)
	+ (SELECT COUNT(*) FROM arrivals WHERE term_id = $old) + (SELECT COUNT(*) FROM messages WHERE body = 't35')
	+ (SELECT COUNT(*) FROM audit_log WHERE action = 'test.t35')")" 0
check "its own file removed, the shared one kept" eval '[ ! -e "$HC_VAR/uploads/$own" ] && [ -e "$HC_VAR/uploads/$shared" ]'
check "the term in progress untouched" eq "$(sql "SELECT COUNT(*) FROM daily_reports WHERE day > '2024-07-10'") $(sql "SELECT COUNT(*) FROM arrivals WHERE term_id <> $old")" "$cur_reports $cur_arrivals"
check "the card facts hold (hc-facts check)" eval 'hc_facts check >"$T/facts" 2>&1 || { tail -3 "$T/facts"; false; }'
get admin "/card?person=$p2"
check "  the old open anomaly no longer reddens $p2's card" body_lacks '2024-03-01'
purge >"$T/real3"
check "a purge again takes nothing" eq "$(wc -l <"$T/real3")" 1

# The reports in the browser: the list, one run, its CSV.
run=$(sed -n 's/^purge run \([0-9]*\).*/\1/p' "$T/real2")
dry=$(sed -n 's/^purge run \([0-9]*\).*/\1/p' "$T/dry2")
get admin /policy
check "/policy lists the runs, the dry ones said" eval 'body_has "href=\"/policy/purge?id=$run\"" && body_has "href=\"/policy/purge?id=$dry\""'
get admin "/policy/purge?id=$run"
check "a run's report: its lines" eval 'status_is 200 && body_has "data-dry=\"0\"" && eq "$(grep -o "<tr data-kind=" "$BODY" | wc -l)" "$(tail -n +2 "$T/real2" | wc -l)"'
get admin "/policy/purge?id=$run&fmt=csv"
check "  as CSV: a header and the lines" eval 'status_is 200 && header_has "text/csv" && eq "$(( $(wc -l <"$BODY") - 1 ))" "$(tail -n +2 "$T/real2" | wc -l)"'
get admin "/policy/purge?id=999999"
check "  no such run: 404" status_is 404
get counselor "/policy/purge?id=$run"
check "  a counselor: 403" status_is 403

# Leave the stack as it was for the tests after this one.
sql "DELETE FROM retention; DELETE FROM return_applications WHERE term_id = $old; DELETE FROM terms WHERE id = $old" >/dev/null
