#!/usr/bin/env bash
# stack.sh - a private MariaDB + Apache (mod_fcgid) instance under one
# directory, for `make run`, the HTTP tests and the benchmark.
#
#   stack.sh start VARDIR PORT [DEMO_ARGS...]   start (demo data loaded once)
#   stack.sh run   VARDIR PORT [DEMO_ARGS...]   start, wait for Ctrl-C, stop
#   stack.sh stop  VARDIR                       stop both servers
#   stack.sh sql   VARDIR [mariadb args...]     a client as the DB admin
#   stack.sh dbstop VARDIR / dbstart VARDIR     for the outage tests
#
# Everything the instance writes stays under VARDIR: the data directory,
# the socket VARDIR/run/mysqld.sock (no TCP port), logs, the secret key.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cmd=${1:?usage: stack.sh start|run|stop|sql VARDIR [PORT]}
mkdir -p "${2:?VARDIR}"
V=$(cd "$2" && pwd)
PORT=${3:-8080}
SOCK=$V/run/mysqld.sock
ME=$(id -un)

say() { printf '%s\n' "$*" >&2; }

admin_sql() { mariadb --no-defaults -S "$SOCK" -u "$ME" "$@"; }

random_hex() { od -An -tx1 -N"$1" /dev/urandom | tr -d ' \n'; }

db_alive() { mariadb-admin --no-defaults -S "$SOCK" -u "$ME" ping >/dev/null 2>&1; }

db_start() {
	mkdir -p "$V/run" "$V/log" "$V/tmp"
	if [ ! -d "$V/db/mysql" ]; then
		say "creating the database in $V/db"
		mariadb-install-db --no-defaults --datadir="$V/db" \
			--auth-root-authentication-method=socket >"$V/log/install-db.log" 2>&1
	fi
	db_alive && return 0
	local as_root=()
	[ "$(id -u)" = 0 ] && as_root=(--user=root)
	setsid mariadbd --no-defaults "${as_root[@]}" --datadir="$V/db" \
		--socket="$SOCK" --skip-networking --pid-file="$V/run/mysqld.pid" \
		--log-error="$V/log/mariadb.log" \
		--character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
		--innodb-buffer-pool-size="${HC_DB_POOL:-256M}" \
		--innodb-flush-log-at-trx-commit="$([ "${HC_DB_DURABLE:-}" = 1 ] && echo 1 || echo 2)" --max-connections=600 \
		</dev/null >/dev/null 2>&1 &
	for _ in $(seq 1 300); do
		db_alive && return 0
		sleep 0.1
	done
	say "MariaDB did not start; see $V/log/mariadb.log"
	tail -20 "$V/log/mariadb.log" >&2 || true
	return 1
}

db_stop() {
	if db_alive; then
		mariadb-admin --no-defaults -S "$SOCK" -u "$ME" shutdown 2>/dev/null || true
	fi
	if [ -f "$V/run/mysqld.pid" ]; then
		local pid; pid=$(cat "$V/run/mysqld.pid" 2>/dev/null || true)
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

write_conf() {
	[ -f "$V/secret.key" ] || { random_hex 32 >"$V/secret.key"; }
	cat >"$V/healthcard.hdf" <<-HDF
		#include "$ROOT/conf/healthcard.hdf"
		DB.Socket = $SOCK
		DB.User = healthcard
		DB.Password = $(cat "$V/db.pass")
		Auth.SecretFile = $V/secret.key
		Paths.Templates = $ROOT/templates
		Paths.UploadTmp = $V/tmp
		Paths.Uploads = $V/uploads
		Cache.Board = $V/run/board
	HDF
	if [ -n "${HC_AUTH_MODE:-}" ]; then
		echo "Auth.Mode = $HC_AUTH_MODE" >>"$V/healthcard.hdf"
	fi
	# Lines for the app config (a test's policy), one per line.
	if [ -n "${HC_EXTRA_CONF:-}" ]; then
		printf '%s\n' "$HC_EXTRA_CONF" >>"$V/healthcard.hdf"
	fi
	mkdir -p "$V/run/fcgid" "$V/uploads"
	# The change board (lib/board.h), made now so that it is the pages'
	# to write; everyone is marked: what the data was before is gone.
	hc_board init
	local user_lines=""
	if [ "$(id -u)" = 0 ]; then
		# Apache will not run its children as root: they run as www-data,
		# which must read the config and the key and write its own dirs.
		user_lines=$'User www-data\nGroup www-data'
		chown -R www-data:www-data "$V/run/fcgid" "$V/tmp" "$V/uploads" "$V/run/board"
		chgrp www-data "$V/healthcard.hdf" "$V/secret.key"
		chmod 640 "$V/healthcard.hdf" "$V/secret.key"
	else
		chmod 600 "$V/healthcard.hdf" "$V/secret.key"
	fi
	# HC_BIN_DIR: other builds of the page programs (make test-asan).
	sed -e "s|@BIN@|${HC_BIN_DIR:-$ROOT/build/cgi-bin}|g" \
		-e "s|@ROOT@|$ROOT|g" -e "s|@VAR@|$V|g" -e "s|@PORT@|$PORT|g" \
		"$ROOT/conf/httpd-dev.conf.in" >"$V/httpd.conf"
	printf '%s\n' "$user_lines" >"$V/httpd-user.conf"
	if [ -n "${HC_EXTRA_APACHE:-}" ]; then
		printf '%s\n' "$HC_EXTRA_APACHE" >>"$V/httpd-user.conf"
	fi
}

# The stack's change board by hand (tools/hcboard.c); "touch": every page
# process re-reads what it kept (after plain SQL).
hc_board() { HEALTHCARD_CONF="$V/healthcard.hdf" "$ROOT/build/hc-board" "$@"; }

web_alive() { curl -s -o /dev/null "http://127.0.0.1:$PORT/static/style.css"; }

web_start() {
	apache2 -f "$V/httpd.conf" -k start
	for _ in $(seq 1 100); do
		web_alive && return 0
		sleep 0.1
	done
	say "Apache did not start; see $V/log/error.log"
	tail -20 "$V/log/error.log" >&2 || true
	return 1
}

web_stop() {
	[ -f "$V/httpd.conf" ] || return 0
	local pid=""
	[ -f "$V/run/httpd.pid" ] && pid=$(cat "$V/run/httpd.pid" 2>/dev/null || true)
	apache2 -f "$V/httpd.conf" -k stop 2>/dev/null || true
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
sql)
	shift 2
	# Plain SQL goes around the pages: they must not trust what they kept.
	rc=0
	admin_sql healthcard "$@" || rc=$?
	[ ! -f "$V/healthcard.hdf" ] || hc_board touch
	exit "$rc"
	;;
dbstop)
	db_stop
	;;
dbstart)
	db_start
	;;
*)
	say "unknown command $cmd"
	exit 2
	;;
esac
