// A redis-server of the test's own, on a high port in a temporary folder, that the chaos tests may
// kill and start again (the shared Redis of the run is never touched). With `aof`, every write is
// appended and fsynced before it is answered (appendfsync always); without, Redis keeps nothing.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeNeeding } from '../support/describe-needing.js';

/** Whether `redis-server` can be run here. */
export const hasRedisServer: boolean =
  spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;

/**
 * `describe(name, body)` when redis-server is installed. When it is not: under `CI=true` one
 * test that fails with the reason; elsewhere the tests are skipped, with a message.
 */
export function describeWithRedisServer(name: string, body: () => void): void {
  const missing = hasRedisServer
    ? undefined
    : 'redis-server is not installed (apt-get install redis-server).';
  describeNeeding(name, missing, 'finds redis-server', body);
}

export interface RedisProcess {
  /** `redis://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  /** SIGKILLs the server (no shutdown save) and resolves when it is gone. */
  kill(): Promise<void>;
  /** Starts it again on the same port and folder; resolves when it answers PING. */
  start(): Promise<void>;
  /** Kills it and deletes its folder. */
  stop(): Promise<void>;
}

/** Starts redis-server on `port` with AOF (fsync always) or with no persistence at all. */
export async function startRedisProcess(port: number, aof: boolean): Promise<RedisProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'cg-redis-'));
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--save',
    '',
    '--appendonly',
    aof ? 'yes' : 'no',
    '--appendfsync',
    'always',
  ];
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  const process_ = {
    url: `redis://127.0.0.1:${port}`,
    port,
    async kill() {
      if (child !== undefined && child.exitCode === null && child.signalCode === null)
        child.kill('SIGKILL');
      await exited;
    },
    async start() {
      const started = spawn('redis-server', args, { stdio: 'ignore' });
      child = started;
      exited = new Promise<void>((resolve) => started.once('exit', () => resolve()));
      for (const deadline = Date.now() + 10_000; ;) {
        const ping = spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' });
        // LOADING while the AOF is read back: not ready yet.
        if (ping.stdout.trim() === 'PONG') return;
        if (started.exitCode !== null) throw new Error(`redis-server on ${port} exited`);
        if (Date.now() > deadline) throw new Error(`redis-server on ${port} did not answer`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async stop() {
      await process_.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await process_.start();
  return process_;
}
