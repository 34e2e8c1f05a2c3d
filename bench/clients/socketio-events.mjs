// socket.io's client side of the events benchmark: socket.io-client 4.8,
// long-polling only (`transports: ['polling']`), `forceNew` so that each
// subscription is its own engine.io connection (io() would otherwise
// multiplex every socket to one URL over a single connection), its defaults
// otherwise. A separate socket, in no room, publishes. Driven by the suite
// over stdio (see bench/lib/worker-process.mjs).
import { io } from 'socket.io-client';
import { serveCommands, wallNow } from '../lib/worker-process.mjs';
import { Group, measureLatency, quantile } from './receiver.mjs';

const options = { transports: ['polling'], forceNew: true, reconnection: false };
let group;
let symbol;
let publisher;
const sockets = [];

function connected(socket) {
  return new Promise((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
}

serveCommands(
  {
    async open({ url, clients, symbol: s, concurrency = 50 }) {
      symbol = s;
      group = new Group(clients);
      publisher = io(url, options);
      sockets.push(publisher);
      await connected(publisher);
      let next = 0;
      const subscribeSome = async () => {
        while (next < clients) {
          const receiver = group.receivers[next++];
          const socket = io(url, options);
          sockets.push(socket);
          socket.on('tick', (s, n, at) => receiver.tick(s, n, at));
          socket.on('done', (s, total) => receiver.done(s, total));
          socket.on('disconnect', (reason) => group.fail(`a socket disconnected: ${reason}`));
          await connected(socket);
          await socket.timeout(30_000).emitWithAck('subscribe', symbol);
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, clients) }, subscribeSome));
      return {};
    },

    async subscribers() {
      return { subscribers: await publisher.timeout(30_000).emitWithAck('subscribers', symbol) };
    },

    async arm({ burst }) {
      group.arm(burst);
      return {};
    },

    async publish({ count }) {
      const sentAt = wallNow();
      publisher.emit('publish', symbol, count);
      return { sentAt };
    },

    async primed({ timeout }) {
      await group.primed(timeout);
      return {};
    },

    async finished({ timeout }) {
      return group.finished(timeout);
    },

    async throughput({ burst, timeout }) {
      group.arm(burst);
      const receiver = group.receivers[0];
      receiver.onPrimed = () => publisher.emit('publish', symbol, burst);
      publisher.emit('publish', symbol, 0);
      await group.finished(timeout);
      return {
        events: receiver.count,
        ms: receiver.lastAt - receiver.firstAt,
        sinceTrigger: receiver.lastAt - receiver.primedAt,
      };
    },

    async latency({ samples, gapMs, timeout }) {
      const publish = () => {
        publisher.emit('publish', symbol, 1);
        return Promise.resolve();
      };
      const times = await measureLatency(group.receivers[0], publish, { samples, gapMs, timeout });
      return {
        p50: quantile(times, 0.5),
        p99: quantile(times, 0.99),
        max: times[times.length - 1],
      };
    },
  },
  { onExit: () => sockets.forEach((s) => s.close()) },
);
