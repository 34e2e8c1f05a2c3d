// A throwaway Redis Cluster for the tests: bench/lib/redis-cluster.mjs's three masters (no
// persistence here), with an ioredis client for them. `describeWithRedisCluster` skips its tests when
// this machine cannot run one, and fails them under CI=true (like describeWithRedis).
import { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe } from 'vitest';
import { describeNeeding } from './describe-needing.js';
import {
  redisClusterProblem,
  startRedisCluster as startLocalCluster,
} from '../../bench/lib/redis-cluster.mjs';

export { redisClusterProblem };

/** A running local cluster. */
export interface RedisClusterHandle {
  readonly nodes: readonly { readonly host: string; readonly port: number }[];
  /** A new ioredis Cluster client on it (the caller closes it). */
  connect(): Cluster;
  /** Kills the servers and deletes their folder (idempotent). */
  stop(): Promise<void>;
}

/** Starts three masters on free ports and makes them a cluster; resolves once `cluster_state:ok` on each. */
export async function startRedisCluster(): Promise<RedisClusterHandle> {
  const cluster = await startLocalCluster({ aof: false });
  return {
    nodes: cluster.nodes,
    connect: () => new Cluster([...cluster.nodes]),
    stop: () => cluster.stop(),
  };
}

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
    const missing = `A local Redis Cluster cannot be started (${problem}). Install redis-server 7 or later.`;
    describeNeeding(name, missing, 'starts a Redis Cluster', () => body(() => undefined as never));
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
