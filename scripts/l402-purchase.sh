#!/usr/bin/env bash
# One L402 purchase against the running demo, as the README shows it: ask a paid route (402 with a
# macaroon and an invoice), pay the invoice with lnd-sim (a wallet would do this), retry with
# "Authorization: L402 <macaroon>:<preimage>" and print the paid answer's headers and body.
# Usage: scripts/l402-purchase.sh [pubkey]   (default: the top-ranked node)
# Env: SATRANK_URL (http://localhost:8080), SATRANK_JAR (app/target/satrank.jar),
#      LND_SIM_PORT (10009), LND_SIM_DIR (data/lnd-sim)
set -euo pipefail
base=${SATRANK_URL:-http://localhost:8080}
jar=${SATRANK_JAR:-app/target/satrank.jar}
node=${1:-$(curl -sf "$base/api/agents/top?limit=1" | jq -r '.data[0].publicKey')}

challenge=$(curl -s "$base/api/profile/$node")
macaroon=$(jq -r '.data.macaroon' <<<"$challenge")
invoice=$(jq -r '.data.invoice' <<<"$challenge")
echo "402: pay $(jq -r '.data.priceSats' <<<"$challenge") sat, invoice ${invoice:0:40}…" >&2

preimage=$(java -jar "$jar" lnd-sim --port "${LND_SIM_PORT:-10009}" --dir "${LND_SIM_DIR:-data/lnd-sim}" pay "$invoice" \
  | awk '$1 == "preimage" {print $2}')
echo "paid: preimage $preimage" >&2

curl -s -D - "$base/api/profile/$node" -H "Authorization: L402 $macaroon:$preimage"
echo
