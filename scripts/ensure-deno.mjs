// Finds a Deno binary for the Deno test run, installing it when there is none.
//
// `deno` is not a devDependency on purpose: its npm package lists a binary
// package per platform, and the registry this project installs from lacks
// some of them, so a lock file that names `deno` fails `npm ci`. Instead the
// package is installed on demand, outside the project's lock, into
// node_modules/.cache/contract-gen/deno, with npm itself.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const denoVersion = '2.9.6';
const prefix = join(root, 'node_modules', '.cache', 'contract-gen', 'deno');
const installed = join(prefix, 'node_modules', 'deno', 'bin.cjs');
/** The binary bin.cjs runs (its package fetches it at install, or bin.cjs on first use). */
const binary = join(
  prefix,
  'node_modules',
  'deno',
  process.platform === 'win32' ? 'deno.exe' : 'deno',
);

/**
 * The command that runs Deno: the on-demand install's binary itself, or `['deno']` when one is on the
 * PATH. Not `[node, bin.cjs]` when the binary is there: bin.cjs runs it as a child of its own, so killing
 * the command (a test closing its host) would leave Deno running, orphaned, with its port.
 */
export function ensureDeno() {
  if (onPath('deno')) return ['deno'];
  if (!existsSync(installed)) {
    mkdirSync(prefix, { recursive: true });
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    execFileSync(
      npm,
      [
        'install',
        '--no-save',
        '--no-package-lock',
        '--no-audit',
        '--no-fund',
        '--prefix',
        prefix,
        `deno@${denoVersion}`,
      ],
      {
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
  }
  if (!existsSync(binary))
    // bin.cjs fetches the binary when the package's install did not.
    execFileSync(process.execPath, [installed, '--version'], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  return existsSync(binary) ? [binary] : [process.execPath, installed];
}

function onPath(command) {
  try {
    execFileSync(command, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const command = ensureDeno();
  console.log(
    execFileSync(command[0], [...command.slice(1), '--version'], { encoding: 'utf8' }).split(
      '\n',
    )[0],
  );
}
