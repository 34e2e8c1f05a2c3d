// The project: the conformance Ticker served by contract-gen's generated
// server on node:http (the built package and the compiled generated code).
import { createServer } from '@contract-gen/runtime/server/node';
import { tickerHandlers } from '../../build/apps/conformance/generated/ticker.server.js';
import { createTickerService } from '../../build/apps/conformance/ticker-service.js';

const server = await createServer({
  services: [tickerHandlers(createTickerService())],
  onError: () => {},
}).listen(0);
process.stdout.write(`${JSON.stringify({ port: server.port })}\n`);
