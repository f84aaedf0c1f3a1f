#!/usr/bin/env bash
# Static files (issue 20): CSS, JS and SVG compressed for a browser that
# asks; the pages name them with a hash of their content (?v=), which may
# be kept a year; a name without it is kept but asked again, and answered
# 304 while unchanged, compressed copy included.
. "$(dirname "$0")/lib.sh"

login student
get student /card
v=$(grep -o 'href="/static/style.css?v=[0-9a-f]*"' "$BODY" | head -1 | sed 's/.*?v=//; s/"$//')
check "a page names its stylesheet with a content hash" eval '[ ${#v} = 8 ]'
check "  and its scripts too" eval 'grep -q "src=\"/static/card.js?v=$v\"" "$BODY" || body_lacks "/static/card.js"'

for f in style.css card.js scan.js; do
	get anon "/static/$f?v=$v" -H 'Accept-Encoding: gzip'
	check "$f: 200" status_is 200
	check "  gzip-compressed when asked" header_has 'Content-Encoding: gzip'
	check "  with Accept-Encoding in Vary" eval 'grep -qiE "^Vary:.*Accept-Encoding" "$HEADERS"'
	check "  kept a year under its hashed name" header_has 'Cache-Control: public, max-age=31536000, immutable'
	check "  smaller than the file" eval "[ \$(stat -c %s \"\$BODY\") -lt \$(stat -c %s \"\$ROOT/htdocs/$f\") ]"
done

get anon /static/style.css
check "without Accept-Encoding the file comes as it is" eval '! header_has "Content-Encoding" && cmp -s "$BODY" "$ROOT/htdocs/style.css"'
check "  and its plain name is asked again each time" header_has 'Cache-Control: public, no-cache'
etag=$(grep -i '^ETag:' "$HEADERS" | sed 's/^[^:]*: *//' | tr -d '\r')
check "  with an ETag" eval '[ -n "$etag" ]'
get anon /static/style.css -H "If-None-Match: $etag"
check "  answered 304 while it holds" status_is 304

get anon /static/style.css -H 'Accept-Encoding: gzip'
gz=$(grep -i '^ETag:' "$HEADERS" | sed 's/^[^:]*: *//' | tr -d '\r')
get anon /static/style.css -H 'Accept-Encoding: gzip' -H "If-None-Match: $gz"
check "the compressed copy's ETag is answered 304 too" status_is 304
get anon "/static/style.css?v=$v" -H 'If-None-Match: "stale"'
check "a stale ETag gets the file" status_is 200

# Pages themselves are not kept: they carry a person's data.
get student /card
check "a page is not cached as a static file is" eval '! header_has "immutable"'
