// GET {base}/_health and {base}/_ready: answered before origins and the auth
// hook; _ready is 503 UNAVAILABLE while the app says not ready, while the
// server drains, and while the store does not answer its ping.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import {
  ContractError,
  createRouter,
  memoryStore,
  type ClientStore,
  type Router,
  type RouterOptions,
} from '../../runtime/src/server/index.js';
import { coreOf } from '../../runtime/src/server/create-router.js';
import { sqliteStore } from '../../runtime/src/server/stores/sqlite/index.js';
import { redisStore } from '../../runtime/src/server/stores/redis/index.js';
import { tickerHandlers } from '../../conformance/generated/ticker.server.js';
import { createTickerService } from '../../conformance/ticker-service.js';
import { describeWithRedis, redisPrefix, redisTarget } from '../stores/redis-target.js';

const routers: Router[] = [];
afterEach(async () => {
  for (const router of routers.splice(0)) await router.close();
});

function router(options: Partial<RouterOptions> = {}): Router {
  const made = createRouter({
    services: [tickerHandlers(createTickerService())],
    base: '/api',
    onError: () => {},
    ...options,
  });
  routers.push(made);
  return made;
}

async function probe(
  on: Router,
  path: string,
  init?: RequestInit,
): Promise<{ status: number; body: unknown; cache: string | null }> {
  const answer = await on.fetch(new Request(`http://localhost/api${path}`, init));
  return {
    status: answer.status,
    body: await answer.json(),
    cache: answer.headers.get('cache-control'),
  };
}

const notReady = (reason: string) => ({
  status: 503,
  body: {
    error: { code: 'UNAVAILABLE', message: expect.any(String) as string, details: { reason } },
  },
  cache: 'no-store',
});

it('answers _health and _ready under the base, with no credentials, even with an auth hook', async () => {
  const guarded = router({
    auth: () => {
      throw new ContractError('UNAUTHENTICATED', 'Sign in first.');
    },
  });
  expect(await probe(guarded, '/_health')).toEqual({
    status: 200,
    body: { result: 'ok' },
    cache: 'no-store',
  });
  expect(await probe(guarded, '/_ready')).toEqual({
    status: 200,
    body: { result: 'ready' },
    cache: 'no-store',
  });
  // Everything else still goes through the hook.
  expect((await probe(guarded, '/_open', { method: 'POST' })).status).toBe(401);
  const posted = await guarded.fetch(
    new Request('http://localhost/api/_ready', { method: 'POST' }),
  );
  expect(posted.status).toBe(405);
  expect(posted.headers.get('allow')).toBe('GET, HEAD');
});

it('is not ready while the app says so, nor while draining', async () => {
  const app = router();
  app.setReady(false);
  expect(await probe(app, '/_ready')).toEqual(notReady('not-ready'));
  expect((await probe(app, '/_health')).status).toBe(200);
  app.setReady(true);
  expect((await probe(app, '/_ready')).status).toBe(200);
  const core = coreOf(app);
  if (core === undefined) throw new Error('createRouter made a router without its core');
  core.readiness.draining = true;
  expect(await probe(app, '/_ready')).toEqual(notReady('draining'));
});

it('is not ready while the store fails or does not answer its ping in time', async () => {
  const failing: ClientStore = Object.assign(memoryStore(), {
    ping: () => Promise.reject(new Error('connection lost')),
  });
  expect(await probe(router({ events: { store: failing } }), '/_ready')).toEqual(notReady('store'));
  const silent: ClientStore = Object.assign(memoryStore(), {
    ping: () => new Promise<void>(() => {}),
  });
  const slow = router({ events: { store: silent }, probes: { storeTimeout: 50 } });
  expect(await probe(slow, '/_ready')).toEqual(notReady('store'));
});

it('asks a SQLite store with a query: not ready once its database is closed', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cg-probes-'));
  try {
    const store = sqliteStore({ path: join(dir, 'events.sqlite') });
    const app = router({ events: { store } });
    expect((await probe(app, '/_ready')).status).toBe(200);
    await store.stop();
    expect(await probe(app, '/_ready')).toEqual(notReady('store'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

it('with probes: false, the paths are unknown protocol endpoints', async () => {
  const off = router({ probes: false });
  expect((await probe(off, '/_health')).status).toBe(404);
  expect((await probe(off, '/_ready')).status).toBe(404);
});

describeWithRedis('readiness with a Redis store', () => {
  it('is ready while Redis answers PING, not ready when it cannot be reached', async () => {
    const store = redisStore({ redis: redisTarget.url, prefix: redisPrefix('probes') });
    expect((await probe(router({ events: { store } }), '/_ready')).status).toBe(200);
    const nowhere = redisStore({
      redis: { host: '127.0.0.1', port: 1, retryStrategy: () => 50, lazyConnect: false },
      prefix: redisPrefix('probes-nowhere'),
    });
    const app = router({ events: { store: nowhere }, probes: { storeTimeout: 300 } });
    expect(await probe(app, '/_ready')).toEqual(notReady('store'));
  });
});
