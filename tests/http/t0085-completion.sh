#!/usr/bin/env bash
# College completion (issue 16, seed 001's 工作要求): the school admin's
# page gives each college's reporting rate per day (the last 7) and per
# week (the last 4), as tables and an inline SVG; the rates are the day's
# reports over the college's people who must check in (not exempt).
. "$(dirname "$0")/lib.sh"

today=$(TZ=Asia/Shanghai date +%F)
yday=$(TZ=Asia/Shanghai date -d yesterday +%F)
for who in admin counselor reviewer; do login $who; done
# Yesterday's rate of one college, by plain SQL, as the page must give it.
col=$(raw_sql "SELECT id FROM org_units WHERE kind = 'college' AND id IN (SELECT college_id FROM people) ORDER BY id LIMIT 1")
name=$(raw_sql "SELECT name FROM org_units WHERE id = $col")
read -r exp rep < <(raw_sql "SELECT COUNT(*), COUNT(r.id) FROM people p
	LEFT JOIN daily_reports r ON r.person_id = p.id AND r.day = '$yday'
	WHERE p.college_id = $col AND NOT EXISTS (SELECT 1 FROM checkin_exemptions e WHERE e.ended_at IS NULL
	AND e.starts_on <= '$yday' AND (e.ends_on IS NULL OR e.ends_on >= '$yday')
	AND (e.person_id = p.id OR e.class_id = p.class_id OR e.status = p.status))")
rate=$(awk -v r="$rep" -v e="$exp" 'BEGIN { printf "%.1f", int((r * 2000 + e) / (e * 2)) / 10 }')

get admin /dashboard/colleges
check "the admin's page of the colleges' completion: 200" eval 'status_is 200 && body_has "id=\"completion-days\""'
check "  weekly too" body_has 'id="completion-weeks"'
check "  and an inline SVG with a bar per college" eval 'body_has "<svg class=\"completion\"" &&
	[ "$(grep -c "<rect x=\"110\"" "$BODY")" = "$(raw_sql "SELECT COUNT(DISTINCT college_id) FROM people WHERE college_id IS NOT NULL")" ]'
row=$(tr -d '\n' <"$BODY" | grep -o "id=\"completion-days\".*</table>" | grep -o "<tr><th scope=\"row\">$name</th>.*" | sed 's#</tr>.*##')
check "  $name yesterday: $rep of $exp, $rate%" eval 'grep -qF "title=\"$rep / $exp\">$rate%" <<<"$row"'
check "  linked from the admin's menu" body_has 'href="/dashboard/colleges"'
for who in counselor reviewer; do
	get $who /dashboard/colleges
	check "$who may not: 403" status_is 403
done
