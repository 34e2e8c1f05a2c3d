// The event store the conformance server keeps its clients in. SQLite and
// Redis are loaded only when asked for: their drivers are optional peers.
import type { ClientStore } from '@contract-gen/runtime/server';
import type { ServerEnv } from './server-env.js';

/** The store `env` names, or undefined for the router's default (memory). */
export async function openStore(env: ServerEnv): Promise<ClientStore | undefined> {
  switch (env.store) {
    case 'memory':
      return undefined;
    case 'sqlite': {
      const { sqliteStore } = await import('@contract-gen/runtime/server/sqlite');
      return sqliteStore({ path: env.storePath });
    }
    case 'redis': {
      const { redisStore } = await import('@contract-gen/runtime/server/redis');
      return redisStore({
        redis: env.redisUrl,
        ...(env.redisPrefix === undefined ? {} : { prefix: env.redisPrefix }),
      });
    }
  }
}
