#!/usr/bin/env bash
# People from the campus systems (issue 14): the template downloads; a
# preview says who is added, who changes (field: old -> new) and who is
# left as is, and changes nothing; the apply writes the whole file (card
# facts and audit rows in the same transaction); the same file again
# changes nothing; a file with bad rows (a GB18030 csv, an xlsx) names
# every one with its line, column and why, in the page's language, and
# applies nothing; a counselor may not import (a college admin: t0065).
. "$(dirname "$0")/lib.sh"

B=$ROOT/build
# upload WHO FILE: the preview of FILE.
upload() {
	get "$1" /people/import
	local tok; tok=$(csrf)
	req "$1" POST /people/import -F "csrf=$tok" -F "file=@$2"
}
# apply WHO: applies the draft the last preview showed.
apply_draft() {
	local tok
	DRAFT=$(grep -o 'name="draft" value="[0-9]*"' "$BODY" | grep -o '[0-9]*')
	tok=$(csrf)
	req "$1" POST /people/apply --data-urlencode "csrf=$tok" --data-urlencode "draft=$DRAFT"
}
count() { grep -o "id=\"n-$1\">[0-9]*" "$BODY" | head -1 | grep -o '[0-9]*$'; }
people() { sql "SELECT COUNT(*) FROM people"; }
# A stored person as a line of the file (college and class by code).
as_line() {
	sql "SELECT CONCAT_WS(',', p.number, p.name,
		ELT(FIELD(p.identity, 'undergrad', 'grad', 'staff'), '本科生', '研究生', '教职工'),
		COALESCE(c.code, ''), COALESCE(k.code, ''), COALESCE(p.phone, ''), IF(p.boarding, '是', '否'),
		ELT(FIELD(p.status, 'active', 'suspended', 'withdrawn', 'graduated', 'enlisted', 'left'),
		 '在读', '休学', '退学', '毕业', '入伍', '离职'), COALESCE(cp.number, ''))
		FROM people p LEFT JOIN org_units c ON c.id = p.college_id LEFT JOIN org_units k ON k.id = p.class_id
		LEFT JOIN counselor_assignments ca ON ca.student_id = p.id LEFT JOIN people cp ON cp.id = ca.counselor_id
		WHERE p.id = $1"
}
HEAD="学号/工号,姓名,身份,学院,班级,手机,住校,状态,辅导员工号"

login admin
get admin /people
check "the people page links to the import" body_has 'href="/people/import"'
get admin /people/import
check "the import page (200)" status_is 200
get admin "/people/template?fmt=xlsx"
cp "$BODY" "$T/template.xlsx"
check "the template downloads as .xlsx" eq "$(head -c 2 "$T/template.xlsx")" "PK"
check "  with the columns" eq "$("$B/sheet2csv" "$T/template.xlsx" | head -1)" \
	'"学号/工号","姓名","身份","学院","班级","手机","住校","状态","辅导员工号"'
get admin "/people/template?fmt=csv"
check "and as .csv" body_has "$HEAD"

# The organisation the rows name: a class, its college, a counselor.
read -r kid kcode kname cid ccode cname < <(sql "SELECT k.id, k.code, k.name, c.id, c.code, c.name
	FROM org_units k JOIN org_units m ON m.id = k.parent_id
	JOIN org_units c ON c.id = IF(m.kind = 'college', m.id, m.parent_id)
	WHERE k.kind = 'class' AND k.retired_at IS NULL AND c.retired_at IS NULL ORDER BY k.id LIMIT 1" | tr '\t' ' ')
# Not the demo counselor, whose figures other tests count.
coun=$(sql "SELECT p.number FROM people p JOIN roles r ON r.person_id = p.id AND r.role = 'counselor'
	JOIN accounts a ON a.person_id = p.id WHERE a.login <> 'counselor' ORDER BY p.id LIMIT 1")
# Two students none of the demo accounts' figures count.
apart="identity = 'undergrad' AND class_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM counselor_assignments ca
	JOIN accounts a ON a.person_id = ca.counselor_id WHERE ca.student_id = people.id AND a.login = 'counselor')"
changed_id=$(sql "SELECT id FROM people WHERE $apart ORDER BY id DESC LIMIT 1")
same_id=$(sql "SELECT id FROM people WHERE $apart ORDER BY id DESC LIMIT 1 OFFSET 1")
changed_line=$(as_line "$changed_id")
IFS=, read -r cn_num cn_name cn_id cn_col cn_cls cn_phone cn_board cn_status cn_coun <<<"$changed_line"
new_board=$([ "$cn_board" = 是 ] && echo 否 || echo 是)
{
	echo "$HEAD"
	echo "T55U0001,导入甲,本科生,$ccode,$kcode,13800000001,是,在读,$coun"     # by codes
	echo "T55G0002,导入乙,研究生,$cname,$kname,,否,,"                        # by names
	echo "T55S0003,导入丙,教职工,$ccode,,13900000003,否,在职,"               # staff
	echo "$cn_num,$cn_name,$cn_id,$cn_col,$cn_cls,13700000099,$new_board,$cn_status,$cn_coun"
	as_line "$same_id"
} >"$T/good.csv"
before=$(people)
login admin
upload admin "$T/good.csv"
check "the preview (200)" status_is 200
check "  3 added" eq "$(count added)" 3
check "  1 changed" eq "$(count changed)" 1
check "  1 unchanged" eq "$(count unchanged)" 1
check "  the added named" body_has "导入乙"
check "  the change as field: old → new" body_has "手机 ${cn_phone:-（无）} → 13700000099"
check "  the boarding change" body_has "住校 $cn_board → $new_board"
check "  nothing written yet" eq "$(people)" "$before"
apply_draft admin
check "the apply (200)" status_is 200
check "  says so" body_has 'id="import-applied"'
check "  three people added" eq "$(people)" "$((before + 3))"
check "  the change written" eq "$(sql "SELECT CONCAT(phone, boarding) FROM people WHERE id = $changed_id")" \
	"13700000099$([ "$new_board" = 是 ] && echo 1 || echo 0)"
check "  the class found by name in its college" eq "$(sql "SELECT class_id FROM people WHERE number = 'T55G0002'")" "$kid"
check "  the counselor assigned" eq "$(sql "SELECT cp.number FROM counselor_assignments ca JOIN people p ON p.id = ca.student_id
	JOIN people cp ON cp.id = ca.counselor_id WHERE p.number = 'T55U0001'")" "$coun"
check "  staff: boarding no, status active" eq "$(sql "SELECT CONCAT(identity, boarding, status) FROM people WHERE number = 'T55S0003'")" "staff0active"
check "  card facts of the new people, one a term" eq \
	"$(sql "SELECT COUNT(*) FROM card_facts f JOIN people p ON p.id = f.person_id WHERE p.number LIKE 'T55%'")" \
	"$((3 * $(sql "SELECT COUNT(*) FROM terms")))"
check "  audited: the file" test "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'people.import'")" = 1
check "  and each person" eq "$(sql "SELECT COUNT(*) FROM audit_log WHERE action IN ('person.create', 'person.update') AND detail LIKE '%(import)'")" 4
check "  the card facts agree with the base tables" eval 'hc_facts check >/dev/null'

upload admin "$T/good.csv"
check "the same file again: 0 added" eq "$(count added)" 0
check "  0 changed" eq "$(count changed)" 0
check "  5 unchanged" eq "$(count unchanged)" 5
check "  nothing to import" body_has 'id="import-nothing"'

# Bad rows, in a GB18030 csv (Excel's "CSV" on a Chinese Windows).
{
	echo "$HEAD"
	echo "T55U0010,好的一行,本科生,$ccode,$kcode,,是,在读,"                  # line 2: good
	echo "T55U0011,班级不明,本科生,$ccode,不存在的班,,是,在读,"              # 3: unknown class (E)
	echo "T55U0012,身份不明,博士后,$ccode,,,是,在读,"                        # 4: identity (C)
	echo "T55U0010,重复,本科生,$ccode,$kcode,,是,在读,"                      # 5: repeats line 2
	echo "T55S0013,教工有辅导员,教职工,$ccode,,,否,在职,$coun"               # 6: staff counselor (I)
	echo "T55U0014,学院不明,本科生,没有这个学院,,,是,在读,"                  # 7: unknown college (D)
	echo "T55U0015,,本科生,$ccode,,,是,在读,"                                # 8: no name (B)
	echo "T55U0016,住校不明,本科生,$ccode,,,也许,在读,"                      # 9: boarding (G)
} | iconv -f UTF-8 -t GB18030 >"$T/bad.csv"
before=$(people)
upload admin "$T/bad.csv"
check "a file with bad rows is refused (400)" status_is 400
check "  7 bad rows counted" eq "$(grep -o 'id="bad-count">[0-9]*' "$BODY" | grep -o '[0-9]*$')" 7
check "  an unknown class, with its line and column" body_has "第 3 行 第 E 列: 班级不存在或已停用（请先在组织架构中建立）： 不存在的班"
check "  a bad identity" body_has "第 4 行 第 C 列: 身份应为本科生、研究生或教职工： 博士后"
check "  a repeated number names the earlier line" body_has "第 5 行 第 A 列: 与文件中前面的行重复，第 2"
check "  staff with a counselor" body_has "第 6 行 第 I 列: 教职工没有辅导员"
check "  an unknown college" body_has "第 7 行 第 D 列: 学院不存在或已停用： 没有这个学院"
check "  no name" body_has "第 8 行 第 B 列: 缺少姓名"
check "  boarding neither yes nor no" body_has "第 9 行 第 G 列: 住校应为“是”或“否”： 也许"
check "  no draft offered" body_lacks 'id="import-apply"'
check "  and not even the good line applied" eq "$(people)" "$before"
get admin "/people/import?lang=en"
upload admin "$T/bad.csv"
check "  in English on an English page" body_has "column E: No such class in use (create it under Organisation first): 不存在的班"
get admin "/people/import?lang=zh-CN"

# An xlsx: a header it does not know, then a good file as .xlsx.
{ echo "学号/工号,姓名,身份,血型"; echo "T55U0020,表格,本科生,A"; } | "$B/csv2xlsx" "$T/odd.xlsx"
upload admin "$T/odd.xlsx"
check "an xlsx with an unknown column is refused (400)" status_is 400
check "  naming the column" body_has "第 1 行 第 D 列: 无法识别的列： 血型"
{ echo "$HEAD"; echo "T55U0021,表格甲,本科生,$ccode,$kcode,,是,在读,"; echo "T55U0001,导入甲改名,本科生,$ccode,$kcode,13800000001,是,休学,$coun"; } |
	"$B/csv2xlsx" "$T/good.xlsx"
upload admin "$T/good.xlsx"
check "an xlsx previews (200)" status_is 200
check "  1 added, 1 changed" eq "$(count added)/$(count changed)" "1/1"
check "  the status change in words" body_has "状态 在读/在职 → 休学"
apply_draft admin
check "  and applies" eq "$(sql "SELECT CONCAT(name, status) FROM people WHERE number = 'T55U0001'")" "导入甲改名suspended"
get admin /people/import
req admin POST /people/apply --data-urlencode "csrf=$(csrf)" --data-urlencode "draft=$DRAFT"
check "a draft applied once is gone (404)" status_is 404

# Who may import: the school admin, a college admin for their college
# (t0065); no one else.
login counselor
get counselor /people/import
check "a counselor: 403" status_is 403
check "the card facts still agree" eval 'hc_facts check >/dev/null'
