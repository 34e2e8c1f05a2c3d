// The durable client stores beside the raw client library doing the same writes:
//
// - sqliteStore (WAL, synchronous=NORMAL) beside raw better-sqlite3 inserting the same event rows
//   into the same table layout, in transactions of the same size (1 and 100 events);
// - redisStore beside a raw ioredis XADD loop, pipelined the same depth (1 and 100), into a stream.
//
// "appended": events/s from append() until flush() resolved (stored) — raw: until the transaction
// committed / the pipeline answered. "delivered": a producer and a consumer in step, 100 events at
// a time: append 100, flush, read them with the ack of the previous batch — raw: the same insert,
// select and delete (SQLite) or XADD, XRANGE and XTRIM (Redis). Everything in this one process,
// through each store's interface only (no HTTP). Goal: at least half the raw figure.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { benchRedisUrl, connectBenchRedis } from '../lib/bench-redis.mjs';
import { repoRoot, workDir } from '../lib/paths.mjs';
import { result, round4 } from '../lib/result.mjs';
import { alternate } from '../lib/rounds.mjs';

export const name = 'stores';

const require = createRequire(import.meta.url);
const GOAL = 0.5;
const BODY = (n) => `"cb":1,"method":"tick","args":["AAPL",${n},"2024-05-01T12:00:00.000Z"]`;
const config = { ttl: 300_000, maxQueue: 100_000_000, overflow: 'drop-oldest', now: Date.now };
const quiet = { appended() {}, released() {}, ended() {} };

export async function run({ quick = false, rounds: roundsOverride, log = console.log } = {}) {
  for (const store of ['sqlite', 'redis']) {
    if (!existsSync(join(repoRoot, `runtime/dist/server/stores/${store}/index.js`)))
      throw new Error(
        `runtime/dist/server/stores/${store} is missing: run 'npm run build' (npm run bench does)`,
      );
  }
  const { sqliteStore } = await import('@contract-gen/runtime/server/sqlite');
  const { redisStore } = await import('@contract-gen/runtime/server/redis');
  const Database = require('better-sqlite3');
  const redisUrl = benchRedisUrl;
  const redis = await connectBenchRedis('stores');
  const prefix = `contract-gen-bench:${process.pid}-${Date.now().toString(36)}:`;
  const dir = workDir('stores');
  const rounds = roundsOverride ?? (quick ? 1 : 5); // quick: a smoke check (the whole --quick run stays under 2 minutes)
  const warmup = quick ? 0 : 1;
  const size = (n) => (quick ? n / 5 : n);
  let place = 0;

  const sqlite = {
    fresh(kind) {
      const path = join(dir, `${kind}-${++place}.db`);
      for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
      return path;
    },
    async store(path) {
      const store = sqliteStore({ path });
      store.start(config, quiet);
      await store.open('c');
      return store;
    },
    raw(path) {
      const db = new Database(path);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.exec(
        'CREATE TABLE events (client INTEGER NOT NULL, seq INTEGER NOT NULL, body TEXT NOT NULL, PRIMARY KEY (client, seq)) WITHOUT ROWID',
      );
      return db;
    },
  };

  const contestants = {
    sqliteAppend1: async () => {
      const store = await sqlite.store(sqlite.fresh('store'));
      const n = size(20_000);
      return rate(n, async () => {
        for (let i = 1; i <= n; i++) {
          store.append('c', BODY(i));
          await store.flush();
        }
      }).finally(() => store.stop());
    },
    rawSqliteAppend1: async () => {
      const db = sqlite.raw(sqlite.fresh('raw'));
      const insert = db.prepare('INSERT INTO events (client, seq, body) VALUES (?, ?, ?)');
      const n = size(20_000);
      return rate(n, async () => {
        for (let i = 1; i <= n; i++) insert.run(1, i, `{"seq":${i},${BODY(i)}}`);
      }).finally(() => db.close());
    },
    sqliteAppend100: async () => {
      const store = await sqlite.store(sqlite.fresh('store'));
      const n = size(200_000);
      return rate(n, async () => {
        for (let i = 1; i <= n;) {
          for (const end = i + 100; i < end; i++) store.append('c', BODY(i));
          await store.flush();
        }
      }).finally(() => store.stop());
    },
    rawSqliteAppend100: async () => {
      const db = sqlite.raw(sqlite.fresh('raw'));
      const insert = db.prepare('INSERT INTO events (client, seq, body) VALUES (?, ?, ?)');
      const batch = db.transaction((from) => {
        for (let i = from; i < from + 100; i++) insert.run(1, i, `{"seq":${i},${BODY(i)}}`);
      });
      const n = size(200_000);
      return rate(n, async () => {
        for (let i = 1; i <= n; i += 100) batch(i);
      }).finally(() => db.close());
    },
    sqliteDelivered: async () => {
      const store = await sqlite.store(sqlite.fresh('store'));
      const n = size(200_000);
      return rate(n, async () => {
        for (let i = 1; i <= n;) {
          const after = i - 1;
          for (const end = i + 100; i < end; i++) store.append('c', BODY(i));
          await store.flush();
          const read = await store.read('c', after, 100);
          if (read.events.length !== 100)
            throw new Error(`sqlite store: read ${read.events.length} events, expected 100`);
        }
      }).finally(() => store.stop());
    },
    rawSqliteDelivered: async () => {
      const db = sqlite.raw(sqlite.fresh('raw'));
      const insert = db.prepare('INSERT INTO events (client, seq, body) VALUES (?, ?, ?)');
      const ack = db.prepare('DELETE FROM events WHERE client = ? AND seq <= ?');
      const select = db
        .prepare('SELECT body FROM events WHERE client = ? AND seq > ? ORDER BY seq LIMIT ?')
        .pluck();
      const batch = db.transaction((from) => {
        ack.run(1, from - 1);
        for (let i = from; i < from + 100; i++) insert.run(1, i, `{"seq":${i},${BODY(i)}}`);
      });
      const n = size(200_000);
      return rate(n, async () => {
        for (let i = 1; i <= n; i += 100) {
          batch(i);
          if (select.all(1, i - 1, 100).length !== 100)
            throw new Error('raw sqlite: read fewer than 100 rows');
        }
      }).finally(() => db.close());
    },
    redisAppend1: async () =>
      redisRun(redisStore, redisUrl, `${prefix}${++place}:`, size(20_000), 1, false),
    rawRedisAppend1: async () => rawRedis(redis, `${prefix}raw-${++place}`, size(20_000), 1, false),
    redisAppend100: async () =>
      redisRun(redisStore, redisUrl, `${prefix}${++place}:`, size(200_000), 100, false),
    rawRedisAppend100: async () =>
      rawRedis(redis, `${prefix}raw-${++place}`, size(200_000), 100, false),
    redisDelivered: async () =>
      redisRun(redisStore, redisUrl, `${prefix}${++place}:`, size(200_000), 100, true),
    rawRedisDelivered: async () =>
      rawRedis(redis, `${prefix}raw-${++place}`, size(200_000), 100, true),
  };

  const pairs = [
    [
      'sqlite store: appended, 1 event per transaction',
      'sqliteAppend1',
      'rawSqliteAppend1',
      'better-sqlite3, 1 row per transaction',
    ],
    [
      'sqlite store: appended, 100 events per transaction',
      'sqliteAppend100',
      'rawSqliteAppend100',
      'better-sqlite3, 100 rows per transaction',
    ],
    [
      'sqlite store: delivered, 100 at a time',
      'sqliteDelivered',
      'rawSqliteDelivered',
      'better-sqlite3 insert + select + delete, 100 rows',
    ],
    [
      'redis store: appended, 1 event per call',
      'redisAppend1',
      'rawRedisAppend1',
      'ioredis XADD, awaited one by one',
    ],
    [
      'redis store: appended, 100 events per call',
      'redisAppend100',
      'rawRedisAppend100',
      'ioredis XADD pipelined 100 deep',
    ],
    [
      'redis store: delivered, 100 at a time',
      'redisDelivered',
      'rawRedisDelivered',
      'ioredis XADD x100 + XRANGE + XTRIM',
    ],
  ];
  const results = [];
  try {
    for (const [title, ours, raw, peer] of pairs) {
      log(
        `${title}: ${rounds} rounds${warmup ? ` after ${warmup} warm-up` : ''}, alternating with ${peer}`,
      );
      const m = await alternate(
        { [ours]: contestants[ours], [raw]: contestants[raw] },
        {
          rounds,
          warmup,
          onSample: (who, value, round) =>
            log(
              `  round ${round + 1}: ${who.padEnd(18)} ${Math.round(value).toLocaleString('en-US')} events/s`,
            ),
        },
      );
      results.push(
        result({
          name: title,
          unit: 'events/s',
          value: round4(m[ours].median),
          peer,
          peerValue: round4(m[raw].median),
          better: 'higher',
          goal: GOAL,
        }),
      );
    }
  } finally {
    await deleteKeys(redis, prefix);
    redis.disconnect();
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
  }
  return results;
}

/** Events per second of `count` events done by `work`. */
async function rate(count, work) {
  const start = process.hrtime.bigint();
  await work();
  return count / (Number(process.hrtime.bigint() - start) / 1e9);
}

/** The Redis store: `count` events appended `depth` at a time (each group flushed), and read back if `deliver`. */
async function redisRun(redisStore, url, prefix, count, depth, deliver) {
  const store = redisStore({ redis: url, prefix });
  store.start(config, quiet);
  await store.open('c');
  try {
    return await rate(count, async () => {
      for (let i = 1; i <= count;) {
        const after = i - 1;
        for (const end = i + depth; i < end; i++) store.append('c', BODY(i));
        await store.flush();
        if (!deliver) continue;
        const read = await store.read('c', after, depth);
        if (read.events.length !== depth)
          throw new Error(`redis store: read ${read.events.length} events, expected ${depth}`);
      }
    });
  } finally {
    await store.stop();
  }
}

/** Raw ioredis: `count` XADDs to one stream, `depth` per pipeline; with `deliver`, each group read back with XRANGE and trimmed. */
async function rawRedis(redis, key, count, depth, deliver) {
  return rate(count, async () => {
    for (let i = 1; i <= count;) {
      const after = i - 1;
      if (depth === 1) {
        await redis.xadd(key, `${i}-0`, 'e', `{"seq":${i},${BODY(i)}}`);
        i++;
      } else {
        const pipeline = redis.pipeline();
        for (const end = i + depth; i < end; i++)
          pipeline.xadd(key, `${i}-0`, 'e', `{"seq":${i},${BODY(i)}}`);
        await pipeline.exec();
      }
      if (!deliver) continue;
      if (after > 0) await redis.xtrim(key, 'MINID', after + 1);
      const entries = await redis.xrange(key, after + 1, '+', 'COUNT', depth);
      if (entries.length !== depth)
        throw new Error(`raw redis: read ${entries.length} entries, expected ${depth}`);
    }
  });
}

async function deleteKeys(redis, prefix) {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    if (keys.length > 0) await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
}
