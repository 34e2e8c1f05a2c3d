// Long-lived benchmark client processes driven over stdio: the suite sends
// one JSON command per line on the child's stdin, the child answers one JSON
// line per command on its stdout (`{"id", "ok": true, ...}` or
// `{"id", "ok": false, "error"}`). The child script uses `serveCommands`
// below; it says `{"ready": true}` first. Every command has a time limit,
// and a child whose stdin closes (the suite went away) exits.
import { spawn } from 'node:child_process';
import { withFdLimit } from './fd-limit.mjs';

/**
 * Starts `script` with node (and `nodeArgs`, e.g. `--cpu-prof`) and resolves with `{ pid, send(command, { timeout }), stop() }`
 * once it is ready. With `manyFiles`, the child's fd limit is raised to the hard limit first (lib/fd-limit.mjs). `send` resolves with the child's answer, rejects with its
 * error, or rejects after `timeout` ms (default 60 s) and kills the child.
 */
export function startWorker(
  script,
  {
    cwd,
    env,
    args = [],
    nodeArgs = [],
    label = script,
    readyTimeout = 20_000,
    manyFiles = false,
  } = {},
) {
  return new Promise((resolve, reject) => {
    const argv = [...nodeArgs, script, ...args];
    const [command, commandArgs] = manyFiles
      ? withFdLimit(process.execPath, argv)
      : [process.execPath, argv];
    const child = spawn(command, commandArgs, {
      cwd,
      env: env ?? process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let err = '';
    let buffer = '';
    let ready = false;
    let nextId = 1;
    const pending = new Map();
    const failAll = (error) => {
      for (const { reject: fail, timer } of pending.values()) {
        clearTimeout(timer);
        fail(error);
      }
      pending.clear();
    };
    const readyTimer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${label}: not ready within ${readyTimeout} ms\n${err.slice(-4000)}`));
    }, readyTimeout);
    child.stderr.on('data', (c) => {
      err += c;
      if (err.length > 64_000) err = err.slice(-32_000);
    });
    child.on('error', (error) => {
      clearTimeout(readyTimer);
      reject(error);
      failAll(error);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(readyTimer);
      const error = new Error(`${label} exited (${signal ?? `code ${code}`})\n${err.slice(-4000)}`);
      if (!ready) reject(error);
      failAll(error);
    });
    // Writing to a child that has exited fails with EPIPE: its 'exit' has already failed the waiting commands.
    child.stdin.on('error', () => {});
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      buffer += chunk;
      let newline;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        if (line.trim() === '') continue;
        let message;
        try {
          message = JSON.parse(line);
        } catch {
          continue; // a stray line (a library's own output): not ours
        }
        if (!ready && message.ready === true) {
          ready = true;
          clearTimeout(readyTimer);
          resolve(worker);
          continue;
        }
        const waiting = pending.get(message.id);
        if (waiting === undefined) continue;
        pending.delete(message.id);
        clearTimeout(waiting.timer);
        if (message.ok) waiting.resolve(message);
        else waiting.reject(new Error(`${label}: ${message.error}\n${err.slice(-4000)}`));
      }
    });
    const worker = {
      pid: child.pid,
      label,
      send(command, { timeout = 60_000 } = {}) {
        return new Promise((resolveSend, rejectSend) => {
          const id = nextId++;
          const timer = setTimeout(() => {
            pending.delete(id);
            child.kill('SIGKILL');
            rejectSend(
              new Error(
                `${label}: no answer to '${command.cmd}' within ${timeout} ms\n${err.slice(-4000)}`,
              ),
            );
          }, timeout);
          pending.set(id, { resolve: resolveSend, reject: rejectSend, timer });
          child.stdin.write(`${JSON.stringify({ ...command, id })}\n`);
        });
      },
      /** Ends the child: closes its stdin, then SIGKILL if it has not exited within 5 s. */
      stop() {
        if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
        return new Promise((done) => {
          const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
          child.once('exit', () => {
            clearTimeout(timer);
            done();
          });
          child.stdin.end();
        });
      },
    };
  });
}

/**
 * In the child: answers commands `{ cmd, id, ... }` with `handlers[cmd](command)`,
 * whose result (an object) is sent back with `ok: true`. Commands run one at a
 * time, in order. Exits when stdin closes.
 */
export function serveCommands(handlers, { onExit } = {}) {
  let buffer = '';
  let queue = Promise.resolve();
  const write = (message) => process.stdout.write(`${JSON.stringify(message)}\n`);
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk) => {
    buffer += chunk;
    let newline;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const command = JSON.parse(buffer.slice(0, newline));
      buffer = buffer.slice(newline + 1);
      queue = queue.then(async () => {
        const handler = handlers[command.cmd];
        try {
          if (handler === undefined) throw new Error(`unknown command '${command.cmd}'`);
          write({ ...(await handler(command)), id: command.id, ok: true });
        } catch (error) {
          write({ id: command.id, ok: false, error: error?.stack ?? String(error) });
        }
      });
    }
  });
  process.stdin.on('end', () => {
    Promise.resolve(onExit?.())
      .catch(() => undefined)
      .finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 3_000).unref();
  });
  write({ ready: true });
}

/** Wall-clock milliseconds with sub-millisecond resolution, comparable across processes of one machine. */
export function wallNow() {
  return performance.timeOrigin + performance.now();
}

/**
 * A promise settled by `settle()`/`fail()` that rejects by itself after `ms`
 * with `message`: every wait of a benchmark client is bounded.
 */
export function deadline(ms, message) {
  let settle;
  let fail;
  const promise = new Promise((resolve, reject) => {
    settle = resolve;
    fail = reject;
  });
  const timer = setTimeout(() => fail(new Error(`${message} (no end within ${ms} ms)`)), ms);
  promise.then(
    () => clearTimeout(timer),
    () => clearTimeout(timer),
  );
  return { promise, settle, fail };
}
