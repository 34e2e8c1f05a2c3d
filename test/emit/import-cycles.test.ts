/**
 * Generated modules never import each other in a loop (issue 17): a loop
 * made every reference between modules an `s.lazy`, and a lazy schema is
 * walked instead of decoded by its compiled decoder. Each folder is
 * generated afresh (in memory) and the import graph of its outputs walked.
 */
import { join, posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate, type OutputFile } from '../../src/generator.js';
import { repoRoot } from '../support/cli.js';

/** Contracts folders, and where their outputs go. */
const folders = [
  { contracts: 'contracts', out: 'generated' },
  { contracts: 'conformance/contracts', out: 'conformance/generated' },
  // A generic declared in a.ts, used in b.ts and c.ts, which refer to each other.
  {
    contracts: 'test/fixtures/good/generics-across-files/contracts',
    out: 'test/fixtures/good/generics-across-files/generated',
  },
];

/** Output path → the output paths it imports or re-exports from (relative specifiers to other outputs only). */
function importGraph(files: readonly OutputFile[]): Map<string, string[]> {
  const paths = new Set(files.map((f) => f.path));
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const specifiers = [
      ...file.contents.matchAll(/^(?:import|export)\b[^;]*?\bfrom '(\.[^']+)';/gms),
    ].map((m) => m[1]!);
    const targets = specifiers
      .map((s) => posix.join(posix.dirname(file.path), s).replace(/\.js$/, '.ts'))
      .filter((p) => paths.has(p));
    graph.set(file.path, targets);
  }
  return graph;
}

/** One loop of the graph as a path (`a → b → a`), or undefined when there is none. */
function findCycle(graph: ReadonlyMap<string, readonly string[]>): string | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const trail: string[] = [];
  const visit = (node: string): string | undefined => {
    if (state.get(node) === 'done') return undefined;
    if (state.get(node) === 'open') return [...trail.slice(trail.indexOf(node)), node].join(' → ');
    state.set(node, 'open');
    trail.push(node);
    for (const next of graph.get(node) ?? []) {
      const found = visit(next);
      if (found) return found;
    }
    trail.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of graph.keys()) {
    const found = visit(node);
    if (found) return found;
  }
  return undefined;
}

describe('imports between generated modules', () => {
  it.each(folders)('form no cycle for $contracts', async ({ contracts, out }) => {
    const { diagnostics, files } = await generate({
      contractsDir: join(repoRoot, contracts),
      outDir: join(repoRoot, out),
    });
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const graph = importGraph(files);
    // The walk sees the imports there are: schema modules import each other, servers and clients their schema module.
    expect(
      [...graph.values()].some((targets) => targets.some((t) => t.endsWith('.schema.ts'))),
    ).toBe(true);
    expect(findCycle(graph)).toBeUndefined();
  });

  it('finds the cycle the emitter used to make (common.schema.ts ⇄ chat.schema.ts through Page<ChatMessage>)', () => {
    const graph = importGraph([
      {
        path: 'common.schema.ts',
        contents: "import { ChatMessageSchema } from './chat.schema.js';\n",
      },
      {
        path: 'chat.schema.ts',
        contents: "import { PageOfChatMessageSchema, StampSchema } from './common.schema.js';\n",
      },
    ]);
    expect(findCycle(graph)).toBe('common.schema.ts → chat.schema.ts → common.schema.ts');
  });

  it('reads multi-line imports and re-exports', () => {
    const graph = importGraph([
      { path: 'a.schema.ts', contents: "import { B } from './b.schema.js';\n" },
      { path: 'b.schema.ts', contents: "import {\n  A,\n} from './a.schema.js';\n" },
      { path: 'c.schema.ts', contents: "export { A } from './a.schema.js';\n" },
    ]);
    expect(graph.get('b.schema.ts')).toEqual(['a.schema.ts']);
    expect(graph.get('c.schema.ts')).toEqual(['a.schema.ts']);
    expect(findCycle(graph)).toBe('a.schema.ts → b.schema.ts → a.schema.ts');
  });
});
