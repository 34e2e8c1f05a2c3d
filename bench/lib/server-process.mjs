// Starts a benchmark server in a child process and learns its port: the
// script prints one JSON line `{"port": n}` once it listens.
import { spawn } from 'node:child_process';
import { withFdLimit } from './fd-limit.mjs';

/**
 * Resolves with `{ pid, port, url, child, stop() }` once the server script has printed its port.
 * With `manyFiles`, the server's fd limit is raised to the hard limit first (lib/fd-limit.mjs).
 */
export function startServerProcess(script, { cwd, env, args = [], manyFiles = false } = {}) {
  return new Promise((resolve, reject) => {
    const [command, argv] = manyFiles
      ? withFdLimit(process.execPath, [script, ...args])
      : [process.execPath, [script, ...args]];
    const child = spawn(command, argv, {
      cwd,
      env: env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    const timer = setTimeout(
      () => fail(new Error(`${script} printed no port within 20 s\n${err}`)),
      20_000,
    );
    const fail = (error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    child.stderr.on('data', (c) => (err += c));
    child.on('exit', (code) =>
      fail(new Error(`${script} exited with ${code} before listening\n${err}`)),
    );
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const line = out.split('\n')[0];
      if (!out.includes('\n')) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      const { port } = JSON.parse(line);
      resolve({
        pid: child.pid,
        port,
        url: `http://127.0.0.1:${port}`,
        child,
        stop: () =>
          new Promise((done) => {
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}
