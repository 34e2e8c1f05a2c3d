import type { Doc } from '../contract/model.js';
import type { Annotations } from './json-schema.js';

/**
 * The annotations a JSDoc comment gives a schema or an operation: the
 * summary as `description` (with the `@deprecated` text after it, so a reader
 * learns what to use instead) and `deprecated: true`.
 */
export function docAnnotations(doc: Doc | undefined): Annotations {
  if (!doc) return {};
  const description = describeDoc(doc);
  return {
    ...(description ? { description } : {}),
    ...(doc.deprecated !== undefined ? { deprecated: true } : {}),
  };
}

/** The summary, then `Deprecated: <why>` when the tag has text. Undefined when there is nothing to say. */
export function describeDoc(doc: Doc | undefined): string | undefined {
  if (!doc) return undefined;
  const parts = [doc.summary, doc.deprecated ? `Deprecated: ${doc.deprecated}` : undefined].filter(
    (p): p is string => Boolean(p),
  );
  return parts.length > 0 ? parts.join('\n\n') : undefined;
}

/** The first sentence of a summary (its lines joined), for the short `summary` fields. */
export function firstSentence(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const flat = text.replace(/\s*\n\s*/g, ' ').trim();
  const end = flat.search(/[.!?](\s|$)/);
  return end >= 0 ? flat.slice(0, end + 1) : flat;
}
