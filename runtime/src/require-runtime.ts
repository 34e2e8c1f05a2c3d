import { RUNTIME_VERSION } from './version.js';
import { say } from './messages.js';

/** `major.minor.patch` of a version, or undefined when it is not one. */
function parts(version: string): [number, number, number] | undefined {
  const match = /^(\d+)\.(\d+)\.(\d+)/.exec(version);
  return match === null ? undefined : [Number(match[1]), Number(match[2]), Number(match[3])];
}

/**
 * True when code written by contract-gen `generator` runs on runtime
 * `runtime`: the same major version (the same minor below 1.0, where a minor
 * is a breaking change), and a runtime at least as new as the generator,
 * whose output may use anything its own runtime has.
 */
export function isRuntimeCompatible(generator: string, runtime: string = RUNTIME_VERSION): boolean {
  const g = parts(generator);
  const r = parts(runtime);
  if (g === undefined || r === undefined) return false;
  if (g[0] !== r[0] || (g[0] === 0 && g[1] !== r[1])) return false;
  for (let i = 0; i < 3; i++) if (r[i] !== g[i]) return r[i]! > g[i]!;
  return true;
}

/**
 * Called once by every generated schema file at import: throws one clear
 * error, naming both versions and the fix, when the installed runtime cannot
 * run code written by contract-gen `generator`. Checking at import turns a
 * mismatch into a message at startup instead of a wrong decode later.
 */
export function requireRuntime(generator: string): void {
  if (isRuntimeCompatible(generator)) return;
  const range = parts(generator)?.[0] === 0 ? `~${generator}` : `^${generator}`;
  throw new Error(say('runtime-mismatch', generator, range, RUNTIME_VERSION));
}
