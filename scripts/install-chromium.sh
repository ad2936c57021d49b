#!/usr/bin/env bash
# Installs Debian's Chromium (and CJK fonts for the zh-TW and ja pages) for the browser tests,
# only when either is missing. The tests drive /usr/bin/chromium and never download a browser.
set -euo pipefail

if [ -x /usr/bin/chromium ] && dpkg -s fonts-noto-cjk >/dev/null 2>&1; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  sudo=()
else
  sudo=(sudo)
fi

echo "Installing chromium and fonts-noto-cjk with apt-get"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk >/dev/null
