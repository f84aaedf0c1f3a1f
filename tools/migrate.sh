#!/usr/bin/env bash
# migrate.sh - applies the pending migrations in sql/ (NNN_name.sql, in
# order) and records each in schema_version, then makes the views of
# sql/views/ anew (code, not history: each file one CREATE OR REPLACE VIEW
# written for the newest schema) and writes anew the rows a migration
# applied in this run asks for (a line "-- rebuild: T": the table T
# replaced from its view T_expected). What IT runs when upgrading:
#   HC_MYSQL="mariadb -S /path/to/mysqld.sock -u admin healthcard" tools/migrate.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
MYSQL=${HC_MYSQL:?set HC_MYSQL to a mariadb client command for the database}

have_table=$($MYSQL -N -e "SELECT COUNT(*) FROM information_schema.tables
	WHERE table_schema = DATABASE() AND table_name = 'schema_version'")
# Every migration not recorded yet, in order: branches numbered apart
# (004, 005 and 006 written at the same time) may land in any order, and a
# database that has 006 must still get 004 when it arrives.
applied=" "
if [ "$have_table" = 1 ]; then
	applied=" $($MYSQL -N -e 'SELECT version FROM schema_version' | tr '\n' ' ') "
fi
rebuild=" "
for f in "$ROOT"/sql/[0-9][0-9][0-9]_*.sql; do
	n=$(basename "$f"); n=$((10#${n%%_*}))
	case "$applied" in *" $n "*) continue ;; esac
	echo "migrate: applying $(basename "$f")" >&2
	$MYSQL <"$f"
	$MYSQL -e "INSERT INTO schema_version (version) VALUES ($n)"
	for t in $(sed -n 's/^-- rebuild: \([a-z_]*\)$/\1/p' "$f"); do
		case "$rebuild" in *" $t "*) ;; *) rebuild="$rebuild$t " ;; esac
	done
done
for v in "$ROOT"/sql/views/*.sql; do
	if [ -e "$v" ]; then $MYSQL <"$v"; fi
done
# Whole-table reads of a view: its derived tables built once, not once per
# row (MariaDB's "lateral derived" plan, chosen on stale statistics, took
# minutes for 30,000 people instead of seconds).
for t in $rebuild; do
	echo "migrate: writing $t anew from ${t}_expected" >&2
	$MYSQL -e "SET STATEMENT optimizer_switch = 'split_materialized=off' FOR
		REPLACE INTO $t SELECT * FROM ${t}_expected"
done
