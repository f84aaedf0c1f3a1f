#!/usr/bin/env bash
# The migration from the previous version: a database made by its
# `make migrate` (sql/ as of PREV, the last version with the revision
# triggers, person_revs, the change board's notes and dash_rollups) with
# demo data in it, then this version's tools/migrate.sh. The card facts
# are built for the data that was there (hc-facts check: no difference)
# and what is retired is gone.
. "$(dirname "$0")/lib.sh"

PREV=fb02c7c
DB=hc_prev_$$
CLIENT="mariadb --no-defaults -S $HC_VAR/run/mysqld.sock -u $(id -un)"
admin() { $CLIENT -N -B "$@"; }

if ! git -C "$ROOT" cat-file -e "$PREV^{commit}" 2>/dev/null; then
	check "the previous version ($PREV) is in the repository's history" false
	exit 0
fi
# The previous version's migrations, run by its own migrate.sh.
mkdir -p "$T/prev/sql" "$T/prev/tools"
git -C "$ROOT" show "$PREV:tools/migrate.sh" >"$T/prev/tools/migrate.sh"
for f in $(git -C "$ROOT" ls-tree --name-only "$PREV" sql/); do
	git -C "$ROOT" show "$PREV:$f" >"$T/prev/$f"
done
admin -e "CREATE DATABASE $DB CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
	GRANT SELECT, INSERT, UPDATE, DELETE ON $DB.* TO 'healthcard'@'localhost'"
trap 'admin -e "DROP DATABASE IF EXISTS $DB"; rm -rf "$T"' EXIT
HC_MYSQL="$CLIENT $DB" bash "$T/prev/tools/migrate.sh" 2>/dev/null
check "the previous schema is made, with its revision triggers" \
	test "$(admin "$DB" -e "SELECT COUNT(*) FROM information_schema.TRIGGERS
		WHERE TRIGGER_SCHEMA = '$DB'")" -ge 40
# Demo data as the previous version loaded it (no card_facts line, and no
# central_tests line: that table came later).
"$ROOT/build/demogen" --students 200 --days 40 --seed 11 --today "$(TZ=Asia/Shanghai date +%F)" |
	grep -v -e card_facts -e central_tests | admin "$DB"
check "demo data loaded into it" test "$(admin "$DB" -e "SELECT COUNT(*) FROM daily_reports")" -gt 1000

HC_MYSQL="$CLIENT $DB" "$ROOT/tools/migrate.sh" 2>"$T/migrate.log"
# Every migration this version holds past the previous one's 008.
want=$(ls "$ROOT"/sql | sed -n 's/^0*\([0-9][0-9]*\)_.*\.sql$/\1/p' | awk '$1 > 8' | sort -n | paste -sd, -)
check "this version's migrate.sh applies 009 to 012 and every later one ($want)" \
	eval '[ -n "$want" ] && case ",$want," in *,9,10,11,12,*) true ;; *) false ;; esac &&
	eq "$(admin "$DB" -e "SELECT GROUP_CONCAT(version ORDER BY version) FROM schema_version WHERE version > 8")" "$want"'
check "a row of facts for every person and term" \
	eq "$(admin "$DB" -e "SELECT COUNT(*) FROM card_facts")" \
	   "$(admin "$DB" -e "SELECT COUNT(*) FROM people JOIN terms")"
printf '#include "%s"\nDB.Name = %s\n' "$HC_VAR/healthcard.hdf" "$DB" >"$T/prev.hdf"
HEALTHCARD_CONF=$T/prev.hdf "$ROOT/build/hc-facts" check >"$T/check" 2>&1
check "hc-facts check on the migrated data: no difference ($(tail -1 "$T/check"))" \
	grep -qx "0 rows differ" "$T/check"
check "no trigger is left" \
	eq "$(admin "$DB" -e "SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = '$DB'")" 0
check "person_revs and dash_rollups are gone" \
	eq "$(admin "$DB" -e "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '$DB'
		AND TABLE_NAME IN ('person_revs', 'dash_rollups')")" 0
HC_MYSQL="$CLIENT $DB" "$ROOT/tools/migrate.sh" 2>"$T/again.log"
check "migrating again applies nothing" test ! -s "$T/again.log"
# What a Galera cluster replicates (README, "A cluster"): InnoDB tables,
# each with a primary key (rows without one cannot be certified).
check "every table of the migrated schema is InnoDB with a primary key" \
	eq "$(admin "$DB" -e "SELECT COALESCE(GROUP_CONCAT(t.TABLE_NAME), 'none')
		FROM information_schema.TABLES t WHERE t.TABLE_SCHEMA = '$DB' AND t.TABLE_TYPE = 'BASE TABLE'
		AND (t.ENGINE <> 'InnoDB' OR NOT EXISTS (SELECT 1 FROM information_schema.TABLE_CONSTRAINTS c
			WHERE c.TABLE_SCHEMA = t.TABLE_SCHEMA AND c.TABLE_NAME = t.TABLE_NAME
			AND c.CONSTRAINT_TYPE = 'PRIMARY KEY'))")" none
