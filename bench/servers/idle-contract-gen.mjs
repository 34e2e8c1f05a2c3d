// The project, for the memory suite: the conformance Ticker served by
// contract-gen's generated server on node:http, every default kept (long
// polling and the WebSocket endpoint on one server, the memory store, ttl,
// waits, pings, limits). Idle clients each call `subscribe('AAPL', events)`
// once and then park a long poll or keep a socket open.
import { createServer } from '@contract-gen/runtime/server/node';
import { tickerHandlers } from '../../build/apps/conformance/generated/ticker.server.js';
import { createTickerService } from '../../build/apps/conformance/ticker-service.js';

const server = await createServer({
  services: [tickerHandlers(createTickerService())],
  onError: () => {},
}).listen(0, '127.0.0.1');
process.stdout.write(`${JSON.stringify({ port: server.port })}\n`);

// A server whose parent (the suite) went away ends itself.
const parent = process.ppid;
setInterval(() => process.ppid !== parent && process.exit(0), 1_000).unref();
