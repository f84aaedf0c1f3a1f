#!/usr/bin/env bash
# stack.sh - a private MariaDB + Apache (mod_fcgid) instance under one
# directory, for `make run`, the HTTP tests and the benchmark.
#
#   stack.sh start VARDIR PORT [DEMO_ARGS...]   start (demo data loaded once)
#   stack.sh run   VARDIR PORT [DEMO_ARGS...]   start, wait for Ctrl-C, stop
#   stack.sh stop  VARDIR                       stop both servers
#   stack.sh purge VARDIR                       stop, then remove VARDIR and its runtime folder
#   stack.sh sql   VARDIR [mariadb args...]     a client as the DB admin
#   stack.sh dbstop VARDIR / dbstart VARDIR     for the outage tests
#   HC_HOST=b stack.sh webstart VARDIR PORT     one more web host on the same
#   HC_HOST=b stack.sh webstop VARDIR           database (the two-host test)
#
# What the instance writes stays under VARDIR (the data directory, logs,
# the secret key) and its runtime folder (below): the socket
# VARDIR/run/mysqld.sock (no TCP port), the uploads, Apache's files.
# HC_DB_FLUSH=1 (or HC_DB_DURABLE=1): durable commits
# HC_DB_ARGS="--performance-schema=ON ...": more server options (profiling)
# (innodb_flush_log_at_trx_commit; 2 by default), for the fault drill
# (tools/drill.sh) and the benchmark.
# HC_DB_SOCKET=PATH: no database of its own; the web side and the setup
# use the server at PATH (a node of tools/cluster.sh's Galera cluster),
# which stop leaves running. HC_DB_FALLBACK="PATH ...": further nodes the
# page processes connect to when theirs does not serve (DB.Fallback.N).
set -euo pipefail

# Debian keeps the servers in /usr/sbin, which is not on a user's PATH.
PATH=$PATH:/usr/local/sbin:/usr/sbin:/sbin
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cmd=${1:?usage: stack.sh start|run|stop|purge|sql VARDIR [PORT]}
mkdir -p "${2:?VARDIR}"
V=$(cd "$2" && pwd)
PORT=${3:-8080}
ME=$(id -un)

# The runtime folder. Started by root, Apache runs its children as
# www-data, and they cannot pass a folder of mode 0700 (root's home, a
# mktemp -d); a space in a path breaks Apache's and the app's configuration.
# So what the page processes read or write lives in a folder of its own
# under /var/tmp, named by VARDIR/rt: the page programs, templates, static
# files and configuration (copied in at each start), the sockets, the
# uploads and the key. The database and the logs stay in VARDIR, written
# by root's (or the user's) own servers; VARDIR/run, VARDIR/healthcard.hdf,
# VARDIR/uploads and VARDIR/tmp point into the runtime folder.
RT_LINKS="run tmp uploads healthcard.hdf"
if [ -L "$V/rt" ] && [ -d "$V/rt/" ]; then
	R=$(readlink -f "$V/rt")
else
	R=""
fi
SOCK=${HC_DB_SOCKET:-${R:-$V}/run/mysqld.sock}
# HC_HOST=NAME: a further web host (Apache and its page processes) on the
# same database, with its own port and runtime folder, VARDIR/rt-NAME, as a
# second server of a real deployment would have. W is the web side's
# runtime folder: the database's own (R) for the first host.
HOST=${HC_HOST:-}
W=""
say() { printf '%s\n' "$*" >&2; }

# need PROGRAM PACKAGE: the server programs, found wherever Debian puts them.
need() {
	command -v "$1" >/dev/null && return 0
	say "stack: $1 is not installed (Debian package $2): run 'make deps' as root, or: apt-get install $2"
	exit 1
}

# The database's admin is whoever runs the stack, by socket authentication
# (mariadb-install-db --auth-root-socket-user).
admin_sql() { mariadb --no-defaults -S "$SOCK" -u "$ME" "$@"; }

random_hex() { od -An -tx1 -N"$1" /dev/urandom | tr -d ' \n'; }

db_alive() { mariadb-admin --no-defaults -S "$SOCK" -u "$ME" ping >/dev/null 2>&1; }

# The runtime folder (see the top): made once per VARDIR and kept while it
# lives, so the uploads and a running server's sockets stay where they are.
rt_make() {
	[ -n "$R" ] && return 0
	R=$(mktemp -d /var/tmp/healthcard.XXXXXXXX)
	chmod 755 "$R"
	ln -sfn "$R" "$V/rt"
	local l
	for l in $RT_LINKS; do
		# A VARDIR of the layout before: what it held moves in.
		if [ -e "$V/$l" ] && [ ! -L "$V/$l" ]; then
			mv "$V/$l" "$R/$l"
		fi
	done
	mkdir -p "$R/run" "$R/tmp" "$R/uploads"
	for l in $RT_LINKS; do
		ln -sfn "$R/$l" "$V/$l"
	done
	SOCK=${HC_DB_SOCKET:-$R/run/mysqld.sock}
}

# The web side's runtime folder (W): R for the first host, else its own.
web_rt() {
	if [ -z "$HOST" ]; then
		rt_make
		W=$R
		return
	fi
	if [ -L "$V/rt-$HOST" ] && [ -d "$V/rt-$HOST/" ]; then
		W=$(readlink -f "$V/rt-$HOST")
	else
		W=$(mktemp -d /var/tmp/healthcard.XXXXXXXX)
		chmod 755 "$W"
		ln -sfn "$W" "$V/rt-$HOST"
	fi
	mkdir -p "$W/run" "$W/tmp"
}

install_db() {
	mariadb-install-db --no-defaults --datadir="$V/db" \
		--auth-root-authentication-method=socket --auth-root-socket-user="$ME" \
		>"$V/log/install-db.log" 2>&1
}

db_start() {
	need mariadbd mariadb-server
	need mariadb mariadb-client
	rt_make
	mkdir -p "$V/log"
	if [ -n "${HC_DB_SOCKET:-}" ]; then
		db_alive && return 0
		say "stack: no database answers at $HC_DB_SOCKET"
		return 1
	fi
	if [ ! -d "$V/db/mysql" ]; then
		say "creating the database in $V/db"
		# Once more after a failure: on a loaded machine (another stack
		# starting beside it) its bootstrap has been seen to fail once.
		if ! install_db && ! { rm -rf "$V/db"; sleep 1; install_db; }; then
			say "stack: mariadb-install-db failed; its output ($V/log/install-db.log):"
			grep -iE 'error|fail|denied|cannot' "$V/log/install-db.log" | head -20 >&2
			return 1
		fi
	fi
	db_alive && return 0
	local as_root=()
	[ "$(id -u)" = 0 ] && as_root=(--user=root)
	# HC_DB_DURABLE=1: a flush of the redo log at each commit (the bench).
	setsid mariadbd --no-defaults "${as_root[@]}" --datadir="$V/db" \
		--socket="$SOCK" --skip-networking --pid-file="$R/run/mysqld.pid" \
		--log-error="$V/log/mariadb.log" \
		--character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
		--innodb-buffer-pool-size="${HC_DB_POOL:-256M}" \
		--innodb-flush-log-at-trx-commit="${HC_DB_FLUSH:-$([ "${HC_DB_DURABLE:-0}" = 1 ] && echo 1 || echo 2)}" \
		--max-connections=600 ${HC_DB_ARGS:-} \
		</dev/null >"$V/log/mariadbd.out" 2>&1 &
	local pid=$!
	for _ in $(seq 1 300); do
		db_alive && return 0
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	say "MariaDB did not start:"
	tail -20 "$V/log/mariadb.log" "$V/log/mariadbd.out" >&2 2>/dev/null || true
	return 1
}

db_stop() {
	[ -n "$R" ] && [ -z "${HC_DB_SOCKET:-}" ] || return 0
	if db_alive; then
		mariadb-admin --no-defaults -S "$SOCK" -u "$ME" shutdown 2>/dev/null || true
	fi
	if [ -f "$R/run/mysqld.pid" ]; then
		local pid; pid=$(cat "$R/run/mysqld.pid" 2>/dev/null || true)
		for _ in $(seq 1 100); do
			[ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || break
			sleep 0.1
		done
	fi
}

db_setup() {
	[ -f "$V/db.pass" ] || { random_hex 16 >"$V/db.pass"; chmod 600 "$V/db.pass"; }
	local pass; pass=$(cat "$V/db.pass")
	admin_sql <<-SQL
		CREATE DATABASE IF NOT EXISTS healthcard CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
		CREATE USER IF NOT EXISTS 'healthcard'@'localhost' IDENTIFIED BY '$pass';
		GRANT SELECT, INSERT, UPDATE, DELETE ON healthcard.* TO 'healthcard'@'localhost';
	SQL
	HC_MYSQL="mariadb --no-defaults -S $SOCK -u $ME healthcard" "$ROOT/tools/migrate.sh"
	local people
	people=$(admin_sql -N healthcard -e 'SELECT COUNT(*) FROM people')
	if [ "$people" = 0 ] && [ "$#" -gt 0 ]; then
		say "loading demo data: $*"
		"$ROOT/build/demogen" "$@" --today "$(TZ=Asia/Shanghai date +%F)" | admin_sql healthcard
	fi
}

# subst FILE NAME=VALUE...: FILE with each @NAME@ replaced (any characters
# in VALUE, '&' and '|' included).
subst() {
	local text pair name value
	text=$(cat "$1")
	shift
	for pair in "$@"; do
		name=${pair%%=*} value=${pair#*=}
		text=${text//"@$name@"/"$value"}
	done
	printf '%s\n' "$text"
}

write_conf() {
	need apache2 apache2
	web_rt
	logs=$V/log${HOST:+/host-$HOST}
	mkdir -p "$logs"
	local bin=${HC_BIN_DIR:-$ROOT/build/cgi-bin}
	[ -x "$bin/card" ] || { say "stack: no page programs in $bin: run make first"; exit 1; }
	# What the page processes read, copied where they can read it.
	rm -rf "$W/bin" "$W/templates" "$W/htdocs" "$W/conf"
	cp -R "$bin" "$W/bin"
	cp -R "$ROOT/templates" "$W/templates"
	# With their times: Apache's ETag is the file's time and size, and
	# every host of a site must give a file the same one (a load balancer
	# sends the revalidation to any host).
	cp -Rp "$ROOT/htdocs" "$W/htdocs"
	cp -R "$ROOT/conf" "$W/conf"
	[ -f "$V/secret.key" ] || { random_hex 32 >"$V/secret.key"; chmod 600 "$V/secret.key"; }
	cp "$V/secret.key" "$W/secret.key"
	cat >"$W/healthcard.hdf" <<-HDF
		#include "$W/conf/healthcard.hdf"
		DB.Socket = $SOCK
		$(i=0; for f in ${HC_DB_FALLBACK:-}; do echo "DB.Fallback.$i.Socket = $f"; i=$((i + 1)); done)
		DB.User = healthcard
		DB.Password = $(cat "$V/db.pass")
		Auth.SecretFile = $W/secret.key
		Paths.Templates = $W/templates
		Paths.UploadTmp = $W/tmp
		Paths.Uploads = $R/uploads
	HDF
	if [ -n "${HC_AUTH_MODE:-}" ]; then
		echo "Auth.Mode = $HC_AUTH_MODE" >>"$W/healthcard.hdf"
	fi
	# Lines for the app config (a test's policy), one per line; @RT@
	# stands for the runtime folder (paths the page processes must reach).
	if [ -n "${HC_EXTRA_CONF:-}" ]; then
		printf '%s\n' "${HC_EXTRA_CONF//@RT@/$W}" >>"$W/healthcard.hdf"
	fi
	mkdir -p "$W/run/fcgid" "$R/uploads" "$W/tmp"
	local user_lines=""
	if [ "$(id -u)" = 0 ]; then
		# Apache will not run its children as root: they run as www-data,
		# which must read the config and the key and write its own dirs.
		user_lines=$'User www-data\nGroup www-data'
		chown -R www-data:www-data "$W/run/fcgid" "$W/tmp" "$R/uploads"
		chgrp www-data "$W/healthcard.hdf" "$W/secret.key"
		chmod 640 "$W/healthcard.hdf" "$W/secret.key"
	else
		chmod 600 "$W/healthcard.hdf" "$W/secret.key"
	fi
	subst "$ROOT/conf/httpd-dev.conf.in" BIN="$W/bin" ROOT="$W" RT="$W" \
		LOG="$logs" PORT="$PORT" >"$W/httpd.conf"
	printf '%s\n' "$user_lines" >"$W/httpd-user.conf"
	if [ -n "${HC_EXTRA_APACHE:-}" ]; then
		printf '%s\n' "$HC_EXTRA_APACHE" >>"$W/httpd-user.conf"
	fi
}

web_alive() { curl -s -o /dev/null "http://127.0.0.1:$PORT/static/style.css"; }

web_start() {
	local out
	if ! out=$(apache2 -f "$W/httpd.conf" -k start 2>&1); then
		say "Apache did not start: $out"
		tail -20 "${logs:-$V/log}/error.log" >&2 2>/dev/null || true
		return 1
	fi
	for _ in $(seq 1 100); do
		web_alive && return 0
		sleep 0.1
	done
	say "Apache did not start; see ${logs:-$V/log}/error.log${out:+ ($out)}"
	tail -20 "${logs:-$V/log}/error.log" >&2 2>/dev/null || true
	return 1
}

web_stop() {
	[ -n "$W" ] && [ -f "$W/httpd.conf" ] || return 0
	local pid=""
	[ -f "$W/run/httpd.pid" ] && pid=$(cat "$W/run/httpd.pid" 2>/dev/null || true)
	apache2 -f "$W/httpd.conf" -k stop 2>/dev/null || true
	for _ in $(seq 1 100); do
		[ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
}

start() {
	shift 3 || shift $#
	db_start
	db_setup "$@"
	write_conf
	web_start
	echo "$PORT" >"$V/port"
}

stop() {
	local h
	# Every further host first, then the first one, then the database.
	for h in "$V"/rt-*; do
		[ -L "$h" ] || continue
		HOST=${h##*/rt-} W=$(readlink -f "$h") web_stop
	done
	W=$R
	web_stop
	db_stop
}

case "$cmd" in
start)
	start "$@"
	;;
run)
	start "$@"
	trap 'echo; say "stopping"; stop; exit 0' INT TERM
	cat <<-EOF

		healthcard is running at http://127.0.0.1:$PORT/
		Demo accounts (password: demo):
		  student    an undergraduate (full check-in history, nothing yet today)
		  grad       a graduate student
		  counselor  the counselor of both
		  reviewer   their college reviewer
		  admin      the school admin
		  gate       gate staff (lands on the scanner: /scan)
		  dorm       dorm staff
		  (every generated person also logs in with their number)
		The gate: admin adds a phone on /gates; a green card's QR opens /scan.
		Logs: $V/log/   Press Ctrl-C to stop both servers.
	EOF
	while true; do sleep 3600 & wait $!; done
	;;
stop)
	stop
	;;
purge)
	# Stop, then remove VARDIR and its runtime folders: the tests' stacks.
	stop
	for h in "$V"/rt-*; do
		[ -L "$h" ] && rm -rf "$(readlink -f "$h")"
	done
	[ -z "$R" ] || rm -rf "$R"
	rm -rf "$V"
	;;
sql)
	# In the school's zone (conf's Time.Zone), as the pages' connections
	# are: CURDATE() and NOW() in plain SQL mean the school's day, also
	# between 16:00 and 24:00 UTC.
	shift 2
	off=$(TZ=$(sed -n 's/^Time\.Zone *= *//p' "$ROOT/conf/healthcard.hdf") date +%:z)
	admin_sql --init-command="SET time_zone = '$off'" healthcard "$@"
	;;
dbstop)
	db_stop
	;;
webstart)
	[ -n "$R" ] && db_alive || { say "stack: the database of $V is not running"; exit 1; }
	write_conf
	web_start
	;;
webstop)
	web_rt
	web_stop
	;;
dbstart)
	db_start
	;;
*)
	say "unknown command $cmd"
	exit 2
	;;
esac
