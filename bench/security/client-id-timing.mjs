// Issue 18 item 6: can an unknown client id be told from a foreign one (owned by another principal) by
// timing? Times the owner check the router runs (`ClientOwners.check`: its cache, `ClientStore.owner`, the
// constant-time compare) for both, interleaved, per store, and prints the medians. The foreign id was opened
// in this process, so its owner is cached, as on a real server. Run: node bench/security/client-id-timing.mjs
import { memoryStore } from '@contract-gen/runtime/server';
import { sqliteStore } from '@contract-gen/runtime/server/sqlite';
import { redisStore } from '@contract-gen/runtime/server/redis';
import { ClientOwners } from '../../runtime/dist/server/auth/client-owners.js';
import { tmpdir, loadavg } from 'node:os';
import { join } from 'node:path';

const PROBES = 2_000;
const config = { ttl: 60_000, maxQueue: 100, overflow: 'drop-oldest', now: Date.now };
const listener = { appended() {}, released() {}, ended() {} };
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

async function measure(name, store) {
  await store.start(config, listener);
  await store.open('owned-by-alice', 'alice');
  const owners = new ClientOwners((client) => store.owner(client));
  owners.opened('owned-by-alice', 'alice');
  const mallory = { id: 'mallory' };
  const times = { unknown: [], foreign: [] };
  for (let i = 0; i < PROBES; i++) {
    for (const [kind, id] of [
      ['unknown', `nobody-${i}`],
      ['foreign', 'owned-by-alice'],
    ]) {
      const t = process.hrtime.bigint();
      await owners.check(mallory, id);
      times[kind].push(Number(process.hrtime.bigint() - t) / 1e6);
    }
  }
  await store.stop();
  console.log(
    `${name.padEnd(7)} unknown ${median(times.unknown).toFixed(4)} ms, foreign ${median(times.foreign).toFixed(4)} ms`,
  );
}

console.log(
  `load average ${loadavg()
    .map((n) => n.toFixed(2))
    .join(' ')}; ${PROBES} probes each`,
);
await measure('memory', memoryStore());
await measure('sqlite', sqliteStore({ path: join(tmpdir(), `cg-timing-${process.pid}.db`) }));
await measure('redis', redisStore({ prefix: `cg-timing-${process.pid}:` }));
