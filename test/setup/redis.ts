// vitest globalSetup: finds the Redis the tests use (CONTRACT_GEN_REDIS_URL, default
// redis://127.0.0.1:6379), starting a local redis-server when none answers and the binary is
// there, and gives the tests a key prefix unique to this run. Its keys are deleted at the end.
// Tests read it with inject('redis'); test/stores/redis-target.ts decides skip or fail.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { TestProject } from 'vitest/node';

/** Where the Redis tests run; `problem` says why Redis cannot be reached, when it cannot. */
export interface RedisTestTarget {
  readonly url: string;
  /** Every key of this test run starts with it. */
  readonly prefix: string;
  readonly problem?: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    redis: RedisTestTarget;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const given = process.env['CONTRACT_GEN_REDIS_URL'];
  const url = given ?? 'redis://127.0.0.1:6379';
  const prefix = `contract-gen-test:${Date.now().toString(36)}-${randomBytes(4).toString('hex')}:`;
  let problem = await reach(url);
  const port = localPort(url);
  if (problem !== undefined && port !== undefined && startRedisServer(port))
    problem = await reach(url, 5000);
  project.provide('redis', problem === undefined ? { url, prefix } : { url, prefix, problem });
  return async () => {
    if (problem === undefined) await deleteKeys(url, prefix);
  };
}

/** Undefined when Redis answers PING at `url` within `patience` ms; else what went wrong. */
async function reach(url: string, patience = 0): Promise<string | undefined> {
  const deadline = Date.now() + patience;
  for (;;) {
    const redis = new Redis(url, {
      lazyConnect: true,
      connectTimeout: 1000,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    let cause: unknown;
    redis.on('error', (error: unknown) => void (cause ??= error));
    try {
      await redis.connect();
      await redis.ping();
      return undefined;
    } catch (error) {
      if (Date.now() >= deadline) return ((cause ?? error) as Error).message;
      await new Promise((resolve) => setTimeout(resolve, 200));
    } finally {
      redis.disconnect();
    }
  }
}

/** The port of a Redis on this machine (one the setup may start), else undefined. */
function localPort(url: string): string | undefined {
  const { hostname, port } = new URL(url);
  return hostname === '127.0.0.1' || hostname === 'localhost' ? port || '6379' : undefined;
}

/** Starts a throwaway redis-server (daemonized, no persistence) if the binary exists; true if it was started. */
function startRedisServer(port: string): boolean {
  if (spawnSync('redis-server', ['--version']).status !== 0) return false;
  console.warn(
    `No Redis answered on port ${port}: starting redis-server --daemonize yes --port ${port} --save '' --appendonly no`,
  );
  const started = spawnSync('redis-server', [
    '--daemonize',
    'yes',
    '--port',
    port,
    '--save',
    '',
    '--appendonly',
    'no',
  ]);
  return started.status === 0;
}

async function deleteKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
