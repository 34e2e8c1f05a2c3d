// A throwaway Redis Cluster for the tests: bench/lib/redis-cluster.mjs (three masters on free high
// ports in a temp folder, joined by `redis-cli --cluster create`, stopped and deleted afterwards; the
// benchmarks use it too). `describeWithRedisCluster` skips its tests when this machine cannot run
// one, and fails them under CI=true (like describeWithRedis).
import { afterAll, beforeAll, describe, it } from 'vitest';
import {
  redisClusterProblem,
  startRedisCluster,
  type RedisClusterHandle,
} from '../../bench/lib/redis-cluster.mjs';

export { redisClusterProblem, startRedisCluster, type RedisClusterHandle };

/**
 * `describe(name, body)` with a cluster started before its tests and stopped
 * after them (`cluster()` gives it). Without redis-server 7: under CI=true
 * one test that fails with the reason, elsewhere the tests are skipped.
 */
export function describeWithRedisCluster(
  name: string,
  body: (cluster: () => RedisClusterHandle) => void,
): void {
  const problem = redisClusterProblem();
  if (problem !== undefined) {
    const why = `A local Redis Cluster cannot be started (${problem}). Install redis-server 7 or later.`;
    if (process.env['CI'] === 'true') {
      describe(name, () =>
        it('starts a Redis Cluster (required under CI=true)', () => {
          throw new Error(why);
        }),
      );
      return;
    }
    console.warn(`Skipping "${name}": ${why}`);
    describe.skip(name, () => body(() => undefined as never));
    return;
  }
  describe(name, () => {
    let handle: RedisClusterHandle | undefined;
    beforeAll(async () => {
      handle = await startRedisCluster();
    }, 60_000);
    afterAll(() => handle?.stop());
    body(() => {
      if (handle === undefined) throw new Error('the Redis Cluster did not start (see beforeAll)');
      return handle;
    });
  });
}
