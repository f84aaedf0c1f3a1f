#!/bin/sh
# outbox-mail.sh - an outbox command (tools/outbox.c) that mails one message
# through the local MTA's sendmail interface (Debian's postfix, exim4 or
# msmtp all provide it). In the configuration:
#
#   Outbox.Send.mail.Command = /srv/healthcard/tools/outbox-mail.sh
#   Outbox.Send.mail.Env.HC_MAIL_FROM = noreply@example.edu.cn
#   Outbox.Send.mail.Env.HC_MAIL_SUBJECT = 健康打卡通知        (this by default)
#   Outbox.Send.mail.Env.HC_SENDMAIL = /usr/sbin/sendmail   (this by default;
#       a command with its options, e.g. "msmtp -C /etc/healthcard/msmtprc")
#
# The payload (UTF-8 text) is the mail's body; the address is the one the
# person gave on /notices (HC_EMAIL). The mail is plain text in UTF-8
# (base64), its subject RFC 2047-encoded, its Message-ID the same at every
# attempt of one message (outbox-ID@the sender's domain), so a receiver
# may drop a repeat. Exit status: sendmail's (0 delivered to the MTA),
# 65 no usable address, 78 a bad configuration.
set -eu

to=${HC_EMAIL:-}
case $to in
''|-*|*[[:space:]\<\>,\;\"\(\)]*|*@*@*) to= ;;
*@*.*) ;;
*) to= ;;
esac
if [ -z "$to" ]; then
	cat >/dev/null
	echo "outbox-mail: person ${HC_PERSON_ID:-?} has no usable mail address" >&2
	exit 65
fi
from=${HC_MAIL_FROM:-}
case $from in
*@*) ;;
*)
	cat >/dev/null
	echo "outbox-mail: HC_MAIL_FROM is not an address (Outbox.Send.mail.Env.HC_MAIL_FROM)" >&2
	exit 78 ;;
esac
subject=${HC_MAIL_SUBJECT:-健康打卡通知}
domain=${from##*@}
domain=${domain%%>*}
body=$(base64)

# $HC_SENDMAIL unquoted: a command with its options.
# shellcheck disable=SC2086
{
	printf 'From: %s\n' "$from"
	printf 'To: %s\n' "$to"
	printf 'Subject: =?UTF-8?B?%s?=\n' "$(printf '%s' "$subject" | base64 -w0)"
	printf 'Date: %s\n' "$(LC_ALL=C date -R)"
	printf 'Message-ID: <outbox-%s@%s>\n' "${HC_OUTBOX_ID:-0}" "$domain"
	printf 'MIME-Version: 1.0\n'
	printf 'Content-Type: text/plain; charset=UTF-8\n'
	printf 'Content-Transfer-Encoding: base64\n'
	printf 'Auto-Submitted: auto-generated\n'
	printf '\n%s\n' "$body"
} | ${HC_SENDMAIL:-/usr/sbin/sendmail} -i -- "$to"
