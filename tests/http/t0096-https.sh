#!/usr/bin/env bash
# One pass over HTTPS (issue 17): a stack whose Apache speaks TLS with mod_ssl
# and a self-signed certificate made here (for 127.0.0.1, checked by curl:
# no -k), HSTS, and plain HTTP on a second port redirected to it, as
# conf/examples/https-vhost.conf sets up a server. The gate phone's camera
# page needs such a secure origin. Logins, a check-in, the card and its QR,
# the scanning page and a gate's printed code, all over HTTPS; every
# cookie Secure; the codes that leave the browser say https://.
. "$(dirname "$0")/lib.sh"

port=$((HC_PORT + 36))
plain=$((HC_PORT + 37))
RV=$ROOT/var/test-https-$port
C=$(mktemp -d /var/tmp/healthcard-tls.XXXXXXXX)
rm -rf "$RV"; mkdir -p "$RV"
trap '"$ROOT/tools/stack.sh" purge "$RV" >/dev/null 2>&1; rm -rf "$RV.log" "$C" "$T"' EXIT
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=127.0.0.1" \
	-addext "subjectAltName=IP:127.0.0.1" -keyout "$C/key.pem" -out "$C/cert.pem" >/dev/null 2>&1
check "a self-signed certificate for 127.0.0.1 is made" test -s "$C/cert.pem"
export CURL_CA_BUNDLE=$C/cert.pem
M=/usr/lib/apache2/modules
export HC_EXTRA_APACHE="LoadModule socache_shmcb_module $M/mod_socache_shmcb.so
LoadModule ssl_module $M/mod_ssl.so
SSLSessionCache shmcb:$C/ssl_scache(512000)
SSLEngine on
SSLCertificateFile $C/cert.pem
SSLCertificateKeyFile $C/key.pem
SSLProtocol -all +TLSv1.2 +TLSv1.3
Header always set Strict-Transport-Security \"max-age=31536000; includeSubDomains\"
Listen 127.0.0.1:$plain
<VirtualHost 127.0.0.1:$plain>
    SSLEngine off
    Redirect permanent / https://127.0.0.1:$port/
</VirtualHost>"
if ! "$ROOT/tools/stack.sh" start "$RV" "$port" --students 100 --days 5 >"$RV.log" 2>&1; then
	tail -20 "$RV.log"
	check "the HTTPS stack starts" false
	exit 1
fi
URL=https://127.0.0.1:$port
loc() { sed -n 's/^Location: *//Ip' "$HEADERS" | tr -d '\r'; }

STATUS=$(curl -s -o "$BODY" -D "$HEADERS" -w '%{http_code}' "http://127.0.0.1:$plain/card?x=1")
check "plain HTTP is redirected to HTTPS" eq "$STATUS $(loc)" "301 https://127.0.0.1:$port/card?x=1"
get student /login
check "the login page over HTTPS, the certificate checked" status_is 200
check "  with HSTS" header_has "Strict-Transport-Security: max-age=31536000"
check "  its session cookie Secure" eval 'grep -i "^Set-Cookie: hc_sid=" "$HEADERS" | grep -q "; Secure"'
login student
check "the student logs in over HTTPS" status_is 303
check "  the new session's cookie Secure" eval 'grep -i "^Set-Cookie: hc_sid=" "$HEADERS" | grep -q "; Secure"'
get student /card
check "their card" status_is 200
get student "/card/qr?n=1"
check "  its QR image" header_has "Content-Type: image/svg+xml"
sid=$(raw_sql "SELECT person_id FROM accounts WHERE login = 'student'" "$RV")
before=$(raw_sql "SELECT COUNT(*) FROM daily_reports WHERE person_id = $sid AND day = CURDATE()" "$RV")
report student 36.5
check "a check-in over HTTPS" eq "$STATUS $(loc)" "303 /checkin?done=1"
check "  stored" eq "$(raw_sql "SELECT COUNT(*) FROM daily_reports WHERE person_id = $sid AND day = CURDATE()" "$RV")" "$((before + 1))"
login gate
get gate /scan
check "the gate's scanning page over HTTPS (the camera needs it)" eval 'status_is 200 && body_has "scan.js"'
login admin
gate=$(raw_sql "SELECT MIN(id) FROM gates" "$RV")
get admin "/gates/print?id=$gate"
check "a gate's printed code says https://" grep -q "https://127.0.0.1:$port/scan/gate/" "$BODY"
get admin "/card?lang=en"
check "the language cookie Secure" eval 'grep -i "^Set-Cookie: hc_lang=" "$HEADERS" | grep -q "; Secure"'
