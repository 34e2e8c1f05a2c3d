// The project: the conformance Ticker served by contract-gen's generated
// server on node:http (the built package and the compiled generated code).
import { createServer } from '@contract-gen/runtime/server/node';
import { tickerHandlers } from '../../build/apps/conformance/generated/ticker.server.js';
import { createTickerService } from '../../build/apps/conformance/ticker-service.js';

// The hostile suite times the server's own work to refuse a body with REFUSED_BODY_DELAY_MS=0 (every other
// figure runs with the defaults, where a refused body waits limits.refusedBodyDelayMs for its answer).
const delay = process.env.REFUSED_BODY_DELAY_MS;
const server = await createServer({
  services: [tickerHandlers(createTickerService())],
  onError: () => {},
  ...(delay === undefined ? {} : { limits: { refusedBodyDelayMs: Number(delay) } }),
}).listen(0);
process.stdout.write(`${JSON.stringify({ port: server.port })}\n`);
