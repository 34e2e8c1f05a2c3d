// Runs a child process and times it, wall clock, from spawn to exit.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * Runs `command args` and resolves with `{ ms, cpuMs, code, stdout, stderr }`:
 * `ms` is wall clock; `cpuMs` the CPU time (user + system) the child and its
 * own children used, on Linux (undefined elsewhere). CPU time is much less
 * sensitive than wall clock to other work on the machine; it is there to
 * judge a run made on a busy machine. Run one timed command at a time: the
 * CPU figure counts every child reaped meanwhile.
 * Output is captured (not shown) so that printing never weighs on the time.
 * Unless `expectExit` is `null`, an exit code other than `expectExit`
 * (default 0) rejects with an error that carries the command's output: a
 * benchmark must never time an error path.
 */
export function timeCommand(command, args, { cwd, env, expectExit = 0, label } = {}) {
  return new Promise((resolve, reject) => {
    const stdout = [];
    const stderr = [];
    const cpuStart = childrenCpuMs();
    const start = process.hrtime.bigint();
    const child = spawn(command, args, {
      cwd,
      env: env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk) => stdout.push(chunk));
    child.stderr.on('data', (chunk) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      const cpuEnd = childrenCpuMs();
      const result = {
        ms,
        cpuMs: cpuStart === undefined || cpuEnd === undefined ? undefined : cpuEnd - cpuStart,
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
  const shown =
    trimmed.length > limit
      ? `${trimmed.slice(0, limit)}\n  ... (${trimmed.length - limit} more characters)`
      : trimmed;
  return `\n  --- ${name} ---\n${shown.replace(/^/gm, '  ')}`;
}

/**
 * CPU time, in ms, used by this process's children that have exited and been
 * waited for (cutime + cstime of /proc/self/stat). Linux only.
 */
function childrenCpuMs() {
  if (process.platform !== 'linux') return undefined;
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // Fields after the command name (which may hold spaces) start at field 3.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[13]) + Number(fields[14]); // fields 16 and 17: cutime, cstime
    return (ticks * 1000) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}
const CLOCK_TICKS = 100; // sysconf(_SC_CLK_TCK) on Linux
