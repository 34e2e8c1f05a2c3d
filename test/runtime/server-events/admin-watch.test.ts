// The admin service's pushes (docs/admin.md, "How it stays live"): a snapshot
// at once, one when a client opens or closes, none while nothing changes,
// even though the watching page's own client keeps polling (its times,
// its parked poll and its acknowledged snapshots are not changes).
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ContractError,
  createRouter,
  defineService,
  memoryStore,
  type ClientStore,
  type AdminSnapshot,
  type Router,
} from '../../../runtime/src/server/index.js';
import { createTicker, TickerService } from './fixture.js';

let router: Router | undefined;
let stopped = false;
afterEach(async () => {
  stopped = true;
  await router?.close();
  router = undefined;
});

const INTERVAL = 50;

function start(store?: ClientStore): Router {
  stopped = false;
  router = createRouter({
    services: [defineService(TickerService, createTicker().handlers)],
    auth: (request) => {
      const id = request.header('authorization')?.slice('Bearer '.length);
      if (id === undefined) throw new ContractError('UNAUTHENTICATED', 'no');
      return { id, groups: id === 'root' ? ['admin'] : [] };
    },
    admin: { allow: ['admin'], interval: INTERVAL },
    events: { maxWait: 200, ...(store === undefined ? {} : { store }) },
  });
  return router;
}

async function send(path: string, who: string, body?: string, client?: string): Promise<Response> {
  const headers: Record<string, string> = { authorization: `Bearer ${who}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (client !== undefined) headers['x-contract-client'] = client;
  return router!.fetch(
    new Request(`http://admin.test${path}`, {
      method: body === undefined && !path.startsWith('/_close') ? 'GET' : 'POST',
      headers,
      ...(body === undefined ? {} : { body }),
    }),
  );
}

async function open(who: string): Promise<string> {
  return ((await (await send('/_open', who, '{}')).json()) as { client: string }).client;
}

/** An admin page's client: watches, then long-polls (wait=200, so it parks and re-parks all along), keeping every snapshot. */
async function watchingPage(): Promise<AdminSnapshot[]> {
  const client = await open('root');
  expect((await send('/ContractAdmin/watch', 'root', '[{"$cb":1}]', client)).status).toBe(200);
  const snapshots: AdminSnapshot[] = [];
  void (async () => {
    let after = 0;
    while (!stopped) {
      const answer = (await (
        await send(`/_events?after=${after}&wait=200`, 'root', undefined, client)
      ).json()) as {
        events?: { seq: number; args: [AdminSnapshot] }[];
      };
      for (const event of answer.events ?? []) {
        after = event.seq;
        snapshots.push(event.args[0]);
      }
    }
  })();
  return snapshots;
}

describe('the admin service', () => {
  it('sends a snapshot at once, then one per change: a client that opens, one that closes', async () => {
    start();
    const snapshots = await watchingPage();
    // At once; a second may follow when the page's client parks its first poll (its transport shows then).
    await vi.waitFor(() => expect(snapshots.length).toBeGreaterThanOrEqual(1), { timeout: 10_000 });
    expect(snapshots[0]!.totalClients).toBe(1);

    const ann = await open('ann');
    await vi.waitFor(() => expect(snapshots.at(-1)?.totalClients).toBe(2), { timeout: 10_000 });
    expect(snapshots.at(-1)!.clients.find((c) => c.id === ann)?.principal).toBe('ann');
    await send('/_close', 'ann', undefined, ann);
    await vi.waitFor(() => expect(snapshots.at(-1)?.totalClients).toBe(1), { timeout: 10_000 });
  });

  it('sends nothing while nothing changes, though its own page polls all along', async () => {
    start();
    const snapshots = await watchingPage();
    await vi.waitFor(() => expect(snapshots.length).toBeGreaterThanOrEqual(1), { timeout: 10_000 });
    // Let the page's first exchanges settle (its client's first poll), then watch twenty looks go by.
    await new Promise((resolve) => setTimeout(resolve, 5 * INTERVAL));
    const settled = snapshots.length;
    await new Promise((resolve) => setTimeout(resolve, 20 * INTERVAL));
    expect(snapshots.length).toBe(settled);
    expect(settled).toBeLessThanOrEqual(2);
  });

  it('shows a bounded page of 10,000 clients: the 100 most recently active, and how many there are', async () => {
    const store = memoryStore();
    start(store);
    for (let i = 0; i < 10_000; i++) await store.open(`many-${i}`, `user-${i % 50}`);
    const snapshots = await watchingPage();
    await vi.waitFor(() => expect(snapshots.length).toBeGreaterThanOrEqual(1), { timeout: 10_000 });
    const [snapshot] = snapshots as [AdminSnapshot];
    expect(snapshot.totalClients).toBe(10_001);
    expect(snapshot.clients).toHaveLength(100);
    expect(JSON.stringify(snapshot).length).toBeLessThan(32_768);
  });
});
