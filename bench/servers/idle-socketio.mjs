// The socket.io peer of the memory suite: socket.io 4.8 on node:http with
// one transport, `polling` or `websocket` (the first argument), otherwise its
// defaults (ping every 25 s, per-message deflate off). A client emits
// `subscribe('AAPL', ack)`: the socket joins the room named after the symbol
// and the ack says the room's size, like the Ticker's `subscribe`.
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const transport = process.argv[2];
if (transport !== 'polling' && transport !== 'websocket')
  throw new Error(`idle-socketio: transport 'polling' or 'websocket', got '${transport}'`);
const http = createServer();
const io = new Server(http, { transports: [transport], serveClient: false });

io.on('connection', (socket) => {
  socket.on('subscribe', (symbol, ack) => {
    socket.join(symbol);
    if (typeof ack === 'function') ack(io.sockets.adapter.rooms.get(symbol)?.size ?? 0);
  });
});

http.listen(0, '127.0.0.1', () =>
  process.stdout.write(`${JSON.stringify({ port: http.address().port })}\n`),
);

const parent = process.ppid;
setInterval(() => process.ppid !== parent && process.exit(0), 1_000).unref();
