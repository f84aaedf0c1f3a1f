#!/usr/bin/env bash
# Issue 20, defect 3: every figure of the dashboard and the list behind it
# come from one definition: for each role's scope, today and yesterday,
# each figure equals the rows of its list (the CSV export pages through
# all of it). 待核实异常 is every open anomaly in scope whatever its day: the
# figure, its list, the anomalies to verify and the by-class column agree
# (it said 0 with two anomalies listed under it).
. "$(dirname "$0")/lib.sh"

d() { TZ=Asia/Shanghai date -d "$1" +%F; }
today=$(d today)
yday=$(d yesterday)
fig() { grep -o "id=\"fig-$1\">[0-9]*<" "$BODY" | sed 's/.*>\([0-9]*\)</\1/'; }
figures() { grep -o 'id="fig-[a-z_0-9]*"' "$BODY" | sed 's/id="fig-//; s/"//'; }
# The rows of the list behind figure $2 on day $1: the export's lines less its header.
list_rows() { get "$W" "/dashboard/export?day=$1&f=$2"; echo $(($(wc -l <"$BODY") - 1)); }

cid=$(sql "SELECT person_id FROM accounts WHERE login = 'counselor'")
college=$(sql "SELECT org_id FROM roles r JOIN accounts a ON a.person_id = r.person_id
	WHERE a.login = 'reviewer' AND r.role = 'reviewer'")
for W in counselor reviewer admin; do
	case $W in
	counselor) scope="p.id IN (SELECT student_id FROM counselor_assignments WHERE counselor_id = $cid)" ;;
	reviewer) scope="p.college_id = $college" ;;
	admin) scope="1" ;;
	esac
	login "$W"
	open=$(sql "SELECT COUNT(*) FROM people p JOIN daily_reports d ON d.person_id = p.id
		WHERE d.anomaly_state = 'open' AND $scope")
	for day in "$today" "$yday"; do
		get "$W" "/dashboard?day=$day"
		names=$(figures)
		check "$W $day: the dashboard shows its figures" test "$(printf '%s\n' "$names" | grep -c .)" -ge 20
		declare -A want=()
		for f in $names; do want[$f]=$(fig "$f"); done
		check "$W $day: 待核实异常 counts every open anomaly in scope ($open)" eq "${want[anomaly]}" "$open"
		if [ "$open" -le 200 ]; then
			check "$W $day:   as many as the anomalies listed to verify" \
				eq "$(grep -c 'name="decision" value="clear"' "$BODY")" "$open"
		fi
		check "$W $day:   and the by-class column adds up to it" \
			eq "$(sed -n '/按班级/,$p' "$BODY" | grep -o '<tr><td>[^<]*</td><td>[0-9]*</td><td>[0-9]*</td><td>[0-9]*</td><td>[0-9]*</td></tr>' |
				sed 's/.*<td>\([0-9]*\)<\/td><\/tr>/\1/' | awk '{ s += $1 } END { print s + 0 }')" "$open"
		bad=""
		for f in $names; do
			got=$(list_rows "$day" "$f")
			[ "$got" = "${want[$f]}" ] || bad="$bad $f: figure ${want[$f]}, list $got;"
		done
		check "$W $day: every figure equals the rows of its list${bad:+ (}$bad${bad:+)}" test -z "$bad"
		unset want
	done
done

# The list behind 待核实异常 names the day of each anomaly, oldest first.
login counselor
W=counselor
get counselor "/dashboard?f=anomaly"
first=$(sql "SELECT d.day FROM people p JOIN daily_reports d ON d.person_id = p.id
	WHERE d.anomaly_state = 'open' AND p.id IN (SELECT student_id FROM counselor_assignments
	WHERE counselor_id = $cid) ORDER BY d.submitted_at, d.id LIMIT 1")
if [ -n "$first" ]; then
	check "the anomaly list shows each anomaly's day" body_has "<td>$first "
fi
