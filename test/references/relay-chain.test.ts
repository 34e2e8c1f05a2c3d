// Issue 22, callbacks across hops: client → A → B, each server a real process on its own SQLite
// file (examples/relay). A passes the client's callback on to B (createRelay); B publishes 5,000
// items; the client sees each once, in order, while A is SIGKILLed in the middle and started again.
// Releases travel both ways: the client's release reaches B's subscriber list, and B ending its
// subscribers reaches the client as a release notice with B's reason.
import * as http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Connection, type ReleaseNotice } from '@contract-gen/runtime/client';
import type { FeedEvents } from '../../contracts/feed.js';
import { feedClient, relayClient } from '../../generated/feed.client.js';
import { eventually, freePort, startApp, type AppProcess } from './processes.js';

const TOTAL = 5_000;
const BATCH = 250;

let dir: string;
let feedApp: AppProcess;
let relayApp: AppProcess;
let relayPort: number;
const connections: Connection[] = [];

function startRelayApp(): Promise<AppProcess> {
  return startApp('examples/relay/relay-server.js', [
    String(relayPort),
    feedApp.url,
    join(dir, 'relay.db'),
  ]);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cg-relay-'));
  feedApp = await startApp('examples/relay/feed-server.js', ['0', join(dir, 'feed.db')]);
  relayPort = await freePort();
  relayApp = await startRelayApp();
});

afterAll(async () => {
  await Promise.all(connections.map((c) => c.close()));
  await relayApp.kill();
  await feedApp.kill();
  rmSync(dir, { recursive: true, force: true });
});

function open(url: string, onReleased?: (notice: ReleaseNotice) => void): Connection {
  const conn = connect(url, {
    http,
    backoff: { initial: 50, max: 500 },
    ...(onReleased === undefined ? {} : { onReleased }),
  });
  connections.push(conn);
  return conn;
}

describe('a callback passed on from server A to server B', () => {
  const notices: ReleaseNotice[] = [];
  const client = () => open(relayApp.url, (notice) => notices.push(notice));
  let conn: Connection;

  it('delivers 5,000 items from B once each, in order, across a SIGKILL of A', async () => {
    conn = client();
    const received: number[] = [];
    const events: FeedEvents = {
      item: (n) => void received.push(n),
      failed: () => {},
    };
    await relayClient(conn).follow(events);
    const feed = feedClient(open(feedApp.url));
    expect(await feed.subscribers()).toBe(1);

    // B publishes all along; A is killed while items flow through it, and started again.
    const publishing = (async () => {
      for (let from = 1; from <= TOTAL; from += BATCH) await feed.publish(from, BATCH);
    })();
    await eventually(() => expect(received.length).toBeGreaterThan(TOTAL / 5));
    await relayApp.kill();
    const atKill = received.length;
    relayApp = await startRelayApp();
    await publishing;
    await eventually(() => expect(received.length).toBeGreaterThanOrEqual(TOTAL), 120_000);
    expect(received).toEqual(Array.from({ length: TOTAL }, (_, i) => i + 1));
    console.log(`relay-chain: the client had ${atKill} of ${TOTAL} items when A was killed`);

    // The client's release reaches B: its subscriber list empties.
    const released = Date.now();
    await conn.release(events);
    await eventually(async () => expect(await feed.subscribers()).toBe(0));
    console.log(`relay-chain: client release reached B after ${Date.now() - released} ms`);
  }, 240_000);

  it('passes B’s failures on as event data in order, and tells the client when B ends the subscription', async () => {
    const seen: string[] = [];
    const events: FeedEvents = {
      item: (n) => void seen.push(`item ${n}`),
      failed: (failure) => void seen.push(`failed ${failure.code}: ${failure.message}`),
    };
    await relayClient(conn).follow(events);
    const feed = feedClient(open(feedApp.url));
    expect(await feed.subscribers()).toBe(1);
    await feed.publish(1, 2);
    await feed.fail('SOURCE_LOST', 'the source went away');
    await feed.publish(3, 1);
    await eventually(() => expect(seen).toHaveLength(4));
    expect(seen).toEqual([
      'item 1',
      'item 2',
      'failed SOURCE_LOST: the source went away',
      'item 3',
    ]);
    const ended = Date.now();
    await feed.end('feed-closed');
    await eventually(() =>
      expect(notices).toContainEqual(
        expect.objectContaining({ callback: events, reason: 'feed-closed' }),
      ),
    );
    console.log(`relay-chain: B's end reached the client after ${Date.now() - ended} ms`);
    expect(await feed.subscribers()).toBe(0);
  }, 60_000);
});
