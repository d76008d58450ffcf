// Reads NIP-01 events, one JSON object per line, on stdin; prints one JSON line per event:
// {"id": ..., "verified": true|false, "hash": <id nostr-tools computes>}.
import { verifyEvent, getEventHash } from 'nostr-tools/pure';
import { createInterface } from 'node:readline';

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (!line.trim()) continue;
  const event = JSON.parse(line);
  const hash = getEventHash(event);
  const verified = verifyEvent({ ...event });
  console.log(JSON.stringify({ id: event.id, verified, hash }));
}
