import { spawn, type ChildProcess } from 'node:child_process';
import {
  StreamMessageReader,
  type Diagnostic,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver/node';
import { cliPath } from '../support/cli.js';

/** Frames one message as the base protocol says: the header, then the JSON body (the length counts UTF-8 bytes). */
export function encodeMessage(message: unknown): Buffer {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
}

export interface RpcAnswer {
  readonly id: number | string | null;
  readonly result?: unknown;
  readonly error?: { code: number; message: string };
}

export interface Notification {
  readonly method: string;
  readonly params: unknown;
}

/**
 * Speaks LSP to `contract-gen lsp` in a child process, as an editor would:
 * framed requests with ids, notifications, and a log of what the server sent.
 */
export class LspClient {
  readonly child: ChildProcess;
  readonly notifications: Notification[] = [];
  readonly answers: RpcAnswer[] = [];
  readonly stderr: string[] = [];
  private nextId = 1;
  private readonly waiting = new Set<() => void>();
  readonly exited: Promise<number | null>;

  /** `env` adds to the server's environment. */
  constructor(
    cwd: string,
    args: readonly string[] = [],
    env: Readonly<Record<string, string>> = {},
  ) {
    this.child = spawn(process.execPath, [cliPath, 'lsp', ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '1', ...env },
    });
    const reader = new StreamMessageReader(this.child.stdout!);
    reader.onError((error) => this.stderr.push(`client framing error: ${error.message}`));
    reader.listen((message) => {
      const m = message as { method?: string; params?: unknown; id?: number | string | null };
      if (typeof m.method === 'string')
        this.notifications.push({ method: m.method, params: m.params });
      else this.answers.push(m as RpcAnswer);
      this.waiting.forEach((wake) => wake());
    });
    this.child.stderr!.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString('utf8')));
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
  }

  /** Writes raw bytes, for framing tests. */
  writeRaw(bytes: string | Buffer): void {
    this.child.stdin!.write(bytes);
  }

  notify(method: string, params?: unknown): void {
    this.child.stdin!.write(
      encodeMessage({ jsonrpc: '2.0', method, ...(params !== undefined ? { params } : {}) }),
    );
  }

  /** Sends a request and waits for its answer (result or error). */
  async request(method: string, params?: unknown): Promise<RpcAnswer> {
    const id = this.nextId++;
    this.child.stdin!.write(
      encodeMessage({ jsonrpc: '2.0', id, method, ...(params !== undefined ? { params } : {}) }),
    );
    return this.until(`the answer to ${method}`, () => this.answers.find((a) => a.id === id));
  }

  /** Waits for the first notification after `from` (an index into `notifications`) that matches. */
  nextNotification(
    from: number,
    what: string,
    match: (n: Notification) => boolean,
  ): Promise<Notification> {
    return this.until(what, () => this.notifications.slice(from).find(match));
  }

  /** Waits for the diagnostics of `uri` published after `from` that satisfy `match`. */
  diagnosticsOf(
    uri: string,
    from: number,
    match: (diagnostics: Diagnostic[]) => boolean = () => true,
  ): Promise<Diagnostic[]> {
    // What the server publishes: the params of textDocument/publishDiagnostics, as the protocol types them.
    const published = (n: Notification) => n.params as PublishDiagnosticsParams;
    return this.nextNotification(
      from,
      `diagnostics of ${uri}`,
      (n) =>
        n.method === 'textDocument/publishDiagnostics' &&
        published(n).uri === uri &&
        match(published(n).diagnostics),
    ).then((n) => published(n).diagnostics);
  }

  private until<T>(what: string, find: () => T | undefined, ms = 30_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = find();
        if (found === undefined) return;
        cleanup();
        resolve(found);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(
          new Error(
            `no ${what} within ${ms} ms; server said: ${JSON.stringify(this.notifications)} ${this.stderr.join('')}`,
          ),
        );
      }, ms);
      const cleanup = () => {
        clearTimeout(timer);
        this.waiting.delete(check);
      };
      this.waiting.add(check);
      check();
    });
  }
}
