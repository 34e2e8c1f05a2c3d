import { ts } from '../typescript.js';
import type { TypeRef } from '../../model.js';
import type { ReadSession } from '../read-session.js';
import { readType, type TypeSite } from './read-type.js';

const booleanType: TypeRef = { kind: 'primitive', name: 'boolean' };

/**
 * The members of a checker union → union TypeRef. The checker keeps
 * `boolean` as `false | true` and orders members by creation, not source:
 * `false`+`true` become one `boolean`, and `null`/`undefined` go last,
 * where people write them (`T | null`), so the order is stable and familiar.
 */
export function readUnionOfTypes(
  s: ReadSession,
  types: readonly ts.Type[],
  site: TypeSite,
  depth: number,
): TypeRef {
  const hasTrue = types.some((t) => isBooleanLiteral(s, t, 'true'));
  const hasFalse = types.some((t) => isBooleanLiteral(s, t, 'false'));
  const members: TypeRef[] = [];
  let sawBoolean = false;
  for (const type of ordered(types)) {
    if (
      hasTrue &&
      hasFalse &&
      type.flags & ts.TypeFlags.BooleanLiteral &&
      !(type.flags & ts.TypeFlags.EnumLiteral)
    ) {
      if (!sawBoolean) members.push(booleanType);
      sawBoolean = true;
      continue;
    }
    members.push(readType(s, type, site, undefined, depth + 1));
  }
  return members.length === 1 ? members[0]! : { kind: 'union', members };
}

function ordered(types: readonly ts.Type[]): ts.Type[] {
  const nullish = ts.TypeFlags.Null | ts.TypeFlags.Undefined;
  return [
    ...types.filter((t) => !(t.flags & nullish)),
    ...types.filter((t) => t.flags & ts.TypeFlags.Null),
    ...types.filter((t) => t.flags & ts.TypeFlags.Undefined),
  ];
}

function isBooleanLiteral(s: ReadSession, type: ts.Type, text: 'true' | 'false'): boolean {
  return (type.flags & ts.TypeFlags.BooleanLiteral) !== 0 && s.checker.typeToString(type) === text;
}
