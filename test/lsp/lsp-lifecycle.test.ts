import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createConnection, StreamMessageReader } from 'vscode-languageserver/node';
import { createLspServer } from '../../src/lsp/lsp-server.js';
import { encodeMessage } from './lsp-client.js';

// The server in-process, on a connection over in-memory streams: what it
// answers to messages out of order, malformed or unknown.

interface Sent {
  id?: number | string | null;
  method?: string;
  result?: unknown;
  error?: { code: number; message: string };
  params?: unknown;
}

let dir: string;
const toServer = new PassThrough();
const sent: Sent[] = [];
let exitCode: number | undefined;
let nextId = 1;

function send(message: object): void {
  toServer.write(encodeMessage({ jsonrpc: '2.0', ...message }));
}

/** Sends a request and waits (a few turns of the event loop at most: no timers) for its answer. */
async function request(method: string, params?: unknown): Promise<Sent> {
  const id = nextId++;
  send({ id, method, params });
  for (let turn = 0; turn < 100; turn++) {
    const answer = sent.find((m) => m.id === id);
    if (answer) return answer;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`no answer to ${method}; sent: ${JSON.stringify(sent)}`);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cg-lsp-life-'));
  mkdirSync(join(dir, 'contracts'));
  writeFileSync(
    join(dir, 'contracts', 'a.ts'),
    "import type { Service } from 'contract-gen';\nexport interface A extends Service { f(): Promise<void> }\n",
  );
  const fromServer = new PassThrough();
  const reader = new StreamMessageReader(fromServer);
  reader.onError((e) => {
    throw e;
  });
  reader.listen((m) => sent.push(m as Sent));
  // The library ends the process on `exit`: here it only records the code.
  vi.spyOn(process, 'exit').mockImplementation(
    ((code?: number) => void (exitCode = code)) as typeof process.exit,
  );
  createLspServer(createConnection(toServer, fromServer), {
    locate: (root) => Promise.resolve({ contractsDir: join(root, 'contracts') }),
    cwd: dir,
    version: '0.0.0',
  });
});

afterAll(() => {
  vi.restoreAllMocks();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the language server, in process', () => {
  it('refuses requests before initialize with -32002', async () => {
    expect((await request('textDocument/hover', {})).error?.code).toBe(-32002);
  });

  it('initializes once; a second initialize is an invalid request', async () => {
    expect(
      (await request('initialize', { rootUri: pathToFileURL(dir).href, capabilities: {} })).result,
    ).toBeTruthy();
    expect(
      (await request('initialize', { rootUri: pathToFileURL(dir).href, capabilities: {} })).error
        ?.code,
    ).toBe(-32600);
    send({ method: 'initialized', params: {} });
  });

  it('answers methods it does not have, Object.prototype ones included, with -32601', async () => {
    expect((await request('toString')).error?.code).toBe(-32601);
    expect(
      (
        await request('textDocument/definition', {
          textDocument: { uri: 'file:///x.ts' },
          position: { line: 0, character: 0 },
        })
      ).error?.code,
    ).toBe(-32601);
  });

  it('answers missing params with -32602', async () => {
    expect((await request('textDocument/hover')).error?.code).toBe(-32602);
    expect(
      (await request('textDocument/hover', { textDocument: { uri: 'file:///x.ts' } })).error?.code,
    ).toBe(-32602);
  });

  it('logs a message that is not an object and runs nothing of it (LSP never batches)', async () => {
    const before = sent.length;
    toServer.write(encodeMessage([{ jsonrpc: '2.0', id: 50, method: 'shutdown' }]));
    await vi.waitFor(
      () =>
        expect(sent.slice(before)).toEqual([
          expect.objectContaining<Sent>({
            method: 'window/logMessage',
            params: expect.objectContaining({ type: 1 }),
          }),
        ]),
      {
        timeout: 1000,
        interval: 5,
      },
    );
    // The shutdown inside the array was not run: requests are still answered.
    expect(
      (
        await request('textDocument/hover', {
          textDocument: { uri: 'untitled:x' },
          position: { line: 0, character: 0 },
        })
      ).result,
    ).toBeNull();
  });

  it('survives notifications with malformed params and documents that are not files', async () => {
    send({ method: 'textDocument/didOpen', params: { textDocument: null } });
    send({ method: 'textDocument/didChange', params: {} });
    send({
      method: 'textDocument/didOpen',
      params: { textDocument: { uri: 'untitled:Untitled-1', version: 1, text: 'x' } },
    });
    const hover = await request('textDocument/hover', {
      textDocument: { uri: 'untitled:Untitled-1' },
      position: { line: 0, character: 0 },
    });
    expect(hover).toMatchObject({ result: null });
  });

  it('refuses requests after shutdown, then exits with 0', async () => {
    expect((await request('shutdown')).result).toBeNull();
    expect((await request('textDocument/hover', {})).error?.code).toBe(-32600);
    send({ method: 'exit' });
    await vi.waitFor(() => expect(exitCode).toBe(0), { timeout: 1000, interval: 5 });
  });
});
