import { afterEach, describe, expect, it } from 'vitest';
import { memoryStore, type ClientStore } from '../../../runtime/src/server/index.js';
import { eventsOf, harness, summary, type Harness } from './fixture.js';

let h: Harness;
afterEach(() => h?.router.close());

async function subscribedClient(options = {}): Promise<string> {
  h = harness(options);
  const client = await h.open();
  await h.call('subscribe', '["AAPL", {"$cb": 3}]', client);
  return client;
}

describe('GET _events (long poll)', () => {
  it('answers as soon as an event is queued, with the whole burst in one answer', async () => {
    const client = await subscribedClient({ events: { maxWait: 120_000 } });
    // Held up to 120 s (past the test's timeout): an answer with the events is the wake's.
    const polled = h.poll(client, 'after=0&wait=120000');
    await new Promise((resolve) => setTimeout(resolve, 30));
    await h.call('publish', '["AAPL", 3]');
    const answer = await polled;
    expect(summary(eventsOf(answer))).toEqual([
      '1:3:tick:1',
      '2:3:tick:2',
      '3:3:tick:3',
      '4:3:done:3',
    ]);
  });

  it('answers every parked poll a publish wakes, however many (they are woken a few dozen per turn)', async () => {
    h = harness();
    const clients: string[] = [];
    for (let i = 0; i < 150; i++) {
      const client = await h.open();
      await h.call('subscribe', `["MANY", {"$cb": ${i + 1}}]`, client);
      clients.push(client);
    }
    const polls = clients.map((client) => h.poll(client, 'after=0&wait=10000'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await h.call('publish', '["MANY", 2]');
    const answers = await Promise.all(polls);
    answers.forEach((answer, i) => {
      const cb = i + 1;
      expect(summary(eventsOf(answer))).toEqual([
        `1:${cb}:tick:1`,
        `2:${cb}:tick:2`,
        `3:${cb}:done:2`,
      ]);
    });
  });

  it('answers {"events":[]} when the wait runs out', async () => {
    const client = await subscribedClient();
    const started = performance.now();
    expect((await h.poll(client, 'wait=80')).json).toEqual({ events: [] });
    expect(performance.now() - started).toBeGreaterThanOrEqual(75);
  });

  it("clamps the wait to the server's maximum", async () => {
    const client = await subscribedClient({ events: { maxWait: 50 } });
    // Unclamped, the poll would outlast the test's timeout (60 s).
    expect((await h.poll(client, 'wait=120000')).json).toEqual({ events: [] });
  });

  it('answers a parked poll with {"events":[]} at once when a second poll of the client arrives', async () => {
    const client = await subscribedClient();
    const first = h.poll(client, 'wait=10000');
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = h.poll(client, 'wait=10000');
    expect((await first).json).toEqual({ events: [] });
    await h.call('publish', '["AAPL", 1]');
    expect(eventsOf(await second)).toHaveLength(2);
  });

  it('answers a parked poll with 410 when its client is closed', async () => {
    const client = await subscribedClient();
    const polled = h.poll(client, 'wait=10000');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await h.post('_close', '', client)).json).toEqual({ result: null });
    expect(await polled).toMatchObject({
      status: 410,
      json: { error: { code: 'UNKNOWN_CLIENT', details: { reason: 'closed' } } },
    });
  });

  it('does not park past an event appended while its read was under way', async () => {
    const inner = memoryStore();
    let client = '';
    let raced = false;
    const store: ClientStore = {
      start: (config, listener) => inner.start(config, listener),
      open: (id) => inner.open(id),
      touch: (id) => inner.touch(id),
      register: (id, callback) => inner.register(id, callback),
      append: (id, payload) => inner.append(id, payload),
      release: (id, callbacks) => inner.release(id, callbacks),
      close: (id) => inner.close(id),
      sweep: (now) => inner.sweep(now),
      join: (topic, id, callback, iface) => inner.join(topic, id, callback, iface),
      leave: (topic, id, callback) => inner.leave(topic, id, callback),
      topicSize: (topic) => inner.topicSize(topic),
      publish: (topic, iface, body) => inner.publish(topic, iface, body),
      flush: () => inner.flush(),
      stop: () => inner.stop(),
      async read(id: string, after: number, max: number) {
        const result = await inner.read(id, after, max);
        // The append lands after the read took its snapshot, before the poll parks.
        if (!raced && id === client) {
          raced = true;
          inner.append(id, '"cb":3,"method":"done","args":["AAPL",0]');
        }
        return result;
      },
    };
    h = harness({ events: { store, maxWait: 120_000 } });
    client = await h.open();
    await h.call('subscribe', '["AAPL", {"$cb": 3}]', client);
    // Held up to 120 s (past the test's timeout): parked past the append, it would not answer in time.
    const answer = await h.poll(client, 'wait=120000');
    expect(summary(eventsOf(answer))).toEqual(['1:3:done:0']);
  });

  it('frees the slot when the request goes away, keeping the events for the next poll', async () => {
    const client = await subscribedClient();
    const controller = new AbortController();
    const request = new Request('http://test/_events?wait=10000', {
      headers: { 'x-contract-client': client },
      signal: controller.signal,
    });
    const abandoned = h.router.fetch(request);
    await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort();
    expect((await abandoned).status).toBe(200);
    await h.call('publish', '["AAPL", 1]');
    expect(eventsOf(await h.poll(client, 'wait=10000'))).toHaveLength(2);
  });

  it('answers parked polls with {"events":[]} when the router closes', async () => {
    const client = await subscribedClient();
    const polled = h.poll(client, 'wait=10000');
    await new Promise((resolve) => setTimeout(resolve, 20));
    await h.router.close();
    expect((await polled).json).toEqual({ events: [] });
  });
});
