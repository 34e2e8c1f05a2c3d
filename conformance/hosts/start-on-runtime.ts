// Starts the conformance router on Deno or Bun in a child process (Bun from
// node_modules/.bin, Deno through scripts/ensure-deno.mjs) and resolves with
// its URL once it prints it. Run from build/apps (npm run build:apps).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { HostServer } from './host-server.js';

/** The repository root, whether this file runs from build/apps (the script) or from source (vitest). */
const root = findRoot(dirname(fileURLToPath(import.meta.url)));
/** Deno and Bun run the compiled entry: npm run build:apps first. */
const main = join(root, 'build', 'apps', 'conformance', 'hosts', 'runtime-main.js');

/** Where the child listens. */
export interface RuntimeHostOptions {
  readonly port: number;
  readonly base: string;
}

/** Starts runtime-main.js on `runtime`; rejects with its output when it exits or stays silent for 60 s. */
export async function startOnRuntime(
  runtime: 'deno' | 'bun',
  options: RuntimeHostOptions,
): Promise<HostServer> {
  const command =
    runtime === 'bun' ? [join(root, 'node_modules', '.bin', 'bun')] : await denoCommand();
  const args =
    runtime === 'bun' ? ['run', main] : ['run', '--allow-net', '--allow-env', '--allow-read', main];
  if (!existsSync(main)) throw new Error(`${main} is missing: npm run build:apps`);
  if (runtime === 'bun' && !existsSync(command[0] ?? ''))
    throw new Error('bun is not installed: npm install (it is a devDependency)');
  const child = spawn(command[0] ?? runtime, [...command.slice(1), ...args], {
    cwd: root,
    env: { ...process.env, PORT: String(options.port), BASE: options.base },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // A test worker that ends without closing the host (a timeout, an interrupted run) takes it along.
  const orphan = (): void => void child.kill();
  process.once('exit', orphan);
  child.once('exit', () => process.off('exit', orphan));
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => fail('did not start within 60 s'), 60_000);
    const fail = (why: string): void => {
      clearTimeout(timer);
      child.kill();
      reject(new Error(`${runtime} conformance host ${why}:\n${output}`));
    };
    const read = (chunk: Buffer): void => {
      output += chunk.toString();
      const found = /listening on (\S+)/.exec(output);
      if (found?.[1] !== undefined) {
        clearTimeout(timer);
        // From here on the child's own errors are shown as they come, not kept.
        child.stdout.off('data', read).pipe(process.stdout);
        child.stderr.off('data', read).pipe(process.stderr);
        resolve(found[1]);
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => fail(`exited (${code})`));
    child.once('error', (error) => fail(error.message));
  });
  return {
    url,
    port: Number(new URL(url).port),
    close: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill();
      }),
  };
}

async function denoCommand(): Promise<string[]> {
  const script = join(root, 'scripts', 'ensure-deno.mjs');
  const ensure = (await import(pathToFileURL(script).href)) as { ensureDeno: () => string[] };
  return ensure.ensureDeno();
}

function findRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'tsconfig.apps.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`no repository root above ${from}`);
    dir = up;
  }
  return dir;
}
