/**
 * Golden fixtures of the emitter (test/fixtures/good/<name>/contracts in,
 * the committed generated/ beside it out), each generated again and compared
 * byte for byte, then type-checked with the strictest options and loaded:
 *
 * - generics-across-files: `Page<T>` in a.ts, instantiated in b.ts and c.ts,
 *   whose types refer to each other (a shared module, instantiations where
 *   they are used, `s.lazy` only on the Deck ⇄ Card recursion);
 * - runtime-names: contract types named like runtime imports (`Connection`,
 *   `CallContext`, `ServiceOptions`, `s`), imported under other local names.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as s from '@contract-gen/runtime/schema';
import { makeProject, repoRoot, runCli, runTsc } from '../support/cli.js';

const fixtures = ['generics-across-files', 'runtime-names'];
const good = join('test', 'fixtures', 'good');

describe.each(fixtures)('the %s fixture', (name) => {
  it('has committed generated code that is what the generator makes', () => {
    const result = runCli([
      'generate',
      join(good, name, 'contracts'),
      '--out',
      join(good, name, 'generated'),
      '--check',
    ]);
    expect(result.stderr).toContain('up to date');
    expect(result.status).toBe(0);
  });
});

describe('the emitter fixtures outside the repository', () => {
  it('type-check under strict, exactOptionalPropertyTypes, noUnusedLocals, verbatimModuleSyntax and nodenext, and load', async () => {
    const project = makeProject(join(repoRoot, 'test', 'fixtures', 'e2e'));
    for (const name of fixtures)
      cpSync(join(repoRoot, good, name), join(project, name), { recursive: true });
    const tsconfig = JSON.parse(readFileSync(join(project, 'tsconfig.json'), 'utf8')) as {
      include: string[];
    };
    tsconfig.include = fixtures.flatMap((name) => [`${name}/contracts`, `${name}/generated`]);
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify(tsconfig));
    const tsc = runTsc(project);
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);

    // Evaluating the modules reaches no uninitialised constant, and the recursion across files decodes.
    const load = async (path: string) =>
      (await import(pathToFileURL(join(project, path)).href)) as Record<string, s.Schema<unknown>>;
    const b = await load('generics-across-files/generated/b.schema.ts');
    const c = await load('generics-across-files/generated/c.schema.ts');
    const created = { at: '2026-01-02T03:04:05.000Z', by: 'ann' };
    const deck = {
      name: 'spring',
      created,
      top: { title: 'ace', created, deck: { name: 'inner', created } },
    };
    const page = s.decode(b['PageOfDeckSchema']!, { items: [deck] }) as {
      items: { top: { deck: { created: { at: Date } } } }[];
    };
    expect(page.items[0]!.top.deck.created.at).toEqual(new Date(created.at));
    // Each file's module re-exports its own types from the shared module: one schema object each.
    const shared = await load('generics-across-files/generated/b.shared.schema.ts');
    expect(b['DeckSchema']).toBe(shared['DeckSchema']);
    expect(c['CardSchema']).toBe(shared['CardSchema']);
    const db = await load('runtime-names/generated/db.schema.ts');
    expect(s.decode(db['sSchema']!, 'large')).toBe('large');
  });
});
