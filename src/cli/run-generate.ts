import { join, resolve } from 'node:path';
import type { Diagnostic } from '../contract/diagnostic.js';
import {
  generate,
  hasErrors,
  writeOutputs,
  type GenerateResult,
  type SyncReport,
} from '../generator.js';
import { outDirProblem } from './check-out-dir.js';
import { exitCodes } from './exit-codes.js';
import { formatGithub, formatJson, formatText } from './format-diagnostics.js';
import { locateDiagnostics } from './locate-diagnostics.js';
import type { OutputFlags } from './main.js';
import { createProgress } from './progress.js';
import { resolveOptions, type FlagOptions, type ResolvedOptions } from './resolve-options.js';
import type { Terminal } from './terminal.js';

export interface CheckArgs extends OutputFlags {
  readonly dir?: string | undefined;
  readonly config?: string | undefined;
}

export interface GenerateArgs extends CheckArgs, FlagOptions {
  readonly check: boolean;
  readonly watch?: boolean;
}

/** `contract-gen check [dir]`: diagnostics only. */
export async function runCheck(args: CheckArgs, term: Terminal): Promise<number> {
  const options = await resolveOptions(args, term.cwd);
  const progress = createProgress(term, !args.quiet && args.format === 'text');
  const started = performance.now();
  const result = await generate({
    contractsDir: resolve(term.cwd, options.dir),
    checkOnly: true,
    onProgress: (p) => progress.phase(p),
  });
  progress.done();
  printDiagnostics(result.diagnostics, options, args, term);
  if (hasErrors(result.diagnostics)) return exitCodes.failed;
  if (!args.quiet && args.format === 'text') term.err(`${summary(result, options, started)}\n`);
  return exitCodes.ok;
}

/** `contract-gen [generate] [dir] --out generated [--check]`. */
export async function runGenerate(args: GenerateArgs, term: Terminal): Promise<number> {
  if (args.watch) {
    const { runWatch } = await import('./run-watch.js');
    return runWatch(args, term);
  }
  const options = await resolveOptions(args, term.cwd);
  const problem = outDirProblem(options.out, options.dir, term.cwd);
  if (problem) return usageProblem(problem, term);
  const progress = createProgress(term, !args.quiet && args.format === 'text');
  const started = performance.now();
  const result = await generate({
    contractsDir: resolve(term.cwd, options.dir),
    outDir: resolve(term.cwd, options.out),
    target: options.target,
    runtime: options.runtime,
    importExtension: options.importExtension,
    contractTypes: options.contractTypes,
    onProgress: (p) => progress.phase(p),
  });
  if (hasErrors(result.diagnostics)) {
    progress.done();
    printDiagnostics(result.diagnostics, options, args, term);
    return exitCodes.failed;
  }
  progress.phase('writing');
  const report = await writeOutputs(resolve(term.cwd, options.out), result.files, args.check);
  progress.done();
  printDiagnostics(result.diagnostics, options, args, term);
  if (args.check) return reportCheck(report, options, args, term);
  if (!args.quiet && args.format === 'text')
    term.err(`${summary(result, options, started)}; ${describeWrite(report, options.out)}\n`);
  return exitCodes.ok;
}

function reportCheck(
  report: SyncReport,
  options: ResolvedOptions,
  args: GenerateArgs,
  term: Terminal,
): number {
  const problems = [
    ...report.missing.map((p) => `  missing:  ${join(options.out, p)}`),
    ...report.stale.map((p) => `  stale:    ${join(options.out, p)}`),
    ...report.orphaned.map((p) => `  orphaned: ${join(options.out, p)}`),
  ];
  if (problems.length === 0) {
    if (!args.quiet) term.err(`${options.out} is up to date (${report.unchanged.length} files).\n`);
    return exitCodes.ok;
  }
  term.err(
    `${options.out} does not match ${options.dir}:\n${problems.join('\n')}\n` +
      `Run 'contract-gen generate ${options.dir} --out ${options.out}' and commit the result.\n`,
  );
  return exitCodes.failed;
}

function describeWrite(report: SyncReport, out: string): string {
  const written = report.missing.length + report.stale.length;
  const parts = [`${report.unchanged.length} unchanged`];
  if (report.orphaned.length > 0) parts.push(`${report.orphaned.length} removed`);
  return `wrote ${written} file${written === 1 ? '' : 's'} to ${out} (${parts.join(', ')}).`;
}

/** The one-line summary: what was read, what was found, how long it took. */
function summary(result: GenerateResult, options: ResolvedOptions, started: number): string {
  const c = result.contract;
  const counts = c
    ? `${plural(c.files.length, 'file')}: ${plural(c.services.length, 'service')}, ${plural(c.callbacks.length, 'callback interface')}, ${plural(c.types.length, 'type')}`
    : options.dir;
  const warnings = result.diagnostics.filter((d) => d.severity === 'warning').length;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  return `Checked ${options.dir} (${counts}) in ${seconds} s: ${warnings === 0 ? 'no problems' : `${plural(warnings, 'warning')}, no errors`}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function printDiagnostics(
  diagnostics: readonly Diagnostic[],
  options: ResolvedOptions,
  args: OutputFlags,
  term: Terminal,
): void {
  const items = locateDiagnostics(diagnostics, resolve(term.cwd, options.dir), term.cwd);
  if (args.format === 'json') term.out(formatJson(items));
  else if (args.format === 'github') term.out(formatGithub(items));
  else if (items.length > 0) term.err(`${formatText(items, term.colors)}\n`);
}

/** A command line that cannot work: exit 2 with what is wrong, before anything is read or written. */
export function usageProblem(message: string, term: Terminal): number {
  term.err(`contract-gen: ${message}\nRun 'contract-gen --help' for usage.\n`);
  return exitCodes.usage;
}
