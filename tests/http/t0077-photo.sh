#!/usr/bin/env bash
# 证件照 (issue 15, seed 003 三②③ and FAQ ③): the student uploads an ID
# photo on /pass/photo; it is judged by its bytes (a JPEG or PNG whose
# header decodes), its size and its dimensions, and the uploads of a term
# are limited (Policy.PhotoUploadsPerTerm, 3); the entrance's answer
# shows it (a signed link the phone can open without a login); the
# counselor rejects a non-compliant one with a reason, which the student
# sees, and the student uploads again within the limit. Audited.
. "$(dirname "$0")/lib.sh"

tok() { HEALTHCARD_CONF=$HC_VAR/healthcard.hdf "$ROOT/build/scantoken" "$@"; }
login_of() { sql "SELECT login FROM accounts WHERE person_id = $1"; }
# png FILE W H [noise]: a grey PNG, its pixels random (incompressible) with noise.
png() {
	python3 - "$@" <<'PY'
import os, struct, sys, zlib
path, w, h = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
noise = len(sys.argv) > 4
def chunk(t, d):
    return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
rows = b''.join(b'\0' + (os.urandom(w) if noise else bytes([128]) * w) for _ in range(h))
data = b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 0, 0, 0, 0)) \
    + chunk(b'IDAT', zlib.compress(rows, 0 if noise else 9)) + chunk(b'IEND', b'')
open(path, 'wb').write(data)
PY
}
# upload WHO FILE [NAME]: the photo form's POST, as the browser sends it.
upload() {
	get "$1" /pass/photo
	req "$1" POST /pass/photo -F "csrf=$(csrf)" -F "file=@$2;filename=${3:-photo.png}"
}
photos() { sql "SELECT COUNT(*) FROM photos WHERE person_id = $1 ${2:+AND $2}"; }

png "$T/ok.png" 300 400
png "$T/ok2.png" 320 400
png "$T/ok3.png" 340 400
png "$T/small.png" 40 40
png "$T/wide.png" 4001 400
png "$T/big.png" 1500 1500 noise
printf 'not a picture at all\n' >"$T/text.jpg"
{ printf '\377\330\377\340'; head -c 2000 /dev/urandom; } >"$T/fake.jpg"

login admin
# A blue card (arrived) with a counselor who logs in, and an entrance phone.
A=
for id in $(sql "SELECT f.person_id FROM card_facts f JOIN people p ON p.id = f.person_id
	JOIN accounts a ON a.person_id = p.id JOIN counselor_assignments ca ON ca.student_id = p.id
	JOIN accounts c ON c.person_id = ca.counselor_id
	WHERE f.arrived_at IS NOT NULL AND f.open_anomaly IS NULL AND f.sent_back IS NULL AND f.door_fever IS NULL
	  AND f.on_roster = 1 AND p.identity <> 'staff' AND NOT EXISTS (SELECT 1 FROM photos ph WHERE ph.person_id = p.id)
	ORDER BY f.person_id DESC LIMIT 20"); do
	get admin "/card?person=$id"
	grep -q 'class="card card-blue"' "$BODY" && { A=$id; break; }
done
check "a blue card with a counselor ($A)" test -n "$A"
la=$(login_of "$A")
co=$(sql "SELECT a.login FROM counselor_assignments ca JOIN accounts a ON a.person_id = ca.counselor_id WHERE ca.student_id = $A LIMIT 1")
login "$la"; login "$co"
FORM_PAGE=/places post admin /places/add_building --data-urlencode "name=七七图书馆" --data-urlencode kind=library
lib=$(sql "SELECT id FROM buildings WHERE name = '七七图书馆'")
FORM_PAGE=/places post admin /places/add_entrance --data-urlencode "building_id=$lib" --data-urlencode "name=正门"
door=$(sql "SELECT id FROM gates WHERE name = '七七图书馆 · 正门'")
FORM_PAGE=/gates post admin /gates/add_device --data-urlencode "gate_id=$door" --data-urlencode "name=七七正门机"
post phone "$(grep -o '/scan/enrol/[A-Za-z0-9_-]*' "$BODY" | head -1)"

# -- before any photo ------------------------------------------------------------
get "$la" /pass
check "the pass page links to the photo" body_has 'id="to-photo"'
get "$la" /pass/photo
check "the photo page: none yet, 3 uploads left, the form" \
	eval 'status_is 200 && body_has "id=\"photo-none\"" && body_has "data-left=\"3\"" && body_has "id=\"photo-form\""'
get phone "/scan/pass?t=$(tok --pass "$lib" "$door" in "$A")"
check "the entrance without a photo says so" eval 'body_has "id=\"scan-no-photo\"" && body_lacks "id=\"scan-photo\""'

# -- refused by content, size and dimensions --------------------------------------
upload "$la" "$T/text.jpg" photo.jpg
check "a text file named .jpg: 400, by its bytes" eval 'status_is 400 && body_has "不是有效的 JPG 或 PNG"'
upload "$la" "$T/fake.jpg" photo.jpg
check "JPEG magic bytes before garbage: 400 (the header does not decode)" eval 'status_is 400 && body_has "id=\"photo-error\""'
upload "$la" "$T/big.png"
check "a picture over 2 MiB ($(stat -c %s "$T/big.png") bytes): 413 with the message" eval 'status_is 413 && body_has "照片文件过大"'
upload "$la" "$T/small.png"
check "40 x 40 pixels: 400, dimensions" eval 'status_is 400 && body_has "照片尺寸不符合要求"'
upload "$la" "$T/wide.png"
check "4001 x 400 pixels ($(stat -c %s "$T/wide.png") bytes): 400, dimensions" eval 'status_is 400 && body_has "照片尺寸不符合要求"'
check "  none stored, none counted" eq "$(photos "$A")" 0

# -- a good one, shown at the entrance --------------------------------------------
upload "$la" "$T/ok.png"
check "a 300 x 400 PNG: 303" eval 'status_is 303 && header_has "Location: /pass/photo?saved=1"'
check "  stored as the current photo, its dimensions read, audited" eval \
	'eq "$(sql "SELECT CONCAT(state, \" \", mime, \" \", width, \"x\", height) FROM photos WHERE person_id = $A")" "active image/png 300x400" &&
	 eq "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = '"'photo.upload'"' AND object_id = (SELECT id FROM photos WHERE person_id = $A)")" 1'
check "  in the uploads' storage, named by its hash" \
	test -f "$HC_VAR/uploads/$(sql "SELECT stored_name FROM photos WHERE person_id = $A")"
get "$la" /pass/photo
check "the page shows it, 2 uploads left" eval 'body_has "id=\"photo-mine\" data-state=\"active\"" && body_has "data-left=\"2\""'
get phone "/scan/pass?t=$(tok --pass "$lib" "$door" in "$A")"
check "the entrance phone shows the photo beside the temperature form" eval 'body_has "id=\"scan-photo\"" && body_has "id=\"door-temperature\""'
link=$(grep -o 'src="/pass/photo_img?[^"]*"' "$BODY" | head -1 | sed 's/^src="//; s/"$//; s/&amp;/\&/g')
get phone "$link"
check "  its link opens the picture without a login" eval 'status_is 200 && header_has "Content-Type: image/png" && cmp -s "$BODY" "$T/ok.png"'
get phone "$(sed 's/sig=\(.\)/sig=0\1/; s/sig=\(.\{32\}\).*/sig=\1/' <<<"$link")"
check "  a link with a forged signature: 404" status_is 404
get phone "$(sed 's/exp=[0-9]*/exp=1700000000/' <<<"$link")"
check "  an expired (or altered) link: 404" status_is 404
t=$(tok --pass "$lib" "$door" out "$A")
get phone "/scan/pass?t=$t"
check "the way out: ALLOW with the photo" eval 'body_has "data-result=\"allow\"" && body_has "id=\"scan-photo\""'

# -- the counselor rejects it with a reason ---------------------------------------
pid=$(sql "SELECT id FROM photos WHERE person_id = $A AND state = 'active'")
get "$co" /pass/photos
check "the counselor's list holds it" eval 'status_is 200 && body_has "id=\"photo-$pid\""'
get "$la" /pass/photos
check "a student may not review photos: 403" status_is 403
FORM_PAGE=/pass/photos post "$co" /pass/photo_reject --data-urlencode "id=$pid" --data-urlencode "reason="
check "rejecting without a reason: 400, kept" eval 'status_is 400 && eq "$(photos "$A" "state = '"'active'"'")" 1'
FORM_PAGE=/pass/photos post "$co" /pass/photo_reject --data-urlencode "id=$pid" --data-urlencode "reason=背景杂乱"
check "rejecting with a reason: 303, rejected, audited, the student told" eval 'status_is 303 &&
	eq "$(sql "SELECT CONCAT(state, \" \", reject_reason) FROM photos WHERE id = $pid")" "rejected 背景杂乱" &&
	eq "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = '"'photo.reject'"' AND object_id = $pid")" 1 &&
	eq "$(sql "SELECT COUNT(*) FROM messages WHERE person_id = $A AND kind = '"'photo_rejected'"'")" 1'
FORM_PAGE=/pass/photos post "$co" /pass/photo_reject --data-urlencode "id=$pid" --data-urlencode "reason=again"
check "  rejecting it again: 404 (not current)" status_is 404
get "$la" /pass/photo
check "the student sees the reason, and may upload again" eval 'body_has "id=\"photo-rejected\"" && body_has "背景杂乱" && body_has "id=\"photo-form\""'
get phone "/scan/pass?t=$(tok --pass "$lib" "$door" out "$A")"
check "the entrance no longer shows a rejected photo" eval 'body_has "id=\"scan-no-photo\""'

# -- the limit of the term ----------------------------------------------------------
upload "$la" "$T/ok2.png"
check "a second upload: 303" status_is 303
upload "$la" "$T/ok3.png"
check "a third upload: 303, the earlier one replaced" eval 'status_is 303 &&
	eq "$(photos "$A" "state = '"'active'"'")" 1 && eq "$(photos "$A" "state = '"'replaced'"'")" 1'
get "$la" /pass/photo
check "  no upload left: no form" eval 'body_has "data-left=\"0\"" && body_lacks "id=\"photo-form\""'
upload "$la" "$T/ok.png"
check "a fourth in the term: 409 with the reason, nothing stored" eval 'status_is 409 && body_has "上传次数已用完" && eq "$(photos "$A")" 3'
