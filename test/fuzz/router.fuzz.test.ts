import { inspect } from 'node:util';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ContractError,
  createRouter,
  ServiceError,
  type Principal,
} from '@contract-gen/runtime/server';
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
    typeof x['text'] === 'string' &&
    isNumber(x['count']) &&
    typeof x['big'] === 'bigint' &&
    isDate(x['at']) &&
    x['bytes'] instanceof Uint8Array &&
    Array.isArray(x['tags']) &&
    x['tags'].every((t) => typeof t === 'string') &&
    (x['kind'] === 'a' || x['kind'] === 'b') &&
    Array.isArray(x['pair']) &&
    x['pair'].length === 2 &&
    typeof x['pair'][0] === 'string' &&
    isNumber(x['pair'][1]) &&
    typeof x['attrs'] === 'object' &&
    x['attrs'] !== null &&
    Object.values(x['attrs']).every((b) => typeof b === 'boolean') &&
    (x['nested'] === undefined || x['nested'] === null || isSample(x['nested']))
  );
}
const expect_ = (ok: boolean, what: string) => ok || violations.push(what);

/** The Ticker, each handler first checking by hand that its arguments fit the contract. */
const checkedTicker = () =>
  tickerHandlers({
    echo: (value, ctx) => (
      expect_(isSample(value), `echo got ${inspect(value)}`),
      real.echo(value, ctx)
    ),
    add: (a, b, ctx) => (
      expect_(isNumber(a) && isNumber(b), `add got ${a}, ${b}`),
      real.add(a, b, ctx)
    ),
    subscribe: (symbol, events, ctx) => (
      expect_(typeof symbol === 'string' && typeof events.tick === 'function', 'subscribe'),
      real.subscribe(symbol, events, ctx)
    ),
    publish(symbol, count, ctx) {
      expect_(typeof symbol === 'string' && isNumber(count), `publish got ${symbol}, ${count}`);
      if (count > 100)
        throw new ServiceError('TOO_MANY', 'The fuzz service publishes at most 100.');
      return real.publish(symbol, count, ctx);
    },
    subscribers: (symbol, ctx) => (
      expect_(typeof symbol === 'string', 'subscribers'),
      real.subscribers(symbol, ctx)
    ),
  });

const router = createRouter({
  services: [checkedTicker()],
  events: { ttl: 60_000, maxWait: 20 },
  onError: (error) => faults.push(error),
});
afterAll(() => router.close());

// The same Ticker behind an auth hook, access rules and small limits: random tokens, owners and foreign ids.
const principals: Readonly<Record<string, Principal>> = {
  ann: { id: 'ann', groups: ['user'] },
  bob: { id: 'bob', groups: ['user'] },
  root: { id: 'root', groups: ['admin'] },
  eve: { id: 'eve', groups: ['user', 'banned'] },
};
const secured = createRouter({
  services: [checkedTicker()],
  events: { ttl: 60_000, maxWait: 20 },
  auth: (request) => {
    const principal = principals[(request.header('authorization') ?? '').replace(/^Bearer /, '')];
    if (principal === undefined)
      throw new ContractError('UNAUTHENTICATED', 'Unknown or expired token.');
    return principal;
  },
  access: {
    Ticker: {
      allow: ['user', 'admin'],
      deny: ['banned'],
      methods: { publish: { allow: ['admin'] } },
    },
  },
  limits: { maxCallbacksPerClient: 4, maxClientsPerPrincipal: 20, maxItems: 50, maxDepth: 12 },
  onError: (error) => faults.push(error),
});
afterAll(() => secured.close());

const documented = [200, 400, 401, 403, 404, 405, 410, 413, 415, 422, 429, 501];
const validBodies: Record<string, string> = {
  echo: '[{"text":"t","count":1,"big":"12","at":"2026-11-22T10:11:12.345Z","bytes":"AAEC","tags":["x"],"kind":"a","pair":["p",2],"attrs":{"on":true},"nested":null}]',
  add: '[1,2]',
  subscribe: '["AAPL",{"$cb":1}]',
  publish: '["AAPL",3]',
  subscribers: '["AAPL"]',
};

const bodyText = fc.oneof(
  fc
    .constantFrom(...Object.values(validBodies))
    .chain((body) =>
      fc
        .tuple(fc.nat({ max: body.length }), fc.nat({ max: 6 }), fc.string({ maxLength: 6 }))
        .map(([at, cut, insert]) => body.slice(0, at) + insert + body.slice(at + cut)),
    ),
  fc.json(),
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    '',
    '[',
    '[]',
    'null',
    '{"__proto__":{"x":1}}',
    '[{"__proto__":{"polluted":true}}]',
    '[1e999,1]',
    '['.repeat(5000),
  ),
);
const path = fc.oneof(
  fc.constantFrom(
    '/Ticker/echo',
    '/Ticker/add',
    '/Ticker/subscribe',
    '/Ticker/publish',
    '/Ticker/subscribers',
    '/Ticker/nope',
    '/Nope/add',
    '/Ticker',
    '/',
    '/_open',
    '/_release',
    '/_close',
    '/Ticker/__proto__',
    '/Ticker/constructor',
    '/Ticker/toString',
  ),
  fc
    .tuple(fc.integer({ min: -5, max: 1e6 }), fc.integer({ min: -5, max: 1e6 }))
    .map(([after, wait]) => `/_events?after=${after}&wait=${wait}`),
  fc.string({ maxLength: 20 }).map((s) => `/${encodeURIComponent(s)}`),
);
const request = fc.record({
  method: fc.constantFrom('POST', 'POST', 'POST', 'GET', 'PUT', 'DELETE'),
  path,
  contentType: fc.constantFrom(
    'application/json',
    'application/json; charset=utf-8',
    'text/plain',
    '',
    'application/x-www-form-urlencoded',
  ),
  client: fc.constantFrom('none', 'opened', 'forged'),
  body: bodyText,
});

async function clientId(on = router, token?: string): Promise<string> {
  const answer = await on.fetch(
    new Request('http://x/_open', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      },
    }),
  );
  return ((await answer.json()) as { client: string }).client;
}

/** Checks an answer: a documented status, a JSON body, for errors a code and a message and no stack. */
async function checkAnswer(answer: Response): Promise<void> {
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
}

const releaseBody = fc.oneof(
  fc
    .array(
      fc.oneof(
        fc.nat(10),
        fc.integer({ min: -3, max: 3 }),
        fc.double(),
        fc.string({ maxLength: 3 }),
      ),
      { maxLength: 60 },
    )
    .map((ids) => JSON.stringify(ids)),
  fc.constantFrom('[1]', '[]', '{"__proto__":[1]}', '[1,', '', 'null', `[${'1,'.repeat(80)}1]`),
);
const securedRequest = fc.record({
  method: fc.constantFrom('POST', 'POST', 'GET'),
  path: fc.oneof(path, fc.constant('/_release')),
  token: fc.constantFrom('ann', 'ann', 'bob', 'root', 'eve', 'none', 'expired'),
  client: fc.constantFrom('none', 'own', 'own', 'foreign', 'forged', 'long'),
  body: fc.oneof(bodyText, releaseBody),
});

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
        await checkAnswer(await router.fetch(new Request(`http://x${r.path}`, init)));
      }),
      fuzzParameters(),
    );
  }, 600_000);

  it('answers the same with auth, access rules and owned clients on, and lets no one use a client it does not own', async () => {
    const anns = await clientId(secured, 'ann');
    const bobs = await clientId(secured, 'bob');
    await fc.assert(
      fc.asyncProperty(securedRequest, async (r) => {
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (r.token !== 'none') headers['authorization'] = `Bearer ${r.token}`;
        const client = {
          none: undefined,
          own: r.token === 'bob' ? bobs : anns,
          foreign: r.token === 'bob' ? anns : bobs,
          forged: 'AAAAAAAAAAAAAAAAAAAAAA',
          long: 'A'.repeat(5000),
        }[r.client];
        if (client !== undefined) headers['x-contract-client'] = client;
        const init: RequestInit = { method: r.method, headers };
        if (r.method !== 'GET') init.body = r.body;
        const answer = await secured.fetch(new Request(`http://x${r.path}`, init));
        // A client that is not the caller's is refused whatever else the request says (the id's existence never leaks).
        const named =
          client !== undefined &&
          (r.path.startsWith('/_events') || r.path === '/_release' || r.path === '/_close');
        if (
          named &&
          r.token !== 'none' &&
          r.token !== 'expired' &&
          (r.client === 'foreign' ||
            r.client === 'forged' ||
            r.client === 'long' ||
            r.token === 'root' ||
            r.token === 'eve')
        ) {
          if (answer.status !== 405) expect(answer.status).toBe(403);
        }
        if (r.token === 'none' || r.token === 'expired') expect(answer.status).toBe(401);
        await checkAnswer(answer);
      }),
      fuzzParameters(),
    );
  }, 600_000);
});
