import { createHash } from 'node:crypto';
import type { Cluster, Redis } from 'ioredis';

/** The store's command connection: a single Redis, or a Cluster (whose scripts are routed by their key). */
export type RedisCommands = Redis | Cluster;

/**
 * One Lua script of the Redis store. Scripts name their keys from the shard
 * prefix they are given (see redis-layout.ts); each call declares one key of
 * that shard, so a Cluster runs it on the node that holds the shard's slot.
 */
export class LuaScript {
  readonly #sha: string;

  constructor(readonly source: string) {
    this.#sha = createHash('sha1').update(source).digest('hex');
  }

  /**
   * Runs it by its hash, sending the source only when the server has not
   * cached it (NOSCRIPT: Redis restarted or was flushed). A retried call may
   * run after calls sent later on the same connection: appends, whose order
   * matters, are therefore sent one batch at a time (`AppendBatches`).
   * `key` routes the call (any key of the shard the script touches).
   */
  run(redis: RedisCommands, key: string, args: readonly (string | number)[]): Promise<unknown> {
    return redis.evalsha(this.#sha, 1, key, ...args).catch((error: unknown) => {
      if (!String((error as Error | undefined)?.message).startsWith('NOSCRIPT')) throw error;
      return redis.eval(this.source, 1, key, ...args);
    });
  }
}

/**
 * A script in its two forms: `plain` announces with PUBLISH (a single
 * Redis), `sharded` with SPUBLISH (a Cluster: the channel is in the shard's
 * slot, so the notice goes to that slot's node only).
 */
export class StoreScript {
  readonly plain: LuaScript;
  readonly sharded: LuaScript;

  constructor(source: string) {
    this.plain = new LuaScript(source.replaceAll('%PUBLISH%', 'PUBLISH'));
    this.sharded = new LuaScript(source.replaceAll('%PUBLISH%', 'SPUBLISH'));
  }
}
