#!/usr/bin/env bash
# Installs the web front end's node packages (web/node_modules) with `npm ci`, only
# when they are missing or older than web/package-lock.json. Never downloads a
# browser: end-to-end tests use Debian's /usr/bin/chromium (web/e2e/launch.ts).
set -euo pipefail
cd "$(dirname "$0")/../web"

if ! command -v node >/dev/null 2>&1; then
  echo "install-web.sh: node is not installed. The web front end needs Node.js >= 20.19 with npm." >&2
  exit 1
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "install-web.sh: npm is not installed. The web front end needs Node.js >= 20.19 with npm." >&2
  exit 1
fi
if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)'; then
  echo "install-web.sh: Node.js $(node --version) is too old; Vite 8 needs >= 20.19." >&2
  exit 1
fi

stamp=node_modules/.package-lock.json  # written by npm on every install
if [[ -f "$stamp" && ! package-lock.json -nt "$stamp" ]]; then
  exit 0
fi

echo "install-web.sh: installing web/node_modules (npm ci)"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
npm ci --no-audit --no-fund --loglevel=error
touch "$stamp"
