import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/** One Lua script of the Redis store. Scripts name their keys from the prefix they are given (standalone Redis, not Cluster). */
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
   */
  run(redis: Redis, args: readonly (string | number)[]): Promise<unknown> {
    return redis.evalsha(this.#sha, 0, ...args).catch((error: unknown) => {
      if (!String((error as Error | undefined)?.message).startsWith('NOSCRIPT')) throw error;
      return redis.eval(this.source, 0, ...args);
    });
  }
}
