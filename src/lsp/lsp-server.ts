import { watch, type FSWatcher } from 'node:fs';
import { basename, relative, resolve, sep } from 'node:path';
import type { Contract } from '../contract/model.js';
import { createCheckScheduler } from './create-check-scheduler.js';
import { createDiagnosticsPublisher } from './create-diagnostics-publisher.js';
import { createOverlayChecker, isContractPath, type OverlayChecker } from './create-overlay-checker.js';
import { applyChanges, offsetAt, type OpenDocument } from './document-store.js';
import { uriToPath } from './file-uri.js';
import { hoverAt } from './hover-at.js';
import { createRpcConnection, methodNotFound, ResponseError, rpcErrors } from './json-rpc.js';
import { incrementalSync, type ContentChange, type LspDiagnostic, type Position, type Range, type TextDocumentItem } from './lsp-types.js';
import { quickFixes } from './quick-fixes.js';

/** Where a workspace's contracts are: what `contract-gen check` would read. */
export interface ContractsLocation {
  /** Absolute. */
  readonly contractsDir: string;
  /** The config file used, absolute, if any. */
  readonly configFile?: string;
}

export interface LspServerOptions {
  /** Sends framed bytes to the client (stdout). */
  readonly write: (bytes: Buffer) => void;
  /** Finds the contracts folder for a workspace root (flags > config > defaults). May throw for a broken config file. */
  readonly locate: (root: string) => Promise<ContractsLocation>;
  /** The root when the client names none. */
  readonly cwd: string;
  /** Called on `exit`: 0 after `shutdown`, 1 without (as the spec says), and when the input ends. */
  readonly exit: (code: number) => void;
  readonly version: string;
  /** How long edits settle before a check (keystrokes come in bursts). */
  readonly settleMs?: number;
}

export interface LspServer {
  /** Bytes from the client (stdin). */
  push(chunk: Uint8Array): void;
  /** The input ended without `exit`: stop. */
  end(): void;
}

const configName = /^contract-gen\.config\.(ts|mts|mjs|js|json)$/;

/**
 * The language server: keeps the editor's open contract files, checks the
 * whole contracts folder with their unsaved text laid over the disk (a
 * change in one file can fix or break another that imports it), and
 * publishes every file's diagnostics, clearing those of files that became
 * clean. Emits nothing: the watcher does that. A check runs once edits have
 * settled; checks never overlap.
 */
export function createLspServer(options: LspServerOptions): LspServer {
  const settleMs = options.settleMs ?? 60;
  const documents = new Map<string, OpenDocument>();
  let location: ContractsLocation | undefined;
  let checker: OverlayChecker | undefined;
  let watcher: FSWatcher | undefined;
  let root = options.cwd;
  let state: 'new' | 'starting' | 'running' | 'shut-down' | 'exited' = 'new';
  /** Starts (and restarts, when the config changes) one after another, never interleaved. */
  let starting: Promise<void> = Promise.resolve();
  /** The last model read, for hover and quick fixes (kept while the text does not parse). */
  let contract: Contract | undefined;

  const notify = (method: string, params: unknown) => connection.notify(method, params);
  const log = (message: string, type: 1 | 2 | 3 | 4 = 4) => notify('window/logMessage', { type, message });
  const publisher = createDiagnosticsPublisher(notify);

  const fileOf = (path: string): string | undefined => {
    if (!location) return undefined;
    const rel = relative(location.contractsDir, path).split(sep).join('/');
    return isContractPath(rel) ? rel : undefined;
  };

  const checkAndPublish = async () => {
    if (!checker || !location || state !== 'running') return;
    // The versions the check sees: an editor drops diagnostics published for an older version.
    const seen = new Map([...documents].map(([path, doc]) => [path, { uri: doc.uri, version: doc.version }]));
    const result = await checker.check();
    if (state !== 'running') return;
    if (result.contract && result.contract.files.length > 0) contract = result.contract;
    publisher.publish(location.contractsDir, result.diagnostics, (path) => seen.get(path));
  };
  const checks = createCheckScheduler(checkAndPublish, settleMs, (error) =>
    log(`contract-gen: the check failed (a bug; please report it): ${(error as Error)?.stack ?? String(error)}`, 1),
  );
  const schedule = () => {
    if (state === 'running') checks.schedule();
  };

  const start = async () => {
    stopWatching();
    checker?.dispose();
    try {
      location = await options.locate(root);
    } catch (error) {
      // A broken config file: say so, and read the default folder meanwhile (saving the file fixed starts over).
      notify('window/showMessage', { type: 1, message: `contract-gen: ${(error as Error).message}` });
      location = { contractsDir: resolve(root, 'contracts') };
    }
    if (state === 'exited') return;
    checker = createOverlayChecker(location.contractsDir);
    for (const [path, doc] of documents) if (fileOf(path)) checker.setText(path, doc.text);
    startWatching(location.contractsDir);
    log(`contract-gen: checking ${location.contractsDir}${location.configFile ? ` (config ${location.configFile})` : ''}`, 3);
  };

  // Files changed outside the editor (a checkout, another tool) are checked too.
  const startWatching = (dir: string) => {
    try {
      watcher = watch(dir, { recursive: true }, (_event, name) => {
        if (!name || name.toString().endsWith('.ts')) schedule();
      });
      watcher.on('error', () => stopWatching());
    } catch {
      // No folder yet: edits and saves in the editor still trigger checks.
    }
  };
  const stopWatching = () => {
    watcher?.close();
    watcher = undefined;
  };

  const textAt = (path: string) => (range: Range) => {
    const doc = documents.get(path);
    if (!doc) return undefined;
    return doc.text.slice(offsetAt(doc.text, range.start), offsetAt(doc.text, range.end));
  };

  const requests: Record<string, (params: any) => unknown> = {
    initialize: async (params: { rootUri?: string | null; rootPath?: string | null; workspaceFolders?: { uri: string }[] | null }) => {
      if (state !== 'new') throw new ResponseError(rpcErrors.invalidRequest, 'initialize was already sent.');
      state = 'starting';
      const given = params?.workspaceFolders?.[0]?.uri ?? params?.rootUri ?? undefined;
      root = (given ? uriToPath(given) : undefined) ?? (params?.rootPath ? resolve(params.rootPath) : options.cwd);
      await (starting = starting.then(start));
      state = 'running';
      return {
        capabilities: {
          textDocumentSync: { openClose: true, change: incrementalSync, save: { includeText: false } },
          hoverProvider: true,
          codeActionProvider: { codeActionKinds: ['quickfix'] },
        },
        serverInfo: { name: 'contract-gen', version: options.version },
      };
    },
    shutdown: () => {
      state = 'shut-down';
      checks.cancel();
      return null;
    },
    'textDocument/hover': (params: { textDocument: { uri: string }; position: Position }) => {
      const path = uriToPath(documentUri(params));
      if (typeof params.position?.line !== 'number' || typeof params.position.character !== 'number') {
        throw new ResponseError(rpcErrors.invalidParams, 'hover needs a position { line, character }.');
      }
      const file = path && fileOf(path);
      const found = file && contract ? hoverAt(contract, file, params.position) : undefined;
      return found ? { contents: { kind: 'markdown', value: found.markdown }, range: found.range } : null;
    },
    'textDocument/codeAction': (params: { textDocument: { uri: string }; context?: { diagnostics?: LspDiagnostic[] } }) => {
      const path = uriToPath(documentUri(params));
      const file = path && fileOf(path);
      if (!path || !file || !contract) return [];
      const asked = Array.isArray(params.context?.diagnostics) ? params.context.diagnostics.filter(isRangeCarrier) : [];
      return quickFixes(contract, file, asked, textAt(path)).map((fix) => ({
        title: fix.title,
        kind: 'quickfix',
        diagnostics: [fix.diagnostic],
        isPreferred: true,
        edit: { changes: { [params.textDocument.uri]: [fix.edit] } },
      }));
    },
  };

  const setDocument = (path: string, doc: OpenDocument | undefined) => {
    if (doc) documents.set(path, doc);
    else documents.delete(path);
    if (fileOf(path)) {
      checker?.setText(path, doc?.text);
      schedule();
    }
  };

  const notifications: Record<string, (params: any) => void> = {
    initialized: () => schedule(),
    exit: () => {
      const code = state === 'shut-down' ? 0 : 1;
      stop();
      options.exit(code);
    },
    'textDocument/didOpen': (params: { textDocument: TextDocumentItem }) => {
      const { uri, version, text } = params.textDocument;
      const path = uriToPath(uri);
      if (path && typeof text === 'string') setDocument(path, { uri, version, text });
    },
    'textDocument/didChange': (params: { textDocument: { uri: string; version: number }; contentChanges: ContentChange[] }) => {
      const path = uriToPath(params.textDocument.uri);
      const doc = path ? documents.get(path) : undefined;
      if (!path || !doc) return;
      const changes = Array.isArray(params.contentChanges) ? params.contentChanges : [];
      setDocument(path, { uri: doc.uri, version: params.textDocument.version, text: applyChanges(doc.text, changes) });
    },
    'textDocument/didClose': (params: { textDocument: { uri: string } }) => {
      const path = uriToPath(params.textDocument.uri);
      if (path) setDocument(path, undefined);
    },
    'textDocument/didSave': (params: { textDocument: { uri: string } }) => changedOnDisk([params.textDocument.uri]),
    'workspace/didChangeWatchedFiles': (params: { changes?: { uri: string }[] }) => changedOnDisk((params.changes ?? []).map((c) => c.uri)),
  };

  // A saved config file may move the contracts folder: start over with the new location.
  const changedOnDisk = (uris: string[]) => {
    const paths = uris.map(uriToPath);
    const config = paths.some((p) => p !== undefined && (p === location?.configFile || configName.test(basename(p))));
    if (!config) return schedule();
    starting = starting.then(start).then(() => {
      publisher.clear();
      schedule();
    });
  };

  const stop = () => {
    state = 'exited';
    checks.cancel();
    stopWatching();
    checker?.dispose();
  };

  const connection = createRpcConnection(
    {
      request(method, params) {
        if ((state === 'new' && method !== 'initialize') || state === 'starting') {
          throw new ResponseError(rpcErrors.serverNotInitialized, `${method} before initialize was answered.`);
        }
        if (state === 'shut-down' || state === 'exited') throw new ResponseError(rpcErrors.invalidRequest, `${method} after shutdown.`);
        // Own properties only: 'toString' is not a method of this server.
        if (!Object.hasOwn(requests, method)) throw methodNotFound(method);
        return requests[method]!(params);
      },
      notification(method, params) {
        // Before initialize only exit counts; `$/` notifications (cancel, progress) are optional and ignored.
        if (state === 'exited' || ((state === 'new' || state === 'starting') && method !== 'exit')) return;
        if (Object.hasOwn(notifications, method)) notifications[method]!(params);
      },
    },
    options.write,
  );

  return {
    push: (chunk) => connection.push(chunk),
    end: () => {
      if (state === 'exited') return;
      const code = state === 'shut-down' ? 0 : 1;
      stop();
      options.exit(code);
    },
  };
}

/** The `textDocument.uri` of a request's params, or an invalid-params error. */
function documentUri(params: unknown): string {
  const uri = (params as { textDocument?: { uri?: unknown } } | undefined)?.textDocument?.uri;
  if (typeof uri !== 'string') throw new ResponseError(rpcErrors.invalidParams, 'The params need textDocument.uri.');
  return uri;
}

/** A diagnostic the client sent back with a range we can compare (anything else is not ours to fix). */
function isRangeCarrier(d: LspDiagnostic): boolean {
  return typeof d?.range?.start?.line === 'number' && typeof d.range.end?.character === 'number';
}
