import { inject } from 'vitest';
import { describeNeeding } from '../support/describe-needing.js';
import type { RedisTestTarget } from '../setup/redis.js';

/** The Redis of this test run (test/setup/redis.ts). */
export const redisTarget: RedisTestTarget = inject('redis');

let places = 0;

/** A key prefix for one store or test, under this run's prefix (so the run's teardown deletes it). */
export function redisPrefix(name: string): string {
  return `${redisTarget.prefix}${name}-${process.pid}-${++places}:`;
}

/**
 * `describe(name, body)` when Redis can be reached. When it cannot: under
 * `CI=true` one test that fails with the reason; elsewhere the tests are
 * skipped, with a message saying how to run them.
 */
export function describeWithRedis(name: string, body: () => void): void {
  const { problem, url } = redisTarget;
  const missing =
    problem === undefined
      ? undefined
      : `Redis at ${url} cannot be reached (${problem}). Start redis-server, or set CONTRACT_GEN_REDIS_URL.`;
  describeNeeding(name, missing, 'reaches Redis', body);
}
