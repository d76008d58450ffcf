#!/usr/bin/env bash
# Ships the source tree to $SATRANK_HOST:$REMOTE_DIR with rsync, never the secrets or data that
# .rsync-exclude lists. Refuses to run when that file is missing or lacks any required pattern.
set -euo pipefail
cd "$(dirname "$0")/.."

EXCLUDE_FILE=${EXCLUDE_FILE:-.rsync-exclude}
REQUIRED=('.env*' '*.macaroon' 'data/' '*.db' '*.sqlite*' 'backups/' 'target/' '*.log' '.idea/' '.vscode/')

if [[ ! -f "$EXCLUDE_FILE" ]]; then
  echo "deploy refused: $EXCLUDE_FILE is missing, so secrets and data could be shipped" >&2
  exit 3
fi
for pattern in "${REQUIRED[@]}"; do
  if ! grep -qxF -- "$pattern" "$EXCLUDE_FILE"; then
    echo "deploy refused: $EXCLUDE_FILE lacks the pattern '$pattern'" >&2
    exit 3
  fi
done
: "${SATRANK_HOST:?deploy refused: set SATRANK_HOST (ssh destination, e.g. deploy@satrank.example)}"
: "${REMOTE_DIR:?deploy refused: set REMOTE_DIR (e.g. /opt/satrank)}"

exec rsync -az --delete ${RSYNC_FLAGS:-} --exclude-from="$EXCLUDE_FILE" ./ "$SATRANK_HOST:$REMOTE_DIR/"
