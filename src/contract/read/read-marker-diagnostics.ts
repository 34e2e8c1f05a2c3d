import { ts } from './typescript.js';
import { closestName } from '../../text/closest-name.js';
import { codes } from '../codes.js';
import type { Diagnostic } from '../diagnostic.js';
import { contractGenSourceFile } from './contract-gen-module.js';
import { scopeOf } from './file-scope.js';
import { isKnownLibType } from './lib-types.js';
import type { ReadSession } from './read-session.js';
import { spanOf } from './span-of.js';

/**
 * CG006 for names of 'contract-gen' that are not there: a name imported
 * from it that it does not export (`import type { Callbak } from
 * 'contract-gen'`, or `cg.Servce` through a namespace import), and an
 * interface that `extends` a name declared and imported nowhere that is a
 * near miss of a marker (`extends Servce`). Without this, the first is
 * silent and the second surfaces as CG003 "no service" with no place to look.
 */
export function readMarkerDiagnostics(sourceFile: ts.SourceFile, s: ReadSession): Diagnostic[] {
  const found: Diagnostic[] = [];
  const names = contractGenNames();
  const namespaces = new Set<string>();
  for (const statement of sourceFile.statements) {
    if (
      !ts.isImportDeclaration(statement) ||
      !ts.isStringLiteral(statement.moduleSpecifier) ||
      !isContractGen(statement.moduleSpecifier.text)
    )
      continue;
    const bindings = statement.importClause?.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) namespaces.add(bindings.name.text);
    if (!bindings || !ts.isNamedImports(bindings)) continue;
    for (const element of bindings.elements) {
      const imported = element.propertyName ?? element.name;
      if (!ts.isIdentifier(imported) || names.includes(imported.text)) continue;
      found.push(unknownName(s, imported, statement.moduleSpecifier.text, names));
    }
  }
  for (const statement of sourceFile.statements) {
    if (!ts.isInterfaceDeclaration(statement)) continue;
    for (const clause of statement.heritageClauses ?? []) {
      for (const base of clause.types) {
        const name = base.expression;
        if (
          ts.isPropertyAccessExpression(name) &&
          ts.isIdentifier(name.expression) &&
          ts.isIdentifier(name.name) &&
          namespaces.has(name.expression.text) &&
          !names.includes(name.name.text)
        ) {
          found.push(unknownName(s, name.name, 'contract-gen', names));
        } else if (ts.isIdentifier(name) && !markers.includes(name.text)) {
          // A near miss first (cheap); the file's scope only then.
          const meant = closestName(name.text, markers);
          if (
            meant &&
            !scopeOf(s, sourceFile).has(name.text) &&
            !isKnownLibType(name.text) &&
            !s.hasGlobalDeclarations
          ) {
            found.push({
              code: codes.unknownContractGenName,
              severity: 'error',
              message: `'${name.text}' is declared nowhere: did you mean '${meant}'?`,
              hint: `Write 'extends ${meant}', with 'import type { ${meant} } from 'contract-gen''.`,
              span: spanOf(s, name, sourceFile),
            });
          }
        }
      }
    }
  }
  return found;
}

const markers = ['Service', 'Callback'];

function unknownName(
  s: ReadSession,
  name: ts.Identifier,
  module: string,
  names: readonly string[],
): Diagnostic {
  const meant = closestName(name.text, names);
  return {
    code: codes.unknownContractGenName,
    severity: 'error',
    message: `'${module}' has no export '${name.text}'${meant ? `: did you mean '${meant}'?` : '.'}`,
    hint: `'${module}' exports ${names.map((n) => `'${n}'`).join(', ')}.`,
    span: spanOf(s, name, name.getSourceFile()),
  };
}

function isContractGen(specifier: string): boolean {
  return specifier === 'contract-gen' || specifier === '@contract-gen/runtime';
}

let exported: readonly string[] | undefined;

/** What the in-memory 'contract-gen' declares (the markers, and whatever else it comes to export). */
function contractGenNames(): readonly string[] {
  exported ??= contractGenSourceFile().statements.flatMap((statement) => {
    const name = (statement as { name?: ts.Node }).name;
    return name && ts.isIdentifier(name) ? [name.text] : [];
  });
  return exported;
}
