#!/usr/bin/env bash
# Campus login against a real directory (issue 17): OpenLDAP's slapd from
# Debian, started here on a port and a data folder of its own, with a few
# people; Apache's mod_authnz_ldap in front of the site (as
# conf/examples/sso-ldap.conf), the app in Auth.Mode = remote_user. People
# log in with their directory name (uid); the directory's employeeNumber,
# their 学号/工号, is what Apache hands the app (AuthLDAPRemoteUserAttribute),
# the login healthcard knows. A student lands on their card; a person the
# school has not registered gets the clear page; a disabled account is
# refused; a wrong directory password never reaches the app.
. "$(dirname "$0")/lib.sh"

PATH=$PATH:/usr/sbin:/sbin
port=$((HC_PORT + 34))
lport=$((HC_PORT + 35))
RV=$ROOT/var/test-ldap-$port
# slapd's folder: one Apache's children need not pass, but slapd (root,
# or this user) must; /var/tmp like the stacks' runtime folders.
L=$(mktemp -d /var/tmp/healthcard-ldap.XXXXXXXX)
rm -rf "$RV"; mkdir -p "$RV" "$L/data"
stop_slapd() { [ -f "$L/slapd.pid" ] && kill "$(cat "$L/slapd.pid")" 2>/dev/null; }
trap 'stop_slapd; "$ROOT/tools/stack.sh" purge "$RV" >/dev/null 2>&1; rm -rf "$RV.log" "$L" "$T"' EXIT

cat >"$L/slapd.conf" <<EOF
include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/nis.schema
include /etc/ldap/schema/inetorgperson.schema
modulepath /usr/lib/ldap
moduleload back_mdb
pidfile $L/slapd.pid
database mdb
maxsize 67108864
suffix "dc=example,dc=edu,dc=cn"
rootdn "cn=admin,dc=example,dc=edu,dc=cn"
rootpw admin-secret
directory $L/data
access to attrs=userPassword by anonymous auth by * none
access to * by * read
EOF
slapd -f "$L/slapd.conf" -h "ldap://127.0.0.1:$lport/" >"$L/slapd.out" 2>&1
for _ in $(seq 1 50); do
	ldapsearch -x -H "ldap://127.0.0.1:$lport/" -b "" -s base >/dev/null 2>&1 && break
	sleep 0.1
done
M=/usr/lib/apache2/modules
export HC_AUTH_MODE=remote_user
export HC_EXTRA_APACHE="LoadModule ldap_module $M/mod_ldap.so
LoadModule authnz_ldap_module $M/mod_authnz_ldap.so
LoadModule auth_basic_module $M/mod_auth_basic.so
LoadModule authn_core_module $M/mod_authn_core.so
LoadModule authz_user_module $M/mod_authz_user.so
<Location />
    AuthType Basic
    AuthName \"campus\"
    AuthBasicProvider ldap
    AuthLDAPURL \"ldap://127.0.0.1:$lport/ou=people,dc=example,dc=edu,dc=cn?uid,employeeNumber?sub?(objectClass=inetOrgPerson)\"
    AuthLDAPRemoteUserAttribute employeeNumber
    Require valid-user
</Location>"
if ! "$ROOT/tools/stack.sh" start "$RV" "$port" --students 100 --days 5 >"$RV.log" 2>&1; then
	cat "$RV.log"
	check "the LDAP stack starts" false
	exit 1
fi
rsql() { "$ROOT/tools/stack.sh" sql "$RV" -N -B -e "$1"; }
# The people: a student and a counselor the school knows, a newcomer it
# does not, each with a directory name other than their number.
snum=$(rsql "SELECT p.number FROM accounts a JOIN people p ON p.id = a.person_id
	WHERE a.login = p.number AND a.disabled = 0 AND p.identity = 'undergrad'
	ORDER BY a.person_id LIMIT 1")
sname=$(rsql "SELECT name FROM people WHERE number = '$snum'")
check "the school has a student who logs in with their number ($snum)" test -n "$snum"
pw() { slappasswd -s "$1"; }
cat >"$L/people.ldif" <<EOF
dn: dc=example,dc=edu,dc=cn
objectClass: dcObject
objectClass: organization
dc: example
o: Example University

dn: ou=people,dc=example,dc=edu,dc=cn
objectClass: organizationalUnit
ou: people

dn: uid=s.wang,ou=people,dc=example,dc=edu,dc=cn
objectClass: inetOrgPerson
uid: s.wang
cn: $sname
sn: $sname
employeeNumber: $snum
userPassword: $(pw stud-pass-1)

dn: uid=t.liu,ou=people,dc=example,dc=edu,dc=cn
objectClass: inetOrgPerson
uid: t.liu
cn: counselor
sn: counselor
employeeNumber: counselor
userPassword: $(pw coun-pass-1)

dn: uid=n.zhao,ou=people,dc=example,dc=edu,dc=cn
objectClass: inetOrgPerson
uid: n.zhao
cn: newcomer
sn: newcomer
employeeNumber: N-not-registered
userPassword: $(pw new-pass-1)
EOF
ldapadd -x -H "ldap://127.0.0.1:$lport/" -D "cn=admin,dc=example,dc=edu,dc=cn" -w admin-secret \
	-f "$L/people.ldif" >"$L/add.out" 2>&1
check "slapd runs on port $lport with three people" \
	eq "$(ldapsearch -x -LLL -H "ldap://127.0.0.1:$lport/" -b "ou=people,dc=example,dc=edu,dc=cn" '(objectClass=inetOrgPerson)' dn | grep -c '^dn:')" 3
check "the directory checks passwords (a bind as the student)" \
	ldapwhoami -x -H "ldap://127.0.0.1:$lport/" -D "uid=s.wang,ou=people,dc=example,dc=edu,dc=cn" -w stud-pass-1

LURL=http://127.0.0.1:$port
as() {  # as USER:PASS PATH: one request with those directory credentials
	STATUS=$(curl -s -o "$BODY" -D "$HEADERS" -w '%{http_code}' -u "$1" "$LURL$2")
}
loc() { sed -n 's/^Location: *//Ip' "$HEADERS" | tr -d '\r'; }

STATUS=$(curl -s -o "$BODY" -w '%{http_code}' "$LURL/")
check "without credentials Apache asks for the campus login" status_is 401
as s.wang:stud-pass-1 /
check "the student logs in through the directory and is sent to their card" eq "$STATUS $(loc)" "303 /card"
as s.wang:stud-pass-1 /card
check "  their card" status_is 200
check "  with their name" body_has "$sname"
as s.wang:wrong-pass /card
check "a wrong directory password is refused by Apache" status_is 401
as t.liu:coun-pass-1 /
check "the counselor (directory name t.liu) reaches their home" status_is 200
check "  as the counselor" body_has "辅导员"
as n.zhao:new-pass-1 /
check "a person the school has not registered is sent to the login page" eq "$STATUS $(loc)" "303 /login?next=%2F"
as n.zhao:new-pass-1 /login
check "  which says so, 403" status_is 403
check "  in words" body_has "尚未在本系统登记"
rsql "UPDATE accounts SET disabled = 1 WHERE login = '$snum'"
as s.wang:stud-pass-1 /card
check "a disabled account is refused with a valid directory password" eq "$STATUS $(loc)" "303 /login?next=%2Fcard"
rsql "UPDATE accounts SET disabled = 0 WHERE login = '$snum'"
as s.wang:stud-pass-1 /card
check "  and let in once enabled" status_is 200
# Only Apache's word counts: a header that claims a user is no login.
STATUS=$(curl -s -o "$BODY" -w '%{http_code}' -H "Remote-User: counselor" -H "X-Remote-User: counselor" "$LURL/")
check "a Remote-User header from the browser is not a login" status_is 401
