// The peer of the fanout-redis suite: socket.io 4.8 with @socket.io/redis-streams-adapter (its
// defaults, plus connection state recovery, which the adapter supports: the most socket.io offers to
// a client that reconnects), WebSocket transport only, on one Redis (REDIS_URL) or a Redis Cluster
// (REDIS_CLUSTER: host:port,...), stream name STREAM. A client joins the room with `join`;
// `publish(from, count, ack)` emits item(n) for n = from .. from + count - 1 to the room, from one
// synchronous loop, like the Room service of test/stores/fixtures/store-server.mjs. Prints
// "listening <port>" when ready (PORT, default any).
import { createServer } from 'node:http';
import { Cluster, Redis } from 'ioredis';
import { Server } from 'socket.io';
import { createAdapter } from '@socket.io/redis-streams-adapter';

const { REDIS_URL, REDIS_CLUSTER, STREAM, PORT } = process.env;
const redis =
  REDIS_CLUSTER === undefined
    ? new Redis(REDIS_URL ?? 'redis://127.0.0.1:6379')
    : new Cluster(
        REDIS_CLUSTER.split(',').map((node) => {
          const [host, port] = node.split(':');
          return { host, port: Number(port) };
        }),
      );
redis.on('error', () => {});

const http = createServer();
const io = new Server(http, {
  transports: ['websocket'],
  serveClient: false,
  adapter: createAdapter(redis, { streamName: STREAM ?? 'socket.io' }),
  connectionStateRecovery: { maxDisconnectionDuration: 60_000 },
});

io.on('connection', (socket) => {
  socket.on('join', (ack) => {
    socket.join('room');
    if (typeof ack === 'function') ack(http.address().port);
  });
  socket.on('publish', (from, count, ack) => {
    const room = io.to('room');
    for (let n = from; n < from + count; n++) room.emit('item', n);
    if (typeof ack === 'function') ack(from + count - 1);
  });
});

http.listen(Number(PORT ?? 0), '127.0.0.1', () =>
  process.stdout.write(`listening ${http.address().port}\n`),
);
for (const signal of ['SIGTERM', 'SIGINT']) process.once(signal, () => process.exit(0));
const parent = process.ppid;
setInterval(() => process.ppid !== parent && process.exit(0), 1_000).unref();
