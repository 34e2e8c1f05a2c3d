// router.disconnect across processes (issue 18): two servers share one Redis
// store (a unique key prefix), as two processes behind a load balancer
// would. A principal's socket and parked long poll live on server B;
// `disconnect` called on server A ends them too (the notice travels over
// the store's pub/sub): the socket gets the 401 `error` frame and close
// 4401, the poll the 401 with `details.reason` `disconnected`. Another
// principal's socket on B stays open, and both servers answer afterwards.
// So does `disconnectClient` for one client.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ContractError, type Principal } from '@contract-gen/runtime/server';
import { redisStore } from '@contract-gen/runtime/server/redis';
import {
  createServer,
  type ContractServer,
  type ListeningServer,
} from '@contract-gen/runtime/server/node';
import { tickerHandlers } from '../../conformance/generated/ticker.server.js';
import { createTickerService } from '../../conformance/ticker-service.js';
import { describeWithRedis, redisPrefix, redisTarget } from '../stores/redis-target.js';
import { openSocket, until } from './live-authority-fixture.js';

const tokens = new Map<string, Principal>([
  ['ann-token', { id: 'ann' }],
  ['bob-token', { id: 'bob' }],
]);

describeWithRedis('disconnect with a Redis store shared by two servers', () => {
  const prefix = redisPrefix('disconnect');
  const faults: unknown[] = [];
  let a: { server: ContractServer; listening: ListeningServer };
  let b: { server: ContractServer; listening: ListeningServer };

  async function start(): Promise<{ server: ContractServer; listening: ListeningServer }> {
    const server = createServer({
      services: [tickerHandlers(createTickerService())],
      auth: (request) => {
        const header = request.header('authorization') ?? '';
        const principal = tokens.get(header.replace(/^Bearer /, ''));
        if (principal === undefined) throw new ContractError('UNAUTHENTICATED', 'Sign in.');
        return principal;
      },
      events: { store: redisStore({ redis: redisTarget.url, prefix }), maxWait: 20_000 },
      onError: (error) => faults.push(error),
    });
    return { server, listening: await server.listen(0) };
  }

  beforeAll(async () => {
    a = await start();
    b = await start();
  });
  afterAll(async () => {
    await a?.listening.close();
    await b?.listening.close();
  });

  const post = (listening: ListeningServer, path: string, token: string, body: string) =>
    fetch(`${listening.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body,
    });

  /** A long poll of a new client of `token`'s on `listening`: its answer, and whether it came. */
  async function longPoll(listening: ListeningServer, token: string) {
    const opened = await post(listening, '/_open', token, '{}');
    const { client } = (await opened.json()) as { client: string };
    const state = { answered: false };
    const answer = fetch(`${listening.url}/_events?after=0&wait=20000`, {
      headers: { authorization: `Bearer ${token}`, 'x-contract-client': client },
    }).finally(() => (state.answered = true));
    return { answer, state };
  }

  async function answersNormally(listening: ListeningServer): Promise<void> {
    const answer = await post(listening, '/Ticker/add', 'bob-token', '[1,2]');
    expect(await answer.json()).toEqual({ result: 3 });
  }

  it("disconnect on A closes the principal's socket and answers its parked poll on B", async () => {
    const annSocket = await openSocket(b.listening.url, 'ann-token');
    const bobSocket = await openSocket(b.listening.url, 'bob-token');
    const poll = await longPoll(b.listening, 'ann-token');

    // Nothing of ann's is on A: A ends nothing itself, B hears the notice. Until the poll is parked on B
    // (it ends nothing before), told again: then B answers it.
    await until(async () => {
      expect(await a.server.disconnect('ann', 'You were signed out.')).toBe(0);
      await new Promise((resolve) => setTimeout(resolve, 20));
      return poll.state.answered;
    }, 10_000);

    expect(await annSocket.closed).toEqual({ code: 4401, reason: 'disconnected' });
    expect(annSocket.frames.at(-1)).toMatchObject({
      type: 'error',
      status: 401,
      error: {
        code: 'UNAUTHENTICATED',
        message: 'You were signed out.',
        details: { reason: 'disconnected' },
      },
    });
    const answer = await poll.answer;
    expect(answer.status).toBe(401);
    expect(await answer.json()).toMatchObject({
      error: { code: 'UNAUTHENTICATED', details: { reason: 'disconnected' } },
    });
    // Bob's socket on B is untouched and still answers.
    expect(bobSocket.ws.readyState).toBe(bobSocket.ws.OPEN);
    expect(await bobSocket.call('add', [2, 3])).toMatchObject({ status: 200, result: 5 });
    bobSocket.ws.close();
    await answersNormally(a.listening);
    await answersNormally(b.listening);
  }, 30_000);

  it('disconnectClient on A closes that client’s socket on B, and only it', async () => {
    const first = await openSocket(b.listening.url, 'ann-token');
    const second = await openSocket(b.listening.url, 'ann-token');
    expect(a.server.disconnectClient(first.client, 'This tab was closed elsewhere.')).toBe(0);
    expect(await first.closed).toEqual({ code: 4401, reason: 'disconnected' });
    expect(first.frames.at(-1)).toMatchObject({
      type: 'error',
      error: { message: 'This tab was closed elsewhere.', details: { reason: 'disconnected' } },
    });
    expect(await second.call('add', [1, 1])).toMatchObject({ status: 200, result: 2 });
    second.ws.close();
    await answersNormally(b.listening);
  }, 30_000);

  it('left no server fault behind', () => {
    expect(faults).toEqual([]);
  });
});
