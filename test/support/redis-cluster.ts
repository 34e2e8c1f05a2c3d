// A throwaway Redis Cluster for the tests: three masters (`redis-server --cluster-enabled yes`) on free
// high ports in a temp folder, joined by `redis-cli --cluster create`, stopped and deleted afterwards.
// `describeWithRedisCluster` skips its tests when this machine cannot run one, and fails them under
// CI=true (like describeWithRedis).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, it } from 'vitest';

/** A running local cluster. */
export interface RedisClusterHandle {
  readonly nodes: readonly { readonly host: string; readonly port: number }[];
  /** A new ioredis Cluster client on it (the caller closes it). */
  connect(): Cluster;
  /** Kills the servers and deletes their folder (idempotent). */
  stop(): Promise<void>;
}

/** Why this machine cannot start a cluster (no redis-server 7+, no redis-cli), or undefined when it can. */
export function redisClusterProblem(): string | undefined {
  const server = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (server.status !== 0) return 'redis-server is not on PATH';
  const major = Number(/v=(\d+)\./.exec(server.stdout)?.[1]);
  // Sharded pub/sub (SSUBSCRIBE), which the store's Cluster mode needs, came with Redis 7.
  if (!(major >= 7)) return `redis-server is ${server.stdout.trim()}; a Cluster needs Redis 7`;
  if (spawnSync('redis-cli', ['--version']).status !== 0) return 'redis-cli is not on PATH';
  return undefined;
}

/** Starts three masters on free ports and makes them a cluster; resolves once `cluster_state:ok` on each. */
export async function startRedisCluster(): Promise<RedisClusterHandle> {
  const dir = mkdtempSync(join(tmpdir(), 'cg-redis-cluster-'));
  const children: ChildProcess[] = [];
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      await Promise.all(children.map(killChild));
      rmSync(dir, { recursive: true, force: true });
    })());
  // A test process that ends without afterAll (a crash) leaves no servers running.
  const onExit = () => children.forEach((child) => child.kill('SIGKILL'));
  process.once('exit', onExit);
  try {
    const ports = await freePorts(3);
    for (const port of ports) children.push(startNode(dir, port));
    await Promise.all(ports.map((port) => waitFor(() => cli(port, 'ping') === 'PONG', port)));
    const created = spawnSync(
      'redis-cli',
      [
        '--cluster',
        'create',
        ...ports.map((port) => `127.0.0.1:${port}`),
        '--cluster-replicas',
        '0',
        '--cluster-yes',
      ],
      { encoding: 'utf8', timeout: 30_000 },
    );
    if (created.status !== 0)
      throw new Error(`redis-cli --cluster create failed: ${created.stdout}${created.stderr}`);
    await Promise.all(
      ports.map((port) =>
        waitFor(() => cli(port, 'cluster', 'info').includes('cluster_state:ok'), port),
      ),
    );
    const nodes = ports.map((port) => ({ host: '127.0.0.1', port }));
    return {
      nodes,
      connect: () => new Cluster(nodes),
      stop: async () => {
        process.off('exit', onExit);
        await stop();
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
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
    const why = `A local Redis Cluster cannot be started (${problem}). Install redis-server 7 or later.`;
    if (process.env['CI'] === 'true') {
      describe(name, () =>
        it('starts a Redis Cluster (required under CI=true)', () => {
          throw new Error(why);
        }),
      );
      return;
    }
    console.warn(`Skipping "${name}": ${why}`);
    describe.skip(name, () => body(() => undefined as never));
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

function startNode(dir: string, port: number): ChildProcess {
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--cluster-enabled',
      'yes',
      '--cluster-config-file',
      `nodes-${port}.conf`,
      '--cluster-node-timeout',
      '5000',
      '--dir',
      dir,
      '--save',
      '',
      '--appendonly',
      'no',
      '--daemonize',
      'no',
    ],
    { stdio: 'ignore' },
  );
  child.on('error', () => {}); // reported by the wait for its PING
  return child;
}

function killChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

function cli(port: number, ...args: string[]): string {
  const run = spawnSync('redis-cli', ['-p', String(port), ...args], {
    encoding: 'utf8',
    timeout: 5000,
  });
  return run.status === 0 ? run.stdout.trim() : '';
}

async function waitFor(ready: () => boolean, port: number, patience = 20_000): Promise<void> {
  for (const deadline = Date.now() + patience; !ready();) {
    if (Date.now() > deadline)
      throw new Error(`the Redis Cluster node on port ${port} is not ready`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * `count` ports p, each free with p + 10000 free too (a cluster node's bus
 * port), picked at random between 30000 and 50000.
 */
async function freePorts(count: number): Promise<number[]> {
  const ports: number[] = [];
  while (ports.length < count) {
    const port = 30_000 + Math.floor(Math.random() * 20_000);
    if (ports.includes(port) || ports.includes(port + 10_000) || ports.includes(port - 10_000))
      continue;
    if ((await isFree(port)) && (await isFree(port + 10_000))) ports.push(port);
  }
  return ports;
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
