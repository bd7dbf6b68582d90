#!/usr/bin/env bash
# Installs what the browser tests (tests/e2e/run-e2e.sh) need besides the web packages:
# Debian's Chromium and a font for Chinese text. Idempotent: asks apt only for what is
# missing. Playwright never downloads a browser here (web/e2e/launch.ts uses
# /usr/bin/chromium).
set -euo pipefail

packages=(chromium fonts-wqy-microhei curl)
missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "fupin: installing missing packages for the browser tests: ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
