// The peer: socket.io 4.8 on node:http, long-polling only
// (`transports: ['polling']`), otherwise its defaults. A client joins a room
// per symbol (`subscribe`); `publish(symbol, count)` emits `count` ticks
// (symbol, n, ISO date: the same payload as the Ticker's) and a `done` to
// the room from one synchronous loop, like the Ticker's `publish`.
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const http = createServer();
const io = new Server(http, { transports: ['polling'], serveClient: false });

io.on('connection', (socket) => {
  socket.on('subscribe', (symbol, ack) => {
    socket.join(symbol);
    if (typeof ack === 'function') ack(io.sockets.adapter.rooms.get(symbol)?.size ?? 0);
  });
  socket.on('subscribers', (symbol, ack) => {
    if (typeof ack === 'function') ack(io.sockets.adapter.rooms.get(symbol)?.size ?? 0);
  });
  socket.on('unsubscribe', (symbol, ack) => {
    socket.leave(symbol);
    if (typeof ack === 'function') ack(null);
  });
  socket.on('publish', (symbol, count, ack) => {
    const room = io.to(symbol);
    for (let n = 1; n <= count; n++) room.emit('tick', symbol, n, new Date().toISOString());
    room.emit('done', symbol, count);
    if (typeof ack === 'function') ack(io.sockets.adapter.rooms.get(symbol)?.size ?? 0);
  });
});

http.listen(0, '127.0.0.1', () =>
  process.stdout.write(`${JSON.stringify({ port: http.address().port })}\n`),
);

// End on SIGTERM/SIGINT through process.exit (so --cpu-prof can write its
// profile), and with the suite: a server whose parent went away ends itself.
for (const signal of ['SIGTERM', 'SIGINT']) process.once(signal, () => process.exit(0));
const parent = process.ppid;
setInterval(() => process.ppid !== parent && process.exit(0), 1_000).unref();
