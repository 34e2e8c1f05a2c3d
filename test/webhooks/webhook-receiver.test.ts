// The generated receiver (`chatEventsWebhook` in generated/chat.client.ts): what it refuses and how, called
// through its web-standard `fetch` and over node:http through `toNodeHandler` (its own path: node:crypto, no
// Request or Response), one suite for both.
import { describe, expect, it } from 'vitest';
import type { ChatEvents, ChatMessage } from '../../contracts/chat.js';
import { chatEventsWebhook } from '../../generated/chat.client.js';
import { signWebhook, type WebhookReceiver } from '../../runtime/src/webhooks/index.js';
import { listen, SECRET, stopAfterEach } from './support.js';

const NOW = 1_800_000_000_000;

const { servers } = stopAfterEach();

type Send = (request: Request) => Promise<Response>;

/** How a request reaches a receiver: its `fetch`, or a real node:http server in front of it. */
const hosts: Record<string, (receiver: WebhookReceiver) => Send> = {
  fetch: (receiver) => (request) => receiver.fetch(request),
  'node:http': (receiver) => {
    let url: Promise<string> | undefined;
    return async (request) => {
      url ??= listen(receiver).then(({ url, server }) => {
        servers.push(server);
        return url;
      });
      const body = request.method === 'GET' ? null : new Uint8Array(await request.arrayBuffer());
      return fetch(await url, { method: request.method, headers: request.headers, body });
    };
  },
};

function message(seq: number, text: string) {
  return {
    seq,
    cb: 1,
    method: 'messagePosted',
    args: [{ id: seq, room: 'r', text, posted: { by: 'ann', at: '2027-01-15T08:00:00Z' } }],
  };
}

async function signed(
  body: unknown,
  { id = 'msg_1', at = NOW / 1000, secret = SECRET } = {},
): Promise<Request> {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return new Request('http://receiver/hooks', {
    method: 'POST',
    headers: {
      'webhook-id': id,
      'webhook-timestamp': String(at),
      'webhook-signature': await signWebhook(secret, id, at, text),
    },
    body: text,
  });
}

async function answer(response: Response) {
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe.each(Object.entries(hosts))('the generated webhook receiver, through %s', (_, host) => {
  function setup() {
    const got: string[] = [];
    const handlers: ChatEvents = {
      messagePosted: (message: ChatMessage) =>
        void got.push(`${message.text}@${message.posted.at.toISOString()}`),
      memberJoined: (member) => void got.push(`joined ${member.name}`),
      memberLeft: (name) => void got.push(`left ${name}`),
      presenceChanged: (name, presence) => void got.push(`${name} ${presence}`),
    };
    const receiver = chatEventsWebhook(handlers, { secret: SECRET, now: () => NOW });
    return { got, send: host(receiver) };
  }

  it('decodes the events against the interface and calls the handlers in order', async () => {
    const { got, send } = setup();
    const body = {
      type: 'ChatEvents',
      queue: 'q',
      events: [message(1, 'hi'), { seq: 2, cb: 1, method: 'memberLeft', args: ['bob'] }],
    };
    expect(await answer(await send(await signed(body)))).toEqual({
      status: 200,
      body: { received: 2 },
    });
    expect(got).toEqual(['hi@2027-01-15T08:00:00.000Z', 'left bob']);
  });

  it('refuses a bad signature with 401 and a stale timestamp with 400, calling nothing', async () => {
    const { got, send } = setup();
    const body = { type: 'ChatEvents', queue: 'q', events: [message(1, 'hi')] };
    const forged = await signed(body, { secret: 'whsec_' + btoa('x'.repeat(32)) });
    const bad = await answer(await send(forged));
    expect([bad.status, (bad.body.error as { code: string }).code]).toEqual([
      401,
      'UNAUTHENTICATED',
    ]);
    const unsigned = new Request('http://receiver/hooks', { method: 'POST', body: '{}' });
    expect((await send(unsigned)).status).toBe(401);
    const stale = await answer(await send(await signed(body, { at: NOW / 1000 - 301 })));
    expect([stale.status, (stale.body.error as { details: unknown }).details]).toEqual([
      400,
      { reason: 'stale' },
    ]);
    const future = await send(await signed(body, { at: NOW / 1000 + 301 }));
    expect(future.status).toBe(400);
    expect(got).toEqual([]);
  });

  it('refuses a batch with a bad event with 400 and its path, handling none of the batch', async () => {
    const { got, send } = setup();
    const bad = message(2, 'two');
    (bad.args[0] as { posted: { at: unknown } }).posted.at = 'yesterday';
    const body = { type: 'ChatEvents', queue: 'q', events: [message(1, 'one'), bad] };
    const refused = await answer(await send(await signed(body)));
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({
      code: 'BAD_ARGUMENT',
      path: 'events[1].args[0].posted.at',
    });
    const unknown = {
      type: 'ChatEvents',
      queue: 'q',
      events: [{ seq: 1, cb: 1, method: 'nope', args: [] }],
    };
    const refusedMethod = await answer(await send(await signed(unknown, { id: 'msg_2' })));
    expect([refusedMethod.status, (refusedMethod.body.error as { path: string }).path]).toEqual([
      400,
      'events[0].method',
    ]);
    expect(got).toEqual([]);
  });

  it('drops repeats: a request id seen before, and events at or below the last seq of their queue', async () => {
    const { got, send } = setup();
    const first = {
      type: 'ChatEvents',
      queue: 'q',
      events: [message(1, 'one'), message(2, 'two')],
    };
    await send(await signed(first, { id: 'a' }));
    expect(await answer(await send(await signed(first, { id: 'a' })))).toEqual({
      status: 200,
      body: { received: 0, duplicate: true },
    });
    // A batch cut again after a lost acknowledgement: a new id, its first events already handled.
    const again = {
      type: 'ChatEvents',
      queue: 'q',
      events: [message(2, 'two'), message(3, 'three')],
    };
    expect(await answer(await send(await signed(again, { id: 'b' })))).toEqual({
      status: 200,
      body: { received: 1 },
    });
    // Another queue counts its own seqs.
    const other = { type: 'ChatEvents', queue: 'p', events: [message(1, 'p-one')] };
    await send(await signed(other, { id: 'c' }));
    expect(got.map((line) => line.split('@')[0])).toEqual(['one', 'two', 'three', 'p-one']);
  });

  it('answers 500 when a handler throws, and takes the rest when the batch comes again', async () => {
    let fail = true;
    const got: number[] = [];
    const receiver = chatEventsWebhook(
      {
        messagePosted: (m) => {
          if (m.id === 2 && fail) throw new Error('database down');
          got.push(m.id);
        },
        memberJoined: () => {},
        memberLeft: () => {},
        presenceChanged: () => {},
      },
      { secret: SECRET, now: () => NOW },
    );
    const send = host(receiver);
    const body = {
      type: 'ChatEvents',
      queue: 'q',
      events: [message(1, 'a'), message(2, 'b'), message(3, 'c')],
    };
    expect((await send(await signed(body, { id: 'x' }))).status).toBe(500);
    fail = false;
    expect((await send(await signed(body, { id: 'x' }))).status).toBe(200);
    expect(got).toEqual([1, 2, 3]);
  });

  it('refuses a body past maxBodyBytes with 413', async () => {
    const receiver = chatEventsWebhook(
      {
        messagePosted: () => {},
        memberJoined: () => {},
        memberLeft: () => {},
        presenceChanged: () => {},
      },
      { secret: SECRET, now: () => NOW, maxBodyBytes: 100 },
    );
    const send = host(receiver);
    const body = { type: 'ChatEvents', queue: 'q', events: [message(1, 'x'.repeat(200))] };
    expect((await send(await signed(body))).status).toBe(413);
  });

  it('refuses a body that is not UTF-8 with 400, calling nothing', async () => {
    const { got, send } = setup();
    const bytes = new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]);
    const refused = await answer(
      await send(new Request('http://receiver/hooks', { method: 'POST', body: bytes })),
    );
    expect([refused.status, (refused.body.error as { code: string }).code]).toEqual([
      400,
      'BAD_REQUEST',
    ]);
    expect(got).toEqual([]);
  });

  it('refuses a method other than POST with 405', async () => {
    const { got, send } = setup();
    const get = await send(new Request('http://receiver/hooks', { method: 'GET' }));
    expect(get.status).toBe(405);
    expect(got).toEqual([]);
  });
});
