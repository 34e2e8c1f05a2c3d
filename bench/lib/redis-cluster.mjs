// A throwaway three-master Redis Cluster for the benchmarks and the tests
// (test/support/redis-cluster.ts adds their describe and an ioredis client).
// Each master runs `redis-server --cluster-enabled yes` on a free high port in
// a folder of its own. With `aof` (the default), every write is on disk before
// it is answered (AOF, `appendfsync always`), so a master SIGKILLed and started
// again on its port with its folder comes back with everything it acknowledged
// and its cluster config (nodes-<port>.conf): the cluster is whole again.
// Joined by `redis-cli --cluster create`, no replicas. Types: redis-cluster.d.mts.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Why this machine cannot start a cluster (no redis-server 7+, no redis-cli), or undefined when it can. */
export function redisClusterProblem() {
  const server = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (server.status !== 0) return 'redis-server is not on PATH';
  const major = Number(/v=(\d+)\./.exec(server.stdout)?.[1]);
  if (!(major >= 7)) return `redis-server is ${server.stdout.trim()}; a Cluster needs Redis 7`;
  if (spawnSync('redis-cli', ['--version']).status !== 0) return 'redis-cli is not on PATH';
  return undefined;
}

/**
 * Starts three masters and makes them a cluster; resolves once `cluster_state:ok` on each with
 * `{ nodes, ports, kill(i), start(i), stop() }`: `kill(i)` SIGKILLs master i, `start(i)` starts it
 * again on its port and folder and resolves once the cluster is ok again, `stop()` kills all and
 * deletes the folders (idempotent). `aof: false`: no persistence (a restarted master is empty).
 */
export async function startRedisCluster({ aof = true } = {}) {
  const problem = redisClusterProblem();
  if (problem !== undefined) throw new Error(`cannot start a Redis Cluster: ${problem}`);
  const dir = mkdtempSync(join(tmpdir(), 'cg-bench-cluster-'));
  const children = [];
  const onExit = () => children.forEach((child) => child?.kill('SIGKILL'));
  process.once('exit', onExit);
  let stopped;
  const stop = () =>
    (stopped ??= (async () => {
      process.off('exit', onExit);
      await Promise.all(children.map(killChild));
      rmSync(dir, { recursive: true, force: true });
    })());
  try {
    const ports = await freePorts(3);
    const startNode = (i) => {
      const port = ports[i];
      const nodeDir = join(dir, String(port));
      mkdirSync(nodeDir, { recursive: true });
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
          nodeDir,
          '--save',
          '',
          '--appendonly',
          aof ? 'yes' : 'no',
          '--appendfsync',
          'always',
          '--daemonize',
          'no',
        ],
        { stdio: 'ignore' },
      );
      child.on('error', () => {}); // reported by the wait for its PING
      children[i] = child;
    };
    ports.forEach((_, i) => startNode(i));
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
    const allOk = () =>
      Promise.all(
        ports.map((port) =>
          waitFor(() => cli(port, 'cluster', 'info').includes('cluster_state:ok'), port),
        ),
      );
    await allOk();
    return {
      nodes: ports.map((port) => ({ host: '127.0.0.1', port })),
      ports,
      kill: (i) => killChild(children[i]),
      async start(i) {
        startNode(i);
        await waitFor(() => cli(ports[i], 'ping') === 'PONG', ports[i]);
        await allOk();
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

function killChild(child) {
  if (child === undefined || child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

function cli(port, ...args) {
  const run = spawnSync('redis-cli', ['-p', String(port), ...args], {
    encoding: 'utf8',
    timeout: 5000,
  });
  return run.status === 0 ? run.stdout.trim() : '';
}

async function waitFor(ready, port, patience = 30_000) {
  for (const deadline = Date.now() + patience; !ready();) {
    if (Date.now() > deadline)
      throw new Error(`the Redis Cluster node on port ${port} is not ready`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** `count` ports p, each free with p + 10000 free too (a cluster node's bus port), between 30000 and 50000. */
async function freePorts(count) {
  const ports = [];
  while (ports.length < count) {
    const port = 30_000 + Math.floor(Math.random() * 20_000);
    if (ports.includes(port) || ports.includes(port + 10_000) || ports.includes(port - 10_000))
      continue;
    if ((await isFree(port)) && (await isFree(port + 10_000))) ports.push(port);
  }
  return ports;
}

/** Whether `port` is free on 127.0.0.1 right now. */
export function isFree(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A TCP port free right now on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
