#!/usr/bin/env bash
# An agent's journey on the running demo, as the README shows it: ask SatRank for the best service
# of a category, pay the top candidate's own L402 challenge (lnd-sim pays, over the sim's graph, as a
# wallet would), get its answer, report the outcome anonymously with the preimage as proof, and ask
# again: the endpoint's payment and delivery evidence grows at the next pass.
# Usage: scripts/agent-journey.sh [category]   (default: the largest category)
# Env: SATRANK_URL (http://localhost:8080), SATRANK_JAR (app/target/satrank.jar),
#      LND_SIM_PORT (10009), LND_SIM_DIR (data/lnd-sim)
set -euo pipefail
base=${SATRANK_URL:-http://localhost:8080}
jar=${SATRANK_JAR:-app/target/satrank.jar}
category=${1:-$(curl -sf "$base/api/intent/categories" | jq -r '.categories[0].name')}

top=$(curl -sf -X POST "$base/api/intent" -H 'Content-Type: application/json' \
  -d "{\"category\":\"$category\",\"limit\":1}" | jq '.candidates[0]')
url=$(jq -r .endpoint_url <<<"$top"); hash=$(jq -r .endpoint_hash <<<"$top"); method=$(jq -r .http_method <<<"$top")
body=$([ "$method" = POST ] && echo '{}' || true)   # a POST endpoint is asked with an empty JSON object
echo "intent $category: $url (p_e2e $(jq -r .stage_posteriors.p_e2e <<<"$top"), $(jq -r .price_sats <<<"$top") sat)" >&2

for attempt in 1 2 3 4 5; do
  header=$(curl -s -o /dev/null -D - -X "$method" ${body:+-d "$body"} "$url" | tr -d '\r' \
    | awk -F': ' 'tolower($1)=="www-authenticate"{print $2}')
  # the parameters come double-quoted, single-quoted or bare, as servers write them
  macaroon=$(sed -E "s/.*macaroon=[\"']?([^\"', ]+).*/\\1/" <<<"$header")
  invoice=$(sed -E "s/.*invoice=[\"']?([^\"', ]+).*/\\1/" <<<"$header")
  if preimage=$(java -jar "$jar" lnd-sim --port "${LND_SIM_PORT:-10009}" --dir "${LND_SIM_DIR:-data/lnd-sim}" \
      pay "$invoice" 2>/dev/null | awk '$1 == "preimage" {print $2}') && [[ -n $preimage ]]; then
    break
  fi
  echo "payment attempt $attempt failed; asking for a fresh invoice" >&2
done
echo "paid: preimage $preimage" >&2

echo "answer: $(curl -s -w ' (HTTP %{http_code})' -X "$method" ${body:+-d "$body"} "$url" \
  -H "Authorization: L402 $macaroon:$preimage" | tail -c 240)" >&2
before=$(curl -s "$base/api/endpoint/$hash" | jq .data.stage_posteriors.stages.delivery.n_obs)
curl -s -X POST "$base/api/report" -H 'Content-Type: application/json' \
  -d "{\"target\":\"$hash\",\"outcome\":\"success\",\"preimage\":\"$preimage\",\"bolt11Raw\":\"$invoice\"}"
echo
sleep 30   # the next scoring pass folds the report
after=$(curl -s "$base/api/endpoint/$hash" | jq .data.stage_posteriors.stages.delivery.n_obs)
echo "delivery evidence for $hash: $before → $after" >&2
