import { ts } from './typescript.js';
import type { ParsedContract } from './contract-sources.js';
import { moduleSpecifiers } from './read-import-diagnostics.js';
import { resolveContractImport } from './resolve-contract-import.js';

/**
 * Per contract file (by relative path), an object that stays the same from
 * one read to the next as long as neither the file nor any contract file it
 * imports, directly or through others, changed (and no import of them
 * resolves differently). Whatever the reader makes of a file's declarations
 * can only depend on those files (names reach another file only through an
 * import; files that could break this make {@link ClosureTracker.update}
 * say so), so a kept token means a kept answer.
 */
export interface ClosureTracker {
  /**
   * Tokens for the files of this read, or undefined when some file can reach
   * others without importing them (a namespace or `declare module`, `import()`
   * types, `/// <reference>`): then the whole folder is one unit.
   */
  update(
    dir: string,
    parsed: readonly ParsedContract[],
    listing: string,
  ): ReadonlyMap<string, object> | undefined;
}

/** What a file's closure looked like: each file in it (path, then its parse) and each import that found nothing. */
type Signature = readonly (string | ts.SourceFile)[];

interface Closure {
  readonly signature: Signature;
  /** The paths in it, to tell quickly whether a changed file is. */
  readonly paths: ReadonlySet<string>;
  readonly token: object;
}

export function createClosureTracker(): ClosureTracker {
  let previous = new Map<string, Closure>();
  let previousListing: string | undefined;
  let parses = new Map<string, ts.SourceFile>();
  return {
    update(dir, parsed, listing) {
      if (parsed.some((p) => reachesWithoutImport(p.sourceFile))) {
        previous = new Map();
        previousListing = undefined;
        return undefined;
      }
      // With the same files, a closure can only change where a file in it was parsed again.
      const sameFiles = listing === previousListing;
      const reparsed = parsed
        .filter((p) => parses.get(p.file.relativePath) !== p.sourceFile)
        .map((p) => p.file.relativePath);
      parses = new Map(parsed.map((p) => [p.file.relativePath, p.sourceFile]));
      previousListing = listing;
      const graph = importGraph(dir, parsed, listing);
      const next = new Map<string, Closure>();
      const tokens = new Map<string, object>();
      for (const { file } of parsed) {
        const before = previous.get(file.relativePath);
        let closure: Closure;
        if (before && sameFiles && !reparsed.some((path) => before.paths.has(path))) {
          closure = before;
        } else {
          const signature = closureSignature(graph, file.relativePath);
          const paths = new Set(
            signature.filter((item): item is string => typeof item === 'string'),
          );
          const token = before && sameSignature(before.signature, signature) ? before.token : {};
          closure = { signature, paths, token };
        }
        next.set(file.relativePath, closure);
        tokens.set(file.relativePath, closure.token);
      }
      previous = next;
      return tokens;
    },
  };
}

interface Node {
  readonly sourceFile: ts.SourceFile;
  /** Relative paths of the contract files it imports. */
  readonly imports: readonly string[];
  /** Specifiers that resolve to no file now (they would if one were added). */
  readonly missing: readonly string[];
}

/** Where imports lead depends on the file and on which files exist (`listing`, the same string while the folder's files are): kept per parse. */
function importGraph(
  dir: string,
  parsed: readonly ParsedContract[],
  listing: string,
): Map<string, Node> {
  const byPath = new Map(parsed.map((p) => [p.file.absolutePath, p.file.relativePath]));
  const graph = new Map<string, Node>();
  for (const { file, sourceFile } of parsed) {
    const known = nodes.get(sourceFile);
    if (known && known.listing === listing && known.path === file.absolutePath) {
      graph.set(file.relativePath, known.node);
      continue;
    }
    const imports: string[] = [];
    const missing: string[] = [];
    for (const specifier of moduleSpecifiers(sourceFile)) {
      const found = resolveContractImport(specifier.text, file.absolutePath, dir, (path) =>
        byPath.has(path),
      );
      if (found.kind === 'file') imports.push(byPath.get(found.path)!);
      else if (found.kind === 'missing') missing.push(specifier.text);
    }
    const node: Node = { sourceFile, imports, missing };
    nodes.set(sourceFile, { listing, path: file.absolutePath, node });
    graph.set(file.relativePath, node);
  }
  return graph;
}

const nodes = new WeakMap<
  ts.SourceFile,
  { readonly listing: string; readonly path: string; readonly node: Node }
>();

function closureSignature(graph: ReadonlyMap<string, Node>, start: string): Signature {
  const signature: (string | ts.SourceFile)[] = [];
  const seen = new Set<string>([start]);
  const stack = [start];
  while (stack.length > 0) {
    const path = stack.pop()!;
    const node = graph.get(path)!;
    signature.push(path, node.sourceFile);
    for (const specifier of node.missing) signature.push(`?${path}:${specifier}`);
    for (const next of node.imports) {
      if (!seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  return signature;
}

function sameSignature(a: Signature, b: Signature): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

const reachCache = new WeakMap<ts.SourceFile, boolean>();

/** Namespaces, module augmentations, `import('./x')` types and triple-slash references reach past imports. */
function reachesWithoutImport(sourceFile: ts.SourceFile): boolean {
  let found = reachCache.get(sourceFile);
  if (found === undefined) {
    found =
      sourceFile.referencedFiles.length > 0 ||
      sourceFile.typeReferenceDirectives.length > 0 ||
      sourceFile.text.includes('import(') ||
      sourceFile.statements.some(
        (s) => ts.isModuleDeclaration(s) || ts.isImportEqualsDeclaration(s),
      );
    reachCache.set(sourceFile, found);
  }
  return found;
}
