// Logs (topics with history) in the Redis store, beside what they replace or build on:
//
// 1. fan-out of one log to 1,000 long-polling clients beside today's store-backed topic fan-out to 1,000
//    (events/s delivered in all, from the publish call to the last arrival; one server process with the
//    Redis store, client processes as in the events suite). Goal: the log at least 2x.
// 2. Redis memory per event held for 1,000 members: a log followed by 1,000 clients (each event stored once,
//    each follower holding a position) beside a topic of 1,000 members (a copy of each event per member's
//    queue), summed with MEMORY USAGE over the store's keys (other users of the Redis do not count).
//    Goal: at most 1/100.
// 3. replay speed: a follower reading a 100,000-event log from its start through the store's interface
//    (read and acknowledge, as a long poll does, 1,000 events a read) beside a raw ioredis XRANGE loop over
//    the same stream (COUNT 1,000). Goal: at least half.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { benchRedisUrl, connectBenchRedis } from '../lib/bench-redis.mjs';
import { repoRoot } from '../lib/paths.mjs';
import { result } from '../lib/result.mjs';
import { alternate } from '../lib/rounds.mjs';
import { startServerProcess } from '../lib/server-process.mjs';
import { startWorker } from '../lib/worker-process.mjs';

export const name = 'logs';

const config = { ttl: 300_000, maxQueue: 1_000_000, overflow: 'drop-oldest', now: Date.now };
const quiet = { appended() {}, released() {}, ended() {} };
const BODY = (n) => `"method":"tick","args":["AAPL",${n},"2024-05-01T12:00:00.000Z"]`;

export async function run({ quick = false, rounds: roundsOverride, log = console.log } = {}) {
  if (!existsSync(join(repoRoot, 'runtime/dist/server/stores/redis/index.js')))
    throw new Error("runtime/dist is missing: run 'npm run build' (npm run bench does)");
  const { redisStore } = await import('@contract-gen/runtime/server/redis');
  // Not exported by the package (the channel uses it): taken from the build.
  const { withLogs, followLog } = await import(
    pathToFileURL(join(repoRoot, 'runtime/dist/server/stores/log-feed.js')).href
  );
  const url = benchRedisUrl;
  const redis = await connectBenchRedis('logs');
  const base = `contract-gen-bench-logs:${process.pid}-${Date.now().toString(36)}:`;
  const rounds = roundsOverride ?? (quick ? 1 : 3);
  const warmup = quick ? 0 : 1;
  const results = [];
  try {
    results.push(...(await fanOut({ url, prefix: `${base}fan:`, rounds, warmup, quick, log })));
    results.push(
      await memoryPerEvent({
        redisStore,
        withLogs,
        followLog,
        redis,
        url,
        prefix: `${base}mem:`,
        quick,
        log,
      }),
    );
    results.push(
      await replay({
        redisStore,
        withLogs,
        followLog,
        redis,
        url,
        prefix: `${base}replay:`,
        rounds,
        warmup,
        quick,
        log,
      }),
    );
    return results;
  } finally {
    await deleteKeys(redis, base);
    await redis.quit();
  }
}

/** 1. One stream to 1,000 long-polling clients: a topic (copies per member) and a log (stored once). */
async function fanOut({ url, prefix, rounds, warmup, quick, log }) {
  const clients = quick ? 200 : 1_000;
  const processes = 2;
  const burst = quick ? 200 : 1_000;
  const server = await startServerProcess(join(repoRoot, 'bench/servers/log-fanout.mjs'), {
    cwd: repoRoot,
    args: [url, prefix],
  });
  const sides = {};
  try {
    for (const mode of ['topic', 'log']) {
      const started = Date.now();
      const workers = [];
      for (let p = 0; p < processes; p++)
        workers.push(
          await startWorker(join(repoRoot, 'bench/clients/log-fanout.mjs'), {
            cwd: repoRoot,
            label: `${mode} clients ${p + 1}`,
          }),
        );
      sides[mode] = workers;
      await Promise.all(
        workers.map((w) =>
          w.send(
            { cmd: 'open', url: server.url, clients: clients / processes, mode },
            { timeout: 180_000 },
          ),
        ),
      );
      const { subscribers } = await workers[0].send({ cmd: 'subscribers' });
      if (subscribers !== clients)
        throw new Error(
          `${mode}: the server counts ${subscribers} subscribers after ${clients} subscribed`,
        );
      log(
        `logs fan-out: ${clients} ${mode} subscribers in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
    }
    const stats = await alternate(
      {
        log: () => fanOutRound(sides.log, burst),
        topic: () => fanOutRound(sides.topic, burst),
      },
      {
        rounds,
        warmup,
        onSample: (who, v) => log(`logs fan-out to ${clients}, ${who}: ${Math.round(v)} events/s`),
      },
    );
    const n = clients.toLocaleString('en-US');
    return [
      result({
        name: `log fan-out to ${n} long-polling clients (Redis)`,
        unit: 'events/s',
        value: stats.log.median,
        peer: `store-backed topic, ${n} members (Redis)`,
        peerValue: stats.topic.median,
        better: 'higher',
        goal: 2,
      }),
    ];
  } finally {
    await Promise.all(Object.values(sides).flatMap((workers) => workers.map((w) => w.stop())));
    await server.stop();
  }
}

/** As the events suite measures: the primer reaches every client, then the burst; events in all / time from the publish call. */
async function fanOutRound(workers, burst) {
  await Promise.all(workers.map((w) => w.send({ cmd: 'arm', burst })));
  await workers[0].send({ cmd: 'publish', count: 0 });
  await Promise.all(
    workers.map((w) => w.send({ cmd: 'primed', timeout: 60_000 }, { timeout: 70_000 })),
  );
  const sent = workers[0].send({ cmd: 'publish', count: burst }, { timeout: 120_000 });
  const done = await Promise.all(
    workers.map((w) => w.send({ cmd: 'finished', timeout: 120_000 }, { timeout: 130_000 })),
  );
  const { sentAt } = await sent;
  const events = done.reduce((sum, d) => sum + d.events, 0);
  return (events * 1000) / (Math.max(...done.map((d) => d.lastAt)) - sentAt);
}

/**
 * 2. Redis memory per event held for 1,000 members: a topic's copies beside a log's single copy. Each member
 * first reads once without acknowledging (a topic member's queue then holds its events; a follower's queue holds
 * one range entry, a position, whatever the log holds); then more events are published and the members read
 * again, unacknowledged: the memory added, divided by those events, is what one more event costs.
 */
async function memoryPerEvent({ redisStore, withLogs, followLog, redis, url, prefix, quick, log }) {
  const members = quick ? 200 : 1_000;
  const events = quick ? 200 : 1_000;
  const measure = async (mode) => {
    const place = `${prefix}${mode}:`;
    const raw = redisStore({ redis: url, prefix: place });
    const store = withLogs(raw);
    await store.start(config, quiet);
    const publish = async (from, count) => {
      for (let n = from; n < from + count; n++) {
        if (mode === 'topic') store.publish('fan', 'FanEvents', BODY(n));
        else store.logAppend('fan', BODY(n), {});
      }
      await store.flush();
      for (let i = 0; i < members; i++) await store.read(`m${i}`, 0, 2 * events);
    };
    const empty = await usage(redis, place);
    for (let i = 0; i < members; i++) {
      const client = `m${i}`;
      await store.open(client);
      await store.register(client, 1);
      if (mode === 'topic') await store.join('fan', client, 1, 'FanEvents');
      else await followLog(raw, 'fan', client, 1, 'live');
    }
    await publish(1, 10);
    const before = await usage(redis, place);
    await publish(11, events);
    const held = (await usage(redis, place)) - before;
    await store.stop();
    return { perEvent: held / events, perMember: (before - empty) / members };
  };
  const topic = await measure('topic');
  const logged = await measure('log');
  const bytes = (v) => Math.round(v).toLocaleString('en-US');
  log(
    `logs memory per event held: ${bytes(topic.perEvent)} bytes for ${members} topic members, ${bytes(logged.perEvent)} for ${members} log followers ` +
      `(each member first: topic ${bytes(topic.perMember)} bytes, log ${bytes(logged.perMember)} bytes with its range entry)`,
  );
  const n = members.toLocaleString('en-US');
  return result({
    name: `Redis memory per event held for ${n} log followers`,
    unit: 'bytes',
    value: logged.perEvent,
    peer: `store-backed topic, ${n} members (a copy per queue)`,
    peerValue: topic.perEvent,
    better: 'lower',
    goal: 0.01,
  });
}

/** 3. A follower replaying a 100,000-event log from its start, beside a raw XRANGE loop over the same stream. */
async function replay({
  redisStore,
  withLogs,
  followLog,
  redis,
  url,
  prefix,
  rounds,
  warmup,
  quick,
  log,
}) {
  const total = quick ? 20_000 : 100_000;
  const raw = redisStore({ redis: url, prefix });
  const store = withLogs(raw);
  await store.start(config, quiet);
  for (let n = 1; n <= total; n++) store.logAppend('replay', BODY(n), {});
  await store.flush();
  const stream = `${prefix}{l:replay}s`;
  let follower = 0;
  const stats = await alternate(
    {
      log: async () => {
        const client = `r${++follower}`;
        await store.open(client);
        await store.register(client, 1);
        await followLog(raw, 'replay', client, 1, 'start');
        const started = performance.now();
        let after = 0;
        let seen = 0;
        for (;;) {
          const read = await store.read(client, after, 1_000);
          if (read.count === 0) break;
          // What a long poll sends: the answer's text, made in one piece.
          const body = read.wrap('{"events":[', ']}');
          seen += countEvents(body);
          after += read.count;
        }
        const ms = performance.now() - started;
        if (seen !== total) throw new Error(`the follower replayed ${seen} events of ${total}`);
        await store.close(client);
        return (total * 1000) / ms;
      },
      xrange: async () => {
        const started = performance.now();
        let from = '-';
        let seen = 0;
        for (;;) {
          const entries = await redis.xrange(stream, from, '+', 'COUNT', 1_000);
          if (entries.length === 0) break;
          seen += entries.length;
          from = `(${entries[entries.length - 1][0]}`;
        }
        const ms = performance.now() - started;
        if (seen !== total) throw new Error(`XRANGE read ${seen} entries of ${total}`);
        return (total * 1000) / ms;
      },
    },
    {
      rounds,
      warmup,
      onSample: (who, v) => log(`logs replay of ${total}, ${who}: ${Math.round(v)} events/s`),
    },
  );
  await store.stop();
  const n = total.toLocaleString('en-US');
  return result({
    name: `log replay of ${n} events to a late follower (Redis)`,
    unit: 'events/s',
    value: stats.log.median,
    peer: `raw ioredis XRANGE loop, COUNT 1,000`,
    peerValue: stats.xrange.median,
    better: 'higher',
    goal: 0.5,
  });
}

/** The events in a long poll's answer text (each log event is one `"method":`). */
function countEvents(body) {
  let count = 0;
  for (let at = body.indexOf('"method":'); at !== -1; at = body.indexOf('"method":', at + 9))
    count++;
  return count;
}

/** Bytes Redis holds for the keys under `prefix` (MEMORY USAGE of each, every sample of a stream). */
async function usage(redis, prefix) {
  let sum = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    for (const key of keys) sum += Number((await redis.memory('USAGE', key, 'SAMPLES', 0)) ?? 0);
  } while (cursor !== '0');
  return sum;
}

async function deleteKeys(redis, prefix) {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== '0');
}
