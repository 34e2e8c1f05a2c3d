import {
  nodeOf,
  type ArrayNode,
  type Infer,
  type LazyNode,
  type OptionalNode,
  type OptionalSchema,
  type RecordNode,
  type Schema,
  type SchemaNode,
  type UnionNode,
} from './schema-types.js';

/**
 * Whether any of `children` converts: true as soon as one does, undefined
 * while one is not known yet (behind a lazy), false otherwise.
 */
export function anyConverts(children: readonly SchemaNode[]): boolean | undefined {
  let unknownYet = false;
  for (const child of children) {
    if (child.converts === true) return true;
    if (child.converts === undefined) unknownYet = true;
  }
  return unknownYet ? undefined : false;
}

/** An array of `item`; at most `limits.maxItems` long. */
export function array<S extends Schema<any>>(item: S): Schema<Infer<S>[]> {
  const node = nodeOf(item);
  const result: ArrayNode = { kind: 'array', item: node, converts: node.converts };
  return result;
}

/** An object with string keys and `value` values (`Record<string, T>`). Keys `__proto__`, `constructor`, `prototype` are refused. */
export function record<S extends Schema<any>>(value: S): Schema<Record<string, Infer<S>>> {
  const node = nodeOf(value);
  const result: RecordNode = { kind: 'record', value: node, converts: node.converts };
  return result;
}

/**
 * One of `members`. Decoding tries them in order and the first that decodes
 * wins, so put the more specific member first (`s.date()` before
 * `s.string()`). Encoding picks the first member whose type the value has.
 */
export function union<const M extends readonly Schema<any>[]>(
  members: M,
): Schema<Infer<M[number]>> {
  const nodes = members.map(nodeOf);
  if (nodes.length === 0) throw new TypeError('contract-gen: s.union() needs at least one member');
  const result: UnionNode = { kind: 'union', members: nodes, converts: anyConverts(nodes) };
  return result;
}

/**
 * Marks a property, tuple element or trailing parameter optional. Absent and
 * `null` both read as absent, unless the inner schema accepts `null`.
 */
export function optional<T>(inner: Schema<T>): OptionalSchema<T> {
  const node = nodeOf(inner);
  const result: OptionalNode = { kind: 'optional', inner: node, converts: node.converts };
  return result as OptionalSchema<T>;
}

/**
 * A schema resolved on first use: for recursion and for references to a
 * schema declared further down (`s.lazy(() => TreeSchema)`).
 */
export function lazy<T>(get: () => Schema<T>): Schema<T> {
  const result: LazyNode = { kind: 'lazy', get, target: undefined, converts: undefined };
  return result;
}
