// Asks a DVM for a trust check through a relay, as any Nostr client would: publishes a kind 5900 job
// (j=trust-check, input = a node pubkey) signed by a fresh key, waits for the kind 6900 result that
// references it, verifies it and prints it as one JSON line with "verified".
// Usage: node dvm-job.mjs <relay url> <input> [job type, default trust-check]
import { Relay, useWebSocketImplementation } from 'nostr-tools/relay';
import { finalizeEvent, generateSecretKey, verifyEvent } from 'nostr-tools/pure';
import WebSocket from 'ws';

useWebSocketImplementation(WebSocket);
const [url, input, type = 'trust-check'] = process.argv.slice(2);
const relay = await Relay.connect(url);
const job = finalizeEvent({ kind: 5900, created_at: Math.floor(Date.now() / 1000),
  tags: [['i', input, 'text'], ['j', type]], content: '' }, generateSecretKey());
const result = new Promise((resolve) => {
  relay.subscribe([{ kinds: [6900, 7000], '#e': [job.id] }], { onevent(event) { resolve(event); } });
});
await relay.publish(job);
const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error('no result within 20 s')), 20000));
const event = await Promise.race([result, timeout]);
console.log(JSON.stringify({ ...event, verified: verifyEvent({ ...event }), job: job.id }));
relay.close();
process.exit(0);
