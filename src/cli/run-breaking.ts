import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { BaselineError } from '../breaking/baseline-error.js';
import { compareContracts, type BreakingChange } from '../breaking/compare-contracts.js';
import { loadBaseline, type Baseline } from '../breaking/load-baseline.js';
import { printModelFile } from '../breaking/model-file.js';
import { generate, hasErrors } from '../generator.js';
import { exitCodes } from './exit-codes.js';
import { formatGithub, formatText, toJson, type LocatedDiagnostic } from './format-diagnostics.js';
import { locateDiagnostics } from './locate-diagnostics.js';
import type { OutputFlags } from './main.js';
import { resolveOptions } from './resolve-options.js';
import { printContractDiagnostics } from './run-docs.js';
import type { Terminal } from './terminal.js';

export interface BreakingArgs extends OutputFlags {
  readonly dir?: string | undefined;
  readonly config?: string | undefined;
  /** A git ref, or a model file saved with `--save`. */
  readonly against?: string | undefined;
  /** Save the contracts' model to this file instead of comparing. */
  readonly save?: string | undefined;
}

/**
 * `contract-gen breaking [dir] --against <git-ref | model file>`: exit 1 when
 * any change breaks existing clients or servers (docs/breaking.md), 0 when
 * none does; `--save <file>` writes the model to compare against later.
 * Contracts with errors are reported as `check` does (exit 1); a baseline
 * that cannot be had is a usage error (exit 2).
 */
export async function runBreaking(args: BreakingArgs, term: Terminal): Promise<number> {
  const { dir } = await resolveOptions({ dir: args.dir, config: args.config }, term.cwd);
  const contractsDir = resolve(term.cwd, dir);
  const current = await generate({ contractsDir, checkOnly: true });
  if (hasErrors(current.diagnostics) || !current.contract) {
    printContractDiagnostics(current.diagnostics, contractsDir, args, term);
    return exitCodes.failed;
  }
  if (args.save) return save(args.save, current.contract, dir, args, term);
  const against = args.against as string;
  let baseline: Baseline | undefined;
  try {
    baseline = await loadBaseline(against, contractsDir, term.cwd);
  } catch (error) {
    if (!(error instanceof BaselineError)) throw error;
    term.err(`contract-gen breaking: ${error.message}\n`);
    return exitCodes.usage;
  }
  if (!baseline) {
    if (args.format === 'json') term.out('[]\n');
    if (!args.quiet) term.err(`${dir} did not exist at ${against}: nothing to break.\n`);
    return exitCodes.ok;
  }
  if (hasErrors(baseline.diagnostics) && !args.quiet)
    term.err(`note: the contracts at ${against} have errors; the comparison may be incomplete.\n`);
  const changes = compareContracts(baseline.contract, current.contract);
  printChanges(changes, baseline, contractsDir, args, term);
  if (!args.quiet && args.format === 'text') term.err(`${summary(changes.length, dir, against)}\n`);
  return changes.length > 0 ? exitCodes.failed : exitCodes.ok;
}

function save(
  file: string,
  contract: Parameters<typeof printModelFile>[0],
  dir: string,
  args: BreakingArgs,
  term: Terminal,
): number {
  const target = resolve(term.cwd, file);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, printModelFile(contract));
  if (!args.quiet)
    term.err(
      `Saved the model of ${dir} to ${file}; compare with 'contract-gen breaking ${dir} --against ${file}'.\n`,
    );
  return exitCodes.ok;
}

/** Text and JSON show old-side places as `<ref>:<path>`; GitHub annotations need a file of the checkout, so an old-side change is annotated without a place and names it in the message. */
function printChanges(
  changes: readonly BreakingChange[],
  baseline: Baseline,
  contractsDir: string,
  args: OutputFlags,
  term: Terminal,
): void {
  const located = changes.map(
    (c) =>
      (c.side === 'new'
        ? locateDiagnostics([c.diagnostic], contractsDir, term.cwd)[0]
        : locateOld(c, baseline)) as LocatedDiagnostic,
  );
  if (args.format === 'json') {
    term.out(
      `${JSON.stringify(
        located.map((item, i) => ({ ...toJson(item), side: changes[i]?.side })),
        null,
        2,
      )}\n`,
    );
  } else if (args.format === 'github') {
    term.out(
      formatGithub(
        located.map((item, i) => (changes[i]?.side === 'old' ? placeInMessage(item) : item)),
      ),
    );
  } else if (located.length > 0) {
    term.err(`${formatText(located, term.colors)}\n`);
  }
}

function locateOld(change: BreakingChange, baseline: Baseline): LocatedDiagnostic {
  const span = change.diagnostic.span;
  if (!span) return { diagnostic: change.diagnostic };
  const source = baseline.source(span.file);
  const file = baseline.displayFile(span.file);
  return source === undefined
    ? { diagnostic: change.diagnostic, file }
    : { diagnostic: change.diagnostic, file, source };
}

function placeInMessage({ diagnostic: d, file }: LocatedDiagnostic): LocatedDiagnostic {
  const { span, ...rest } = d;
  const where = span && file ? ` (was at ${file}:${span.line}:${span.column})` : '';
  return { diagnostic: { ...rest, message: `${d.message}${where}` } };
}

function summary(count: number, dir: string, against: string): string {
  if (count === 0) return `No breaking changes in ${dir} against ${against}.`;
  return `${count} breaking change${count === 1 ? '' : 's'} in ${dir} against ${against}.`;
}
