import { afterEach, describe, expect, it, vi } from 'vitest';
import * as s from '../../../runtime/src/schema/index.js';
import {
  createRouter,
  defineService,
  type ClientInfo,
  type Router,
} from '../../../runtime/src/server/index.js';
import { TickerEventsCallback, type Body, type TickerEvents } from './fixture.js';

const SessionService = s.service('Session', {
  watch: s.method([s.callback(TickerEventsCallback)], s.number()),
  count: s.method([], s.number()),
});

/** A per-client implementation that counts its calls and keeps the callbacks it was given. */
class Session {
  static made: Session[] = [];
  calls = 0;
  disposed = 0;
  readonly watchers: TickerEvents[] = [];
  constructor(readonly client: ClientInfo) {
    Session.made.push(this);
  }
  watch(events: TickerEvents): number {
    this.watchers.push(events);
    return ++this.calls;
  }
  count(): number {
    return ++this.calls;
  }
  [Symbol.dispose](): void {
    this.disposed++;
  }
}

let router: Router;
afterEach(() => router?.close());

function setup(events = {}) {
  Session.made = [];
  const onError = vi.fn();
  router = createRouter({
    services: [
      defineService(SessionService, (client) => new Session(client), { lifetime: 'per-client' }),
    ],
    events,
    onError,
  });
  const send = async (path: string, client?: string, body = '[]') => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (client !== undefined) headers['x-contract-client'] = client;
    const response = await router.fetch(
      new Request(`http://test${path}`, { method: 'POST', headers, body }),
    );
    return { status: response.status, json: (await response.json()) as Body };
  };
  const open = async () => (await send('/_open')).json.client as string;
  return { send, open, onError };
}

describe('per-client services', () => {
  it("make one instance per client on its first call, and serve that client's calls with it", async () => {
    const { send, open } = setup();
    const [a, b] = [await open(), await open()];
    expect(Session.made).toHaveLength(0);
    expect((await send('/Session/count', a)).json).toEqual({ result: 1 });
    expect((await send('/Session/watch', a, '[{"$cb": 1}]')).json).toEqual({ result: 2 });
    expect((await send('/Session/count', b)).json).toEqual({ result: 1 });
    expect(Session.made.map((m) => m.client.id)).toEqual([a, b]);
    expect(Session.made[0]?.watchers).toHaveLength(1);
  });

  it('refuse a call without the client header', async () => {
    const { send } = setup();
    const answer = await send('/Session/count');
    expect(answer).toMatchObject({
      status: 400,
      json: {
        error: { code: 'BAD_REQUEST', message: expect.stringContaining('per client') as unknown },
      },
    });
    expect(Session.made).toHaveLength(0);
  });

  it('are disposed when the client closes', async () => {
    const { send, open } = setup();
    const a = await open();
    await send('/Session/count', a);
    await send('/_close', a);
    expect(Session.made[0]?.disposed).toBe(1);
    expect((await send('/Session/count', a)).status).toBe(410);
    expect(Session.made).toHaveLength(1);
  });

  it('are disposed when the client expires', async () => {
    const { send, open } = setup({ ttl: 60 });
    await send('/Session/count', await open());
    await vi.waitFor(() => expect(Session.made[0]?.disposed).toBe(1), {
      timeout: 2000,
      interval: 10,
    });
  });

  it('report a factory whose object lacks a handler as a server fault', async () => {
    const onError = vi.fn();
    router = createRouter({
      services: [
        defineService(SessionService, () => ({ count: () => 1 }), { lifetime: 'per-client' }),
      ],
      onError,
    });
    const { client } = (await (
      await router.fetch(
        new Request('http://test/_open', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
        }),
      )
    ).json()) as { client: string };
    const response = await router.fetch(
      new Request('http://test/Session/count', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-contract-client': client },
        body: '[]',
      }),
    );
    expect(response.status).toBe(500);
    expect(onError).toHaveBeenCalledWith(
      expect.objectContaining({ message: expect.stringContaining("'watch'") as unknown }),
      { service: 'Session', method: 'count' },
    );
  });

  it('need the event channel, and a function', () => {
    const perClient = defineService(SessionService, (client) => new Session(client), {
      lifetime: 'per-client',
    });
    expect(() => createRouter({ services: [perClient], events: false })).toThrow(
      /per-client services \(Session\)/,
    );
    expect(() => defineService(SessionService, {}, { lifetime: 'per-client' })).toThrow(TypeError);
  });

  it('call dispose() when there is no Symbol.dispose, and report what it throws', async () => {
    const onError = vi.fn();
    const dispose = vi.fn(() => {
      throw new Error('dispose failed');
    });
    router = createRouter({
      services: [
        defineService(SessionService, () => ({ watch: () => 1, count: () => 1, dispose }), {
          lifetime: 'per-client',
        }),
      ],
      onError,
    });
    const post = (path: string, client?: string) =>
      router.fetch(
        new Request(`http://test${path}`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(client ? { 'x-contract-client': client } : {}),
          },
          body: '[]',
        }),
      );
    const { client } = (await (await post('/_open')).json()) as { client: string };
    await post('/Session/count', client);
    await post('/_close', client);
    expect(dispose).toHaveBeenCalledOnce();
    expect(onError).toHaveBeenCalledWith(expect.any(Error), {
      service: 'Session',
      method: '(dispose)',
      client,
    });
  });
});
