#!/usr/bin/env bash
# tests/install/run.sh (make test-install) - the Debian package as IT
# deploys it, step by step, each step's result printed:
#
#   1. builds the package twice: this version (1.0.0-1) and the previous
#      release (0.9.0-1: this tree without its newest migration, its sql/
#      as it was before that migration came (first parent), standing
#      in for the last release until one is tagged); lintian: no errors
#   2. a private Debian root (debootstrap bookworm, minbase, with Apache,
#      mod_fcgid, MariaDB; made once and kept as a tarball in
#      /var/tmp/healthcard-debroot, HC_DEBROOT_CACHE) where Apache serves
#      an unrelated site on a private port and MariaDB runs
#   3. apt-get install ./healthcard_0.9.0-1_*.deb; a2enconf by the package;
#      healthcard-admin setup-db, create-admin, check; the first admin logs
#      in under /healthcard/ and checks in; they make a college and a class
#      (/org) and an undergraduate with an account (/people/new), who logs
#      in, changes the password, checks in and opens their card; the
#      unrelated site still works
#   4. the server's config changed by hand; apt-get install of 1.0.0-1
#      over it: config and key untouched; healthcard-admin migrate applies
#      the new migration, a second run applies nothing; the admin's session
#      and the two check-ins are still there
#   5. apt-get remove: the site is gone from Apache, the unrelated site
#      works, data, config and database stay
#   6. dpkg --purge: the config, key, state and logs are gone, the
#      database (healthcard-admin's, not the package's) stays
#
# Nothing is installed on this machine: the packages go into the private
# root only (chroot), whose servers listen on 127.0.0.1 ports of their own.
# Needs root (chroot, debootstrap) and the tools `make deps` installs.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=${HC_TEST_OUT:-$ROOT/tests/out}
mkdir -p "$OUT"
RESULTS=$OUT/install-results.txt
: >"$RESULTS"
CACHE=${HC_DEBROOT_CACHE:-/var/tmp/healthcard-debroot}
SUITE=bookworm
MIRROR=${HC_DEBIAN_MIRROR:-http://deb.debian.org/debian}
PORT=${HC_INSTALL_PORT:-$((29000 + RANDOM % 900))}
WEB=http://127.0.0.1:$PORT
T=$(mktemp -d)

say() { printf '%s\n' "$*"; }
check() {
	local desc=$1
	shift
	if "$@"; then
		say "ok install $desc" | tee -a "$RESULTS"
	else
		say "not ok install $desc" | tee -a "$RESULTS"
	fi
}
eq() { [ "$1" = "$2" ] || { say "#   got '$1', want '$2'"; return 1; }; }
has() { grep -qF -- "$2" "$1" || { say "#   '$2' not in $1:"; head -c 400 "$1" | sed 's/^/#   /'; return 1; }; }
finish() {
	grep '^not ok' "$RESULTS"
	say "$(grep -c '^ok' "$RESULTS") passed, $(grep -c '^not ok' "$RESULTS") failed"
	[ "$(grep -c '^not ok' "$RESULTS")" = 0 ] && [ "$(grep -c '^ok' "$RESULTS")" -gt 0 ]
}

[ "$(id -u)" = 0 ] || { say "not ok install: needs root (chroot)" | tee -a "$RESULTS"; finish; exit 1; }

# ---- 1. the packages --------------------------------------------------
newest=$(cd "$ROOT/sql" && ls [0-9][0-9][0-9]_*.sql | tail -1)
# The previous release's sql/ is the tree's as it was before the newest
# migration came (its views, sql/views/, written for the migrations it
# has); an uncommitted newest migration: this sql/ without it.
before=$(git -C "$ROOT" log --first-parent -1 --format=%H --diff-filter=A -- "sql/$newest")
say "== building healthcard 1.0.0-1 and 0.9.0-1 (without sql/$newest)"
if make -s -C "$ROOT" deb DEB_OUT="$T/new" >"$OUT/install-deb-new.log" 2>&1 &&
	make -s -C "$ROOT" deb DEB_OUT="$T/old" DEB_VERSION=0.9.0-1 DEB_OMIT="sql/$newest" ${before:+DEB_SQL_REV=$before^} >"$OUT/install-deb-old.log" 2>&1; then
	NEW=$(ls "$T"/new/healthcard_*_amd64.deb 2>/dev/null || ls "$T"/new/healthcard_*.deb | grep -v dbgsym)
	OLD=$(ls "$T"/old/healthcard_0.9.0-1_*.deb | grep -v dbgsym)
	check "both packages build with dpkg-buildpackage" test -f "$NEW" -a -f "$OLD"
else
	tail -20 "$OUT"/install-deb-*.log
	check "both packages build with dpkg-buildpackage" false
	finish; exit 1
fi
lintian --no-tag-display-limit "$NEW" >"$OUT/install-lintian.log" 2>&1
check "lintian finds no error ($(grep -c '^W:' "$OUT/install-lintian.log") warnings)" eq "$(grep -c '^E:' "$OUT/install-lintian.log")" 0
dpkg-deb -I "$NEW" >"$T/info"
dpkg-deb -c "$NEW" >"$T/contents"
check "it depends on the libraries it links, Apache, mod_fcgid and the MariaDB client" \
	sh -c "grep -q 'Depends:.*libmariadb3.*libsodium23.*libxlsxwriter4.*apache2, libapache2-mod-fcgid, mariadb-client' '$T/info'"
check "it recommends the MariaDB server" has "$T/info" "Recommends: mariadb-server"
for f in ./usr/lib/healthcard/cgi-bin/card ./usr/lib/healthcard/bin/hc-facts ./usr/sbin/healthcard-admin \
	./usr/share/healthcard/templates/lang/zh-CN.hdf ./usr/share/healthcard/htdocs/style.css \
	./usr/share/healthcard/sql/$newest ./etc/healthcard/healthcard.hdf \
	./etc/apache2/conf-available/healthcard.conf ./etc/logrotate.d/healthcard \
	./usr/share/doc/healthcard/examples/sso-ldap.conf ./usr/share/doc/healthcard/copyright; do
	check "the package holds $f" grep -q " $f\$" "$T/contents"
done
check "its conffiles are the config, the Apache snippet and logrotate's" eq \
	"$(dpkg-deb -f "$NEW" Package >/dev/null; dpkg-deb --ctrl-tarfile "$NEW" | tar -xOf - ./conffiles | sort | tr '\n' ' ')" \
	"/etc/apache2/conf-available/healthcard.conf /etc/healthcard/healthcard.hdf /etc/logrotate.d/healthcard "

# make install outside Debian's layout: PREFIX and DESTDIR honoured.
make -s -C "$ROOT" install DESTDIR="$T/local" PREFIX=/usr/local >"$OUT/install-local.log" 2>&1
check "make install PREFIX=/usr/local DESTDIR=...: the programs under /usr/local/lib/healthcard" \
	test -x "$T/local/usr/local/lib/healthcard/cgi-bin/card" -a -x "$T/local/usr/local/sbin/healthcard-admin"
check "  the config under /usr/local/etc, naming /usr/local/share" \
	grep -q '^#include "/usr/local/share/healthcard/conf/healthcard.hdf"' "$T/local/usr/local/etc/healthcard/healthcard.hdf"
check "  the Apache snippet naming /usr/local/lib and /usr/local/var" sh -c \
	"grep -q '^Define HC_BIN /usr/local/lib/healthcard/cgi-bin' '$T/local/usr/local/etc/apache2/conf-available/healthcard.conf' &&
	 grep -q '^Define HC_VAR /usr/local/var/lib/healthcard' '$T/local/usr/local/etc/apache2/conf-available/healthcard.conf'"
check "  nothing outside DESTDIR" eq "$(ls "$T/local")" usr

# ---- 2. the private Debian root ---------------------------------------
if [ ! -f "$CACHE/root.tar" ]; then
	say "== making the private Debian root once ($CACHE/root.tar): debootstrap $SUITE"
	mkdir -p "$CACHE"
	rm -rf "$CACHE/build"
	if ! debootstrap --variant=minbase "$SUITE" "$CACHE/build" "$MIRROR" >"$OUT/install-debootstrap.log" 2>&1; then
		tail -5 "$OUT/install-debootstrap.log"
		check "debootstrap $SUITE" false; finish; exit 1
	fi
	# No service starts inside it by itself (the test starts them).
	printf '#!/bin/sh\nexit 101\n' >"$CACHE/build/usr/sbin/policy-rc.d"
	chmod 755 "$CACHE/build/usr/sbin/policy-rc.d"
	cp /etc/resolv.conf "$CACHE/build/etc/resolv.conf"
	mount -t proc proc "$CACHE/build/proc"
	chroot "$CACHE/build" sh -c 'export DEBIAN_FRONTEND=noninteractive; apt-get update -qq &&
		apt-get install -y -qq --no-install-recommends apache2 libapache2-mod-fcgid mariadb-server \
		mariadb-client curl logrotate procps' >"$OUT/install-debroot-apt.log" 2>&1
	rc=$?
	umount "$CACHE/build/proc"
	[ $rc = 0 ] || { tail -5 "$OUT/install-debroot-apt.log"; check "Apache and MariaDB in the private root" false; finish; exit 1; }
	tar -C "$CACHE/build" -cf "$CACHE/root.tar.new" . && mv "$CACHE/root.tar.new" "$CACHE/root.tar"
	rm -rf "$CACHE/build"
fi
R=$(mktemp -d /var/tmp/healthcard-root.XXXXXXXX)
tar -C "$R" -xf "$CACHE/root.tar"
cp /etc/resolv.conf "$R/etc/resolv.conf"
mount -t proc proc "$R/proc"
in_root() { chroot "$R" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8 "$@"; }
cleanup() {
	in_root sh -c 'apache2ctl stop; sleep 1; mariadb-admin shutdown' >/dev/null 2>&1
	for _ in $(seq 1 50); do
		pids=$(for p in /proc/[0-9]*; do [ "$(readlink "$p/root" 2>/dev/null)" = "$R" ] && echo "${p#/proc/}"; done)
		[ -z "$pids" ] && break
		sleep 0.2
	done
	for p in $pids; do kill -9 "$p" 2>/dev/null; done
	umount "$R/proc" 2>/dev/null
	rm -rf "$R" "$T"
}
trap cleanup EXIT
# Apache on a port of its own, with an unrelated site at its root.
sed -i "s/^Listen 80$/Listen 127.0.0.1:$PORT/; /Listen 443/d" "$R/etc/apache2/ports.conf"
sed -i "s/<VirtualHost \*:80>/<VirtualHost *:$PORT>/" "$R/etc/apache2/sites-available/000-default.conf"
echo "ServerName 127.0.0.1" >"$R/etc/apache2/conf-available/servername.conf"
in_root a2enconf -q servername >/dev/null
echo "the department's own site" >"$R/var/www/html/index.html"
mkdir -p "$R/run/mysqld" && in_root chown mysql:mysql /run/mysqld
in_root sh -c 'mariadbd --user=mysql --skip-networking >/var/log/mariadbd.out 2>&1 &'
in_root apache2ctl start >"$T/apache.out" 2>&1
for _ in $(seq 1 100); do
	in_root mariadb -e 'SELECT 1' >/dev/null 2>&1 && curl -s -o /dev/null "$WEB/" && break
	sleep 0.2
done
fetch() { curl -s -o "$T/body" -D "$T/headers" -w '%{http_code}' -b "$T/jar" -c "$T/jar" "$@"; }
check "the private root serves the unrelated site on port $PORT" eq "$(fetch "$WEB/")" 200

# ---- 3. the previous release, installed -------------------------------
cp "$OLD" "$NEW" "$R/tmp/"
in_root apt-get install -y -q "/tmp/$(basename "$OLD")" >"$OUT/install-apt-old.log" 2>&1
check "apt-get install ./$(basename "$OLD")" eq "$?" 0
check "the package enabled its Apache snippet (a2enconf healthcard)" test -L "$R/etc/apache2/conf-enabled/healthcard.conf"
check "and mod_fcgid" test -L "$R/etc/apache2/mods-enabled/fcgid.load"
check "the key was made, readable by www-data only" \
	eq "$(stat -c '%a %U %G' "$R/etc/healthcard/secret.key")" "640 root www-data"
check "the state folder belongs to the page processes" eq "$(stat -c '%U' "$R/var/lib/healthcard/uploads")" www-data
in_root apache2ctl configtest >"$T/configtest" 2>&1
check "Apache's configuration holds together" has "$T/configtest" "Syntax OK"
in_root apache2ctl graceful >/dev/null 2>&1; sleep 1
in_root healthcard-admin setup-db >"$T/setup" 2>&1
check "healthcard-admin setup-db" eq "$?" 0
check "  applied every migration of 0.9.0" has "$T/setup" "0 migrations pending"
printf '%s\n' 'a long password 1' | in_root healthcard-admin create-admin admin 张老师 >"$T/admin" 2>&1
check "healthcard-admin create-admin" eq "$?" 0
in_root healthcard-admin check >"$T/chk" 2>&1
check "healthcard-admin check: all good" has "$T/chk" "all good"
check "the unrelated site still works" eq "$(fetch "$WEB/")" 200
check "  and is the same" has "$T/body" "the department's own site"
check "healthcard's login page at /healthcard/login" eq "$(fetch "$WEB/healthcard/login")" 200
tok=$(grep -o 'name="csrf" value="[^"]*"' "$T/body" | head -1 | sed 's/.*value="//; s/"$//')
check "the first admin logs in" eq "$(fetch -X POST --data-urlencode "csrf=$tok" --data-urlencode login=admin \
	--data-urlencode 'password=a long password 1' "$WEB/healthcard/login")" 303
check "  and is sent under /healthcard/" has "$T/headers" "Location: /healthcard/"
# The staff's own check-in (a new school has no student yet: /people
# makes them; tests/browser/j10-new-school does that on the pages): the
# basic information once, then the day's report.
fetch "$WEB/healthcard/checkin" >/dev/null
tok=$(grep -o 'name="csrf" value="[^"]*"' "$T/body" | head -1 | sed 's/.*value="//; s/"$//')
code=$(fetch -X POST -H "Origin: $WEB" --data-urlencode "csrf=$tok" --data-urlencode phone=13800000000 \
	--data-urlencode home_address=北京市海淀区 --data-urlencode emergency_contact=王 \
	--data-urlencode emergency_phone=13900000000 --data-urlencode boarding=0 --data-urlencode dorm= \
	"$WEB/healthcard/checkin/basic")
check "the admin gives their basic information (303)" eq "$code" 303
fetch "$WEB/healthcard/checkin" >/dev/null
tok=$(grep -o 'name="csrf" value="[^"]*"' "$T/body" | head -1 | sed 's/.*value="//; s/"$//')
code=$(fetch -X POST -H "Origin: $WEB" --data-urlencode "csrf=$tok" --data-urlencode temperature=36.6 \
	--data-urlencode city=北京 --data-urlencode in_city=1 --data-urlencode on_campus=1 \
	--data-urlencode abroad=0 --data-urlencode risk_area=0 --data-urlencode cohabitant_returned=0 \
	--data-urlencode returned_to_city=0 --data-urlencode quarantine=none --data-urlencode diagnosis=none \
	"$WEB/healthcard/checkin")
check "the admin checks in (303)" eq "$code" 303
reports() { in_root mariadb -N -B healthcard -e 'SELECT COUNT(*) FROM daily_reports'; }
check "  one report stored" eq "$(reports)" 1
# A student's check-in: the admin builds the least organisation (a college
# and a class on /org), makes one undergraduate on /people/new with an
# account; the student logs in (the password an admin set changed first),
# gives their basic information and checks in.
csrf() { grep -o 'name="csrf" value="[^"]*"' "$T/body" | head -1 | sed 's/.*value="//; s/"$//'; }
fetch "$WEB/healthcard/org" >/dev/null
code=$(fetch -X POST -H "Origin: $WEB" --data-urlencode "csrf=$(csrf)" --data-urlencode kind=college \
	--data-urlencode parent_id= --data-urlencode code=C01 --data-urlencode name=新闻学院 "$WEB/healthcard/org/add")
check "the admin adds a college on /org (303)" eq "$code" 303
college=$(in_root mariadb -N -B healthcard -e "SELECT id FROM org_units WHERE kind = 'college' AND code = 'C01'")
fetch "$WEB/healthcard/org" >/dev/null
code=$(fetch -X POST -H "Origin: $WEB" --data-urlencode "csrf=$(csrf)" --data-urlencode kind=class \
	--data-urlencode "parent_id=$college" --data-urlencode code=K01 --data-urlencode name=新闻2601 \
	"$WEB/healthcard/org/add")
check "  and a class in it (303)" eq "$code" 303
class=$(in_root mariadb -N -B healthcard -e "SELECT id FROM org_units WHERE kind = 'class' AND code = 'K01' AND parent_id = '$college'")
fetch "$WEB/healthcard/people/new" >/dev/null
code=$(fetch -X POST -H "Origin: $WEB" --data-urlencode "csrf=$(csrf)" --data-urlencode number=2026001 \
	--data-urlencode name=李同学 --data-urlencode identity=undergrad --data-urlencode status=active \
	--data-urlencode "college_id=$college" --data-urlencode "class_id=$class" "$WEB/healthcard/people/new")
check "the admin adds an undergraduate on /people/new (303)" eq "$code" 303
check "  sent to their page under /healthcard/" has "$T/headers" "Location: /healthcard/people/edit?id="
stu=$(in_root mariadb -N -B healthcard -e "SELECT id FROM people WHERE number = '2026001' AND identity = 'undergrad' AND class_id = '$class'")
fetch "$WEB/healthcard/people/edit?id=$stu" >/dev/null
code=$(fetch -X POST -H "Origin: $WEB" --data-urlencode "csrf=$(csrf)" --data-urlencode "id=$stu" \
	--data-urlencode login=2026001 --data-urlencode 'password=student pass 1' "$WEB/healthcard/people/account")
check "  with an account (303)" eq "$code" 303
# The student, in a session of their own (the admin's stays in $T/jar).
sfetch() { curl -s -o "$T/body" -D "$T/headers" -w '%{http_code}' -b "$T/sjar" -c "$T/sjar" "$@"; }
sfetch "$WEB/healthcard/login" >/dev/null
check "the student logs in (303)" eq "$(sfetch -X POST --data-urlencode "csrf=$(csrf)" --data-urlencode login=2026001 \
	--data-urlencode 'password=student pass 1' "$WEB/healthcard/login")" 303
sfetch "$WEB/healthcard/checkin" >/dev/null
check "  is sent to change the password an admin set" has "$T/headers" "Location: /healthcard/password"
sfetch "$WEB/healthcard/password" >/dev/null
code=$(sfetch -X POST -H "Origin: $WEB" --data-urlencode "csrf=$(csrf)" --data-urlencode 'old_password=student pass 1' \
	--data-urlencode 'new_password=student pass 2' --data-urlencode 'new_password2=student pass 2' \
	"$WEB/healthcard/password")
check "  changes it (303)" eq "$code" 303
sfetch "$WEB/healthcard/checkin" >/dev/null
code=$(sfetch -X POST -H "Origin: $WEB" --data-urlencode "csrf=$(csrf)" --data-urlencode phone=13800000001 \
	--data-urlencode home_address=北京市海淀区 --data-urlencode emergency_contact=李 \
	--data-urlencode emergency_phone=13900000001 --data-urlencode boarding=0 --data-urlencode dorm= \
	"$WEB/healthcard/checkin/basic")
check "the student gives their basic information (303)" eq "$code" 303
sfetch "$WEB/healthcard/checkin" >/dev/null
code=$(sfetch -X POST -H "Origin: $WEB" --data-urlencode "csrf=$(csrf)" --data-urlencode temperature=36.5 \
	--data-urlencode city=北京 --data-urlencode in_city=1 --data-urlencode on_campus=1 \
	--data-urlencode abroad=0 --data-urlencode risk_area=0 --data-urlencode cohabitant_returned=0 \
	--data-urlencode returned_to_city=0 --data-urlencode quarantine=none --data-urlencode diagnosis=none \
	"$WEB/healthcard/checkin")
check "the student checks in (303)" eq "$code" 303
check "  their report stored: two reports" eq "$(reports)" 2
check "  one of them the student's" eq "$(in_root mariadb -N -B healthcard -e "SELECT COUNT(*) FROM daily_reports WHERE person_id = '$stu'")" 1
check "the student's card at /healthcard/card (200)" eq "$(sfetch "$WEB/healthcard/card")" 200
check "the site's requests are logged in /var/log/healthcard/access.log" \
	grep -q '"POST /healthcard/checkin HTTP' "$R/var/log/healthcard/access.log"
check "  and only the site's (not the unrelated site's)" sh -c "! grep -q '\"GET / HTTP' '$R/var/log/healthcard/access.log'"
in_root logrotate -d /etc/logrotate.d/healthcard >"$T/logrotate" 2>&1
check "logrotate reads /etc/logrotate.d/healthcard" sh -c "grep -q 'rotating pattern: /var/log/healthcard/\*.log' '$T/logrotate' && ! grep -qi 'error' '$T/logrotate'"

# ---- 4. the upgrade ---------------------------------------------------
sed -i 's/^School.Name = .*/School.Name = 某某大学/' "$R/etc/healthcard/healthcard.hdf"
conf_sum=$(md5sum <"$R/etc/healthcard/healthcard.hdf")
key_sum=$(md5sum <"$R/etc/healthcard/secret.key")
in_root apt-get install -y -q -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
	"/tmp/$(basename "$NEW")" >"$OUT/install-apt-new.log" 2>&1
check "apt-get install ./$(basename "$NEW") over 0.9.0-1" eq "$?" 0
check "  the version installed is 1.0.0-1" eq "$(in_root dpkg-query -W -f '${Version}' healthcard)" 1.0.0-1
check "  the server's config is untouched" eq "$(md5sum <"$R/etc/healthcard/healthcard.hdf")" "$conf_sum"
check "  the key is untouched" eq "$(md5sum <"$R/etc/healthcard/secret.key")" "$key_sum"
check "  the database is untouched until IT migrates (${newest%%_*} not applied)" \
	eq "$(in_root mariadb -N -B healthcard -e "SELECT COUNT(*) FROM schema_version WHERE version = $((10#${newest%%_*}))")" 0
in_root healthcard-admin migrate >"$T/mig1" 2>&1
check "healthcard-admin migrate applies $newest" has "$T/mig1" "applying $newest"
in_root healthcard-admin migrate >"$T/mig2" 2>&1
check "  a second run applies nothing" sh -c "! grep -q applying '$T/mig2' && grep -q '0 migrations pending' '$T/mig2'"
in_root apache2ctl graceful >/dev/null 2>&1; sleep 1
check "the admin's session still serves their check-in page" eq "$(fetch "$WEB/healthcard/checkin")" 200
check "  with the school's name from the kept config" has "$T/body" "某某大学"
check "  and the report kept" eq "$(reports)" 2
check "the unrelated site still works" eq "$(fetch "$WEB/")" 200
# An older program refuses a newer database.
in_root mariadb healthcard -e 'INSERT INTO schema_version (version) VALUES (999)'
in_root healthcard-admin migrate >"$T/mig3" 2>&1
check "healthcard-admin migrate refuses a database newer than the program" \
	sh -c "[ $? != 0 ] && grep -q 'newer healthcard' '$T/mig3'"
in_root mariadb healthcard -e 'DELETE FROM schema_version WHERE version = 999'

# ---- 5. remove --------------------------------------------------------
in_root apt-get remove -y -q healthcard >"$OUT/install-apt-remove.log" 2>&1
check "apt-get remove healthcard" eq "$?" 0
in_root apache2ctl graceful >/dev/null 2>&1; sleep 1
check "  the snippet is disabled" test ! -e "$R/etc/apache2/conf-enabled/healthcard.conf"
check "  /healthcard/ is gone from Apache" eq "$(fetch "$WEB/healthcard/login")" 404
check "  the unrelated site still works" eq "$(fetch "$WEB/")" 200
check "  the config, the key and the state stay" test -f "$R/etc/healthcard/healthcard.hdf" -a \
	-f "$R/etc/healthcard/secret.key" -a -d "$R/var/lib/healthcard/uploads"
check "  the database stays" eq "$(reports)" 2

# ---- 6. purge ---------------------------------------------------------
in_root dpkg --purge healthcard >"$OUT/install-dpkg-purge.log" 2>&1
check "dpkg --purge healthcard (asks nothing)" eq "$?" 0
check "  /etc/healthcard is gone" test ! -e "$R/etc/healthcard"
check "  the state and the logs are gone" test ! -e "$R/var/lib/healthcard" -a ! -e "$R/var/log/healthcard"
check "  the Apache snippet is gone" test ! -e "$R/etc/apache2/conf-available/healthcard.conf"
check "  the database (healthcard-admin's) stays" eq "$(reports)" 2
check "  Apache's configuration still holds together" sh -c "chroot '$R' apache2ctl configtest 2>&1 | grep -q 'Syntax OK'"
check "  the unrelated site still works" eq "$(fetch "$WEB/")" 200

finish
