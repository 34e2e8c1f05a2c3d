import { ts } from './typescript.js';
import type { Span } from '../model.js';

/** Anything that can name a contract source file relative to the contracts folder. */
export interface FileNamer {
  relativePath(sourceFile: ts.SourceFile): string;
}

/**
 * The span of a node: from its first token (leading comments and JSDoc
 * excluded) to its end. Lines and columns are 1-based; the end is exclusive
 * (the column just after the last character), like an editor selection.
 */
export function spanOf(
  namer: FileNamer,
  node: ts.Node,
  sourceFile: ts.SourceFile = node.getSourceFile(),
): Span {
  return spanOfRange(namer, sourceFile, node.getStart(sourceFile), node.getEnd());
}

/** The span of a text range in a file (used for compiler diagnostics, which carry offsets). */
export function spanOfRange(
  namer: FileNamer,
  sourceFile: ts.SourceFile,
  start: number,
  end: number,
): Span {
  const from = sourceFile.getLineAndCharacterOfPosition(start);
  const to = sourceFile.getLineAndCharacterOfPosition(end);
  return {
    file: namer.relativePath(sourceFile),
    line: from.line + 1,
    column: from.character + 1,
    endLine: to.line + 1,
    endColumn: to.character + 1,
  };
}
