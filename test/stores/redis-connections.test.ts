// The store's command connection when Redis becomes unreachable (test/chaos/tcp-proxy.ts cuts it off):
// every command the store sent before the connection dropped fails at once, instead of waiting in
// ioredis's offline queue for a reconnection, and none is sent later (no duplicate appends); a command
// issued while it is down fails at the next failed reconnect (not after ioredis's 20). Before the
// connection was first ready, commands wait for Redis.
import { once } from 'node:events';
import type { Redis, RedisOptions } from 'ioredis';
import { afterEach, expect, it } from 'vitest';
import {
  openConnections,
  type RedisConnections,
} from '../../runtime/src/server/stores/redis/redis-connections.js';
import { startTcpProxy, type TcpProxy } from '../chaos/tcp-proxy.js';
import { describeWithRedis, redisPrefix, redisTarget } from './redis-target.js';

let proxy: TcpProxy | undefined;
let connections: RedisConnections | undefined;
afterEach(async () => {
  connections?.commands.disconnect();
  connections?.subscriber.disconnect();
  connections = undefined;
  await proxy?.close();
  proxy = undefined;
});

/** The store's connections to Redis through a proxy the test cuts, once the command connection is ready. */
async function connectThroughProxy(options: RedisOptions = {}): Promise<Redis> {
  const commands = await openThroughProxy(options);
  await commands.ping();
  return commands;
}

/** The store's connections to Redis through a proxy the test cuts (`cut`: cut before they connect). */
async function openThroughProxy(options: RedisOptions = {}, cut = false): Promise<Redis> {
  const target = new URL(redisTarget.url);
  proxy = await startTcpProxy(target.hostname, Number(target.port || 6379));
  if (cut) proxy.cut();
  connections = openConnections({ host: '127.0.0.1', port: proxy.port, ...options });
  const commands = connections.commands as Redis;
  // ioredis prints connection errors nobody listens to; the store listens (redis-store.ts).
  commands.on('error', () => {});
  connections.subscriber.on('error', () => {});
  return commands;
}

/** The connection's next 'reconnecting' (events.once would reject on the 'error' of a failed reconnect). */
function reconnecting(commands: Redis): Promise<void> {
  return new Promise((resolve) => commands.once('reconnecting', () => resolve()));
}

/** `call`'s outcome: 'answered', or its error's message. */
function outcome(call: Promise<unknown>): Promise<string> {
  return call.then(
    () => 'answered',
    (error: Error) => error.message,
  );
}

/** Whether `key` exists, asked on a connection of its own (straight to Redis). */
async function exists(key: string): Promise<boolean> {
  const { commands } = openConnections(redisTarget.url);
  try {
    return (await (commands as Redis).exists(key)) === 1;
  } finally {
    commands.disconnect();
  }
}

const unanswered = /closed before it answered/;
const unsent = /closed before the command was sent/;
const unreachable =
  /Redis could not be reached \(\d+ failed reconnects? since the connection dropped\); the command was not sent/;
// How long the tests keep Redis cut off when a command should fail before the cut ends (ioredis's
// defaults would keep it waiting about 10 s, its 20 reconnects: maxRetriesPerRequest).
const CUT_MS = 10_000;

describeWithRedis('the Redis store connection cut off from Redis', () => {
  it('fails a command that waited behind the one in flight, and never sends it', async () => {
    const prefix = redisPrefix('cut-pipeline');
    const commands = await connectThroughProxy();
    const inFlight = commands.incr(`${prefix}a`);
    // The first command is written now; the second is issued while it waits for its answer.
    await new Promise((resolve) => setImmediate(resolve));
    const waiting = commands.incr(`${prefix}b`);
    proxy!.cut();
    await expect(inFlight).rejects.toThrow(unanswered);
    await expect(waiting).rejects.toThrow(unsent);
    proxy!.heal();
    expect(await commands.ping()).toBe('PONG');
    expect(await exists(`${prefix}b`)).toBe(false);
  }, 30_000);

  it('fails a command issued as the connection ends, and never sends it', async () => {
    const prefix = redisPrefix('cut-ending');
    const commands = await connectThroughProxy();
    const socket = (commands as unknown as { stream: NodeJS.EventEmitter }).stream;
    const issued = new Promise<{ call: Promise<number> }>((resolve) =>
      socket.once('end', () => resolve({ call: commands.incr(`${prefix}c`) })),
    );
    proxy!.cut();
    await expect((await issued).call).rejects.toThrow(unsent);
    proxy!.heal();
    expect(await commands.ping()).toBe('PONG');
    expect(await exists(`${prefix}c`)).toBe(false);
  }, 30_000);

  it('fails the commands waiting behind the ones ioredis gives up on, at the same reconnect', async () => {
    const prefix = redisPrefix('cut-waiting');
    // ioredis gives up on the commands waiting for the connection at every failed reconnect.
    const commands = await connectThroughProxy({
      maxRetriesPerRequest: 0,
      retryStrategy: () => 20,
    });
    proxy!.cut();
    await once(commands, 'reconnecting');
    let reconnects = 0;
    commands.on('reconnecting', () => reconnects++);
    // Issued while Redis cannot be reached: the first waits for the connection, the second behind it.
    const ahead = commands.incr(`${prefix}d`);
    await new Promise((resolve) => setImmediate(resolve));
    const behind = commands.incr(`${prefix}e`);
    const aheadFailed = await ahead.then(
      () => 'answered',
      () => reconnects,
    );
    const behindFailed = await behind.then(
      () => 'answered',
      () => reconnects,
    );
    expect(behindFailed).toBe(aheadFailed);
    proxy!.heal();
    expect(await commands.ping()).toBe('PONG');
    expect(await exists(`${prefix}d`)).toBe(false);
    expect(await exists(`${prefix}e`)).toBe(false);
  }, 30_000);

  it('fails a command issued while Redis cannot be reached at a failed reconnect, before the cut ends', async () => {
    const prefix = redisPrefix('cut-down');
    // ioredis's defaults: without the store's change the command would wait for 20 failed reconnects.
    const commands = await connectThroughProxy();
    proxy!.cut();
    await reconnecting(commands);
    let healed = false;
    const heal = setTimeout(() => {
      healed = true;
      proxy!.heal();
    }, CUT_MS);
    try {
      const during = await outcome(commands.incr(`${prefix}f`));
      expect(during).toMatch(unreachable);
      expect(healed).toBe(false);
      // Later in the same cut, after more failed reconnects: two commands, the second issued a turn
      // after the first (it waits behind the first's pipeline).
      await reconnecting(commands);
      const ahead = outcome(commands.incr(`${prefix}g`));
      await new Promise((resolve) => setImmediate(resolve));
      const behind = outcome(commands.incr(`${prefix}h`));
      expect(await ahead).toMatch(unreachable);
      expect(await behind).toMatch(unreachable);
      expect(healed).toBe(false);
    } finally {
      clearTimeout(heal);
    }
    proxy!.heal();
    expect(await commands.ping()).toBe('PONG');
    expect(await commands.incr(`${prefix}k`)).toBe(1);
    for (const key of ['f', 'g', 'h']) expect(await exists(`${prefix}${key}`)).toBe(false);
  }, 30_000);

  it('sends a command issued while it reconnects once it is ready again, when the reconnect succeeds', async () => {
    const prefix = redisPrefix('cut-blip');
    const commands = await connectThroughProxy();
    proxy!.cut();
    await reconnecting(commands);
    // Redis is back before the first reconnect (a blip): the command waits for it, and runs.
    proxy!.heal();
    expect(await outcome(commands.incr(`${prefix}i`))).toBe('answered');
    expect(await exists(`${prefix}i`)).toBe(true);
  }, 30_000);

  it('keeps a command issued before the connection was first ready waiting for Redis', async () => {
    const prefix = redisPrefix('cut-start');
    // Redis cannot be reached when the connection opens (a process started before Redis).
    const commands = await openThroughProxy({}, true);
    const first = outcome(commands.incr(`${prefix}j`));
    for (let i = 0; i < 3; i++) await reconnecting(commands);
    proxy!.heal();
    expect(await first).toBe('answered');
    expect(await exists(`${prefix}j`)).toBe(true);
  }, 30_000);
});
