import { ts } from 'ts-morph';
import type { Doc, DocTag } from '../model.js';
import type { DeclInfo } from './declaration-table.js';

/**
 * The JSDoc of a declaration or member, or undefined when it has none (or an
 * empty one). Only the closest `/** *\/` block counts, as in editors. Text is
 * kept raw; `@param x - text` loses the conventional dash.
 */
export function readDoc(node: ts.Node): Doc | undefined {
  const block = lastJSDoc(node);
  if (!block) return undefined;
  const doc: { -readonly [K in keyof Doc]: Doc[K] } = {};
  const summary = textOf(block.comment);
  if (summary) doc.summary = summary;
  const params: Record<string, string> = {};
  const tags: DocTag[] = [];
  for (const tag of block.tags ?? []) readTag(tag, doc, params, tags);
  if (Object.keys(params).length > 0) doc.params = params;
  if (tags.length > 0) doc.tags = tags;
  return Object.keys(doc).length > 0 ? doc : undefined;
}

function readTag(
  tag: ts.JSDocTag,
  doc: { -readonly [K in keyof Doc]: Doc[K] },
  params: Record<string, string>,
  tags: DocTag[],
): void {
  const text = textOf(tag.comment);
  const name = tag.tagName.text;
  if (ts.isJSDocParameterTag(tag)) params[tag.name.getText()] = text.replace(/^-\s*/, '');
  else if (name === 'returns' || name === 'return') doc.returns = text;
  else if (name === 'deprecated') doc.deprecated = text;
  else tags.push({ name, text });
}

/**
 * The parser hangs a declaration's JSDoc blocks on the node (`jsDoc`, not in
 * the public typings but there since TypeScript 2); reading it directly
 * avoids `getJSDocCommentsAndTags`, which also searches parents, on every
 * member of every contract. The public function remains the fallback.
 */
function lastJSDoc(node: ts.Node): ts.JSDoc | undefined {
  parserAttachesJSDoc ??= Array.isArray(attachedJSDoc(ts.createSourceFile('probe.ts', '/** x */ type A = 1;', ts.ScriptTarget.ES2022).statements[0]!));
  const blocks = parserAttachesJSDoc ? (attachedJSDoc(node) ?? []) : ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc);
  return blocks[blocks.length - 1];
}

let parserAttachesJSDoc: boolean | undefined;

function attachedJSDoc(node: ts.Node): readonly ts.JSDoc[] | undefined {
  return (node as { jsDoc?: readonly ts.JSDoc[] }).jsDoc;
}

function textOf(comment: string | ts.NodeArray<ts.JSDocComment> | undefined): string {
  return (ts.getTextOfJSDocComment(comment) ?? '').trim();
}

/** The doc of a (possibly merged) declaration: that of the first declaration that has one. */
export function readDeclarationDoc(info: DeclInfo): Doc | undefined {
  for (const declaration of info.declarations) {
    const doc = readDoc(declaration);
    if (doc) return doc;
  }
  return undefined;
}
