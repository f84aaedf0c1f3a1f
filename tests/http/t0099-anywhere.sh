#!/usr/bin/env bash
# The two commands work from wherever people clone to (issue 20, defect 0):
# a checkout in a folder of mode 0700 (root's home, mktemp -d) whose path
# holds a space, where Apache's children (www-data) cannot go; and, when we
# are root, the same stack run by an ordinary user whose PATH lacks /usr/sbin.
. "$(dirname "$0")/lib.sh"

HOME_LIKE=$(mktemp -d)                  # 0700, like /root
CO="$HOME_LIKE/my healthcard"
trap 'cleanup_anywhere' EXIT
cleanup_anywhere() {
	[ -d "$CO/var/a" ] && "$CO/tools/stack.sh" purge "$CO/var/a" >/dev/null 2>&1
	if [ -n "${UCO:-}" ] && [ -d "$UCO/var/u" ]; then
		runuser -u nobody -- env -i PATH=/usr/bin:/bin "$UCO/tools/stack.sh" purge "$UCO/var/u" >/dev/null 2>&1
	fi
	rm -rf "$HOME_LIKE" "${UHOME:-}" "$T"
}

# checkout DEST: the tracked files as a clone has them, and the build
# (kept older than nothing, so make has nothing to redo).
checkout() {
	mkdir -p "$1"
	git -C "$ROOT" ls-files -z | (cd "$ROOT" && tar --null -T - -cf -) | tar -xf - -C "$1"
	(cd "$ROOT" && tar -cf - build) | tar -xf - -C "$1"
}

# port_after N: a free loopback port above the suite's own.
port_after() {
	local p
	for p in $(seq "$1" $(($1 + 40))); do
		(exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
	done
}

# card_journey PORT: the login page, a student's login, the card, a static file.
card_journey() {
	local url=http://127.0.0.1:$1 jar=$T/jar.anywhere$1 tok code
	curl -s -c "$jar" -b "$jar" -o "$BODY" "$url/login" || return 1
	tok=$(csrf)
	code=$(curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{http_code}' \
		--data-urlencode "csrf=$tok" -d login=student -d password=demo "$url/login")
	eq "$code" 303 || return 1
	STATUS=$(curl -s -c "$jar" -b "$jar" -o "$BODY" -w '%{http_code}' "$url/card")
	status_is 200 && body_has 'id="card-state"' || return 1
	code=$(curl -s -o /dev/null -w '%{http_code}' "$url/static/style.css")
	eq "$code" 200
}

checkout "$CO"
check "the checkout sits in a folder of mode 0700" test "$(stat -c %a "$HOME_LIKE")" = 700
if [ "$(id -u)" = 0 ]; then
	www_data_passes() { runuser -u www-data -- test -x "$CO/tools"; }
	check "www-data cannot pass it (so this test means something)" eval '! www_data_passes' 
fi
pa=$(port_after $((HC_PORT + 60)))
if "$CO/tools/stack.sh" start "$CO/var/a" "$pa" --students 100 --days 5 >"$T/a.log" 2>&1; then
	check "from a 0700 folder with a space: login, card and static files" card_journey "$pa"
	rt=$(readlink -f "$CO/var/a/rt")
	check "its runtime folder has no space and is under /var/tmp" \
		eval '[[ "$rt" == /var/tmp/healthcard.* && "$rt" != *" "* ]]'
	"$CO/tools/stack.sh" purge "$CO/var/a" >/dev/null 2>&1
	check "purge removes the runtime folder and VARDIR" eval '[ ! -e "$rt" ] && [ ! -e "$CO/var/a" ]'
else
	sed 's/^/#   /' "$T/a.log" | tail -20
	check "from a 0700 folder with a space: the stack starts" false
fi

# An ordinary user, as the README says: /usr/sbin is not on their PATH.
if [ "$(id -u)" = 0 ] && id nobody >/dev/null 2>&1; then
	UHOME=$(mktemp -d)
	chmod 755 "$UHOME"
	UCO=$UHOME/co
	checkout "$UCO"
	chown -R nobody "$UCO"
	pu=$(port_after $((pa + 1)))
	if runuser -u nobody -- env -i HOME="$UCO" PATH=/usr/bin:/bin \
		"$UCO/tools/stack.sh" start "$UCO/var/u" "$pu" --students 100 --days 5 >"$T/u.log" 2>&1; then
		check "as a user without /usr/sbin on the PATH: login, card and static files" card_journey "$pu"
		check "the user's page processes run as that user" \
			eval '[ "$(ps -o user= -p "$(pgrep -u nobody -f "$(readlink -f "$UCO/var/u/rt")/bin/" | head -1)")" = nobody ]'
	else
		sed 's/^/#   /' "$T/u.log" | tail -20
		check "as a user without /usr/sbin on the PATH: the stack starts" false
	fi
fi
