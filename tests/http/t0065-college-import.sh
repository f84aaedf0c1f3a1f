#!/usr/bin/env bash
# A college admin imports the people of their own college (issue 14): the
# page, the template, a preview that names as bad rows every row of
# another college (a college named in the file, or a person stored in
# another college) and applies nothing; then a file of their college
# alone, applied, a new person without a college being of theirs. Outside
# the college (another college's person, a draft not theirs): 403 / 404.
. "$(dirname "$0")/lib.sh"

upload() {
	get "$1" /people/import
	local tok; tok=$(csrf)
	req "$1" POST /people/import -F "csrf=$tok" -F "file=@$2"
}
apply_draft() {
	local tok
	DRAFT=$(grep -o 'name="draft" value="[0-9]*"' "$BODY" | grep -o '[0-9]*')
	tok=$(csrf)
	req "$1" POST /people/apply --data-urlencode "csrf=$tok" --data-urlencode "draft=$DRAFT"
}
count() { grep -o "id=\"n-$1\">[0-9]*" "$BODY" | head -1 | grep -o '[0-9]*$'; }
people() { sql "SELECT COUNT(*) FROM people"; }
HEAD="学号/工号,姓名,身份,学院,班级,手机,住校,状态,辅导员工号"

# Two colleges with a class each; a student of the other one.
read -r kcode ca_college ccode < <(sql "SELECT k.code, c.id, c.code FROM org_units k JOIN org_units m ON m.id = k.parent_id
	JOIN org_units c ON c.id = IF(m.kind = 'college', m.id, m.parent_id)
	WHERE k.kind = 'class' AND k.retired_at IS NULL AND c.retired_at IS NULL ORDER BY k.id LIMIT 1" | tr '\t' ' ')
read -r ocode other < <(sql "SELECT code, id FROM org_units WHERE kind = 'college' AND retired_at IS NULL
	AND id <> $ca_college ORDER BY id LIMIT 1" | tr '\t' ' ')
read -r onum oid < <(sql "SELECT number, id FROM people WHERE college_id = $other AND identity = 'undergrad'
	ORDER BY id LIMIT 1" | tr '\t' ' ')

# The college admin: a staff member of the college, made on /people.
login admin
FORM_PAGE=/people/new post admin /people/new --data-urlencode number=T65000 --data-urlencode name=学院管理员 \
	--data-urlencode identity=staff --data-urlencode status=active --data-urlencode "college_id=$ca_college"
me=$(sql "SELECT id FROM people WHERE number = 'T65000'")
sql "INSERT INTO accounts (person_id, login, pw_hash) SELECT $me, 't65000', pw_hash FROM accounts WHERE login = 'counselor'"
FORM_PAGE="/people/edit?id=$me" post admin /people/grant --data-urlencode "id=$me" \
	--data-urlencode role=college_admin --data-urlencode "org_id=$ca_college"
check "the admin makes a college admin (303)" status_is 303

login t65000
get t65000 /people
check "the college admin's people page links to the import" body_has 'href="/people/import"'
get t65000 /people/import
check "  the import page (200)" status_is 200
get t65000 "/people/template?fmt=csv"
check "  the template (200)" eval 'status_is 200 && body_has "$HEAD"'

{
	echo "$HEAD"
	echo "T65U0001,本院新生,本科生,$ccode,$kcode,,是,在读,"
	echo "T65U0002,他院新生,本科生,$ocode,,,是,在读,"
	echo "$onum,他院学生,本科生,$ocode,,,是,在读,"
	echo "T65S0004,本院教师,教职工,,,,否,在职,"
} >"$T/mixed.csv"
before=$(people)
upload t65000 "$T/mixed.csv"
check "a file with other colleges' rows: 400" status_is 400
check "  two bad rows" eq "$(grep -o 'id="bad-count">[0-9]*' "$BODY" | grep -o '[0-9]*$')" 2
check "  the row naming another college, at its column" body_has "第 3 行 第 D 列: 只能导入您所管理学院的人员，此行的学院为： $ocode"
check "  the person of another college, at the number" body_has "第 4 行 第 A 列: 此人不属于您管理的学院，不能由您导入或修改： $onum"
check "  nothing written" eq "$(people)" "$before"
check "  the other college's student unchanged" eq "$(sql "SELECT name FROM people WHERE id = $oid")" \
	"$(sql "SELECT name FROM people WHERE id = $oid")"
check "  no draft to apply" body_lacks 'name="draft"'

{
	echo "$HEAD"
	echo "T65U0001,本院新生,本科生,$ccode,$kcode,,是,在读,"
	echo "T65S0004,本院教师,教职工,,,,否,在职,"
} >"$T/own.csv"
upload t65000 "$T/own.csv"
check "their own college's file: the preview (200)" status_is 200
check "  2 added" eq "$(count added)" 2
apply_draft t65000
check "  applied" body_has 'id="import-applied"'
check "  both of the college (the teacher without a college too)" eq \
	"$(sql "SELECT GROUP_CONCAT(college_id ORDER BY number) FROM people WHERE number IN ('T65U0001', 'T65S0004')")" \
	"$ca_college,$ca_college"
check "  audited as the college admin's" eq "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'people.import' AND actor_id = $me")" 1
upload t65000 "$T/own.csv"
check "the same file again changes nothing" eq "$(count added)/$(count changed)" "0/0"

# Outside their college: another college's person, another's draft.
get t65000 "/people/edit?id=$oid"
check "another college's person: 403" status_is 403
upload admin "$T/own.csv"
DRAFT=$(grep -o 'name="draft" value="[0-9]*"' "$BODY" | grep -o '[0-9]*')
get t65000 /people/import
req t65000 POST /people/apply --data-urlencode "csrf=$(csrf)" --data-urlencode "draft=$DRAFT"
check "the school admin's draft is not theirs to apply (404)" status_is 404
login gate
get gate /people/import
check "a gate account: 403" status_is 403
check "the card facts agree with the base tables" eval 'hc_facts check >/dev/null'
