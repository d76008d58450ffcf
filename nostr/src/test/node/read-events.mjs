// Reads every event of the given kinds by the given author from a relay with nostr-tools' own
// client, verifies each, and prints one JSON line per event: {id, kind, d, verified}.
// Usage: node read-events.mjs <relay url> <author hex> <kind,kind,...>
import { Relay, useWebSocketImplementation } from 'nostr-tools/relay';
import { verifyEvent } from 'nostr-tools/pure';
import WebSocket from 'ws';

useWebSocketImplementation(WebSocket);
const [url, author, kinds] = process.argv.slice(2);
const relay = await Relay.connect(url);
const events = [];
await new Promise((resolve) => {
  relay.subscribe([{ kinds: kinds.split(',').map(Number), authors: [author], limit: 1000 }], {
    onevent(event) { events.push(event); },
    oneose() { resolve(); },
  });
});
relay.close();
for (const event of events) {
  const d = (event.tags.find((t) => t[0] === 'd') || [])[1];
  console.log(JSON.stringify({ id: event.id, kind: event.kind, d, created_at: event.created_at, tags: event.tags,
    verified: verifyEvent({ ...event }) }));
}
process.exit(0);
