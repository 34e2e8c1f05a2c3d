// Call ids (docs/protocol.md, "Calls sent again"): a call sent with `x-contract-call` (or `"call"` in
// a WebSocket call frame) runs once per client and id; a resend gets the first answer, and the events
// the first run published are not published again. The stores' side is in client-store.suite.ts, a
// resend after a real SIGKILL in test/chaos/resent-call.test.ts.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import * as s from '../../../runtime/src/schema/index.js';
import { createServer, type ListeningServer } from '../../../runtime/src/server/node/index.js';
import {
  Broadcast,
  createRouter,
  defineService,
  ServiceError,
} from '../../../runtime/src/server/index.js';

const Events = s.callbackInterface('Events', { item: [s.number()] });
const Feed = s.service('Feed', {
  subscribe: s.method([s.callback(Events)], s.void()),
  publish: s.method([s.number()], s.number()),
  refuse: s.method([s.number()], s.number()),
});

function feed() {
  const subscribers = new Broadcast<{ item(n: number): void }>();
  const runs = { publish: 0, refuse: 0 };
  const handlers = {
    subscribe(events: { item(n: number): void }) {
      subscribers.add(events);
    },
    publish(n: number) {
      runs.publish++;
      subscribers.item(n);
      return runs.publish;
    },
    refuse(n: number) {
      runs.refuse++;
      subscribers.item(n);
      throw new ServiceError('NO', `refused ${n} (run ${runs.refuse})`);
    },
  };
  return { runs, service: defineService(Feed, handlers) };
}

describe('call ids over HTTP', () => {
  const { runs, service } = feed();
  const router = createRouter({ services: [service] });
  const send = async (path: string, headers: Record<string, string>, body?: string) => {
    const response = await router.fetch(
      new Request(`http://test${path}`, {
        method: body === undefined && path.startsWith('/_events') ? 'GET' : 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        ...(body === undefined ? {} : { body }),
      }),
    );
    return { status: response.status, text: await response.text() };
  };
  const open = async () =>
    (JSON.parse((await send('/_open', {}, '{}')).text) as { client: string }).client;
  const events = async (client: string) =>
    (
      JSON.parse((await send('/_events?after=0&wait=0', { 'x-contract-client': client })).text) as {
        events: { args: [number] }[];
      }
    ).events.map((e) => e.args[0]);

  it('runs a call once per client and id: a resend gets the first answer, and no event again', async () => {
    const client = await open();
    expect(
      (await send('/Feed/subscribe', { 'x-contract-client': client }, '[{"$cb":1}]')).status,
    ).toBe(200);
    const headers = { 'x-contract-client': client, 'x-contract-call': 'call-1' };
    const first = await send('/Feed/publish', headers, '[7]');
    expect(first).toEqual({ status: 200, text: '{"result":1}' });
    // The same id again (even with other arguments): the first answer, nothing run.
    expect(await send('/Feed/publish', headers, '[7]')).toEqual(first);
    expect(await send('/Feed/publish', headers, '[8]')).toEqual(first);
    expect(runs.publish).toBe(1);
    // Another id, or no id, runs.
    expect(
      (await send('/Feed/publish', { ...headers, 'x-contract-call': 'call-2' }, '[9]')).text,
    ).toBe('{"result":2}');
    expect((await send('/Feed/publish', { 'x-contract-client': client }, '[10]')).text).toBe(
      '{"result":3}',
    );
    expect(await events(client)).toEqual([7, 9, 10]);
    // Ids are per client: another client's call-1 is its own.
    const other = await open();
    expect(
      (
        await send(
          '/Feed/publish',
          { 'x-contract-client': other, 'x-contract-call': 'call-1' },
          '[11]',
        )
      ).text,
    ).toBe('{"result":4}');
  });

  it("records the handler's own refusal (a ServiceError) like a result", async () => {
    const client = await open();
    const headers = { 'x-contract-client': client, 'x-contract-call': 'r' };
    const first = await send('/Feed/refuse', headers, '[1]');
    expect(first.status).toBe(422);
    expect(first.text).toContain('refused 1 (run 1)');
    expect(await send('/Feed/refuse', headers, '[1]')).toEqual(first);
    expect(runs.refuse).toBe(1);
  });

  it('refuses a call id that is not one, or that comes without its client (400), running nothing', async () => {
    const client = await open();
    const before = runs.publish;
    for (const id of ['', 'has space', 'x'.repeat(65), 'ünï']) {
      const answer = await send(
        '/Feed/publish',
        { 'x-contract-client': client, 'x-contract-call': id },
        '[1]',
      );
      // An empty header may be dropped on its way: then it is a call without an id, which runs.
      if (id === '' && answer.status === 200) continue;
      expect(answer.status).toBe(400);
      expect(answer.text).toContain('x-contract-call must be a call id');
    }
    const alone = await send('/Feed/publish', { 'x-contract-call': 'c' }, '[1]');
    expect(alone.status).toBe(400);
    expect(alone.text).toContain('needs the x-contract-client header');
    expect(runs.publish - before).toBeLessThanOrEqual(1);
  });
});

describe('call ids over WebSocket', () => {
  const { runs, service } = feed();
  let server: ListeningServer;
  beforeAll(async () => {
    server = await createServer({ services: [service] }).listen(0, '127.0.0.1');
  });
  afterAll(() => server.close());

  it('a call frame with "call" runs once per client and id, over a socket or HTTP alike', async () => {
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/_ws`);
    const frames: Record<string, unknown>[] = [];
    ws.on('message', (data) => {
      const frame = JSON.parse((data as Buffer).toString('utf8')) as Record<string, unknown>;
      if (frame['type'] === 'ping') ws.send('{"type":"pong"}');
      else frames.push(frame);
    });
    await new Promise((resolve) => ws.once('open', resolve));
    try {
      ws.send('{"type":"hello"}');
      await vi.waitFor(() => expect(frames[0]?.['type']).toBe('welcome'));
      const client = frames[0]!['client'] as string;
      const answers = () => frames.filter((f) => f['type'] === 'answer');
      ws.send('{"type":"call","id":1,"call":"w1","service":"Feed","method":"publish","args":[1]}');
      ws.send('{"type":"call","id":2,"call":"w1","service":"Feed","method":"publish","args":[1]}');
      await vi.waitFor(() => expect(answers()).toHaveLength(2));
      expect(answers().map((a) => a['result'])).toEqual([1, 1]);
      // The same id over HTTP (a resend after the socket dropped): the same answer.
      const response = await fetch(`${server.url}/Feed/publish`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-contract-client': client,
          'x-contract-call': 'w1',
        },
        body: '[1]',
      });
      expect(await response.text()).toBe('{"result":1}');
      expect(runs.publish).toBe(1);
      // A frame whose "call" is not a call id is refused.
      ws.send(
        '{"type":"call","id":3,"call":"no spaces","service":"Feed","method":"publish","args":[1]}',
      );
      await vi.waitFor(() =>
        expect(frames.some((f) => JSON.stringify(f).includes('must be a call id'))).toBe(true),
      );
      expect(runs.publish).toBe(1);
    } finally {
      ws.close();
    }
  });
});
