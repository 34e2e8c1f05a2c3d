import { Redis, type Cluster, type RedisOptions } from 'ioredis';
import type { RedisCommands } from './lua-script.js';
import {
  canFailUnsent,
  failUnansweredOnReconnect,
  failUnsentOnClose,
} from './unanswered-commands.js';

/**
 * How the Redis store reaches Redis: a URL, ioredis options, or an ioredis
 * client to copy the settings of; a Redis Cluster (Redis 7) as an ioredis
 * `Cluster`, whose settings are copied too.
 */
export type RedisConnection = string | RedisOptions | Redis | Cluster;

// A command whose answer was lost when the connection dropped is not sent again: an append batch or a
// release run twice would store events twice or lose a release notice. It fails instead (a 500, retried).
const overrides: Partial<RedisOptions> = { autoResendUnfulfilledCommands: false };

// Auto-pipelined on a single Redis (ioredis `enableAutoPipelining`, whatever the connection given says): one
// write per turn of the event loop saves most of a server's CPU in a fan-out (issue 25, docs/scale.md). Its
// commands not yet written when the connection drops fail then, and those issued while it is down fail at
// the next failed reconnect (failUnsentOnClose): they would otherwise wait for the reconnection, about 10 s,
// and every later command behind them (test/chaos/redis-partition.test.ts). Not on a Cluster (not tried
// there yet), nor where that cannot be done (another ioredis's internals).
const pipelined = { enableAutoPipelining: true } as const;
const notPipelined = { enableAutoPipelining: false } as const;

/** The store's two connections, and whether they reach a Cluster. */
export interface RedisConnections {
  readonly commands: RedisCommands;
  /** Subscribed to the notice channels (a subscribed connection cannot run commands). */
  readonly subscriber: RedisCommands;
  readonly cluster: boolean;
}

/**
 * The store's own two connections: one for commands, one for its pub/sub
 * subscription. A client given by the caller is duplicated, never used or
 * closed by the store. A Cluster's subscriber is made with
 * `shardedSubscribers` (one connection per master: each shard's channel is
 * subscribed to on the node that holds its slot).
 */
export function openConnections(connection: RedisConnection): RedisConnections {
  if (isCluster(connection)) {
    refuseKeyPrefix(connection.options.keyPrefix);
    const redisOptions = { ...connection.options.redisOptions, ...overrides };
    const commands = connection.duplicate([], {
      redisOptions,
      retryDelayOnFailover: 0,
      ...notPipelined,
    });
    // Each node's connection drops what was in flight when it closed, as a single Redis's does (below).
    commands.on('+node', (node: Redis) => failUnansweredOnReconnect(node));
    return {
      // retryDelayOnFailover 0: a Cluster would otherwise send a command whose connection closed again
      // (to the slot's new master), which is the resend refused above. MOVED, ASK, TRYAGAIN and
      // CLUSTERDOWN answers, sent before anything ran, are still followed.
      commands,
      subscriber: connection.duplicate([], { shardedSubscribers: true }),
      cluster: true,
    };
  }
  const make = (extra: Partial<RedisOptions>) =>
    isClient(connection)
      ? connection.duplicate(extra)
      : typeof connection === 'string'
        ? new Redis(connection, extra)
        : new Redis({ ...connection, ...extra });
  const commands = make({ ...overrides, ...pipelined });
  failUnansweredOnReconnect(commands);
  if (canFailUnsent(commands)) failUnsentOnClose(commands);
  else commands.options.enableAutoPipelining = false;
  return { commands, subscriber: make({}), cluster: false };
}

/** `isCluster` rather than `instanceof`: a Cluster made by another copy of ioredis is one too. */
function isCluster(connection: RedisConnection): connection is Cluster {
  return (connection as Partial<Cluster>).isCluster === true;
}

function isClient(connection: RedisConnection): connection is Redis {
  return typeof (connection as Partial<Redis>).duplicate === 'function';
}

/**
 * ioredis's `keyPrefix` would rename the key a script is routed by but not
 * the keys the script names itself: on a Cluster the call would land on the
 * wrong node. The store's `prefix` does the same job. (On a single Redis the
 * routing key is not used, so a keyPrefix there changes nothing, as before.)
 */
function refuseKeyPrefix(keyPrefix: string | undefined): void {
  if (keyPrefix !== undefined && keyPrefix !== '')
    throw new TypeError(
      `contract-gen: redisStore cannot use an ioredis connection with keyPrefix ${JSON.stringify(keyPrefix)}; ` +
        `drop keyPrefix and give the store the prefix instead: redisStore({ redis, prefix: ${JSON.stringify(keyPrefix)} })`,
    );
}
