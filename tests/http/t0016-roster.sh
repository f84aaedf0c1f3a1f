#!/usr/bin/env bash
# Roster spreadsheets: the three templates round-trip (download, fill,
# upload), bad rows are named and nothing applies, a counselor change
# moves the student's pending items.
. "$(dirname "$0")/lib.sh"

B=$ROOT/build
upload_roster() {  # upload_roster KIND FILE
	get admin /roster
	local tok; tok=$(csrf)
	req admin POST /roster/import -F "csrf=$tok" -F "kind=$1" -F "file=@$2"
}
roster_count() { sql "SELECT COUNT(*) FROM roster_entries"; }
login admin
for k in add delete modify; do
	get admin "/roster/template?kind=$k"
	cp "$BODY" "$T/template-$k.xlsx"
	check "the $k template downloads as .xlsx" header_has "spreadsheetml.sheet"
	check "  and is a zip (xlsx) file" eq "$(head -c 2 "$T/template-$k.xlsx")" "PK"
done
"$B/sheet2csv" "$T/template-add.xlsx" >"$T/add-header.csv"
check "the add template has Chinese headers" eq "$(head -1 "$T/add-header.csv")" '"学号","姓名","批次"'

# Three students not on the roster, filled into the downloaded template.
mapfile -t off < <(sql "SELECT CONCAT(p.number, ',', p.name) FROM people p WHERE p.identity <> 'staff'
	AND NOT EXISTS (SELECT 1 FROM roster_entries re WHERE re.person_id = p.id) ORDER BY p.id LIMIT 3")
batch=$(sql "SELECT name FROM return_batches ORDER BY return_from LIMIT 1")
{ echo "学号,姓名,批次"; for o in "${off[@]}"; do echo "$o,$batch"; done; } | "$B/csv2xlsx" "$T/add.xlsx"
before=$(roster_count)
first=${off[0]%%,*}
login "$first"
get "$first" /card
check "before: the student is not on the roster (grey)" body_has "未在返校名单中"
login admin
upload_roster add "$T/add.xlsx"
check "the filled template imports" status_is 200
check "  saying so" body_has 'id="import-applied"'
check "  three rows added" eq "$(roster_count)" "$((before + 3))"
check "  and audited" test "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'roster.import'")" -ge 1
login "$first"
get "$first" /card
check "after: the student may apply" body_has "请阅读返校须知并完成答题"

# Bad rows: each is named with its row, and nothing of the file applies.
rostered=$(sql "SELECT CONCAT(p.number, ',', p.name) FROM people p JOIN roster_entries re ON re.person_id = p.id LIMIT 1")
mapfile -t new < <(sql "SELECT CONCAT(p.number, ',', p.name) FROM people p WHERE p.identity <> 'staff'
	AND NOT EXISTS (SELECT 1 FROM roster_entries re WHERE re.person_id = p.id) ORDER BY p.id LIMIT 3")
{
	printf '\xef\xbb\xbf学号,姓名,批次\n'              # row 1, with a BOM
	printf '%s,%s\n' "${new[0]}" "$batch"              # row 2: good
	printf '99999999,查无此人,%s\n' "$batch"            # row 3: unknown number
	printf '%s,%s\n' "${new[0]}" "$batch"              # row 4: repeats row 2
	printf '%s,%s\n' "$rostered" "$batch"              # row 5: already listed
	printf '%s,第九批\n' "${new[1]}"                    # row 6: unknown batch
	printf '%s,张冒名,%s\n' "${new[2]%%,*}" "$batch"   # row 7: wrong name
} >"$T/bad.csv"
before=$(roster_count)
login admin
upload_roster add "$T/bad.csv"
check "a file with bad rows is refused (400)" status_is 400
check "  the unknown number is named with its row" body_has "第 3 行: 学号不存在 99999999"
check "  the duplicate names the earlier row" body_has "第 4 行: 与文件中前面的行重复，第 2"
check "  a student already listed" body_has "已在返校名单中"
check "  an unknown batch" body_has "第 6 行: 批次不存在 第九批"
check "  a name that does not match" body_has "第 7 行: 姓名与学号不符 张冒名"
check "  and the good row was not applied either" eq "$(roster_count)" "$before"
upload_roster delete "$T/add.xlsx"
check "the wrong template is refused" body_has "表头与模板不符"
printf '\x89PNG\r\n\x1a\nnot a sheet' >"$T/pic.xlsx"
upload_roster add "$T/pic.xlsx"
check "a file that is no spreadsheet is refused (400)" status_is 400
check "  saying it cannot be read" body_has "无法读取该文件"
check "  and why, in the page's language" body_has "这是图片，不是名单"
check "  with no internal English" body_lacks "BadRequest"
get admin "/roster?lang=en"
upload_roster add "$T/pic.xlsx"
check "  and in English on an English page" body_has "This is an image, not a roster"
get admin "/roster?lang=zh-CN"

head -c 11000000 /dev/zero >"$T/huge.csv"
upload_roster add "$T/huge.csv"
check "an oversized file is refused (413)" status_is 413

# Delete, through the delete template.
{ echo "学号,姓名"; echo "${off[2]}"; } | "$B/csv2xlsx" "$T/del.xlsx"
upload_roster delete "$T/del.xlsx"
check "the delete template removes the row" eq "$(roster_count)" "$((before - 1))"

# Modify: a new counselor; the student's pending make-up follows.
cid=$(sql "SELECT person_id FROM accounts WHERE login = 'counselor'")
st=$(sql "SELECT ca.student_id FROM counselor_assignments ca JOIN roster_entries re ON re.person_id = ca.student_id
	WHERE ca.counselor_id = $cid ORDER BY ca.student_id DESC LIMIT 1")
stnum=$(sql "SELECT CONCAT(number, ',', name) FROM people WHERE id = $st")
other=$(sql "SELECT p.number FROM people p JOIN roles r ON r.person_id = p.id AND r.role = 'counselor'
	WHERE p.id <> $cid LIMIT 1")
other_login=$(sql "SELECT a.login FROM accounts a JOIN people p ON p.id = a.person_id WHERE p.number = '$other'")
now=$(TZ=Asia/Shanghai date '+%F %T')
sql "INSERT INTO makeup_requests (person_id, day, reason, created_at) VALUES ($st, CURDATE() - INTERVAL 33 DAY, 'follow me', '$now');
     INSERT INTO queue_items (kind, ref_id, person_id, created_at) SELECT 'makeup', id, person_id, created_at
	FROM makeup_requests WHERE reason = 'follow me'"
item=$(sql "SELECT q.id FROM queue_items q JOIN makeup_requests m ON m.id = q.ref_id WHERE m.reason = 'follow me'")
{ echo "学号,姓名,批次,辅导员工号"; echo "$stnum,,$other"; } | "$B/csv2xlsx" "$T/mod.xlsx"
login admin
upload_roster modify "$T/mod.xlsx"
check "the modify template changes the counselor" eq "$(sql "SELECT counselor_id FROM counselor_assignments WHERE student_id = $st")" \
	"$(sql "SELECT id FROM people WHERE number = '$other'")"
check "  audited with the old counselor" test "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'counselor.reassign' AND subject_person_id = $st AND detail LIKE '$cid -> %'")" = 1
login counselor
get counselor "/review?kind=makeup"
check "  the old counselor loses the pending item" body_lacks "value=\"$item\""
login "$other_login"
get "$other_login" "/review?kind=makeup"
check "  the new counselor has it" body_has "value=\"$item\""
login counselor
get counselor /roster
check "only the school admin manages the roster (403)" status_is 403

# Terms: added by the admin; bad dates and a taken name are refused.
login admin
FORM_PAGE=/roster post admin /roster/term --data-urlencode "term_name=2027春季学期" \
	--data-urlencode "starts_on=2027-03-01" --data-urlencode "ends_on=2027-02-01"
check "a term that ends before it starts is refused (400)" status_is 400
check "  keeping the name typed" body_has 'value="2027春季学期"'
FORM_PAGE=/roster post admin /roster/term --data-urlencode "term_name=2027春季学期" \
	--data-urlencode "starts_on=2027-03-01" --data-urlencode "ends_on=2027-07-10"
check "a term is added" status_is 303
check "  stored" eq "$(sql "SELECT ends_on FROM terms WHERE name = '2027春季学期'")" "2027-07-10"
FORM_PAGE=/roster post admin /roster/term --data-urlencode "term_name=2027春季学期" \
	--data-urlencode "starts_on=2027-03-01" --data-urlencode "ends_on=2027-07-10"
check "the same name twice is refused" body_has "该学期名称已存在"

# Excel's "CSV (逗号分隔)" on a Chinese Windows is GBK (issue 20, defect 9):
# read as such; a broken quote is named with its row and column.
mapfile -t gb < <(sql "SELECT CONCAT(p.number, ',', p.name) FROM people p WHERE p.identity <> 'staff'
	AND NOT EXISTS (SELECT 1 FROM roster_entries re WHERE re.person_id = p.id) ORDER BY p.id DESC LIMIT 2")
{ echo "学号,姓名,批次"; for o in "${gb[@]}"; do echo "$o,$batch"; done; } |
	iconv -f UTF-8 -t GB18030 >"$T/gbk.csv"
check "  (the test file is not UTF-8)" eval '! iconv -f UTF-8 -t UTF-8 "$T/gbk.csv" >/dev/null 2>&1'
before_gb=$(roster_count)
upload_roster add "$T/gbk.csv"
check "a GBK .csv imports" eval 'status_is 200 && body_has "id=\"import-applied\""'
check "  both rows, names read right" eq "$(roster_count)" "$((before_gb + 2))"
check "  the name matched in UTF-8" eq "$(sql "SELECT COUNT(*) FROM roster_entries re JOIN people p ON p.id = re.person_id
	WHERE p.number = '${gb[0]%%,*}'")" 1
printf '学号,姓名,批次\n1,"未闭合,%s\n' "$batch" | iconv -f UTF-8 -t GB18030 >"$T/quote.csv"
upload_roster add "$T/quote.csv"
check "a broken quote is refused (400)" status_is 400
check "  naming its row and column" body_has "第 2 行 第 B 列: 引号没有闭合。"
