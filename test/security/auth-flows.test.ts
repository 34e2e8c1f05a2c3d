// What a legitimate caller sees of auth, access and ownership: an expired
// token mid-poll costs nothing (neither the client id nor a single event),
// another principal's attempts leave a client untouched, the principal
// reaches handlers, and a freed client slot can be used again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectInProcess } from '@contract-gen/runtime/client';
import type { TickerEvents } from '../../conformance/contracts/ticker.js';
import { tickerClient } from '../../conformance/generated/ticker.client.js';
import { Harness } from './harness.js';
import { limits, maxWait, startSecuredServer, type SecuredServer } from './security-fixture.js';

let server: SecuredServer;
let h: Harness;
beforeAll(async () => {
  server = await startSecuredServer();
  h = new Harness(server, 'node:http');
});
afterAll(() => server.listening.close());

interface EventsAnswer {
  readonly events: readonly { seq: number; method: string; args: unknown[] }[];
}
const seqs = async (answer: Response): Promise<number[]> =>
  ((await answer.json()) as EventsAnswer).events.map((e) => e.seq);
const publish = async (symbol: string, count: number): Promise<void> =>
  expect((await h.call('root', 'publish', [symbol, count])).status).toBe(200);

describe('a token that expires mid-poll', () => {
  it('lets the parked poll answer, refuses the next with 401, and a fresh token reads on from the same seq', async () => {
    const client = await h.open('ann');
    expect((await h.call('ann', 'subscribe', ['MID', { $cb: 1 }], client)).status).toBe(200);
    server.revoked.delete('ann-2');
    const parked = h.poll('ann-2', client, `after=0&wait=${maxWait}`);
    await new Promise((resolve) => setTimeout(resolve, 30));
    server.revoked.add('ann-2'); // the token expires while the poll is parked
    await publish('MID', 2); // ticks 1, 2 and done: seqs 1..3
    const first = await parked;
    expect(first.status).toBe(200);
    expect(await seqs(first)).toEqual([1, 2, 3]);
    await publish('MID', 1); // seqs 4, 5 while the client holds an expired token
    const refused = await h.poll('ann-2', client, 'after=3');
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe(
      'UNAUTHENTICATED',
    );
    // The same principal with a fresh token: same client, same place in the queue.
    const resumed = await h.poll('ann', client, 'after=3');
    expect(await seqs(resumed)).toEqual([4, 5]);
  });

  it('costs a client on the runtime neither its id nor an event: it asks for credentials again and retries', async () => {
    let token = 'ann-2';
    server.revoked.delete('ann-2');
    const seen: string[] = [];
    const gaps: unknown[] = [];
    const conn = connectInProcess(server.router, {
      headers: () => ({ authorization: `Bearer ${token}` }),
      wait: maxWait,
      onGap: (gap) => void gaps.push(gap),
    });
    const events: TickerEvents = {
      tick: (_s, n) => void seen.push(`tick ${n}`),
      done: (_s, total) => void seen.push(`done ${total}`),
    };
    const ticker = tickerClient(conn);
    await ticker.subscribe('RT', events);
    const id = conn.clientId;
    await publish('RT', 2);
    await until(() => seen.length === 3);
    // The token expires; the next request gets 401 and the provider gives the new one.
    server.revoked.add('ann-2');
    token = 'ann';
    await publish('RT', 2);
    await until(() => seen.length === 6);
    expect(seen).toEqual(['tick 1', 'tick 2', 'done 2', 'tick 1', 'tick 2', 'done 2']);
    expect(conn.clientId).toBe(id);
    expect(gaps).toEqual([]);
    await conn.close();
  });
});

describe('ownership', () => {
  it("leaves a client untouched by another principal's attempts, and answers them like an unknown id", async () => {
    const anns = await h.open('ann');
    expect((await h.call('ann', 'subscribe', ['OWN', { $cb: 1 }], anns)).status).toBe(200);
    const attempts = [
      h.poll('bob', anns),
      h.release('bob', anns, '[1]'),
      h.send('/_close', { method: 'POST', token: 'bob', client: anns }),
      h.call('bob', 'subscribe', ['OWN', { $cb: 2 }], anns),
    ];
    const unknown = await (await h.poll('bob', 'BBBBBBBBBBBBBBBBBBBBBB')).text();
    for (const attempt of await Promise.all(attempts)) {
      expect(attempt.status).toBe(403);
      expect(await attempt.text()).toBe(unknown); // not a byte of difference
    }
    await publish('OWN', 1);
    expect(await seqs(await h.poll('ann', anns))).toEqual([1, 2]); // still live, still subscribed
    expect((await h.call('ann', 'subscribers', ['OWN'])).status).toBe(200);
  });

  it('lets the owner learn why its client ended (410), while others still get 403', async () => {
    const anns = await h.open('ann');
    await h.send('/_close', { method: 'POST', token: 'ann', client: anns });
    const own = await h.poll('ann', anns);
    expect(own.status).toBe(410);
    expect((await h.poll('bob', anns)).status).toBe(403);
  });
});

describe('principals and quotas', () => {
  it('hands the principal the hook returned to the handler as ctx.principal', async () => {
    const before = server.callers.length;
    await h.call('root', 'add', [1, 2]);
    await h.call('bob', 'subscribers', ['X']);
    expect(server.callers.slice(before)).toEqual(['root', 'bob']);
  });

  it('gives a client slot back when a client is closed', async () => {
    const clients = [];
    for (let i = 0; i < limits.maxClientsPerPrincipal; i++) clients.push(await h.open('crowd'));
    expect((await h.send('/_open', { method: 'POST', body: '{}', token: 'crowd' })).status).toBe(
      429,
    );
    await h.send('/_close', { method: 'POST', token: 'crowd', client: clients[0] as string });
    expect((await h.send('/_open', { method: 'POST', body: '{}', token: 'crowd' })).status).toBe(
      200,
    );
  });
});

async function until(check: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
