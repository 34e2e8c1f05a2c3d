import { ts } from './typescript.js';
import { codes } from '../codes.js';
import type { Diagnostic } from '../diagnostic.js';
import { resolveContractImport } from './resolve-contract-import.js';
import { spanOf, type FileNamer } from './span-of.js';

/**
 * CG002 for every import or re-export in a contract file that leads outside
 * the contracts folder (a package, or `../`) or to no contract file.
 */
export function readImportDiagnostics(
  sourceFile: ts.SourceFile,
  dir: string,
  isContractFile: (absolutePath: string) => boolean,
  namer: FileNamer,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const specifier of moduleSpecifiers(sourceFile)) {
    const found = resolveContractImport(specifier.text, sourceFile.fileName, dir, isContractFile);
    if (found.kind === 'outside' || found.kind === 'missing') {
      diagnostics.push({
        code: codes.importOutsideContracts,
        severity: 'error',
        ...describe(specifier.text, found.kind),
        span: spanOf(namer, specifier, sourceFile),
      });
    }
  }
  return diagnostics;
}

function describe(
  specifier: string,
  kind: 'outside' | 'missing',
): { message: string; hint: string } {
  if (kind === 'missing') {
    return {
      message: `Cannot find contract file '${specifier}' in the contracts folder`,
      hint: 'Import another .ts file of the contracts folder, e.g. `./types.js`.',
    };
  }
  const isPackage = !specifier.startsWith('.');
  return {
    message: isPackage
      ? `Contracts cannot import the package '${specifier}'`
      : `Import '${specifier}' leaves the contracts folder`,
    hint: "Contracts may import only other files of the contracts folder and 'contract-gen'; declare the types you need inside the folder.",
  };
}

/** `import ... from 'x'`, `export ... from 'x'`, `import x = require('x')`. */
export function moduleSpecifiers(sourceFile: ts.SourceFile): ts.StringLiteral[] {
  const found: ts.StringLiteral[] = [];
  for (const statement of sourceFile.statements) {
    let specifier: ts.Expression | undefined;
    if (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) {
      specifier = statement.moduleSpecifier;
    } else if (
      ts.isImportEqualsDeclaration(statement) &&
      ts.isExternalModuleReference(statement.moduleReference)
    ) {
      specifier = statement.moduleReference.expression;
    }
    if (specifier && ts.isStringLiteral(specifier)) found.push(specifier);
  }
  return found;
}

/**
 * The names a file binds by imports that CG002 refuses (`Foo` of `import
 * type { Foo } from 'zod'`, `z` of `import * as z from 'zod'`): where they
 * are used, "cannot resolve" (CG205) only repeats what CG002 said at the import.
 */
export function refusedImportNames(
  sourceFile: ts.SourceFile,
  dir: string,
  isContractFile: (absolutePath: string) => boolean,
): string[] {
  const names: string[] = [];
  for (const statement of sourceFile.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier))
      continue;
    const clause = statement.importClause;
    if (!clause) continue;
    const found = resolveContractImport(
      statement.moduleSpecifier.text,
      sourceFile.fileName,
      dir,
      isContractFile,
    );
    if (found.kind !== 'outside' && found.kind !== 'missing') continue;
    if (clause.name) names.push(clause.name.text);
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) names.push(bindings.name.text);
    else if (bindings) for (const element of bindings.elements) names.push(element.name.text);
  }
  return names;
}
