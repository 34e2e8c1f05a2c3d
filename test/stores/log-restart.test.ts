// Logs across a SIGKILL: a server process with the SQLite or the Redis store is killed while a late
// follower replays the log, and started again on the same file (prefix) and port. The follower that kept
// its client goes on from the position the store holds for it; a new client that saved its position
// (`logPosition`) follows again from `{ offset, epoch }`. Each gets every event once, in order, no gap.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { connect, type EventGap, type LogPosition } from '../../runtime/src/client/index.js';
import { LedgerService } from './feed.js';
import { isInOrderOnce, publishBurst } from './feed-client.js';
import { describeWithRedis, redisPrefix, redisTarget } from './redis-target.js';
import {
  freePort,
  removePackage,
  snapshotPackage,
  startServer,
  type ServerProcess,
} from './server-process.js';

let pkg: string | undefined;
let dir: string;
const servers: ServerProcess[] = [];
const closers: (() => Promise<void>)[] = [];
beforeAll(async () => {
  pkg = await snapshotPackage();
  dir = mkdtempSync(join(tmpdir(), 'cg-log-restart-'));
});
afterAll(async () => {
  for (const close of closers) await close();
  for (const server of servers) await server.kill();
  removePackage(pkg);
  rmSync(dir, { recursive: true, force: true });
});

const TOTAL = 20_000;

/** A follower of the ledger: what it received, its gaps, and its position as the client keeps it. */
function follower(url: string) {
  const received: number[] = [];
  const gaps: EventGap[] = [];
  const conn = connect(url, {
    backoff: { initial: 25, max: 250, jitter: 0 },
    onGap: (gap) => void gaps.push(gap),
    onEventError: (error) => {
      throw new Error(`event not delivered: ${error.reason}`);
    },
  });
  closers.push(() => conn.close());
  let onItem = (_n: number) => {};
  const events = {
    item: (n: number) => {
      received.push(n);
      onItem(n);
    },
  };
  return {
    conn,
    events,
    received,
    gaps,
    position: (): LogPosition | undefined => conn.logPosition(events),
    follow: (offset: number, epoch: string) =>
      conn.call<number>(LedgerService, 'follow', [offset, epoch, events]),
    whenItem(hook: (n: number) => void) {
      onItem = hook;
    },
  };
}

async function killMidReplay(env: Record<string, string>): Promise<void> {
  const first = await startServer(pkg!, env);
  servers.push(first);
  // The log holds TOTAL events (each publish call answers once they are stored).
  const burst = await publishBurst(first.url, TOTAL, 1_000, undefined, 'Ledger');
  expect(burst.returned).toBe(TOTAL);

  // A late follower keeps its client across the restart; another saves its position and starts over as a new client.
  const kept = follower(first.url);
  const saved = follower(first.url);
  let savedAt: LogPosition | undefined;
  let killing: Promise<void> | undefined;
  const kill = () =>
    (killing ??= new Promise((resolve) =>
      setImmediate(() => void first.kill('SIGKILL').then(resolve)),
    ));
  // Killed once the kept follower is 5,000 events in and the other has saved its position (at 3,000).
  const maybeKill = () => {
    if (kept.received.length >= 5_000 && savedAt !== undefined) void kill();
  };
  kept.whenItem(maybeKill);
  saved.whenItem((n) => {
    if (n === 3_000) savedAt = saved.position();
    maybeKill();
  });
  await saved.follow(0, '');
  await kept.follow(0, '');
  await vi.waitFor(() => expect(killing).toBeDefined(), { timeout: 60_000, interval: 20 });
  await killing;
  expect(first.child.signalCode).toBe('SIGKILL');
  // Mid-replay: the kept follower had not received the whole log when the server died.
  expect(kept.received.length).toBeLessThan(TOTAL);
  expect(savedAt).toMatchObject({ log: 'ledger', offset: 3_000 });
  await saved.conn.close();

  const second = await startServer(pkg!, env);
  servers.push(second);
  // The new client of the saved follower goes on from its saved offset.
  const resumed = follower(second.url);
  await resumed.follow(savedAt!.offset, savedAt!.epoch);
  // Live events after the restart come after the replay, for both.
  expect(
    await publishBurst(second.url, 100, 100, undefined, 'Ledger').then((b) => b.returned),
  ).toBe(100);
  const all = TOTAL + 100;
  await vi.waitFor(() => expect(kept.received.length).toBeGreaterThanOrEqual(all), {
    timeout: 60_000,
    interval: 100,
  });
  await vi.waitFor(() => expect(resumed.received.length).toBeGreaterThanOrEqual(all - 3_000), {
    timeout: 60_000,
    interval: 100,
  });
  const expected = (from: number) => Array.from({ length: all - from }, (_, i) => from + i + 1);
  // The publish after the restart numbers its items 1..100 again: as the log's offsets TOTAL+1..TOTAL+100.
  const asOffsets = (ns: number[]) => ns.map((n, i) => (i >= TOTAL ? TOTAL + n : n));
  expect(isInOrderOnce(asOffsets(kept.received))).toBe(true);
  expect(kept.received).toHaveLength(all);
  expect(
    asOffsets([...Array.from({ length: 3_000 }, (_, i) => i + 1), ...resumed.received]),
  ).toEqual(expected(0));
  expect(kept.gaps).toEqual([]);
  expect(resumed.gaps).toEqual([]);
  expect(kept.position()).toMatchObject({ offset: all, epoch: savedAt!.epoch });
  expect(resumed.position()).toMatchObject({ offset: all, epoch: savedAt!.epoch });
}

describe('logs across a SIGKILL mid-replay', () => {
  it('sqlite: the follower resumes from its offset, every event once, in order', async () => {
    await killMidReplay({
      STORE: 'sqlite',
      DB: join(dir, 'ledger.db'),
      PORT: String(await freePort()),
    });
  }, 180_000);
});

describeWithRedis('logs across a SIGKILL mid-replay (redis)', () => {
  it('redis: the follower resumes from its offset, every event once, in order', async () => {
    await killMidReplay({
      STORE: 'redis',
      REDIS_URL: redisTarget.url,
      PREFIX: redisPrefix('log-restart'),
      PORT: String(await freePort()),
    });
  }, 180_000);
});
