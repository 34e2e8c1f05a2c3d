/**
 * Issue 20, problems 6, 7, 8 and 10: type files as teams have them, only
 * what services reach checked, stable names for anonymous generic
 * arguments, and located errors for names of 'contract-gen' that are not
 * there. Read, checked and emitted through `generate`, as the CLI does.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codes } from '../../../src/contract/codes.js';
import { generate, writeOutputs, type GenerateResult } from '../../../src/generator.js';
import { makeProject, repoRoot, runTsc } from '../../support/cli.js';
import { writeContracts } from './temp-contracts.js';

async function run(
  files: Readonly<Record<string, string>>,
): Promise<GenerateResult & { dir: string }> {
  const dir = writeContracts(files);
  const result = await generate({ contractsDir: dir, outDir: join(dirname(dir), 'generated') });
  return { ...result, dir };
}

const where = (r: GenerateResult) =>
  r.diagnostics.map((d) => [
    d.code,
    d.span ? `${d.span.file}:${d.span.line}:${d.span.column}` : null,
  ]);

const service = (body: string, imports = '') =>
  `import type { Service } from 'contract-gen';\n${imports}export interface Api extends Service {\n${body}\n}\n`;

describe('problem 6: .d.ts type files', () => {
  it('reads a .d.ts in the folder (was: CG002 "Cannot find contract file") and emits it as <name>.schema.ts', async () => {
    const r = await run({
      'api.ts': service(
        '  at(p: Point): Promise<Feature>;',
        "import type { Feature, Point } from './geo.js';\n",
      ),
      'geo.d.ts': [
        'export as namespace GeoTypes;',
        'export interface Point { x: number; y: number }',
        '// Not marked: a declaration file that is a module exports it all the same.',
        'interface Feature { type: "Feature"; at: Point; props?: { [key: string]: string } }',
        'declare function helper(p: Point): RegExp;',
        'declare class Parser { parse(text: string): Feature }',
        '',
      ].join('\n'),
    });
    expect(where(r)).toEqual([]);
    expect(r.contract?.files).toEqual(['api.ts', 'geo.d.ts']);
    expect(r.contract?.types.map((t) => t.id)).toEqual(['Point', 'Feature']);
    const schema = r.files.find((f) => f.path === 'geo.schema.ts')?.contents ?? '';
    expect(schema).toContain("import type { Feature, Point } from '../contracts/geo.js';");
    expect(schema).toContain('export const PointSchema');
  });

  it('refuses `export as namespace` in a .ts file, as tsc does (TS1315), at its line', async () => {
    const r = await run({
      'api.ts': service('  get(): Promise<number>;', 'export as namespace X;\n'),
    });
    expect(where(r)).toEqual([[codes.moduleConstruct, 'api.ts:2:1']]);
    expect(r.diagnostics[0]!.message).toContain('TS1315');
    expect(r.files).toEqual([]);
  });

  it('refuses `declare global`, `declare module` and `export =` at their lines', async () => {
    const r = await run({
      'api.ts': service(
        '  get(): Promise<number>;',
        "declare global { interface G { a: string } }\ndeclare module 'zod' { interface Z {} }\n",
      ),
      'old.ts': 'interface Legacy { a: string }\nexport = Legacy;\n',
    });
    expect(where(r)).toEqual([
      [codes.moduleConstruct, 'api.ts:2:1'],
      [codes.moduleConstruct, 'api.ts:3:1'],
      [codes.moduleConstruct, 'old.ts:2:1'],
    ]);
  });
});

describe('what tsc refuses that the reader would read on', () => {
  it('a name declared twice where TypeScript merges nothing is located at the second', async () => {
    const r = await run({
      'api.ts':
        service('  get(): Promise<A>;') +
        'export type A = { a: string };\nexport interface A { b: number }\n' +
        'export enum E { X }\nexport interface E { c: string }\n' +
        'export interface M { a: string }\nexport interface M { b: string }\n',
    });
    expect(where(r)).toEqual([
      [codes.moduleConstruct, 'api.ts:6:18'],
      [codes.moduleConstruct, 'api.ts:8:18'],
    ]);
    expect(r.diagnostics.map((d) => d.message.match(/TS\d+/)?.[0])).toEqual(['TS2300', 'TS2567']);
  });
});

describe('problem 7: only what services and callbacks reach is checked', () => {
  it('an unused `type U = symbol` no longer blocks generation, and is not emitted', async () => {
    const r = await run({
      'api.ts':
        service('  get(): Promise<Used>;', '') +
        'export type U = symbol;\nexport interface Used { a: string }\nexport interface Extra { at: Date }\n' +
        'export interface UsesU { u: U }\nexport interface Tool { run(x: () => void): number }\n',
    });
    expect(where(r)).toEqual([]);
    // Unreachable types that can cross the wire are still emitted; those that cannot are left out, with what refers to them.
    expect(r.contract?.types.map((t) => t.id)).toEqual(['Used', 'Extra']);
    expect(r.files.find((f) => f.path === 'api.schema.ts')?.contents).toContain('ExtraSchema');
  });

  it('still checks the same type once a service uses it', async () => {
    const r = await run({
      'api.ts': service('  get(): Promise<U>;') + 'export type U = symbol;\n',
    });
    expect(where(r)).toEqual([[codes.symbolInData, 'api.ts:5:17']]);
  });
});

describe('problem 8: anonymous generic arguments', () => {
  const page = (extra = '') =>
    service(
      `  a(): Promise<Page<{ name: string }>>;\n  b(): Promise<Page<{ total: number }>>;${extra}`,
    ) + 'export interface Page<T> { items: T[]; next?: string }\n';

  it('`Page<{ name: string }>` beside `Page<{ total: number }>` get names of their own (was CG301, with nothing to rename)', async () => {
    const r = await run({ 'api.ts': page() });
    expect(where(r)).toEqual([]);
    const schema = r.files.find((f) => f.path === 'api.schema.ts')?.contents ?? '';
    expect(schema).toContain('export const PageOfObjectWithNameStringSchema');
    expect(schema).toContain('export const PageOfObjectWithTotalNumberSchema');
  });

  it('keeps the names when the rest of the contract changes', async () => {
    const more = await run({
      'api.ts': page('\n  c(): Promise<Page<[number, string]>>;\n  d(): Promise<Page<{}>>;'),
    });
    expect(where(more)).toEqual([]);
    const schema = more.files.find((f) => f.path === 'api.schema.ts')?.contents ?? '';
    for (const name of [
      'PageOfObjectWithNameStringSchema',
      'PageOfObjectWithTotalNumberSchema',
      'PageOfTupleOfNumberAndStringSchema',
      'PageOfEmptyObjectSchema',
    ])
      expect(schema).toContain(`export const ${name}`);
  });
});

describe("problem 10: names of 'contract-gen', and imports that hide nothing", () => {
  it("`import type { Callbak } from 'contract-gen'` is a located error with did you mean (was silent)", async () => {
    const r = await run({
      'api.ts':
        "import type { Callbak, Service } from 'contract-gen';\n" +
        'export interface Events extends Callbak { ping(): void }\n' +
        'export interface Api extends Service { watch(e: Events): Promise<void> }\n',
    });
    expect(where(r)).toEqual([[codes.unknownContractGenName, 'api.ts:1:15']]);
    expect(r.diagnostics[0]!.message).toContain("did you mean 'Callback'?");
  });

  it('a misspelled `Servce` is a located error, not CG003 pointing nowhere', async () => {
    const imported = await run({
      'api.ts':
        "import type { Servce } from 'contract-gen';\nexport interface Api extends Servce { get(): Promise<number> }\n",
    });
    expect(where(imported)).toEqual([[codes.unknownContractGenName, 'api.ts:1:15']]);
    const undeclared = await run({
      'api.ts': 'export interface Api extends Servce { get(): Promise<number> }\n',
    });
    expect(where(undeclared)).toEqual([[codes.unknownContractGenName, 'api.ts:1:30']]);
    expect(undeclared.diagnostics[0]!.message).toContain("did you mean 'Service'?");
  });

  it("a namespace import's unknown member is located too", async () => {
    const r = await run({
      'api.ts':
        "import type * as cg from 'contract-gen';\n" +
        'export interface Api extends cg.Servise { get(): Promise<number> }\n',
    });
    expect(where(r)).toEqual([[codes.unknownContractGenName, 'api.ts:2:33']]);
  });

  it("a package import does not hide the file's other diagnostics", async () => {
    const r = await run({
      'api.ts':
        "import type { Service } from 'contract-gen';\nimport type { Foo } from 'zod';\n" +
        'export interface Api extends Service { get(x: () => void): number; foo(f: Foo): Promise<void> }\n',
    });
    // And where `Foo` is used, no "cannot resolve" (CG205) repeats what CG002 said at the import.
    expect(where(r)).toEqual([
      [codes.importOutsideContracts, 'api.ts:2:26'],
      [codes.callbackParamNotCallback, 'api.ts:3:44'],
      [codes.serviceMethodNotPromise, 'api.ts:3:60'],
    ]);
  });

  it('an unknown name that no refused import binds is still CG205', async () => {
    const r = await run({
      'api.ts':
        "import type { Service } from 'contract-gen';\nimport * as z from 'zod';\n" +
        'export interface Api extends Service { a(x: z.Foo<Bar>): Promise<Baz> }\n',
    });
    expect(where(r)).toEqual([
      [codes.importOutsideContracts, 'api.ts:2:20'],
      [codes.unresolvedType, 'api.ts:3:66'],
    ]);
  });
});

describe('what is emitted for type files and anonymous arguments', () => {
  it('type-checks under strict TypeScript (nodenext, verbatimModuleSyntax)', async () => {
    const root = mkdtempSync(join(tmpdir(), 'cg-type-files-'));
    const fixture = join(root, 'fixture');
    mkdirSync(join(fixture, 'contracts'), { recursive: true });
    cpSync(
      join(repoRoot, 'test', 'fixtures', 'e2e', 'package.json'),
      join(fixture, 'package.json'),
    );
    const tsconfig = JSON.parse(
      readFileSync(join(repoRoot, 'test', 'fixtures', 'e2e', 'tsconfig.json'), 'utf8'),
    ) as { include: string[] };
    tsconfig.include = ['contracts', 'generated'];
    writeFileSync(join(fixture, 'tsconfig.json'), JSON.stringify(tsconfig));
    writeFileSync(
      join(fixture, 'contracts', 'api.ts'),
      service(
        '  at(p: Point): Promise<Page<{ name: string }>>;\n  b(): Promise<Page<{ total: number }>>;',
        "import type { Point } from './geo.js';\n",
      ) + 'export interface Page<T> { items: T[]; next?: string }\n',
    );
    writeFileSync(
      join(fixture, 'contracts', 'geo.d.ts'),
      'interface Point { x: number; y: number }\nexport type { Point };\nexport as namespace Geo;\n',
    );
    const project = makeProject(fixture);
    const result = await generate({
      contractsDir: join(project, 'contracts'),
      outDir: join(project, 'generated'),
    });
    expect(where(result)).toEqual([]);
    await writeOutputs(join(project, 'generated'), result.files);
    const tsc = runTsc(project);
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  }, 120_000);
});
