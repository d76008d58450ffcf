#!/usr/bin/env bash
# Service-side HTTP benchmark with a real load generator (autocannon, from npm): the category intent
# (POST /api/intent {category}) and the catalogue search (GET /api/services?limit=20) against a
# running SatRank with a scored economy (e.g. `java -jar app/target/satrank.jar demo
# config/bench-demo.yml`, which turns the per-address limit off). Per route: one warm-up phase,
# the maximum rate, then a fixed rate of half that with p50/p99 latency. Loopback only.
# Env: SATRANK_URL (http://localhost:8080), DURATION (20 s per phase), CONNECTIONS (16)
set -euo pipefail
base=${SATRANK_URL:-http://localhost:8080}
duration=${DURATION:-20}
connections=${CONNECTIONS:-16}
command -v autocannon >/dev/null || { echo "autocannon missing: npm install -g autocannon@7" >&2; exit 2; }
category=$(curl -sf "$base/api/intent/categories" | jq -r '.categories[0].name')
echo "category $category: $(curl -sf -X POST "$base/api/intent" -H 'Content-Type: application/json' \
  -d "{\"category\":\"$category\"}" | jq '.meta.total_matched') endpoints match"

run() { # name, then autocannon arguments
  local name=$1; shift
  autocannon -j -c "$connections" -d "$duration" "$@" >/dev/null 2>&1   # warm-up (JIT)
  local max rps half fixed
  max=$(autocannon -j -c "$connections" -d "$duration" "$@" 2>/dev/null)
  rps=$(jq -r '.requests.average' <<<"$max")
  echo "$name max: $rps req/s, non-2xx $(jq -r '.non2xx' <<<"$max"), p50 $(jq -r '.latency.p50' <<<"$max") ms, p99 $(jq -r '.latency.p99' <<<"$max") ms"
  half=$(printf '%.0f' "$(echo "$rps / 2" | bc -l)")
  fixed=$(autocannon -j -c "$connections" -d "$duration" -R "$half" "$@" 2>/dev/null)
  echo "$name at $half req/s: p50 $(jq -r '.latency.p50' <<<"$fixed") ms, p99 $(jq -r '.latency.p99' <<<"$fixed") ms, non-2xx $(jq -r '.non2xx' <<<"$fixed")"
}
run "POST /api/intent" -m POST -H 'Content-Type: application/json' -b "{\"category\":\"$category\",\"limit\":5}" "$base/api/intent"
run "GET /api/services" "$base/api/services?limit=20"
pid=$(pgrep -f '^java.*satrank.jar (demo|server)' | head -1 || true)
[[ -n "$pid" ]] && echo "api process RSS: $(( $(awk '/VmRSS/ {print $2}' /proc/$pid/status) / 1024 )) MB"
