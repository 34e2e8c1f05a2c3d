import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createRouter, ServiceError } from 'contract-gen/server';
import type { Sample } from '../../conformance/contracts/ticker.js';
import { tickerHandlers } from '../../conformance/generated/ticker.server.js';
import { createTickerService } from '../../conformance/ticker-service.js';
import { fuzzParameters } from './fuzz-config.js';

// Random and mutated requests against a router serving the conformance
// contract: every answer is a documented status with a JSON body, nothing is
// a server fault, nothing hangs, and the implementation only ever sees values
// of its contract's types (checked by hand-written predicates below, not by
// the validators under test).
const violations: string[] = [];
const faults: unknown[] = [];
const real = createTickerService();

const isDate = (v: unknown) => v instanceof Date && !Number.isNaN(v.getTime());
const isNumber = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
function isSample(v: unknown): v is Sample {
  if (typeof v !== 'object' || v === null) return false;
  const x = v as Record<string, unknown>;
  return (
    typeof x['text'] === 'string' && isNumber(x['count']) && typeof x['big'] === 'bigint' && isDate(x['at']) &&
    x['bytes'] instanceof Uint8Array && Array.isArray(x['tags']) && x['tags'].every((t) => typeof t === 'string') &&
    (x['kind'] === 'a' || x['kind'] === 'b') && Array.isArray(x['pair']) && x['pair'].length === 2 &&
    typeof x['pair'][0] === 'string' && isNumber(x['pair'][1]) && typeof x['attrs'] === 'object' && x['attrs'] !== null &&
    Object.values(x['attrs']).every((b) => typeof b === 'boolean') &&
    (x['nested'] === undefined || x['nested'] === null || isSample(x['nested']))
  );
}
const expect_ = (ok: boolean, what: string) => ok || violations.push(what);

const router = createRouter({
  services: [
    tickerHandlers({
      echo: (value, ctx) => (expect_(isSample(value), `echo got ${String(value)}`), real.echo(value, ctx)),
      add: (a, b, ctx) => (expect_(isNumber(a) && isNumber(b), `add got ${a}, ${b}`), real.add(a, b, ctx)),
      subscribe: (symbol, events, ctx) => (expect_(typeof symbol === 'string' && typeof events.tick === 'function', 'subscribe'), real.subscribe(symbol, events, ctx)),
      publish(symbol, count, ctx) {
        expect_(typeof symbol === 'string' && isNumber(count), `publish got ${symbol}, ${count}`);
        if (count > 100) throw new ServiceError('TOO_MANY', 'The fuzz service publishes at most 100.');
        return real.publish(symbol, count, ctx);
      },
      subscribers: (symbol, ctx) => (expect_(typeof symbol === 'string', 'subscribers'), real.subscribers(symbol, ctx)),
    }),
  ],
  events: { ttl: 60_000, maxWait: 20 },
  onError: (error) => faults.push(error),
});
afterAll(() => router.close());

const documented = [200, 400, 401, 403, 404, 405, 410, 413, 415, 422, 501];
const validBodies: Record<string, string> = {
  echo: '[{"text":"t","count":1,"big":"12","at":"2026-11-22T10:11:12.345Z","bytes":"AAEC","tags":["x"],"kind":"a","pair":["p",2],"attrs":{"on":true},"nested":null}]',
  add: '[1,2]',
  subscribe: '["AAPL",{"$cb":1}]',
  publish: '["AAPL",3]',
  subscribers: '["AAPL"]',
};

const bodyText = fc.oneof(
  fc.constantFrom(...Object.values(validBodies)).chain((body) =>
    fc.tuple(fc.nat({ max: body.length }), fc.nat({ max: 6 }), fc.string({ maxLength: 6 })).map(([at, cut, insert]) => body.slice(0, at) + insert + body.slice(at + cut)),
  ),
  fc.json(),
  fc.string({ maxLength: 40 }),
  fc.constantFrom('', '[', '[]', 'null', '{"__proto__":{"x":1}}', '[{"__proto__":{"polluted":true}}]', '[1e999,1]', '[' .repeat(5000)),
);
const path = fc.oneof(
  fc.constantFrom('/Ticker/echo', '/Ticker/add', '/Ticker/subscribe', '/Ticker/publish', '/Ticker/subscribers', '/Ticker/nope', '/Nope/add', '/Ticker', '/', '/_open', '/_release', '/_close', '/Ticker/__proto__', '/Ticker/constructor', '/Ticker/toString'),
  fc.tuple(fc.integer({ min: -5, max: 1e6 }), fc.integer({ min: -5, max: 1e6 })).map(([after, wait]) => `/_events?after=${after}&wait=${wait}`),
  fc.string({ maxLength: 20 }).map((s) => `/${encodeURIComponent(s)}`),
);
const request = fc.record({
  method: fc.constantFrom('POST', 'POST', 'POST', 'GET', 'PUT', 'DELETE'),
  path,
  contentType: fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', '', 'application/x-www-form-urlencoded'),
  client: fc.constantFrom('none', 'opened', 'forged'),
  body: bodyText,
});

async function clientId(): Promise<string> {
  const answer = await router.fetch(new Request('http://x/_open', { method: 'POST' }));
  return ((await answer.json()) as { client: string }).client;
}

describe('the router under random and mutated requests', () => {
  it('answers every request with a documented status and a JSON body, and never calls a handler with ill-typed values', async () => {
    const opened = await clientId();
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const headers: Record<string, string> = {};
        if (r.contentType) headers['content-type'] = r.contentType;
        if (r.client === 'opened') headers['x-contract-client'] = opened;
        if (r.client === 'forged') headers['x-contract-client'] = 'AAAAAAAAAAAAAAAAAAAAAA';
        const init: RequestInit = { method: r.method, headers };
        if (r.method !== 'GET') init.body = r.body;
        const answer = await router.fetch(new Request(`http://x${r.path}`, init));
        expect(documented).toContain(answer.status);
        const text = await answer.text();
        if (answer.status !== 200 || text !== '') {
          const body = JSON.parse(text) as { error?: { code: unknown; message: unknown } };
          if (answer.status >= 400) {
            expect(typeof body.error?.code).toBe('string');
            expect(typeof body.error?.message).toBe('string');
            expect(text).not.toMatch(/\n\s+at /); // no stack trace
          }
        }
        expect(violations).toEqual([]);
        expect(faults).toEqual([]);
        expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
      }),
      fuzzParameters(),
    );
  }, 600_000);
});
