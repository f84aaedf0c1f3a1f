#!/usr/bin/env bash
# The dashboard's list is read in two halves (the unreported, then the
# reported, each walked in class and number order) and paged; its order
# must stay the one of a single sorted query. The roll-ups (by class, the
# trend) are read from the data on every request.
. "$(dirname "$0")/lib.sh"

today=$(TZ=Asia/Shanghai date +%F)
yday=$(TZ=Asia/Shanghai date -d yesterday +%F)

# The numbers of the CSV export (every page of the list), in order.
export_numbers() {
	get admin "/dashboard/export?day=$1&f=$2"
	sed '1d' "$BODY" | awk -F'","' '{ sub(/^"/, "", $1); print $1 }'
}
# The same list from one sorted query.
sql_numbers() {
	sql "SELECT p.number FROM people p LEFT JOIN daily_reports d ON d.person_id = p.id AND d.day = '$1'
		WHERE $2 ORDER BY d.id IS NULL DESC, p.class_id, p.number"
}

login admin
for day in "$today" "$yday"; do
	for f in total:1 unreported:"d.id IS NULL" in_city:"d.in_city = 1"; do
		got=$(export_numbers "$day" "${f%%:*}")
		want=$(sql_numbers "$day" "${f#*:}")
		check "list $day ${f%%:*}: $(printf '%s\n' "$want" | grep -c .) people, in the order of one sorted query" \
			eq "$(printf '%s' "$got" | md5sum)" "$(printf '%s' "$want" | md5sum)"
	done
done

# Pages: the rows of page 2 are the 201st to 300th of the sorted list.
get admin "/dashboard?day=$yday&f=total&page=2"
got=$(grep -o '<td>[0-9A-Za-z][0-9A-Za-z]*</td>' "$BODY" | sed 's/<[^>]*>//g' | head -100 | md5sum)
want=$(sql_numbers "$yday" 1 | sed -n '201,300p' | md5sum)
check "page 2 holds rows 201 to 300" eq "$got" "$want"

# The roll-up by class, from the data, for a day no request has asked for.
d3=$(TZ=Asia/Shanghai date -d '7 days ago' +%F)
get admin "/dashboard?day=$d3"
cls=$(sql "SELECT cls.name FROM people p JOIN org_units cls ON cls.id = p.class_id
	ORDER BY cls.name LIMIT 1")
check "the roll-up shows the classes" body_has "$cls"
