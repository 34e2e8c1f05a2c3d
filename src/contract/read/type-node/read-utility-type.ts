import { ts } from '../typescript.js';
import type { Property, TypeRef } from '../../model.js';
import { mentionsTypeParameter } from '../mentions-type-parameter.js';
import { readDeclaredType } from '../read-declared-type.js';
import type { ReadSession } from '../read-session.js';
import { resolveTypeName } from '../resolve-type-name.js';
import type { TypeEnv } from '../type-env.js';
import { readTypeNode } from './read-type-node.js';

type Utility = 'Partial' | 'Required' | 'Readonly' | 'Pick' | 'Omit';
const utilities: ReadonlySet<string> = new Set<Utility>([
  'Partial',
  'Required',
  'Readonly',
  'Pick',
  'Omit',
]);

/**
 * `Partial`, `Required`, `Readonly`, `Pick` and `Omit` of an object type
 * read from syntax: the target's properties with the modifier applied or
 * the keys filtered. These are the most common computed types in contracts,
 * and asking the checker to resolve each mapped type is many times slower.
 * Undefined when syntax cannot tell (a generic target, keys that are not
 * literals): the caller then asks the checker. Properties keep declaration order.
 */
export function readUtilityType(
  s: ReadSession,
  node: ts.TypeReferenceNode,
  env: TypeEnv,
  name: string,
): TypeRef | undefined {
  if (!utilities.has(name)) return undefined;
  const [target, keys] = node.typeArguments ?? [];
  const properties = target && propertiesOf(s, target, env);
  if (!properties) return undefined;
  switch (name as Utility) {
    case 'Partial':
      return object(properties.map((p) => ({ ...p, optional: true })));
    case 'Required':
      return object(
        properties.map((p) => ({ ...p, optional: false, type: withoutUndefined(p.type) })),
      );
    case 'Readonly':
      return object(properties.map((p) => ({ ...p, readonly: true })));
    case 'Pick':
    case 'Omit': {
      const names = keys && literalKeys(s, keys, env);
      if (!names) return undefined;
      return object(properties.filter((p) => names.has(p.name) === (name === 'Pick')));
    }
  }
}

function object(properties: readonly Property[]): TypeRef {
  return { kind: 'object', properties };
}

/** The properties of a non-generic contract interface or alias, or of any type that reads as an object. */
function propertiesOf(
  s: ReadSession,
  node: ts.TypeNode,
  env: TypeEnv,
): readonly Property[] | undefined {
  while (ts.isParenthesizedTypeNode(node)) node = node.type;
  let read: TypeRef | undefined;
  if (
    ts.isTypeReferenceNode(node) &&
    !(ts.isIdentifier(node.typeName) && env.has(node.typeName.text))
  ) {
    const target = resolveTypeName(s, node.typeName);
    if (target.kind === 'contract') {
      const { info } = target;
      const role = s.roles.get(info);
      const isData = role === undefined || role === 'data';
      const readable = info.kind === 'interface' || info.kind === 'alias';
      if (info.typeParameters.length > 0 || !isData || !readable) return undefined;
      read = readDeclaredType(s, info);
    }
  }
  read ??= readTypeNode(s, node, env);
  // An open object (an index signature beside properties): the checker says what each utility keeps of it.
  return read.kind === 'object' && read.rest === undefined ? read.properties : undefined;
}

/** `'a'`, `'a' | 'b'`, or any key type the checker resolves to string literals (`keyof X`, an alias). */
function literalKeys(
  s: ReadSession,
  node: ts.TypeNode,
  env: TypeEnv,
): ReadonlySet<string> | undefined {
  const written = writtenKeys(node);
  if (written) return written;
  if (mentionsTypeParameter(node, env)) return undefined;
  const type = s.checker.getTypeFromTypeNode(node);
  const members = type.isUnion() ? type.types : [type];
  if (!members.every((t) => t.isStringLiteral())) return undefined;
  return new Set(members.map((t) => t.value));
}

/** Keys written as string literals (`'a' | 'b'`), the usual case, known without the checker. */
function writtenKeys(node: ts.TypeNode): Set<string> | undefined {
  while (ts.isParenthesizedTypeNode(node)) node = node.type;
  const parts = ts.isUnionTypeNode(node) ? node.types : [node];
  const keys = new Set<string>();
  for (const part of parts) {
    if (!ts.isLiteralTypeNode(part) || !ts.isStringLiteral(part.literal)) return undefined;
    keys.add(part.literal.text);
  }
  return keys;
}

function withoutUndefined(type: TypeRef): TypeRef {
  if (type.kind !== 'union') return type;
  const kept = type.members.filter((m) => !(m.kind === 'primitive' && m.name === 'undefined'));
  return kept.length === 1 ? kept[0]! : { ...type, members: kept };
}
