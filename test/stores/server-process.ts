// Server processes for the restart and scale-out tests: fixtures/store-server.mjs on a copy of
// the built package, started, killed and started again.
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');

/**
 * A copy of the built runtime package (runtime/dist/, its package.json, a
 * link to node_modules) with the server script inside it, so the script
 * imports `@contract-gen/runtime/*` through the package's own exports (a
 * package may import itself by name), and a rebuild of dist/ while the test
 * runs cannot pull the files away. Returns its folder; `removePackage` deletes it.
 */
export async function snapshotPackage(): Promise<string> {
  const runtime = join(root, 'runtime');
  const dist = join(runtime, 'dist');
  const needed = [
    'server/index.js',
    'server/node/index.js',
    'schema/index.js',
    'server/stores/sqlite/index.js',
    'server/stores/redis/index.js',
  ].map((f) => join(dist, f));
  // A build running beside the tests empties dist/ for a few seconds: wait for it before giving up.
  for (const deadline = Date.now() + 20_000; !needed.every((f) => existsSync(f));) {
    if (Date.now() > deadline)
      throw new Error(
        'These tests run the built package: run `npm run build` first (`npm test` does).',
      );
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const dir = mkdtempSync(join(tmpdir(), 'cg-package-'));
  try {
    cpSync(dist, join(dir, 'dist'), { recursive: true });
    copyFileSync(join(runtime, 'package.json'), join(dir, 'package.json'));
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
    copyFileSync(join(here, 'fixtures', 'store-server.mjs'), join(dir, 'store-server.mjs'));
    return dir;
  } catch (error) {
    // dist/ changed under the copy (a rebuild beside the tests): leave nothing behind.
    removePackage(dir);
    throw error;
  }
}

/** Deletes a folder made by `snapshotPackage` (the node_modules link, not its target). */
export function removePackage(dir: string | undefined): void {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
}

/** A running store-server.mjs. */
export interface ServerProcess {
  readonly port: number;
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly child: ChildProcess;
  /** Sends `signal` (SIGKILL unless told) and resolves when the process is gone. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** What it printed, for failure messages. */
  output(): string;
}

/** Starts the server script in `pkg` with `env` (STORE, DB, REDIS_URL, PREFIX, PORT); resolves once it listens. */
export async function startServer(
  pkg: string,
  env: Record<string, string>,
): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['store-server.mjs'], {
    cwd: pkg,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => void (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`store-server.mjs did not listen within 20 s:\n${output}`)),
      20_000,
    );
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening (\d+)/.exec(output);
      if (match !== null) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    void exited.then(() =>
      reject(new Error(`store-server.mjs exited before listening:\n${output}`)),
    );
  });
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    child,
    async kill(signal = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
    output: () => output,
  };
}

/** A TCP port free right now on 127.0.0.1 (for a server that must come back on the same port). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * The package snapshot and server processes of one describe (or file): the
 * snapshot is made before its tests, and afterwards every server `start`
 * started is killed and the snapshot deleted. Call it where `beforeAll` may be.
 */
export function serverProcesses(): {
  start(env: Record<string, string>): Promise<ServerProcess>;
} {
  let pkg: string | undefined;
  const servers: ServerProcess[] = [];
  beforeAll(async () => {
    pkg = await snapshotPackage();
  });
  afterAll(async () => {
    for (const server of servers) await server.kill();
    removePackage(pkg);
  });
  return {
    async start(env) {
      if (pkg === undefined)
        throw new Error('serverProcesses: start() before the snapshot (beforeAll)');
      const server = await startServer(pkg, env);
      servers.push(server);
      return server;
    },
  };
}
