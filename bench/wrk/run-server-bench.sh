#!/usr/bin/env bash
# Measures the web server with wrk on a fresh demo database (docs/performance.md, "Web server").
# Usage: bench/wrk/run-server-bench.sh [FUPIN_BINARY] [SECONDS]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
fupin="${1:-$here/../../build/release/src/fupin}"
secs="${2:-15}"
work="$(mktemp -d)"
port=18081
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT
"$fupin" demo --county 511025 --seed 1 --db "$work/w.db" --force >/dev/null
"$fupin" serve --db "$work/w.db" --demo --rate-limit 0 --no-access-log --listen "127.0.0.1:$port" >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/api/v1/health" >/dev/null && break; sleep 0.1; done
curl -sf -c "$work/jar" -H 'Content-Type: application/json' -d '{"username":"hq","password":"Demo2020"}' \
  "http://127.0.0.1:$port/api/v1/auth/login" >"$work/login.json"
export FUPIN_CSRF="$(sed -n 's/.*"csrf_token":"\([^"]*\)".*/\1/p' "$work/login.json")"
export FUPIN_COOKIE="$(awk '$6 ~ /fupin_session/ {print $6"="$7}' "$work/jar")"
export FUPIN_HOUSEHOLDS="$(sqlite3 "$work/w.db" "SELECT group_concat(id) FROM (SELECT id FROM households WHERE version = 1 LIMIT 16)")"
echo "== uptime: $(uptime)"
echo "== dashboard read: county"
wrk -t2 -c32 -d"${secs}s" --latency -H "Cookie: $FUPIN_COOKIE" "http://127.0.0.1:$port/api/v1/indicators/511025" | grep -E 'Requests/sec|50%|99%|Non-2xx|Socket'
echo "== dashboard read: village"
wrk -t2 -c32 -d"${secs}s" --latency -H "Cookie: $FUPIN_COOKIE" "http://127.0.0.1:$port/api/v1/indicators/511025124229" | grep -E 'Requests/sec|50%|99%|Non-2xx|Socket'
echo "== write: PATCH /households/{id}"
wrk -t16 -c16 -d"${secs}s" --latency -s "$here/patch.lua" "http://127.0.0.1:$port" | grep -E 'Requests/sec|50%|99%|Non-2xx|Socket'
echo "== uptime: $(uptime)"
