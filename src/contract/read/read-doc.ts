import { ts } from './typescript.js';
import type { Doc } from '../model.js';
import type { DeclInfo } from './declaration-table.js';
import { parseJSDoc } from './parse-jsdoc.js';

/**
 * The JSDoc of a declaration or member, or undefined when it has none (or an
 * empty one). Only the closest `/** *\/` block counts, as in editors. Read
 * from the comment text, because contract files are parsed without JSDoc
 * nodes: parsing them for every file costs more than reading the few
 * comments the model keeps.
 */
export function readDoc(
  node: ts.Node,
  sourceFile: ts.SourceFile = node.getSourceFile(),
): Doc | undefined {
  const text = sourceFile.text;
  const ranges = ts.getLeadingCommentRanges(text, node.pos);
  if (!ranges) return undefined;
  for (let i = ranges.length - 1; i >= 0; i--) {
    const range = ranges[i]!;
    if (
      range.kind === ts.SyntaxKind.MultiLineCommentTrivia &&
      text.startsWith('/**', range.pos) &&
      !text.startsWith('/**/', range.pos)
    ) {
      return parseJSDoc(text.slice(range.pos, range.end));
    }
  }
  return undefined;
}

/** The doc of a (possibly merged) declaration: that of the first declaration that has one. */
export function readDeclarationDoc(info: DeclInfo): Doc | undefined {
  for (const declaration of info.declarations) {
    const doc = readDoc(declaration, info.sourceFile);
    if (doc) return doc;
  }
  return undefined;
}
