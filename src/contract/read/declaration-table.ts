import { ts } from './typescript.js';

/** What kind of declaration a contract name is. Classes are kept only to say "a class is not data". */
export type DeclKind = 'interface' | 'alias' | 'enum' | 'class';

/** One named declaration in the contracts folder (all merged declarations of one interface). */
export interface DeclInfo {
  readonly name: string;
  /** Unique over the folder: the name, or `Name@file.ts` for a later declaration with a taken name. */
  readonly id: string;
  readonly kind: DeclKind;
  /** The declarations, in source order (interfaces of one name in one file merge). */
  readonly declarations: readonly ts.Declaration[];
  readonly sourceFile: ts.SourceFile;
  /** The file, relative to the contracts folder. */
  readonly file: string;
  /** Start of the first declaration: with `file`, the sort key of everything in the model. */
  readonly pos: number;
  readonly exported: boolean;
  readonly typeParameters: readonly ts.TypeParameterDeclaration[];
}

/**
 * A declaration's name for caches that outlive one read: its file, name and
 * kind (ids are not stable: they depend on the other files).
 */
export function declarationKey(info: DeclInfo): string {
  return `${info.file}\0${info.name}\0${info.kind}`;
}

/** The named declarations of the contracts folder, found from syntax once per read. */
export interface DeclarationTable {
  /** Top-level declarations, by file then position. */
  readonly all: readonly DeclInfo[];
  /** Top-level declarations of a file by local name. */
  localsOf(sourceFile: ts.SourceFile): ReadonlyMap<string, DeclInfo>;
  /** A file's exported declarations by exported name (`export interface X`, `export { Y as X }`). */
  exportsOf(sourceFile: ts.SourceFile): ReadonlyMap<string, DeclInfo>;
  /** The contract declaration behind a checker symbol; nested ones (in namespaces) are added on first use. */
  get(symbol: ts.Symbol): DeclInfo | undefined;
  /** Some file scanned before (same parse) got different ids this time (a name moved in an earlier file). */
  readonly idsChanged: boolean;
}

/**
 * What earlier scans found, per parse: a file parsed before gets back the same
 * DeclInfo objects as long as their ids are still the same (watch mode keys
 * its caches on them).
 */
export type DeclarationReuse = WeakMap<ts.SourceFile, ScannedFile>;

interface ScannedFile {
  readonly file: string;
  readonly infos: readonly DeclInfo[];
  readonly locals: Map<string, DeclInfo>;
  exports?: Map<string, DeclInfo>;
}

const kindOf: ReadonlyMap<ts.SyntaxKind, DeclKind> = new Map([
  [ts.SyntaxKind.InterfaceDeclaration, 'interface'],
  [ts.SyntaxKind.TypeAliasDeclaration, 'alias'],
  [ts.SyntaxKind.EnumDeclaration, 'enum'],
  [ts.SyntaxKind.ClassDeclaration, 'class'],
]);

type NamedDeclaration =
  ts.InterfaceDeclaration | ts.TypeAliasDeclaration | ts.EnumDeclaration | ts.ClassDeclaration;

/** Scans the top-level declarations of the contract files (given sorted, with their relative paths). */
export function scanDeclarations(
  files: ReadonlyMap<ts.SourceFile, string>,
  reuse?: DeclarationReuse,
): DeclarationTable {
  const usedIds = new Set<string>();
  const scanned = new Map<ts.SourceFile, ScannedFile>();
  const all: DeclInfo[] = [];
  let idsChanged = false;
  for (const [sourceFile, file] of files) {
    const before = reuse?.get(sourceFile);
    const known = before?.file === file ? before : undefined;
    const groups = known
      ? known.infos.map((info) => info.declarations as NamedDeclaration[])
      : [...groupByName(sourceFile).values()];
    // Ids are handed out in folder order, so they are computed afresh; the infos are kept when they match.
    let same = known !== undefined;
    // A known parse's names are its infos' (an identifier's text is not free: every file, every read).
    const ids = groups.map((declarations, i) => {
      const id = uniqueId(known ? known.infos[i]!.name : nameOf(declarations[0]!), file, usedIds);
      if (known?.infos[i]!.id !== id) same = false;
      return id;
    });
    let entry: ScannedFile;
    if (known && same) {
      entry = known;
    } else {
      if (known) idsChanged = true;
      const infos = groups.map((declarations, i) =>
        createInfo(declarations, sourceFile, file, ids[i]!),
      );
      entry = { file, infos, locals: new Map(infos.map((info) => [info.name, info])) };
      reuse?.set(sourceFile, entry);
    }
    scanned.set(sourceFile, entry);
    for (const info of entry.infos) all.push(info);
  }
  let byNode: Map<ts.Node, DeclInfo> | undefined;
  const nodes = () => {
    if (!byNode) {
      byNode = new Map();
      for (const info of all) for (const d of info.declarations) byNode.set(d, info);
    }
    return byNode;
  };
  return {
    all,
    idsChanged,
    localsOf: (sourceFile) => scanned.get(sourceFile)?.locals ?? new Map(),
    exportsOf: (sourceFile) => {
      const entry = scanned.get(sourceFile);
      if (!entry) return new Map();
      return (entry.exports ??= exportedNames(sourceFile, entry.locals));
    },
    get: (symbol) => {
      const declarations = (symbol.declarations ?? []).filter(
        (d): d is NamedDeclaration => kindOf.has(d.kind) && files.has(d.getSourceFile()),
      );
      const first = declarations[0];
      if (!first) return undefined;
      const known = nodes().get(first);
      if (known) return known;
      const sourceFile = first.getSourceFile();
      const file = files.get(sourceFile)!;
      const info = createInfo(
        declarations,
        sourceFile,
        file,
        uniqueId(nameOf(first), file, usedIds),
      );
      for (const d of declarations) nodes().set(d, info);
      return info;
    },
  };
}

function nameOf(declaration: NamedDeclaration): string {
  return declaration.name?.text ?? 'default';
}

/** Named declarations by name in source order; same-named interfaces merge, as TypeScript merges them. */
function groupByName(sourceFile: ts.SourceFile): Map<string, NamedDeclaration[]> {
  const groups = new Map<string, NamedDeclaration[]>();
  for (const statement of sourceFile.statements) {
    if (!kindOf.has(statement.kind)) continue;
    const declaration = statement as NamedDeclaration;
    const name = declaration.name?.text;
    if (name === undefined) continue;
    const group = groups.get(name);
    if (!group) groups.set(name, [declaration]);
    else if (group[0]!.kind === declaration.kind) group.push(declaration);
  }
  return groups;
}

function createInfo(
  declarations: NamedDeclaration[],
  sourceFile: ts.SourceFile,
  file: string,
  id: string,
): DeclInfo {
  const first = declarations[0]!;
  const name = nameOf(first);
  return {
    name,
    id,
    kind: kindOf.get(first.kind)!,
    declarations,
    sourceFile,
    file,
    pos: first.getStart(sourceFile),
    exported: declarations.some((d) => isExported(d, name)),
    typeParameters: (ts.isEnumDeclaration(first) ? undefined : first.typeParameters) ?? [],
  };
}

/** The first declaration of a name keeps it; later ones (in file order) are told apart by their file. */
function uniqueId(name: string, file: string, usedIds: Set<string>): string {
  let id = usedIds.has(name) ? `${name}@${file}` : name;
  for (let n = 2; usedIds.has(id); n++) id = `${name}@${file}#${n}`;
  usedIds.add(id);
  return id;
}

/** `export interface X`, or `interface X` plus `export { X }` in the same file, or any declaration of a `.d.ts` that exports implicitly. */
function isExported(declaration: ts.Declaration, name: string): boolean {
  if (ts.getCombinedModifierFlags(declaration) & ts.ModifierFlags.Export) return true;
  const parent = declaration.parent;
  return (
    ts.isSourceFile(parent) &&
    (exportsImplicitly(parent) ||
      localExportClauses(parent).some((e) => (e.propertyName ?? e.name).text === name))
  );
}

/**
 * A declaration file that is a module and has no `export { ... }`,
 * `export * from`, `export =` or `export default`: TypeScript exports every
 * top-level declaration of it, `export` written or not (as @types packages
 * rely on).
 */
function exportsImplicitly(sourceFile: ts.SourceFile): boolean {
  return (
    sourceFile.isDeclarationFile &&
    ts.isExternalModule(sourceFile) &&
    !sourceFile.statements.some((s) => ts.isExportDeclaration(s) || ts.isExportAssignment(s))
  );
}

/** What a file exports by name, from its own declarations only (re-exports are left to the checker). */
function exportedNames(
  sourceFile: ts.SourceFile,
  locals: ReadonlyMap<string, DeclInfo>,
): Map<string, DeclInfo> {
  const found = new Map<string, DeclInfo>();
  const all = exportsImplicitly(sourceFile);
  for (const [name, info] of locals) {
    if (
      all ||
      info.declarations.some((d) => ts.getCombinedModifierFlags(d) & ts.ModifierFlags.Export)
    ) {
      found.set(name, info);
    }
  }
  for (const element of localExportClauses(sourceFile)) {
    const info = locals.get((element.propertyName ?? element.name).text);
    if (info) found.set(element.name.text, info);
  }
  return found;
}

/** The elements of `export { a, b as c }` (without `from`). */
function localExportClauses(sourceFile: ts.SourceFile): ts.ExportSpecifier[] {
  return sourceFile.statements.flatMap((s) =>
    ts.isExportDeclaration(s) &&
    !s.moduleSpecifier &&
    s.exportClause &&
    ts.isNamedExports(s.exportClause)
      ? [...s.exportClause.elements]
      : [],
  );
}
