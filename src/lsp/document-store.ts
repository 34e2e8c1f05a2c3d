import type { ContentChange, Position } from './lsp-types.js';

/** An open editor document: its unsaved text wins over the file on disk. */
export interface OpenDocument {
  readonly uri: string;
  readonly version: number;
  readonly text: string;
}

/**
 * Applies `didChange` content changes in order. A change without a range
 * replaces the whole text (full sync); one with a range replaces that range
 * (incremental sync). Positions past the end of a line or of the text are
 * clamped, as the spec asks of out-of-range positions.
 */
export function applyChanges(text: string, changes: readonly ContentChange[]): string {
  let next = text;
  for (const change of changes) {
    if (!change.range) {
      next = change.text;
      continue;
    }
    const start = offsetAt(next, change.range.start);
    const end = Math.max(start, offsetAt(next, change.range.end));
    next = next.slice(0, start) + change.text + next.slice(end);
  }
  return next;
}

/** The offset of a position in `text` (UTF-16 units, like the position). Lines end at `\n`; a `\r` before it belongs to the line end. */
export function offsetAt(text: string, position: Position): number {
  let offset = 0;
  for (let line = 0; line < position.line; line++) {
    const newline = text.indexOf('\n', offset);
    if (newline < 0) return text.length;
    offset = newline + 1;
  }
  const newline = text.indexOf('\n', offset);
  let lineEnd = newline < 0 ? text.length : newline;
  if (lineEnd > offset && text[lineEnd - 1] === '\r') lineEnd--;
  return Math.min(offset + Math.max(0, position.character), lineEnd);
}
