import { ts } from './typescript.js';
import { codes } from '../codes.js';
import type { Diagnostic } from '../diagnostic.js';
import { spanOfRange, type FileNamer } from './span-of.js';

/**
 * CG005 for what a contract file declares at module level that TypeScript
 * refuses in a module (`tsc` would fail on the file while the reader, which
 * parses without type checking, would read on) or that contracts cannot
 * have: generated code imports every type by name from its file, so types
 * must be the file's own exports, never globals or another module's.
 *
 * - `export as namespace X` outside a declaration file (TS1315); in a
 *   `.d.ts` (@types files have it) it names a global for script tags and is
 *   ignored: nothing of it crosses the wire.
 * - `export = x` and `import x = require('...')` outside a declaration file
 *   (TS1203, TS1202: contracts are ES modules).
 * - `declare global { ... }`: types generated code could not import.
 * - `declare module 'x' { ... }`: an augmentation of, or a declaration for,
 *   a module contracts cannot import.
 * - A name declared twice where TypeScript merges nothing (two type aliases,
 *   an alias and an interface, an enum and an interface: TS2300, TS2567):
 *   the reader would read one and drop the other without a word.
 */
export function readModuleDiagnostics(sourceFile: ts.SourceFile, namer: FileNamer): Diagnostic[] {
  const found: Diagnostic[] = [];
  const report = (node: ts.Node, end: number, message: string, hint: string) =>
    found.push({
      code: codes.moduleConstruct,
      severity: 'error',
      message,
      hint,
      span: spanOfRange(namer, sourceFile, node.getStart(sourceFile), end),
    });
  const declarationFile = sourceFile.isDeclarationFile;
  for (const statement of sourceFile.statements) {
    if (ts.isNamespaceExportDeclaration(statement) && !declarationFile) {
      report(
        statement,
        statement.getEnd(),
        `'export as namespace ${statement.name.text}' is allowed only in declaration files: TypeScript refuses it in a module (TS1315).`,
        'Remove it: a contract is a module, imported by name. (In a .d.ts type file it may stay; it is ignored.)',
      );
    } else if (ts.isExportAssignment(statement) && statement.isExportEquals && !declarationFile) {
      report(
        statement,
        statement.getEnd(),
        "'export =' cannot be used in a contract: contracts are ES modules, and TypeScript refuses it there (TS1203).",
        "Export each type by name ('export interface X ...') instead.",
      );
    } else if (
      ts.isImportEqualsDeclaration(statement) &&
      ts.isExternalModuleReference(statement.moduleReference) &&
      !declarationFile
    ) {
      report(
        statement,
        statement.getEnd(),
        `'import ${statement.name.text} = require(...)' cannot be used in a contract: contracts are ES modules, and TypeScript refuses it there (TS1202).`,
        "Use 'import type { X } from './other.js'' instead.",
      );
    } else if (
      ts.isModuleDeclaration(statement) &&
      ((statement.flags & ts.NodeFlags.GlobalAugmentation) !== 0 ||
        (ts.isIdentifier(statement.name) && statement.name.text === 'global'))
    ) {
      report(
        statement,
        statement.name.getEnd(),
        "Contracts cannot declare globals ('declare global'): generated code imports every type by name from its contract file, and a global has none.",
        'Move the declarations out of the block and export them from the file; import them where they are used.',
      );
    } else if (ts.isModuleDeclaration(statement) && ts.isStringLiteral(statement.name)) {
      report(
        statement,
        statement.name.getEnd(),
        `Contracts cannot declare or augment the module '${statement.name.text}': contracts import only files of the contracts folder and 'contract-gen'.`,
        'Declare the types the contract needs in a file of the contracts folder and export them from it.',
      );
    }
  }
  found.push(...duplicates(sourceFile, namer));
  return found;
}

type Kind = 'interface' | 'alias' | 'enum' | 'class';

/** Interfaces merge with interfaces and classes, enums with enums; nothing merges with a type alias. */
function merges(a: Kind, b: Kind): boolean {
  if (a === 'alias' || b === 'alias') return false;
  if (a === 'enum' || b === 'enum') return a === b;
  return a === 'interface' || b === 'interface';
}

function duplicates(sourceFile: ts.SourceFile, namer: FileNamer): Diagnostic[] {
  const found: Diagnostic[] = [];
  const first = new Map<string, { kind: Kind; name: ts.Node }>();
  for (const statement of sourceFile.statements) {
    const kind: Kind | undefined = ts.isInterfaceDeclaration(statement)
      ? 'interface'
      : ts.isTypeAliasDeclaration(statement)
        ? 'alias'
        : ts.isEnumDeclaration(statement)
          ? 'enum'
          : ts.isClassDeclaration(statement)
            ? 'class'
            : undefined;
    const name = kind ? (statement as { name?: ts.Identifier }).name : undefined;
    if (!kind || !name) continue;
    const earlier = first.get(name.text);
    if (!earlier) {
      first.set(name.text, { kind, name });
      continue;
    }
    if (merges(earlier.kind, kind)) continue;
    const line =
      sourceFile.getLineAndCharacterOfPosition(earlier.name.getStart(sourceFile)).line + 1;
    found.push({
      code: codes.moduleConstruct,
      severity: 'error',
      message: `'${name.text}' is declared twice in this file (also line ${line}), as ${article(earlier.kind)} and ${article(kind)}: TypeScript refuses that (${earlier.kind === 'enum' || kind === 'enum' ? 'TS2567' : 'TS2300'}).`,
      hint: 'Rename one of them, or merge them into one declaration.',
      span: spanOfRange(namer, sourceFile, name.getStart(sourceFile), name.getEnd()),
    });
  }
  return found;
}

function article(kind: Kind): string {
  return kind === 'class' ? 'a class' : `an ${kind}`;
}
