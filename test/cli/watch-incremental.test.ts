import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// The benchmark's own corpus generator, at a small size: realistic contracts that import each other;
// and its seeded sequence (mulberry32), so a failing run can be replayed.
import { generateContracts, prng } from '../../bench/lib/generate-contracts.mjs';
import { createGenerator, generate, hasErrors, writeOutputs } from '../../src/generator.js';

// Watch mode reads, checks and emits incrementally (parts of the model,
// check results and outputs are reused when nothing they depend on
// changed). Whatever the sequence of edits, each run must give exactly what
// a fresh `contract-gen generate` gives: the same model, diagnostics and
// files, and the watched output folder must hold exactly those files.

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

interface Folder {
  readonly contracts: string;
  readonly out: string;
  step: number;
  /** Files this test added (free to delete or rename). */
  readonly extras: string[];
  /** Files with a broken callback appended, and the text appended. */
  readonly broken: Map<string, string>;
}

type Edit = (f: Folder, pick: <T>(list: readonly T[]) => T) => string[];

const files = (f: Folder) =>
  readdirSync(f.contracts)
    .filter((n) => n.endsWith('.ts'))
    .sort();
const read = (f: Folder, name: string) => readFileSync(join(f.contracts, name), 'utf8');
const write = (f: Folder, name: string, text: string) => {
  writeFileSync(join(f.contracts, name), text);
  return [join(f.contracts, name)];
};

const edits: Record<string, Edit> = {
  // A data type other files use (shared-*.ts are imported by their whole group).
  editSharedType(f, pick) {
    const name = pick(files(f).filter((n) => n.startsWith('shared-')));
    const text = read(f, name);
    const interfaces = [...text.matchAll(/export interface \w+(<T>)? \{\n/g)];
    const at = pick(interfaces);
    const end = at.index + at[0].length;
    return write(f, name, `${text.slice(0, end)}  extra${f.step}?: number;\n${text.slice(end)}`);
  },
  // The Audit type of a shared file: other files extend it and take Partial<> of it.
  editAudit(f, pick) {
    const name = pick(files(f).filter((n) => n.startsWith('shared-')));
    const text = read(f, name);
    const at = /export interface Audit\d+ \{\n/.exec(text)!;
    const end = at.index + at[0].length;
    return write(f, name, `${text.slice(0, end)}  audited${f.step}?: boolean;\n${text.slice(end)}`);
  },
  // A service method: its file's outputs change, nothing else.
  editMethod(f, pick) {
    const name = pick(
      files(f).filter((n) => !n.startsWith('shared-') && /extends Service/.test(read(f, n))),
    );
    const text = read(f, name);
    const methods = [...text.matchAll(/\): Promise</g)];
    const at = pick(methods).index;
    return write(f, name, `${text.slice(0, at)}, extra${f.step}?: string${text.slice(at)}`);
  },
  // A new file importing shared types, with an unmarked interface passed as a callback (its role comes from the use).
  addFile(f, pick) {
    const shared = pick(files(f).filter((n) => n.startsWith('shared-')));
    const audit = /export interface (Audit\d+)/.exec(read(f, shared))![1]!;
    const name = `extra-${f.step}.ts`;
    f.extras.push(name);
    const n = f.step;
    return write(
      f,
      name,
      [
        `import type { Service } from 'contract-gen';`,
        `import type { Page, ${audit} } from './${shared.replace(/\.ts$/, '.js')}';`,
        `export interface Note${n} { text: string; audit: ${audit}; tags?: string[] }`,
        // Types whose definitions copy the shared type's members: they change when it does.
        `export interface Stamped${n} extends ${audit} { stampedAt: Date }`,
        `export type AuditPatch${n} = Partial<${audit}>;`,
        `export interface Note${n}Listener { added(note: Note${n}): void }`,
        `export interface Notes${n} extends Service {`,
        `  list(): Promise<Page<Note${n}>>;`,
        `  watch(listener: Note${n}Listener): Promise<void>;`,
        `  stamp(patch: AuditPatch${n}): Promise<Stamped${n}>;`,
        `}`,
        ``,
      ].join('\n'),
    );
  },
  // Rename a file and its imports, as an editor's refactoring does.
  renameFile(f, pick) {
    const name = pick(files(f).filter((n) => !n.startsWith('shared-')));
    const to = `renamed-${f.step}-${name}`;
    renameSync(join(f.contracts, name), join(f.contracts, to));
    const index = f.extras.indexOf(name);
    if (index >= 0) f.extras.splice(index, 1);
    f.extras.push(to);
    if (f.broken.has(name)) {
      f.broken.set(to, f.broken.get(name)!);
      f.broken.delete(name);
    }
    const changed = [join(f.contracts, name), join(f.contracts, to)];
    const from = `'./${name.replace(/\.ts$/, '.js')}'`;
    for (const other of files(f)) {
      const text = read(f, other);
      if (text.includes(from))
        changed.push(
          ...write(f, other, text.replaceAll(from, `'./${to.replace(/\.ts$/, '.js')}'`)),
        );
    }
    return changed;
  },
  // Delete a file nothing imports (one this test added, if any).
  deleteFile(f, pick) {
    const imported = (n: string) =>
      files(f).some((o) => read(f, o).includes(`'./${n.replace(/\.ts$/, '.js')}'`));
    const candidates = files(f).filter((n) => !n.startsWith('shared-') && !imported(n));
    if (candidates.length === 0) return [];
    const name = pick(candidates);
    rmSync(join(f.contracts, name));
    f.broken.delete(name);
    return [join(f.contracts, name)];
  },
  // An error (a callback method with a result) and, later, its fix.
  breakFile(f, pick) {
    const name = pick(files(f).filter((n) => !f.broken.has(n)));
    const added = `\nexport interface Broken${f.step} extends Callback { changed(): string }\n`;
    f.broken.set(name, added);
    const text = read(f, name);
    const withImport = text.includes('import type { Callback')
      ? text
      : `import type { Callback } from 'contract-gen';\n${text}`;
    return write(f, name, withImport + added);
  },
  fixFile(f, pick) {
    if (f.broken.size === 0) return [];
    const name = pick([...f.broken.keys()]);
    const added = f.broken.get(name)!;
    f.broken.delete(name);
    return write(f, name, read(f, name).replace(added, ''));
  },
  // A name declared twice in the folder: ids of later declarations change, and CG301 reports it; then removed.
  duplicateName(f, pick) {
    const name = `extra-dup-${f.step}.ts`;
    const shared = pick(files(f).filter((n) => n.startsWith('shared-')));
    const audit = /export interface (Audit\d+)/.exec(read(f, shared))![1]!;
    f.broken.set(name, `export interface ${audit} { other: string }\n`);
    return write(f, name, `export interface ${audit} { other: string }\n`);
  },
};

function listOutputs(dir: string): Map<string, string> {
  const found = new Map<string, string>();
  if (!existsSync(dir)) return found;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    found.set(relative(dir, full).split(sep).join('/'), readFileSync(full, 'utf8'));
  }
  return found;
}

async function runSequence(seed: number, steps: number): Promise<string[]> {
  const root = mkdtempSync(join(tmpdir(), 'cg-incremental-'));
  made.push(root);
  const f: Folder = {
    contracts: join(root, 'contracts'),
    out: join(root, 'generated'),
    step: 0,
    extras: [],
    broken: new Map(),
  };
  generateContracts(f.contracts, { files: 12, methods: 120, seed });
  const rand = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const options = { contractsDir: f.contracts, outDir: f.out };
  const watch = createGenerator(options);
  const memory = new Map<string, string>();
  const log: string[] = [];
  let changed: string[] = [];
  for (; f.step <= steps; f.step++) {
    const result = await watch.run(changed);
    const fresh = await generate(options);
    const what = `seed ${seed}, step ${f.step} (${log.at(-1) ?? 'first run'})`;
    expect(JSON.stringify(result.contract), what).toBe(JSON.stringify(fresh.contract));
    expect(result.diagnostics, what).toEqual(fresh.diagnostics);
    expect(result.files, what).toEqual(fresh.files);
    if (!hasErrors(result.diagnostics)) {
      await writeOutputs(f.out, result.files, false, memory);
      const onDisk = listOutputs(f.out);
      expect(onDisk, what).toEqual(new Map(fresh.files.map((file) => [file.path, file.contents])));
    }
    if (f.step === steps) break;
    const name = pick(Object.keys(edits));
    changed = edits[name]!(f, pick);
    log.push(`${name}: ${changed.map((p) => relative(f.contracts, p)).join(', ')}`);
  }
  return log;
}

describe('incremental watch runs', () => {
  it(
    'equal a fresh generation after every step of seeded random edit sequences',
    { timeout: 600_000 },
    async () => {
      for (const seed of [1, 2, 3]) {
        const log = await runSequence(seed, 10);
        expect(log).toHaveLength(10);
      }
    },
  );

  it(
    'equal a fresh generation through a fixed sequence: shared type, generic, add, rename, error and fix, delete',
    { timeout: 300_000 },
    async () => {
      const root = mkdtempSync(join(tmpdir(), 'cg-incremental-'));
      made.push(root);
      const f: Folder = {
        contracts: join(root, 'contracts'),
        out: join(root, 'generated'),
        step: 1,
        extras: [],
        broken: new Map(),
      };
      generateContracts(f.contracts, { files: 12, methods: 120 });
      const options = { contractsDir: f.contracts, outDir: f.out };
      const watch = createGenerator(options);
      const memory = new Map<string, string>();
      const first = <T>(list: readonly T[]): T => list[0]!;
      const last = <T>(list: readonly T[]): T => list[list.length - 1]!;
      await writeOutputs(f.out, (await watch.run()).files, false, memory);
      const sequence: [Edit, <T>(list: readonly T[]) => T][] = [
        [edits.editSharedType!, last], // Audit-like interface in shared-01.ts, used by its group
        [edits.editSharedType!, first], // Page<T> in shared-00.ts: instantiations in other files
        [edits.addFile!, first],
        [edits.editAudit!, first], // the added file extends shared-00's Audit00 and takes Partial<Audit00>
        [edits.renameFile!, first],
        [edits.breakFile!, first],
        [edits.fixFile!, first],
        [edits.duplicateName!, first],
        [edits.deleteFile!, last],
      ];
      const codes: string[][] = [];
      for (const [edit, pick] of sequence) {
        const changed = edit(f, pick);
        const result = await watch.run(changed);
        codes.push(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code));
        const fresh = await generate(options);
        expect(result.diagnostics).toEqual(fresh.diagnostics);
        expect(result.files).toEqual(fresh.files);
        if (!hasErrors(result.diagnostics)) {
          await writeOutputs(f.out, result.files, false, memory);
          expect(listOutputs(f.out)).toEqual(
            new Map(fresh.files.map((file) => [file.path, file.contents])),
          );
        }
        f.step++;
      }
      // The error steps were seen as errors (CG101, then CG301 for the duplicate, which stays), the rest were clean.
      expect(codes).toEqual([[], [], [], [], [], ['CG101'], [], ['CG301'], ['CG301']]);
    },
  );
});
