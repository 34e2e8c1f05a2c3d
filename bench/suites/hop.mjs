// Callbacks across hops (issue 22): events per second a client receives from a feed server
// directly, and through one server in the middle that passed the client's callback on to the feed
// (createRelay, the relay example). Each server is its own process (memory stores, long polling);
// the client and the publisher are this process; the publisher stays at most 4,000 events ahead of
// the client (below every queue bound, so nothing is dropped: a gap fails the suite). The figure: events per second from the first
// publish call to the last event in the client's handler. Goal: the hop keeps at least half the
// direct rate.
import { existsSync } from 'node:fs';
import * as http from 'node:http';
import { join } from 'node:path';
import { repoRoot, benchDir } from '../lib/paths.mjs';
import { result, round4 } from '../lib/result.mjs';
import { startServerProcess } from '../lib/server-process.mjs';
import { median } from '../lib/stats.mjs';

export const name = 'hop';

const BATCH = 1_000;
/** The publisher stays at most this many events ahead of the client, below every queue bound (10,000). */
const AHEAD = 4_000;

export async function run({ quick = false, rounds: roundsOverride, log = console.log } = {}) {
  if (!existsSync(join(repoRoot, 'build/apps/examples/relay/relay-server.js')))
    throw new Error("build/apps is missing: run 'npm run build:apps' (npm run bench does)");
  const { connect } = await import('@contract-gen/runtime/client');
  const { feedClient, relayClient } = await import(
    join(repoRoot, 'build/apps/generated/feed.client.js')
  );
  const total = quick ? 5_000 : 30_000;
  const rounds = roundsOverride ?? (quick ? 1 : 5);
  const script = join(benchDir, 'servers', 'hop-server.mjs');
  const feedServer = await startServerProcess(script, {
    cwd: repoRoot,
    env: { ...process.env, ROLE: 'feed' },
  });
  const relayServer = await startServerProcess(script, {
    cwd: repoRoot,
    env: { ...process.env, ROLE: 'relay', FEED: feedServer.url },
  });
  const publisherConn = connect(feedServer.url, { http });
  const feed = feedClient(publisherConn);
  const rates = { direct: [], hop: [] };
  try {
    for (let round = 0; round < rounds; round++) {
      for (const path of ['direct', 'hop']) {
        let gap;
        const conn = connect(path === 'direct' ? feedServer.url : relayServer.url, {
          http,
          onGap: (g) => (gap = g),
        });
        let received = 0;
        let done;
        const all = new Promise((resolve) => (done = resolve));
        /** Waits until the client is within AHEAD events of `from`; fails on a gap or 30 s without progress. */
        const caughtUp = async (from) => {
          let last = received;
          let since = Date.now();
          while (from - 1 - received > AHEAD) {
            if (gap !== undefined) throw new Error(`${path}: events lost (${JSON.stringify(gap)})`);
            if (received !== last) [last, since] = [received, Date.now()];
            else if (Date.now() - since > 30_000) throw new Error(`${path}: no event for 30 s`);
            await new Promise((resolve) => setTimeout(resolve, 1));
          }
        };
        const events = {
          item: () => {
            if (++received === total) done(Date.now());
          },
          failed: () => {},
        };
        if (path === 'direct') await feedClient(conn).subscribe(events);
        else await relayClient(conn).follow(events);
        const start = Date.now();
        for (let from = 1; from <= total; from += BATCH) {
          await caughtUp(from);
          await feed.publish(from, BATCH);
        }
        await caughtUp(total + AHEAD + 1);
        const end = await all;
        const rate = (total / Math.max(1, end - start)) * 1000;
        rates[path].push(rate);
        log(`  ${path} round ${round + 1}: ${Math.round(rate)} events/s`);
        await conn.release(events);
        await conn.close();
        // The feed's subscriber leaves with the release (through the relay for the hop).
        for (let i = 0; i < 200 && (await feed.subscribers()) > 0; i++)
          await new Promise((resolve) => setTimeout(resolve, 10));
      }
    }
  } finally {
    await publisherConn.close();
    await relayServer.stop();
    await feedServer.stop();
  }
  return [
    result({
      name: 'events/s through one relay hop',
      unit: 'events/s',
      value: round4(median(rates.hop)),
      peer: 'direct delivery from the feed',
      peerValue: round4(median(rates.direct)),
      better: 'higher',
      goal: 0.5,
    }),
  ];
}
