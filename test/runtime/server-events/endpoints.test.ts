import { afterEach, describe, expect, it } from 'vitest';
import { eventsOf, harness, summary, type Harness } from './fixture.js';

let h: Harness;
afterEach(() => h?.router.close());

/** Opens a client, subscribes callback 3 to AAPL and publishes `count` ticks (plus a done). */
async function subscribed(count: number, options = {}): Promise<string> {
  h = harness(options);
  const client = await h.open();
  expect((await h.call('subscribe', '["AAPL", {"$cb": 3}]', client)).json).toEqual({ result: 1 });
  if (count > 0)
    expect((await h.call('publish', `["AAPL", ${count}]`)).json).toEqual({ result: 1 });
  return client;
}

describe('POST _open', () => {
  it('answers an unguessable client id, the ttl and the longest wait', async () => {
    h = harness();
    const answer = await h.post('_open', '');
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({
      client: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/) as unknown,
      ttl: 300_000,
      wait: 25_000,
    });
    const ids = new Set(await Promise.all(Array.from({ length: 50 }, () => h.open())));
    expect(ids.size).toBe(50);
  });

  it('needs a JSON content type or the client header (a form cannot send either), and refuses other methods with Allow: POST', async () => {
    h = harness();
    const open = (headers: Record<string, string>, body?: string) =>
      h.router.fetch(
        new Request(
          'http://test/_open',
          body === undefined ? { method: 'POST', headers } : { method: 'POST', headers, body },
        ),
      );
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data']) {
      const refused = await open({ 'content-type': type }, '{}');
      expect(refused.status).toBe(415);
      expect(await refused.json()).toMatchObject({ error: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
    }
    expect((await open({})).status).toBe(415);
    expect((await open({ 'content-type': 'application/json; charset=utf-8' }, '{}')).status).toBe(
      200,
    );
    expect((await open({ 'content-type': 'application/json' })).status).toBe(200); // empty body
    expect((await open({ 'x-contract-client': '' })).status).toBe(200);
    const get = await h.router.fetch(new Request('http://test/_open'));
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
  });

  it('caps the announced wait at half the ttl', async () => {
    h = harness({ events: { ttl: 1000, maxWait: 25_000 } });
    expect((await h.post('_open', '')).json).toMatchObject({ ttl: 1000, wait: 500 });
  });

  it('answers 404 for an unknown protocol endpoint, and the endpoints are not served with events off', async () => {
    h = harness();
    expect((await h.post('_nope', '')).json?.error?.code).toBe('NOT_FOUND');
    h = harness({ events: false });
    expect((await h.post('_open', '')).status).toBe(404);
  });
});

describe('GET _events (heartbeat)', () => {
  it('answers at once with the queued events, in order, with no-store', async () => {
    const client = await subscribed(3);
    const answer = await h.poll(client, 'after=0&wait=0');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(eventsOf(answer)[0]).toEqual({
      seq: 1,
      cb: 3,
      method: 'tick',
      args: ['AAPL', 1, '2024-05-01T00:00:00.000Z'],
    });
    expect(summary(eventsOf(answer))).toEqual([
      '1:3:tick:1',
      '2:3:tick:2',
      '3:3:tick:3',
      '4:3:done:3',
    ]);
    expect(answer.json?.gap).toBeUndefined();
  });

  it('keeps events until acknowledged: the same poll is answered again, after=n forgets up to n', async () => {
    const client = await subscribed(3);
    expect(eventsOf(await h.poll(client))).toHaveLength(4);
    expect(eventsOf(await h.poll(client, 'after=0'))).toHaveLength(4);
    expect(summary(eventsOf(await h.poll(client, 'after=2')))).toEqual([
      '3:3:tick:3',
      '4:3:done:3',
    ]);
    // Acknowledged events are gone: asking from 0 again gives only what is left.
    expect(summary(eventsOf(await h.poll(client, 'after=0')))).toEqual([
      '3:3:tick:3',
      '4:3:done:3',
    ]);
    expect((await h.poll(client, 'after=4')).json).toEqual({ events: [] });
  });

  it('answers at most maxBatch events per poll', async () => {
    const client = await subscribed(24, { events: { maxBatch: 10 } });
    const seqs: number[] = [];
    let after = 0;
    for (const expected of [10, 10, 5, 0]) {
      const events = eventsOf(await h.poll(client, `after=${after}`));
      expect(events).toHaveLength(expected);
      for (const e of events) seqs.push(e.seq);
      after = seqs.at(-1) ?? after;
    }
    expect(seqs).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
  });

  it('answers about maxBatchChars of event text per poll, and a larger event alone', async () => {
    // Ticks of AAPL are about 70 characters: 500 characters hold 7 of them.
    const client = await subscribed(30, { events: { maxBatchChars: 500 } });
    let after = 0;
    const sizes: number[] = [];
    for (;;) {
      const answer = await h.poll(client, `after=${after}`);
      const events = eventsOf(answer);
      if (events.length === 0) break;
      expect(JSON.stringify(answer.json).length).toBeLessThanOrEqual(500 + '{"events":[]}'.length);
      sizes.push(events.length);
      after = events.at(-1)!.seq;
    }
    expect(after).toBe(31);
    expect(Math.max(...sizes)).toBeGreaterThan(1);
    expect(sizes.length).toBeGreaterThan(3);
    // One event larger than the bound still goes, alone.
    const tiny = await subscribed(3, { events: { maxBatchChars: 10 } });
    expect(eventsOf(await h.poll(tiny))).toHaveLength(1);
  });

  it('refuses an events.maxBatchChars that is not a positive integer', () => {
    expect(() => harness({ events: { maxBatchChars: 0 } })).toThrow(
      /events.maxBatchChars must be a positive integer/,
    );
  });

  it('delivers 1,000 events published while the client was away, each once, in order', async () => {
    const client = await subscribed(999);
    const seen: number[] = [];
    let after = 0;
    for (;;) {
      const events = eventsOf(await h.poll(client, `after=${after}&wait=0`));
      if (events.length === 0) break;
      for (const e of events) if (e.seq > after) seen.push(e.args[1] as number);
      after = events.at(-1)!.seq;
    }
    expect(seen).toEqual([...Array.from({ length: 999 }, (_, i) => i + 1), 999]);
  });

  it.each([
    ['a missing client header', undefined, '', 400, 'BAD_REQUEST'],
    ['an unknown client', 'AAAAAAAAAAAAAAAAAAAAAA', '', 410, 'UNKNOWN_CLIENT'],
    ['a negative after', 'open', 'after=-1', 400, 'BAD_REQUEST'],
    ['a fractional wait', 'open', 'wait=1.5', 400, 'BAD_REQUEST'],
    ['a word for after', 'open', 'after=abc', 400, 'BAD_REQUEST'],
    ['an empty wait', 'open', 'wait=', 400, 'BAD_REQUEST'],
  ])('refuses %s', async (_name, who, query, status, code) => {
    h = harness();
    const client = who === 'open' ? await h.open() : who;
    const answer = await h.poll(client, query);
    expect(answer.status).toBe(status);
    expect(answer.json?.error).toMatchObject({ code, message: expect.any(String) as unknown });
    if (status === 410) expect(answer.json?.error?.details).toEqual({ reason: 'unknown' });
  });

  it('answers an after beyond the last seq (the store lost events) with a lost gap, and numbers the next events after it', async () => {
    h = harness();
    const client = await h.open();
    await h.call('subscribe', '["AAPL", {"$cb": 3}]', client);
    const lost = { from: 6, to: 6, count: 0, reason: 'lost' };
    expect(await h.poll(client, 'after=5')).toMatchObject({
      status: 200,
      json: { events: [], gap: lost },
    });
    await h.call('publish', '["AAPL", 1]');
    expect((await h.poll(client, 'after=5')).json).toMatchObject({
      gap: lost,
      events: [{ seq: 7 }, { seq: 8 }],
    });
    expect((await h.poll(client, 'after=6')).json).toEqual({
      events: [expect.objectContaining({ seq: 7 }), expect.objectContaining({ seq: 8 })],
    });
  });

  it('refuses POST with Allow: GET', async () => {
    h = harness();
    const client = await h.open();
    const answer = await h.post('_events', '', client);
    expect(answer.status).toBe(405);
    expect(answer.headers.get('allow')).toBe('GET');
  });
});

describe('calls naming a client', () => {
  it('are refused with 410 once the client is unknown, even when they need no client', async () => {
    h = harness();
    const answer = await h.call('ping', '[]', 'AAAAAAAAAAAAAAAAAAAAAA');
    expect(answer).toMatchObject({
      status: 410,
      json: { error: { code: 'UNKNOWN_CLIENT', details: { reason: 'unknown' } } },
    });
    expect((await h.call('ping', '[]')).json).toEqual({ result: 'pong' });
  });

  it('need the header when they carry a callback', async () => {
    h = harness();
    const answer = await h.call('subscribe', '["AAPL", {"$cb": 1}]');
    expect(answer).toMatchObject({ status: 400, json: { error: { code: 'BAD_REQUEST' } } });
  });
});

describe('GET _ws without an upgrade', () => {
  it('answers 426 UPGRADE_REQUIRED with Upgrade: websocket and names the proxy that drops the headers', async () => {
    h = harness();
    const plain = await h.router.fetch(new Request('http://test/_ws'));
    expect(plain.status).toBe(426);
    expect(plain.headers.get('upgrade')).toBe('websocket');
    expect(plain.headers.get('x-content-type-options')).toBe('nosniff');
    const body = (await plain.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('UPGRADE_REQUIRED');
    expect(body.error.message).toMatch(/proxy .* dropping the Upgrade and Connection headers/);
    const post = await h.router.fetch(new Request('http://test/_ws', { method: 'POST' }));
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET');
  });
});
