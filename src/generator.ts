/**
 * `contract-gen/generator`: the programmatic core the CLI, the tests and the
 * watch mode all call. `generate` reads, checks and emits, and returns files
 * and diagnostics as data; `writeOutputs` is the only step that touches the
 * output folder.
 */
import { join, posix, relative, resolve, sep } from 'node:path';
import {
  checkContract,
  createContractChecker,
  declarationDiagnostics,
} from './contract/check-contract.js';
import { codes } from './contract/codes.js';
import { compareDiagnostics, type Diagnostic } from './contract/diagnostic.js';
import type { Contract, Span } from './contract/model.js';
import { walkTypes } from './contract/check/walk-types.js';
import type { ReaderHost } from './contract/host/reader-host.js';
import { pruneUnreachable } from './contract/prune-unreachable.js';
import { createContractReader, type ReadResult } from './contract/read/read-contracts.js';
import { refusedImportsOf } from './contract/read/create-contract-reader.js';
import { createDiskHost } from './contract/host/create-disk-host.js';
import type { EmitCache, EmitTarget, FormatCache, OutputFile } from './emit/emit-contract.js';
import { syncOutputs, type SyncReport } from './emit/sync-outputs.js';

export type { Contract } from './contract/model.js';
export type { Diagnostic, Severity } from './contract/diagnostic.js';
export type { EmitTarget, OutputFile } from './emit/emit-contract.js';
export type { SyncReport } from './emit/sync-outputs.js';
export type {
  HostEntry,
  HostEntryKind,
  HostStat,
  ReaderHost,
} from './contract/host/reader-host.js';
export type { MemoryHost } from './contract/host/create-memory-host.js';
export { codes };
export { createDiskHost } from './contract/host/create-disk-host.js';
export { createMemoryHost } from './contract/host/create-memory-host.js';

export interface GenerateOptions {
  /** The contracts folder (absolute, or relative to the current folder). */
  readonly contractsDir: string;
  /** The output folder; `generated` beside the current folder by default. */
  readonly outDir?: string;
  /** Emit the server half, the client half, or both (default). */
  readonly target?: EmitTarget;
  /** The package generated code imports its runtime from (default `contract-gen`). */
  readonly runtime?: string;
  /** What generated relative imports end with (default `.js`, right for nodenext and bundlers). */
  readonly importExtension?: '.js' | '.ts' | '';
  /**
   * Where generated code takes the contract's types from: the contract files
   * (`import`, the default), or a `<name>.types.ts` copy of each contract
   * file written beside the generated files (`copy`), so the output folder
   * imports nothing outside itself.
   */
  readonly contractTypes?: 'import' | 'copy';
  /** Read and check only; emit nothing (`contract-gen check`). */
  readonly checkOnly?: boolean;
  /** Told as each stage starts, for progress displays. */
  readonly onProgress?: (phase: 'reading' | 'checking' | 'emitting') => void;
  /**
   * Where the contract files are read from (default: the disk): an editor's
   * unsaved text over the disk, a git revision in memory. Outputs are still
   * written (by {@link writeOutputs}) to the disk.
   */
  readonly host?: ReaderHost;
}

export interface GenerateResult {
  /** Sorted by file, line, column. */
  readonly diagnostics: readonly Diagnostic[];
  /** What would be written; empty when there are errors or with `checkOnly`. */
  readonly files: readonly OutputFile[];
  /** The model, for tools built on it (absent when the folder could not be read). */
  readonly contract?: Contract;
}

/**
 * The read errors after which checks would only report consequences: a file
 * that does not parse (CG001), no folder or no files (CG003, CG004). After the
 * others (an import refused, CG002; a module construct, CG005; an unknown
 * marker name, CG006) the checks still run, so one refused import does not
 * hide the file's other problems.
 */
function blocksChecks(readDiagnostics: readonly Diagnostic[]): boolean {
  const blocking: readonly string[] = [
    codes.syntaxError,
    codes.emptyContracts,
    codes.contractsDirMissing,
  ];
  return readDiagnostics.some((d) => d.severity === 'error' && blocking.includes(d.code));
}

/**
 * The checks' findings without those that only repeat, with no better place,
 * what the reader said: "no service" (CG003) after a misspelled marker
 * (CG006), and "cannot resolve" (CG205) where a name imported from a refused
 * module (CG002 at the import) is used.
 */
function withoutConsequences(
  checked: readonly Diagnostic[],
  read: ReadResult,
  contract: Contract,
): readonly Diagnostic[] {
  let kept = checked;
  if (read.diagnostics.some((d) => d.code === codes.unknownContractGenName))
    kept = kept.filter((d) => d.code !== codes.emptyContracts);
  const refused = refusedImportsOf(read);
  if (refused.size > 0) {
    const fromRefused = refusedUses(contract, refused);
    kept = kept.filter((d) => d.code !== codes.unresolvedType || !fromRefused.has(spanKey(d.span)));
  }
  return kept;
}

/** Where a name bound by a refused import is used as a type (`Foo`, `Foo<X>`, `z.Foo`): span keys. */
function refusedUses(
  contract: Contract,
  refused: ReadonlyMap<string, ReadonlySet<string>>,
): Set<string> {
  const found = new Set<string>();
  walkTypes(contract, (v) => {
    const ref = v.ref;
    if (ref.kind !== 'unsupported' || ref.what !== 'unresolved') return;
    const root = /^[\w$]+/.exec(ref.text)?.[0];
    if (root !== undefined && refused.get(ref.span.file)?.has(root)) found.add(spanKey(ref.span));
  });
  return found;
}

function spanKey(span: Span | undefined): string {
  return span ? `${span.file}:${span.line}:${span.column}` : '';
}

/** True when any diagnostic is an error (warnings do not fail a run). */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Reads, checks and (when clean) emits. Writes nothing. */
export function generate(options: GenerateOptions): Promise<GenerateResult> {
  return makeGenerator(options, false).run();
}

/**
 * A generator that stays alive between runs (watch mode, the language
 * server): the reader keeps parsed files and re-parses only those said to
 * have changed (and any the folder gained), and re-reads only declarations
 * whose file or imported files changed; checks re-run only on changed
 * declarations; only files whose declarations (or what they look up) changed
 * are rendered again, and only changed renders formatted. Each run returns
 * exactly what {@link generate} would (docs/internals.md, "Incremental watch runs").
 */
export interface Generator {
  /** Runs again; `changed` lists files (absolute paths) known to have changed in the host since the last run. */
  run(changed?: readonly string[]): Promise<GenerateResult>;
}

export function createGenerator(options: GenerateOptions): Generator {
  return makeGenerator(options, true);
}

/** `incremental`: keep parts of the model, check results and outputs between runs (a generator run once need not). */
function makeGenerator(options: GenerateOptions, incremental: boolean): Generator {
  const contractsDir = resolve(options.contractsDir);
  const outDir = resolve(options.outDir ?? 'generated');
  const host = options.host ?? createDiskHost();
  const reader = createContractReader({
    contractsDir,
    incremental,
    ...(options.host ? { host: options.host } : {}),
  });
  const formatCache: FormatCache = new Map();
  const emitCache: EmitCache | undefined = incremental ? new Map() : undefined;
  const checker = incremental ? createContractChecker() : { check: checkContract };
  return {
    async run(changed = []) {
      reader.refresh(changed);
      options.onProgress?.('reading');
      const read = reader.read();
      const readDiagnostics = read.diagnostics;
      options.onProgress?.('checking');
      const blocked = blocksChecks(readDiagnostics);
      // Only what services and callbacks reach is checked; the rest is emitted only if it can be.
      const contract = blocked
        ? read.contract
        : pruneUnreachable(read.contract, (t) => declarationDiagnostics(read.contract, t));
      const diagnostics = [
        ...readDiagnostics,
        ...(blocked ? [] : withoutConsequences(checker.check(contract), read, contract)),
      ];
      diagnostics.sort(compareDiagnostics);
      if (options.checkOnly || hasErrors(diagnostics)) return { diagnostics, files: [], contract };
      options.onProgress?.('emitting');
      // Loaded here, not at the top: `check` never emits, and prettier and
      // Handlebars are a good part of a cold start.
      const { emitContract } = await import('./emit/emit-contract.js');
      const files = await emitContract({
        contract,
        outDir,
        formatCache,
        ...(emitCache ? { emitCache } : {}),
        contractsFromOut: relative(outDir, contractsDir).split(sep).join(posix.sep),
        ...(options.runtime ? { runtime: options.runtime } : {}),
        ...(options.target ? { target: options.target } : {}),
        ...(options.importExtension !== undefined
          ? { importExtension: options.importExtension }
          : {}),
        ...(options.contractTypes
          ? {
              contractTypes: options.contractTypes,
              readSource: (file: string) => host.readFile(join(contractsDir, file)),
            }
          : {}),
      });
      return { diagnostics, files, contract };
    },
  };
}

/**
 * Writes what changed and removes orphans; with `check`, only reports what
 * differs. `memory` (watch mode) remembers what was written, so later syncs
 * need not read the folder again.
 */
export function writeOutputs(
  outDir: string,
  files: readonly OutputFile[],
  check = false,
  memory?: Map<string, string>,
): Promise<SyncReport> {
  return syncOutputs({ outDir: resolve(outDir), files, check, ...(memory ? { memory } : {}) });
}
