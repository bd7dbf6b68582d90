#!/usr/bin/env bash
# Installs the Debian packages fupin needs to build, test and run the demo.
# Idempotent: asks apt only for packages that are missing. Run as root (or with sudo).
set -euo pipefail

packages=(
  build-essential cmake pkg-config ccache clang-format git
  nlohmann-json3-dev libsqlite3-dev sqlite3 time
  libxlsxwriter-dev libminizip-dev libexpat1-dev zlib1g-dev
  libicu-dev libsodium-dev libssl-dev libcpp-httplib-dev
  libcli11-dev libspdlog-dev libfmt-dev libtomlplusplus-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  # browser tests and screenshots: Debian's Chromium and a CJK font (pinned: the font
  # changes screenshot layout)
  chromium fonts-wqy-microhei curl
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "fupin: installing missing packages: ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
