import { posix } from 'node:path';
import { ts } from '../contract/read/typescript.js';
import { header, outputPath, relativeModule, type EmitContext } from './emit-context.js';

/** One replacement in the contract's text: `[start, end)` becomes `text`. */
interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** The modules the markers may be imported from (as resolve-contract-import allows). */
const markerModules = new Set(['contract-gen', '@contract-gen/runtime']);

/**
 * `<file>.types.ts` (`contractTypes: 'copy'`): the contract file's own text,
 * comments and all, made independent of the contracts folder: the markers'
 * import is dropped, with the `extends Service` / `extends Callback` that
 * named them, and imports of other contract files lead to their copies.
 * Generated code and the application import the contract's types from here.
 */
export function emitTypesModule(
  ctx: EmitContext,
  file: string,
  text: string,
  files: ReadonlySet<string>,
): string {
  const out = outputPath(file, 'types');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const markers = new Set<string>();
  const namespaces = new Set<string>();
  const edits: Edit[] = [];
  let hasModuleSyntax = false;
  for (const statement of source.statements) {
    const specifier = moduleSpecifierOf(statement);
    if (specifier === undefined) {
      if (isExported(statement)) hasModuleSyntax = true;
      continue;
    }
    if (markerModules.has(specifier.text)) {
      if (ts.isImportDeclaration(statement)) collectMarkers(statement, markers, namespaces);
      edits.push(removeStatement(statement, text));
      continue;
    }
    hasModuleSyntax = true;
    const target = resolveContractFile(file, specifier.text, files);
    if (target === undefined) continue; // the checks stop generation before this
    edits.push({
      start: specifier.getStart(source),
      end: specifier.getEnd(),
      text: `'${relativeModule(ctx, out, outputPath(target, 'types'))}'`,
    });
  }
  const visit = (node: ts.Node): void => {
    if (ts.isInterfaceDeclaration(node) && node.heritageClauses) {
      for (const clause of node.heritageClauses) {
        const edit = dropMarkers(clause, source, markers, namespaces);
        if (edit) edits.push(edit);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  let body = text;
  for (const edit of edits.sort((a, b) => b.start - a.start))
    body = body.slice(0, edit.start) + edit.text + body.slice(edit.end);
  // A file left with no import or export would be a script, its names global.
  const tail = hasModuleSyntax ? '' : '\nexport {};\n';
  return `${header(ctx, out, [file])}\n${body.trimStart()}${tail}`;
}

function moduleSpecifierOf(statement: ts.Statement): ts.StringLiteral | undefined {
  if (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) {
    const specifier = statement.moduleSpecifier;
    return specifier && ts.isStringLiteral(specifier) ? specifier : undefined;
  }
  if (
    ts.isImportEqualsDeclaration(statement) &&
    ts.isExternalModuleReference(statement.moduleReference) &&
    ts.isStringLiteral(statement.moduleReference.expression)
  ) {
    return statement.moduleReference.expression;
  }
  return undefined;
}

function isExported(statement: ts.Statement): boolean {
  if (ts.isExportAssignment(statement) || ts.isExportDeclaration(statement)) return true;
  return (
    ts.canHaveModifiers(statement) &&
    (ts.getModifiers(statement) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword)
  );
}

/** The local names the markers' import binds: `Service`, `Callback as CB`, or a namespace (`cg.Service`). */
function collectMarkers(
  statement: ts.ImportDeclaration,
  markers: Set<string>,
  namespaces: Set<string>,
): void {
  const bindings = statement.importClause?.namedBindings;
  if (!bindings) return;
  if (ts.isNamespaceImport(bindings)) namespaces.add(bindings.name.text);
  else for (const element of bindings.elements) markers.add(element.name.text);
}

/** The whole statement with its line, comments before it kept. */
function removeStatement(statement: ts.Statement, text: string): Edit {
  const start = statement.getStart();
  let end = statement.getEnd();
  if (text[end] === '\r') end++;
  if (text[end] === '\n') end++;
  return { start, end, text: '' };
}

/** Removes the markers from `extends A, Service`, or the whole clause when only markers were named. */
function dropMarkers(
  clause: ts.HeritageClause,
  source: ts.SourceFile,
  markers: ReadonlySet<string>,
  namespaces: ReadonlySet<string>,
): Edit | undefined {
  const isMarker = (type: ts.ExpressionWithTypeArguments) => {
    const e = type.expression;
    if (ts.isIdentifier(e)) return markers.has(e.text);
    return (
      ts.isPropertyAccessExpression(e) &&
      ts.isIdentifier(e.expression) &&
      namespaces.has(e.expression.text)
    );
  };
  const kept = clause.types.filter((type) => !isMarker(type));
  if (kept.length === clause.types.length) return undefined;
  if (kept.length === 0) return { start: clause.getFullStart(), end: clause.getEnd(), text: '' };
  return {
    start: clause.getStart(source),
    end: clause.getEnd(),
    text: `extends ${kept.map((type) => type.getText(source)).join(', ')}`,
  };
}

/** The contract file an import names (`./common.js`, `./common`, `./sub/index.js`), as the reader resolves it. */
function resolveContractFile(
  from: string,
  specifier: string,
  files: ReadonlySet<string>,
): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const target = posix.normalize(posix.join(posix.dirname(from), specifier));
  const candidates = /\.[cm]?js$/.test(target)
    ? [target.replace(/\.[cm]?js$/, '.ts')]
    : target.endsWith('.ts')
      ? [target]
      : [`${target}.ts`, posix.join(target, 'index.ts')];
  return candidates.find((candidate) => files.has(candidate));
}
