// Example server processes for the reference tests: scripts of build/apps started, SIGKILLed and
// started again on the same port (references carry the server's URL).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export { freePort } from '../stores/server-process.js';

const root = join(import.meta.dirname, '..', '..');

/** A running example process. */
export interface AppProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** SIGKILL, resolved once it is gone. */
  kill(): Promise<void>;
}

/**
 * Starts `build/apps/<script>` with `args`; resolves when it prints `<word> <url>`. Fails (in CI
 * too) when build/apps is missing: run `npm run build:apps`.
 */
export async function startApp(script: string, args: readonly string[]): Promise<AppProcess> {
  const file = join(root, 'build', 'apps', script);
  if (!existsSync(file))
    throw new Error(`${file} is missing: run \`npm run build && npm run build:apps\` first.`);
  const child = spawn(process.execPath, [file, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${script} did not start within 30 s:\n${output}`)),
      30_000,
    );
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /^\w+ (http\S+)$/m.exec(output);
      if (match !== null) {
        clearTimeout(timer);
        resolve(match[1] as string);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => void (output += chunk.toString()));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited (${code ?? signal}):\n${output}`));
    });
  });
  return {
    url,
    child,
    kill: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}

/** Waits until `check` stops throwing, up to `ms` (generous: the machine may be busy). */
export async function eventually(check: () => unknown, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > end) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}
