#!/usr/bin/env bash
# Free-lookup benchmark with a real HTTP load generator (autocannon, from npm): GET /api/agent/{id}
# against a running SatRank (e.g. `java -jar app/target/satrank.jar demo config/bench-demo.yml`,
# which turns the per-address limit off). First the maximum rate with 32 connections, then a fixed
# rate of half that, reporting p50/p99 latency, after one warm-up phase. Loopback only.
# Env: SATRANK_URL (http://localhost:8080), DURATION (20 s per phase), CONNECTIONS (32)
set -euo pipefail
base=${SATRANK_URL:-http://localhost:8080}
duration=${DURATION:-20}
connections=${CONNECTIONS:-32}
command -v autocannon >/dev/null || { echo "autocannon missing: npm install -g autocannon@7" >&2; exit 2; }
node=$(curl -sf "$base/api/agents/top?limit=1" | jq -r '.data[0].publicKey')
url="$base/api/agent/$node"

autocannon -j -c "$connections" -d "$duration" "$url" >/dev/null 2>&1   # warm-up (JIT)
max=$(autocannon -j -c "$connections" -d "$duration" "$url" 2>/dev/null)
rps=$(jq -r '.requests.average' <<<"$max")
echo "max: $(jq -r '.requests.average' <<<"$max") req/s, non-2xx $(jq -r '.non2xx' <<<"$max"), p99 $(jq -r '.latency.p99' <<<"$max") ms"

half=$(printf '%.0f' "$(echo "$rps / 2" | bc -l)")
fixed=$(autocannon -j -c "$connections" -d "$duration" -R "$half" "$url" 2>/dev/null)
echo "at $half req/s: p50 $(jq -r '.latency.p50' <<<"$fixed") ms, p99 $(jq -r '.latency.p99' <<<"$fixed") ms, non-2xx $(jq -r '.non2xx' <<<"$fixed")"
pid=$(pgrep -f '^java.*satrank.jar (demo|server)' | head -1 || true)
[[ -n "$pid" ]] && echo "api process RSS: $(( $(awk '/VmRSS/ {print $2}' /proc/$pid/status) / 1024 )) MB"
