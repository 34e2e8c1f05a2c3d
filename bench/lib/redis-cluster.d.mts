// Types of redis-cluster.mjs, for the TypeScript that imports it (test/support/redis-cluster.ts).
import type { Cluster } from 'ioredis';

/** A running local cluster of three masters. */
export interface RedisClusterHandle {
  readonly nodes: readonly { readonly host: string; readonly port: number }[];
  readonly ports: readonly number[];
  /** A new ioredis Cluster client on it (the caller closes it). */
  connect(): Cluster;
  /** SIGKILLs master `i`. */
  kill(i: number): Promise<void>;
  /** Starts master `i` again on its port and folder; resolves once the cluster is ok again. */
  start(i: number): Promise<void>;
  /** Kills the servers and deletes their folders (idempotent). */
  stop(): Promise<void>;
}

/** Why this machine cannot start a cluster (no redis-server 7+, no redis-cli), or undefined when it can. */
export function redisClusterProblem(): string | undefined;

/** Starts three masters on free ports and makes them a cluster; `persistent`: AOF with `appendfsync always`. */
export function startRedisCluster(options?: {
  readonly persistent?: boolean;
}): Promise<RedisClusterHandle>;

/** Whether `port` is free on 127.0.0.1 right now. */
export function isFree(port: number): Promise<boolean>;

/** A TCP port free right now on 127.0.0.1. */
export function freePort(): Promise<number>;
