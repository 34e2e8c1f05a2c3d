import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Diagnostic } from '../contract/diagnostic.js';
import { generate, hasErrors, writeOutputs, type EmitTarget, type SyncReport } from '../generator.js';
import { exitCodes } from './exit-codes.js';
import { formatGithub, formatJson, formatText, type DiagnosticFormat, type LocatedDiagnostic } from './format-diagnostics.js';
import type { Terminal } from './terminal.js';

export interface CheckArgs {
  readonly dir: string;
  readonly format: DiagnosticFormat;
  readonly quiet: boolean;
}

export interface GenerateArgs extends CheckArgs {
  readonly out: string;
  readonly check: boolean;
  readonly target: EmitTarget;
  readonly runtime: string;
}

/** `contract-gen check [dir]`: diagnostics only. */
export async function runCheck(args: CheckArgs, term: Terminal): Promise<number> {
  const result = await generate({ contractsDir: args.dir, checkOnly: true });
  printDiagnostics(result.diagnostics, args, term);
  if (hasErrors(result.diagnostics)) return exitCodes.failed;
  if (!args.quiet && args.format === 'text') term.err(`${summary(result.diagnostics)} in ${args.dir}\n`);
  return exitCodes.ok;
}

/** `contract-gen [generate] [dir] --out generated [--check]`. */
export async function runGenerate(args: GenerateArgs, term: Terminal): Promise<number> {
  const result = await generate({ contractsDir: args.dir, outDir: args.out, target: args.target, runtime: args.runtime });
  printDiagnostics(result.diagnostics, args, term);
  if (hasErrors(result.diagnostics)) return exitCodes.failed;
  const report = await writeOutputs(args.out, result.files, args.check);
  if (args.check) return reportCheck(report, args, term);
  if (!args.quiet) term.err(`${describeWrite(report, args.out)}\n`);
  return exitCodes.ok;
}

function reportCheck(report: SyncReport, args: GenerateArgs, term: Terminal): number {
  const problems = [
    ...report.missing.map((p) => `  missing:  ${join(args.out, p)}`),
    ...report.stale.map((p) => `  stale:    ${join(args.out, p)}`),
    ...report.orphaned.map((p) => `  orphaned: ${join(args.out, p)}`),
  ];
  if (problems.length === 0) {
    if (!args.quiet) term.err(`${args.out} is up to date (${report.unchanged.length} files).\n`);
    return exitCodes.ok;
  }
  term.err(
    `${args.out} does not match ${args.dir}:\n${problems.join('\n')}\n` +
      `Run 'contract-gen generate ${args.dir} --out ${args.out}' and commit the result.\n`,
  );
  return exitCodes.failed;
}

function describeWrite(report: SyncReport, out: string): string {
  const written = report.missing.length + report.stale.length;
  const parts = [`${report.unchanged.length} unchanged`];
  if (report.orphaned.length > 0) parts.push(`${report.orphaned.length} removed`);
  return `Wrote ${written} file${written === 1 ? '' : 's'} to ${out} (${parts.join(', ')}).`;
}

function summary(diagnostics: readonly Diagnostic[]): string {
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  return warnings === 0 ? 'No problems' : `${warnings} warning${warnings === 1 ? '' : 's'}, no errors`;
}

function printDiagnostics(diagnostics: readonly Diagnostic[], args: CheckArgs, term: Terminal): void {
  const dir = resolve(args.dir);
  const sources = new Map<string, string | undefined>();
  const items: LocatedDiagnostic[] = diagnostics.map((diagnostic) => {
    if (!diagnostic.span) return { diagnostic };
    const full = join(dir, diagnostic.span.file);
    if (!sources.has(full)) sources.set(full, readOrUndefined(full));
    const source = sources.get(full);
    const file = relative(term.cwd, full) || full;
    return source === undefined ? { diagnostic, file } : { diagnostic, file, source };
  });
  if (args.format === 'json') term.out(formatJson(items));
  else if (args.format === 'github') term.out(formatGithub(items));
  else if (items.length > 0) term.err(`${formatText(items, term.colors)}\n`);
}

function readOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
