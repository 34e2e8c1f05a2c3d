import type { TypeRef } from '../contract/model.js';
import type { JsonSchema } from './json-schema.js';

type Literal = string | number | boolean | null;

/**
 * A union's schema, as short as it can be said exactly: literals become one
 * `enum` (or a `const` when alone); plain types without other keywords merge
 * into a `type` array (`string | null` → `type: [string, null]`); anything
 * else is an `anyOf` (not `oneOf`: members may overlap, and the runtime takes
 * the first that decodes). Nested unions are flattened; the literals stand
 * where the first of them stands; otherwise order is the contract's.
 */
export function unionSchema(
  members: readonly TypeRef[],
  schemaOf: (member: TypeRef) => JsonSchema,
): JsonSchema {
  const flat = flatten(members);
  const literals = flat
    .filter((m) => m.kind === 'literal')
    .map((m) => (m.kind === 'literal' ? m.value : null));
  // `null` joins an enum of literals, or else is just one more plain type.
  const nullInEnum = literals.length > 0;
  const parts: JsonSchema[] = [];
  let enumAt = -1;
  for (const member of flat) {
    if (member.kind === 'literal' || (nullInEnum && isNullish(member))) {
      if (enumAt < 0) enumAt = parts.push({}) - 1;
      if (member.kind !== 'literal') literals.push(null);
    } else {
      parts.push(isNullish(member) ? { type: 'null' } : schemaOf(member));
    }
  }
  if (enumAt >= 0) parts[enumAt] = literalSchema(literals);
  return merge(parts);
}

function merge(parts: readonly JsonSchema[]): JsonSchema {
  const unique = dedupe(parts);
  if (unique.length === 1) return unique[0] as JsonSchema;
  if (unique.every(isPlainType)) return { type: unique.map((s) => s['type'] as string) };
  return { anyOf: unique };
}

function flatten(members: readonly TypeRef[]): TypeRef[] {
  return members.flatMap((m) => (m.kind === 'union' ? flatten(m.members) : [m]));
}

/** `null` and `undefined` are both `null` on the wire. */
function isNullish(ref: TypeRef): boolean {
  return ref.kind === 'primitive' && (ref.name === 'null' || ref.name === 'undefined');
}

function literalSchema(values: readonly Literal[]): JsonSchema {
  const unique = [...new Set(values)];
  const types = [...new Set(unique.map((v) => (v === null ? 'null' : typeof v)))];
  const type = types.length === 1 ? types[0] : types;
  if (unique.length === 1)
    return unique[0] === null ? { type: 'null' } : { type, const: unique[0] };
  return { type, enum: unique };
}

/** `{ type: 'string' }` and the like: a schema that says nothing but its type. */
function isPlainType(schema: JsonSchema): boolean {
  const keys = Object.keys(schema);
  return keys.length === 1 && keys[0] === 'type' && typeof schema['type'] === 'string';
}

/** `string | undefined | null` says `null` once. */
function dedupe(parts: readonly JsonSchema[]): JsonSchema[] {
  const seen = new Set<string>();
  return parts.filter((p) => {
    const key = JSON.stringify(p);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
