import { isObject } from './container-walk.js';
import { resolve, type SchemaNode } from './schema-types.js';

/**
 * How a union chooses among object members that all accept a value: the one
 * that keeps the most of its keys wins (`TextEdit | AnnotatedTextEdit` with
 * `{newText, range, annotationId}` is an AnnotatedTextEdit, not a TextEdit
 * that drops `annotationId`). These helpers count what a member keeps.
 */

/** How many own keys of `value` a decode with `node`'s result dropped: 0 when nothing was lost (or `value` is no object). */
export function droppedKeys(value: unknown, decoded: unknown): number {
  if (decoded === value || !isObject(value)) return 0;
  return isObject(decoded) ? Math.max(0, keyCount(value) - keyCount(decoded)) : 0;
}

/** How many own keys of the in-memory `value` an encode with `node` carries (every key for a record or `unknown`). */
export function keptKeys(node: SchemaNode, value: unknown): number {
  if (!isObject(value)) return 0;
  const target = resolve(node);
  switch (target.kind) {
    case 'object': {
      let kept = 0;
      for (const key of target.keys) if (Object.hasOwn(value, key)) kept++;
      if (target.rest === undefined) return kept;
      return keyCount(value);
    }
    case 'record':
    case 'unknown':
      return keyCount(value);
    case 'refine':
      return keptKeys(target.inner, value);
    default:
      return 0;
  }
}

function keyCount(value: object): number {
  let count = 0;
  for (const key in value) if (Object.hasOwn(value, key)) count++;
  return count;
}
