#!/bin/sh
# outbox-wechat.sh - an outbox command (tools/outbox.c) that posts one
# message to a WeChat Work group robot (企业微信群机器人): an HTTP POST of
# JSON {"msgtype":"text","text":{"content":...,"mentioned_mobile_list":[phone]}}
# to the robot's webhook. In the configuration:
#
#   Outbox.Send.wechat.Command = /srv/healthcard/tools/outbox-wechat.sh
#   Outbox.Send.wechat.Env.HC_WECHAT_KEY = <the robot's key>
#   Outbox.Send.wechat.Env.HC_WECHAT_URL = https://qyapi.weixin.qq.com/cgi-bin/webhook/send
#       (this by default)
#   Outbox.Send.wechat.Env.HC_WECHAT_MENTION = 1   (@ the person by their
#       phone, people.phone; 0: no mention)
#
# The key never appears on a command line (curl reads the URL from its
# stdin). Delivered means HTTP 200 with "errcode":0; anything else (a
# gateway down, 5xx, a refusal such as an exceeded rate limit) exits 75
# with the first of the answer on stderr, and the outbox retries it with
# back-off. 78: a bad configuration.
set -eu

key=${HC_WECHAT_KEY:-}
case $key in
''|*[!A-Za-z0-9-]*)
	cat >/dev/null
	echo "outbox-wechat: HC_WECHAT_KEY is not a robot key (Outbox.Send.wechat.Env.HC_WECHAT_KEY)" >&2
	exit 78 ;;
esac
url=${HC_WECHAT_URL:-https://qyapi.weixin.qq.com/cgi-bin/webhook/send}
case $url in
http://*|https://*) ;;
*) cat >/dev/null; echo "outbox-wechat: HC_WECHAT_URL is not an http(s) URL" >&2; exit 78 ;;
esac
case $url in *\?*) sep='&' ;; *) sep='?' ;; esac
phone=
if [ "${HC_WECHAT_MENTION:-1}" = 1 ]; then
	case ${HC_PHONE:-} in ''|*[!0-9+]*) ;; *) phone=$HC_PHONE ;; esac
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
jq -Rsc --arg phone "$phone" \
	'{msgtype: "text", text: ({content: .} + (if $phone == "" then {} else {mentioned_mobile_list: [$phone]} end))}' \
	>"$tmp/body.json"
if ! code=$(printf 'url = "%s%skey=%s"\n' "$url" "$sep" "$key" |
	curl -sS -K - --max-time "${HC_WECHAT_TIMEOUT:-10}" -H 'Content-Type: application/json' \
		--data-binary @"$tmp/body.json" -o "$tmp/answer" -w '%{http_code}' 2>"$tmp/err"); then
	echo "outbox-wechat: $(head -c 200 "$tmp/err" | tr '\n' ' ')" >&2
	exit 75
fi
if [ "$code" != 200 ]; then
	echo "outbox-wechat: HTTP $code: $(head -c 200 "$tmp/answer" | tr '\n' ' ')" >&2
	exit 75
fi
if [ "$(jq -r '.errcode // "none"' "$tmp/answer" 2>/dev/null)" != 0 ]; then
	echo "outbox-wechat: refused: $(head -c 200 "$tmp/answer" | tr '\n' ' ')" >&2
	exit 75
fi
