import type { Span, TypeRef, UnsupportedWhat } from '../model.js';

/** A construct that cannot cross the wire: recorded as a fact for the checks, never thrown. */
export function unsupported(what: UnsupportedWhat, text: string, span: Span): TypeRef {
  return { kind: 'unsupported', what, text: oneLine(text), span };
}

/** Messages print the type on one line, whatever its source layout. */
function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
