import { resolve } from 'node:path';
import type { ts } from './typescript.js';
import { createDiskHost } from '../host/create-disk-host.js';
import type { ReaderHost } from '../host/reader-host.js';
import { codes } from '../codes.js';
import { compareDiagnostics, type Diagnostic } from '../diagnostic.js';
import type { Contract } from '../model.js';
import { createContractProgram } from './create-contract-program.js';
import { createContractSources, type ParsedContract } from './contract-sources.js';
import type { DeclarationReuse } from './declaration-table.js';
import { createClosureTracker } from './import-closure.js';
import { createModelCache, ModelCacheMiss, type ModelCache } from './model-cache.js';
import { createReadSession } from './create-read-session.js';
import { listContractFiles } from './list-contract-files.js';
import { readContractModel } from './read-contract-model.js';
import { readImportDiagnostics, refusedImportNames } from './read-import-diagnostics.js';
import { readMarkerDiagnostics } from './read-marker-diagnostics.js';
import { readModuleDiagnostics } from './read-module-diagnostics.js';
import { readSyntaxDiagnostics } from './read-syntax-diagnostics.js';

export interface ReadContractsOptions {
  /** The contracts folder, absolute or relative to the current directory. */
  readonly contractsDir: string;
  /**
   * Keep parts of the model between reads and reuse what no change could
   * affect (default true: a reader is made to read again). A reader read
   * once (`readContracts`, `contract-gen check`) skips the bookkeeping.
   */
  readonly incremental?: boolean;
  /**
   * Where the files come from (default: the disk). An editor's unsaved text
   * laid over the disk, or a git revision held in memory, is read the same
   * way and gives the same model and diagnostics as those files on disk.
   */
  readonly host?: ReaderHost;
}

export interface ReadResult {
  readonly contract: Contract;
  /** What only the reader can see (CG001–CG006), sorted; the checks add the rest. */
  readonly diagnostics: Diagnostic[];
}

/**
 * Per file (relative path), the names a read's files bind by imports CG002
 * refused (none: an empty map). Where such a name is used, CG205 would only
 * repeat CG002. Kept beside the result, not in it: a result prints as the
 * model and diagnostics only (the reader's goldens).
 */
export function refusedImportsOf(result: ReadResult): ReadonlyMap<string, ReadonlySet<string>> {
  return refusedImports.get(result) ?? new Map();
}

const refusedImports = new WeakMap<ReadResult, ReadonlyMap<string, ReadonlySet<string>>>();

function withRefused(
  result: ReadResult,
  refused: ReadonlyMap<string, ReadonlySet<string>>,
): ReadResult {
  if (refused.size > 0) refusedImports.set(result, refused);
  return result;
}

/** A reader that keeps the parsed contracts (and the last program) alive between reads, for watch mode. */
export interface ContractReader {
  /** Reads the folder as it is now; files added or removed since the last read are noticed. */
  read(): ReadResult;
  /** Says these files changed (on disk, or in the host): the next read reads them again (and parses them if their text changed). */
  refresh(changedPaths: readonly string[]): void;
}

const emptyContract: Contract = { files: [], services: [], callbacks: [], types: [], others: [] };

/**
 * Creates a reader for one contracts folder. Each read re-lists the folder,
 * parses only new and changed files, and creates a type checker only if
 * some type needs one (passing the previous program, so TypeScript reuses
 * what did not change).
 */
export function createContractReader(options: ReadContractsOptions): ContractReader {
  const dir = resolve(options.contractsDir);
  const host = options.host ?? createDiskHost();
  const sources = createContractSources(host);
  const changed = new Set<string>();
  const closures = createClosureTracker();
  const cache = createModelCache();
  const declarations: DeclarationReuse = new WeakMap();
  let lastProgram: ts.Program | undefined;
  let listing = '';

  const read = (): ReadResult => {
    const folder = listContractFiles(dir, host);
    if (folder.kind !== 'folder') {
      return folderProblem(dir, folder.kind === 'missing' ? 'does not exist' : 'is not a folder');
    }
    if (folder.files.length === 0) return noFiles(dir);
    const parsed = sources.update(folder.files, changed);
    changed.clear();
    const sourceFiles = parsed.map((p) => p.sourceFile);
    const program = (): ts.Program =>
      (lastProgram = createContractProgram(dir, sourceFiles, lastProgram));
    // The same string object while the folder holds the same files: caches compare it by identity.
    const names = parsed.map((p) => p.file.absolutePath).join('\n');
    if (names !== listing) listing = names;
    const tokens =
      options.incremental === false ? undefined : closures.update(dir, parsed, listing);
    return readFiles(dir, parsed, once(program), { cache, tokens, listing, declarations });
  };

  return { read, refresh: (paths) => paths.forEach((p) => changed.add(resolve(p))) };
}

function readFiles(
  dir: string,
  parsed: readonly ParsedContract[],
  program: () => ts.Program,
  incremental: {
    readonly cache: ModelCache;
    readonly tokens: ReadonlyMap<string, object> | undefined;
    readonly listing: string;
    readonly declarations: DeclarationReuse;
  },
): ReadResult {
  const { cache, tokens, listing } = incremental;
  const relative = new Map(parsed.map((p) => [p.sourceFile, p.file.relativePath]));
  let session = createReadSession(dir, relative, program, incremental.declarations);
  const diagnostics: Diagnostic[] = [];
  const refused = new Map<string, ReadonlySet<string>>();
  for (const { sourceFile } of parsed) {
    diagnostics.push(...readSyntaxDiagnostics(sourceFile, session, program));
    // They depend on the file and on which files exist: kept per parse while the listing is the same.
    let imports = importDiagnostics.get(sourceFile);
    if (imports?.listing !== listing) {
      const isContractFile = (path: string) => session.fileAt(path) !== undefined;
      const found = readImportDiagnostics(sourceFile, dir, isContractFile, session);
      const names = found.length > 0 ? refusedImportNames(sourceFile, dir, isContractFile) : [];
      importDiagnostics.set(sourceFile, (imports = { listing, found, names }));
    }
    diagnostics.push(...imports.found);
    if (imports.names.length > 0)
      refused.set(session.relativePath(sourceFile), new Set(imports.names));
    let constructs = moduleDiagnostics.get(sourceFile);
    if (!constructs)
      moduleDiagnostics.set(sourceFile, (constructs = readModuleDiagnostics(sourceFile, session)));
    diagnostics.push(...constructs, ...readMarkerDiagnostics(sourceFile, session));
  }
  diagnostics.sort(compareDiagnostics);
  // A model read from text with syntax errors is never emitted; keep nothing of it.
  const reuse = diagnostics.some((d) => d.code === codes.syntaxError) ? undefined : tokens;
  try {
    try {
      const contract = readContractModel(session, (s) => cache.begin(s, reuse));
      cache.end(session.registry.deepest());
      return withRefused({ contract, diagnostics }, refused);
    } catch (error) {
      if (!(error instanceof ModelCacheMiss)) throw error;
      cache.clear();
      session = createReadSession(dir, relative, program);
      return withRefused({ contract: readContractModel(session), diagnostics }, refused);
    }
  } catch (error) {
    cache.clear();
    // Text that does not parse can leave the syntax tree in shapes no valid
    // contract has; the syntax errors are then the whole story. A failure on
    // contracts that parse is a bug of ours and goes on to be reported so.
    if (diagnostics.some((d) => d.code === codes.syntaxError))
      return { contract: emptyContract, diagnostics };
    throw error;
  }
}

const importDiagnostics = new WeakMap<
  ts.SourceFile,
  {
    readonly listing: string;
    readonly found: readonly Diagnostic[];
    readonly names: readonly string[];
  }
>();

/** They depend on the file alone: kept per parse. */
const moduleDiagnostics = new WeakMap<ts.SourceFile, readonly Diagnostic[]>();

function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

function folderProblem(dir: string, problem: string): ReadResult {
  const diagnostic: Diagnostic = {
    code: codes.contractsDirMissing,
    severity: 'error',
    message: `The contracts folder '${dir}' ${problem}`,
    hint: 'Pass the folder that holds your contract .ts files (e.g. `contract-gen generate contracts`).',
  };
  return { contract: emptyContract, diagnostics: [diagnostic] };
}

function noFiles(dir: string): ReadResult {
  const diagnostic: Diagnostic = {
    code: codes.emptyContracts,
    severity: 'error',
    message: `The contracts folder '${dir}' has no .ts files`,
    hint: "Add a file such as `chat.ts` declaring `export interface Chat extends Service { ... }` (import type { Service } from 'contract-gen').",
  };
  return { contract: emptyContract, diagnostics: [diagnostic] };
}
