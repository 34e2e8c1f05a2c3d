// The raw WebSocket peer of the memory suite: `ws` 8's WebSocketServer on a
// node:http server with its defaults (no per-message deflate), and the least
// an application needs to push events to subscribers: a client sends
// `{"subscribe":"AAPL"}`, the server adds the socket to that symbol's Set
// (removed on close) and answers `{"subscribed":<size>}`. No client ids, no
// queues, no keepalive pings: the floor a WebSocket server costs per socket.
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';

const http = createServer();
const wss = new WebSocketServer({ server: http });
const symbols = new Map(); // symbol -> Set of sockets

wss.on('connection', (ws) => {
  ws.on('message', (data) => {
    const { subscribe } = JSON.parse(String(data));
    let set = symbols.get(subscribe);
    if (set === undefined) symbols.set(subscribe, (set = new Set()));
    set.add(ws);
    ws.once('close', () => set.delete(ws));
    ws.send(JSON.stringify({ subscribed: set.size }));
  });
});

http.listen(0, '127.0.0.1', () =>
  process.stdout.write(`${JSON.stringify({ port: http.address().port })}\n`),
);

const parent = process.ppid;
setInterval(() => process.ppid !== parent && process.exit(0), 1_000).unref();
