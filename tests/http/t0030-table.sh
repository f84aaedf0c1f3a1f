#!/usr/bin/env bash
# The big info table (/table): each scope sees exactly its rows; every
# filter against an independent count in SQL; the exports (xlsx and csv,
# parsed back) equal the page's rows; neutralised cells, masked ID numbers,
# audited exports; the window edit, audited and followed by the card; bad
# input never a 500.
. "$(dirname "$0")/lib.sh"

today=$(TZ=Asia/Shanghai date +%F)
d() { TZ=Asia/Shanghai date -d "$1" +%F; }
term=$(sql "SELECT id FROM terms ORDER BY (starts_on <= '$today' AND ends_on >= '$today') DESC, starts_on DESC LIMIT 1")
cid=$(sql "SELECT person_id FROM accounts WHERE login = 'counselor'")
college=$(sql "SELECT org_id FROM roles r JOIN accounts a ON a.person_id = r.person_id
	WHERE a.login = 'reviewer' AND r.role = 'reviewer'")
total() { grep -o 'id="total">[0-9]*' "$BODY" | sed 's/.*>//'; }
numbers_on_page() { grep -o 'data-number="[^"]*"' "$BODY" | sed 's/data-number="//; s/"$//'; }
# The rows of the term, with everything a filter may look at.
ROWS="FROM roster_entries re JOIN people p ON p.id = re.person_id
	LEFT JOIN return_applications ra ON ra.term_id = re.term_id AND ra.person_id = p.id
	LEFT JOIN arrivals ag ON ag.person_id = p.id AND ag.term_id = re.term_id AND ag.kind = 'gate'
	LEFT JOIN arrivals ad ON ad.person_id = p.id AND ad.term_id = re.term_id AND ad.kind = 'dorm'
	WHERE re.term_id = $term"
count() { sql "SELECT COUNT(*) $ROWS AND ($1)"; }

# ---- scopes ------------------------------------------------------------------
login counselor
get counselor "/table"
check "the counselor's table opens" status_is 200
check "the counselor sees their rostered students" eq "$(total)" \
	"$(count "p.id IN (SELECT student_id FROM counselor_assignments WHERE counselor_id = $cid)")"
get counselor "/table/export?fmt=csv"
check "the counselor's export is CSV" header_has "Content-Type: text/csv"
tail -n +2 "$BODY" | cut -d, -f1 | tr -d '"' | sort >"$T/got"
sql "SELECT p.number $ROWS AND p.id IN (SELECT student_id FROM counselor_assignments
	WHERE counselor_id = $cid)" | sort >"$T/want"
check "exactly the counselor's students, by number" cmp -s "$T/got" "$T/want"

login reviewer
get reviewer "/table"
check "the reviewer sees the college" eq "$(total)" "$(count "p.college_id = $college")"
get reviewer "/table/export?fmt=csv"
tail -n +2 "$BODY" | cut -d, -f1 | tr -d '"' | sort >"$T/got"
sql "SELECT p.number $ROWS AND p.college_id = $college" | sort >"$T/want"
check "exactly the college's students, by number" cmp -s "$T/got" "$T/want"
get reviewer "/table?college=$(sql "SELECT id FROM org_units WHERE kind = 'college' AND id <> $college LIMIT 1")"
check "another college's filter shows the reviewer nothing of it" eq "$(total)" 0

login admin
get admin "/table"
check "the admin sees every rostered student" eq "$(total)" "$(count 1)"
check "100 rows a page" eq "$(numbers_on_page | wc -l)" 100
login student
get student "/table"
check "a student may not open the table (403)" status_is 403
get student "/table/export?fmt=csv"
check "nor export it (403)" status_is 403

# ---- every filter against SQL ---------------------------------------------------
login admin
name_char=$(sql "SELECT SUBSTRING(p.name, 2, 1) $ROWS LIMIT 1")
prefix=$(sql "SELECT LEFT(p.number, 4) $ROWS LIMIT 1")
sub_day=$(sql "SELECT DATE(MIN(ra.submitted_at)) + INTERVAL 3 DAY $ROWS")
allow_day=$(sql "SELECT MIN(ra.allowed_from) + INTERVAL 2 DAY $ROWS")
due_day=$(sql "SELECT MAX(ra.allowed_until) - INTERVAL 2 DAY $ROWS")
LATEST="(SELECT d.in_city_days FROM daily_reports d WHERE d.person_id = p.id AND d.day <= '$today' ORDER BY d.day DESC LIMIT 1)"
OPEN="EXISTS (SELECT 1 FROM daily_reports d WHERE d.person_id = p.id AND d.anomaly_state = 'open')"
while IFS='|' read -r q cond; do
	get admin "/table?term=$term&$q"
	check "filter $q = SQL ($cond)" eq "$(total)" "$(count "$cond")"
done <<EOF
college=$college|p.college_id = $college
name=$name_char|p.name LIKE '%$name_char%'
number=$prefix|p.number LIKE '$prefix%'
identity=grad|p.identity = 'grad'
sub_from=$sub_day|DATE(ra.submitted_at) >= '$sub_day'
sub_to=$sub_day|DATE(ra.submitted_at) <= '$sub_day'
boarding=0|p.boarding = 0
boarding=1|p.boarding = 1
city14=1|$LATEST >= 14
city14=0|COALESCE($LATEST, 0) < 14
pickup=1|ra.needs_pickup = 1
tested=1|EXISTS (SELECT 1 FROM central_tests ct WHERE ct.person_id = p.id AND ct.term_id = $term AND ct.result = 'negative')
tested=0|NOT EXISTS (SELECT 1 FROM central_tests ct WHERE ct.person_id = p.id AND ct.term_id = $term AND ct.result = 'negative')
allow_from=$allow_day|ra.allowed_from >= '$allow_day'
allow_to=$allow_day|ra.allowed_from <= '$allow_day'
due_from=$due_day|ra.allowed_until >= '$due_day'
due_to=$due_day|ra.allowed_until <= '$due_day'
app=none|ra.id IS NULL
app=draft|ra.state = 'draft'
app=approved|ra.state = 'approved'
app=submitted|ra.state IN ('first_review','sent_back','evidence','second_review','approved','rejected')
app=first_passed|ra.state IN ('evidence','second_review','approved')
card=abnormal|$OPEN
card=first_review|ra.state = 'first_review' AND ag.id IS NULL AND NOT $OPEN
card=to_apply|(ra.id IS NULL OR ra.state = 'draft') AND ag.id IS NULL AND NOT $OPEN
card=returned_boarder|ad.id IS NOT NULL AND ag.id IS NOT NULL AND NOT $OPEN
quiz=1|ra.quiz_passed_at IS NOT NULL
quiz=0|ra.quiz_passed_at IS NULL
travelled=1|EXISTS (SELECT 1 FROM travel_legs tl WHERE tl.application_id = ra.id AND tl.day <= '$today')
arrived=1|ag.id IS NOT NULL
arr_from=$(d '10 days ago')|DATE(ag.at) >= '$(d '10 days ago')'
moved=1|ad.id IS NOT NULL
college=$college&boarding=1&app=approved|p.college_id = $college AND p.boarding = 1 AND ra.state = 'approved'
due_from=$due_day&due_to=$(d '2 years ago')|ra.allowed_until BETWEEN '$(d '2 years ago')' AND '$due_day'
EOF
get admin "/table?term=$term&card=abnormal"
check "the card-state filter has rows to compare (abnormal > 0)" test "$(total)" -gt 0

# ---- sort, paging, bad input ------------------------------------------------------
get admin "/table?term=$term&sort=number&dir=desc"
check "sorted by number, descending" eq "$(numbers_on_page | head -1)" "$(sql "SELECT MAX(p.number) $ROWS")"
get admin "/table?term=$term&sort=id_card%3BDROP"
check "an unknown sort column: 200 with a message" body_has 'id="sort-message"'
check "  and sorted by number" eq "$(numbers_on_page | head -1)" "$(sql "SELECT MIN(p.number) $ROWS")"
get admin "/table?term=$term&page=99999"
check "a page past the end: 200" status_is 200
check "  shows the last page, saying so" body_has 'id="page-message"'
check "  which is the last" eq "$(grep -o 'id="page">[0-9]*' "$BODY" | sed 's/.*>//')" \
	"$(grep -o 'id="pages">[0-9]*' "$BODY" | sed 's/.*>//')"
get admin "/table?term=$term&page=-3"
check "a negative page: 200, page 1" body_has 'id="page">1<'
get admin "/table?term=$term&app=zzz&card=purple&boarding=maybe&college=x"
check "unknown filter values: 200" status_is 200
check "  naming what was ignored" body_has 'id="filter-message"'
check "  and showing everything" eq "$(total)" "$(count 1)"
get admin "/table?term=$term&due_from=$(d '1 year')&due_to=$(d '1 year ago')"
check "an inverted range: 200 with a message" body_has 'id="range-message"'
check "  read the right way round" eq "$(total)" \
	"$(count "ra.allowed_until BETWEEN '$(d '1 year ago')' AND '$(d '1 year')'")"
get admin "/table?term=98765"
check "an unknown term falls back to the current one" eq "$(total)" "$(count 1)"
get admin "/table?term=$term&name=%3Cscript%3Ex"
check "input is escaped, never echoed raw" body_lacks "<script>x"
get admin "/table/export?fmt=pdf"
check "an export format other than xlsx or csv is 400" status_is 400
get admin "/table/export?sel=csv"
check "exporting a selection of nothing is 400 with a message" body_has "请先勾选"
get admin "/table?term=$term&print=1"
check "the print view has no filter form" body_lacks 'class="filters"'

# ---- exports equal the rows -------------------------------------------------------------
F="term=$term&app=submitted&sort=number&dir=asc"
get admin "/table?$F&page=2"
numbers_on_page >"$T/page2"
n_total=$(total)
before=$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'table.export'")
last=$(sql "SELECT COALESCE(MAX(id), 0) FROM audit_log")
get admin "/table/export?$F&fmt=csv"
check "CSV export starts with a BOM" test "$(head -c 3 "$BODY" | od -An -tx1 | tr -d ' ')" = efbbbf
check "  Chinese headers" body_has '"学号","姓名","学院"'
cp "$BODY" "$T/all.csv"
check "  one line per filtered row" eq "$(($(wc -l <"$T/all.csv") - 1))" "$n_total"
tail -n +2 "$T/all.csv" | cut -d, -f1 | tr -d '"' | sed -n 101,200p >"$T/csv-page2"
check "  rows 101-200 are page 2, in order" cmp -s "$T/csv-page2" "$T/page2"
get admin "/table/export?$F&fmt=xlsx"
check "xlsx export has the xlsx type" header_has "spreadsheetml.sheet"
cp "$BODY" "$T/all.xlsx"
"$ROOT/build/sheet2csv" "$T/all.xlsx" >"$T/xlsx.csv"
check "  parsed back: one row per filtered row" eq "$(($(wc -l <"$T/xlsx.csv") - 1))" "$n_total"
tail -n +2 "$T/xlsx.csv" | cut -d, -f1 | tr -d '"' | sed -n 101,200p >"$T/xlsx-page2"
check "  rows 101-200 are page 2" cmp -s "$T/xlsx-page2" "$T/page2"
check "  the same numbers as the CSV" cmp -s <(tail -n +2 "$T/xlsx.csv" | cut -d, -f1 | tr -d '"') \
	<(tail -n +2 "$T/all.csv" | cut -d, -f1 | tr -d '"')
sheet=$(unzip -p "$T/all.xlsx" xl/worksheets/sheet1.xml)
check "  allowed-return days are real dates (numbers with a date style)" \
	grep -q '<c r="J[0-9]*" s="[0-9]*"><v>[0-9]*</v></c>' <<<"$sheet"
check "two exports audited" eq "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'table.export'")" $((before + 2))
check "  with the row count and filters" test "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'table.export'
	AND id > $last AND detail LIKE 'fmt=xlsx rows=$n_total %app=submitted%' AND actor_id = (SELECT person_id FROM accounts WHERE login = 'admin')")" = 1
get admin "/table?$F&page=2"
args=()
for id in $(grep -o 'name="id" value="[0-9]*"' "$BODY" | sed 's/.*value="//; s/"//' | head -3); do args+=(--data-urlencode "id=$id"); done
req admin GET "/table/export?$F&sel=csv" -G "${args[@]}"
tail -n +2 "$BODY" | cut -d, -f1 | tr -d '"' >"$T/sel"
check "a selection exports exactly the rows ticked" cmp -s "$T/sel" <(head -3 "$T/page2")

# ---- neutralising and masking --------------------------------------------------------------------
victim=$(sql "SELECT p.id $ROWS AND p.id IN (SELECT student_id FROM counselor_assignments WHERE counselor_id = $cid) LIMIT 1")
vnum=$(sql "SELECT number FROM people WHERE id = $victim")
vname=$(sql "SELECT name FROM people WHERE id = $victim")
vid=$(sql "SELECT id_card FROM people WHERE id = $victim")
sql "UPDATE people SET name = '=HYPERLINK(\"http://x\")' WHERE id = $victim"
get admin "/table/export?term=$term&number=$vnum&fmt=csv"
check "a formula-like name is neutralised in CSV" grep -q "\"'=HYPERLINK" "$BODY"
check "the admin's export has the whole ID number" body_has "\"$vid\""
get admin "/table/export?term=$term&number=$vnum&fmt=xlsx"
cp "$BODY" "$T/v.xlsx"
check "and in xlsx" grep -q "'=HYPERLINK" <(unzip -p "$T/v.xlsx" xl/sharedStrings.xml 2>/dev/null; unzip -p "$T/v.xlsx" xl/worksheets/sheet1.xml)
sql "UPDATE people SET name = '$vname' WHERE id = $victim"
login counselor
get counselor "/table/export?term=$term&number=$vnum&fmt=csv"
masked="${vid:0:2}****${vid: -2}"
check "the counselor's export masks the ID number ($masked)" body_has "\"$masked\""
check "  and never has it whole" body_lacks "$vid"
get counselor "/table?term=$term&number=$vnum"
check "the page masks it for everyone" body_has "$masked"

# ---- edit the return window --------------------------------------------------------------------
target=$(sql "SELECT p.id $ROWS AND ra.state = 'approved' AND ag.id IS NULL AND NOT $OPEN
	AND p.id IN (SELECT student_id FROM counselor_assignments WHERE counselor_id = $cid)
	AND EXISTS (SELECT 1 FROM accounts a WHERE a.person_id = p.id) LIMIT 1")
tlogin=$(sql "SELECT login FROM accounts WHERE person_id = $target")
orig=$(sql "SELECT CONCAT(allowed_from, ' ', allowed_until) FROM return_applications WHERE person_id = $target AND term_id = $term")
last=$(sql "SELECT COALESCE(MAX(id), 0) FROM audit_log")
edit() { FORM_PAGE="/table/edit?person=$target&term=$term" post counselor /table/edit \
	--data-urlencode "person=$target" --data-urlencode "term=$term" "$@"; }
get counselor "/table/edit?person=$target&term=$term"
check "the edit form opens for one's own student" status_is 200
edit --data-urlencode "allowed_from=$(d '3 days')" --data-urlencode "allowed_until=$(d '9 days')"
check "an edit without a reason is 400" status_is 400
check "  nothing changed" eq "$(sql "SELECT CONCAT(allowed_from, ' ', allowed_until) FROM return_applications WHERE person_id = $target AND term_id = $term")" "$orig"
edit --data-urlencode "allowed_from=$(d '9 days')" --data-urlencode "allowed_until=$(d '3 days')" --data-urlencode "reason=x改"
check "an inverted window is 400" status_is 400
edit --data-urlencode "allowed_from=$(d '3 days')" --data-urlencode "allowed_until=$(d '9 days')" \
	--data-urlencode "reason=学生申请推迟返校"
check "the edit is saved (303)" status_is 303
check "  stored" eq "$(sql "SELECT CONCAT(allowed_from, ' ', allowed_until) FROM return_applications
	WHERE person_id = $target AND term_id = $term")" "$(d '3 days') $(d '9 days')"
check "  audited with the reason" eq "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'table.edit_window'
	AND id > $last AND subject_person_id = $target AND actor_id = $cid AND detail LIKE '%学生申请推迟返校'")" 1
get counselor "/table?term=$term&number=$(sql "SELECT number FROM people WHERE id = $target")"
check "  the table shows it" body_has "$(d '9 days')"
login "$tlogin"
get "$tlogin" /card
check "the card follows at once: the window opens later (yellow)" body_has 'class="card card-yellow"'
check "  showing the new window" body_has "$(d '3 days') – $(d '9 days')"
foreign=$(sql "SELECT p.id $ROWS AND ra.id IS NOT NULL AND p.college_id <> $college
	AND p.id NOT IN (SELECT student_id FROM counselor_assignments WHERE counselor_id = $cid) LIMIT 1")
login counselor
get counselor "/table/edit?person=$foreign&term=$term"
check "editing outside one's scope is 403" status_is 403
req counselor POST /table/edit --data-urlencode "csrf=$(get counselor /table; csrf)" \
	--data-urlencode "person=$foreign" --data-urlencode "term=$term" --data-urlencode "allowed_from=$today" \
	--data-urlencode "allowed_until=$today" --data-urlencode "reason=forged"
check "a forged POST outside scope is 403" status_is 403
req counselor POST /table/edit --data-urlencode "person=$target" --data-urlencode "term=$term" \
	--data-urlencode "allowed_from=$today" --data-urlencode "allowed_until=$today" --data-urlencode "reason=no token"
check "a POST without the CSRF token is 403" status_is 403
noapp=$(sql "SELECT p.id $ROWS AND ra.id IS NULL AND p.id IN (SELECT student_id FROM counselor_assignments WHERE counselor_id = $cid) LIMIT 1")
get counselor "/table/edit?person=$noapp&term=$term"
check "no application, no window to edit (409, said)" status_is 409
login reviewer
get reviewer "/table/edit?person=$target&term=$term"
check "the college reviewer may not edit (403)" status_is 403
# The window as it was, through the same edit.
login counselor
edit --data-urlencode "allowed_from=${orig% *}" --data-urlencode "allowed_until=${orig#* }" \
	--data-urlencode "reason=恢复原返校时间"
check "the window is put back as it was" eq "$(sql "SELECT CONCAT(allowed_from, ' ', allowed_until)
	FROM return_applications WHERE person_id = $target AND term_id = $term")" "$orig"

# ---- the rows a process keeps follow every change ----------------------------------------------
# Each page process keeps its last load while the tables it came from are
# unchanged (information_schema UPDATE_TIME): a change must show at once.
login admin
flip=$(sql "SELECT p.id $ROWS AND p.boarding = 1 LIMIT 1")
sleep 3   # past the two-second rule: these loads are kept
get admin "/table?term=$term&boarding=0"; n0=$(total)
get admin "/table?term=$term&boarding=0"
check "a kept load gives the same rows" eq "$(total)" "$n0"
sql "UPDATE people SET boarding = 0 WHERE id = $flip"
get admin "/table?term=$term&boarding=0"
check "a change right after is seen at once" eq "$(total)" $((n0 + 1))
sleep 3
get admin "/table?term=$term&boarding=0"; get admin "/table?term=$term&boarding=0"
sql "UPDATE people SET boarding = 1 WHERE id = $flip"
get admin "/table?term=$term&boarding=0"
check "and a change long after a kept load too" eq "$(total)" "$n0"

# An empty list says why (issue 20): filters too narrow, or no roster yet;
# and it is page 1 of 1, not "1 / 0".
login counselor
get counselor "/table?name=%E6%9F%A5%E6%97%A0%E6%AD%A4%E4%BA%BA"
check "no match: the page says the filters are too narrow" eval 'body_has "id=\"table-empty\"" && body_has "请放宽或清除筛选条件"'
check "  page 1 of 1" eq "$(grep -o 'id="pages">[0-9]*' "$BODY" | sed 's/.*>//')" 1
sql "INSERT IGNORE INTO terms (name, starts_on, ends_on) VALUES ('空学期', '2031-02-01', '2031-07-01')"
eterm=$(sql "SELECT id FROM terms WHERE name = '空学期'")
get counselor "/table?term=$eterm"
check "a term without a roster says so, and where rosters come from" body_has "返校名单由学校管理员"
sql "DELETE FROM card_facts WHERE term_id = $eterm; DELETE FROM terms WHERE id = $eterm"
