#!/usr/bin/env bash
# Backups (issue 17): `healthcard-admin backup` of the test stack, with its
# data and an upload, restored by `healthcard-admin restore` onto a new
# machine (a stack of its own whose database has only the schema, as
# `healthcard-admin setup-db` leaves it): every table has the same rows,
# the upload is the same file, and a set of pages of four roles is the
# same, byte for byte but for the CSRF tokens. Restoring over data is
# refused without --force; a second migrate after it applies nothing.
. "$(dirname "$0")/lib.sh"

port=$((HC_PORT + 32))
BV=$ROOT/var/test-restore-$port
rm -rf "$BV"; mkdir -p "$BV"
trap '"$ROOT/tools/stack.sh" purge "$BV" >/dev/null 2>&1; rm -rf "$BV.log" "$T"' EXIT

# healthcard-admin VARDIR ARGS: the command from this tree on a stack, as
# root runs it on a server (the client through the stack's socket).
admin() {
	local v=$1
	shift
	HEALTHCARD_CONF=$v/healthcard.hdf HC_DATADIR=$ROOT HC_BINDIR=$ROOT/build HC_RUNAS= \
		HC_MYSQL_ADMIN="mariadb --no-defaults -S $v/run/mysqld.sock -u $(id -un)" \
		HC_MYSQLDUMP="mariadb-dump --no-defaults -S $v/run/mysqld.sock -u $(id -un)" \
		sh "$ROOT/tools/healthcard-admin.in" "$@"
}
# counts VARDIR: every table with its rows.
counts() {
	local t
	for t in $(raw_sql "SHOW TABLES" "$1"); do
		echo "$t $(raw_sql "SELECT COUNT(*) FROM \`$t\`" "$1")"
	done
}
# pages PREFIX: the pages of four roles into $T/PREFIX.*, without the
# CSRF tokens (a session's own) and the green card's QR stamp (random, so
# that the browser asks for a new code).
PAGES_STUDENT="/card /checkin/calendar /makeup /return"
pages() {
	local out=$1 who p n=0
	for who in student counselor reviewer admin; do
		login "$who" >/dev/null
		case $who in
		student) list=$PAGES_STUDENT ;;
		counselor) list="/dashboard /review /table?term=$term /person?id=$sid /card?person=$sid" ;;
		reviewer) list="/review /report?term=$term" ;;
		admin) list="/org /people?q=$snum /gates /people/edit?id=$sid" ;;
		esac
		for p in $list; do
			get "$who" "$p"
			n=$((n + 1))
			sed -E 's/(name="csrf" value=")[^"]*"/\1"/g; s/(card\/qr\?n=)[0-9]+/\1/g' "$BODY" >"$T/$out.$who.$(echo "$p" | tr '/?=&' '____')"
			[ "$STATUS" = 200 ] || echo "#   $who $p answered $STATUS"
		done
	done
}
term=$(sql "SELECT MAX(id) FROM terms")
sid=$(sql "SELECT person_id FROM accounts WHERE login = 'student'")
snum=$(sql "SELECT number FROM people WHERE id = $sid")

# An evidence file in the uploads folder, as the return page stores them.
head -c 20000 /dev/urandom >"$HC_VAR/uploads/t0094-evidence.bin"
up_sum=$(md5sum <"$HC_VAR/uploads/t0094-evidence.bin")
pages before
admin "$HC_VAR" backup "$T/backup.tar.gz" 2>"$T/backup.err"
check "healthcard-admin backup" eq "$?" 0
counts "$HC_VAR" >"$T/counts.before"
tar -tzf "$T/backup.tar.gz" >"$T/list"
check "  holds the dump and the uploads" sh -c "grep -qx healthcard.sql '$T/list' && grep -qx 'uploads/t0094-evidence.bin' '$T/list'"
tar -xzOf "$T/backup.tar.gz" healthcard.sql | head -c 100000 >"$T/dump.head"
check "  the dump is MariaDB's, of the database" grep -q 'MariaDB dump' "$T/dump.head"
check "  with the data ($(grep -c . "$T/counts.before") tables)" test "$(awk '$1=="daily_reports" {print $2}' "$T/counts.before")" -gt 1000

# A new machine: the schema only (what setup-db leaves), no data.
if ! HC_EXTRA_CONF="Dash.SnapshotSeconds = 0" "$ROOT/tools/stack.sh" start "$BV" "$port" >"$BV.log" 2>&1; then
	cat "$BV.log"
	check "the new machine's stack starts" false
	exit 1
fi
check "the new machine has no people" eq "$(raw_sql 'SELECT COUNT(*) FROM people' "$BV")" 0
admin "$BV" restore "$T/backup.tar.gz" >"$T/restore.out" 2>&1
check "healthcard-admin restore onto it" eq "$?" 0
counts "$BV" >"$T/counts.after"
check "every table has the same rows" diff "$T/counts.before" "$T/counts.after"
check "the upload is the same file" eq "$(md5sum <"$BV/uploads/t0094-evidence.bin" 2>/dev/null)" "$up_sum"
admin "$BV" migrate >"$T/migrate.out" 2>&1
check "a migrate after it applies nothing" sh -c "! grep -q applying '$T/migrate.out'"
admin "$BV" restore "$T/backup.tar.gz" >"$T/again.out" 2>&1
check "a restore over data is refused without --force" sh -c "[ $? != 0 ] && grep -q 'restore --force' '$T/again.out'"

URL=http://127.0.0.1:$port
rm -f "$T"/jar.*
pages after
same() {
	local f bad=0 n=0
	for f in "$T"/before.*; do
		n=$((n + 1))
		if ! cmp -s "$f" "$T/after.${f##*/before.}"; then
			echo "#   ${f##*/before.} differs:"
			diff "$f" "$T/after.${f##*/before.}" | head -6 | sed 's/^/#     /'
			bad=1
		fi
	done
	echo "#   $n pages compared"
	[ $bad = 0 ] && [ $n -ge 14 ]
}
check "the restored machine shows the same pages" same
rm -f "$HC_VAR/uploads/t0094-evidence.bin"
