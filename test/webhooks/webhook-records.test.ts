// Every store's webhook records pass one suite (runtime/src/server/stores/webhook-records.suite.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { memoryStore } from '../../runtime/src/server/index.js';
import { redisStore } from '../../runtime/src/server/stores/redis/index.js';
import { sqliteStore } from '../../runtime/src/server/stores/sqlite/index.js';
import { runWebhookRecordsSuite } from '../../runtime/src/server/stores/webhook-records.suite.js';
import { describeWithRedis, redisPrefix, redisTarget } from '../stores/redis-target.js';

const dir = mkdtempSync(join(tmpdir(), 'cg-webhook-records-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

runWebhookRecordsSuite('memory', () => memoryStore());
runWebhookRecordsSuite('sqlite', (place) => sqliteStore({ path: join(dir, `${place}.db`) }), {
  durable: true,
});
describeWithRedis('redis', () => {
  const prefix = redisPrefix('webhook-records');
  runWebhookRecordsSuite(
    'redis',
    (place) => redisStore({ redis: redisTarget.url, prefix: `${prefix}${place}:` }),
    {
      durable: true,
      shared: true,
    },
  );
});
