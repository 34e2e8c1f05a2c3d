import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  acceptWebSocket,
  ContractError,
  createRouter,
  type Principal,
  type UpgradeRequest,
  type WsPeer,
} from '@contract-gen/runtime/server';
import { tickerHandlers } from '../../conformance/generated/ticker.server.js';
import { createTickerService } from '../../conformance/ticker-service.js';
import { fuzzParameters } from './fuzz-config.js';

// Random and mutated WebSocket frames against the session of a secured
// router, through an in-memory peer: every frame the server sends is JSON of
// a known type with a documented status, it closes only with documented
// codes, nothing is a server fault, and handlers only ever see values of
// their contract's types. Sockets say hello as their own, another's or a
// forged client; another's or a forged one is always refused.
const violations: string[] = [];
const faults: unknown[] = [];
const real = createTickerService();
const ok = (fine: boolean, what: string): void => void (fine || violations.push(what));
const isNumber = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v);
const principals: Readonly<Record<string, Principal>> = {
  ann: { id: 'ann', groups: ['user'] },
  bob: { id: 'bob', groups: ['user'] },
  root: { id: 'root', groups: ['admin'] },
};

const router = createRouter({
  services: [
    tickerHandlers({
      echo: (value, ctx) => (
        ok(
          typeof value === 'object' &&
            value !== null &&
            value.at instanceof Date &&
            typeof value.big === 'bigint',
          'echo',
        ),
        real.echo(value, ctx)
      ),
      add: (a, b, ctx) => (ok(isNumber(a) && isNumber(b), 'add'), real.add(a, b, ctx)),
      subscribe: (symbol, events, ctx) => (
        ok(typeof symbol === 'string' && typeof events.tick === 'function', 'subscribe'),
        real.subscribe(symbol, events, ctx)
      ),
      publish: (symbol, count, ctx) => (
        ok(typeof symbol === 'string' && isNumber(count), 'publish'),
        real.publish(symbol, Math.min(count, 5), ctx)
      ),
      subscribers: (symbol, ctx) => (
        ok(typeof symbol === 'string', 'subscribers'),
        real.subscribers(symbol, ctx)
      ),
    }),
  ],
  events: { ttl: 60_000, maxWait: 20 },
  auth: (request) => {
    const principal = principals[(request.header('authorization') ?? '').replace(/^Bearer /, '')];
    if (principal === undefined) throw new ContractError('UNAUTHENTICATED', 'Unknown token.');
    return principal;
  },
  access: { Ticker: { allow: ['user', 'admin'], methods: { publish: { allow: ['admin'] } } } },
  limits: { maxCallbacksPerClient: 4, maxClientsPerPrincipal: 50, maxItems: 50, maxDepth: 12 },
  onError: (error) => faults.push(error),
});
afterAll(() => router.close());

const serverFrameTypes = ['welcome', 'events', 'answer', 'error', 'gone', 'ping'];
const statuses = [200, 400, 401, 403, 404, 410, 413, 422, 429, 501];
const closeCodes = [1000, 1001, 1008, 4408, 4409, 4410];

const sampleJson =
  '{"text":"t","count":1,"big":"12","at":"2026-11-22T10:11:12.345Z","bytes":"AAEC","tags":["x"],"kind":"a","pair":["p",2],"attrs":{"on":true}}';
const validFrames = [
  '{"type":"call","id":1,"service":"Ticker","method":"subscribe","args":["S",{"$cb":1}]}',
  '{"type":"call","id":2,"service":"Ticker","method":"publish","args":["S",2]}',
  '{"type":"call","id":3,"service":"Ticker","method":"add","args":[1,2]}',
  `{"type":"call","id":4,"service":"Ticker","method":"echo","args":[${sampleJson}]}`,
  '{"type":"ack","seq":1}',
  '{"type":"release","id":5,"callbacks":[1]}',
  '{"type":"close","id":6}',
  '{"type":"pong"}',
];
/** A valid frame with a few characters cut out or put in. */
const mutated = fc
  .constantFrom(...validFrames)
  .chain((frame) =>
    fc
      .tuple(fc.nat({ max: frame.length }), fc.nat({ max: 4 }), fc.string({ maxLength: 4 }))
      .map(([at, cut, insert]) => frame.slice(0, at) + insert + frame.slice(at + cut)),
  );
const frame = fc.oneof(
  fc.constantFrom(...validFrames),
  mutated,
  fc
    .record(
      {
        type: fc.constantFrom('call', 'ack', 'release', 'close', 'hello', 'pong', 'nope'),
        id: fc.oneof(fc.nat(), fc.integer(), fc.double(), fc.string()),
        seq: fc.oneof(fc.nat(100), fc.integer(), fc.constant(1e300)),
        service: fc.constantFrom('Ticker', 'Nope', '__proto__', 'Ticker/add'),
        method: fc.constantFrom('add', 'echo', 'publish', 'subscribe', 'constructor', 'toString'),
        args: fc.oneof(
          fc.json().map((j) => JSON.parse(j) as unknown),
          fc.array(
            fc.oneof(
              fc.integer(),
              fc.string(),
              fc.record({ $cb: fc.integer({ min: -2, max: 9 }) }),
            ),
            { maxLength: 4 },
          ),
        ),
        callbacks: fc.array(fc.integer({ min: -2, max: 99 }), { maxLength: 60 }),
      },
      { requiredKeys: ['type'] },
    )
    .map((f) => JSON.stringify(f)),
  fc.constantFrom(
    '{"type":"call","id":7,"service":"Ticker","method":"echo","args":[{"__proto__":{"polluted":true}}]}',
    '{"__proto__":{"type":"call"}}',
    '[]',
    'null',
    '',
    '{',
    undefined,
  ),
  fc.json(),
);
/** A well-formed call frame with random or mutated arguments: it reaches the router's decoding. */
const callFrame = fc
  .record({
    id: fc.nat(),
    method: fc.constantFrom('add', 'echo', 'publish', 'subscribe', 'subscribers'),
    args: fc.oneof(
      fc
        .array(
          fc.oneof(
            fc.integer(),
            fc.double(),
            fc.string({ maxLength: 5 }),
            fc.constant(null),
            fc.record({ $cb: fc.integer({ min: -1, max: 6 }) }),
          ),
          { maxLength: 3 },
        )
        .map((a) => JSON.stringify(a)),
      fc
        .constantFrom(`[${sampleJson}]`, '["S",{"$cb":2}]', '[1,2]')
        .chain((args) =>
          fc
            .tuple(fc.nat({ max: args.length }), fc.nat({ max: 3 }), fc.string({ maxLength: 3 }))
            .map(([at, cut, insert]) => args.slice(0, at) + insert + args.slice(at + cut)),
        ),
    ),
  })
  .map(
    ({ id, method, args }) =>
      `{"type":"call","id":${id},"service":"Ticker","method":"${method}","args":${args}}`,
  );
const subscribeAndPublish = [validFrames[0] as string, validFrames[1] as string];
const session = fc.record({
  token: fc.constantFrom('ann', 'bob', 'root', 'root', 'none'),
  hello: fc.constantFrom('new', 'new', 'own', 'foreign', 'forged', 'garbage', 'none'),
  after: fc.oneof(
    fc.constant(undefined),
    fc.constant(undefined),
    fc.nat(5),
    fc.integer(),
    fc.constant(1e300),
  ),
  frames: fc.oneof(
    fc.array(fc.oneof(frame, callFrame), { maxLength: 6 }),
    fc
      .array(fc.oneof(frame, callFrame), { maxLength: 3 })
      .map((rest) => [...subscribeAndPublish, ...rest]),
  ),
});

function peerAndUpgrade(token: string): {
  peer: WsPeer;
  sent: string[];
  closes: number[];
  upgrade: UpgradeRequest;
} {
  const sent: string[] = [];
  const closes: number[] = [];
  const headers = token === 'none' ? {} : { authorization: `Bearer ${token}` };
  return {
    sent,
    closes,
    peer: {
      send: (text) => void sent.push(text),
      close: (code) => void closes.push(code),
      bufferedAmount: 0,
    },
    upgrade: {
      url: 'http://x/_ws',
      header: (name) => (headers as Record<string, string>)[name],
      headers: () => new Headers(headers),
    },
  };
}

async function open(token: string): Promise<string> {
  const answer = await router.fetch(
    new Request('http://x/_open', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    }),
  );
  return ((await answer.json()) as { client: string }).client;
}

const turns = async (n: number): Promise<void> => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe('WebSocket frames, random and mutated', () => {
  it('are answered with known frames and documented statuses, and never hand a handler an ill-typed value', async () => {
    const reached = new Set<string>();
    const own: Record<string, string> = {
      ann: await open('ann'),
      bob: await open('bob'),
      root: await open('root'),
    };
    await fc.assert(
      fc.asyncProperty(session, async (s) => {
        // Each case starts clean, so a failure shrinks to the case that caused it.
        violations.length = 0;
        faults.length = 0;
        const { peer, sent, closes, upgrade } = peerAndUpgrade(s.token);
        const handle = acceptWebSocket(router, peer, upgrade, {
          ping: 60_000,
          pingTimeout: 60_000,
        });
        const client = {
          new: undefined,
          own: own[s.token] ?? own['ann'],
          foreign: s.token === 'bob' ? own['ann'] : own['bob'],
          forged: 'AAAAAAAAAAAAAAAAAAAAAA',
          garbage: 42,
          none: undefined,
        }[s.hello];
        if (s.hello !== 'none')
          handle.message(JSON.stringify({ type: 'hello', client, after: s.after }));
        await turns(3);
        for (const f of s.frames) handle.message(f);
        await turns(4);
        handle.closed();
        const frames = sent.map(
          (text) =>
            JSON.parse(text) as {
              type: string;
              status?: number;
              client?: string;
              error?: { code: string; message: string };
            },
        );
        for (const f of frames) {
          reached.add(f.status === undefined ? f.type : `${f.type} ${f.status}`);
          expect(serverFrameTypes).toContain(f.type);
          if (f.status !== undefined) expect(statuses).toContain(f.status);
          if (f.error !== undefined)
            expect(typeof f.error.code === 'string' && typeof f.error.message === 'string').toBe(
              true,
            );
        }
        for (const code of closes) expect(closeCodes).toContain(code);
        const first = frames[0];
        if (
          s.token !== 'none' &&
          (s.hello === 'foreign' || s.hello === 'forged') &&
          Number.isSafeInteger(s.after ?? 0) &&
          (s.after ?? 0) >= 0
        ) {
          expect(first).toMatchObject({
            type: 'error',
            status: 403,
            error: { code: 'FOREIGN_CLIENT' },
          });
        }
        if (
          s.token === 'none' &&
          s.hello !== 'none' &&
          s.hello !== 'garbage' &&
          Number.isSafeInteger(s.after ?? 0) &&
          (s.after ?? 0) >= 0
        )
          expect(first).toMatchObject({ type: 'error', status: 401 });
        // A client this case opened goes again, so the principal's client limit is not used up by the fuzzing.
        const welcome = frames.find((f) => f.type === 'welcome');
        if (s.hello === 'new' && welcome?.client !== undefined) {
          await router.fetch(
            new Request('http://x/_close', {
              method: 'POST',
              headers: { authorization: `Bearer ${s.token}`, 'x-contract-client': welcome.client },
            }),
          );
        }
        expect(sent.join('\n')).not.toMatch(/\\n\s+at /);
        expect(violations).toEqual([]);
        expect(faults).toEqual([]);
        expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
      }),
      fuzzParameters(),
    );
    // Not vacuous: sockets were welcomed, calls answered and refused, events pushed.
    expect([...reached]).toEqual(
      expect.arrayContaining([
        'welcome',
        'answer 200',
        'answer 400',
        'answer 403',
        'events',
        'error 400',
        'error 401',
        'error 403',
      ]),
    );
  }, 600_000);
});
