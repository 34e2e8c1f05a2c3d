import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Diagnostic } from '../contract/diagnostic.js';
import { describeContract } from '../describe/describe-contract.js';
import { generate, hasErrors, writeOutputs } from '../generator.js';
import { outDirProblem } from './check-out-dir.js';
import { exitCodes } from './exit-codes.js';
import { formatGithub, formatJson, formatText } from './format-diagnostics.js';
import { locateDiagnostics } from './locate-diagnostics.js';
import type { OutputFlags } from './main.js';
import { resolveOptions } from './resolve-options.js';
import type { Terminal } from './terminal.js';

export interface DocsArgs extends OutputFlags {
  readonly dir?: string | undefined;
  readonly config?: string | undefined;
  readonly out: string;
  readonly title?: string | undefined;
  readonly apiVersion?: string | undefined;
  readonly server: string;
  readonly check: boolean;
}

/**
 * `contract-gen docs [dir] --out docs/api`: checks the contracts, then writes
 * openapi.json and asyncapi.json (only when they changed); with `--check`,
 * writes nothing and exits 1 when they are missing or stale.
 */
export async function runDocs(args: DocsArgs, term: Terminal): Promise<number> {
  if (!isHttpUrl(args.server)) {
    term.err(
      `contract-gen: --server must be an http or https URL such as http://localhost:3000, not '${args.server}'.\n`,
    );
    return exitCodes.usage;
  }
  const { dir } = await resolveOptions({ dir: args.dir, config: args.config }, term.cwd);
  const contractsDir = resolve(term.cwd, dir);
  const problem = outDirProblem(args.out, dir, term.cwd);
  if (problem) {
    term.err(`contract-gen: ${problem}\nRun 'contract-gen --help' for usage.\n`);
    return exitCodes.usage;
  }
  const result = await generate({ contractsDir, checkOnly: true });
  printContractDiagnostics(result.diagnostics, contractsDir, args, term);
  if (hasErrors(result.diagnostics) || !result.contract) return exitCodes.failed;
  const pkg = readPackageInfo(contractsDir);
  const files = describeContract(result.contract, {
    title: args.title ?? pkg.name ?? 'API',
    version: args.apiVersion ?? pkg.version ?? '0.0.0',
    serverUrl: args.server,
  });
  const report = await writeOutputs(resolve(term.cwd, args.out), files, args.check);
  const changed = [...report.missing, ...report.stale];
  if (args.check && changed.length > 0) {
    term.err(
      `${args.out} does not match ${dir}:\n${changed.map((p) => `  stale: ${join(args.out, p)}`).join('\n')}\nRun 'contract-gen docs ${dir} --out ${args.out}' and commit the result.\n`,
    );
    return exitCodes.failed;
  }
  if (!args.quiet)
    term.err(
      args.check
        ? `${args.out} is up to date.\n`
        : `Wrote ${changed.length} of ${files.length} API documents to ${args.out}.\n`,
    );
  return exitCodes.ok;
}

function isHttpUrl(text: string): boolean {
  return URL.canParse(text) && ['http:', 'https:'].includes(new URL(text).protocol);
}

/** Prints the contracts' diagnostics in the chosen format (shared by `docs` and `breaking`). */
export function printContractDiagnostics(
  diagnostics: readonly Diagnostic[],
  contractsDir: string,
  args: OutputFlags,
  term: Terminal,
): void {
  const items = locateDiagnostics(diagnostics, contractsDir, term.cwd);
  if (args.format === 'json') term.out(formatJson(items));
  else if (args.format === 'github') term.out(formatGithub(items));
  else if (items.length > 0) term.err(`${formatText(items, term.colors)}\n`);
}

/** `name` and `version` of the nearest package.json above the contracts: the documents' default title and version. */
function readPackageInfo(from: string): { name?: string; version?: string } {
  for (let dir = from; ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      try {
        const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown; version?: unknown };
        return {
          ...(typeof pkg.name === 'string' ? { name: pkg.name } : {}),
          ...(typeof pkg.version === 'string' ? { version: pkg.version } : {}),
        };
      } catch {
        return {};
      }
    }
    if (dirname(dir) === dir) return {};
  }
}
