// Runs the conformance cases in Deno or Bun: spawns the runtime (Bun from its
// npm devDependency; Deno from the PATH or installed on demand by
// scripts/ensure-deno.mjs) on cli-main.ts and reads its result lines. Both run the TypeScript cases as they are; Deno finds the built
// package (`@contract-gen/runtime/client` → dist/) through an import map made from
// package.json's exports, Bun through the package's own exports.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { ensureDeno } from '../../../scripts/ensure-deno.mjs';
import { parseResultLine, parseRuntimeLine } from './run-cases.js';
import type { RuntimeRun } from './remote-suite.js';

const root = join(import.meta.dirname, '../../..');
const mainScript = join(import.meta.dirname, 'cli-main.ts');

/** A runtime that runs cli-main.ts. */
export type CliRuntime = 'deno' | 'bun';

/** How long a runtime may take to exit once its last case is reported. */
const exitGrace = 10_000;

/** A `RuntimeRun` for Deno or Bun (see remote-suite.ts). */
export function cliRuntimeRun(runtime: CliRuntime): RuntimeRun {
  return async (baseUrl, transport, report) => {
    const scratch = mkdtempSync(join(tmpdir(), `contract-gen-${runtime}-`));
    try {
      const [command, ...args] = runtimeCommand(runtime);
      if (runtime === 'deno') args.push(...denoArgs(baseUrl, scratch));
      return await runProcess(command!, [...args, mainScript, baseUrl, transport], report);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  };
}

/**
 * The command that starts the runtime: Bun's binary from its npm package
 * (what `npx bun` runs, without npx's start-up); for Deno, whatever
 * ensureDeno finds or installs (it is not a devDependency: see that script).
 */
function runtimeCommand(runtime: CliRuntime): string[] {
  return runtime === 'bun' ? [join(root, 'node_modules', '.bin', 'bun')] : ensureDeno();
}

function denoArgs(baseUrl: string, scratch: string): string[] {
  const importMap = join(scratch, 'import-map.json');
  writeFileSync(importMap, JSON.stringify(packageImportMap()));
  // --sloppy-imports: the cases and generated code import `./x.js` for `x.ts`, as nodenext wants.
  // --no-config: the repository's package.json is Node's; Deno should take nothing from it.
  return [
    'run',
    '--quiet',
    '--no-config',
    '--sloppy-imports',
    `--allow-net=${new URL(baseUrl).host}`,
    `--import-map=${importMap}`,
  ];
}

/** `@contract-gen/runtime/<subpath>` → the built file, for every export of the runtime's package.json. */
function packageImportMap(): { imports: Record<string, string> } {
  const runtime = join(root, 'runtime');
  const pkg = JSON.parse(readFileSync(join(runtime, 'package.json'), 'utf8')) as {
    name: string;
    exports: Record<string, unknown>;
  };
  const imports: Record<string, string> = {};
  for (const [subpath, target] of Object.entries(pkg.exports)) {
    const file = typeof target === 'string' ? target : (target as { default?: string }).default;
    if (file !== undefined && file.endsWith('.js'))
      imports[pkg.name + subpath.slice(1)] = pathToFileURL(join(runtime, file)).href;
  }
  return { imports };
}

/** Runs the runtime and feeds its result lines to `report`; resolves to the name it printed. */
function runProcess(
  binary: string,
  args: string[],
  report: Parameters<RuntimeRun>[2],
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output: string[] = [];
    const keep = (line: string): void => void (output.push(line) > 40 && output.shift());
    let killer: ReturnType<typeof setTimeout> | undefined;
    let name = binary;
    createInterface({ input: child.stdout }).on('line', (line) => {
      name = parseRuntimeLine(line) ?? name;
      const result = parseResultLine(line);
      if (result === undefined) return keep(line);
      report(result);
    });
    createInterface({ input: child.stderr }).on('line', keep);
    child.once('error', (error) => reject(new Error(`${binary} cannot start: ${error.message}`)));
    child.once('exit', (code, signal) => {
      clearTimeout(killer);
      if (code === 0) return resolve(name);
      reject(
        new Error(
          `${binary} exited with ${signal ?? `code ${code}`}; its last output:\n${output.join('\n')}`,
        ),
      );
    });
    // Something left running in the runtime (a timer, a socket) would keep it alive: do not wait forever.
    child.stdout.once('end', () => {
      killer = setTimeout(() => child.kill(), exitGrace);
    });
  });
}
