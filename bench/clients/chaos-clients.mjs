// The clients of the chaos and fanout-redis suites: full `connect()` clients
// from the built package (long polling over node:http, or WebSocket over `ws`;
// default backoff), each joined to the store-backed `Room` topic of
// test/stores/fixtures/store-server.mjs (through nginx in the chaos suite), or
// (`open` with `mode: 'log'`) following its `Ledger` log from its start.
// Each records every `item(n)` it is handed, in order, with the time of each
// new n, and every gap, event error and release notice its application would
// see. Driven by the suite over stdio (bench/lib/worker-process.mjs).
import * as http from 'node:http';
import { WebSocket } from 'ws';
import { connect } from '@contract-gen/runtime/client';
import * as s from '@contract-gen/runtime/schema';
import { roomStatus } from '../lib/room-status.mjs';
import { serveCommands, wallNow } from '../lib/worker-process.mjs';

const FeedEvents = s.callbackInterface('FeedEvents', { item: [s.number()] });
const Room = s.service('Room', {
  join: s.method([s.callback(FeedEvents)], s.number()),
  publish: s.method([s.number(), s.number()], s.number()),
  size: s.method([], s.number()),
});
const Ledger = s.service('Ledger', {
  follow: s.method([s.number(), s.string(), s.callback(FeedEvents)], s.number()),
  publish: s.method([s.number(), s.number()], s.number()),
});

/** One client: what it received and what its application was told. */
class Client {
  constructor(url, transport) {
    this.transport = transport;
    this.received = [];
    /** The highest n received so far (first arrivals only count when they are max + 1). */
    this.max = 0;
    this.outOfOrder = 0;
    this.repeats = 0;
    this.lastNewAt = 0;
    this.problems = [];
    this.conn = connect(url, {
      transport,
      http,
      WebSocket,
      onGap: (gap) => this.problems.push(`gap: ${JSON.stringify(gap)}`),
      onEventError: (problem) =>
        this.problems.push(`event error: ${problem.reason} ${problem.error ?? ''}`),
      onReleased: (notice) => this.problems.push(`released: ${JSON.stringify(notice)}`),
      onFallback: (fallback) => this.problems.push(`fallback: ${fallback.reason}`),
    });
    this.events = {
      item: (n) => {
        this.received.push(n);
        if (n === this.max + 1) {
          this.max = n;
          this.lastNewAt = wallNow();
        } else if (n <= this.max) this.repeats++;
        else {
          // A first arrival that skips ahead: a gap the application was not told of.
          this.outOfOrder++;
          this.max = n;
          this.lastNewAt = wallNow();
        }
      },
    };
  }
}

const clients = [];

serveCommands(
  {
    /**
     * Opens `count` clients on `url`, a `websocketShare` of them over WebSocket (spread evenly), and
     * joins each to the room (`mode` 'room') or makes it follow the log from its start ('log').
     */
    async open({ url, count, websocketShare = 0.5, concurrency = 25, mode = 'room' }) {
      const start = clients.length;
      for (let i = 0; i < count; i++) {
        const websocket = Math.floor((i + 1) * websocketShare) > Math.floor(i * websocketShare);
        clients.push(new Client(url, websocket ? 'websocket' : 'long-poll'));
      }
      let next = start;
      const joinSome = async () => {
        while (next < clients.length) {
          const client = clients[next++];
          if (mode === 'log') await client.conn.call(Ledger, 'follow', [0, '', client.events]);
          else await client.conn.call(Room, 'join', [client.events]);
        }
      };
      await Promise.all(Array.from({ length: concurrency }, joinSome));
      return {
        websocket: clients.filter((c) => c.transport === 'websocket').length,
        longPoll: clients.filter((c) => c.transport === 'long-poll').length,
      };
    },

    /** How many clients hold every n up to `total` (and when the last of them got its last new n). */
    status: ({ total }) => roomStatus(clients, total),

    /** The verdict per client for events 1..total. */
    report({ total }) {
      const rows = clients.map((c) => {
        const seen = new Set();
        const firsts = [];
        for (const n of c.received)
          if (!seen.has(n)) {
            seen.add(n);
            firsts.push(n);
          }
        const inOrder = firsts.length === total && firsts.every((n, i) => n === i + 1);
        const repeated = [];
        const counts = new Map();
        for (const n of c.received) counts.set(n, (counts.get(n) ?? 0) + 1);
        for (const [n, k] of counts) if (k > 1) repeated.push(n);
        return {
          transport: c.transport,
          received: c.received.length,
          distinct: firsts.length,
          inOrder,
          repeats: c.received.length - firsts.length,
          repeated: repeated.sort((a, b) => a - b).slice(0, 50),
          problems: c.problems.slice(0, 5),
          problemCount: c.problems.length,
          lastNewAt: c.lastNewAt,
        };
      });
      return { rows };
    },

    async close() {
      await Promise.all(clients.map((c) => c.conn.close().catch(() => undefined)));
      return {};
    },
  },
  { onExit: () => Promise.all(clients.map((c) => c.conn.close().catch(() => undefined))) },
);
