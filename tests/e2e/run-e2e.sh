#!/usr/bin/env bash
# Browser tests of the web front end against the real server, in Debian's Chromium.
#
#   tests/e2e/run-e2e.sh FUPIN_BINARY WEB_DIST ARTIFACTS_DIR [VITEST_ARGS…]
#
# Creates the demo county (资中县, seed 1) in a temporary database, starts
# `fupin serve` on a free port with the built front end WEB_DIST, waits for
# /api/v1/health, runs the Playwright tests under web/e2e/ (vitest, e2e config) with
# FUPIN_E2E_URL and FUPIN_E2E_ARTIFACTS (screenshots land there), stops the server
# and exits with the tests' status. The last line printed is "N passed, M failed".
# Needs: node packages in web/node_modules (scripts/install-web.sh), /usr/bin/chromium
# and fonts-wqy-microhei. Never downloads a browser.
set -euo pipefail

if [[ $# -lt 3 ]]; then
  echo "usage: $0 FUPIN_BINARY WEB_DIST ARTIFACTS_DIR [VITEST_ARGS…]  (e.g. a test file filter)" >&2
  exit 1
fi

abspath() { (cd "$(dirname "$1")" && printf '%s/%s\n' "$(pwd)" "$(basename "$1")"); }

FUPIN_BINARY=$(abspath "$1")
WEB_DIST=$(abspath "$2")
mkdir -p "$3"
ARTIFACTS=$(abspath "$3")
shift 3
EXTRA_ARGS=("$@")
WEB_SRC=$(cd "$(dirname "$0")/../../web" && pwd)

[[ -x "$FUPIN_BINARY" ]] || { echo "run-e2e.sh: $FUPIN_BINARY is not an executable" >&2; exit 1; }
[[ -f "$WEB_DIST/index.html" ]] || { echo "run-e2e.sh: $WEB_DIST/index.html missing: build the front end (make web)" >&2; exit 1; }
[[ -d "$WEB_SRC/node_modules/playwright-core" ]] || { echo "run-e2e.sh: web/node_modules missing: run scripts/install-web.sh" >&2; exit 1; }

TMP=$(mktemp -d "${TMPDIR:-/tmp}/fupin-e2e.XXXXXX")
SERVER_PID=""
cleanup() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 100); do
      kill -0 "$SERVER_PID" 2>/dev/null || break
      sleep 0.1
    done
    kill -0 "$SERVER_PID" 2>/dev/null && kill -KILL "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$TMP"
}
trap cleanup EXIT

echo "run-e2e.sh: demo county in $TMP/demo.db"
"$FUPIN_BINARY" demo --county 511025 --seed 1 --db "$TMP/demo.db" >"$TMP/demo.out"
grep -A 20 '演示账号' "$TMP/demo.out" || true

"$FUPIN_BINARY" serve --db "$TMP/demo.db" --listen 127.0.0.1:0 --demo --web "$WEB_DIST" \
  --rate-limit 0 --login-rate 6000 --no-access-log >"$TMP/serve.out" 2>"$TMP/serve.err" &
SERVER_PID=$!

# The server prints "fupin 服务已启动：http://127.0.0.1:PORT/" once it listens.
URL=""
for _ in $(seq 1 600); do
  URL=$(grep -oE 'http://127\.0\.0\.1:[0-9]+' "$TMP/serve.out" | head -n 1 || true)
  [[ -n "$URL" ]] && break
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "run-e2e.sh: the server exited before listening:" >&2
    cat "$TMP/serve.out" "$TMP/serve.err" >&2
    echo "0 passed, 1 failed"
    exit 1
  fi
  sleep 0.1
done
if [[ -z "$URL" ]]; then
  echo "run-e2e.sh: the server printed no address within 60 s" >&2
  cat "$TMP/serve.out" "$TMP/serve.err" >&2
  echo "0 passed, 1 failed"
  exit 1
fi

healthy=""
for _ in $(seq 1 600); do
  if curl -fsS --max-time 5 "$URL/api/v1/health" >/dev/null 2>&1; then
    healthy=1
    break
  fi
  sleep 0.1
done
if [[ -z "$healthy" ]]; then
  echo "run-e2e.sh: $URL/api/v1/health did not answer within 60 s" >&2
  cat "$TMP/serve.err" >&2
  echo "0 passed, 1 failed"
  exit 1
fi
echo "run-e2e.sh: server at $URL (pid $SERVER_PID), screenshots to $ARTIFACTS"

RESULT_JSON="$TMP/vitest-result.json"
status=0
(
  cd "$WEB_SRC"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 \
    FUPIN_E2E_URL="$URL" \
    FUPIN_E2E_ARTIFACTS="$ARTIFACTS" \
    FUPIN_E2E_USER="${FUPIN_E2E_USER:-admin}" \
    FUPIN_E2E_PASSWORD="${FUPIN_E2E_PASSWORD:-Demo2020}" \
    npx --no-install vitest run --config e2e/vitest.config.ts \
    --reporter=default --reporter=json --outputFile.json="$RESULT_JSON" "${EXTRA_ARGS[@]}"
) || status=$?

if [[ -s "$TMP/serve.err" ]]; then
  echo "run-e2e.sh: server stderr:"
  tail -n 50 "$TMP/serve.err"
fi

summary="0 passed, 1 failed"
if [[ -s "$RESULT_JSON" ]]; then
  summary=$(node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    let failed = r.numFailedTests;
    // A file that failed to load or a failing hook counts as a failure too.
    if (r.success === false && failed === 0) failed = 1;
    console.log(`${r.numPassedTests} passed, ${failed} failed`);
  ' "$RESULT_JSON") || summary="0 passed, 1 failed"
fi
if [[ $status -eq 0 && "$summary" != *", 0 failed" ]]; then status=1; fi
echo "$summary"
exit "$status"
