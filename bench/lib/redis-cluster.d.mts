// Types of redis-cluster.mjs, for the TypeScript that imports it (tests).

/** A running local cluster of three masters. */
export interface LocalRedisCluster {
  readonly nodes: readonly { readonly host: string; readonly port: number }[];
  readonly ports: readonly number[];
  /** SIGKILLs master `i`. */
  kill(i: number): Promise<void>;
  /** Starts master `i` again on its port and folder; resolves once the cluster is ok again. */
  start(i: number): Promise<void>;
  /** Kills every master and deletes their folders (idempotent). */
  stop(): Promise<void>;
}

/** Why this machine cannot start a cluster (no redis-server 7+, no redis-cli), or undefined when it can. */
export declare function redisClusterProblem(): string | undefined;

/** Starts three masters and makes them a cluster (with AOF, fsync always, unless `aof: false`). */
export declare function startRedisCluster(options?: {
  readonly aof?: boolean;
}): Promise<LocalRedisCluster>;

/** Whether `port` is free on 127.0.0.1 right now. */
export declare function isFree(port: number): Promise<boolean>;

/** A TCP port free right now on 127.0.0.1. */
export declare function freePort(): Promise<number>;
