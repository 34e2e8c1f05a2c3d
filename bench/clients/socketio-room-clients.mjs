// The socket.io side of the fanout-redis suite: socket.io-client sockets (WebSocket only; reconnecting
// after 250 ms to 1 s), each joined to the room of bench/servers/socketio-redis.mjs, joining again
// after a reconnection the server did not recover (`socket.recovered`). Each records every item(n),
// with the same commands (open, status, report) as chaos-clients.mjs. Driven over stdio
// (bench/lib/worker-process.mjs).
import { io } from 'socket.io-client';
import { roomStatus } from '../lib/room-status.mjs';
import { serveCommands, wallNow } from '../lib/worker-process.mjs';

class Client {
  constructor(url) {
    this.received = [];
    this.max = 0;
    this.lastNewAt = 0;
    this.problems = [];
    this.socket = io(url, {
      transports: ['websocket'],
      reconnectionDelay: 250,
      reconnectionDelayMax: 1_000,
    });
    this.joined = new Promise((resolve) => {
      this.socket.on('connect', () => {
        if (this.socket.recovered) return;
        this.socket.emit('join', () => resolve());
      });
    });
    this.socket.on('item', (n) => {
      this.received.push(n);
      if (n > this.max) {
        this.max = n;
        this.lastNewAt = wallNow();
      }
    });
  }
}

const clients = [];

serveCommands({
  async open({ url, count }) {
    const made = Array.from({ length: count }, () => new Client(url));
    clients.push(...made);
    await Promise.all(made.map((c) => c.joined));
    return { websocket: count, longPoll: 0 };
  },
  status: ({ total }) => roomStatus(clients, total),
  report({ total }) {
    const rows = clients.map((c) => {
      const distinct = new Set(c.received.filter((n) => n >= 1 && n <= total)).size;
      return {
        transport: 'websocket',
        received: c.received.length,
        distinct,
        inOrder: c.received.every((n, i) => i === 0 || n > c.received[i - 1]),
        repeats: c.received.length - new Set(c.received).size,
        problems: c.problems,
      };
    });
    return { rows };
  },
  stop() {
    for (const c of clients) c.socket.close();
    return {};
  },
});
