// The conformance suite against the conformance router mounted in one host
// (conformance/hosts/*.ts) under the base /api, over WebSocket and long
// polling, with tests named "<host>: <case>"; and a test that the app's own
// route beside ours still answers. A host that cannot start fails its tests
// (beforeAll throws), never skips them.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startConformanceServer } from '../../conformance/server.js';
import type { Adapter } from '../../conformance/server-env.js';
import { HELLO_PATH, hello, type HostServer } from '../../conformance/hosts/host-server.js';
import { tickerSuite } from '../conformance/ticker-suite.js';

/** Registers the suite for `adapter`. */
export function hostSuite(adapter: Adapter): void {
  let server: HostServer | undefined;

  beforeAll(async () => {
    server = await startConformanceServer({ adapter, base: '/api', port: 0 });
  }, 120_000);

  afterAll(() => server?.close());

  const url = (): string => {
    if (server === undefined) throw new Error(`the ${adapter} host did not start`);
    return server.url;
  };

  it(`${adapter}: serves under the base /api, and the app's own route beside ours still answers`, async () => {
    expect(url()).toMatch(/\/api$/);
    const origin = new URL(url()).origin;
    const own = await fetch(`${origin}${HELLO_PATH}`);
    expect(own.status).toBe(200);
    expect(await own.text()).toBe(hello(adapter));
    const call = await fetch(`${url()}/Ticker/add`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '[2,40]',
    });
    expect(await call.json()).toEqual({ result: 42 });
    // Outside the base the router answers nothing: the host's own 404.
    const outside = await fetch(`${origin}/Ticker/add`, { method: 'POST', body: '[2,40]' });
    expect(outside.status).toBe(404);
  });

  it(`${adapter}: answers the health and readiness probes under the base`, async () => {
    const health = await fetch(`${url()}/_health`);
    expect([health.status, await health.json()]).toEqual([200, { result: 'ok' }]);
    const ready = await fetch(`${url()}/_ready`);
    expect([ready.status, await ready.json()]).toEqual([200, { result: 'ready' }]);
  });

  tickerSuite(adapter, url, { WebSocket });
}
