import { basename, relative, resolve, sep } from 'node:path';
import {
  CodeActionKind,
  ErrorCodes,
  MarkupKind,
  MessageType,
  ResponseError,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type Connection,
  type Diagnostic as LspDiagnostic,
  type Hover,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { watchFolders, type FolderWatch } from '../cli/watch-folders.js';
import type { Contract } from '../contract/model.js';
import { createCheckScheduler } from './create-check-scheduler.js';
import { createDiagnosticsPublisher } from './create-diagnostics-publisher.js';
import {
  createOverlayChecker,
  isContractPath,
  type OverlayChecker,
} from './create-overlay-checker.js';
import { uriToPath } from './file-uri.js';
import { hoverAt } from './hover-at.js';
import { quickFixes } from './quick-fixes.js';

/** Where a workspace's contracts are: what `contract-gen check` would read. */
export interface ContractsLocation {
  /** Absolute. */
  readonly contractsDir: string;
  /** The config file used, absolute, if any. */
  readonly configFile?: string;
}

export interface LspServerOptions {
  /** Finds the contracts folder for a workspace root (flags > config > defaults). May throw for a broken config file. */
  readonly locate: (root: string) => Promise<ContractsLocation>;
  /** The root when the client names none. */
  readonly cwd: string;
  readonly version: string;
  /** How long edits settle before a check (keystrokes come in bursts). */
  readonly settleMs?: number;
}

const configName = /^contract-gen\.config\.(ts|mts|mjs|js|json)$/;

/**
 * The language server, on a connection of vscode-languageserver (which does
 * the framing, JSON-RPC, and `exit`: it ends the process, 0 after `shutdown`
 * and 1 without). Keeps the editor's open documents, checks the whole
 * contracts folder with their unsaved text laid over the disk in memory (a
 * change in one file can fix or break another that imports it), and
 * publishes every file's diagnostics, clearing those of files that became
 * clean. Emits nothing: the watcher does that. A check runs once edits have
 * settled; checks never overlap. Starts listening on the connection.
 */
export function createLspServer(connection: Connection, options: LspServerOptions): void {
  const settleMs = options.settleMs ?? 60;
  const documents = new TextDocuments(TextDocument);
  let location: ContractsLocation | undefined;
  let checker: OverlayChecker | undefined;
  let watcher: FolderWatch | undefined;
  let root = options.cwd;
  let state: 'new' | 'starting' | 'running' | 'shut-down' | 'exited' = 'new';
  /** Starts (and restarts, when the config changes) one after another, never interleaved. */
  let starting: Promise<void> = Promise.resolve();
  /** The last model read, for hover and quick fixes (kept while the text does not parse). */
  let contract: Contract | undefined;

  const notify = (method: string, params: unknown) =>
    void connection.sendNotification(method, params);
  const publisher = createDiagnosticsPublisher(notify);

  const fileOf = (path: string): string | undefined => {
    if (!location) return undefined;
    const rel = relative(location.contractsDir, path).split(sep).join('/');
    return isContractPath(rel) ? rel : undefined;
  };

  /** The open documents by path, with the URI and version the editor gave each. */
  const openDocuments = () => {
    const byPath = new Map<string, TextDocument>();
    for (const doc of documents.all()) {
      const path = uriToPath(doc.uri);
      if (path) byPath.set(path, doc);
    }
    return byPath;
  };

  const checkAndPublish = async () => {
    if (!checker || !location || state !== 'running') return;
    // The versions the check sees: an editor drops diagnostics published for an older version.
    const seen = new Map(
      [...openDocuments()].map(([path, doc]) => [path, { uri: doc.uri, version: doc.version }]),
    );
    const result = await checker.check();
    if (state !== 'running') return;
    if (result.contract && result.contract.files.length > 0) contract = result.contract;
    publisher.publish(location.contractsDir, result.diagnostics, (path) => seen.get(path));
  };
  const checks = createCheckScheduler(checkAndPublish, settleMs, (error) =>
    connection.console.error(
      `contract-gen: the check failed (a bug; please report it): ${(error as Error)?.stack ?? String(error)}`,
    ),
  );
  const schedule = () => {
    if (state === 'running') checks.schedule();
  };

  const start = async () => {
    stopWatching();
    try {
      location = await options.locate(root);
    } catch (error) {
      // A broken config file: say so, and read the default folder meanwhile (saving the file fixed starts over).
      notify(ShowMessageNotification.method, {
        type: MessageType.Error,
        message: `contract-gen: ${(error as Error).message}`,
      });
      location = { contractsDir: resolve(root, 'contracts') };
    }
    if (state === 'exited') return;
    checker = createOverlayChecker(location.contractsDir);
    for (const [path, doc] of openDocuments())
      if (fileOf(path)) checker.setText(path, doc.getText());
    startWatching(location.contractsDir);
    connection.console.info(
      `contract-gen: checking ${location.contractsDir}${location.configFile ? ` (config ${location.configFile})` : ''}`,
    );
  };

  // Files changed outside the editor (a checkout, another tool) are checked too.
  const startWatching = (dir: string) => {
    // One watch per folder, as `--watch` does: atomic saves (a rename over the file) are seen every time.
    // With no folder yet nothing is watched: edits and saves in the editor still trigger checks.
    watcher = watchFolders(dir, (path, folder) => {
      if (folder || path.endsWith('.ts')) schedule();
    });
  };
  const stopWatching = () => {
    watcher?.close();
    watcher = undefined;
  };

  /** Requests other than initialize are answered only while running, as the spec asks. */
  const refuseUnlessRunning = (method: string) => {
    if (state === 'new' || state === 'starting')
      throw new ResponseError(
        ErrorCodes.ServerNotInitialized,
        `${method} before initialize was answered.`,
      );
    if (state !== 'running')
      throw new ResponseError(ErrorCodes.InvalidRequest, `${method} after shutdown.`);
  };
  const whenRunning =
    <P, R>(method: string, handler: (params: P) => R) =>
    (params: P): R => {
      refuseUnlessRunning(method);
      return handler(params);
    };

  connection.onInitialize(async (params: InitializeParams): Promise<InitializeResult> => {
    if (state !== 'new')
      throw new ResponseError(ErrorCodes.InvalidRequest, 'initialize was already sent.');
    state = 'starting';
    const given = params?.workspaceFolders?.[0]?.uri ?? params?.rootUri ?? undefined;
    root =
      (given ? uriToPath(given) : undefined) ??
      (params?.rootPath ? resolve(params.rootPath) : options.cwd);
    await (starting = starting.then(start));
    state = 'running';
    return {
      capabilities: {
        textDocumentSync: {
          openClose: true,
          change: TextDocumentSyncKind.Incremental,
          save: { includeText: false },
        },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      },
      serverInfo: { name: 'contract-gen', version: options.version },
    };
  });
  connection.onInitialized(() => schedule());
  connection.onShutdown(
    whenRunning('shutdown', () => {
      state = 'shut-down';
      checks.cancel();
    }),
  );
  connection.onExit(() => stop());

  connection.onHover(
    whenRunning('textDocument/hover', (params): Hover | null => {
      const path = uriToPath(documentUri(params));
      if (
        typeof params?.position?.line !== 'number' ||
        typeof params.position.character !== 'number'
      ) {
        throw new ResponseError(
          ErrorCodes.InvalidParams,
          'hover needs a position { line, character }.',
        );
      }
      const file = path && fileOf(path);
      const found = file && contract ? hoverAt(contract, file, params.position) : undefined;
      return found
        ? { contents: { kind: MarkupKind.Markdown, value: found.markdown }, range: found.range }
        : null;
    }),
  );
  connection.onCodeAction(
    whenRunning('textDocument/codeAction', (params): CodeAction[] => {
      const uri = documentUri(params);
      const path = uriToPath(uri);
      const file = path && fileOf(path);
      const doc = documents.get(uri);
      if (!path || !file || !contract) return [];
      const asked = Array.isArray(params.context?.diagnostics)
        ? params.context.diagnostics.filter(isRangeCarrier)
        : [];
      return quickFixes(contract, file, asked, (range) => doc?.getText(range)).map((fix) => ({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [fix.diagnostic],
        isPreferred: true,
        edit: { changes: { [uri]: [fix.edit] } },
      }));
    }),
  );
  // Whatever else is asked is not ours (and before initialize, nothing is yet).
  connection.onRequest((method) => {
    refuseUnlessRunning(method);
    throw new ResponseError(ErrorCodes.MethodNotFound, `Unhandled method ${method}`);
  });

  const setDocument = (path: string, text: string | undefined) => {
    if (!fileOf(path)) return;
    checker?.setText(path, text);
    schedule();
  };
  documents.onDidChangeContent(({ document }) => {
    const path = uriToPath(document.uri);
    // A didOpen without text (a broken client) has nothing to lay over the disk.
    if (path && typeof document.getText() === 'string') setDocument(path, document.getText());
  });
  documents.onDidClose(({ document }) => {
    const path = uriToPath(document.uri);
    if (path) setDocument(path, undefined);
  });
  documents.onDidSave(({ document }) => changedOnDisk([document.uri]));
  connection.onDidChangeWatchedFiles((params) =>
    changedOnDisk((params?.changes ?? []).map((c) => c.uri)),
  );

  // A saved config file may move the contracts folder: start over with the new location.
  const changedOnDisk = (uris: string[]) => {
    if (state !== 'running') return;
    const paths = uris.map(uriToPath);
    const config = paths.some(
      (p) => p !== undefined && (p === location?.configFile || configName.test(basename(p))),
    );
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
  };

  documents.listen(connection);
  connection.listen();
}

/** The `textDocument.uri` of a request's params, or an invalid-params error. */
function documentUri(params: unknown): string {
  const uri = (params as { textDocument?: { uri?: unknown } } | undefined)?.textDocument?.uri;
  if (typeof uri !== 'string')
    throw new ResponseError(ErrorCodes.InvalidParams, 'The params need textDocument.uri.');
  return uri;
}

/** A diagnostic the client sent back with a range we can compare (anything else is not ours to fix). */
function isRangeCarrier(d: LspDiagnostic): boolean {
  return typeof d?.range?.start?.line === 'number' && typeof d.range.end?.character === 'number';
}
