#!/usr/bin/env bash
# The return path for an undergraduate and a graduate through every step,
# both reviews with their send-backs, the evidence rules, and the card
# following along; the 14-day rule at its edges.
. "$(dirname "$0")/lib.sh"

d() { TZ=Asia/Shanghai date -d "$1" +%F; }
state_of() { sql "SELECT state FROM return_applications ra JOIN accounts a ON a.person_id = ra.person_id WHERE a.login = '$1'"; }
card_is() { get "$1" /card; grep -q "class=\"card card-$2\"" "$BODY"; }
item_of() { sql "SELECT q.id FROM queue_items q JOIN return_applications ra ON ra.id = q.ref_id
	JOIN accounts a ON a.person_id = ra.person_id WHERE a.login = '$1' AND q.kind = '$2' AND q.state = 'open'"; }
decide() {  # decide WHO ITEM DECISION [extra]
	local who=$1 item=$2 dec=$3
	shift 3
	FORM_PAGE=/review post "$who" /review/decide --data-urlencode "id=$item" --data-urlencode "decision=$dec" "$@"
}
printf '\x89PNG\r\n\x1a\n%s' "$(head -c 2000 /dev/urandom | od -An -tx1 | tr -d ' \n')" >"$T/code.png"
printf '\xff\xd8\xff\xe0%s' "$(head -c 2000 /dev/urandom | od -An -tx1 | tr -d ' \n')" >"$T/test.jpg"
printf '%%PDF-1.4\n%s\n%%%%EOF\n' "$(head -c 2000 /dev/urandom | od -An -tx1 | tr -d ' \n')" >"$T/vacc.pdf"
printf 'MZ this is not a picture' >"$T/fake.png"
upload() {  # upload WHO KIND FILE [NAME]
	get "$1" /return
	local tok; tok=$(csrf)
	req "$1" POST /return/upload -F "csrf=$tok" -F "kind=$2" -F "file=@$3;filename=${4:-$(basename "$3")}"
}
sid=$(sql "SELECT person_id FROM accounts WHERE login = 'student'")
sql "DELETE FROM daily_reports WHERE person_id = $sid AND day = '$(d today)'"
# Earlier tests left gaps in the student's check-ins (make-ups refused):
# the 20 days before today are checked in again, as the student would have.
sql "INSERT IGNORE INTO daily_reports (person_id, day, submitted_at, temperature, city, in_city, on_campus)
	WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < 20)
	SELECT $sid, CURDATE() - INTERVAL n DAY, NOW() - INTERVAL n DAY, 36.5, '石家庄', 0, 0 FROM k"
# A clean slate: earlier tests may have given these two an application.
for who in student grad; do
	app="(SELECT ra.id FROM return_applications ra JOIN accounts a ON a.person_id = ra.person_id WHERE a.login = '$who')"
	sql "DELETE FROM queue_items WHERE kind IN ('first_review', 'second_review') AND ref_id IN $app;
	     DELETE FROM reviews WHERE application_id IN $app; DELETE FROM travel_legs WHERE application_id IN $app;
	     DELETE FROM uploads WHERE application_id IN $app;
	     DELETE ra FROM return_applications ra JOIN accounts a ON a.person_id = ra.person_id WHERE a.login = '$who'"
done

login student
card_is student grey
check "before applying the card is grey (to apply)" body_has "请阅读返校须知并完成答题"
get student /return
check "the return page starts with the notice and its questions" body_has "返校须知"
FORM_PAGE=/return post student /return/apply --data-urlencode "reason=复课" --data-urlencode "itinerary=x"
check "applying before the quiz is refused (403)" status_is 403
check "with the reason" body_has "请先阅读返校须知并完成答题"
FORM_PAGE=/return post student /return/quiz --data-urlencode "q0=0" --data-urlencode "q1=0" --data-urlencode "q2=0"
check "a wrong answer is 400" status_is 400
check "marked" body_has "回答错误"
FORM_PAGE=/return post student /return/quiz --data-urlencode "q0=1" --data-urlencode "q1=0" --data-urlencode "q2=0"
check "right answers pass the quiz" status_is 303
FORM_PAGE=/return post student /return/apply --data-urlencode "reason=复课" --data-urlencode "itinerary=x"
check "applying before the commitment is refused" body_has "请先签署返校承诺书"
FORM_PAGE=/return post student /return/pledge
check "the commitment needs the explicit tick (400)" status_is 400
FORM_PAGE=/return post student /return/pledge --data-urlencode "accept=1"
check "the commitment is accepted" status_is 303
FORM_PAGE=/return post student /return/legs --data-urlencode "mode_1=train" --data-urlencode "day_1=$(d tomorrow)" \
	--data-urlencode "from_1=石家庄" --data-urlencode "to_1=北京"
check "travel before the first review is refused" status_is 403
check "saying why" body_has "初审通过后才能填写行程"
apply() {
	local who=$1 kv defaults=()
	shift
	# A field given in "$@" replaces its default: a parameter given twice
	# is refused (lib/web/input.h).
	for kv in "reason=按学校安排返校复课" "itinerary=石家庄-北京，高铁" "confirm_no_symptoms=1" \
		"confirm_no_risk=1" "confirm_no_contact=1"; do
		case " $* " in *" ${kv%%=*}="*) ;; *) defaults+=(--data-urlencode "$kv") ;; esac
	done
	FORM_PAGE=/return post "$who" /return/apply "${defaults[@]}" "$@"
}
apply student
check "an application without all four confirmations is 400" status_is 400
check "keeping what was typed" body_has "按学校安排返校复课"
apply student --data-urlencode "confirm_code_green=1"
check "the application is submitted" status_is 303
check "in first review" eq "$(state_of student)" first_review
apply student --data-urlencode "confirm_code_green=1"
check "a second submission changes nothing (refused)" status_is 403
check "one application" eq "$(sql "SELECT COUNT(*) FROM return_applications WHERE person_id = $sid")" 1
check "the card is yellow: first review" card_is student yellow
check "saying so" body_has "等待辅导员初审"

login counselor
item=$(item_of student first_review)
# 待办 (issue 16): the first review is a notice to the counselor.
check "the counselor is told of the first review (a notice, on the home page)" eq \
	"$(sql "SELECT COUNT(*) FROM notices n JOIN accounts a ON a.person_id = n.person_id
		WHERE n.item_id = $item AND n.kind = 'first_review' AND a.login = 'counselor'")" 1
get counselor /
check "  linking to the item" body_has "href=\"/review/item?id=$item\""
decide counselor "$item" send_back
check "a send-back needs a reason" body_has 'class="outcome-needs_reason"'
decide counselor "$item" send_back --data-urlencode "reason=请写明具体车次"
check "the first review sends it back" body_has 'class="outcome-done"'
login student
check "the card turns orange with the reason" card_is student orange
check "the reason is shown" body_has "请写明具体车次"
apply student --data-urlencode "confirm_code_green=1" --data-urlencode "itinerary=G6734 石家庄-北京西"
check "the student revises and resubmits" eq "$(state_of student)" first_review
login counselor
item=$(item_of student first_review)
decide counselor "$item" approve --data-urlencode "allowed_from=$(d '3 days')" --data-urlencode "allowed_until=$(d tomorrow)"
check "an inverted window is refused" body_has 'class="outcome-bad_window"'
decide counselor "$item" approve --data-urlencode "allowed_from=$(d '5 days ago')" --data-urlencode "allowed_until=$(d yesterday)"
check "so is a window already over" body_has 'class="outcome-bad_window"'
check "  and nothing changed" eq "$(state_of student)" first_review
decide counselor "$item" approve --data-urlencode "allowed_from=$(d yesterday)" --data-urlencode "allowed_until=$(d '7 days')"
check "the first review passes with a window" eq "$(state_of student)" evidence
check "the window is stored" eq "$(sql "SELECT allowed_until FROM return_applications WHERE person_id = $sid")" "$(d '7 days')"

login student
check "the card asks for evidence (yellow)" card_is student yellow
check "listing what is missing" body_has "核酸检测结果"
upload student health_code "$T/fake.png"
check "a non-image with an image name is refused (400)" status_is 400
check "in words" body_has "文件内容不是"
upload student health_code "$T/code.png" "../../etc/code.png"
check "a path in the file name is refused" body_has "文件名不合法"
head -c 11000000 /dev/zero >"$T/big.png"
upload student health_code "$T/big.png"
check "an oversized file is refused (413)" status_is 413
check "nothing stored by the refused uploads" eq "$(sql "SELECT COUNT(*) FROM uploads u JOIN return_applications ra ON ra.id = u.application_id WHERE ra.person_id = $sid")" 0
FORM_PAGE=/return post student /return/submit
check "submitting without legs and evidence is refused" body_has "请至少填写一段返程乘车信息"
FORM_PAGE=/return post student /return/legs --data-urlencode "mode_1=train" --data-urlencode "number_1=G6734" \
	--data-urlencode "day_1=not-a-date" --data-urlencode "from_1=石家庄" --data-urlencode "to_1=北京西"
check "a bad leg date re-renders (400)" status_is 400
check "keeping the legs typed" body_has 'value="G6734"'
FORM_PAGE=/return post student /return/legs --data-urlencode "mode_1=train" --data-urlencode "number_1=G6734" \
	--data-urlencode "day_1=$(d today)" --data-urlencode "from_1=石家庄" --data-urlencode "to_1=北京西" \
	--data-urlencode "mode_2=bus" --data-urlencode "day_2=$(d today)" --data-urlencode "from_2=北京西" \
	--data-urlencode "to_2=学校" --data-urlencode "needs_pickup=1"
check "two legs saved" eq "$(sql "SELECT COUNT(*) FROM travel_legs tl JOIN return_applications ra ON ra.id = tl.application_id WHERE ra.person_id = $sid")" 2
upload student health_code "$T/code.png"
check "a PNG health code is stored" status_is 303
upload student nucleic_acid "$T/test.jpg"
FORM_PAGE=/return post student /return/submit
check "submitting with evidence missing is refused" body_has "证明材料不全"
upload student vaccination "$T/vacc.pdf"
upload student advisor_consent "$T/vacc.pdf"
check "an undergraduate cannot add an advisor's consent" status_is 403
FORM_PAGE=/return post student /return/submit
check "the evidence goes to the second review" eq "$(state_of student)" second_review
check "the card says second review (yellow)" card_is student yellow
uid=$(sql "SELECT u.id FROM uploads u JOIN return_applications ra ON ra.id = u.application_id WHERE ra.person_id = $sid AND u.kind = 'health_code'")
get student "/return/file?id=$uid"
check "the student sees their own file" header_has "Content-Type: image/png"
login grad
get grad "/return/file?id=$uid"
check "another student may not (403)" status_is 403

login reviewer
item=$(item_of student second_review)
check "the college's reviewer is told of the second review, the counselor not" eq \
	"$(sql "SELECT GROUP_CONCAT(a.login) FROM notices n JOIN accounts a ON a.person_id = n.person_id
		WHERE n.item_id = $item AND n.kind = 'second_review'")" reviewer
get reviewer /
check "  on the reviewer's home page, with the count linking to the filter" eval \
	'body_has "href=\"/review/item?id=$item\"" && body_has "href=\"/review?kind=second_review\""'
get reviewer "/review/item?id=$item"
check "the college reviewer sees the evidence beside the application" body_has "/return/file?id=$uid"
check "with the upload time" body_has "$(d today)"
get reviewer "/return/file?id=$uid"
check "and may open the file" status_is 200
decide reviewer "$item" send_back --data-urlencode "reason=核酸报告不清晰"
check "the second review sends it back" eq "$(state_of student)" sent_back
login student
check "orange with the reason" card_is student orange
upload student nucleic_acid "$T/test.jpg"
check "after a second-review send-back the evidence can be replaced" status_is 303
FORM_PAGE=/return post student /return/submit
check "and resubmitted" eq "$(state_of student)" second_review
login reviewer
item=$(item_of student second_review)
decide reviewer "$item" approve
check "the second review approves" eq "$(state_of student)" approved
decide reviewer "$item" send_back --data-urlencode "reason=too late"
check "after the second approval there is no send-back" status_is 409
check "  naming who approved it" body_has "$(sql "SELECT p.name FROM people p JOIN accounts a ON a.person_id = p.id WHERE a.login = 'reviewer'")"
check "the application stays approved" eq "$(state_of student)" approved
login student
check "approved, 14 days reported, inside the window: green" card_is student green
check "may return" body_has "可以返校"

# The 14-day rule: the 14 days before today count, today does not.
sql "UPDATE daily_reports SET day = day WHERE 0"
saved=$(sql "SELECT id FROM daily_reports WHERE person_id = $sid AND day = '$(d '15 days ago')'")
sql "DELETE FROM daily_reports WHERE person_id = $sid AND day = '$(d '15 days ago')'"
check "a gap 15 days back does not matter" card_is student green
sql "UPDATE daily_reports SET day = '$(d '15 days ago')' WHERE person_id = $sid AND day = '$(d '14 days ago')'"
check "a gap 14 days back does (yellow: waiting for check-ins)" card_is student yellow
check "naming the missing day" body_has "$(d '14 days ago')"
sql "UPDATE daily_reports SET day = '$(d '14 days ago')' WHERE person_id = $sid AND day = '$(d '15 days ago')'"
sql "UPDATE daily_reports SET day = '$(d '15 days ago')' WHERE person_id = $sid AND day = '$(d yesterday)'"
check "a gap yesterday does too" card_is student yellow
sql "UPDATE daily_reports SET day = '$(d yesterday)' WHERE person_id = $sid AND day = '$(d '15 days ago')'"
check "all 14 back: green again" card_is student green

# The graduate: the advisor's consent is required; a reused picture is flagged.
gid=$(sql "SELECT person_id FROM accounts WHERE login = 'grad'")
login grad
FORM_PAGE=/return post grad /return/quiz --data-urlencode "q0=1" --data-urlencode "q1=0" --data-urlencode "q2=0"
FORM_PAGE=/return post grad /return/pledge --data-urlencode "accept=1"
apply grad --data-urlencode "confirm_code_green=1"
login counselor
decide counselor "$(item_of grad first_review)" approve --data-urlencode "allowed_from=$(d '2 days')" \
	--data-urlencode "allowed_until=$(d '9 days')"
login grad
FORM_PAGE=/return post grad /return/legs --data-urlencode "mode_1=flight" --data-urlencode "number_1=CA1234" \
	--data-urlencode "day_1=$(d '2 days')" --data-urlencode "from_1=成都" --data-urlencode "to_1=北京"
upload grad health_code "$T/code.png"
upload grad nucleic_acid "$T/test.jpg"
upload grad vaccination "$T/vacc.pdf"
FORM_PAGE=/return post grad /return/submit
check "a graduate without the advisor's consent is refused" body_has "证明材料不全"
printf '%%PDF-1.5\nconsent %s\n' "$RANDOM$RANDOM" >"$T/consent.pdf"
upload grad advisor_consent "$T/consent.pdf"
FORM_PAGE=/return post grad /return/submit
check "with it, the graduate reaches the second review" eq "$(state_of grad)" second_review
check "the reused health code is flagged as another student's" eq \
	"$(sql "SELECT dup_reason FROM uploads u JOIN return_applications ra ON ra.id = u.application_id WHERE ra.person_id = $gid AND u.kind = 'health_code'")" other_student
login reviewer
item=$(item_of grad second_review)
get reviewer "/review/item?id=$item"
check "the reviewer sees the warning" body_has "与其他学生上传的文件相同"
decide reviewer "$item" approve
login grad
check "approved with the window still ahead: yellow" card_is grad yellow
check "saying when it opens" body_has "$(d '2 days') 起可以返校"

# Rejected outright at the second review (a demo student already there).
rej=$(sql "SELECT a.login FROM queue_items q JOIN return_applications ra ON ra.id = q.ref_id
	JOIN accounts a ON a.person_id = ra.person_id JOIN people p ON p.id = ra.person_id
	JOIN roles ro ON ro.role = 'reviewer' AND ro.org_id = p.college_id
	JOIN accounts ra2 ON ra2.person_id = ro.person_id AND ra2.login = 'reviewer'
	WHERE q.kind = 'second_review' AND q.state = 'open' AND ra.state = 'second_review'
	AND NOT EXISTS (SELECT 1 FROM daily_reports d WHERE d.person_id = ra.person_id AND d.anomaly_state = 'open')
	LIMIT 1")
if [ -n "$rej" ]; then
	login reviewer
	decide reviewer "$(item_of "$rej" second_review)" reject --data-urlencode "reason=材料造假"
	login "$rej"
	check "a rejected application turns the card orange" card_is "$rej" orange
	check "with the reason" body_has "材料造假"
fi

# Not on the roster: the blank card.
off=$(sql "SELECT a.login FROM accounts a JOIN people p ON p.id = a.person_id
	WHERE p.identity <> 'staff' AND NOT EXISTS (SELECT 1 FROM roster_entries re WHERE re.person_id = p.id)
	AND NOT EXISTS (SELECT 1 FROM daily_reports d WHERE d.person_id = p.id AND d.anomaly_state = 'open') LIMIT 1")
login "$off"
check "a student not on the roster sees a grey card" card_is "$off" grey
check "saying so" body_has "未在返校名单中"
get "$off" /return
check "and the return page says so too" body_has "本学期返校名单中没有您"
FORM_PAGE=/return post "$off" /return/quiz --data-urlencode "q0=1" --data-urlencode "q1=0" --data-urlencode "q2=0"
check "nor can they start an application" status_is 403

# Batch first approval: one window for every application selected.
cid=$(sql "SELECT person_id FROM accounts WHERE login = 'counselor'")
mapfile -t firsts < <(sql "SELECT q.id FROM queue_items q JOIN counselor_assignments ca ON ca.student_id = q.person_id
	JOIN return_applications ra ON ra.id = q.ref_id AND ra.state = 'first_review'
	WHERE q.kind = 'first_review' AND q.state = 'open' AND ca.counselor_id = $cid LIMIT 3")
if [ "${#firsts[@]}" -ge 2 ]; then
	login counselor
	args=()
	for i in "${firsts[@]}"; do args+=(--data-urlencode "id=$i"); done
	FORM_PAGE="/review?kind=first_review" post counselor /review/decide --data-urlencode "decision=approve" \
		--data-urlencode "allowed_from=$(d tomorrow)" --data-urlencode "allowed_until=$(d '10 days')" "${args[@]}"
	check "a batch of first reviews is approved at once" eq "$(grep -c 'class="outcome-done"' "$BODY")" "${#firsts[@]}"
	ids=$(IFS=,; echo "${firsts[*]}")
	check "  all with the one window" eq "$(sql "SELECT COUNT(DISTINCT CONCAT(ra.allowed_from, ra.allowed_until))
		FROM return_applications ra JOIN queue_items q ON q.ref_id = ra.id WHERE q.id IN ($ids)")" 1
	check "  now waiting for evidence" eq "$(sql "SELECT COUNT(*) FROM return_applications ra JOIN queue_items q
		ON q.ref_id = ra.id WHERE q.id IN ($ids) AND ra.state = 'evidence' AND ra.allowed_until = '$(d '10 days')'")" "${#firsts[@]}"
fi
