// Measures what a connected client and a delivered event cost on the Redis store, and checks the
// linear model docs/scale.md builds on them (issue 25): `node bench/scale-model.mjs` (run it under
// `flock /tmp/bench.lock`; it takes about a minute). On a private redis-server (a free port, no
// persistence: its INFO commandstats and used_memory count this run's commands and keys only) and
// one server process (test/stores/fixtures/store-server.mjs, STORE=redis, a unique prefix), with
// clients from bench/clients/chaos-clients.mjs (half WebSocket, half long polling, all joined to the
// Room topic), it measures at a small count of clients (SCALE_SMALL, default 200):
//   - server RSS per connected client, and Redis memory per client (used_memory, and MEMORY USAGE
//     summed over the prefix's keys);
//   - per event delivered to a topic member: Redis commands (commandstats, scripts and the commands
//     they ran), Redis CPU (used_cpu_user + used_cpu_sys), server CPU, and queued Redis memory
//     before the clients acknowledge;
//   - per long poll that finds nothing (wait=0): Redis commands and Redis CPU;
// predicts them at a larger count (SCALE_LARGE, default 4 x), measures them there, and
// prints both with the error; `--json` prints them as JSON too. The model: memory totals are a
// fixed part plus a part per client (fitted on SMALL and 2 x SMALL clients), costs per event and per
// poll are constants; the check measures at LARGE and compares.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { benchDir, repoRoot } from './lib/paths.mjs';
import { freePort } from './lib/redis-cluster.mjs';
import { requestJson } from './lib/request-json.mjs';
import { startStoreServer } from './lib/store-server.mjs';
import { startWorker } from './lib/worker-process.mjs';

const SMALL = Number(process.env.SCALE_SMALL ?? 200);
const LARGE = Number(process.env.SCALE_LARGE ?? SMALL * 4);
const EVENTS = 200; // published per measurement, in calls of 20
const POLLS = 2_000; // empty polls per measurement
const TICK = 100; // clock ticks per second (/proc/<pid>/stat)

/** A redis-server of this run alone: no persistence, on a free port. */
async function privateRedis() {
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--save', '', '--appendonly', 'no', '--bind', '127.0.0.1'],
    { stdio: 'ignore' },
  );
  process.once('exit', () => child.kill('SIGKILL'));
  const redis = new Redis({ port, retryStrategy: () => 100 });
  redis.on('error', () => {});
  await new Promise((resolve) => redis.once('ready', resolve));
  return {
    url: `redis://127.0.0.1:${port}`,
    redis,
    async stop() {
      redis.disconnect();
      child.kill('SIGKILL');
    },
  };
}

/** INFO fields as numbers. */
async function info(redis, section) {
  const out = {};
  for (const line of (await redis.info(section)).split('\r\n')) {
    const [k, v] = line.split(':');
    if (v !== undefined) out[k] = v;
  }
  return out;
}

/** Every command Redis ran (scripts and the commands inside them, each counted), and its CPU seconds. */
async function commandCount(redis) {
  const stats = await info(redis, 'commandstats');
  let calls = 0;
  const by = {};
  for (const [k, v] of Object.entries(stats)) {
    const n = Number(/calls=(\d+)/.exec(v)?.[1] ?? 0);
    // Not the measurement's own INFO/CONFIG/MEMORY/SCAN calls.
    if (/^cmdstat_(info|config|memory|scan|ping|client|hello|select)$/.test(k)) continue;
    calls += n;
    by[k.slice(8)] = n;
  }
  const cpu = await info(redis, 'cpu');
  return { calls, by, cpu: Number(cpu.used_cpu_user) + Number(cpu.used_cpu_sys) };
}

/** Sum of MEMORY USAGE over the keys under `prefix`. */
async function keyBytes(redis, prefix) {
  let cursor = '0';
  let bytes = 0;
  let keys = 0;
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    for (const key of found) {
      bytes += (await redis.memory('USAGE', key, 'SAMPLES', '0')) ?? 0;
      keys++;
    }
  } while (cursor !== '0');
  return { bytes, keys };
}

function rss(pid) {
  return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) * 1024;
}

function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICK; // utime, stime
}

const post = (url, body) => requestJson(url, { body });

/** Every figure at `count` clients. */
async function measure(count) {
  const store = await privateRedis();
  const prefix = `scale-${process.pid}:`;
  const server = await startStoreServer(
    { STORE: 'redis', REDIS_URL: store.url, PREFIX: prefix },
    0,
  );
  const base = `http://127.0.0.1:${server.port}`;
  const workers = [];
  try {
    await sleep(500);
    const rss0 = rss(server.pid);
    const mem0 = Number((await info(store.redis, 'memory')).used_memory);
    for (let i = 0; i < 2; i++)
      workers.push(
        await startWorker(join(benchDir, 'clients', 'chaos-clients.mjs'), {
          cwd: repoRoot,
          label: `clients ${i + 1}`,
          manyFiles: true,
        }),
      );
    await Promise.all(
      workers.map((w) =>
        w.send({ cmd: 'open', url: base, count: count / 2 }, { timeout: 120_000 }),
      ),
    );
    await sleep(2_000); // parked polls and sockets settle
    const rss1 = rss(server.pid);
    const mem1 = Number((await info(store.redis, 'memory')).used_memory);
    const idleKeys = await keyBytes(store.redis, prefix);

    // Events: EVENTS to the topic, each delivered to every client; counted until all arrived.
    const before = await commandCount(store.redis);
    const cpu0 = cpuSeconds(server.pid);
    for (let from = 1; from <= EVENTS; from += 20) await post(`${base}/Room/publish`, [from, 20]);
    for (const deadline = Date.now() + 60_000; Date.now() < deadline;) {
      const s = await Promise.all(workers.map((w) => w.send({ cmd: 'status', total: EVENTS })));
      if (s.reduce((sum, x) => sum + x.complete, 0) === count) break;
      await sleep(50);
    }
    await sleep(1_000); // acknowledgements of the last events
    const after = await commandCount(store.redis);
    const cpu1 = cpuSeconds(server.pid);
    const delivered = EVENTS * count;

    // Empty polls (wait=0) of a client of our own, which has nothing queued.
    const { json: opened } = await post(`${base}/_open`, {});
    const pollsBefore = await commandCount(store.redis);
    for (let i = 0; i < POLLS; i++)
      await requestJson(`${base}/_events?after=0&wait=0`, {
        method: 'GET',
        headers: { 'x-contract-client': opened.client },
      });
    const pollsAfter = await commandCount(store.redis);

    return {
      clients: count,
      serverRssPerClient: (rss1 - rss0) / count,
      redisMemoryPerClient: (mem1 - mem0) / count,
      redisKeyBytesPerClient: idleKeys.bytes / count,
      redisKeysPerClient: idleKeys.keys / count,
      redisCommandsPerEvent: (after.calls - before.calls) / delivered,
      redisCpuMicrosPerEvent: ((after.cpu - before.cpu) * 1e6) / delivered,
      serverCpuMicrosPerEvent: ((cpu1 - cpu0) * 1e6) / delivered,
      redisCommandsPerEmptyPoll: (pollsAfter.calls - pollsBefore.calls) / POLLS,
      redisCpuMicrosPerEmptyPoll: ((pollsAfter.cpu - pollsBefore.cpu) * 1e6) / POLLS,
      commandsDuringEvents: Object.fromEntries(
        Object.entries(after.by)
          .map(([k, v]) => [k, v - (before.by[k] ?? 0)])
          .filter(([, v]) => v > 0),
      ),
    };
  } finally {
    await Promise.all(workers.map((w) => w.stop().catch(() => undefined)));
    await server.kill();
    await store.stop();
  }
}

const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
const startLoad = load();
// The model: a total is fixed + per-client × clients (memory: what a process or Redis holds before
// its first client is the fixed part), a per-event or per-poll cost is a constant. Fitted on SMALL
// and 2 × SMALL, it predicts the totals at LARGE, which are then measured.
const a = await measure(SMALL);
const b = await measure(2 * SMALL);
const c = await measure(LARGE);
const totals = ['serverRssPerClient', 'redisMemoryPerClient', 'redisKeyBytesPerClient'];
const rows = [];
const model = {};
for (const k of Object.keys(a).filter((k) => typeof a[k] === 'number' && k !== 'clients')) {
  let predicted;
  let fitted;
  if (totals.includes(k)) {
    const [ta, tb] = [a[k] * a.clients, b[k] * b.clients];
    const per = (tb - ta) / (b.clients - a.clients);
    const fixed = ta - per * a.clients;
    model[k.replace('PerClient', '')] = { fixed, perClient: per };
    fitted = `${Math.round(fixed)} + ${Math.round(per)} × N`;
    predicted = (fixed + per * c.clients) / c.clients;
  } else {
    predicted = (a[k] + b[k]) / 2;
    model[k] = predicted;
    fitted = predicted.toPrecision(4);
  }
  rows.push({
    figure: k,
    model: fitted,
    [`at ${a.clients}`]: Number(a[k].toPrecision(4)),
    [`at ${b.clients}`]: Number(b[k].toPrecision(4)),
    [`predicted at ${c.clients}`]: Number(predicted.toPrecision(4)),
    [`measured at ${c.clients}`]: Number(c[k].toPrecision(4)),
    error: `${(((c[k] - predicted) / predicted) * 100).toFixed(1)} %`,
  });
}
console.log(
  `load average ${startLoad} at the start, ${load()} at the end; ${a.clients}, ${b.clients} (fit) and ${c.clients} (check) clients`,
);
console.table(rows);
console.log(
  `Redis commands during the events (${c.clients} clients):`,
  JSON.stringify(c.commandsDuringEvents),
);
if (process.argv.includes('--json'))
  console.log(JSON.stringify({ model, measured: [a, b, c], rows }));
