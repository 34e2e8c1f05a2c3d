// Fan-out across four processes on Redis (issue 25): contract-gen's Redis store (a store-backed
// topic, test/stores/fixtures/store-server.mjs) beside socket.io 4.8 with its Redis Streams adapter
// (bench/servers/socketio-redis.mjs), on one Redis and on a three-master Redis Cluster, in the same
// run. Four server processes per side; the clients (WebSocket on both sides, bench/clients/
// chaos-clients.mjs and socketio-room-clients.mjs) are spread evenly over the four and all join one
// room; a publisher sends item(1) .. item(burst) to process 1 in calls of `chunk` events, one call
// after another (contract-gen: Room.publish with a call id; socket.io: an acknowledged `publish`
// event). Two measurements per side and Redis:
//   1. events/s delivered in all: clients × burst over the time from the first publish call to the
//      last client's last event;
//   2. the same burst with process 4 SIGKILLed half-way and started again on its port at once: the
//      events its clients never get (first arrivals of 1 .. burst missing at the end).
// Parameters (env): FANOUT_CLIENTS (default 400; quick 100), FANOUT_BURST (500; quick 200),
// FANOUT_CHUNK (100).
import { readFileSync } from 'node:fs';
import * as http from 'node:http';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { io } from 'socket.io-client';
import { benchRedisUrl } from '../lib/bench-redis.mjs';
import { benchDir, repoRoot } from '../lib/paths.mjs';
import { freePort, redisClusterProblem, startRedisCluster } from '../lib/redis-cluster.mjs';
import { requestJson } from '../lib/request-json.mjs';
import { result, round4 } from '../lib/result.mjs';
import { startStoreServer } from '../lib/store-server.mjs';
import { startWorker, wallNow } from '../lib/worker-process.mjs';

export const name = 'fanout-redis';

const PROCESSES = 4;
const CLIENT_PROCESSES = 2;
const REDIS_URL = benchRedisUrl;
const LOG = 'contract-gen (Redis store, log)';
const TOPIC = 'contract-gen (Redis store, topic)';
const PEER = 'socket.io 4.8 + @socket.io/redis-streams-adapter';

const ours = (mode) => ({
  server: undefined, // store-server.mjs
  clients: join(benchDir, 'clients', 'chaos-clients.mjs'),
  env: (redis, prefix) => ({ STORE: 'redis', ...redis, PREFIX: prefix }),
  mode,
  service: mode === 'log' ? 'Ledger' : 'Room',
});

const sides = {
  [LOG]: ours('log'),
  [TOPIC]: ours('room'),
  [PEER]: {
    server: join(benchDir, 'servers', 'socketio-redis.mjs'),
    clients: join(benchDir, 'clients', 'socketio-room-clients.mjs'),
    env: (redis, prefix) => ({ ...redis, STREAM: `${prefix}stream` }),
  },
};

/** The sides to run: FANOUT_SIDES (a comma list of log, topic, peer; default all). */
function chosenSides() {
  const keys = { log: LOG, topic: TOPIC, peer: PEER };
  const wanted = (process.env.FANOUT_SIDES ?? 'log,topic,peer').split(',').map((k) => k.trim());
  const unknown = wanted.filter((k) => keys[k] === undefined);
  if (unknown.length > 0)
    throw new Error(`FANOUT_SIDES: no side ${unknown.join(', ')} (log, topic, peer)`);
  return wanted.map((k) => keys[k]);
}

function intEnv(key, fallback) {
  const n = Number(process.env[key] ?? fallback);
  if (!(Number.isInteger(n) && n > 0)) throw new Error(`${key} must be a positive integer`);
  return n;
}

export async function run({ quick = false, log = console.log } = {}) {
  const settings = {
    clients: intEnv('FANOUT_CLIENTS', quick ? 100 : 400),
    burst: intEnv('FANOUT_BURST', quick ? 200 : 500),
    chunk: intEnv('FANOUT_CHUNK', 100),
  };
  // FANOUT_TARGETS (while iterating): `single`, `cluster`, or both (the default).
  const only = process.env.FANOUT_TARGETS;
  const problem = only === 'single' ? 'FANOUT_TARGETS=single' : redisClusterProblem();
  const targets = only === 'cluster' ? [] : [['one Redis', { REDIS_URL }]];
  let cluster;
  if (problem === undefined) {
    cluster = await startRedisCluster();
    targets.push([
      'Redis Cluster, 3 masters',
      { REDIS_CLUSTER: cluster.nodes.map((n) => `${n.host}:${n.port}`).join(',') },
    ]);
  } else log(`no Redis Cluster (${problem}): one Redis only`);
  const results = [];
  try {
    for (const [target, redis] of targets) {
      const figures = {};
      for (const side of chosenSides()) {
        const steady = await burstRun(side, redis, settings, false, log);
        const killed = await burstRun(side, redis, settings, true, log);
        figures[side] = { steady, killed };
        log(
          `${target}, ${side}: ${Math.round(steady.eventsPerSecond)} events/s (${steady.delivered} of ${steady.expected} in ${steady.ms} ms; ` +
            `CPU per event: servers ${steady.serverCpuPerEvent.toFixed(1)} µs, clients ${steady.clientCpuPerEvent.toFixed(1)} µs); ` +
            `SIGKILL mid-burst: ${killed.lost} events lost (${killed.delivered} of ${killed.expected} delivered, ${killed.repeats} repeats)`,
        );
      }
      if (figures[PEER] === undefined) continue; // FANOUT_SIDES without the peer: figures logged only
      const peer = figures[PEER];
      const of = `${settings.clients} clients × ${settings.burst} events, 4 processes, ${target}`;
      const details = { ...settings, processes: PROCESSES };
      for (const [side, figure] of Object.entries(figures)) {
        const key = { [LOG]: 'log', [TOPIC]: 'topic', [PEER]: 'peer' }[side];
        details[`${key}Ms`] = figure.steady.ms;
        details[`${key}LostOnKill`] = figure.killed.lost;
        details[`${key}RepeatsOnKill`] = figure.killed.repeats;
        details[`${key}ServerCpuPerEventUs`] = round4(figure.steady.serverCpuPerEvent);
        details[`${key}ClientCpuPerEventUs`] = round4(figure.steady.clientCpuPerEvent);
      }
      const rows = [];
      // The goal line: a log (each event once in Redis), what a user should choose for one stream to many clients.
      // The topic line: per-client queues in Redis (400 copies of each event), guarded against regressing
      // below the 0.4x it measured before logs were measured here.
      for (const [side, goal, what] of [
        [LOG, 2, 'a log'],
        [TOPIC, 0.4, 'a store-backed topic'],
      ]) {
        const ours = figures[side];
        if (ours === undefined) continue;
        rows.push(
          result({
            name: `fan-out across processes, ${what}: events/s delivered (${of})`,
            unit: 'events/s',
            value: round4(ours.steady.eventsPerSecond),
            peer: PEER,
            peerValue: round4(peer.steady.eventsPerSecond),
            better: 'higher',
            goal,
          }),
          result({
            name: `fan-out across processes, one SIGKILLed mid-burst: events delivered, contract-gen ${what} (${of})`,
            unit: 'events',
            value: ours.killed.expected - ours.killed.lost,
            peer: 'goal: every event',
            peerValue: ours.killed.expected,
            better: 'higher',
            goal: 1,
          }),
        );
      }
      rows.push(
        result({
          name: `fan-out across processes, one SIGKILLed mid-burst: events delivered, socket.io + redis-streams-adapter (${of})`,
          unit: 'events',
          value: peer.killed.expected - peer.killed.lost,
          peer: 'every event',
          peerValue: peer.killed.expected,
          better: 'higher',
          goal: 1,
        }),
      );
      for (const r of rows) r.details = details;
      results.push(...rows);
    }
  } finally {
    await cluster?.stop();
  }
  return results;
}

/** One burst of one side on `redis`: four fresh processes, fresh clients, a fresh prefix. */
async function burstRun(side, redis, { clients, burst, chunk }, kill, log) {
  const { server, clients: clientScript, env, mode, service } = sides[side];
  const prefix = `bench-fanout-${process.pid}-${Date.now()}-`;
  // FANOUT_PROFILE=<dir> (while iterating): the servers write CPU profiles there (ended with SIGTERM, so they do).
  const profile = process.env.FANOUT_PROFILE;
  const nodeArgs = profile === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${profile}`];
  const serverEnv = env(redis, prefix);
  const cleanup = [];
  try {
    const servers = [];
    for (let i = 0; i < PROCESSES; i++)
      servers.push(await startStoreServer(serverEnv, await freePort(), server, nodeArgs));
    cleanup.push(() =>
      Promise.all(servers.map((s) => s.kill(profile === undefined ? 'SIGKILL' : 'SIGTERM'))),
    );
    const workers = [];
    cleanup.push(() => Promise.all(workers.map((w) => w.stop())));
    for (let i = 0; i < CLIENT_PROCESSES; i++)
      workers.push(
        await startWorker(clientScript, {
          cwd: repoRoot,
          label: `${side} clients ${i + 1}`,
          manyFiles: true,
        }),
      );
    // Clients spread evenly over the processes (each worker opens its share on each).
    const shares = CLIENT_PROCESSES * PROCESSES;
    await Promise.all(
      workers.map((w, i) =>
        Promise.all(
          servers.map((s, j) => {
            const k = i * PROCESSES + j;
            const count = Math.floor(clients / shares) + (k < clients % shares ? 1 : 0);
            return w.send(
              { cmd: 'open', url: `http://127.0.0.1:${s.port}`, count, websocketShare: 1, mode },
              { timeout: 120_000 },
            );
          }),
        ),
      ),
    );
    const publish =
      service === undefined
        ? await peerPublisher(servers[0].port)
        : await ourPublisher(servers[0].port, service);
    cleanup.push(() => publish.close());
    const started = wallNow();
    const cpuAtStart = [cpuSeconds(servers), cpuSeconds(workers)];
    let killing;
    for (let from = 1; from <= burst; from += chunk) {
      if (kill && killing === undefined && from > burst / 2) {
        const victim = servers[PROCESSES - 1];
        killing = victim.kill('SIGKILL').then(async () => {
          servers[PROCESSES - 1] = await startStoreServer(serverEnv, victim.port, server, nodeArgs);
        });
      }
      await publish(from, Math.min(chunk, burst - from + 1));
    }
    await killing;
    // Delivery: until every client holds every event, or (a side that loses events) nothing new for
    // 10 s (a killed process may take seconds to listen again on a loaded machine, and its clients
    // a second more to come back).
    const expected = clients * burst;
    let statuses;
    let delivered = -1;
    let stillSince = Date.now();
    for (const deadline = Date.now() + 60_000; ;) {
      statuses = await Promise.all(workers.map((w) => w.send({ cmd: 'status', total: burst })));
      const complete = statuses.reduce((sum, s) => sum + s.complete, 0);
      const now = statuses.reduce((sum, s) => sum + s.delivered, 0);
      if (now !== delivered) [delivered, stillSince] = [now, Date.now()];
      if (complete === clients || Date.now() > deadline || Date.now() - stillSince > 10_000) break;
      await sleep(50);
    }
    // CPU of the servers and of the client processes over the burst (a killed server's is lost with it).
    const [serverCpu, clientCpu] = [cpuSeconds(servers), cpuSeconds(workers)].map(
      (cpu, i) => cpu - cpuAtStart[i],
    );
    const lastNewAt = Math.max(...statuses.map((s) => s.lastNewAt));
    const rows = (
      await Promise.all(
        workers.map((w) => w.send({ cmd: 'report', total: burst }, { timeout: 120_000 })),
      )
    ).flatMap((r) => r.rows);
    const distinct = rows.reduce((sum, r) => sum + r.distinct, 0);
    if (distinct < expected) {
      // Which clients stopped where: "distinct events × clients", with the first problems seen.
      const short = new Map();
      for (const r of rows.filter((r) => r.distinct < burst))
        short.set(r.distinct, (short.get(r.distinct) ?? 0) + 1);
      const problems = rows.flatMap((r) => r.problems).slice(0, 3);
      log(
        `${side}${kill ? ' (SIGKILL)' : ''}: clients short of ${burst} events: ` +
          `${[...short].map(([n, k]) => `${n} × ${k}`).join(', ')}${problems.length > 0 ? `; ${problems.join('; ')}` : ''}`,
      );
    }
    const ms = Math.round(lastNewAt - started);
    return {
      expected,
      delivered: distinct,
      lost: expected - distinct,
      repeats: rows.reduce((sum, r) => sum + r.repeats, 0),
      ms,
      eventsPerSecond: (distinct / ms) * 1_000,
      serverCpuPerEvent: (serverCpu / distinct) * 1e6,
      clientCpuPerEvent: (clientCpu / distinct) * 1e6,
    };
  } catch (error) {
    log(`${side}${kill ? ' (SIGKILL)' : ''}: ${error.message}`);
    throw error;
  } finally {
    for (const step of cleanup.reverse())
      await Promise.resolve()
        .then(step)
        .catch(() => undefined);
    await deletePrefix(redis, prefix);
  }
}

/** The CPU time (user + system) `processes` (each with a `pid`) have used, in seconds (Linux: /proc/<pid>/stat). */
function cpuSeconds(processes) {
  let sum = 0;
  for (const { pid } of processes) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      sum += (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      // Gone (killed), or not Linux: counts nothing.
    }
  }
  return sum;
}

/** contract-gen's publisher: a client of its own, `publish` calls of `service` with a call id, each sent again until answered. */
async function ourPublisher(port, service) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const base = `http://127.0.0.1:${port}`;
  const { client } = await post(`${base}/_open`, {}, agent, {});
  const publish = async (from, count) => {
    for (;;) {
      const answer = await post(`${base}/${service}/publish`, [from, count], agent, {
        'x-contract-client': client,
        'x-contract-call': `p${from}`,
      }).catch(() => undefined);
      if (answer?.result === from + count - 1) return;
      await sleep(50);
    }
  };
  publish.close = () => agent.destroy();
  return publish;
}

/** socket.io's publisher: one socket, an acknowledged `publish` per call. */
async function peerPublisher(port) {
  const socket = io(`http://127.0.0.1:${port}`, { transports: ['websocket'] });
  await new Promise((resolve) => socket.once('connect', resolve));
  const publish = async (from, count) => {
    const last = await socket.timeout(30_000).emitWithAck('publish', from, count);
    if (last !== from + count - 1) throw new Error(`publish answered ${last}`);
  };
  publish.close = () => socket.close();
  return publish;
}

/** A POST of `body` to `url`: the answer's JSON when it is a 200, else a rejection. */
async function post(url, body, agent, headers) {
  const { status, json, text } = await requestJson(url, { body, agent, headers, timeout: 30_000 });
  if (status !== 200 || json === undefined) throw new Error(`${status} ${text.slice(0, 200)}`);
  return json;
}

/** Deletes the keys of `prefix` (one Redis, or every master of the cluster). */
async function deletePrefix(redis, prefix) {
  const nodes =
    redis.REDIS_URL !== undefined
      ? [new Redis(redis.REDIS_URL)]
      : redis.REDIS_CLUSTER.split(',').map((n) => {
          const [host, port] = n.split(':');
          return new Redis({ host, port: Number(port) });
        });
  for (const node of nodes) {
    try {
      let cursor = '0';
      do {
        const [next, keys] = await node.scan(cursor, 'MATCH', `*${prefix}*`, 'COUNT', 1000);
        cursor = next;
        for (const key of keys) await node.del(key).catch(() => undefined);
      } while (cursor !== '0');
    } catch {
      // A node that is not a master (or is gone) holds nothing to delete.
    } finally {
      node.disconnect();
    }
  }
}
