#!/bin/sh
# outbox-example.sh - an example Outbox.Command for build/outbox: delivers
# one message. The payload is on stdin; the sender sets
#   HC_OUTBOX_ID  the outbox row        HC_CHANNEL  sms, wechat, mail, ...
#   HC_PERSON_ID  people.id             HC_PHONE    people.phone (may be empty)
#   HC_NUMBER     people.number (学号/工号)  HC_NAME  people.name
#   HC_ATTEMPT    1 for the first try
# Exit 0: delivered. Anything else: tried again later (Outbox.BackoffSeconds)
# until Outbox.MaxAttempts; the first line of stderr is kept in
# outbox.last_error, so say there what went wrong.
#
#   Outbox.Command = /srv/healthcard/conf/outbox-example.sh
set -eu

LOG=${OUTBOX_LOG:-/var/log/healthcard/outbox-deliveries.log}
MAIL_DOMAIN=${OUTBOX_MAIL_DOMAIN:-example.edu.cn}
payload=$(cat)

case "$HC_CHANNEL" in
mail)
	# people has no e-mail column: campus mail is <number>@<domain> here.
	subject="=?UTF-8?B?$(printf '健康打卡通知' | base64 | tr -d '\n')?="
	printf 'To: %s@%s\nSubject: %s\nMIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\n%s\n' \
		"$HC_NUMBER" "$MAIL_DOMAIN" "$subject" "$payload" | /usr/sbin/sendmail -t
	;;
sms | wechat)
	if [ -z "$HC_PHONE" ] && [ "$HC_CHANNEL" = sms ]; then
		echo "person $HC_PERSON_ID ($HC_NUMBER) has no phone number" >&2
		exit 1
	fi
	# A real gateway call goes here, e.g.:
	#   printf '%s' "$payload" | curl -fsS --max-time 20 \
	#       --data-urlencode "to=$HC_PHONE" --data-urlencode "text@-" \
	#       https://sms.example.edu.cn/send
	# This example only writes the message to a log.
	printf '%s\t#%s\t%s\tattempt %s\tperson %s\t%s\t%s\t%s\n%s\n\n' \
		"$(date '+%F %T')" "$HC_OUTBOX_ID" "$HC_CHANNEL" "$HC_ATTEMPT" \
		"$HC_PERSON_ID" "$HC_NUMBER" "$HC_NAME" "$HC_PHONE" "$payload" >>"$LOG"
	;;
*)
	echo "unknown channel '$HC_CHANNEL'" >&2
	exit 64
	;;
esac
