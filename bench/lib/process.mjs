// Runs a child process and times it, wall clock, from spawn to exit.
import { spawn } from 'node:child_process';

/**
 * Runs `command args` and resolves with `{ ms, code, stdout, stderr }`.
 * Output is captured (not shown) so that printing never weighs on the time.
 * Unless `expectExit` is `null`, an exit code other than `expectExit`
 * (default 0) rejects with an error that carries the command's output: a
 * benchmark must never time an error path.
 */
export function timeCommand(command, args, { cwd, env, expectExit = 0, label } = {}) {
  return new Promise((resolve, reject) => {
    const stdout = [];
    const stderr = [];
    const start = process.hrtime.bigint();
    const child = spawn(command, args, { cwd, env: env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk) => stdout.push(chunk));
    child.stderr.on('data', (chunk) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      const result = {
        ms,
        code,
        signal,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      };
      if (expectExit !== null && code !== expectExit) {
        reject(new CommandError(label ?? [command, ...args].join(' '), expectExit, result));
      } else {
        resolve(result);
      }
    });
  });
}

/** A timed command exited with an unexpected status; the message includes its output (trimmed). */
export class CommandError extends Error {
  constructor(label, expected, result) {
    const status = result.signal ? `signal ${result.signal}` : `exit code ${result.code}`;
    super(
      `${label}\n  ended with ${status} (expected exit code ${expected})` +
        section('stdout', result.stdout) +
        section('stderr', result.stderr),
    );
    this.name = 'CommandError';
    this.result = result;
  }
}

function section(name, text, limit = 8000) {
  const trimmed = text.trim();
  if (!trimmed) return '';
  const shown = trimmed.length > limit ? `${trimmed.slice(0, limit)}\n  ... (${trimmed.length - limit} more characters)` : trimmed;
  return `\n  --- ${name} ---\n${shown.replace(/^/gm, '  ')}`;
}
