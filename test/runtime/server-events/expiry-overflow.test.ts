import { afterEach, describe, expect, it, vi } from 'vitest';
import { eventsOf, harness, summary, type Harness } from './fixture.js';

let h: Harness;
afterEach(() => h?.router.close());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function subscribedClient(options = {}): Promise<string> {
  h = harness(options);
  const client = await h.open();
  await h.call('subscribe', '["AAPL", {"$cb": 3}]', client);
  return client;
}

describe('expiry', () => {
  it('releases a client that sends nothing for ttl (release hook runs) and answers 410 expired afterwards', async () => {
    const client = await subscribedClient({ events: { ttl: 100 } });
    await h.call('publish', '["AAPL", 3]');
    await vi.waitFor(() => expect(h.released).toHaveLength(1), { timeout: 2000, interval: 10 });
    expect(h.released[0]).toMatchObject({ client, callback: 3, reason: 'expired' });
    expect((await h.call('subscribers', '["AAPL"]')).json).toEqual({ result: 0 });
    expect(await h.poll(client)).toMatchObject({
      status: 410,
      json: { error: { details: { reason: 'expired' } } },
    });
  });

  it('keeps a client that long-polls (a parked poll counts as activity) or calls', async () => {
    // A ttl of a second leaves a loaded CI machine room between answers and polls.
    const polling = await subscribedClient({ events: { ttl: 1000 } });
    const calling = await h.open();
    await h.call('subscribe', '["MSFT", {"$cb": 1}]', calling);
    const until = performance.now() + 2500;
    const calls = (async () => {
      while (performance.now() < until) {
        await h.call('ping', '[]', calling);
        await sleep(200);
      }
    })();
    // wait=500 is the granted maximum (half the ttl): the client is silent only between answers.
    while (performance.now() < until) expect((await h.poll(polling, 'wait=5000')).status).toBe(200);
    await calls;
    expect(h.released).toEqual([]);
  });

  it('expires a client whose last poll ended, with a fake clock', async () => {
    let now = 1_000_000;
    const client = await subscribedClient({ events: { ttl: 60_000, now: () => now } });
    await h.poll(client);
    now += 59_000;
    await h.poll(client);
    now += 59_000;
    await sleep(1100); // one sweep (once a second for this ttl)
    expect(h.released).toEqual([]);
    now += 2_000;
    await vi.waitFor(() => expect(h.released.map((r) => r.reason)).toEqual(['expired']), {
      timeout: 3000,
      interval: 50,
    });
  });
});

describe('the queue bound', () => {
  it('drop-oldest: drops the oldest unacknowledged events and reports the gap until it is acknowledged', async () => {
    const client = await subscribedClient({ events: { maxQueue: 5 } });
    await h.call('publish', '["AAPL", 7]'); // 8 events: seqs 1..8, the first 3 dropped
    const first = await h.poll(client);
    expect(summary(eventsOf(first))).toEqual([
      '4:3:tick:4',
      '5:3:tick:5',
      '6:3:tick:6',
      '7:3:tick:7',
      '8:3:done:7',
    ]);
    expect(first.json?.gap).toEqual({ from: 1, to: 3, count: 3, reason: 'overflow' });
    // An answer lost in transit: the same poll again still carries the gap.
    expect((await h.poll(client, 'after=0')).json?.gap).toEqual(first.json?.gap);
    // The client had received seqs 1..2 before they were dropped: only 3 is missing for it.
    expect((await h.poll(client, 'after=2')).json?.gap).toEqual({
      from: 3,
      to: 3,
      count: 1,
      reason: 'overflow',
    });
    expect((await h.poll(client, 'after=8')).json).toEqual({ events: [] });
    expect(h.released).toEqual([]);
  });

  it('drop-oldest: a gap grows while unacknowledged drops continue', async () => {
    const client = await subscribedClient({ events: { maxQueue: 5 } });
    await h.call('publish', '["AAPL", 5]'); // seqs 1..6, 1 dropped
    await h.call('publish', '["AAPL", 2]'); // seqs 7..9, 2..4 dropped
    const answer = await h.poll(client);
    expect(eventsOf(answer).map((e) => e.seq)).toEqual([5, 6, 7, 8, 9]);
    expect(answer.json?.gap).toEqual({ from: 1, to: 4, count: 4, reason: 'overflow' });
  });

  it('close: ends the client at the bound, releases its callbacks, answers 410 overflow', async () => {
    const client = await subscribedClient({ events: { maxQueue: 5, overflow: 'close' } });
    const parked = h.poll(client, 'after=0&wait=10000');
    await sleep(20);
    // The parked poll would be woken by the first events; the bound is hit within the same burst.
    await h.call('publish', '["AAPL", 7]');
    const answer = await parked;
    expect(answer).toMatchObject({
      status: 410,
      json: { error: { code: 'UNKNOWN_CLIENT', details: { reason: 'overflow' } } },
    });
    expect(h.released).toMatchObject([{ client, callback: 3, reason: 'overflow' }]);
    expect((await h.poll(client)).json?.error?.details).toEqual({ reason: 'overflow' });
  });
});
