// A long-running child process read line by line: for watchers that print one
// line per run (contract-gen --watch --format json, tsc --watch).
import { spawn } from 'node:child_process';

/**
 * Spawns `command args` and returns `{ next(match, timeoutMs), stop() }`:
 * `next` resolves with the first line from now on (stdout or stderr) that
 * `match` accepts, or rejects after `timeoutMs` with the output so far.
 */
export function lineProcess(command, args, { cwd, env } = {}) {
  const child = spawn(command, args, {
    cwd,
    env: env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const waiters = [];
  const seen = [];
  const onText = (chunk) => {
    for (const line of chunk.toString('utf8').split(/\r?\n/)) {
      if (!line) continue;
      seen.push(line);
      if (seen.length > 200) seen.shift();
      const i = waiters.findIndex((w) => w.match(line));
      if (i >= 0) waiters.splice(i, 1)[0].resolve(line);
    }
  };
  child.stdout.on('data', onText);
  child.stderr.on('data', onText);
  return {
    /** The child's process id (the watch suite reads its CPU time from /proc). */
    pid: child.pid,
    next(match, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const waiter = { match, resolve: (line) => (clearTimeout(timer), resolve(line)) };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(
            new Error(
              `${command} ${args.join(' ')}: no matching line within ${timeoutMs} ms; last output:\n${seen.slice(-20).join('\n')}`,
            ),
          );
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGINT');
        setTimeout(() => child.kill('SIGKILL'), 2000).unref();
      }),
  };
}
