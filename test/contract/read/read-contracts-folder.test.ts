import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codes } from '../../../src/contract/codes.js';
import { readContracts } from '../../../src/contract/read/read-contracts.js';
import { writeContracts } from './temp-contracts.js';

const chat = `import type { Callback, Service } from 'contract-gen';
export interface ChatEvents extends Callback { posted(text: string): void }
export interface Chat extends Service { join(room: string, events: ChatEvents): Promise<void> }
`;

describe('reading a contracts folder', () => {
  it("resolves 'contract-gen' in a folder outside any project, with no node_modules", () => {
    const dir = writeContracts({ 'chat.ts': chat });
    const { contract, diagnostics } = readContracts({ contractsDir: dir });
    expect(diagnostics).toEqual([]);
    expect(contract.files).toEqual(['chat.ts']);
    expect(contract.services.map((s) => s.name)).toEqual(['Chat']);
    expect(contract.callbacks.map((c) => [c.name, c.origin])).toEqual([['ChatEvents', 'marker']]);
  });

  it('reads every .ts and .d.ts file below the folder, sorted, but no declaration output beside its .ts and no node_modules', () => {
    const dir = writeContracts({
      'z.ts': chat,
      'a/b.ts': 'export interface B { b: string }',
      'a/b.d.ts': 'export interface B { b: string }',
      'a/types.d.ts': 'export interface D { d: string }',
      'a/other.d.mts': 'export interface M { m: string }',
      'node_modules/x/index.ts': 'export interface X { x: string }',
    });
    const { contract } = readContracts({ contractsDir: dir });
    expect(contract.files).toEqual(['a/b.ts', 'a/types.d.ts', 'z.ts']);
    expect(contract.types.map((t) => t.id)).toEqual(['B', 'D']);
  });

  it('gives two types of one name in different files distinct ids, the first file keeping the name', () => {
    const dir = writeContracts({
      'a.ts': 'export interface Item { a: string }',
      'b.ts': 'export interface Item { b: string }',
    });
    const { contract } = readContracts({ contractsDir: dir });
    expect(contract.types.map((t) => [t.id, t.name, t.span.file])).toEqual([
      ['Item', 'Item', 'a.ts'],
      ['Item@b.ts', 'Item', 'b.ts'],
    ]);
  });

  it('lists exported data types no service uses, but not exported helpers that are not data', () => {
    const dir = writeContracts({
      'chat.ts': chat,
      'extra.ts': [
        "import type { ChatEvents } from './chat.js';",
        'export interface Unused { a: string }',
        "export type Level = 'low' | 'high';",
        'export enum Color { Red }',
        'export type Handler = (text: string) => void;',
        'export type Events = ChatEvents;',
        'export interface Tool { run(): void }',
        'export interface Box<T> { value: T }',
        'export class Thing {}',
        'interface Hidden { h: string }',
      ].join('\n'),
    });
    const { contract } = readContracts({ contractsDir: dir });
    expect(contract.types.map((t) => t.id)).toEqual(['Unused', 'Level', 'Color']);
  });

  it('reports CG004 for a folder that does not exist, and for a file given as the folder', () => {
    const dir = writeContracts({ 'chat.ts': chat });
    const missing = readContracts({ contractsDir: join(dir, 'nope') });
    expect(missing.diagnostics.map((d) => [d.code, d.span])).toEqual([
      [codes.contractsDirMissing, undefined],
    ]);
    expect(missing.diagnostics[0]!.message).toContain('does not exist');
    expect(missing.contract).toEqual({
      files: [],
      services: [],
      callbacks: [],
      types: [],
      others: [],
    });
    const file = readContracts({ contractsDir: join(dir, 'chat.ts') });
    expect(file.diagnostics.map((d) => d.code)).toEqual([codes.contractsDirMissing]);
    expect(file.diagnostics[0]!.message).toContain('is not a folder');
  });

  it('reports CG003, without a span, for a folder with no .ts files', () => {
    const dir = writeContracts({
      'notes.md': '# not a contract',
      'types.d.mts': 'export interface D {}',
    });
    const { contract, diagnostics } = readContracts({ contractsDir: dir });
    expect(diagnostics.map((d) => [d.code, d.severity, d.span])).toEqual([
      [codes.emptyContracts, 'error', undefined],
    ]);
    expect(contract.files).toEqual([]);
  });

  it('reports CG001 at the line and column of a syntax error, and still reads the rest', () => {
    const dir = writeContracts({
      'chat.ts': chat,
      'broken.ts': 'export interface Broken {\n  name: string;\n  age: ;\n}\n',
    });
    const { contract, diagnostics } = readContracts({ contractsDir: dir });
    expect(
      diagnostics.map((d) => [d.code, d.severity, d.span?.file, d.span?.line, d.span?.column]),
    ).toEqual([[codes.syntaxError, 'error', 'broken.ts', 3, 8]]);
    expect(diagnostics[0]!.message).toBe('Type expected. (TS1110)');
    expect(contract.services.map((s) => s.name)).toEqual(['Chat']);
  });

  it('resolves a relative contractsDir against the current folder', () => {
    const dir = writeContracts({ 'chat.ts': chat });
    const cwd = process.cwd();
    process.chdir(join(dir, '..'));
    try {
      expect(readContracts({ contractsDir: 'contracts' }).contract.services).toHaveLength(1);
    } finally {
      process.chdir(cwd);
    }
  });

  it('reads a file written with CRLF line ends and a BOM like one with LF', () => {
    const lf = readContracts({ contractsDir: writeContracts({ 'chat.ts': chat }) });
    const dir = writeContracts({});
    writeFileSync(join(dir, 'chat.ts'), `\uFEFF${chat.replace(/\n/g, '\r\n')}`);
    const crlf = readContracts({ contractsDir: dir });
    expect(crlf.diagnostics).toEqual([]);
    expect(crlf.contract).toEqual(lf.contract);
  });
});
