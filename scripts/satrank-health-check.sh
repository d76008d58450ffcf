#!/usr/bin/env bash
# Cron health check for a SatRank process. Reads /api/health and alerts when the status is not ok,
# the database or LND is not ok, the schema drifted, scores are stale or the pipeline lags.
# Exit 0 healthy, 1 unhealthy, 2 unreachable or unreadable. With SATRANK_ALERT_MAIL set, the
# message is also mailed with $SATRANK_MAIL_CMD (default: mail -s "<subject>" <address>).
#
#   SATRANK_HEALTH_URL   default http://127.0.0.1:8080/api/health
#   SATRANK_MAX_SCORE_AGE_SEC   default 7200
#   SATRANK_MAX_EVENTS_BEHIND   default 500000 (events since the last written pass; a healthy
#                               pipeline is at most one 15-minute cadence of events behind)
set -uo pipefail

URL=${SATRANK_HEALTH_URL:-http://127.0.0.1:8080/api/health}
MAX_AGE=${SATRANK_MAX_SCORE_AGE_SEC:-7200}
MAX_BEHIND=${SATRANK_MAX_EVENTS_BEHIND:-500000}

alert() {
  local code=$1; shift
  local message="SatRank health check FAILED ($URL): $*"
  echo "$message" >&2
  if [[ -n "${SATRANK_ALERT_MAIL:-}" ]]; then
    echo "$message" | ${SATRANK_MAIL_CMD:-mail -s "SatRank health alert"} "$SATRANK_ALERT_MAIL" || \
      echo "could not send alert mail to $SATRANK_ALERT_MAIL" >&2
  fi
  exit "$code"
}

command -v jq >/dev/null || alert 2 "jq is required (apt-get install jq)"
body=$(curl -sS --max-time 10 "$URL" 2>&1) || alert 2 "unreachable: $body"
jq -e '.data' >/dev/null 2>&1 <<<"$body" || alert 2 "not a SatRank health answer: ${body:0:200}"

problems=()
field() { jq -r ".data.$1 // empty" <<<"$body"; }

status=$(field status)
[[ "$status" == "ok" ]] || problems+=("status=$status ($(jq -r '.data.problems // [] | join("; ")' <<<"$body"))")
db=$(field dbStatus)
[[ "$db" == "ok" || "$db" == "disabled" ]] || problems+=("database $db")
lnd=$(field lndStatus)
[[ "$lnd" != "degraded" ]] || problems+=("LND degraded")
schema=$(field schemaVersion); expected=$(field expectedSchemaVersion)
if [[ "$db" == "ok" && "$schema" != "$expected" ]]; then problems+=("schema drift: $schema, expected $expected"); fi
if [[ "$db" == "ok" ]]; then
  age=$(field scoringAgeSec)
  if [[ -z "$age" ]]; then problems+=("no scores yet");
  elif (( age > MAX_AGE )); then problems+=("stale scoring: ${age}s old (max ${MAX_AGE}s)"); fi
fi
behind=$(jq -r '[.data.pipeline // {} | .[] | .eventsBehind] | max // 0' <<<"$body")
if (( behind > MAX_BEHIND )); then problems+=("pipeline lag: $behind events behind (max $MAX_BEHIND)"); fi

if (( ${#problems[@]} > 0 )); then
  alert 1 "$(IFS='; '; echo "${problems[*]}")"
fi
echo "SatRank healthy: status=$status db=$db lnd=$lnd schema=$schema scoringAge=$(field scoringAgeSec)s"
