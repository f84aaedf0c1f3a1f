#!/usr/bin/env bash
# The site under a path prefix (issue 17): a stack of its own with
# Site.Prefix = /healthcard and Apache's HC_BASE = /healthcard/ (what a
# host shared with other sites, or a reverse proxy, serves it under).
# Every link, form, script, stylesheet and image of the pages each role
# reaches, every redirect, cookie path and QR code carries the prefix;
# every link found is fetched and none is a 404; nothing is served at the
# host's root.
. "$(dirname "$0")/lib.sh"

# Every template's local link, form, script and image names the prefix
# (a page none of the roles below reaches is caught here too).
bare=$(grep -noE '(href|action|src)="/[^"]*"|;url=/' "$ROOT"/templates/*.cs)
check "no template writes a local address without <?cs var:Site.Prefix ?>" eval '[ -z "$bare" ] || { echo "$bare" | sed "s|^|#   |"; false; }'

port=$((HC_PORT + 30))
P=/healthcard
RV=$ROOT/var/test-prefix-$port
rm -rf "$RV"; mkdir -p "$RV"
trap '"$ROOT/tools/stack.sh" purge "$RV" >/dev/null 2>&1; rm -rf "$RV.log" "$T"' EXIT
if ! HC_PREFIX=$P "$ROOT/tools/stack.sh" start "$RV" "$port" --students 100 --days 5 >"$RV.log" 2>&1; then
	cat "$RV.log"
	check "the stack under $P starts" false
	exit 1
fi
URL=http://127.0.0.1:$port
loc() { sed -n 's/^Location: *//Ip' "$HEADERS" | tr -d '\r'; }
plogin() {  # plogin WHO: the login form under the prefix, then the POST
	get "$1" "$P/login"
	local tok; tok=$(csrf)
	req "$1" POST "$P/login" --data-urlencode "csrf=$tok" \
		--data-urlencode "login=$1" --data-urlencode "password=demo"
}

get anon "$P"
check "$P without its slash is sent to $P/" eq "$STATUS $(loc)" "301 $URL$P/"
get anon "$P/"
check "the home page sends a stranger to the login page under $P" eq "$STATUS $(loc)" "303 $P/login?next=%2F"
get anon "$P/card"
check "and a page asked for comes back after the login" eq "$(loc)" "$P/login?next=%2Fcard"
get anon /card
check "nothing of the site at the host's root" status_is 404
get anon /static/style.css
check "not even its static files" status_is 404

get student "$P/login"
check "the login page" status_is 200
check "its form posts under $P" body_has "action=\"$P/login\""
tok=$(csrf)
css=$(grep -o "href=\"$P/static/style.css?v=[0-9a-f]*\"" "$BODY" | sed 's/^href="//; s/"$//')
check "its stylesheet is under $P" test -n "$css"
get anon "$css"
check "and served" status_is 200

req student POST "$P/login" --data-urlencode "csrf=$tok" --data-urlencode "login=student" \
	--data-urlencode "password=demo" --data-urlencode "next=/card"
check "a login goes to next, under $P" eq "$STATUS $(loc)" "303 $P/card"
check "the session cookie's path is $P" header_has "Set-Cookie: hc_sid="
check "  (Path=$P)" grep -qi "Set-Cookie: hc_sid=[^;]*; Path=$P;" "$HEADERS"
get student "$P/card?lang=en"
check "the language cookie's path is $P" grep -qi "Set-Cookie: hc_lang=en; Path=$P;" "$HEADERS"

# A check-in: the form's action, the POST, its redirect, the row.
before=$(raw_sql "SELECT COUNT(*) FROM daily_reports r JOIN accounts a ON a.person_id = r.person_id WHERE a.login = 'student' AND r.day = CURDATE()" "$RV")
get student "$P/checkin"
check "the check-in form posts under $P" body_has "action=\"$P/checkin\""
tok=$(csrf)
req student POST "$P/checkin" -H "Origin: $URL" -H "Referer: $URL$P/checkin" \
	--data-urlencode "csrf=$tok" --data-urlencode "temperature=36.5" \
	--data-urlencode "city=北京" --data-urlencode "in_city=1" --data-urlencode "on_campus=0" \
	--data-urlencode "abroad=0" --data-urlencode "risk_area=0" \
	--data-urlencode "cohabitant_returned=0" --data-urlencode "returned_to_city=0" \
	--data-urlencode "quarantine=none" --data-urlencode "diagnosis=none"
check "a check-in is redirected under $P" eq "$STATUS $(loc)" "303 $P/checkin?done=1"
after=$(raw_sql "SELECT COUNT(*) FROM daily_reports r JOIN accounts a ON a.person_id = r.person_id WHERE a.login = 'student' AND r.day = CURDATE()" "$RV")
check "and stored" eq "$after" "$((before + 1))"

# Every local link, form, script and image of every page a role reaches
# from its home and menu carries the prefix, and no link is a 404.
# sweep WHO: follows the GET links of WHO's home, the menu's pages and
# the pages they link to (one level), at most 80 pages.
# A 403 is an answer (a link a role sees but may not follow is another
# matter than the prefix); a 404 or a 5xx is not.
# offprefix: the local links of the last page that miss the prefix.
offprefix() { grep -oE '(href|action|src)="/[^"]*"' "$BODY" | grep -v "=\"$P/"; }
sweep() {
	local who=$1 start=$2 bad=0 n=0 u seen todo off
	seen=$T/seen.$who todo=$T/todo.$who
	: >"$seen"
	echo "$start" >"$todo"
	while read -r u; do
		grep -qxF -- "$u" "$seen" && continue
		echo "$u" >>"$seen"
		n=$((n + 1))
		[ $n -le 80 ] || break
		case $u in */logout*|*/export*|*/template*|*print=1*) continue ;; esac
		get "$who" "$u"
		case $STATUS in
		200|303|403) ;;
		*) echo "#   $who: $u answered $STATUS"; bad=1 ;;
		esac
		off=$(offprefix)
		[ -z "$off" ] || { echo "$off" | sed "s|^|#   $who: $u links |"; bad=1; }
		[ "$STATUS" = 303 ] && case "$(loc)" in "$P"/*|"$URL$P"/*) ;; *) echo "#   $who: $u redirects to $(loc)"; bad=1 ;; esac
		# The menu's pages' own links, once (a page of a list is enough).
		[ "$(grep -c . "$todo")" -lt 200 ] &&
			grep -oE 'href="/[^"]*"' "$BODY" | sed 's/^href="//; s/"$//; s/&amp;/\&/g' |
			grep -v 'page=\|sort=' >>"$todo"
	done <"$todo"
	echo "#   $who: $n pages"
	[ $bad = 0 ] && [ $n -ge 3 ]
}
check "every link of the student's pages is under $P and answers" sweep student "$P/card"
for who in counselor admin gate; do
	plogin "$who"
	check "$who logs in under $P" eq "$STATUS" 303
	start=$P/
	[ $who = gate ] && start=$P/scan
	check "every link of the $who's pages is under $P and answers" sweep "$who" "$start"
done

# The card's QR image (its src, and card.js's redraw from the image's
# own address, are under the prefix on a green card: tests/browser j05
# sees one at the root) is served under the prefix.
get student "$P/card/qr?n=1"
check "the card's QR image is served under $P" header_has "Content-Type: image/svg+xml"

# The QR codes that leave the browser carry the site's address with it.
gate=$(raw_sql "SELECT MIN(id) FROM gates" "$RV")
get admin "$P/gates/print?id=$gate"
check "a gate's printed code is the site's address under $P" \
	grep -q "http://127.0.0.1:$port$P/scan/gate/" "$BODY"

# A form sent after the session is gone comes back to the page it was
# sent from: the Referer's path without the prefix.
raw_sql "DELETE FROM sessions" "$RV"
req student POST "$P/checkin" -H "Origin: $URL" -H "Referer: $URL$P/checkin/calendar" --data "csrf=x"
check "an expired form goes to the login page, then back to its page" \
	eq "$STATUS $(loc)" "303 $P/login?expired=1&next=%2Fcheckin%2Fcalendar"
