// The Ticker conformance cases over the WebSocket binding on Node (the `ws`
// package injected as the client's WebSocket), and over long polling with
// WebSocket forbidden, against the conformance server with its WebSocket
// endpoint (createServer attaches it).
import { afterAll, beforeAll, describe, it } from 'vitest';
import { WebSocket } from 'ws';
import type { ConnectOptions } from '@contract-gen/runtime/client';
import { startConformanceServer } from '../../../conformance/server.js';
import { tickerCases } from '../../conformance/ticker-cases.js';

let url = '';
let stop: (() => Promise<void>) | undefined;

beforeAll(async () => {
  const server = await startConformanceServer({ port: 0 });
  url = server.url;
  stop = () => server.close();
});

afterAll(() => stop?.());

const runs: Record<string, ConnectOptions> = {
  websocket: { transport: 'websocket', WebSocket },
  'long-poll (WebSocket forbidden)': { transport: 'long-poll', WebSocket },
};

for (const [label, options] of Object.entries(runs)) {
  describe(`Ticker conformance over ${label} (Node ${process.versions.node})`, () => {
    for (const testCase of tickerCases) it(testCase.name, () => testCase.run(url, options), 30_000);
  });
}
