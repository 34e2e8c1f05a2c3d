import { describe, expect, it, vi } from 'vitest';
import * as s from '../../runtime/src/schema/index.js';
import {
  createRouter,
  defineService,
  type CallContext,
  type CallbackResolver,
} from '../../runtime/src/server/index.js';

// The seam the callback machinery will fill: `{"$cb": n}` arguments go to `callbacks`.
const TickerEventsCallback = s.callbackInterface('TickerEvents', {
  tick: [s.string(), s.number(), s.date()],
  done: [s.string(), s.number()],
});
const TickerService = s.service('Ticker', {
  subscribe: s.method([s.string(), s.callback(TickerEventsCallback)], s.number()),
  watch: s.method([s.string(), s.optional(s.callback(TickerEventsCallback))], s.number()),
});

function setup(callbacks?: CallbackResolver) {
  const handlers = {
    subscribe: vi.fn((_symbol: string, _events: unknown, _ctx: CallContext) => 1),
    watch: vi.fn((_symbol: string, _events: unknown, _ctx: CallContext) => 2),
  };
  // Without a resolver: the event channel off, so the 501 of a server without callback support shows.
  const router = createRouter(
    callbacks === undefined
      ? { services: [defineService(TickerService, handlers)], events: false }
      : { services: [defineService(TickerService, handlers)], callbacks },
  );
  const call = async (method: string, body: string, client?: string) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (client !== undefined) headers['x-contract-client'] = client;
    const response = await router.fetch(
      new Request(`http://test/Ticker/${method}`, { method: 'POST', headers, body }),
    );
    return {
      status: response.status,
      json: (await response.json()) as {
        result?: unknown;
        error?: { code: string; message: string };
      },
    };
  };
  return { handlers, call };
}

describe('router: callback arguments', () => {
  it('answers 501 NOT_IMPLEMENTED without a resolver', async () => {
    const { handlers, call } = setup();
    const answer = await call('subscribe', '["AAPL", {"$cb": 1}]', 'c1');
    expect(answer.status).toBe(501);
    expect(answer.json.error?.code).toBe('NOT_IMPLEMENTED');
    expect(answer.json.error?.message).toContain('TickerEvents');
    expect(handlers.subscribe).not.toHaveBeenCalled();
  });

  it('hands the handler what the resolver makes of {"$cb": n}', async () => {
    const standIn = { tick: () => undefined, done: () => undefined };
    const resolver = vi.fn<CallbackResolver>(() => standIn);
    const { handlers, call } = setup(resolver);
    expect(await call('subscribe', '["AAPL", {"$cb": 7}]', 'c1')).toMatchObject({
      status: 200,
      json: { result: 1 },
    });
    expect(resolver).toHaveBeenCalledWith(
      'c1',
      TickerEventsCallback,
      7,
      expect.objectContaining({ method: 'subscribe', client: 'c1' }),
    );
    expect(handlers.subscribe.mock.calls[0]?.[1]).toBe(standIn);
  });

  it('passes an omitted optional callback as undefined without asking the resolver', async () => {
    const resolver = vi.fn<CallbackResolver>(() => ({}));
    const { handlers, call } = setup(resolver);
    expect(await call('watch', '["AAPL"]')).toMatchObject({ status: 200 });
    expect(await call('watch', '["AAPL", null]')).toMatchObject({ status: 200 });
    expect(resolver).not.toHaveBeenCalled();
    expect(handlers.watch.mock.calls.map((c) => c[1])).toEqual([undefined, undefined]);
  });

  it.each([
    ['a malformed reference', '["AAPL", {"cb": 1}]', 'c1', 400, 'BAD_ARGUMENT'],
    ['a negative id', '["AAPL", {"$cb": -1}]', 'c1', 400, 'BAD_ARGUMENT'],
    ['a missing client header', '["AAPL", {"$cb": 1}]', undefined, 400, 'BAD_REQUEST'],
    ['a bad data argument before the callback', '[5, {"$cb": 1}]', 'c1', 400, 'BAD_ARGUMENT'],
  ])('refuses %s', async (_name, body, client, status, code) => {
    const resolver = vi.fn<CallbackResolver>(() => ({}));
    const { handlers, call } = setup(resolver);
    const answer = await call('subscribe', body, client);
    expect(answer).toMatchObject({ status, json: { error: { code } } });
    expect(resolver).not.toHaveBeenCalled();
    expect(handlers.subscribe).not.toHaveBeenCalled();
  });

  it('passes on a ContractError the resolver throws (an expired client)', async () => {
    const { ContractError } = await import('../../runtime/src/protocol/index.js');
    const { call } = setup(() => {
      throw new ContractError('UNKNOWN_CLIENT', 'Client c1 has expired; open a new one.');
    });
    expect(await call('subscribe', '["AAPL", {"$cb": 1}]', 'c1')).toMatchObject({
      status: 410,
      json: { error: { code: 'UNKNOWN_CLIENT' } },
    });
  });
});

describe('client: callback arguments', () => {
  // The client side of the event channel is tested in test/runtime/client-events/.
  it('travel as {"$cb": n} with the client header of a lazily opened client', async () => {
    const { connect } = await import('../../runtime/src/client/index.js');
    const seen: { path: string; client: string | null; body: string }[] = [];
    const fetchSpy: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      seen.push({
        path: new URL(request.url).pathname,
        client: request.headers.get('x-contract-client'),
        body: await request.text(),
      });
      return new Response(
        request.url.endsWith('/_open') ? '{"client":"c1","ttl":60000,"wait":1000}' : '{"result":1}',
      );
    };
    const conn = connect('http://x', { fetch: fetchSpy, events: 'poll', pollInterval: 60_000 });
    expect(await conn.call(TickerService, 'subscribe', ['AAPL', { tick() {}, done() {} }])).toBe(1);
    await conn.close();
    // The event loop starts with the registration, so a poll may come in between.
    expect(seen.filter((r) => r.path !== '/_events')).toEqual([
      { path: '/_open', client: null, body: '{}' },
      { path: '/Ticker/subscribe', client: 'c1', body: '["AAPL",{"$cb":1}]' },
      { path: '/_close', client: 'c1', body: '' },
    ]);
  });
});
