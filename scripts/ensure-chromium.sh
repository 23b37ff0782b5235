#!/usr/bin/env bash
# Playwright runs on Debian's Chromium (/usr/bin/chromium), never on a browser Playwright
# downloads itself. Installs it when missing and we may (root on Debian, non-interactive);
# otherwise says exactly what to install and fails.
set -euo pipefail

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
  echo "Chromium present: $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
  exit 0
fi

if [ "$(id -u)" = "0" ] && [ -f /etc/debian_version ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium package (apt-get, non-interactive)..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium </dev/null
  if [ -x "$CHROMIUM" ]; then
    echo "Chromium installed: $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
    exit 0
  fi
  echo "apt-get finished but $CHROMIUM is still missing." >&2
  exit 1
fi

cat >&2 <<EOF
Chromium is missing: the end-to-end tests need $CHROMIUM.
Install Debian's chromium package, then run npm test again:

    sudo apt-get update && sudo apt-get install -y chromium

(On another distribution, install Chromium so that $CHROMIUM exists, e.g. as a symlink.
Do not run "npx playwright install": the suite uses the system browser.)
EOF
exit 1
