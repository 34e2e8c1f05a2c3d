import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LspClient } from './lsp-client.js';

// Speaks LSP to the built CLI (`npm run build` first), as an editor would.

const good = `import type { Callback, Service } from 'contract-gen';

export interface RoomEvents extends Callback {
  posted(text: string): void;
}

export interface Room extends Service {
  join(name: string, events: RoomEvents): Promise<number>;
}
`;
const bad = good.replace('posted(text: string): void;', 'posted(text: string): Promise<void>;');
// A service method that does not return a Promise (CG104), in a file no editor opens.
const notPromise = `import type { Service } from 'contract-gen';

export interface Clock extends Service {
  now(): number;
}
`;

/** The range of the first `needle` in `text`, as LSP counts (0-based, UTF-16). */
function rangeOf(text: string, needle: string) {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  const character = lines[line]!.indexOf(needle);
  return { start: { line, character }, end: { line, character: character + needle.length } };
}

let dir: string;
let client: LspClient;
let roomUri: string;
let clockUri: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cg-lsp-'));
  mkdirSync(join(dir, 'contracts'));
  writeFileSync(join(dir, 'contracts', 'room.ts'), good);
  writeFileSync(join(dir, 'contracts', 'clock.ts'), notPromise);
  roomUri = pathToFileURL(join(dir, 'contracts', 'room.ts')).href;
  clockUri = pathToFileURL(join(dir, 'contracts', 'clock.ts')).href;
  client = new LspClient(dir);
});

afterAll(() => {
  client?.child.kill();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('contract-gen lsp', () => {
  it('answers initialize with its capabilities', async () => {
    const answer = await client.request('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(dir).href,
      capabilities: {},
    });
    expect(answer.error).toBeUndefined();
    expect(answer.result).toMatchObject({
      capabilities: {
        textDocumentSync: { openClose: true, change: 2 },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: ['quickfix'] },
      },
      serverInfo: { name: 'contract-gen' },
    });
    client.notify('initialized', {});
  });

  it('publishes the diagnostics of files on disk that no editor opened', async () => {
    const diagnostics = await client.diagnosticsOf(clockUri, 0);
    expect(diagnostics).toEqual([
      expect.objectContaining({
        code: 'CG104',
        source: 'contract-gen',
        severity: 1,
        range: rangeOf(notPromise, 'number'),
      }),
    ]);
  });

  it('checks the unsaved text of an open document and reports the code and range', async () => {
    const from = client.notifications.length;
    client.notify('textDocument/didOpen', {
      textDocument: { uri: roomUri, languageId: 'typescript', version: 1, text: bad },
    });
    const diagnostics = await client.diagnosticsOf(roomUri, from, (d) => d.length > 0);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({
      code: 'CG101',
      source: 'contract-gen',
      severity: 1,
      range: rangeOf(bad, 'Promise<void>'),
    });
    expect(diagnostics[0]?.message).toContain(
      "Callback method 'RoomEvents.posted' returns 'Promise<void>'",
    );
  });

  it('shows the kind of a callback method on hover', async () => {
    const at = rangeOf(bad, 'posted').start;
    const answer = await client.request('textDocument/hover', {
      textDocument: { uri: roomUri },
      position: { line: at.line, character: at.character + 2 },
    });
    expect((answer.result as { contents: { value: string } }).contents.value).toContain(
      '**callback method** `RoomEvents.posted`',
    );
    const header = rangeOf(bad, 'Room extends Service').start;
    const service = await client.request('textDocument/hover', {
      textDocument: { uri: roomUri },
      position: header,
    });
    expect((service.result as { contents: { value: string } }).contents.value).toContain(
      '**service** `Room`',
    );
  });

  it('offers a quick fix that makes the callback return void', async () => {
    const range = rangeOf(bad, 'Promise<void>');
    const diagnostic = { range, code: 'CG101', source: 'contract-gen', severity: 1, message: 'x' };
    const answer = await client.request('textDocument/codeAction', {
      textDocument: { uri: roomUri },
      range,
      context: { diagnostics: [diagnostic] },
    });
    expect(answer.result).toEqual([
      expect.objectContaining({
        kind: 'quickfix',
        edit: { changes: { [roomUri]: [{ range, newText: 'void' }] } },
      }),
    ]);
  });

  it('clears the diagnostics once the text is fixed (full sync)', async () => {
    const from = client.notifications.length;
    client.notify('textDocument/didChange', {
      textDocument: { uri: roomUri, version: 2 },
      contentChanges: [{ text: good }],
    });
    expect(await client.diagnosticsOf(roomUri, from)).toEqual([]);
  });

  it('applies incremental changes', async () => {
    let from = client.notifications.length;
    const voidAt = rangeOf(good, 'void;');
    const range = {
      start: voidAt.start,
      end: { line: voidAt.start.line, character: voidAt.start.character + 4 },
    };
    client.notify('textDocument/didChange', {
      textDocument: { uri: roomUri, version: 3 },
      contentChanges: [{ range, text: 'string' }],
    });
    const diagnostics = await client.diagnosticsOf(roomUri, from, (d) => d.length > 0);
    expect(diagnostics[0]).toMatchObject({
      code: 'CG101',
      range: {
        start: range.start,
        end: { line: range.start.line, character: range.start.character + 6 },
      },
    });
    from = client.notifications.length;
    client.notify('textDocument/didChange', {
      textDocument: { uri: roomUri, version: 4 },
      contentChanges: [
        {
          range: {
            start: range.start,
            end: { line: range.start.line, character: range.start.character + 6 },
          },
          text: 'void',
        },
      ],
    });
    expect(await client.diagnosticsOf(roomUri, from)).toEqual([]);
  });

  it('notices a file fixed on disk', async () => {
    const from = client.notifications.length;
    writeFileSync(
      join(dir, 'contracts', 'clock.ts'),
      notPromise.replace('now(): number', 'now(): Promise<number>'),
    );
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: clockUri, type: 2 }] });
    expect(await client.diagnosticsOf(clockUri, from)).toEqual([]);
  });

  // Issue 20: a file replaced by a rename (an editor's atomic save, `sed -i`) was seen once only.
  it('notices five rename-writes of a file on disk, told of none', async () => {
    const clock = join(dir, 'contracts', 'clock.ts');
    for (let i = 1; i <= 5; i++) {
      const from = client.notifications.length;
      const broken = i % 2 === 1;
      const text = broken
        ? notPromise
        : notPromise.replace('now(): number', 'now(): Promise<number>');
      writeFileSync(`${clock}.tmp`, text);
      renameSync(`${clock}.tmp`, clock);
      const found = await client.diagnosticsOf(clockUri, from, (d) => d.length > 0 === broken);
      expect(found.length > 0).toBe(broken);
    }
  });

  it('answers an unknown request with -32601 and ignores an unknown notification', async () => {
    client.notify('custom/somethingNew', { x: 1 });
    const answer = await client.request('custom/whatever', {});
    expect(answer.error?.code).toBe(-32601);
    expect(client.answers.filter((a) => a.error && a.id === null)).toEqual([]);
  });

  it('skips a message that is not JSON and keeps serving', async () => {
    const body = '{"jsonrpc":"2.0","id":99,"method":';
    client.writeRaw(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    const hover = await client.request('textDocument/hover', {
      textDocument: { uri: roomUri },
      position: { line: 0, character: 0 },
    });
    expect(hover.error).toBeUndefined();
    expect(client.answers.find((a) => a.id === 99)).toBeUndefined();
  });

  it('shuts down and exits with code 0', async () => {
    const answer = await client.request('shutdown');
    expect(answer).toMatchObject({ result: null });
    client.notify('exit');
    expect(await client.exited).toBe(0);
  });
});

describe('contract-gen lsp with a config file', () => {
  it('checks the folder the config names, and exits with 1 when told to exit without shutdown', async () => {
    const project = mkdtempSync(join(tmpdir(), 'cg-lsp-config-'));
    try {
      mkdirSync(join(project, 'api'));
      writeFileSync(
        join(project, 'contract-gen.config.json'),
        JSON.stringify({ contracts: 'api' }),
      );
      writeFileSync(join(project, 'api', 'room.ts'), good);
      const uri = pathToFileURL(join(project, 'api', 'room.ts')).href;
      const other = new LspClient(project);
      await other.request('initialize', {
        processId: null,
        rootUri: pathToFileURL(project).href,
        capabilities: {},
      });
      other.notify('initialized', {});
      other.notify('textDocument/didOpen', {
        textDocument: { uri, languageId: 'typescript', version: 1, text: bad },
      });
      const diagnostics = await other.diagnosticsOf(uri, 0, (d) => d.length > 0);
      expect(diagnostics[0]).toMatchObject({ code: 'CG101' });
      other.notify('exit');
      expect(await other.exited).toBe(1);
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });
});

describe('contract-gen lsp and unsaved text', () => {
  it('checks an unsaved edit in memory: no file is written, to a temp folder or beside the contracts', async () => {
    const project = mkdtempSync(join(tmpdir(), 'cg-lsp-memory-'));
    try {
      mkdirSync(join(project, 'contracts'));
      writeFileSync(join(project, 'contracts', 'room.ts'), good);
      const uri = pathToFileURL(join(project, 'contracts', 'room.ts')).href;
      // A temp folder that does not exist: a copy of the folder (even one removed later) would fail to be made.
      const tmp = join(project, 'no-tmp-here');
      const other = new LspClient(project, [], { TMPDIR: tmp, TMP: tmp, TEMP: tmp });
      await other.request('initialize', {
        processId: null,
        rootUri: pathToFileURL(project).href,
        capabilities: {},
      });
      other.notify('initialized', {});
      other.notify('textDocument/didOpen', {
        textDocument: { uri, languageId: 'typescript', version: 1, text: bad },
      });
      expect((await other.diagnosticsOf(uri, 0, (d) => d.length > 0))[0]).toMatchObject({
        code: 'CG101',
      });
      const from = other.notifications.length;
      other.notify('textDocument/didChange', {
        textDocument: { uri, version: 2 },
        contentChanges: [{ text: good }],
      });
      expect(await other.diagnosticsOf(uri, from)).toEqual([]);
      expect(readdirSync(project)).toEqual(['contracts']);
      expect(readdirSync(join(project, 'contracts'))).toEqual(['room.ts']);
      expect(readFileSync(join(project, 'contracts', 'room.ts'), 'utf8')).toBe(good);
      await other.request('shutdown');
      other.notify('exit');
      expect(await other.exited).toBe(0);
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });
});
