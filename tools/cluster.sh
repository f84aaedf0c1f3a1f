#!/usr/bin/env bash
# cluster.sh - three MariaDB nodes in one Galera cluster on the loopback,
# and two web hosts (Apache + mod_fcgid + the page programs), each with its
# page processes on a node of its own and the other nodes as fallbacks:
# the shape of a multi-campus deployment, for the tests and the benchmark.
#
#   cluster.sh start  VARDIR PORT [DEMO_ARGS...]   nodes, then hosts A and B
#   cluster.sh stop   VARDIR                       hosts, then nodes
#   cluster.sh webrestart VARDIR                   hosts A and B anew (settings)
#   cluster.sh purge  VARDIR                       stop, remove everything
#   cluster.sh status VARDIR                       each node's Galera state
#   cluster.sh nodestop|nodekill|nodestart VARDIR N  one node (1, 2 or 3):
#                     a clean shutdown, kill -9, or a (re)join by IST/SST
#   cluster.sh sql    VARDIR N [mariadb args...]   a client on node N
#   cluster.sh wait   VARDIR [SECONDS]             until 3 members are synced
#
# Ports (all on 127.0.0.1): host A PORT, host B PORT+1; node N listens for
# clients on PORT+10N, for the group on PORT+10N+1, IST on +2, SST on +3.
# Host A's pages use node 1 (then 2, 3), host B's node 2 (then 3, 1). Both
# hosts share VARDIR's secret key and database password (tools/stack.sh:
# host A is VARDIR's first host, B its host "b"). Both read with causal
# reads (DB.SyncWait = 1) unless HC_SYNC_WAIT=0.
#
# The nodes' data directories and sockets live in a runtime folder under
# /var/tmp (VARDIR/cluster points to it), owned by the user the servers
# run as (mysql when started by root): rsync SST runs an rsync daemon as
# that user, which must write the joiner's data directory, and a 0700
# home on the way would stop it.
set -euo pipefail
PATH=$PATH:/usr/local/sbin:/usr/sbin:/sbin
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cmd=${1:?usage: cluster.sh start|stop|purge|status|nodestop|nodekill|nodestart|sql|wait VARDIR ...}
mkdir -p "${2:?VARDIR}"
V=$(cd "$2" && pwd)
ME=$(id -un)
RUNAS=$ME
[ "$(id -u)" = 0 ] && RUNAS=mysql
PROVIDER=${HC_GALERA_PROVIDER:-/usr/lib/galera/libgalera_smm.so}
say() { printf '%s\n' "$*" >&2; }

if [ -L "$V/cluster" ] && [ -d "$V/cluster/" ]; then
	C=$(readlink -f "$V/cluster")
else
	C=""
fi
# start takes the ports given; every later command those of the start.
if [ "$cmd" = start ]; then
	PORT=${3:-}
else
	PORT=$(cat "$V/cluster-port" 2>/dev/null || true)
fi

sock() { echo "$C/n$1/mysqld.sock"; }
client() { local n=$1; shift; mariadb --no-defaults -S "$(sock "$n")" -u "$ME" "$@"; }
alive() { client "$1" -N -e 'SELECT 1' >/dev/null 2>&1; }
# state N: "<wsrep_local_state> <wsrep_cluster_size> <wsrep_ready>"
state() {
	client "$1" -N -e "SELECT (SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'WSREP_LOCAL_STATE'),
		(SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'WSREP_CLUSTER_SIZE'),
		(SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'WSREP_READY')" 2>/dev/null | tr '\t' ' '
}
pidfile() { echo "$C/n$1/mysqld.pid"; }
running() { [ -f "$(pidfile "$1")" ] && kill -0 "$(cat "$(pidfile "$1")")" 2>/dev/null; }

make_rt() {
	[ -n "$C" ] && return 0
	C=$(mktemp -d /var/tmp/healthcard-cluster.XXXXXXXX)
	chmod 755 "$C"
	ln -sfn "$C" "$V/cluster"
}

install_db() {
	mariadb-install-db --no-defaults --user="$RUNAS" --datadir="$C/n$1/db" \
		--auth-root-authentication-method=socket --auth-root-socket-user="$ME" \
		>"$C/n$1/log/install-db.log" 2>&1
}

node_start() {
	local n=$1 bootstrap=${2:-} p=$((PORT + 10 * $1)) addrs
	running "$n" && return 0
	mkdir -p "$C/n$n/log"
	if [ ! -d "$C/n$n/db/mysql" ]; then
		# Only the first node needs its own system tables; the others
		# receive everything by SST, but start from an installed folder.
		[ "$RUNAS" = "$ME" ] || chown -R "$RUNAS" "$C/n$n"
		# Once more after a failure, as tools/stack.sh: on a loaded
		# machine the bootstrap has been seen to fail once.
		if ! install_db "$n" && ! { rm -rf "$C/n$n/db"; sleep 1; install_db "$n"; }; then
			say "cluster: mariadb-install-db failed for node $n ($C/n$n/log/install-db.log)"
			return 1
		fi
	fi
	[ "$RUNAS" = "$ME" ] || chown -R "$RUNAS" "$C/n$n"
	if [ -n "$bootstrap" ] && [ -f "$C/n$n/db/grastate.dat" ]; then
		# A test cluster whose nodes all stopped: this one starts it
		# again (on the ports of this start, not the last view's).
		sed -i 's/^safe_to_bootstrap: 0/safe_to_bootstrap: 1/' "$C/n$n/db/grastate.dat"
		rm -f "$C"/n*/db/gvwstate.dat
	fi
	# A killed server leaves its pid file: not this start's.
	rm -f "$(pidfile "$n")"
	# After a crash (kill -9) Galera's saved state has no position
	# (seqno -1), and the node would take a full copy (SST). InnoDB knows
	# the last transaction it committed: recover it (as Debian's
	# galera_recovery does) and start from there, so the node only
	# receives what it missed (IST) when the donor still has it.
	local start_pos=()
	if [ -z "$bootstrap" ] && grep -q '^seqno: *-1' "$C/n$n/db/grastate.dat" 2>/dev/null; then
		local pos
		mariadbd --no-defaults --user="$RUNAS" --datadir="$C/n$n/db" --wsrep-recover \
			--wsrep-on=ON --wsrep-provider="$PROVIDER" --wsrep-cluster-address=gcomm:// \
			--binlog-format=ROW --innodb-autoinc-lock-mode=2 --skip-networking \
			--socket="$C/n$n/recover.sock" --log-error="$C/n$n/log/recover.log" >/dev/null 2>&1 || true
		pos=$(grep -o 'Recovered position: [0-9a-f-]*:[0-9-]*' "$C/n$n/log/recover.log" 2>/dev/null | tail -1 | cut -d' ' -f3)
		rm -f "$C/n$n/log/recover.log"
		[ -n "$pos" ] && [ "${pos##*:}" != -1 ] && start_pos=(--wsrep-start-position="$pos")
	fi
	addrs="127.0.0.1:$((PORT + 11)),127.0.0.1:$((PORT + 21)),127.0.0.1:$((PORT + 31))"
	setsid mariadbd --no-defaults --user="$RUNAS" --datadir="$C/n$n/db" \
		--socket="$(sock "$n")" --port="$p" --bind-address=127.0.0.1 \
		--pid-file="$(pidfile "$n")" --log-error="$C/n$n/log/mariadb.log" \
		--character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
		--innodb-buffer-pool-size="${HC_DB_POOL:-256M}" \
		--innodb-flush-log-at-trx-commit="${HC_DB_FLUSH:-$([ "${HC_DB_DURABLE:-0}" = 1 ] && echo 1 || echo 2)}" \
		--max-connections=800 \
		--binlog-format=ROW --default-storage-engine=InnoDB --innodb-autoinc-lock-mode=2 \
		--wsrep-on=ON --wsrep-provider="$PROVIDER" --wsrep-cluster-name="hc-$PORT" \
		--wsrep-cluster-address="gcomm://$addrs" --wsrep-node-name="n$n" \
		--wsrep-node-address="127.0.0.1:$((p + 1))" \
		--wsrep-provider-options="gmcast.listen_addr=tcp://127.0.0.1:$((p + 1));ist.recv_addr=127.0.0.1:$((p + 2))" \
		--wsrep-sst-receive-address="127.0.0.1:$((p + 3))" --wsrep-sst-method=rsync \
		${bootstrap:+--wsrep-new-cluster} "${start_pos[@]}" ${HC_DB_ARGS:-} \
		</dev/null >"$C/n$n/log/mariadbd.out" 2>&1 &
}

# wait_synced N SECONDS: node N answers and is Synced (4) and ready.
wait_synced() {
	local n=$1 s
	for _ in $(seq 1 $((${2:-120} * 5))); do
		s=$(state "$n" || true)
		case $s in "4 "*" ON") return 0 ;; esac
		# Started but gone (wsrep aborts a node whose SST failed).
		if [ -f "$(pidfile "$n")" ] && ! running "$n"; then
			s="exited"
			break
		fi
		sleep 0.2
	done
	say "cluster: node $n is not synced (state: ${s:-no answer}); $C/n$n/log/mariadb.log:"
	grep -E 'ERROR|WSREP_SST' "$C/n$n/log/mariadb.log" | tail -8 >&2
	return 1
}

wait_all() {
	local n t=${1:-180}
	for n in 1 2 3; do wait_synced "$n" "$t" || return 1; done
	for _ in $(seq 1 100); do
		[ "$(state 1 | cut -d' ' -f2 || true)" = 3 ] && return 0
		sleep 0.2
	done
	say "cluster: node 1 sees $(state 1 | cut -d' ' -f2 || true) members, not 3"
	return 1
}

node_stop() {
	local n=$1 pid
	running "$n" || return 0
	pid=$(cat "$(pidfile "$n")")
	mariadb-admin --no-defaults -S "$(sock "$n")" -u "$ME" shutdown 2>/dev/null || kill "$pid" 2>/dev/null || true
	for _ in $(seq 1 300); do
		kill -0 "$pid" 2>/dev/null || return 0
		sleep 0.1
	done
	kill -9 "$pid" 2>/dev/null || true
}

# The web hosts: tools/stack.sh on an outside database.
host() {
	local name=$1 n=$2 port=$3; shift 3
	local fb="" k
	for k in 1 2 3; do
		[ "$k" = "$n" ] || fb="$fb $(sock "$k")"
	done
	# The other nodes after this one, in ring order (B: 3 then 1).
	[ "$n" = 2 ] && fb="$(sock 3) $(sock 1)"
	HC_HOST=$name HC_DB_SOCKET=$(sock "$n") HC_DB_FALLBACK=$fb \
		HC_EXTRA_CONF="${HC_EXTRA_CONF:-}${HC_EXTRA_CONF:+
}DB.SyncWait = ${HC_SYNC_WAIT:-1}" "$ROOT/tools/stack.sh" "$@"
}

# What a node's state transfer left running when the node died (the
# joiner's rsync daemon holds the SST port): stopped with it.
# By the pid the SST script wrote in the node's data directory: never by
# name (another stack's daemons look the same).
reap() {
	local f pid
	for f in "$C/n$1/db"/rsync_sst.pid; do
		[ -f "$f" ] || continue
		pid=$(cat "$f" 2>/dev/null || true)
		[ -n "$pid" ] && kill -9 "$pid" 2>/dev/null || true
		rm -f "$f"
	done
}

stop_all() {
	[ -n "$C" ] || return 0
	HC_DB_SOCKET=$(sock 1) "$ROOT/tools/stack.sh" stop "$V" >/dev/null 2>&1 || true
	local n
	for n in 3 2 1; do node_stop "$n"; reap "$n"; done
}

case "$cmd" in
start)
	[ -n "$PORT" ] || { say "usage: cluster.sh start VARDIR PORT [DEMO_ARGS...]"; exit 2; }
	shift 3 || shift $#
	[ -x "$PROVIDER" ] || [ -f "$PROVIDER" ] ||
		{ say "cluster: no Galera provider at $PROVIDER: apt-get install galera-4"; exit 1; }
	command -v rsync >/dev/null || { say "cluster: rsync is missing: apt-get install rsync"; exit 1; }
	make_rt
	echo "$PORT" >"$V/cluster-port"
	if ! running 1 && ! running 2 && ! running 3; then
		node_start 1 bootstrap
		wait_synced 1 60
	fi
	for n in 1 2 3; do node_start "$n"; done
	wait_all 180
	host "" 1 "$PORT" start "$V" "$PORT" "$@"
	host b 2 "$((PORT + 1))" webstart "$V" "$((PORT + 1))"
	;;
stop)
	stop_all
	;;
webrestart)
	# Hosts A and B again, with this environment's settings (HC_SYNC_WAIT,
	# HC_EXTRA_CONF): the nodes keep running.
	HC_DB_SOCKET=$(sock 1) "$ROOT/tools/stack.sh" stop "$V" >/dev/null 2>&1 || true
	host "" 1 "$PORT" webstart "$V" "$PORT"
	host b 2 "$((PORT + 1))" webstart "$V" "$((PORT + 1))"
	;;
purge)
	stop_all
	[ -z "$C" ] || rm -rf "$C"
	rm -rf "$V"
	;;
status)
	for n in 1 2 3; do
		if running "$n"; then
			echo "node $n: pid $(cat "$(pidfile "$n")"), state/size/ready: $(state "$n" || true)"
		else
			echo "node $n: stopped"
		fi
	done
	;;
nodestop) node_stop "${3:?N}" ;;
nodekill)
	running "${3:?N}" && kill -9 "$(cat "$(pidfile "$3")")"
	for _ in $(seq 1 50); do running "$3" || break; sleep 0.1; done
	reap "$3"
	;;
nodestart)
	reap "${3:?N}"
	node_start "$3"
	wait_synced "$3" 180
	;;
wait) wait_all "${3:-180}" ;;
sql)
	n=${3:?N}
	shift 3
	off=$(TZ=$(sed -n 's/^Time\.Zone *= *//p' "$ROOT/conf/healthcard.hdf") date +%:z)
	client "$n" --init-command="SET time_zone = '$off'" healthcard "$@"
	;;
*)
	say "unknown command $cmd"
	exit 2
	;;
esac
