// The client conformance suite on Node: against CONFORMANCE_URL when set (a
// server started elsewhere, e.g. `npm run conformance-server`), otherwise
// against the conformance server started in this process on a free port.
import { afterAll, beforeAll } from 'vitest';
import { startConformanceServer } from '../../conformance/server.js';
import { tickerSuite } from './ticker-suite.js';

let url = process.env['CONFORMANCE_URL'] ?? '';
let stop: (() => Promise<void>) | undefined;

beforeAll(async () => {
  if (url !== '') return;
  const server = await startConformanceServer({ port: 0 });
  url = server.url;
  stop = () => server.close();
});

afterAll(() => stop?.());

tickerSuite(`Node ${process.versions.node}`, () => url);
