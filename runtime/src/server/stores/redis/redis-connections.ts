import { Redis, type RedisOptions } from 'ioredis';
import { failUnansweredOnReconnect } from './unanswered-commands.js';

/** How the Redis store reaches Redis: a URL, ioredis options, or an ioredis client to copy the settings of. */
export type RedisConnection = string | RedisOptions | Redis;

// A command whose answer was lost when the connection dropped is not sent again: an append batch or a
// release run twice would store events twice or lose a release notice. It fails instead (a 500, retried).
const overrides: Partial<RedisOptions> = { autoResendUnfulfilledCommands: false };

/**
 * The store's own two connections: one for commands, one for its pub/sub
 * subscription (a subscribed connection cannot run commands). A client
 * given by the caller is duplicated, never used or closed by the store.
 */
export function openConnections(connection: RedisConnection): {
  commands: Redis;
  subscriber: Redis;
} {
  const make = (extra: Partial<RedisOptions>) =>
    isClient(connection)
      ? connection.duplicate(extra)
      : typeof connection === 'string'
        ? new Redis(connection, extra)
        : new Redis({ ...connection, ...extra });
  const commands = make(overrides);
  failUnansweredOnReconnect(commands);
  return { commands, subscriber: make({}) };
}

function isClient(connection: RedisConnection): connection is Redis {
  return typeof (connection as Partial<Redis>).duplicate === 'function';
}
