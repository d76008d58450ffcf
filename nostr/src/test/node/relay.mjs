// A real Nostr relay for tests: @nostr-relay/core over ws, events kept in SQLite (in memory).
// Usage: node relay.mjs <port>. Prints "listening <port>" once it accepts connections.
import { NostrRelay } from '@nostr-relay/core';
import { EventRepositorySqlite } from '@nostr-relay/event-repository-sqlite';
import { WebSocketServer } from 'ws';

const port = Number(process.argv[2]);
const repository = new EventRepositorySqlite(':memory:');
await repository.init();
const relay = new NostrRelay(repository);
const server = new WebSocketServer({ host: '127.0.0.1', port });
server.on('connection', (socket) => {
  relay.handleConnection(socket);
  socket.on('message', async (data) => {
    try {
      await relay.handleMessage(socket, JSON.parse(data.toString()));
    } catch (e) {
      socket.send(JSON.stringify(['NOTICE', 'error: ' + e.message]));
    }
  });
  socket.on('close', () => relay.handleDisconnect(socket));
});
server.on('listening', () => console.log('listening ' + port));
