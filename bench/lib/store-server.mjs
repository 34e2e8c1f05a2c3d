// A server process that prints "listening <port>" when ready: test/stores/fixtures/store-server.mjs
// (the chaos and fanout-redis suites' contract-gen side) or a peer written the same way, killed by
// the suite with SIGKILL and started again on its port.
import { spawn } from 'node:child_process';
import { basename, join } from 'node:path';
import { withFdLimit } from './fd-limit.mjs';
import { repoRoot } from './paths.mjs';

const serverScript = join(repoRoot, 'test', 'stores', 'fixtures', 'store-server.mjs');

/**
 * Starts `script` (default store-server.mjs) on `port` (0: any) with `env` (and `nodeArgs`, e.g.
 * `--cpu-prof`); resolves `{ port, child, kill(), output() }` once it prints "listening <port>".
 */
export function startStoreServer(env, port, script = serverScript, nodeArgs = []) {
  const [command, args] = withFdLimit(process.execPath, [...nodeArgs, script]);
  const child = spawn(command, args, {
    cwd: repoRoot,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk) => {
    output += chunk.toString();
    if (output.length > 64_000) output = output.slice(-32_000);
  };
  child.stderr.on('data', keep);
  const exited = new Promise((resolve) => child.once('exit', () => resolve()));
  const onExit = () => child.kill('SIGKILL');
  process.once('exit', onExit);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${basename(script)} did not listen within 20 s:\n${output}`));
    }, 20_000);
    let seen = '';
    child.stdout.on('data', (chunk) => {
      keep(chunk);
      seen += chunk.toString();
      const match = /listening (\d+)/.exec(seen);
      if (match === null) return;
      clearTimeout(timer);
      resolve({
        pid: child.pid,
        port: Number(match[1]),
        child,
        output: () => output,
        /** Resolves when the process has exited, however it ended. */
        exited,
        /** Whether `kill()` ended it (rather than a crash). */
        killed: false,
        async kill(signal = 'SIGKILL') {
          this.killed = true;
          process.off('exit', onExit);
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          await exited;
        },
      });
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`${basename(script)} exited before listening:\n${output}`));
    });
  });
}
