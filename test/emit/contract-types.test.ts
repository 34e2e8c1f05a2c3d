/**
 * Where generated code takes the contract's types from:
 *
 * - `contractTypes: 'import'` (the default) imports them from the contract
 *   files, by a path that is right however far the output folder is from
 *   the contracts (joined, not resolved against the current folder, which
 *   would lose `..` beyond its depth);
 * - `contractTypes: 'copy'` writes `<name>.types.ts` beside the outputs, so
 *   the output folder imports nothing outside itself and compiles alone
 *   under `rootDir` (the markers and their `extends` are gone, imports
 *   between contract files lead to the copies).
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate, writeOutputs } from '../../src/generator.js';
import { makeProject, repoRoot, runCli, runTsc } from '../support/cli.js';

/** Every relative module specifier in a file's imports and re-exports. */
function relativeImports(text: string): string[] {
  return [...text.matchAll(/from '(\.[^']*)'/g)].map((m) => m[1]!);
}

describe("contractTypes: 'import'", () => {
  it('imports the contracts by a right path from an output folder deeper than the current folder', async () => {
    const root = mkdtempSync(join(tmpdir(), 'cg-far-'));
    cpSync(join(repoRoot, 'contracts'), join(root, 'contracts'), { recursive: true });
    // More levels than the current folder has: resolving against it would stop at `/`.
    const depth = process.cwd().split(/[\\/]/).length + 3;
    const outDir = join(root, ...Array.from({ length: depth }, (_, i) => `l${i}`), 'generated');
    const result = await generate({ contractsDir: join(root, 'contracts'), outDir });
    expect(result.diagnostics).toEqual([]);
    const server = result.files.find((f) => f.path === 'chat.server.ts')!;
    const specifiers = relativeImports(server.contents).filter((s) => s.includes('contracts'));
    expect(specifiers).toEqual([
      `${'../'.repeat(depth + 1)}contracts/chat.js`,
      `${'../'.repeat(depth + 1)}contracts/common.js`,
    ]);
    for (const specifier of specifiers)
      expect(existsSync(resolve(outDir, specifier.replace(/\.js$/, '.ts'))), specifier).toBe(true);
    expect(server.contents).toContain(`// Source: ${'../'.repeat(depth + 1)}contracts/chat.ts`);
  });
});

describe("contractTypes: 'copy'", () => {
  it('writes <name>.types.ts beside the outputs, without the markers, and nothing imports outside the folder', async () => {
    const root = mkdtempSync(join(tmpdir(), 'cg-copy-'));
    const contracts = join(root, 'contracts');
    cpSync(join(repoRoot, 'contracts'), contracts, { recursive: true });
    mkdirSync(join(contracts, 'more'));
    // Renamed markers, an extends that keeps a non-marker, and a nested file importing up.
    writeFileSync(
      join(contracts, 'more', 'alerts.ts'),
      [
        "import type { Callback as Events, Service as Api } from 'contract-gen';",
        "import type { Stamp } from '../common.js';",
        '',
        '/** Shared by every alert. */',
        'export interface Base { id: number; raised: Stamp }',
        'export interface Alert extends Base { level: 1 | 2 | 3 }',
        'export interface AlertEvents extends Events { raised(alert: Alert): void }',
        'export interface Alerts extends Api { watch(events: AlertEvents): Promise<Base[]> }',
        '',
      ].join('\n'),
    );
    const outDir = join(root, 'src', 'generated');
    const result = await generate({ contractsDir: contracts, outDir, contractTypes: 'copy' });
    expect(result.diagnostics).toEqual([]);
    const paths = result.files.map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'chat.types.ts',
        'board.types.ts',
        'common.types.ts',
        'more/alerts.types.ts',
      ]),
    );
    const alerts = result.files.find((f) => f.path === 'more/alerts.types.ts')!.contents;
    expect(alerts).not.toMatch(/from '(contract-gen|@contract-gen\/runtime)'/);
    expect(alerts).toContain("from '../common.types.js'");
    expect(alerts).toContain('export interface AlertEvents {');
    expect(alerts).toContain('export interface Alerts {');
    expect(alerts).toContain('export interface Alert extends Base {');
    expect(alerts).toContain('/** Shared by every alert. */');
    for (const file of result.files) {
      for (const specifier of relativeImports(file.contents)) {
        const target = resolve(outDir, dirname(file.path), specifier);
        expect(target.startsWith(outDir), `${file.path} imports ${specifier}`).toBe(true);
      }
    }

    // The output folder alone compiles, strictly, as a project whose rootDir is src.
    const project = makeProject(join(repoRoot, 'test', 'fixtures', 'e2e'));
    await writeOutputs(join(project, 'src', 'generated'), result.files);
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        extends: './base.json',
        compilerOptions: { rootDir: 'src', outDir: 'build', noEmit: false },
        include: ['src'],
      }),
    );
    cpSync(join(repoRoot, 'test', 'fixtures', 'e2e', 'tsconfig.json'), join(project, 'base.json'));
    writeFileSync(
      join(project, 'src', 'app.ts'),
      [
        "import type { Alert } from './generated/more/alerts.types.js';",
        "import { alertsClient } from './generated/more/alerts.client.js';",
        "import { alertsHandlers } from './generated/more/alerts.server.js';",
        'export const alert: Alert = { id: 1, level: 2, raised: { by: "ann", at: new Date() } };',
        'export { alertsClient, alertsHandlers };',
        '',
      ].join('\n'),
    );
    const tsc = runTsc(project);
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  });

  it('drops a marker named through a namespace import, and only the marker from a longer extends', async () => {
    const root = mkdtempSync(join(tmpdir(), 'cg-copy-ns-'));
    mkdirSync(join(root, 'contracts'));
    writeFileSync(
      join(root, 'contracts', 'a.ts'),
      [
        "import * as cg from 'contract-gen';",
        "import type { Callback } from '@contract-gen/runtime';",
        'export interface Shared { ping(n: number): void }',
        'export interface Ev extends Shared, Callback { pong(n: number): void }',
        'export interface Api extends cg.Service { sub(events: Ev): Promise<void> }',
        '',
      ].join('\n'),
    );
    const result = await generate({
      contractsDir: join(root, 'contracts'),
      outDir: join(root, 'out'),
      contractTypes: 'copy',
    });
    expect(result.diagnostics).toEqual([]);
    const copy = result.files.find((f) => f.path === 'a.types.ts')!.contents;
    expect(copy.split('\n').slice(2).join('\n')).toBe(
      [
        'export interface Shared {',
        '  ping(n: number): void;',
        '}',
        'export interface Ev extends Shared {',
        '  pong(n: number): void;',
        '}',
        'export interface Api {',
        '  sub(events: Ev): Promise<void>;',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('is a config key and a flag, and an unknown value is a usage error', () => {
    const root = mkdtempSync(join(tmpdir(), 'cg-copy-cli-'));
    cpSync(join(repoRoot, 'contracts'), join(root, 'contracts'), { recursive: true });
    writeFileSync(
      join(root, 'contract-gen.config.json'),
      JSON.stringify({ out: 'src/generated', contractTypes: 'copy' }),
    );
    const copied = runCli(['generate'], root);
    expect(copied.status).toBe(0);
    expect(existsSync(join(root, 'src', 'generated', 'chat.types.ts'))).toBe(true);
    // The flag wins over the config; the copies, now orphans, are removed.
    const imported = runCli(['generate', '--contract-types', 'import'], root);
    expect(imported.status).toBe(0);
    expect(existsSync(join(root, 'src', 'generated', 'chat.types.ts'))).toBe(false);
    const bad = runCli(['generate', '--contract-types', 'inline'], root);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('contract-types');
  });
});
