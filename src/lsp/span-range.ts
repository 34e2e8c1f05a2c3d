import type { Span } from '../contract/model.js';
import type { Position, Range } from 'vscode-languageserver';

/**
 * A model span as an LSP range. Spans are 1-based with an exclusive end;
 * LSP positions are 0-based with an exclusive end; both count columns in
 * UTF-16 units (the reader takes them from TypeScript, which indexes JS strings).
 */
export function spanToRange(span: Span): Range {
  return {
    start: { line: span.line - 1, character: span.column - 1 },
    end: { line: span.endLine - 1, character: span.endColumn - 1 },
  };
}

/** Whether a position lies in a span (its end included, so a cursor just after a name still hovers it). */
export function spanContains(span: Span, position: Position): boolean {
  const { start, end } = spanToRange(span);
  return !isBefore(position, start) && !isBefore(end, position);
}

export function sameRange(a: Range, b: Range): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}

function isBefore(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}
