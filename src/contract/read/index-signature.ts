import { ts } from './typescript.js';
import type { Property, Span, TypeRef } from '../model.js';
import type { ReadSession } from './read-session.js';
import { unsupported } from './unsupported.js';

/** What an index signature's key type is on the wire: any string, a number's text, or refused with why. */
export type IndexKey = 'string' | 'number' | { readonly refused: string };

/**
 * The key of `[key: K]: V`, from the checker's type of K: anything that
 * resolves to `string` (`type Id = string` too) or `number`; a template
 * literal (`` `x-${string}` ``) or `symbol` is refused, with the reason.
 */
export function indexKeyOf(keyType: ts.Type): IndexKey {
  const flags = keyType.flags;
  if (flags & ts.TypeFlags.String) return 'string';
  if (flags & ts.TypeFlags.Number) return 'number';
  if (flags & (ts.TypeFlags.TemplateLiteral | ts.TypeFlags.StringMapping))
    return { refused: 'template literal keys (a key pattern) are not checked on the wire' };
  if (flags & ts.TypeFlags.ESSymbolLike) return { refused: 'symbol keys do not exist in JSON' };
  return { refused: 'only string and number keys exist in JSON' };
}

/**
 * An object type with an index signature → TypeRef: a record when it has no
 * other properties (`key: 'number'` for numeric keys), an open object
 * (`rest`) when it has. Named properties beside a numeric index, and keys
 * that are neither strings nor numbers, are refused ('index-key').
 */
export function indexedObject(
  key: IndexKey,
  value: TypeRef,
  properties: readonly Property[],
  text: string,
  span: Span,
): TypeRef {
  if (typeof key === 'object') return unsupported('index-key', `${text}: ${key.refused}`, span);
  if (properties.length === 0)
    return key === 'number' ? { kind: 'record', value, key: 'number' } : { kind: 'record', value };
  if (key === 'number')
    return unsupported(
      'index-key',
      `${text}: named properties beside a numeric index signature (every key is a string on the wire, a name is no number)`,
      span,
    );
  return { kind: 'object', properties, rest: value };
}

/**
 * The first named property whose type the index signature's value type does
 * not accept (TypeScript's rule TS2411), with both types printed; undefined
 * when each is accepted. Optional properties may also be absent.
 */
export function propertyOutsideIndex(
  s: ReadSession,
  members: readonly { readonly name: string; readonly type: ts.Type; readonly optional: boolean }[],
  indexType: ts.Type,
): string | undefined {
  const checker = s.checker;
  for (const member of members) {
    const type = member.optional ? checker.getNonNullableType(member.type) : member.type;
    if (!checker.isTypeAssignableTo(type, indexType))
      return `property '${member.name}' (${checker.typeToString(member.type)}) is not accepted by the index signature's type ${checker.typeToString(indexType)}`;
  }
  return undefined;
}
