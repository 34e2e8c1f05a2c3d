import { anyConverts } from './container-schemas.js';
import {
  nodeOf,
  type Infer,
  type OptionalSchema,
  type Schema,
  type TupleNode,
} from './schema-types.js';

/** The tuple type of `items`: optional schemas become optional elements. */
export type InferTuple<M extends readonly unknown[]> = M extends readonly [infer H, ...infer R]
  ? H extends OptionalSchema<infer T>
    ? [T?, ...InferTuple<R>]
    : [Infer<H>, ...InferTuple<R>]
  : [];

/**
 * A fixed-length array: `s.tuple([a, b, s.optional(c)], rest?)` is
 * `[A, B, C?, ...R[]]`. Optional elements must come after the required ones.
 * Without `rest`, extra elements are refused (not dropped).
 */
export function tuple<const M extends readonly Schema<any>[], R = never>(
  items: M,
  rest?: Schema<R>,
): Schema<[R] extends [never] ? InferTuple<M> : [...InferTuple<M>, ...R[]]> {
  const nodes = items.map(nodeOf);
  const required = requiredCount(
    nodes.map((n) => n.kind === 'optional'),
    's.tuple()',
  );
  const restNode = rest === undefined ? undefined : nodeOf(rest);
  const children = restNode === undefined ? nodes : [...nodes, restNode];
  const node: TupleNode = {
    kind: 'tuple',
    items: nodes,
    rest: restNode,
    required,
    converts: anyConverts(children),
  };
  return node;
}

/** How many leading entries are required; throws if a required one follows an optional one. */
export function requiredCount(optional: readonly boolean[], where: string): number {
  const first = optional.indexOf(true);
  if (first === -1) return optional.length;
  if (optional.indexOf(false, first) !== -1) {
    throw new TypeError(
      `contract-gen: ${where}: a required entry follows an optional one (position ${optional.indexOf(false, first)})`,
    );
  }
  return first;
}
