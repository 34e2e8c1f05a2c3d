import { watch } from 'node:fs';
import { basename, dirname, resolve, sep } from 'node:path';
import { createGenerator, hasErrors, writeOutputs, type Generator } from '../generator.js';
import { exitCodes } from './exit-codes.js';
import { formatText, toJson, type LocatedDiagnostic } from './format-diagnostics.js';
import { locateDiagnostics } from './locate-diagnostics.js';
import { outDirProblem } from './check-out-dir.js';
import { usageProblem, type GenerateArgs } from './run-generate.js';
import { resolveOptions, type ResolvedOptions } from './resolve-options.js';
import type { Terminal } from './terminal.js';
import { watchFolders } from './watch-folders.js';

/**
 * How long to wait for a burst of file events (an editor's save, a rename) to
 * settle. Part of what a user waits for after saving (issue #9's 150 ms), so
 * kept small: the events of one save (truncate and write, or write a temporary
 * file and rename it) come well within a few milliseconds of each other, and a
 * run that still starts mid-burst is only followed by another one (its own
 * events schedule it), never left wrong.
 */
const settleMs = 10;

/**
 * `contract-gen --watch`: one long-lived generator; on a change it re-reads
 * the changed files, re-emits, formats only what changed and writes only
 * what differs. The config file is watched too (a change restarts with the
 * new options). With `--format json` every run prints its diagnostics as JSON
 * lines and then one `{"summary":...}` line, so an editor can replace what it
 * showed. Runs until the process is stopped.
 */
export async function runWatch(args: GenerateArgs, term: Terminal): Promise<number> {
  let options = await resolveOptions(args, term.cwd);
  const problem = outDirProblem(options.out, options.dir, term.cwd);
  if (problem) return usageProblem(problem, term);
  let generator = createWatchGenerator(options, term);
  let written = new Map<string, string>();
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const runOnce = async (changed: string[]) => {
    const started = performance.now();
    const result = await generator.run(changed);
    const report = hasErrors(result.diagnostics)
      ? undefined
      : await writeOutputs(resolve(term.cwd, options.out), result.files, false, written);
    const items = locateDiagnostics(result.diagnostics, resolve(term.cwd, options.dir), term.cwd);
    printRun(
      items,
      report ? report.missing.length + report.stale.length : 0,
      report?.orphaned.length ?? 0,
      performance.now() - started,
      args,
      term,
    );
  };
  const schedule = (path: string) => {
    pending.add(path);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const changed = [...pending];
      pending = new Set();
      running = running
        .then(() => runOnce(changed))
        .catch((error: unknown) => term.err(`contract-gen: ${(error as Error).message}\n`));
    }, settleMs);
  };

  const watchers: { close(): void }[] = [];
  const startWatching = () => {
    const dir = resolve(term.cwd, options.dir);
    const out = resolve(term.cwd, options.out);
    // Our own outputs must never retrigger a run.
    const isOut = (path: string) => path === out || path.startsWith(out + sep);
    watchers.push(
      watchFolders(
        dir,
        (path, folder) => {
          if (isOut(path)) return;
          // A file: a contract when it ends with .ts; a folder (new, removed, renamed): read again.
          if (folder || path.endsWith('.ts')) schedule(path);
        },
        isOut,
      ),
    );
    if (options.configFile) {
      // Its folder, not the file: an atomic save replaces the file, and a watch on it would see no more.
      const config = resolve(term.cwd, options.configFile);
      watchers.push(
        watch(dirname(config), (_event, name) => {
          if (name !== null && name.toString() !== basename(config)) return;
          running = running.then(async () => {
            options = await resolveOptions(args, term.cwd);
            generator = createWatchGenerator(options, term);
            written = new Map();
            watchers.splice(0).forEach((w) => w.close());
            startWatching();
            await runOnce([]);
          });
        }),
      );
    }
  };

  startWatching();
  running = running.then(() => runOnce([]));
  await running;
  if (!args.quiet && args.format === 'text')
    term.err(`Watching ${options.dir} for changes (Ctrl+C to stop)…\n`);
  return new Promise<number>((resolveExit) => {
    process.once('SIGINT', () => {
      watchers.forEach((w) => w.close());
      resolveExit(exitCodes.ok);
    });
  });
}

function createWatchGenerator(options: ResolvedOptions, term: Terminal): Generator {
  return createGenerator({
    contractsDir: resolve(term.cwd, options.dir),
    outDir: resolve(term.cwd, options.out),
    target: options.target,
    runtime: options.runtime,
    importExtension: options.importExtension,
    contractTypes: options.contractTypes,
  });
}

function printRun(
  items: LocatedDiagnostic[],
  written: number,
  removed: number,
  ms: number,
  args: GenerateArgs,
  term: Terminal,
): void {
  const errors = items.filter((i) => i.diagnostic.severity === 'error').length;
  const warnings = items.length - errors;
  if (args.format === 'json') {
    const lines = items.map((item) => JSON.stringify(toJson(item)));
    lines.push(
      JSON.stringify({ summary: { errors, warnings, written, removed, ms: Math.round(ms) } }),
    );
    term.out(`${lines.join('\n')}\n`);
    return;
  }
  if (items.length > 0) term.err(`${formatText(items, term.colors)}\n`);
  if (args.quiet && items.length === 0) return;
  const time = new Date().toTimeString().slice(0, 8);
  const outcome =
    errors > 0
      ? `${errors} error${errors === 1 ? '' : 's'}; nothing written`
      : `wrote ${written}, removed ${removed}`;
  term.err(
    `[${time}] ${outcome}${warnings > 0 ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : ''} (${Math.round(ms)} ms)\n`,
  );
}
