#!/usr/bin/env bash
# deps.sh - installs the Debian packages in tools/deps.txt that are missing
# (as root), or names them (as anyone else), and playwright-core for the
# browser tests with axe-core and html-validate (from npm, into node_modules/,
# as package.json and package-lock.json say).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
missing=()
while read -r pkg; do
	case "$pkg" in ''|\#*) continue ;; esac
	dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' \
		|| missing+=("$pkg")
done <"$ROOT/tools/deps.txt"
# Node.js runs the browser tests; a machine may have its own (not Debian's).
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
	missing+=(nodejs npm)
fi
if [ "${#missing[@]}" -gt 0 ]; then
	if [ "$(id -u)" = 0 ]; then
		echo "deps: installing ${missing[*]}" >&2
		export DEBIAN_FRONTEND=noninteractive
		apt-get update -qq >/dev/null
		apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
		# Debian starts the packaged servers; ours are private, so stop those
		# (they would hold port 80 and a system datadir we never use).
		if command -v service >/dev/null; then
			service apache2 stop >/dev/null 2>&1 || true
			service mariadb stop >/dev/null 2>&1 || true
			service slapd stop >/dev/null 2>&1 || true
		fi
	else
		echo "deps: missing Debian packages: ${missing[*]}" >&2
		echo "deps: install them with: sudo apt-get install ${missing[*]}" >&2
		exit 1
	fi
fi
if [ ! -d "$ROOT/node_modules/playwright-core" ] || [ ! -d "$ROOT/node_modules/axe-core" ] ||
	[ ! -d "$ROOT/node_modules/html-validate" ]; then
	echo "deps: installing playwright-core, axe-core and html-validate (npm)" >&2
	(cd "$ROOT" && npm install --no-audit --no-fund --silent >/dev/null)
fi
