import { anyConverts } from './container-schemas.js';
import {
  nodeOf,
  type Infer,
  type ObjectNode,
  type OptionalSchema,
  type Schema,
  type SchemaNode,
} from './schema-types.js';

type OptionalKeys<P> = { [K in keyof P]: P[K] extends OptionalSchema<any> ? K : never }[keyof P];
type Present<S> = S extends OptionalSchema<infer T> ? T : never;
type Flatten<T> = { [K in keyof T]: T[K] } & {};

/** The object type of `props`: optional schemas become optional properties. */
export type InferObject<P> = Flatten<
  { [K in Exclude<keyof P, OptionalKeys<P>>]: Infer<P[K]> } & {
    [K in OptionalKeys<P>]?: Present<P[K]>;
  }
>;

/** Keys that would let input reach an object's prototype or constructor; never created from input. */
export const forbiddenKeys: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
]);

/**
 * An object with the properties `props` (`s.optional(...)` for optional
 * ones). Decoding drops unknown keys and refuses `__proto__`, `constructor`
 * and `prototype` keys; for the same reason `props` may not declare them.
 */
export function object<const P extends Readonly<Record<string, Schema<any>>>>(
  props: P,
): Schema<InferObject<P>> {
  const keys = Object.keys(props);
  const schemas: SchemaNode[] = [];
  const copy: Record<string, SchemaNode> = Object.create(null) as Record<string, SchemaNode>;
  for (const key of keys) {
    if (forbiddenKeys.has(key))
      throw new TypeError(`contract-gen: s.object() may not declare a property named '${key}'`);
    const node = nodeOf(props[key] as Schema<any>);
    schemas.push(node);
    copy[key] = node;
  }
  const node: ObjectNode = {
    kind: 'object',
    props: copy,
    keys,
    schemas,
    // `toString` and friends are found on every object's prototype, so reading them needs an own-property check.
    inherited: keys.map((key) => key in Object.prototype),
    converts: anyConverts(schemas),
  };
  return node;
}
